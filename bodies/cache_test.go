package bodies

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"xxgk/audit"
	"xxgk/database/dbtest"
)

// newTestBody creates a body with a valid organisation code numbered n.
func newTestBody(t *testing.T, create func(context.Context, audit.Actor, NewBody) (Body, error), n int, code, parent, level string) Body {
	t.Helper()
	base := fmt.Sprintf("112101000012%05d", n)
	cc, err := USCCCheckChar(base)
	if err != nil {
		t.Fatal(err)
	}
	b, err := create(context.Background(), audit.CLI("root"), NewBody{Code: code, Name: code + "人民政府", OrgCode: base + string(cc), Parent: parent, Level: level})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCacheAnswersAsTheStore checks that every answer of the cache is the store's, that a body
// created through the cache shows at once, and that one created behind its back (by another
// instance) is found by code at once and in its parent's children once the copy is maxAge old.
func TestCacheAnswersAsTheStore(t *testing.T) {
	ctx := context.Background()
	store := NewStore(dbtest.New(t))
	cache := NewCache(store, time.Minute)
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	cache.now = func() time.Time { return now }

	if _, err := cache.Root(ctx); !errors.Is(err, ErrNotFound) {
		t.Fatalf("root of an empty tree: %v, want ErrNotFound", err)
	}
	newTestBody(t, cache.Create, 1, "sy", "", "city")
	newTestBody(t, cache.Create, 2, "sy-fgw", "sy", "")
	newTestBody(t, cache.Create, 3, "hp", "sy", "county")
	newTestBody(t, cache.Create, 4, "sy-jyj", "sy", "")

	same := func(what string, want, got any, wantErr, gotErr error) {
		t.Helper()
		if (wantErr == nil) != (gotErr == nil) || errors.Is(wantErr, ErrNotFound) != errors.Is(gotErr, ErrNotFound) {
			t.Errorf("%s: error %v, store says %v", what, gotErr, wantErr)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: cache says\n%+v\nstore says\n%+v", what, got, want)
		}
	}
	check := func() {
		t.Helper()
		for _, code := range []string{"sy", "sy-fgw", "hp", "sy-jyj", "nowhere"} {
			want, werr := store.Get(ctx, code)
			got, gerr := cache.Get(ctx, code)
			same("get "+code, want, got, werr, gerr)
			wantKids, werr := store.Children(ctx, code)
			gotKids, gerr := cache.Children(ctx, code)
			if len(wantKids) == 0 && len(gotKids) == 0 {
				wantKids, gotKids = nil, nil
			}
			same("children of "+code, wantKids, gotKids, werr, gerr)
		}
		want, werr := store.Root(ctx)
		got, gerr := cache.Root(ctx)
		same("root", want, got, werr, gerr)
		wantAll, werr := store.List(ctx)
		gotAll, gerr := cache.List(ctx)
		same("list", wantAll, gotAll, werr, gerr)
	}
	check()

	// Another instance creates a body: found by code at once, though the copy is fresh.
	newTestBody(t, store.Create, 5, "sy-wjw", "sy", "")
	now = now.Add(2 * missInterval)
	if _, err := cache.Get(ctx, "sy-wjw"); err != nil {
		t.Fatalf("a body created elsewhere is not found: %v", err)
	}
	check()

	// Another instance creates one more; a miss within missInterval does not reload ...
	newTestBody(t, store.Create, 6, "sy-gaj", "sy", "")
	if _, err := cache.Get(ctx, "nowhere"); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	if _, err := cache.Get(ctx, "sy-gaj"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a second miss within %s reloaded the copy: %v", missInterval, err)
	}
	// ... and the copy is reloaded once it is maxAge old.
	now = now.Add(time.Minute)
	check()
}
