package search

import (
	"strconv"
	"strings"
)

// filter builds a Meilisearch filter expression from conditions joined by AND. Field names
// come from this package's constants only; every value passes through quote, so no input can
// close a string and add its own OR: the builder is the only way values reach an expression.
type filter struct {
	parts []string
}

// eq adds field = "value".
func (f *filter) eq(field, value string) *filter {
	f.parts = append(f.parts, field+" = "+quote(value))
	return f
}

// notEq adds NOT field = "value", which also keeps documents without the field.
func (f *filter) notEq(field, value string) *filter {
	f.parts = append(f.parts, "NOT "+field+" = "+quote(value))
	return f
}

// in adds field IN ["a", "b"]; an empty list adds nothing.
func (f *filter) in(field string, values []string) *filter {
	if len(values) == 0 {
		return f
	}
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quote(v)
	}
	f.parts = append(f.parts, field+" IN ["+strings.Join(q, ", ")+"]")
	return f
}

// eqInt adds field = n.
func (f *filter) eqInt(field string, n int) *filter {
	f.parts = append(f.parts, field+" = "+strconv.Itoa(n))
	return f
}

// and returns a copy of f with g's conditions appended.
func (f filter) and(g filter) filter {
	return filter{parts: append(append([]string(nil), f.parts...), g.parts...)}
}

// String returns the expression, or "" for no conditions (Meilisearch rejects an empty
// filter only when sent; the search request omits it).
func (f filter) String() string {
	if len(f.parts) == 0 {
		return ""
	}
	return "(" + strings.Join(f.parts, ") AND (") + ")"
}

// quote returns s as a double-quoted Meilisearch filter string. Meilisearch's filter parser
// treats a backslash as escaping the next character inside quotes, so escaping \ and " is
// enough to keep any value a single string literal.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		if r == '\\' || r == '"' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}
