package attachments

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/richardlehane/mscfb"
)

// Media types of the allowed kinds, as recorded in Attachment.MediaType and served.
const (
	MediaPDF  = "application/pdf"
	MediaDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	MediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	MediaDOC  = "application/msword"
	MediaXLS  = "application/vnd.ms-excel"
	MediaPNG  = "image/png"
	MediaJPEG = "image/jpeg"
	MediaGIF  = "image/gif"
	// MediaOFD is an OFD document (GB/T 33190, the Chinese fixed-layout format): a zip with OFD.xml.
	MediaOFD  = "application/ofd"
	MediaText = "text/plain; charset=utf-8"
)

// Media types Detect reports for content that is refused. Anything else it cannot name is
// reported as http.DetectContentType names it (often application/octet-stream).
const (
	mediaHTML       = "text/html; charset=utf-8"
	mediaXML        = "text/xml; charset=utf-8"
	mediaSVG        = "image/svg+xml"
	mediaScript     = "text/x-script"
	mediaELF        = "application/x-executable"
	mediaPE         = "application/vnd.microsoft.portable-executable"
	mediaZip        = "application/zip"
	mediaOLE        = "application/x-ole-storage"
	mediaDOCM       = "application/vnd.ms-word.document.macroEnabled.12"
	mediaXLSM       = "application/vnd.ms-excel.sheet.macroEnabled.12"
	mediaEmpty      = "application/x-empty"
	mediaBinary     = "application/octet-stream"
	mediaNonUTF8Txt = "text/plain" // text that is not UTF-8 (often GB18030 from Notepad)
)

// extensions lists, per allowed media type, the file extensions consistent with it; the first
// is the one given to a name whose extension disagrees with the content.
var extensions = map[string][]string{
	MediaPDF:  {".pdf"},
	MediaDOCX: {".docx"},
	MediaXLSX: {".xlsx"},
	MediaDOC:  {".doc", ".wps"}, // WPS Writer's own .wps is a Word 97 compound file
	MediaXLS:  {".xls", ".et"},  // likewise WPS Spreadsheets' .et
	MediaPNG:  {".png"},
	MediaJPEG: {".jpg", ".jpeg"},
	MediaGIF:  {".gif"},
	MediaOFD:  {".ofd"},
	MediaText: {".txt", ".csv"},
}

// Allowed reports whether mediaType (as Detect returns it) may be stored and published.
func Allowed(mediaType string) bool {
	_, ok := extensions[mediaType]
	return ok
}

// Extensions returns the file extensions consistent with an allowed media type, preferred
// first, or nil.
func Extensions(mediaType string) []string {
	return slices.Clone(extensions[mediaType])
}

// Detect names the type of the size bytes of r from their content alone. It returns a media
// type for refused content too (text/html, image/svg+xml, application/x-executable, ...), so
// the caller can say what was refused; check the result with Allowed. An error means r could
// not be read.
func Detect(r io.ReaderAt, size int64) (string, error) {
	if size == 0 {
		return mediaEmpty, nil
	}
	head := make([]byte, min(size, 4096))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("attachments: detect: %w", err)
	}
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return MediaPDF, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return MediaPNG, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return MediaJPEG, nil
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return MediaGIF, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return detectZip(r, size), nil
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return detectOLE(r), nil
	case bytes.HasPrefix(head, []byte("\x7fELF")):
		return mediaELF, nil
	}
	return detectText(r, size, head)
}

// detectZip tells the Office Open XML and OFD formats apart by the parts they must have. Macro
// documents (vbaProject.bin) are refused even though Word and Excel open them.
func detectZip(r io.ReaderAt, size int64) string {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return mediaZip
	}
	has := make(map[string]bool, len(zr.File))
	for _, f := range zr.File {
		has[f.Name] = true
	}
	switch {
	case has["word/document.xml"] && has["word/vbaProject.bin"]:
		return mediaDOCM
	case has["xl/workbook.xml"] && has["xl/vbaProject.bin"]:
		return mediaXLSM
	case has["word/document.xml"]:
		return MediaDOCX
	case has["xl/workbook.xml"]:
		return MediaXLSX
	case has["OFD.xml"]:
		return MediaOFD
	}
	return mediaZip
}

// detectOLE tells Word 97 from Excel 97 by the stream each must have. Other compound files
// (PowerPoint, Outlook messages, password-protected OOXML) are refused.
func detectOLE(r io.ReaderAt) string {
	doc, err := mscfb.New(r)
	if err != nil {
		return mediaOLE
	}
	for f, err := doc.Next(); err == nil; f, err = doc.Next() {
		if len(f.Path) != 0 {
			continue // only top-level streams name the format
		}
		switch f.Name {
		case "WordDocument":
			return MediaDOC
		case "Workbook", "Book":
			return MediaXLS
		}
	}
	return mediaOLE
}

// detectText accepts UTF-8 text (with or without a byte-order mark) that holds no control
// characters but tab, newline, carriage return and form feed, and does not start as markup or
// a script. The whole content is checked: a text file with binary after its first page is not
// text.
func detectText(r io.ReaderAt, size int64, head []byte) (string, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n\f")
	if len(trimmed) > 0 && trimmed[0] == '<' {
		lower := strings.ToLower(string(trimmed[:min(len(trimmed), 1024)]))
		switch {
		case strings.Contains(lower, "<svg"):
			return mediaSVG, nil
		case strings.HasPrefix(lower, "<?xml"):
			return mediaXML, nil
		default:
			return mediaHTML, nil
		}
	}
	if bytes.HasPrefix(trimmed, []byte("#!")) {
		return mediaScript, nil
	}
	if ok, err := isText(io.NewSectionReader(r, 0, size)); err != nil {
		return "", fmt.Errorf("attachments: detect: %w", err)
	} else if ok {
		return MediaText, nil
	}
	if bytes.HasPrefix(head, []byte("MZ")) {
		return mediaPE, nil // checked after text: "MZ" can start a line of prose
	}
	if t := http.DetectContentType(head); t != "text/plain; charset=utf-8" {
		return t, nil
	}
	if utf8.Valid(head) {
		return mediaBinary, nil // text at the start, binary later
	}
	return mediaNonUTF8Txt, nil
}

// isText reads r to the end and reports whether it is UTF-8 text without stray control bytes.
func isText(r io.Reader) (bool, error) {
	buf := make([]byte, 32<<10)
	carry := 0 // bytes of an incomplete rune kept from the previous read
	for {
		n, err := r.Read(buf[carry:])
		chunk := buf[:carry+n]
		atEOF := errors.Is(err, io.EOF)
		if err != nil && !atEOF {
			return false, err
		}
		i := 0
		for i < len(chunk) {
			c := chunk[i]
			if c < utf8.RuneSelf {
				if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
					return false, nil
				}
				i++
				continue
			}
			if !utf8.FullRune(chunk[i:]) {
				if atEOF {
					return false, nil
				}
				break
			}
			ru, w := utf8.DecodeRune(chunk[i:])
			if ru == utf8.RuneError && w == 1 || 0x80 <= ru && ru < 0xA0 { // C1 controls
				return false, nil
			}
			i += w
		}
		if atEOF {
			return true, nil
		}
		carry = copy(buf, chunk[i:])
	}
}
