package attachments

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Limits of text extraction. Text feeds search and a preview, so its beginning is enough;
// the caps bound the memory and time a hostile file can take.
const (
	// MaxTextRunes is the longest text returned by ExtractText.
	MaxTextRunes = 20000
	// MaxZipEntryBytes caps the bytes inflated from any one zip entry (a zip bomb stops there).
	MaxZipEntryBytes = 20 << 20
	// MaxZipTotalBytes caps the declared uncompressed size of all of a spreadsheet's entries,
	// which excelize inflates into memory.
	MaxZipTotalBytes = 100 << 20
	// PDFTimeout bounds one run of pdftotext.
	PDFTimeout = 30 * time.Second
	// PDFMaxPages is the last page pdftotext reads; MaxTextRunes of Chinese is about ten pages.
	PDFMaxPages = 100
)

// ErrNoPDFTool means pdftotext is not installed, so PDFs get no text.
var ErrNoPDFTool = errors.New("attachments: pdftotext not found: install the Debian package poppler-utils (make deps)")

// ExtractText returns the text of a file of an allowed media type (as Detect names it), cut to
// MaxTextRunes: PDF (by pdftotext), DOCX (the paragraphs of word/document.xml), XLSX (the cell
// values, a row a line, cells separated by tabs) and plain text. Other types have no text: ""
// and no error. It is ExtractTextContext without a deadline but PDFTimeout.
func ExtractText(mediaType string, r io.ReaderAt, size int64) (string, error) {
	return ExtractTextContext(context.Background(), mediaType, r, size)
}

// ExtractTextContext is ExtractText stopped by ctx. The text is valid UTF-8 without NUL or other
// control characters but newline and tab, with runs of blank lines collapsed.
func ExtractTextContext(ctx context.Context, mediaType string, r io.ReaderAt, size int64) (string, error) {
	t := newTextBuf()
	var err error
	switch mediaType {
	case MediaPDF:
		err = pdfText(ctx, t, r, size)
	case MediaDOCX:
		err = docxText(t, r, size)
	case MediaXLSX:
		err = xlsxText(ctx, t, r, size)
	case MediaText:
		_, err = io.Copy(t, io.NewSectionReader(r, 0, size))
	default:
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("attachments: extract text from %s: %w", mediaType, err)
	}
	return t.String(), nil
}

// textBuf collects extracted text up to MaxTextRunes and then reports itself full, so the
// extractors stop reading. Writes past the limit are accepted and dropped (pdftotext keeps
// writing until it is done).
type textBuf struct {
	b     strings.Builder
	runes int
	nl    int    // newlines at the end of b; more than one blank line is dropped
	cr    bool   // the last rune was '\r', so a '\n' after it is the same line break
	tail  []byte // an incomplete UTF-8 sequence from the previous Write
}

func newTextBuf() *textBuf { return &textBuf{nl: 2} }

func (t *textBuf) full() bool { return t.runes >= MaxTextRunes }

func (t *textBuf) Write(p []byte) (int, error) {
	n := len(p)
	if len(t.tail) > 0 {
		p = append(t.tail, p...)
		t.tail = nil
	}
	for len(p) > 0 && !t.full() {
		if !utf8.FullRune(p) {
			t.tail = append([]byte(nil), p...)
			break
		}
		r, w := utf8.DecodeRune(p)
		p = p[w:]
		t.writeRune(r)
	}
	return n, nil
}

func (t *textBuf) WriteString(s string) (int, error) { return t.Write([]byte(s)) }

func (t *textBuf) writeRune(r rune) {
	cr := t.cr
	t.cr = r == '\r'
	if r == '\n' && cr {
		return
	}
	switch {
	case r == '\r' || r == '\f' || r == '\v' || r == '\u2028' || r == '\u2029':
		r = '\n'
	case r == '\n', r == '\t', r == '\u200d': // ZWJ joins emoji sequences
	case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r):
		return
	}
	if r == '\n' {
		if t.nl >= 2 {
			return
		}
		t.nl++
	} else {
		t.nl = 0
	}
	t.b.WriteRune(r)
	t.runes++
}

// String returns the text without trailing whitespace.
func (t *textBuf) String() string {
	return strings.TrimRightFunc(t.b.String(), unicode.IsSpace)
}

