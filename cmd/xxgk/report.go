package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"xxgk/calendar"
	"xxgk/reports"
	"xxgk/typeset"
)

func cmdReport(ctx context.Context, env *environment, args []string) error {
	const usage = "usage: xxgk report annual --body CODE --year YYYY [--format json|xlsx|pdf] [--out FILE]"
	if len(args) == 0 {
		return errors.New(usage)
	}
	switch args[0] {
	case "annual":
		return reportAnnual(ctx, env, args[1:])
	}
	return fmt.Errorf("unknown report command %q: %s", args[0], usage)
}

// reportAnnual writes a body's annual disclosure report as it stands (its locked snapshot, or
// the draft computed now) in one of the export formats, with the identity checks on stderr.
func reportAnnual(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("report annual", flag.ContinueOnError)
	body := fs.String("body", "", "code of the body, e.g. sy-fgw (required)")
	year := fs.Int("year", 0, "the year the report is about, e.g. 2025 (required)")
	format := fs.String("format", "json", "json, xlsx or pdf")
	out := fs.String("out", "", `output file (default <body>-<year>-annual-report.<format>; "-" for standard output)`)
	rollup := fs.Bool("rollup", false, "for a government: the rollup of the government and its departments instead of its own report")
	fontDir := fs.String("font-dir", "", "folder of LXGWWenKai-Regular.ttf and -Bold.ttf for PDF (default "+typeset.DefaultFontDir+")")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: xxgk report annual --body CODE --year YYYY [--format json|xlsx|pdf] [--out FILE]")
		fs.PrintDefaults()
	}
	cfg := loadConfig(env.getenv)
	cfg.registerFlags(fs)
	fs.SetOutput(env.stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	var problems []string
	if *body == "" {
		problems = append(problems, "--body: required")
	}
	if *year == 0 {
		problems = append(problems, "--year: required")
	}
	if *format != "json" && *format != "xlsx" && *format != "pdf" {
		problems = append(problems, fmt.Sprintf("--format: %q is not json, xlsx or pdf", *format))
	}
	if fs.NArg() > 0 {
		problems = append(problems, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(env.stderr, p)
		}
		return fmt.Errorf("report annual: %d %s", len(problems), plural(len(problems), "problem", "problems"))
	}
	cfg.LogLevel = "warn"
	a, err := openApp(ctx, cfg, cfg.logger(env.stderr), needs{})
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	cal, err := calendar.Default()
	if err != nil {
		return err
	}
	store := reports.NewStore(a.db, cal)
	var rep reports.Report
	if *rollup {
		var ro reports.Rollup
		ro, err = store.Rollup(ctx, *body, *year)
		rep = ro.Report
	} else {
		rep, err = store.Build(ctx, *body, *year)
	}
	var v reports.ValidationError
	switch {
	case errors.Is(err, reports.ErrNotFound):
		return fmt.Errorf("--body: no body %q (see 'xxgk body list')", *body)
	case errors.As(err, &v):
		for field, msg := range v {
			if field == "year" {
				field = "--year"
			} else if field == "body" {
				field = "--body"
			}
			fmt.Fprintf(env.stderr, "%s: %s\n", field, msg)
		}
		return errors.New("report annual: invalid arguments")
	case err != nil:
		return err
	}

	var buf bytes.Buffer
	switch *format {
	case "json":
		b, err := rep.ToJSON()
		if err != nil {
			return err
		}
		buf.Write(append(b, '\n'))
	case "xlsx":
		err = rep.WriteXLSX(&buf)
	case "pdf":
		err = rep.WritePDF(&buf, reports.PDFOptions{FontDir: *fontDir})
	}
	if err != nil {
		return err
	}
	if *out == "" {
		*out = fmt.Sprintf("%s-%d-annual-report.%s", *body, *year, *format)
	}
	if *out == "-" {
		_, err = buf.WriteTo(env.stdout)
	} else {
		err = os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	if err != nil {
		return err
	}
	state := "draft computed now"
	if rep.Locked != nil {
		state = "locked " + rep.Locked.At.In(calendar.China).Format("2006-01-02 15:04") + " by " + rep.Locked.By
	}
	failed := 0
	for _, r := range rep.Check() {
		if r.Status == reports.StatusFail || r.Status == reports.StatusWarn {
			failed++
			fmt.Fprintf(env.stderr, "identity %d %s: %s\n", r.ID, r.Status, r.Description)
			for _, m := range r.Mismatches {
				fmt.Fprintf(env.stderr, "  表%s %s / %s: %s\n", m.Table, m.Row, m.Column, m.Message)
			}
		}
	}
	if *out != "-" {
		fmt.Fprintf(env.stdout, "wrote %s: %s (%s, template %s, %d identity %s)\n", *out, rep.Title(), state, rep.Template,
			failed, plural(failed, "problem", "problems"))
	}
	return nil
}
