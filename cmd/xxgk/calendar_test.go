package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/database/dbtest"
)

const cli2027 = `date,kind,name
2026-12-31,holiday,元旦
2027-01-01,holiday,元旦
2027-02-06,holiday,春节
2027-02-08,holiday,春节
2027-02-20,workday,春节
`

func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCalendarCommands(t *testing.T) {
	url := dbtest.NewURL(t)
	if _, _, err := cli(t, url, "migrate"); err != nil {
		t.Fatal(err)
	}

	// A bad row names the line and field, and nothing is written.
	bad := writeTemp(t, "bad.csv", "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-04,workday,春节\n")
	if _, _, err := cli(t, url, "calendar", "load", bad); err == nil || !strings.Contains(err.Error(), "line 3, field kind:") ||
		!strings.Contains(err.Error(), "nothing was loaded") {
		t.Fatalf("bad file: %v", err)
	}

	good := writeTemp(t, "2027.csv", cli2027)
	out, _, err := cli(t, url, "calendar", "load", good, "--dry-run")
	if err != nil || !strings.Contains(out, "would load 2027: 5 rows, 260 working days (new year)") || !strings.Contains(out, "nothing was written") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	out, _, _ = cli(t, url, "calendar", "show")
	if strings.Contains(out, "2027 ") && !strings.Contains(out, "2027 is not loaded") {
		t.Fatalf("a dry run loaded 2027:\n%s", out)
	}

	out, errOut, err := cli(t, url, "calendar", "load", good)
	if err != nil || !strings.Contains(out, "loaded 2027: 5 rows, 260 working days (new year)") {
		t.Fatalf("load: %v\n%s%s", err, out, errOut)
	}
	out, _, err = cli(t, url, "calendar", "show")
	if err != nil || !strings.Contains(out, "2026  247 working days  shipped with xxgk") || !strings.Contains(out, "2027  260 working days  loaded by cli:") {
		t.Fatalf("show: %v\n%s", err, out)
	}
	out, _, err = cli(t, url, "calendar", "show", "--year", "2027")
	if err != nil || !strings.Contains(out, "2027-02-20 Saturday  worked (make-up workday)") || !strings.Contains(out, "2026-12-31 Thursday  day off") {
		t.Fatalf("show 2027: %v\n%s", err, out)
	}
	out, _, err = cli(t, url, "calendar", "show", "--year", "2027", "--csv")
	if err != nil || out != cli2027 {
		t.Fatalf("show --csv: %v\n%q", err, out)
	}
	if _, _, err := cli(t, url, "calendar", "show", "--year", "2031"); err == nil || !strings.Contains(err.Error(), "2031 is not loaded") {
		t.Fatalf("show 2031: %v", err)
	}
	out, _, err = cli(t, url, "audit", "verify")
	if err != nil || !strings.Contains(out, "intact: 1 events") && !strings.Contains(out, "intact: 1 event") {
		t.Fatalf("audit: %v\n%s", err, out)
	}
}

// TestCalendarService checks the running service: a load swaps the calendar, hands it to the
// stores that count working days and recomputes open deadlines; Refresh picks up loads made
// by another process, once.
func TestCalendarService(t *testing.T) {
	ctx := context.Background()
	db := dbtest.New(t)
	svc, err := newCalendarService(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	fake := &fakeDeadlines{}
	svc.follow(fake)

	// The first Refresh (at start-up) recomputes once; the next finds nothing new.
	if n, err := svc.Refresh(ctx); err != nil || n != 3 {
		t.Fatalf("first Refresh = %d, %v", n, err)
	}
	if n, err := svc.Refresh(ctx); err != nil || n != 0 {
		t.Fatalf("second Refresh = %d, %v", n, err)
	}

	if svc.Current().Covers(2027) {
		t.Fatal("2027 covered before the load")
	}
	admin := audit.Actor{Name: "admin", Role: "admin", Via: "session"}
	if _, _, err := svc.Load(ctx, admin, []byte("date,kind,name\n2027-02-30,holiday,春节\n")); err == nil {
		t.Fatal("bad file loaded")
	} else if pe := new(calendar.ParseError); !errors.As(err, &pe) || pe.Line != 2 {
		t.Fatalf("bad file error = %v", err)
	}
	years, n, err := svc.Load(ctx, admin, []byte(cli2027))
	if err != nil || len(years) != 1 || years[0] != 2027 || n != 3 {
		t.Fatalf("Load = %v, %d, %v", years, n, err)
	}
	cur := svc.Current()
	if !cur.Covers(2027) || cur.IsWorkingDay(calendar.MustParseDate("2027-02-08")) {
		t.Error("Current does not hold the loaded 2027")
	}
	if len(fake.handed) != 2 || fake.handed[1] != cur {
		t.Errorf("the store got %d calendars, the last %p; want the current %p", len(fake.handed), fake.handed[len(fake.handed)-1], cur)
	}
	// The load's own change does not make Refresh recompute again.
	if n, _ := svc.Refresh(ctx); n != 0 {
		t.Errorf("Refresh after own load = %d", n)
	}

	// Another process (the command line) corrects 2027: Refresh swaps and recomputes as the system.
	if _, err := calendar.Load(ctx, db, audit.CLI("ops"), []byte("date,kind,name\n2027-02-08,holiday,春节\n")); err != nil {
		t.Fatal(err)
	}
	if n, err := svc.Refresh(ctx); err != nil || n != 3 {
		t.Fatalf("Refresh after another load = %d, %v", n, err)
	}
	if svc.Current().IsWorkingDay(calendar.MustParseDate("2027-02-20")) {
		t.Error("Refresh kept the old 2027")
	}
	if want := []string{"system", "admin", "system"}; strings.Join(fake.recomputes, ",") != strings.Join(want, ",") {
		t.Errorf("recomputed by %v, want %v", fake.recomputes, want)
	}
}

// fakeDeadlines stands for the applications store.
type fakeDeadlines struct {
	mu         sync.Mutex
	handed     []*calendar.Calendar
	recomputes []string
}

func (f *fakeDeadlines) SetCalendar(c *calendar.Calendar) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handed = append(f.handed, c)
}

func (f *fakeDeadlines) RecomputeOpen(ctx context.Context, actor audit.Actor) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.recomputes = append(f.recomputes, actor.Name)
	return 3, nil
}
