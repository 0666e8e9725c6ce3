package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"xxgk/requests"
)

// Values PostgreSQL cannot store (a NUL in text) are the sender's mistake: 400 with a message,
// never 500. The faults suite found 500s for a NUL in path values, queries and JSON fields.
func TestUnstorableTextIs400(t *testing.T) {
	s, tokens := accessFixture(t)
	code, _, raw := apiCall(t, s, "GET", "/api/v1/bodies/a%00b/applications", tokens[auditor], "")
	if code != http.StatusBadRequest || !strings.Contains(raw, "invalid_text") {
		t.Errorf("NUL in a path value: %d %s", code, raw)
	}
	a := testApplicant()
	a.Description = "本市2024年重点建设项目清单\x00"
	body, _ := json.Marshal(struct {
		Body string `json:"body"`
		requests.NewApplication
	}{"sy-fgw", a})
	code, _, raw = apiCall(t, s, "POST", "/api/v1/applications", "", string(body), "Accept-Language", "en")
	if code != http.StatusBadRequest || !strings.Contains(raw, "NUL") {
		t.Errorf("NUL in a JSON field: %d %s", code, raw)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/bodies/a%00b/feed.atom", nil))
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "NUL") {
		t.Errorf("NUL in a page's path: %d %.300s", rec.Code, rec.Body.String())
	}
}
