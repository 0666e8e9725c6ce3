package catalog_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/database/dbtest"
)

// fixture is a store on a fresh database with a clock the test sets.
type fixture struct {
	ctx   context.Context
	db    *sqlx.DB
	s     *catalog.Store
	actor audit.Actor

	mu  sync.Mutex
	now time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	db := dbtest.New(t)
	f := &fixture{ctx: context.Background(), db: db, s: catalog.NewStore(db, cal),
		actor: audit.Actor{Name: "officer1", Role: "officer", Via: "session"}}
	f.setNow(at("2025-06-16 10:00"))
	f.s.SetClock(func() time.Time {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.now
	})
	return f
}

func (f *fixture) setNow(t time.Time) {
	f.mu.Lock()
	f.now = t
	f.mu.Unlock()
}

// at parses "YYYY-MM-DD HH:MM" in China.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.China)
	if err != nil {
		panic(err)
	}
	return t
}

func day(s string) calendar.Date { return calendar.MustParseDate(s) }

// orgCode returns a valid unified social credit code built on the 17 characters given.
func orgCode(t *testing.T, first17 string) string {
	t.Helper()
	c, err := bodies.USCCCheckChar(first17)
	if err != nil {
		t.Fatal(err)
	}
	return first17 + string(c)
}

func (f *fixture) body(t *testing.T, code, name, org, parent string) bodies.Body {
	t.Helper()
	b, err := bodies.NewStore(f.db).Create(f.ctx, audit.CLI("test"), bodies.NewBody{Code: code, Name: name, OrgCode: org, Parent: parent})
	if err != nil {
		t.Fatalf("create body %s: %v", code, err)
	}
	return b
}

// city creates the body "sy" (org code 000014349) and returns its code.
func (f *fixture) city(t *testing.T) string {
	t.Helper()
	return f.body(t, "sy", "沈阳市人民政府", "000014349", "").Code
}

func (f *fixture) create(t *testing.T, body string, in catalog.EntryInput) catalog.Entry {
	t.Helper()
	e, err := f.s.Create(f.ctx, f.actor, body, in)
	if err != nil {
		t.Fatalf("create %q: %v", in.Title, err)
	}
	return e
}

func (f *fixture) publish(t *testing.T, id int64) catalog.Entry {
	t.Helper()
	e, err := f.s.Publish(f.ctx, f.actor, id)
	if err != nil {
		t.Fatalf("publish %d: %v", id, err)
	}
	return e
}

func (f *fixture) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.db.GetContext(f.ctx, &n, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func (f *fixture) outbox(t *testing.T, id int64) int {
	t.Helper()
	return f.count(t, `SELECT count(*) FROM search_outbox WHERE entry_id = $1`, id)
}

func (f *fixture) events(t *testing.T, action, target string) int {
	t.Helper()
	return f.count(t, `SELECT count(*) FROM audit_events WHERE action = $1 AND target = $2`, action, target)
}

func other(title string, formed string) catalog.EntryInput {
	return catalog.EntryInput{Title: title, FormedOn: day(formed), Column: "art20-2", Kind: catalog.KindOther}
}

func normative(title, formed string) catalog.EntryInput {
	return catalog.EntryInput{Title: title, FormedOn: day(formed), Kind: catalog.KindNormative,
		Issuers: []string{"沈阳市人民政府"}}
}

func wantValidation(t *testing.T, err error, fields ...string) {
	t.Helper()
	var v catalog.ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("error %v is not a ValidationError (want fields %v)", err, fields)
	}
	for _, fl := range fields {
		if v[fl] == "" {
			t.Errorf("validation error %v lacks field %q", v, fl)
		}
	}
	if len(v) != len(fields) {
		t.Errorf("validation error %v: want exactly fields %v", v, fields)
	}
}
