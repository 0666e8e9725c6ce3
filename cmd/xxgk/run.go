package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// version is set at link time by the Makefile (-X main.version=…).
var version = "dev"

// exitCode ends the process with a given status and no message, as when a child command
// (testenv) or a check (audit verify) has already said what went wrong.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// errUsage marks an error in the command line: the command's usage follows it.
var errUsage = errors.New("usage")

type command struct {
	summary string
	run     func(ctx context.Context, env *environment, args []string) error
}

// environment is what every subcommand gets from run: no globals.
type environment struct {
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
}

func commands() map[string]command {
	return map[string]command{
		"serve":   {"serve the portal, console and API", cmdServe},
		"migrate": {"apply pending database migrations", cmdMigrate},
		"version": {"print the version", cmdVersion},
		"testenv": {"run a command with throwaway PostgreSQL and Meilisearch (make test uses it)", cmdTestenv},
		"body":    {"create or list bodies (governments and departments)", cmdBody},
		"audit":   {"verify the audit log's hash chain", cmdAudit},
		"seed":    {"load the demo data set into an empty database", cmdSeed},
		"user":    {"create or list accounts (admin, officer, auditor)", cmdUser},
		"token":   {"create, list or revoke API tokens", cmdToken},
		"import":  {"import a department's existing catalog (CSV or XLSX), or write the template", cmdImport},
		"reindex": {"rebuild the search index from PostgreSQL and swap it in", cmdReindex},
		"report":  {"export a body's annual disclosure report as JSON, Excel or PDF", cmdReport},

		"bench":    {"measure the public pages against their bare SQL (bench pages) and write docs/benchmarks.md (bench report)", cmdBench},
		"calendar": {"load a year's holiday arrangement (CSV) or show the working-day calendar", cmdCalendar},
	}
}

// run is the whole program: main only adds the process's arguments, environment and signals.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	env := &environment{getenv: getenv, stdout: stdout, stderr: stderr}
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout, cmds)
		return nil
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		usage(stderr, cmds)
		return fmt.Errorf("unknown command %q", args[0])
	}
	err := cmd.run(ctx, env, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("xxgk: government information disclosure (政府信息公开)\n\nUsage: xxgk <command> [flags]\n\nCommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-10s %s\n", n, cmds[n].summary)
	}
	b.WriteString("\nRun 'xxgk <command> -h' for a command's flags. Configuration comes from XXGK_* environment variables (see README.md).\n")
	io.WriteString(w, b.String())
}

func cmdVersion(ctx context.Context, env *environment, args []string) error {
	fmt.Fprintln(env.stdout, "xxgk", version)
	return nil
}
