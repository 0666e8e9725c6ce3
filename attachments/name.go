package attachments

import (
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxNameRunes is the longest file name kept, extension included. Names are cut in the middle
// of the stem, never in the extension.
const MaxNameRunes = 200

// fallbackStem names a file whose own name has nothing usable left.
const fallbackStem = "attachment"

// SanitizeName makes a client's file name safe to store and to send back in a download: it
// keeps the last path element (old browsers send C:\Users\...\name), drops control and
// invisible formatting characters (a right-to-left override can disguise "exe.pdf" as
// "fdp.exe"), replaces characters Windows forbids in names with "_", turns any whitespace
// into one space, trims dots and spaces from the ends (a leading dot hides a file), cuts the
// name to MaxNameRunes and keeps Chinese and every other printable character as it is. The
// result is never empty and SanitizeName of it is itself.
func SanitizeName(name string) string {
	name = norm.NFC.String(strings.ToValidUTF8(name, ""))
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	space := false
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == utf8.RuneError,
			unicode.Is(unicode.Co, r), unicode.Is(unicode.Cs, r):
			continue
		case strings.ContainsRune(`<>:"|?*`, r):
			r = '_'
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	name = strings.Trim(b.String(), ". ")
	if name == "" {
		name = fallbackStem
	}
	if isDeviceName(name) {
		name = "_" + name
	}
	return truncateName(name)
}

// isDeviceName reports names Windows reserves for devices whatever their extension (nul.txt).
func isDeviceName(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "COM") || strings.HasPrefix(stem, "LPT")) {
		return '0' <= stem[3] && stem[3] <= '9'
	}
	return false
}

// truncateName cuts the stem so the whole name has at most MaxNameRunes runes.
func truncateName(name string) string {
	if utf8.RuneCountInString(name) <= MaxNameRunes {
		return name
	}
	ext := extension(name)
	stem := []rune(strings.TrimSuffix(name, ext))
	keep := max(MaxNameRunes-utf8.RuneCountInString(ext), 1)
	if keep < len(stem) {
		stem = stem[:keep]
	}
	name = strings.TrimRight(string(stem), ". ") + ext
	if r := []rune(name); len(r) > MaxNameRunes {
		name = string(r[:MaxNameRunes]) // an "extension" too long to be one
	}
	return name
}

// extension returns name's extension when it looks like one: a dot, then 1 to 8 ASCII
// letters and digits, at least one a letter. "2024.12.03通知" and "v1.2" have none, so fixing
// their type appends an extension instead of eating part of the name.
func extension(name string) string {
	ext := filepath.Ext(name)
	if len(ext) < 2 || len(ext) > 9 || len(ext) == len(name) {
		return ""
	}
	letter := false
	for _, c := range []byte(ext[1:]) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			letter = true
		case '0' <= c && c <= '9':
		default:
			return ""
		}
	}
	if !letter {
		return ""
	}
	return ext
}

// nameFor sanitises name and makes its extension agree with mediaType (an allowed type): a
// consistent extension is kept as written (报告.PDF stays), a different one is replaced
// (报告.html holding a PDF becomes 报告.pdf) and a missing one is added.
func nameFor(name, mediaType string) string {
	name = SanitizeName(name)
	exts := extensions[mediaType]
	if len(exts) == 0 {
		return name
	}
	ext := extension(name)
	if slices.Contains(exts, strings.ToLower(ext)) {
		return name
	}
	stem := strings.TrimSuffix(name, ext)
	if stem == "" {
		stem = fallbackStem
	}
	return truncateName(stem + exts[0])
}

// ContentDisposition returns the value of a Content-Disposition header that makes a browser
// download the file under its name (RFC 6266): an ASCII filename for old clients and the exact
// name as filename* in percent-encoded UTF-8 (RFC 5987), which every current browser uses, so
// 2024年预算公开.pdf arrives as itself. The name is sanitised first.
func ContentDisposition(name string) string {
	name = SanitizeName(name)
	var b strings.Builder
	b.WriteString(`attachment; filename="`)
	b.WriteString(asciiFallback(name))
	b.WriteString(`"; filename*=UTF-8''`)
	const hexDigits = "0123456789ABCDEF"
	for _, c := range []byte(name) {
		if isAttrChar(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&0x0f])
	}
	return b.String()
}

// asciiFallback replaces each run of characters that cannot appear in a quoted ASCII filename
// with one "_"; when nothing of the stem survives it falls back to "attachment".
func asciiFallback(name string) string {
	var b strings.Builder
	under := false
	for _, r := range name {
		if r >= 0x20 && r < 0x7f && r != '"' && r != '\\' && r != '%' {
			b.WriteRune(r)
			under = false
			continue
		}
		if !under {
			b.WriteByte('_')
			under = true
		}
	}
	s := b.String()
	ext := extension(s)
	if strings.Trim(strings.TrimSuffix(s, ext), "_ .") == "" {
		return fallbackStem + ext
	}
	return s
}

// isAttrChar reports the bytes RFC 5987 allows unencoded in an ext-value.
func isAttrChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
