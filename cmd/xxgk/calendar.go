package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/requests"
)

// calendarService is the working-day calendar of a running xxgk (web.CalendarService): the
// shipped arrangement merged with the years administrators loaded, held in an atomic pointer
// so that every request reads a whole calendar while a load swaps in the next one.
//
// After a load it hands the new calendar to its users (the applications store's SetCalendar)
// and has the open deadlines recomputed (the applications store's RecomputeOpen, law.md §5.6).
// Refresh, run every minute, notices loads made elsewhere (`xxgk calendar load`, another app
// server) and does the same, so every process converges on the calendar in the database.
type calendarService struct {
	db  *sqlx.DB
	log *slog.Logger
	cur atomic.Pointer[calendar.Calendar]

	mu sync.Mutex // serialises swaps, so users never see an older calendar after a newer one
	// stamp identifies the loaded years behind cur ("" until the first Refresh, which therefore
	// recomputes once at start-up and catches loads made while no server ran).
	stamp string

	// users receive every new calendar (the applications store's SetCalendar).
	users []func(*calendar.Calendar)
	// recompute moves the stored due dates of open applications to the calendar just handed
	// to users and returns how many it changed (the applications store's RecomputeOpen). It
	// must be idempotent: several processes may run it for the same load. nil recomputes
	// nothing.
	recompute func(ctx context.Context, actor audit.Actor) (int, error)
}

// newCalendarService reads the calendar in force from db.
func newCalendarService(ctx context.Context, db *sqlx.DB, log *slog.Logger) (*calendarService, error) {
	cal, err := calendar.Current(ctx, db)
	if err != nil {
		return nil, err
	}
	s := &calendarService{db: db, log: log}
	s.cur.Store(cal)
	return s, nil
}

// deadlineStore is a store whose stored due dates follow the calendar: the applications store
// (requests.Store).
type deadlineStore interface {
	SetCalendar(*calendar.Calendar)
	RecomputeOpen(ctx context.Context, actor audit.Actor) (int, error)
}

var _ deadlineStore = (*requests.Store)(nil)

// follow makes st take every new calendar and recompute its open deadlines after each load.
// Call it before the refresh loop starts.
func (s *calendarService) follow(st deadlineStore) {
	s.users = append(s.users, st.SetCalendar)
	s.recompute = st.RecomputeOpen
}

// Current is the calendar in force.
func (s *calendarService) Current() *calendar.Calendar { return s.cur.Load() }

// LoadedYears lists the years administrators loaded.
func (s *calendarService) LoadedYears(ctx context.Context) ([]calendar.LoadedYear, error) {
	return calendar.LoadedYears(ctx, s.db)
}

