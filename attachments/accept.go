package attachments

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// Errors of Accept. Callers test them with errors.Is; a refused type also comes as a
// *TypeError naming what was detected.
var (
	// ErrTooLarge means the upload is longer than Limits.MaxBytes.
	ErrTooLarge = errors.New("attachments: file too large")
	// ErrEmpty means the upload has no bytes.
	ErrEmpty = errors.New("attachments: empty file")
	// ErrTypeNotAllowed means the content is not of an allowed type.
	ErrTypeNotAllowed = errors.New("attachments: file type not allowed")
)

// TypeError is the error of Accept for content of a type that is not allowed.
type TypeError struct {
	MediaType string // as Detect named it, e.g. "text/html; charset=utf-8"
}

func (e *TypeError) Error() string {
	return fmt.Sprintf("attachments: file type %s not allowed", e.MediaType)
}

// Unwrap makes errors.Is(err, ErrTypeNotAllowed) hold.
func (e *TypeError) Unwrap() error { return ErrTypeNotAllowed }

// DefaultMaxBytes is the largest upload DefaultLimits accepts: 50 MiB, room for a scanned
// budget report.
const DefaultMaxBytes = 50 << 20

// Limits bound an upload.
type Limits struct {
	MaxBytes int64 // the largest file accepted; DefaultMaxBytes when zero or less
}

// DefaultLimits returns the limits for attachments to catalog entries.
func DefaultLimits() Limits { return Limits{MaxBytes: DefaultMaxBytes} }

// Attachment is an accepted upload, as the catalog records it.
type Attachment struct {
	Name      string // sanitised, with an extension that agrees with MediaType
	MediaType string // detected from the content; one of the Media* constants
	Size      int64
	SHA256    string
	Text      string // extracted for search, at most MaxTextRunes; "" for images and OLE files
	// TextErr says why Text is empty when extraction failed (an encrypted or damaged PDF,
	// pdftotext missing). The file is accepted all the same: it is published as it is, and
	// the caller logs TextErr.
	TextErr error
}

// Accept takes an upload: it reads at most lim.MaxBytes of r into a temporary file
// (ErrTooLarge beyond), detects the type from the content (a *TypeError wrapping
// ErrTypeNotAllowed for anything outside the allowlist), sanitises name and makes its
// extension agree with the content, puts the blob in store and extracts its text. The name
// and any type the client claimed are never trusted. Nothing is stored for a refused upload.
func Accept(ctx context.Context, store Store, name string, r io.Reader, lim Limits) (Attachment, error) {
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = DefaultMaxBytes
	}
	spool, err := os.CreateTemp("", "xxgk-upload-*")
	if err != nil {
		return Attachment{}, fmt.Errorf("attachments: accept: %w", err)
	}
	defer func() {
		spool.Close()
		os.Remove(spool.Name())
	}()

	size, err := io.Copy(spool, io.LimitReader(ctxReader{ctx, r}, lim.MaxBytes+1))
	if err != nil {
		return Attachment{}, fmt.Errorf("attachments: accept: read upload: %w", err)
	}
	switch {
	case size > lim.MaxBytes:
		return Attachment{}, fmt.Errorf("attachments: accept: more than %d bytes: %w", lim.MaxBytes, ErrTooLarge)
	case size == 0:
		return Attachment{}, ErrEmpty
	}

	mediaType, err := Detect(spool, size)
	if err != nil {
		return Attachment{}, err
	}
	if !Allowed(mediaType) {
		return Attachment{}, &TypeError{MediaType: mediaType}
	}

	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return Attachment{}, fmt.Errorf("attachments: accept: %w", err)
	}
	blob, err := store.Put(ctx, spool)
	if err != nil {
		return Attachment{}, err
	}
	a := Attachment{
		Name:      nameFor(name, mediaType),
		MediaType: mediaType,
		Size:      blob.Size,
		SHA256:    blob.SHA256,
	}
	a.Text, a.TextErr = ExtractTextContext(ctx, mediaType, spool, size)
	if a.TextErr != nil && ctx.Err() != nil {
		return Attachment{}, ctx.Err()
	}
	return a, nil
}
