package calendar_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"testing"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/database/dbtest"
)

// next2027 is a made-up 2027 notice: its 元旦 break starts on Thursday 2026-12-31 and Saturday
// 2027-02-20 is a make-up workday.
const next2027 = `date,kind,name
2026-12-31,holiday,元旦
2027-01-01,holiday,元旦
2027-01-02,holiday,元旦
2027-01-03,holiday,元旦
2027-02-06,holiday,春节
2027-02-08,holiday,春节
2027-02-20,workday,春节
`

func dt(s string) calendar.Date { return calendar.MustParseDate(s) }

type loadEvent struct {
	Actor   string
	Target  string
	Changes struct {
		Year        int            `json:"year"`
		Replaces    string         `json:"replaces"`
		Holidays    int            `json:"holidays"`
		Workdays    int            `json:"workdays"`
		WorkingDays map[string]int `json:"working_days"`
	}
}

func loadEvents(t *testing.T, db interface {
	SelectContext(context.Context, any, string, ...any) error
}) []loadEvent {
	t.Helper()
	var rows []struct {
		Actor   string `db:"actor"`
		Target  string `db:"target"`
		Changes []byte `db:"changes"`
	}
	if err := db.SelectContext(context.Background(), &rows, `SELECT actor, target, changes FROM audit_events WHERE action = 'calendar.load' ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	var evs []loadEvent
	for _, r := range rows {
		ev := loadEvent{Actor: r.Actor, Target: r.Target}
		if err := json.Unmarshal(r.Changes, &ev.Changes); err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
	return evs
}

func TestLoadAddsAYear(t *testing.T) {
	ctx := context.Background()
	db := dbtest.New(t)
	actor := audit.Actor{Name: "admin", Role: "admin", Via: "session"}

	before, err := calendar.Current(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if due, prov := before.AddWorkingDays(dt("2027-02-05"), 2); due != dt("2027-02-09") || !prov {
		t.Fatalf("before the load: %s, %v; want 2027-02-09 provisional", due, prov)
	}

	years, err := calendar.Load(ctx, db, actor, []byte(next2027))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(years, []int{2027}) {
		t.Errorf("years = %v, want [2027]", years)
	}
	cur, err := calendar.Current(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if !cur.Covers(2027) || !cur.Covers(2026) {
		t.Errorf("Current covers %v, want 2019–2027", cur.Years())
	}
	if due, prov := cur.AddWorkingDays(dt("2027-02-05"), 2); due != dt("2027-02-10") || prov {
		t.Errorf("after the load: %s, %v; want 2027-02-10, final", due, prov)
	}
	if !cur.IsWorkingDay(dt("2027-02-20")) || cur.IsWorkingDay(dt("2026-12-31")) {
		t.Error("the loaded make-up Saturday must count and the notice's 2026-12-31 must be a day off")
	}
	// The shipped years are untouched.
	if got := cur.WorkingDaysBetween(dt("2024-12-31"), dt("2025-12-31")); got != 248 {
		t.Errorf("2025 working days = %d, want 248", got)
	}

	ly, err := calendar.LoadedYears(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(ly) != 1 || ly[0].Year != 2027 || ly[0].LoadedBy != "admin" || ly[0].LoadedAt.IsZero() {
		t.Errorf("LoadedYears = %+v", ly)
	}

	evs := loadEvents(t, db)
	if len(evs) != 1 {
		t.Fatalf("%d calendar.load events, want 1", len(evs))
	}
	ev := evs[0]
	if ev.Actor != "admin" || ev.Target != "calendar:2027" || ev.Changes.Replaces != "none" ||
		ev.Changes.Holidays != 6 || ev.Changes.Workdays != 1 {
		t.Errorf("audit event = %+v", ev)
	}
	// 2027 starts on a Friday: 261 weekdays; the notice takes 01-01, 02-08 and adds 02-20.
	if wd := ev.Changes.WorkingDays; wd["before"] != 261 || wd["after"] != 260 {
		t.Errorf("audit working_days = %v, want before 261 after 260", wd)
	}
}

func TestLoadReplacesAYear(t *testing.T) {
	ctx := context.Background()
	db := dbtest.New(t)
	actor := audit.CLI("ops")

	// A corrected 2026 notice without National Day replaces the shipped 2026 entirely.
	if _, err := calendar.Load(ctx, db, actor, []byte("date,kind,name\n2026-01-01,holiday,元旦\n")); err != nil {
		t.Fatal(err)
	}
	cur, err := calendar.Current(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if !cur.IsWorkingDay(dt("2026-10-01")) || cur.IsWorkingDay(dt("2026-01-01")) {
		t.Error("the corrected 2026 must replace the shipped one")
	}
	// Loading it again replaces the earlier load.
	if _, err := calendar.Load(ctx, db, actor, []byte("date,kind,name\n2026-01-01,holiday,元旦\n2026-10-01,holiday,国庆节\n")); err != nil {
		t.Fatal(err)
	}
	cur, _ = calendar.Current(ctx, db)
	if cur.IsWorkingDay(dt("2026-10-01")) || !cur.IsWorkingDay(dt("2026-10-02")) {
		t.Error("the second load must replace the first")
	}
	evs := loadEvents(t, db)
	if len(evs) != 2 || evs[0].Changes.Replaces != "shipped" || evs[1].Changes.Replaces != "loaded" || evs[0].Actor != "cli:ops" {
		t.Errorf("audit events = %+v", evs)
	}
	if ly, _ := calendar.LoadedYears(ctx, db); len(ly) != 1 || ly[0].Year != 2026 || ly[0].LoadedBy != "cli:ops" {
		t.Errorf("LoadedYears = %+v", ly)
	}
}

// TestLoadRoundTrip loads the whole shipped file: every year is stored as its own notice and
// reads back into exactly the shipped calendar.
func TestLoadRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := dbtest.New(t)
	data, err := os.ReadFile("holidays-cn.csv")
	if err != nil {
		t.Fatal(err)
	}
	years, err := calendar.Load(ctx, db, audit.CLI("test"), data)
	if err != nil {
		t.Fatal(err)
	}
	def, _ := calendar.Default()
	if !slices.Equal(years, def.Years()) {
		t.Errorf("years = %v, want %v", years, def.Years())
	}
	cur, err := calendar.Current(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for day := dt("2018-01-01"); day.Before(dt("2028-01-01")); day = day.AddDays(1) {
		if cur.IsWorkingDay(day) != def.IsWorkingDay(day) {
			t.Fatalf("%s differs after the round trip", day)
		}
	}
	for _, y := range def.Years() {
		if cur.EncodeCSV(y) != def.EncodeCSV(y) {
			t.Errorf("notice %d differs after the round trip", y)
		}
	}
	if evs := loadEvents(t, db); len(evs) != len(years) {
		t.Errorf("%d audit events, want one per year (%d)", len(evs), len(years))
	}
}

func TestLoadRejectsABadFile(t *testing.T) {
	ctx := context.Background()
	db := dbtest.New(t)
	for _, tt := range []struct {
		name, csv string
		line      int
		field     string
	}{
		{"bad date on line 3", "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n", 3, "date"},
		{"workday on a weekday", "date,kind,name\n2027-02-08,workday,春节\n", 2, "kind"},
		{"no days", "date,kind,name\n", 1, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := calendar.Load(ctx, db, audit.CLI("test"), []byte(tt.csv))
			var pe *calendar.ParseError
			if !errors.As(err, &pe) || pe.Line != tt.line || pe.Field != tt.field {
				t.Fatalf("Load error = %v, want line %d field %q", err, tt.line, tt.field)
			}
		})
	}
	if ly, _ := calendar.LoadedYears(ctx, db); len(ly) != 0 {
		t.Errorf("a bad file stored %+v", ly)
	}
	if evs := loadEvents(t, db); len(evs) != 0 {
		t.Errorf("a bad file was audited: %+v", evs)
	}
}
