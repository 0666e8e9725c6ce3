package calendar

import (
	"database/sql/driver"
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"2025-01-20", "2025-01-20", false},
		{"2024-02-29", "2024-02-29", false},
		{"2000-02-29", "2000-02-29", false},
		{"0001-01-01", "0001-01-01", false},
		{"9999-12-31", "9999-12-31", false},
		{"2025-02-29", "", true}, // not a leap year: must not become 03-01
		{"1900-02-29", "", true},
		{"2025-13-01", "", true},
		{"2025-00-10", "", true},
		{"2025-04-31", "", true},
		{"2025-01-00", "", true},
		{"0000-01-01", "", true},
		{"2025-1-20", "", true},
		{"2025/01/20", "", true},
		{"2025-01-20T00:00:00Z", "", true},
		{" 2025-01-20", "", true},
		{"+025-01-20", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if got.String() != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDateAgreesWithTime checks the day arithmetic against the standard library, which is an
// independent implementation of the proleptic Gregorian calendar.
func TestDateAgreesWithTime(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	t0 := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 20000; i++ {
		days := r.IntN(maxRD)
		tm := t0.AddDate(0, 0, days)
		d := DateOf(tm)
		y, m, dd := d.Date()
		if ty, tmn, tdd := tm.Date(); y != ty || m != tmn || dd != tdd {
			t.Fatalf("DateOf(%v).Date() = %d-%d-%d", tm, y, m, dd)
		}
		if d.Weekday() != tm.Weekday() {
			t.Fatalf("%v: Weekday = %v, want %v", d, d.Weekday(), tm.Weekday())
		}
		if got, want := d.String(), tm.Format("2006-01-02"); got != want {
			t.Fatalf("String = %q, want %q", got, want)
		}
		if got := d.Sub(DateOf(t0)); got != days {
			t.Fatalf("%v.Sub(0001-01-01) = %d, want %d", d, got, days)
		}
		n := r.IntN(2000) - 1000
		if got, want := d.AddDays(n), DateOf(tm.AddDate(0, 0, n)); got != want {
			t.Fatalf("%v.AddDays(%d) = %v, want %v", d, n, got, want)
		}
		if d.Year() != y || d.Month() != m || d.Day() != dd {
			t.Fatalf("%v: Year/Month/Day disagree with Date()", d)
		}
		if back, err := ParseDate(d.String()); err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %v, %v", d.String(), back, err)
		}
	}
}

func TestNewDateNormalises(t *testing.T) {
	if got, want := NewDate(2025, 2, 29), MustParseDate("2025-03-01"); got != want {
		t.Errorf("NewDate(2025, 2, 29) = %v, want %v", got, want)
	}
	if got, want := NewDate(2025, 1, 0), MustParseDate("2024-12-31"); got != want {
		t.Errorf("NewDate(2025, 1, 0) = %v, want %v", got, want)
	}
}

func TestDateCompare(t *testing.T) {
	a, b := MustParseDate("2025-01-20"), MustParseDate("2025-01-21")
	if !a.Before(b) || a.After(b) || a.Equal(b) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Errorf("ordering of %v and %v is wrong", a, b)
	}
	if !(Date{}).IsZero() || a.IsZero() {
		t.Error("IsZero wrong")
	}
	if got := (Date{}).String(); got != "" {
		t.Errorf("zero Date String = %q, want empty", got)
	}
}

