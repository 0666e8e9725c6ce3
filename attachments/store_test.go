package attachments

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func newTestDir(t *testing.T) (*Dir, string) {
	t.Helper()
	root := filepath.Join(t.TempDir(), "blobs")
	d, err := NewDir(root)
	if err != nil {
		t.Fatalf("NewDir: %v", err)
	}
	return d, root
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// blobFiles lists the regular files under root, relative, the tmp folder included.
func blobFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(root, path)
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestDirPutOpen(t *testing.T) {
	ctx := context.Background()
	d, root := newTestDir(t)
	tests := []struct {
		name    string
		content []byte
	}{
		{"text", []byte("关于优化营商环境的若干措施\n")},
		{"empty", nil},
		{"large", bytes.Repeat([]byte("0123456789abcdef"), 1<<16)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := Blob{SHA256: sum(tt.content), Size: int64(len(tt.content))}
			got, err := d.Put(ctx, bytes.NewReader(tt.content))
			if err != nil {
				t.Fatalf("Put: %v", err)
			}
			if got != want {
				t.Fatalf("Put = %+v, want %+v", got, want)
			}
			path := filepath.Join(root, want.SHA256[:2], want.SHA256[2:4], want.SHA256)
			st, err := os.Stat(path)
			if err != nil {
				t.Fatalf("blob not at %s: %v", path, err)
			}
			if st.Mode().Perm() != blobPerm {
				t.Errorf("blob mode %v, want %v", st.Mode().Perm(), os.FileMode(blobPerm))
			}
			dst, err := os.Stat(filepath.Dir(path))
			if err != nil || dst.Mode().Perm() != dirPerm {
				t.Errorf("folder mode %v (%v), want %v", dst.Mode().Perm(), err, os.FileMode(dirPerm))
			}

			ok, err := d.Exists(ctx, want.SHA256)
			if err != nil || !ok {
				t.Errorf("Exists = %v, %v; want true, nil", ok, err)
			}
			rc, blob, err := d.Open(ctx, want.SHA256)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer rc.Close()
			if blob != want {
				t.Errorf("Open blob = %+v, want %+v", blob, want)
			}
			if _, err := rc.Seek(0, io.SeekStart); err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			if err != nil || !bytes.Equal(b, tt.content) {
				t.Errorf("read back %d bytes (%v), want %d", len(b), err, len(tt.content))
			}
		})
	}
}

func TestDirDedupe(t *testing.T) {
	ctx := context.Background()
	d, root := newTestDir(t)
	content := []byte("2024年预算公开")
	for range 3 {
		if _, err := d.Put(ctx, bytes.NewReader(content)); err != nil {
			t.Fatalf("Put: %v", err)
		}
	}
	h := sum(content)
	want := []string{filepath.Join(h[:2], h[2:4], h)}
	if got := blobFiles(t, root); !slices.Equal(got, want) {
		t.Errorf("files after three Puts = %v, want %v (and nothing left in tmp)", got, want)
	}
}

func TestDirConcurrentPut(t *testing.T) {
	ctx := context.Background()
	d, root := newTestDir(t)
	content := bytes.Repeat([]byte("营商环境"), 100_000)
	h := sum(content)
	const n = 16
	var wg sync.WaitGroup
	errs := make([]error, n)
	blobs := make([]Blob, n)
	for i := range n {
		wg.Go(func() {
			blobs[i], errs[i] = d.Put(ctx, bytes.NewReader(content))
		})
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil || blobs[i].SHA256 != h {
			t.Errorf("Put %d = %+v, %v", i, blobs[i], errs[i])
		}
	}
	if got, want := blobFiles(t, root), []string{filepath.Join(h[:2], h[2:4], h)}; !slices.Equal(got, want) {
		t.Errorf("files = %v, want %v", got, want)
	}
	rc, _, err := d.Open(ctx, h)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if b, _ := io.ReadAll(rc); !bytes.Equal(b, content) {
		t.Error("stored content differs")
	}
}

func TestDirBadHash(t *testing.T) {
	ctx := context.Background()
	d, _ := newTestDir(t)
	good := sum([]byte("x"))
	for _, h := range []string{
		"",
		"../../../../etc/passwd",
		"../" + good[3:],
		strings.ToUpper(good),
		good[:63],
		good + "0",
		good[:62] + "/x",
		good[:63] + "\x00",
		"ab/cd/" + good[6:],
		strings.Repeat("g", 64),
	} {
		if _, _, err := d.Open(ctx, h); !errors.Is(err, ErrInvalidHash) {
			t.Errorf("Open(%q) error = %v, want ErrInvalidHash", h, err)
		}
		if _, err := d.Exists(ctx, h); !errors.Is(err, ErrInvalidHash) {
			t.Errorf("Exists(%q) error = %v, want ErrInvalidHash", h, err)
		}
	}
}

func TestDirNotFound(t *testing.T) {
	ctx := context.Background()
	d, _ := newTestDir(t)
	h := sum([]byte("never stored"))
	if _, _, err := d.Open(ctx, h); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open error = %v, want ErrNotFound", err)
	}
	if ok, err := d.Exists(ctx, h); ok || err != nil {
		t.Errorf("Exists = %v, %v; want false, nil", ok, err)
	}
}

func TestDirPutCancelled(t *testing.T) {
	d, root := newTestDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.Put(ctx, strings.NewReader("abc")); !errors.Is(err, context.Canceled) {
		t.Errorf("Put error = %v, want context.Canceled", err)
	}
	if files := blobFiles(t, root); len(files) != 0 {
		t.Errorf("files left behind: %v", files)
	}
}
