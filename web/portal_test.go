package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"xxgk/calendar"
)

// TestDisplaySwitch: the 适老化 switch is a plain link that sets (or clears) a lasting cookie and
// returns to the page it was on, never to another site; pages then render in the large-text,
// high-contrast display and offer the way back.
func TestDisplaySwitch(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		target, wantLocation string
		wantOn               bool
	}{
		{"/display?mode=elder&next=/search?q=a", "/search?q=a", true},
		{"/display?mode=elder&next=//evil.example/", "/", true},
		{"/display?mode=elder&next=https://evil.example/", "/", true},
		{"/display?mode=elder&next=/\\evil.example", "/", true},
		{"/display?mode=standard&next=/deadline", "/deadline", false},
		{"/display?next=/", "/", false},
	}
	for _, tt := range tests {
		rec := get(t, s, tt.target)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != tt.wantLocation {
			t.Errorf("%s: %d to %q, want 303 to %q", tt.target, rec.Code, rec.Header().Get("Location"), tt.wantLocation)
		}
		c := rec.Result().Cookies()
		if len(c) != 1 || c[0].Name != displayCookie || !c[0].HttpOnly {
			t.Fatalf("%s: cookies %+v", tt.target, c)
		}
		if on := c[0].Value == "elder" && c[0].MaxAge > 0; on != tt.wantOn {
			t.Errorf("%s: cookie %+v, want on=%v", tt.target, c[0], tt.wantOn)
		}
	}

	page := get(t, s, "/deadline").Body.String()
	if strings.Contains(page, `class="elder"`) || !strings.Contains(page, `href="/display?mode=elder&amp;next=%2Fdeadline"`) {
		t.Errorf("standard page: no switch to the large-text display")
	}
	page = get(t, s, "/deadline", "Cookie", displayCookie+"=elder").Body.String()
	if !strings.Contains(page, `<body class="elder">`) || !strings.Contains(page, "标准模式") ||
		!strings.Contains(page, `href="/display?mode=standard&amp;next=%2Fdeadline"`) {
		t.Errorf("with the cookie the page is not in the large-text display, or offers no way back")
	}
}

// TestDatesInReadersFormat: pages write dates as their readers do, and an instant is dated in
// China (17:00 UTC on the 21st is already the 22nd in Shenyang).
func TestDatesInReadersFormat(t *testing.T) {
	d, _ := calendar.ParseDate("2026-11-22")
	late := time.Date(2026, 11, 21, 17, 0, 0, 0, time.UTC)
	var none *time.Time
	tests := []struct {
		lang string
		v    any
		want string
	}{
		{"zh", d, "2026年11月22日"},
		{"en", d, "22 Nov 2026"},
		{"zh", late, "2026年11月22日"},
		{"en", &late, "22 Nov 2026"},
		{"zh", "2026-03-05", "2026年3月5日"},
		{"en", calendar.NullDate{Date: d, Valid: true}, "22 Nov 2026"},
		{"zh", calendar.NullDate{}, ""},
		{"zh", none, ""},
	}
	for _, tt := range tests {
		if got := (Page{Lang: tt.lang}).Date(tt.v); got != tt.want {
			t.Errorf("%s %v: got %q, want %q", tt.lang, tt.v, got, tt.want)
		}
	}
}
