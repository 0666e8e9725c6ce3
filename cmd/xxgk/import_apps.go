package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"xxgk/requests"
)

// importRequests imports a body's historical applications (kind applications) or its reviews and
// lawsuits (kind appeals): like import catalog, every problem is printed as "row N, column X:
// problem", one per line on stdout, and the command exits with status 1 having written
// nothing; otherwise every row is imported in one transaction.
func importRequests(ctx context.Context, env *environment, kind requests.ImportKind, args []string) error {
	fs := flag.NewFlagSet("import "+string(kind), flag.ContinueOnError)
	body := fs.String("body", "", "code of the body the records belong to, e.g. sy-fgw (required)")
	dryRun := fs.Bool("dry-run", false, "check every row and report problems without writing anything")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: xxgk import %s --body CODE [--dry-run] FILE\n\nFILE is CSV (UTF-8 or GBK) or XLSX with the template's headers; see 'xxgk import template %s'.\n", kind, kind)
		fs.PrintDefaults()
	}
	cfg := loadConfig(env.getenv)
	cfg.registerFlags(fs)
	fs.SetOutput(env.stderr)
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *body == "" || len(files) != 1 {
		fs.Usage()
		return fmt.Errorf("import %s needs --body and exactly one FILE", kind)
	}
	name := files[0]
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	cfg.LogLevel = "warn"
	a, err := openApp(ctx, cfg, cfg.logger(env.stderr), needs{})
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	im := requests.NewImporter(a.db)
	opts := requests.ImportOptions{DryRun: *dryRun, FileName: filepath.Base(name)}
	var res requests.ImportResult
	if kind == requests.ImportAppealsKind {
		res, err = im.ImportAppeals(ctx, cliActor(), *body, name, bytes.NewReader(data), opts)
	} else {
		res, err = im.ImportApplications(ctx, cliActor(), *body, name, bytes.NewReader(data), opts)
	}
	var ie *requests.ImportError
	if errors.As(err, &ie) {
		for _, p := range ie.Problems {
			fmt.Fprintln(env.stdout, p.String())
		}
		fmt.Fprintf(env.stderr, "%s: %d %s; nothing imported\n", name, len(ie.Problems), plural(len(ie.Problems), "problem", "problems"))
		return exitCode(1)
	}
	if errors.Is(err, requests.ErrNotFound) {
		return fmt.Errorf("no body %q (see 'xxgk body list')", *body)
	}
	if err != nil {
		return err
	}
	verb := "imported"
	if res.DryRun {
		verb = "dry run, nothing written: would import"
	}
	if kind == requests.ImportAppealsKind {
		fmt.Fprintf(env.stdout, "%s %d %s into %s: %d linked to applications, %d pending\n", verb, res.Rows,
			plural(res.Rows, "appeal", "appeals"), *body, res.Linked, res.Pending)
		return nil
	}
	fmt.Fprintf(env.stdout, "%s %d %s into %s: %d concluded, %d open (%d numbered by xxgk)\n", verb, res.Rows,
		plural(res.Rows, "application", "applications"), *body, res.Concluded, res.Open, res.Generated)
	return nil
}

// importRequestsTemplate writes the template of the applications or appeals import, XLSX by
// default: xxgk import template applications|appeals [--format xlsx|csv] [-o FILE].
func importRequestsTemplate(env *environment, kind requests.ImportKind, args []string) error {
	fs := flag.NewFlagSet("import template "+string(kind), flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	format := fs.String("format", "xlsx", "xlsx or csv")
	out := fs.String("o", "", `output file (default `+string(kind)+`-import-template.<format>; "-" for standard output)`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("import template %s: unexpected argument %q", kind, fs.Arg(0))
	}
	var buf bytes.Buffer
	switch *format {
	case "xlsx":
		if err := requests.WriteImportTemplate(&buf, kind); err != nil {
			return err
		}
	case "csv":
		b, err := requests.ImportTemplateCSV(kind)
		if err != nil {
			return err
		}
		buf.Write(b)
	default:
		return fmt.Errorf("import template: --format %q: want xlsx or csv", *format)
	}
	switch *out {
	case "-":
		_, err := buf.WriteTo(env.stdout)
		return err
	case "":
		*out = string(kind) + "-import-template." + *format
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "wrote", *out)
	return nil
}
