package migrations

import (
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestNumbering keeps the files numbered 1, 2, 3 … without gaps or duplicates, each with an Up
// section: two branches that both add migration 7 must not both land.
func TestNumbering(t *testing.T) {
	names, err := fs.Glob(FS, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("no migrations embedded")
	}
	pattern := regexp.MustCompile(`^(\d{5})_[a-z0-9_]+\.sql$`)
	for i, name := range names {
		m := pattern.FindStringSubmatch(name)
		if m == nil {
			t.Errorf("%s: want NNNNN_lower_case_name.sql", name)
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n != i+1 {
			t.Errorf("%s: number %d, want %d (no gaps, no duplicates)", name, n, i+1)
		}
		body, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(body), "-- +goose Up") {
			t.Errorf("%s: no '-- +goose Up' section", name)
		}
	}
}
