package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed i18n/*.json
var catalogFS embed.FS

// Languages the interface speaks; the first is the default.
var languages = []string{"zh", "en"}

// messages holds one message catalogue per language: key → text (fmt verbs allowed).
type messages map[string]map[string]string

// loadMessages reads each language's catalogue: i18n/{lang}.json plus one file per feature,
// i18n/{feature}.{lang}.json. A key defined twice is an error, so features cannot silently
// overwrite each other's texts.
func loadMessages() (messages, error) {
	m := messages{}
	for _, lang := range languages {
		files, err := fs.Glob(catalogFS, "i18n/*"+lang+".json")
		if err != nil {
			return nil, err
		}
		cat := map[string]string{}
		for _, name := range files {
			if base := path.Base(name); base != lang+".json" && !strings.HasSuffix(base, "."+lang+".json") {
				continue
			}
			b, err := catalogFS.ReadFile(name)
			if err != nil {
				return nil, err
			}
			var part map[string]string
			if err := json.Unmarshal(b, &part); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			for k, v := range part {
				if _, dup := cat[k]; dup {
					return nil, fmt.Errorf("%s: %q is defined twice", name, k)
				}
				cat[k] = v
			}
		}
		if len(cat) == 0 {
			return nil, fmt.Errorf("i18n: no messages for %s", lang)
		}
		m[lang] = cat
	}
	// A key missing from one catalogue would show its raw name to that language's users.
	for _, lang := range languages[1:] {
		for k := range m[languages[0]] {
			if _, ok := m[lang][k]; !ok {
				return nil, fmt.Errorf("i18n: %s lacks %q", lang, k)
			}
		}
		for k := range m[lang] {
			if _, ok := m[languages[0]][k]; !ok {
				return nil, fmt.Errorf("i18n: %s lacks %q", languages[0], k)
			}
		}
	}
	return m, nil
}

// T returns the message for key in lang, formatted with args. An unknown key renders as itself
// in brackets so it is noticed, never as an empty string.
func (m messages) T(lang, key string, args ...any) string {
	s, ok := m[lang][key]
	if !ok {
		return "[" + key + "]"
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

const langCookie = "xxgk_lang"

// requestLang picks the interface language: an explicit ?lang=, else the visitor's saved
// choice, else (for API clients only) Accept-Language, else Chinese. Pages ignore the browser's
// Accept-Language on purpose: a Chinese government portal speaks Chinese first, and English is
// a choice the visitor makes with the switch in the header.
func requestLang(r *http.Request) string {
	if l := knownLang(r.URL.Query().Get("lang")); l != "" {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l := knownLang(c.Value); l != "" {
			return l
		}
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
			tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
			base, _, _ := strings.Cut(strings.ToLower(tag), "-")
			if l := knownLang(base); l != "" {
				return l
			}
		}
	}
	return languages[0]
}

func knownLang(s string) string {
	for _, l := range languages {
		if s == l {
			return l
		}
	}
	return ""
}

// localPath returns next when it is a path on this site, and "/" otherwise: a language switch
// must not become an open redirect.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