// pdfText runs pdftotext on the PDF, fed on standard input. Its output beyond the limit is
// dropped; its stderr, short, explains a failure (encrypted, damaged).
func pdfText(ctx context.Context, t *textBuf, r io.ReaderAt, size int64) error {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return ErrNoPDFTool
	}
	ctx, cancel := context.WithTimeout(ctx, PDFTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-q", "-enc", "UTF-8", "-nopgbrk",
		"-l", fmt.Sprint(PDFMaxPages), "-", "-")
	cmd.Stdin = io.NewSectionReader(r, 0, size)
	cmd.Stdout = t
	var stderr bytes.Buffer
	cmd.Stderr = &limitedWriter{w: &stderr, n: 1024}
	cmd.WaitDelay = time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("pdftotext: %w", ctx.Err())
		}
		return fmt.Errorf("pdftotext: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// docxText streams word/document.xml and writes the text of its w:t runs, a paragraph a line.
func docxText(t *textBuf, r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return err
	}
	rc, err := openZipEntry(zr, "word/document.xml")
	if err != nil {
		return err
	}
	defer rc.Close()
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	dec := xml.NewDecoder(rc)
	inText := false
	for !t.full() {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			if t.runes > 0 && errors.Is(err, errEntryTooLarge) {
				return nil // keep what the cap let through
			}
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space != w {
				continue
			}
			switch tok.Name.Local {
			case "t":
				inText = true
			case "tab":
				t.WriteString("\t")
			case "br", "cr":
				t.WriteString("\n")
			}
		case xml.EndElement:
			if tok.Name.Space != w {
				continue
			}
			switch tok.Name.Local {
			case "t":
				inText = false
			case "p":
				t.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				t.Write(tok)
			}
		}
	}
	return nil
}

// xlsxText writes the cell values of every sheet, the sheet's name first.
func xlsxText(ctx context.Context, t *textBuf, r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return err
	}
	if err := checkZipSizes(zr); err != nil {
		return err
	}
	f, err := excelize.OpenReader(io.NewSectionReader(r, 0, size), excelize.Options{
		UnzipSizeLimit:    MaxZipTotalBytes,
		UnzipXMLSizeLimit: MaxZipEntryBytes,
	})
	if err != nil {
		return err
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		if t.full() {
			break
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		t.WriteString(sheet + "\n")
		if err := sheetText(t, f, sheet); err != nil {
			return fmt.Errorf("sheet %s: %w", sheet, err)
		}
		t.WriteString("\n")
	}
	return nil
}

func sheetText(t *textBuf, f *excelize.File, sheet string) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() && !t.full() {
		cells, err := rows.Columns()
		if err != nil {
			return err
		}
		first := true
		for _, c := range cells {
			if c = strings.TrimSpace(c); c == "" {
				continue
			}
			if !first {
				t.WriteString("\t")
			}
			t.WriteString(c)
			first = false
		}
		if !first {
			t.WriteString("\n")
		}
	}
	return rows.Error()
}

var errEntryTooLarge = fmt.Errorf("zip entry inflates beyond %d bytes", MaxZipEntryBytes)

// openZipEntry opens the named entry of zr for reading at most MaxZipEntryBytes; reading more
// fails with errEntryTooLarge. archive/zip also fails on an entry that inflates beyond its
// declared size, so a lying directory gains nothing.
func openZipEntry(zr *zip.Reader, name string) (io.ReadCloser, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		return &cappedReader{rc: rc, n: MaxZipEntryBytes}, nil
	}
	return nil, fmt.Errorf("no %s in the archive", name)
}

// checkZipSizes refuses an archive whose directory declares an entry above MaxZipEntryBytes or
// a total above MaxZipTotalBytes, before anything is inflated.
func checkZipSizes(zr *zip.Reader) error {
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > MaxZipEntryBytes {
			return fmt.Errorf("zip entry %s: %w", f.Name, errEntryTooLarge)
		}
		total += f.UncompressedSize64
		if total > MaxZipTotalBytes {
			return fmt.Errorf("zip entries inflate beyond %d bytes", MaxZipTotalBytes)
		}
	}
	return nil
}

type cappedReader struct {
	rc io.ReadCloser
	n  int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		var probe [1]byte // an entry of exactly the cap ends here
		if n, err := c.rc.Read(probe[:]); n == 0 && errors.Is(err, io.EOF) {
			return 0, io.EOF
		}
		return 0, errEntryTooLarge
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	n, err := c.rc.Read(p)
	c.n -= int64(n)
	return n, err
}

func (c *cappedReader) Close() error { return c.rc.Close() }

// limitedWriter keeps the first n bytes written and drops the rest without failing the writer.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}
