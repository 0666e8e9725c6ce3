package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"xxgk/accounts"
	"xxgk/database/dbtest"
)

// cli runs xxgk with args against dbURL, as an operator would.
func cli(t *testing.T, dbURL string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	vars := map[string]string{"XXGK_DATABASE_URL": dbURL, "XXGK_DATA_DIR": t.TempDir()}
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, func(k string) string { return vars[k] }, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestBodyCreateListAndAuditVerify(t *testing.T) {
	db := dbtest.NewURL(t)
	if _, _, err := cli(t, db, "migrate"); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := cli(t, db, "body", "create", "--code", "sy", "--name", "沈阳市人民政府", "--org-code", "000014349")
	if err != nil || !strings.Contains(out, "created sy 沈阳市人民政府 (government, province") {
		t.Fatalf("create: %v\n%s%s", err, out, errOut)
	}
	out, errOut, err = cli(t, db, "body", "create", "--code", "sy-fgw", "--name", "沈阳市发展和改革委员会", "--org-code", "01527918X", "--parent", "sy")
	if err != nil || !strings.Contains(out, "department") {
		t.Fatalf("create department: %v\n%s%s", err, out, errOut)
	}
	_, errOut, err = cli(t, db, "body", "create", "--code", "BAD", "--name", "x", "--org-code", "000014348", "--parent", "nowhere")
	if err == nil {
		t.Fatal("bad body created")
	}
	for _, want := range []string{"--code:", "--name:", "--org-code:", "--parent:"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("error output lacks %q:\n%s", want, errOut)
		}
	}
	out, _, err = cli(t, db, "body", "list")
	if err != nil || !strings.Contains(out, "sy-fgw") || !strings.Contains(out, "沈阳市发展和改革委员会") {
		t.Fatalf("list: %v\n%s", err, out)
	}
	out, _, err = cli(t, db, "audit", "verify")
	if err != nil || !strings.Contains(out, "intact: 2 events") {
		t.Fatalf("verify: %v\n%s", err, out)
	}
}

func TestAuditVerifyExitsNonZeroOnTampering(t *testing.T) {
	url := dbtest.NewURL(t)
	if _, _, err := cli(t, url, "seed", "--migrate-first-is-not-a-flag"); err == nil {
		t.Fatal("unknown flag accepted")
	}
	cli(t, url, "migrate")
	if out, errOut, err := cli(t, url, "seed", "--demo"); err != nil {
		t.Fatalf("seed: %v %s %s", err, out, errOut)
	}
	if _, _, err := cli(t, url, "seed", "--demo"); err == nil || !strings.Contains(err.Error(), "empty database") {
		t.Fatalf("second seed: %v", err)
	}
	db := dbtest.Open(t, url)
	tx := db.MustBegin()
	tx.MustExec(`ALTER TABLE audit_events DISABLE TRIGGER USER`)
	tx.MustExec(`UPDATE audit_events SET target = 'body:forged' WHERE id = 5`)
	tx.MustExec(`ALTER TABLE audit_events ENABLE TRIGGER USER`)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	out, _, err := cli(t, url, "audit", "verify")
	var code exitCode
	if !errors.As(err, &code) || code == 0 || !strings.Contains(out, "BROKEN at event 5") {
		t.Fatalf("verify after tampering: %v\n%s", err, out)
	}
}

func TestUserAndTokenCommands(t *testing.T) {
	url := dbtest.NewURL(t)
	cli(t, url, "migrate")
	if _, _, err := cli(t, url, "seed", "--demo"); err != nil {
		t.Fatal(err)
	}
	out, _, err := cli(t, url, "user", "list")
	for _, want := range []string{"admin", "officer.fgw", "sy-fgw", "officer.hp", "hp+", "auditor"} {
		if err != nil || !strings.Contains(out, want) {
			t.Fatalf("user list lacks %q: %v\n%s", want, err, out)
		}
	}
	out, _, err = cli(t, url, "user", "create", "--username", "wang.officer", "--role", "officer", "--body", "sy-jyj")
	if err != nil || !strings.Contains(out, "created wang.officer (officer)") || !strings.Contains(out, "password: ") {
		t.Fatalf("user create: %v\n%s", err, out)
	}
	_, errOut, err := cli(t, url, "user", "create", "--username", "x.officer", "--role", "officer", "--body", "nowhere")
	if err == nil || !strings.Contains(errOut, "nowhere") {
		t.Fatalf("officer of an unknown body: %v %s", err, errOut)
	}
	out, _, err = cli(t, url, "token", "create", "--username", "wang.officer", "--name", "import job")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	token := lines[len(lines)-1]
	if err != nil || !strings.HasPrefix(token, "xxgk_") {
		t.Fatalf("token create: %v\n%s", err, out)
	}
	db := dbtest.Open(t, url)
	store := accounts.NewStore(db)
	p, err := store.TokenPrincipal(context.Background(), token)
	if err != nil || p.Username != "wang.officer" || !p.CanManage("sy-jyj") || p.CanManage("sy-fgw") {
		t.Fatalf("token principal: %v %+v", err, p)
	}
	out, _, _ = cli(t, url, "token", "list", "--username", "wang.officer")
	if !strings.Contains(out, "import job") {
		t.Fatalf("token list:\n%s", out)
	}
	if _, _, err := cli(t, url, "token", "revoke", "--id", "1"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.TokenPrincipal(context.Background(), token); !errors.Is(err, accounts.ErrBadCredentials) {
		t.Fatalf("revoked token still works: %v", err)
	}
	if out, _, err := cli(t, url, "audit", "verify"); err != nil || !strings.Contains(out, "intact") {
		t.Fatalf("audit verify: %v %s", err, out)
	}
}
