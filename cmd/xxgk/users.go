package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"xxgk/accounts"
)

// multiFlag collects a repeated flag (--body A --body B).
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func printValidation(env *environment, v map[string]string) {
	fields := make([]string, 0, len(v))
	for f := range v {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		fmt.Fprintf(env.stderr, "--%s: %s\n", strings.ReplaceAll(f, "_", "-"), v[f])
	}
}

func cmdUser(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 || (args[0] != "create" && args[0] != "list") {
		return errors.New("usage: xxgk user create --username U --role admin|officer|auditor [--body C]... | xxgk user list")
	}
	if args[0] == "list" {
		a, err := openForCLI(ctx, env, flag.NewFlagSet("user list", flag.ContinueOnError), args[1:])
		if err != nil {
			return err
		}
		defer a.close(context.Background())
		users, err := accounts.NewStore(a.db).ListUsers(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "USERNAME\tROLE\tBODIES")
		for _, u := range users {
			var grants []string
			for _, g := range u.Bodies {
				s := g.BodyCode
				if g.WithDescendants {
					s += "+"
				}
				grants = append(grants, s)
			}
			fmt.Fprintf(w, "%s\t%s\t%s\n", u.Username, u.Role, strings.Join(grants, ","))
		}
		return w.Flush()
	}
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	var nu accounts.NewUser
	var role string
	var bodyCodes multiFlag
	fs.StringVar(&nu.Username, "username", "", "login name (lower-case letters, digits, . _ -)")
	fs.StringVar(&nu.DisplayName, "name", "", "display name")
	fs.StringVar(&role, "role", "", "admin, officer or auditor")
	fs.Var(&bodyCodes, "body", "body code an officer works for (repeatable)")
	descendants := fs.Bool("with-descendants", false, "also grant every body below each --body")
	fs.StringVar(&nu.Password, "password", "", "password (at least 10 characters); empty generates one and prints it")
	a, err := openForCLI(ctx, env, fs, args[1:])
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	r, err := accounts.ParseRole(role)
	if err != nil {
		return fmt.Errorf("--role: %w", err)
	}
	nu.Role = r
	for _, c := range bodyCodes {
		nu.Bodies = append(nu.Bodies, accounts.Grant{BodyCode: c, WithDescendants: *descendants})
	}
	generated := nu.Password == ""
	if generated {
		b := make([]byte, 12)
		_, _ = rand.Read(b)
		nu.Password = base64.RawURLEncoding.EncodeToString(b)
	}
	u, err := accounts.NewStore(a.db).CreateUser(ctx, cliActor(), nu)
	var v accounts.ValidationError
	if errors.As(err, &v) {
		printValidation(env, v)
		return errors.New("user not created")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "created %s (%s)\n", u.Username, u.Role)
	if generated {
		fmt.Fprintf(env.stdout, "password: %s\n", nu.Password)
	}
	return nil
}

func cmdToken(ctx context.Context, env *environment, args []string) error {
	usage := errors.New("usage: xxgk token create --username U [--name N] | list --username U | revoke --id N")
	if len(args) == 0 {
		return usage
	}
	fs := flag.NewFlagSet("token "+args[0], flag.ContinueOnError)
	username := fs.String("username", "", "the token's user")
	name := fs.String("name", "", "what the token is for")
	id := fs.String("id", "", "token id (revoke)")
	a, err := openForCLI(ctx, env, fs, args[1:])
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	store := accounts.NewStore(a.db)
	switch args[0] {
	case "create":
		plain, tok, err := store.CreateToken(ctx, cliActor(), *username, *name)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "token %d for %s (shown once; only its hash is stored):\n%s\n", tok.ID, *username, plain)
		return nil
	case "list":
		toks, err := store.ListTokens(ctx, *username)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tPREFIX\tNAME\tCREATED\tREVOKED")
		for _, t := range toks {
			revoked := ""
			if t.RevokedAt != nil {
				revoked = t.RevokedAt.Format("2006-01-02 15:04")
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", t.ID, t.Prefix, t.Name, t.CreatedAt.Format("2006-01-02 15:04"), revoked)
		}
		return w.Flush()
	case "revoke":
		n, err := strconv.ParseInt(*id, 10, 64)
		if err != nil {
			return fmt.Errorf("--id: want a token id, got %q", *id)
		}
		if err := store.RevokeToken(ctx, cliActor(), n); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "revoked token %d\n", n)
		return nil
	}
	return usage
}
