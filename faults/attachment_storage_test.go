package faults

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/database/dbtest"
)

// TestAttachmentStorageFailures fills the attachment folder (a 512 KiB tmpfs) and then makes it
// read-only: an upload gets a clear error naming the cause, nothing half-written stays (no
// attachment row, no new version, no temporary file), and once there is room again the same
// upload succeeds.
func TestAttachmentStorageFailures(t *testing.T) {
	quickParallel(t)
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs as the attachment folder (CI and make test run as root here)")
	}
	e := baseEnv(t)
	blobs := filepath.Join(e["XXGK_DATA_DIR"], "blobs")
	if err := os.MkdirAll(blobs, 0o755); err != nil {
		t.Fatal(err)
	}
	mount(t, "-t", "tmpfs", "-o", "size=512k", "tmpfs", blobs)
	t.Cleanup(func() { _ = exec.Command("umount", "-l", blobs).Run() })

	b := newBody(t, e, "ft-attach", 4)
	srv := serve(t, e, true)
	db := dbtest.Open(t, e["XXGK_DATABASE_URL"])
	id, _, err := publishErr(srv.URL, b, 1)
	if err != nil {
		t.Fatal(err)
	}
	file := bytes.Repeat([]byte("沈阳市政府信息公开附件正文，用于磁盘写满演练。\n"), 20000) // ~1.3 MB
	state := func() string {
		return fmt.Sprint(count(t, db, `SELECT count(*) FROM attachments WHERE entry_id = $1`, id), "/",
			count(t, db, `SELECT version FROM entries WHERE id = $1`, id), "/",
			count(t, db, `SELECT count(*) FROM audit_events WHERE action LIKE 'attachment%'`))
	}
	before := state()
	tried, lost := 0, 0
	for _, c := range []struct {
		fault string
		make  func()
		want  string // in the message
	}{
		{"disk full", func() {}, "存储空间"},
		{"read-only folder", func() { mount(t, "-o", "remount,ro", blobs) }, "存储空间"},
	} {
		c.make()
		tried++
		code, msg := upload(t, srv.URL, b.Token, id, "公告.txt", file)
		if code < 400 || code == http.StatusInternalServerError || !strings.Contains(msg, c.want) {
			t.Errorf("%s: upload answered %d %q, want a storage error saying %q", c.fault, code, msg, c.want)
		}
		if got := state(); got != before {
			lost++
			t.Errorf("%s: attachments/version/audit went from %s to %s", c.fault, before, got)
		}
		if left, _ := filepath.Glob(filepath.Join(blobs, "tmp", "*")); len(left) > 0 {
			t.Errorf("%s: temporary files left behind: %v", c.fault, left)
		}
		t.Logf("%s: %d %s", c.fault, code, msg)
	}
	// Room again: the same upload goes through.
	mount(t, "-o", "remount,rw,size=8m", blobs)
	if code, msg := upload(t, srv.URL, b.Token, id, "公告.txt", file); code != http.StatusCreated {
		t.Errorf("after the folder has room again: %d %s", code, msg)
	}
	recordFault(t, "attachment folder full, then read-only", tried, 0, lost)
}

func mount(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("mount", args...).CombinedOutput(); err != nil {
		t.Fatalf("mount %s: %v %s", strings.Join(args, " "), err, out)
	}
}

// upload sends file as the multipart field "file" and returns the status and the message.
func upload(t *testing.T, base, token string, entry int64, name string, file []byte) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(file)
	mw.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/entries/%d/attachments", base, entry), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(raw)
}
