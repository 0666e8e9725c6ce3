package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/requests"
)

// progressMinRows is the smallest import that gets a progress bar: smaller files finish before
// a bar would say anything.
const progressMinRows = 5000

func cmdImport(ctx context.Context, env *environment, args []string) error {
	const usage = "usage: xxgk import catalog|applications|appeals --body CODE [--dry-run] FILE | xxgk import template [applications|appeals] [--format xlsx|csv] [-o FILE]"
	if len(args) == 0 {
		return errors.New(usage)
	}
	switch args[0] {
	case "catalog":
		return importCatalog(ctx, env, args[1:])
	case "applications", "appeals":
		return importRequests(ctx, env, requests.ImportKind(args[0]), args[1:])
	case "template":
		if len(args) > 1 && (args[1] == "applications" || args[1] == "appeals") {
			return importRequestsTemplate(env, requests.ImportKind(args[1]), args[2:])
		}
		return importTemplate(env, args[1:])
	}
	return fmt.Errorf("unknown import command %q: %s", args[0], usage)
}

// importCatalog imports a department's existing catalog: every problem of the file is printed
// as "row N, column X: problem", one per line on stdout, and the command exits with status 1
// having written nothing; otherwise every row is imported in one transaction.
func importCatalog(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("import catalog", flag.ContinueOnError)
	body := fs.String("body", "", "code of the body whose catalog this is, e.g. sy-fgw (required)")
	dryRun := fs.Bool("dry-run", false, "check every row and report problems without writing anything")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: xxgk import catalog --body CODE [--dry-run] FILE\n\nFILE is CSV (UTF-8 or GBK) or XLSX with the template's headers; see 'xxgk import template'.")
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
		return errors.New("import catalog needs --body and exactly one FILE")
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
	cal, err := calendar.Default()
	if err != nil {
		return err
	}
	store := catalog.NewStore(a.db, cal)

	opts := catalog.ImportOptions{DryRun: *dryRun, FileName: filepath.Base(name)}
	var bar *progressbar.ProgressBar
	if isTerminal(env.stderr) {
		opts.Progress = func(done, total int) {
			if total < progressMinRows {
				return
			}
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(env.stderr),
					progressbar.OptionSetDescription("importing"), progressbar.OptionShowCount(),
					progressbar.OptionSetPredictTime(true), progressbar.OptionThrottle(100*time.Millisecond),
					progressbar.OptionClearOnFinish())
			}
			_ = bar.Set(done)
		}
	}
	res, err := store.ImportFile(ctx, cliActor(), *body, opts.FileName, bytes.NewReader(data), opts)
	if bar != nil {
		_ = bar.Finish()
	}
	var ie *catalog.ImportError
	if errors.As(err, &ie) {
		for _, p := range ie.Problems {
			fmt.Fprintln(env.stdout, p.String())
		}
		fmt.Fprintf(env.stderr, "%s: %d %s; nothing imported\n", name, len(ie.Problems), plural(len(ie.Problems), "problem", "problems"))
		return exitCode(1)
	}
	if errors.Is(err, catalog.ErrNotFound) {
		return fmt.Errorf("no body %q (see 'xxgk body list')", *body)
	}
	if err != nil {
		return err
	}
	verb := "imported"
	if res.DryRun {
		verb = "dry run, nothing written: would import"
	}
	fmt.Fprintf(env.stdout, "%s %d %s into %s: %d published (%d numbered by xxgk), %d %s\n", verb, res.Rows,
		plural(res.Rows, "entry", "entries"), *body, res.Published, res.Generated, res.Drafts, plural(res.Drafts, "draft", "drafts"))
	return nil
}

// importTemplate writes the template officers fill in, XLSX by default.
func importTemplate(env *environment, args []string) error {
	fs := flag.NewFlagSet("import template", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	format := fs.String("format", "xlsx", "xlsx or csv")
	out := fs.String("o", "", `output file (default catalog-import-template.<format>; "-" for standard output)`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("import template: unexpected argument %q", fs.Arg(0))
	}
	var buf bytes.Buffer
	switch *format {
	case "xlsx":
		if err := catalog.WriteImportTemplate(&buf); err != nil {
			return err
		}
	case "csv":
		buf.Write(catalog.ImportTemplateCSV())
	default:
		return fmt.Errorf("import template: --format %q: want xlsx or csv", *format)
	}
	switch *out {
	case "-":
		_, err := buf.WriteTo(env.stdout)
		return err
	case "":
		*out = "catalog-import-template." + *format
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "wrote", *out)
	return nil
}

// parseInterspersed parses flags that may come before or after the positional arguments
// (xxgk import catalog FILE --dry-run), returning the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