// Load stores the CSV's years (audited), swaps in the new calendar and recomputes the open
// deadlines. When the load committed but the recomputation failed, years is set and err says
// so; the next Refresh tries again.
func (s *calendarService) Load(ctx context.Context, actor audit.Actor, csv []byte) (years []int, recomputed int, err error) {
	years, err = calendar.Load(ctx, s.db, actor, csv)
	if err != nil {
		return nil, 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	stamp, err := s.loadedStamp(ctx)
	if err != nil {
		return years, 0, err
	}
	if err := s.swap(ctx); err != nil {
		return years, 0, err
	}
	n, err := s.recomputeWith(ctx, actor)
	if err != nil {
		return years, n, fmt.Errorf("calendar loaded, but recomputing open deadlines failed: %w", err)
	}
	s.stamp = stamp
	return years, n, nil
}

// Refresh picks up years loaded by other processes: when the stored years changed since the
// calendar in force was read, it swaps in the new calendar and recomputes open deadlines as
// the system. It returns the number of deadlines changed (for every's log line).
func (s *calendarService) Refresh(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	stamp, err := s.loadedStamp(ctx)
	if err != nil || stamp == s.stamp {
		return 0, err
	}
	if err := s.swap(ctx); err != nil {
		return 0, err
	}
	n, err := s.recomputeWith(ctx, audit.System)
	if err != nil {
		return n, err
	}
	s.stamp = stamp
	return n, nil
}

// swap reads the calendar in force and hands it to every user.
func (s *calendarService) swap(ctx context.Context) error {
	cal, err := calendar.Current(ctx, s.db)
	if err != nil {
		return err
	}
	s.cur.Store(cal)
	for _, use := range s.users {
		use(cal)
	}
	return nil
}

func (s *calendarService) recomputeWith(ctx context.Context, actor audit.Actor) (int, error) {
	if s.recompute == nil {
		return 0, nil
	}
	return s.recompute(ctx, actor)
}

// loadedStamp identifies the stored years and their load times: a new or reloaded year
// changes it.
func (s *calendarService) loadedStamp(ctx context.Context) (string, error) {
	ys, err := calendar.LoadedYears(ctx, s.db)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("loaded:")
	for _, y := range ys {
		fmt.Fprintf(&b, "%d@%d;", y.Year, y.LoadedAt.UnixMicro())
	}
	return b.String(), nil
}

const calendarUsage = "usage: xxgk calendar load [--dry-run] FILE | xxgk calendar show [--year Y] [--csv]"

func cmdCalendar(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 {
		return errors.New(calendarUsage)
	}
	switch args[0] {
	case "load":
		return calendarLoad(ctx, env, args[1:])
	case "show":
		return calendarShow(ctx, env, args[1:])
	}
	return fmt.Errorf("unknown calendar command %q: %s", args[0], calendarUsage)
}

// calendarLoad adds or corrects years of the working-day calendar from a holiday CSV (the
// format of shared/spec/holidays-cn.csv). A bad file prints "line N, field F: problem" and
// changes nothing. Running servers pick the new calendar up within a minute and recompute
// the open deadlines (calendarService.Refresh).
func calendarLoad(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("calendar load", flag.ContinueOnError)
	dryRun := fs.Bool("dry-run", false, "check the file and show what it would change, without writing anything")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: xxgk calendar load [--dry-run] FILE\n\nFILE is a UTF-8 CSV with the header date,kind,name: one row per holiday day (kind holiday,\nevery day of a break, weekends included) and per worked Saturday or Sunday (kind workday).\nEach year in the file replaces that whole year of the calendar.")
		fs.PrintDefaults()
	}
	cfg := loadConfig(env.getenv)
	cfg.registerFlags(fs)
	fs.SetOutput(env.stderr)
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		fs.Usage()
		return errors.New("calendar load needs exactly one FILE")
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		return err
	}
	parsed, err := calendar.Parse(bytes.NewReader(data))
	var pe *calendar.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w; nothing was loaded", files[0], err)
	}
	if err != nil {
		return err
	}

	cfg.LogLevel = "warn"
	a, err := openApp(ctx, cfg, cfg.logger(env.stderr), needs{})
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	before, err := calendar.Current(ctx, a.db)
	if err != nil {
		return err
	}
	after := before.Merge(parsed)
	verb := "would load"
	if !*dryRun {
		verb = "loaded"
		if _, err := calendar.Load(ctx, a.db, cliActor(), data); err != nil {
			if errors.As(err, &pe) {
				return fmt.Errorf("%s: %w; nothing was loaded", files[0], err)
			}
			return err
		}
	}
	for _, y := range parsed.Years() {
		from, to := calendar.NewDate(y-1, 12, 31), calendar.NewDate(y, 12, 31)
		was := "new year"
		if before.Covers(y) {
			was = fmt.Sprintf("replaces %d working days", before.WorkingDaysBetween(from, to))
		}
		fmt.Fprintf(env.stdout, "%s %d: %d rows, %d working days (%s)\n", verb, y, len(parsed.Notice(y)), after.WorkingDaysBetween(from, to), was)
	}
	if *dryRun {
		fmt.Fprintln(env.stdout, "dry run: nothing was written")
	} else {
		fmt.Fprintln(env.stdout, "running servers switch to it within a minute and recompute open deadlines")
	}
	return nil
}

// calendarShow prints the calendar in force: without --year, every year with its source;
// with --year, that year's rows (or, with --csv, the year as a loadable CSV to correct).
func calendarShow(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("calendar show", flag.ContinueOnError)
	year := fs.Int("year", 0, "the year to show (default: list every year)")
	asCSV := fs.Bool("csv", false, "with --year: print the year in the CSV format 'calendar load' reads")
	a, err := openForCLI(ctx, env, fs, args)
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	if fs.NArg() > 0 {
		return errors.New(calendarUsage)
	}
	cal, err := calendar.Current(ctx, a.db)
	if err != nil {
		return err
	}
	loaded, err := calendar.LoadedYears(ctx, a.db)
	if err != nil {
		return err
	}
	source := func(y int) string {
		for _, ly := range loaded {
			if ly.Year == y {
				return fmt.Sprintf("loaded by %s at %s", ly.LoadedBy, ly.LoadedAt.In(calendar.China).Format("2006-01-02 15:04"))
			}
		}
		return "shipped with xxgk"
	}
	workingDays := func(y int) int {
		return cal.WorkingDaysBetween(calendar.NewDate(y-1, 12, 31), calendar.NewDate(y, 12, 31))
	}
	if *year == 0 {
		for _, y := range cal.Years() {
			fmt.Fprintf(env.stdout, "%d  %3d working days  %s\n", y, workingDays(y), source(y))
		}
		if next := calendar.Today().Year() + 1; !cal.Covers(next) {
			fmt.Fprintf(env.stdout, "%d is not loaded: deadlines reaching into it are provisional (weekends only)\n", next)
		}
		return nil
	}
	if !cal.Covers(*year) {
		return fmt.Errorf("%d is not loaded: its days count weekends only (%d working days); load its notice with 'xxgk calendar load FILE'", *year, workingDays(*year))
	}
	if *asCSV {
		fmt.Fprint(env.stdout, cal.EncodeCSV(*year))
		return nil
	}
	fmt.Fprintf(env.stdout, "%d: %d working days, %s\n", *year, workingDays(*year), source(*year))
	for _, d := range cal.Notice(*year) {
		kind := "day off"
		if d.Kind == calendar.KindWorkday {
			kind = "worked (make-up workday)"
		}
		fmt.Fprintf(env.stdout, "  %s %-9s %-26s %s\n", d.Date, d.Date.Weekday(), kind, d.Name)
	}
	return nil
}

// calendarRefreshInterval is how soon a server notices a year loaded elsewhere.
const calendarRefreshInterval = time.Minute
