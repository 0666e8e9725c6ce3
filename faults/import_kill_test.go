package faults

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"xxgk/database/dbtest"
)

// TestImportKilledMidway SIGKILLs `xxgk import catalog` while its transaction is writing rows
// and checks that the body holds all the rows or none; then the same file imports in full.
func TestImportKilledMidway(t *testing.T) {
	quickParallel(t)
	rows := scale(10000, 100000)
	e := baseEnv(t)
	b := newBody(t, e, "ft-import", 2)
	serve(t, e, false).stop(t) // the standard columns come with the first serve
	file := filepath.Join(t.TempDir(), "catalog.csv")
	writeCatalogCSV(t, file, rows)
	db := dbtest.Open(t, e["XXGK_DATABASE_URL"])
	entries := func() int {
		return count(t, db, `SELECT count(*) FROM entries e JOIN bodies b ON b.id = e.body_id WHERE b.code = $1`, b.Code)
	}

	cmd := exec.Command(binary(t), "import", "catalog", "--body", b.Code, file)
	cmd.Env = e.list()
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Midway: once the import's transaction has written rows (PostgreSQL sees its backend
	// writing into entries), plus a moment.
	deadline := time.Now().Add(3 * time.Minute)
	writing := false
	for !writing && time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("the import finished (%v) before it could be killed: make the file bigger\n%s", err, logs.String())
		default:
		}
		writing = count(t, db, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
			AND backend_xid IS NOT NULL`) > 0
		time.Sleep(20 * time.Millisecond)
	}
	if !writing {
		t.Fatalf("the import never started writing\n%s", logs.String())
	}
	time.Sleep(100 * time.Millisecond)
	killedAt := time.Now()
	_ = cmd.Process.Signal(syscall.SIGKILL)
	err := <-done
	if err == nil {
		t.Fatalf("the import finished before the SIGKILL landed\n%s", logs.String())
	}
	// PostgreSQL rolls the dead client's transaction back once it notices the closed socket.
	var after int
	waitUntil(t, 60*time.Second, "the killed import's backend to go", func() bool {
		return count(t, db, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`) == 0
	})
	after = entries()
	lost := 0
	if after != 0 && after != rows {
		lost = rows - after
		t.Errorf("after the SIGKILL (%s in) the body holds %d of %d rows: want all or none", time.Since(killedAt), after, rows)
	}
	outbox := count(t, db, `SELECT count(*) FROM search_outbox o JOIN entries e ON e.id = o.entry_id
		JOIN bodies b ON b.id = e.body_id WHERE b.code = $1`, b.Code)
	if after == 0 && outbox != 0 {
		t.Errorf("no rows but %d outbox rows left behind", outbox)
	}

	// The same file, run to the end, imports every row.
	xxgk(t, e, "import", "catalog", "--body", b.Code, file)
	got := entries()
	if got != rows {
		lost += rows - got
		t.Errorf("the import run again holds %d rows, want %d", got, rows)
	}
	// Operations: the rows of the killed run and of the rerun; acknowledged: the rerun's (exit 0).
	recordFault(t, fmt.Sprintf("xxgk import catalog SIGKILLed midway, then rerun (%d rows)", rows), 2*rows, rows, lost)
	t.Logf("killed with %d of %d rows visible; the rerun imported %d", after, rows, entries())
}

// writeCatalogCSV writes a valid import file of n published entries.
func writeCatalogCSV(t *testing.T, file string, n int) {
	t.Helper()
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "标题*,发文字号,发文机关,成文日期*,发布日期,类别*,栏目,内容概述,正文")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(w, "关于导入演练第%d号文件的通知,沈导发〔2024〕%d号,故障测试局,2024-01-%02d,2024-02-%02d,其他,其他文件,演练用的第%d条目录。,正文第%d条\n",
			i, i, 1+i%28, 1+i%28, i, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
