package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os/user"
	"text/tabwriter"
	"time"

	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/seed"
)

// cliActor is who the audit log names for a command-line change: the operating-system user.
func cliActor() audit.Actor {
	name := "unknown"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	return audit.CLI(name)
}

// openForCLI parses the shared flags and opens the database (no search engine).
func openForCLI(ctx context.Context, env *environment, fs *flag.FlagSet, args []string) (*app, error) {
	cfg := loadConfig(env.getenv)
	cfg.registerFlags(fs)
	fs.SetOutput(env.stderr)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	cfg.LogLevel = "warn"
	return openApp(ctx, cfg, cfg.logger(env.stderr), needs{})
}

func cmdBody(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: xxgk body create|list [flags]")
	}
	switch args[0] {
	case "create":
		fs := flag.NewFlagSet("body create", flag.ContinueOnError)
		var nb bodies.NewBody
		fs.StringVar(&nb.Code, "code", "", "short code, e.g. sy-fgw (required)")
		fs.StringVar(&nb.Name, "name", "", "full Chinese name, e.g. 沈阳市发展和改革委员会 (required)")
		fs.StringVar(&nb.NameEN, "name-en", "", "English name")
		fs.StringVar(&nb.OrgCode, "org-code", "", "9-character organisation code or 18-character unified social credit code (required)")
		fs.StringVar(&nb.Parent, "parent", "", "parent body's code")
		fs.StringVar(&nb.Kind, "kind", "", "government or department (default: from the name)")
		fs.StringVar(&nb.Level, "level", "", "province, city, county or township (default: from the parent)")
		fs.StringVar(&nb.Office.Phone, "office-phone", "", "disclosure office phone")
		fs.StringVar(&nb.Office.Email, "office-email", "", "disclosure office e-mail")
		fs.StringVar(&nb.Office.Address, "office-address", "", "disclosure office address")
		a, err := openForCLI(ctx, env, fs, args[1:])
		if err != nil {
			return err
		}
		defer a.close(context.Background())
		b, err := bodies.NewStore(a.db).Create(ctx, cliActor(), nb)
		var v bodies.ValidationError
		if errors.As(err, &v) {
			printValidation(env, v)
			return errors.New("body not created")
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "created %s %s (%s, %s, org code %s)\n", b.Code, b.Name, b.Kind, b.Level, b.OrgCode)
		return nil
	case "list":
		fs := flag.NewFlagSet("body list", flag.ContinueOnError)
		a, err := openForCLI(ctx, env, fs, args[1:])
		if err != nil {
			return err
		}
		defer a.close(context.Background())
		bs, err := bodies.NewStore(a.db).List(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "CODE\tNAME\tKIND\tLEVEL\tORG CODE\tPARENT")
		for _, b := range bs {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", b.Code, b.Name, b.Kind, b.Level, b.OrgCode, b.ParentCode)
		}
		return w.Flush()
	}
	return fmt.Errorf("unknown body command %q: want create or list", args[0])
}

func cmdAudit(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("usage: xxgk audit verify")
	}
	a, err := openForCLI(ctx, env, flag.NewFlagSet("audit verify", flag.ContinueOnError), args[1:])
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	n, err := audit.Verify(ctx, a.db)
	var chain *audit.ChainError
	if errors.As(err, &chain) {
		fmt.Fprintf(env.stdout, "audit log BROKEN at event %d: %s (%d events read)\n", chain.EventID, chain.Reason, n)
		return exitCode(2)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "audit log intact: %d events\n", n)
	return nil
}

func cmdSeed(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	demo := fs.Bool("demo", false, "load the demo data set (a city with its departments and districts) into an empty database")
	scale := fs.Float64("scale", 0, "load the generated data set at this scale into an empty database: 1 is ~330 bodies, 1,000,000 catalog entries and 200,000 applications; 0.05 a twentieth")
	seedN := fs.Uint64("seed", 1, "with --scale: the seed of the generated applications")
	a, err := openForCLI(ctx, env, fs, args)
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	switch {
	case *demo && *scale == 0:
		if _, err := seed.LoadDemo(ctx, a.db); err != nil {
			return err
		}
		fmt.Fprintln(env.stdout, "demo data loaded")
		return nil
	case *scale > 0 && !*demo:
		start := time.Now()
		res, err := seed.LoadScale(ctx, a.db, seed.ScaleOptions{Scale: *scale, Seed: *seedN, Progress: env.stderr})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "generated data loaded in %s: %d bodies, %d catalog entries (%d drafts), %d applications (%d open) with %d events, %d reviews and lawsuits\n",
			time.Since(start).Round(time.Second), res.Bodies, res.Entries, res.Drafts, res.Applications, res.Open, res.Events, res.Appeals)
		fmt.Fprintf(env.stdout, "  bodies and accounts %s, catalog %s (of which fallback-search indexes %s), applications %s\n",
			res.BodiesTook.Round(time.Millisecond), res.CatalogTook.Round(time.Second), res.IndexesTook.Round(time.Second), res.ApplicationsTook.Round(time.Second))
		fmt.Fprintln(env.stdout, "  the search outbox holds every published entry: a running `xxgk serve` indexes them, or run `xxgk reindex`")
		return nil
	}
	return errors.New("usage: xxgk seed --demo | xxgk seed --scale N [--seed S]")
}
