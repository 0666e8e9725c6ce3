package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"time"

	"xxgk/embedded"
)

// cmdTestenv starts a throwaway PostgreSQL and Meilisearch, runs the given command with their
// addresses in XXGK_TEST_* variables, and stops them whatever the command's outcome.
func cmdTestenv(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("testenv", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "usage: xxgk testenv [--] command [args...]")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return errors.New("testenv: no command given")
	}
	cfg := loadConfig(env.getenv)
	log := cfg.logger(env.stderr)
	start := time.Now()
	svc, err := embedded.StartThrowaway(ctx, cfg.MeiliBin, log)
	if err != nil {
		return fmt.Errorf("testenv: %w", err)
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := svc.Stop(sctx); err != nil {
			fmt.Fprintln(env.stderr, "testenv: stopping services:", err)
		}
	}()
	fmt.Fprintf(env.stderr, "testenv: PostgreSQL on port %d and Meilisearch at %s ready in %s\n",
		svc.Postgres.Port, svc.Meili.URL, time.Since(start).Round(time.Millisecond))

	cmd := exec.CommandContext(ctx, rest[0], rest[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, env.stdout, env.stderr
	cmd.Env = append(os.Environ(),
		"XXGK_TEST_DATABASE_URL="+svc.Postgres.URL("postgres"),
		"XXGK_TEST_MEILI_URL="+svc.Meili.URL,
		"XXGK_TEST_MEILI_KEY="+svc.Meili.Key,
	)
	// Let the child finish its own clean-up on Ctrl-C before the services go away.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exitCode(exit.ExitCode())
		}
		return fmt.Errorf("testenv: %w", err)
	}
	return nil
}
