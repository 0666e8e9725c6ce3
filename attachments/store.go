package attachments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Errors of the store. Callers test them with errors.Is.
var (
	// ErrNotFound means no blob has the hash.
	ErrNotFound = errors.New("attachments: blob not found")
	// ErrInvalidHash means a hash is not 64 lowercase hex digits; nothing was looked up.
	ErrInvalidHash = errors.New("attachments: invalid sha256")
	// ErrStorageUnavailable means the disk refused a write: full, over quota, read-only or not
	// writable. Nothing was stored; an administrator has to make room or fix the folder.
	ErrStorageUnavailable = errors.New("attachments: storage full or not writable")
)

// Store keeps blobs by the SHA-256 of their content.
type Store interface {
	// Put streams r into the store and returns its hash and size. Content already stored is
	// not stored twice; concurrent Puts of the same content all succeed.
	Put(ctx context.Context, r io.Reader) (Blob, error)
	// Open returns the blob with the hash (hex, lowercase), or ErrNotFound. The caller closes it.
	Open(ctx context.Context, sha256 string) (io.ReadSeekCloser, Blob, error)
	// Exists reports whether the blob is stored.
	Exists(ctx context.Context, sha256 string) (bool, error)
}

// Blob identifies stored content.
type Blob struct {
	SHA256 string // 64 lowercase hex digits
	Size   int64
}

// ValidHash reports whether s is a SHA-256 in the form the store uses: 64 lowercase hex digits.
func ValidHash(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Dir is a Store in a filesystem folder: the blob abcdef… lives at path/ab/cd/abcdef…, and
// uploads in progress live in path/tmp, on the same filesystem so the final rename is atomic.
// Blobs are written once and made read-only.
type Dir struct {
	root string
	tmp  string
}

const (
	dirPerm  = 0o750
	blobPerm = 0o440
)

var _ Store = (*Dir)(nil)

// NewDir returns the store in the folder path, creating it (and its tmp folder) when missing.
func NewDir(path string) (*Dir, error) {
	if path == "" {
		return nil, errors.New("attachments: empty store path")
	}
	root, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("attachments: store path %s: %w", path, err)
	}
	tmp := filepath.Join(root, "tmp")
	if err := os.MkdirAll(tmp, dirPerm); err != nil {
		return nil, fmt.Errorf("attachments: create store: %w", err)
	}
	return &Dir{root: root, tmp: tmp}, nil
}

// path is the only place a blob path is made; callers have checked the hash with ValidHash.
func (d *Dir) path(sum string) string {
	return filepath.Join(d.root, sum[0:2], sum[2:4], sum)
}

// Put implements Store. A write the disk refuses is also ErrStorageUnavailable.
func (d *Dir) Put(ctx context.Context, r io.Reader) (Blob, error) {
	b, err := d.put(ctx, r)
	if err != nil && diskRefused(err) {
		err = fmt.Errorf("%w: %w", ErrStorageUnavailable, err)
	}
	return b, err
}

// diskRefused reports the errors of a disk that cannot take the write, as opposed to a broken
// upload or a cancelled request.
func diskRefused(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) ||
		errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM)
}

func (d *Dir) put(ctx context.Context, r io.Reader) (Blob, error) {
	f, err := os.CreateTemp(d.tmp, "put-*")
	if err != nil {
		return Blob{}, fmt.Errorf("attachments: put: %w", err)
	}
	tmpName := f.Name()
	done := false
	defer func() {
		if !done {
			f.Close()
			os.Remove(tmpName)
		}
	}()

	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), ctxReader{ctx, r})
	if err != nil {
		return Blob{}, fmt.Errorf("attachments: put: write: %w", err)
	}
	if err := f.Chmod(blobPerm); err != nil {
		return Blob{}, fmt.Errorf("attachments: put: %w", err)
	}
	if err := f.Sync(); err != nil {
		return Blob{}, fmt.Errorf("attachments: put: sync: %w", err)
	}
	if err := f.Close(); err != nil {
		return Blob{}, fmt.Errorf("attachments: put: close: %w", err)
	}
	b := Blob{SHA256: hex.EncodeToString(h.Sum(nil)), Size: n}
	final := d.path(b.SHA256)

	if _, err := os.Stat(final); err == nil {
		return b, nil // deduplicated; the deferred function removes the temporary file
	}
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return Blob{}, fmt.Errorf("attachments: put: %w", err)
	}
	// A concurrent Put of the same content may rename first; rename replaces its file with
	// identical bytes, atomically, so both succeed and readers see one whole file either way.
	if err := os.Rename(tmpName, final); err != nil {
		return Blob{}, fmt.Errorf("attachments: put: %w", err)
	}
	done = true
	if err := syncDir(dir); err != nil {
		return Blob{}, fmt.Errorf("attachments: put: sync folder: %w", err)
	}
	return b, nil
}

// Open implements Store.
func (d *Dir) Open(ctx context.Context, sum string) (io.ReadSeekCloser, Blob, error) {
	if err := ctx.Err(); err != nil {
		return nil, Blob{}, err
	}
	if !ValidHash(sum) {
		return nil, Blob{}, ErrInvalidHash
	}
	f, err := os.Open(d.path(sum))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, Blob{}, fmt.Errorf("attachments: open %s: %w", sum, ErrNotFound)
	}
	if err != nil {
		return nil, Blob{}, fmt.Errorf("attachments: open %s: %w", sum, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, Blob{}, fmt.Errorf("attachments: open %s: %w", sum, err)
	}
	return f, Blob{SHA256: sum, Size: st.Size()}, nil
}

// Exists implements Store.
func (d *Dir) Exists(ctx context.Context, sum string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if !ValidHash(sum) {
		return false, ErrInvalidHash
	}
	_, err := os.Stat(d.path(sum))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	default:
		return false, fmt.Errorf("attachments: stat %s: %w", sum, err)
	}
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// ctxReader stops a long copy when its context ends (a client gone mid-upload).
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
