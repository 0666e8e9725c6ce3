// Package searchtest gives tests an Engine on a real Meilisearch with an index of their
// own. Search tests never mock Meilisearch: ranking, tokenisation and filter parsing are
// what they test.
package searchtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"xxgk/search"
)

// nonIndexChars are the characters of a test name that an index uid cannot hold.
var nonIndexChars = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// Engine returns an Engine on the Meilisearch at XXGK_TEST_MEILI_URL (key
// XXGK_TEST_MEILI_KEY) using a new index named after the test, with xxgk's settings
// applied. The index is deleted when the test ends. Without a Meilisearch the test fails:
// a search test that skips silently proves nothing.
func Engine(tb testing.TB) *search.Engine {
	tb.Helper()
	url := os.Getenv("XXGK_TEST_MEILI_URL")
	if url == "" {
		tb.Fatal("XXGK_TEST_MEILI_URL is not set: this test needs a running Meilisearch: run `make test`")
	}
	e, err := search.New(search.Config{
		URL:       url,
		APIKey:    os.Getenv("XXGK_TEST_MEILI_KEY"),
		IndexName: IndexName(tb),
	})
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := e.Healthy(ctx); err != nil {
		tb.Fatalf("needs a running Meilisearch: run `make test` (%v)", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := e.DropIndex(ctx); err != nil {
			tb.Errorf("searchtest: drop index %s: %v", e.IndexName(), err)
		}
	})
	if err := e.EnsureSettings(ctx); err != nil {
		tb.Fatal(err)
	}
	return e
}

// IndexName returns a fresh index name for the test: readable in Meilisearch's task list,
// unique across parallel tests and repeated runs.
func IndexName(tb testing.TB) string {
	tb.Helper()
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		tb.Fatal(err)
	}
	name := strings.Trim(nonIndexChars.ReplaceAllString(tb.Name(), "_"), "_")
	if len(name) > 60 {
		name = name[:60]
	}
	return "xxgk_test_" + name + "_" + hex.EncodeToString(b)
}
