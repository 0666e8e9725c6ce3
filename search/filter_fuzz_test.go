package search

import (
	"strings"
	"testing"
)

// FuzzFilterQuote checks the promise of the filter builder: whatever the value (a search box,
// a body code from a URL), it stays one string literal in the expression, so no value can
// close the string and add its own OR.
func FuzzFilterQuote(f *testing.F) {
	for _, s := range []string{"", "sy-fgw", `a" OR body_codes EXISTS OR "`, `\`, `\"`, `"""`, "综合政务\\政务公开",
		"x = \"y\\\" OR 1 = \"1\"", "(", ") OR (", "\x00", "营商\u200b环境"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		var fl filter
		got := fl.eq("body_codes", v).notEq("kind", v).String()
		want := "(body_codes = " + quote(v) + ") AND (NOT kind = " + quote(v) + ")"
		if got != want {
			t.Fatalf("filter = %s, want %s", got, want)
		}
		back, rest, ok := unquote(quote(v))
		if !ok || rest != "" {
			t.Fatalf("quote(%q) = %s is not one string literal (left %q)", v, quote(v), rest)
		}
		if back != v && strings.ToValidUTF8(v, "\uFFFD") == v {
			t.Fatalf("quote(%q) reads back as %q", v, back)
		}
		var in filter
		expr := in.in("column", []string{v, v}).String()
		if strings.Count(expr, " IN [") != 1 || !strings.HasSuffix(expr, "])") {
			t.Fatalf("in() = %s", expr)
		}
	})
}

// unquote reads one double-quoted literal the way Meilisearch's filter parser does (a
// backslash escapes the next character) and returns it and what follows it.
func unquote(s string) (string, string, bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, false
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 >= len(s) {
				return "", "", false
			}
			i++
			b.WriteByte(s[i])
		case '"':
			return b.String(), s[i+1:], true
		default:
			b.WriteByte(s[i])
		}
	}
	return "", "", false
}
