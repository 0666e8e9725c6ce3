package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestConsoleAppeals(t *testing.T) {
	s, tokens := accessFixture(t)
	form := url.Values{"kind": {"review"}, "tracking_no": {fixtureTrackingNo}, "filed_on": {"2026-03-02"}, "result": {"pending"}, "note": {"沈阳市人民政府行政复议"}}
	post := func(who who, target string, v url.Values) int {
		return do(s, "POST", target, tokens[who], strings.NewReader(v.Encode()), "Content-Type", "application/x-www-form-urlencoded").Code
	}
	if code := post(officerThere, "/console/bodies/sy-fgw/appeals", form); code != http.StatusForbidden {
		t.Errorf("another body's officer records an appeal: %d", code)
	}
	if code := post(officerHere, "/console/bodies/sy-fgw/appeals", form); code != http.StatusSeeOther {
		t.Fatalf("record an appeal: %d", code)
	}
	bad := url.Values{"kind": {"review"}, "tracking_no": {"YSQ-2026-NOPE-000001"}, "filed_on": {"2026-03-02"}, "result": {"pending"}}
	if code := post(officerHere, "/console/bodies/sy-fgw/appeals", bad); code != http.StatusUnprocessableEntity {
		t.Errorf("unknown application: %d, want 422", code)
	}
	page := do(s, "GET", "/console/bodies/sy-fgw/appeals", tokens[auditor], nil).Body.String()
	if !strings.Contains(page, "沈阳市人民政府行政复议") || !strings.Contains(page, fixtureTrackingNo) || strings.Contains(page, `action="/console/bodies/sy-fgw/appeals"`) {
		t.Errorf("the auditor sees the case without forms:\n%s", page)
	}
	// The officer records the result with the case's own form.
	officerPage := do(s, "GET", "/console/bodies/sy-fgw/appeals", tokens[officerHere], nil).Body.String()
	m := regexp.MustCompile(`action="(/console/appeals/\d+)"`).FindStringSubmatch(officerPage)
	if m == nil {
		t.Fatal("no result form for the pending case")
	}
	if code := post(officerHere, m[1], url.Values{"result": {"upheld"}, "concluded_on": {"2026-05-20"}}); code != http.StatusSeeOther {
		t.Fatalf("record result: %d", code)
	}
	if page := do(s, "GET", "/console/bodies/sy-fgw/appeals", tokens[officerHere], nil).Body.String(); !strings.Contains(page, "结果维持") || !strings.Contains(page, "2026年5月20日") {
		t.Error("the result was not recorded")
	}
}