func TestDateOfAndToday(t *testing.T) {
	// 17:00 UTC on 19 January is 01:00 on 20 January in China: the legal date is the 20th.
	instant := time.Date(2025, 1, 19, 17, 0, 0, 0, time.UTC)
	if got, want := DateOf(instant.In(China)), MustParseDate("2025-01-20"); got != want {
		t.Errorf("DateOf(in China) = %v, want %v", got, want)
	}
	if got, want := DateOf(instant), MustParseDate("2025-01-19"); got != want {
		t.Errorf("DateOf(UTC) = %v, want %v", got, want)
	}
	before := DateOf(time.Now().In(China))
	today := Today()
	after := DateOf(time.Now().In(China))
	if today.Before(before) || today.After(after) {
		t.Errorf("Today() = %v, want between %v and %v", today, before, after)
	}
	if got := MustParseDate("2025-01-20").Time(China); !got.Equal(time.Date(2025, 1, 19, 16, 0, 0, 0, time.UTC)) {
		t.Errorf("Time(China) = %v", got)
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		Received Date     `json:"received"`
		Answered Date     `json:"answered,omitzero"`
		Closed   NullDate `json:"closed"`
		Paid     NullDate `json:"paid"`
	}
	in := doc{Received: MustParseDate("2025-01-20"), Closed: NullDate{MustParseDate("2025-02-21"), true}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"received":"2025-01-20","closed":"2025-02-21","paid":null}`; got != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out != in {
		t.Errorf("round trip = %+v, want %+v", out, in)
	}

	for _, bad := range []string{`{"received":"2025-02-29"}`, `{"received":20250120}`, `{"received":"20.1.2025"}`} {
		if err := json.Unmarshal([]byte(bad), &out); err == nil {
			t.Errorf("Unmarshal(%s) succeeded", bad)
		}
	}
	var z struct{ D Date }
	if b, _ := json.Marshal(z); string(b) != `{"D":null}` {
		t.Errorf("zero Date marshals as %s, want null", b)
	}
}

func TestDateText(t *testing.T) {
	d := MustParseDate("2026-02-10")
	b, err := d.MarshalText()
	if err != nil || string(b) != "2026-02-10" {
		t.Fatalf("MarshalText = %q, %v", b, err)
	}
	var back Date
	if err := back.UnmarshalText(b); err != nil || back != d {
		t.Errorf("UnmarshalText = %v, %v", back, err)
	}
	if err := back.UnmarshalText(nil); err != nil || !back.IsZero() {
		t.Errorf("UnmarshalText(empty) = %v, %v; want zero", back, err)
	}
	if err := back.UnmarshalText([]byte("2026-2-10")); err == nil {
		t.Error("UnmarshalText(2026-2-10) succeeded")
	}
	// Text marshalling makes Date usable as a JSON map key.
	m := map[Date]int{d: 1}
	if b, err := json.Marshal(m); err != nil || string(b) != `{"2026-02-10":1}` {
		t.Errorf("map key marshal = %s, %v", b, err)
	}
}

func TestDateSQL(t *testing.T) {
	want := MustParseDate("2025-01-20")
	srcs := []any{
		time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC), // lib/pq's form for a date column
		time.Date(2025, 1, 20, 0, 0, 0, 0, China),    // a driver that applied a zone must not shift the day
		"2025-01-20",
		[]byte("2025-01-20"),
	}
	for _, src := range srcs {
		var d Date
		if err := d.Scan(src); err != nil || d != want {
			t.Errorf("Scan(%#v) = %v, %v; want %v", src, d, err, want)
		}
	}
	var d Date
	for _, bad := range []any{nil, int64(20250120), "2025-01-20 00:00:00", []byte("x")} {
		if err := d.Scan(bad); err == nil {
			t.Errorf("Scan(%#v) succeeded", bad)
		}
	}
	v, err := want.Value()
	if err != nil || v != driver.Value("2025-01-20") {
		t.Errorf("Value = %#v, %v", v, err)
	}
	if _, err := (Date{}).Value(); err == nil {
		t.Error("zero Date Value succeeded; it must not reach the database")
	}
	if !driver.IsValue(v) {
		t.Errorf("Value %T is not a driver.Value", v)
	}

	var n NullDate
	if err := n.Scan(nil); err != nil || n.Valid {
		t.Errorf("NullDate.Scan(nil) = %+v, %v", n, err)
	}
	if v, err := n.Value(); v != nil || err != nil {
		t.Errorf("invalid NullDate.Value = %v, %v; want nil", v, err)
	}
	if err := n.Scan(time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)); err != nil || !n.Valid || n.Date != want {
		t.Errorf("NullDate.Scan(time) = %+v, %v", n, err)
	}
	if v, err := n.Value(); v != driver.Value("2025-01-20") || err != nil {
		t.Errorf("NullDate.Value = %v, %v", v, err)
	}
}
