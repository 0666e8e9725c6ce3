package web

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// call sends method target with body as the caller holding token and returns the response.
func call(t *testing.T, s *Server, token, method, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func TestAuditLogBrowseAndExport(t *testing.T) {
	s, tokens := accessFixture(t)
	// The fixture's body and user creations are in the log; add a token revocation.
	var created struct{ Info struct{ ID int64 } }
	rec := call(t, s, tokens[officerHere], "POST", "/api/v1/tokens", `{"name":"importer"}`)
	if rec.Code != http.StatusCreated {
		t.Fatalf("create token: %d %s", rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil {
		t.Fatal(err)
	}

	var page struct {
		Total  int `json:"total"`
		Events []struct {
			Action, Actor, Target string
		} `json:"events"`
	}
	rec = call(t, s, tokens[auditor], "GET", "/api/v1/audit?action=token.create&actor=officer.fgw", "")
	if rec.Code != http.StatusOK {
		t.Fatalf("audit API: %d %s", rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || page.Events[0].Action != "token.create" || !strings.HasPrefix(page.Events[0].Actor, "officer.fgw") {
		t.Errorf("filtered audit = %+v, want the officer's own token creation", page)
	}

	rec = call(t, s, tokens[auditor], "GET", "/console/audit?action=body.create", "")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "body:sy-jyj") || strings.Contains(rec.Body.String(), "token.create</code>") {
		t.Errorf("audit page: %d, want body.create events only", rec.Code)
	}

	rec = call(t, s, tokens[admin], "GET", "/console/audit/export?format=csv&body=sy-fgw", "")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), ".csv") || !strings.Contains(rec.Body.String(), "body:sy-fgw") {
		t.Errorf("CSV export: %d %q %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	rec = call(t, s, tokens[admin], "GET", "/console/audit/export?format=xlsx", "")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), "PK") {
		t.Errorf("XLSX export: %d, want a zip", rec.Code)
	}
	for _, target := range []string{"/console/audit/export?format=pdf", "/api/v1/audit?from=yesterday"} {
		if rec := call(t, s, tokens[admin], "GET", target, ""); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", target, rec.Code)
		}
	}
}

func TestTokensAPI(t *testing.T) {
	s, tokens := accessFixture(t)
	rec := call(t, s, tokens[officerHere], "POST", "/api/v1/tokens", `{"name":"nightly import"}`)
	if rec.Code != http.StatusCreated || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	var created struct {
		Token string
		Info  struct{ ID int64 }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &created); err != nil {
		t.Fatal(err)
	}
	if rec := call(t, s, created.Token, "GET", "/api/v1/tokens", ""); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "nightly import") {
		t.Fatalf("the new token lists its owner's tokens: %d %s", rec.Code, rec.Body)
	}
	if strings.Contains(call(t, s, tokens[officerHere], "GET", "/api/v1/tokens", "").Body.String(), created.Token) {
		t.Error("a token listing shows a secret")
	}
	id := "/api/v1/tokens/" + strconv.FormatInt(created.Info.ID, 10)
	// Another officer can neither see nor revoke it.
	if rec := call(t, s, tokens[officerThere], "GET", "/api/v1/tokens?username=officer.fgw", ""); rec.Code != http.StatusForbidden {
		t.Errorf("other officer lists officer.fgw's tokens: %d", rec.Code)
	}
	if rec := call(t, s, tokens[officerThere], "DELETE", id, ""); rec.Code != http.StatusNotFound {
		t.Errorf("other officer revokes: %d, want 404", rec.Code)
	}
	if rec := call(t, s, tokens[admin], "GET", "/api/v1/tokens?username=officer.fgw", ""); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "nightly import") {
		t.Errorf("admin lists officer.fgw's tokens: %d", rec.Code)
	}
	if rec := call(t, s, tokens[officerHere], "DELETE", id, ""); rec.Code != http.StatusNoContent {
		t.Fatalf("owner revokes: %d %s", rec.Code, rec.Body)
	}
	if rec := call(t, s, created.Token, "GET", "/api/v1/tokens", ""); rec.Code != http.StatusUnauthorized {
		t.Errorf("revoked token still works: %d", rec.Code)
	}
	if rec := call(t, s, tokens[auditor], "GET", "/api/v1/audit?action=token.revoke", ""); !strings.Contains(rec.Body.String(), `"total":1`) {
		t.Errorf("revocation not audited: %s", rec.Body)
	}
}
