package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// Sign-in attempts and application submissions are limited per address: past the limit the
// answer is 429 with Retry-After and a message in the caller's language, while another address
// is still served.
func TestRateLimits(t *testing.T) {
	s, _ := accessFixture(t)
	s.signInLimit = newRateLimiter(Limit{N: 2, Window: time.Hour}, nil)
	s.applyLimit = newRateLimiter(Limit{N: 1, Window: time.Hour}, nil)
	send := func(method, path, addr, ctype, body, lang string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.RemoteAddr = addr + ":40000"
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Accept-Language", lang)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec
	}
	form := url.Values{"username": {"nobody"}, "password": {"wrong"}}.Encode()
	for i := 0; i < 2; i++ {
		if rec := send("POST", "/signin", "192.0.2.7", "application/x-www-form-urlencoded", form, "zh"); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("sign-in %d: %d, want 422 (wrong password, within the limit)", i+1, rec.Code)
		}
	}
	rec := send("POST", "/signin", "192.0.2.7", "application/x-www-form-urlencoded", form, "zh")
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "登录尝试过于频繁") || rec.Header().Get("Retry-After") == "" {
		t.Errorf("third sign-in: %d %q, want 429 in Chinese with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	if rec := send("POST", "/signin", "192.0.2.8", "application/x-www-form-urlencoded", form, "zh"); rec.Code != http.StatusUnprocessableEntity {
		t.Errorf("another address: %d, want 422", rec.Code)
	}

	// Applications: the API and the form share the allowance of an address.
	if rec := send("POST", "/api/v1/applications", "198.51.100.1", "application/json", `{"body":"sy-fgw"}`, "en"); rec.Code != http.StatusBadRequest {
		t.Fatalf("first application: %d, want 400 (invalid, within the limit)", rec.Code)
	}
	rec = send("POST", "/api/v1/applications", "198.51.100.1", "application/json", `{"body":"sy-fgw"}`, "en")
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "Too many applications from this address") {
		t.Errorf("second application: %d %s, want 429 in English", rec.Code, rec.Body.String())
	}
	rec = send("POST", "/apply", "198.51.100.1", "application/x-www-form-urlencoded", "body=sy-fgw", "zh")
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "提交的申请过于频繁") {
		t.Errorf("the form after the API: %d, want 429 in Chinese", rec.Code)
	}
	// Asking for suggestions is not a submission.
	if rec := send("POST", "/apply", "198.51.100.1", "application/x-www-form-urlencoded", "op=suggest&description=预算", "zh"); rec.Code != http.StatusOK {
		t.Errorf("suggestions: %d, want 200", rec.Code)
	}
}

func TestRateLimiterWindow(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	l := newRateLimiter(Limit{N: 2, Window: time.Minute}, func() time.Time { return now })
	for i, want := range []bool{true, true, false} {
		if ok, _ := l.allow("a"); ok != want {
			t.Fatalf("request %d: allowed %v, want %v", i+1, ok, want)
		}
	}
	if _, wait := l.allow("a"); wait != time.Minute {
		t.Errorf("wait = %s, want the rest of the window", wait)
	}
	now = now.Add(time.Minute)
	if ok, _ := l.allow("a"); !ok {
		t.Error("a new window must allow again")
	}
	var none *rateLimiter
	if ok, _ := none.allow("a"); !ok {
		t.Error("no limiter allows everything")
	}
}
