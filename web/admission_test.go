package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestPageQueue: with the portal busy, public pages are served a few at a time in the order
// they came; one that waits too long is told the portal is busy (503, Retry-After, in the
// visitor's language), and one whose visitor left is dropped without being served.
func TestPageQueue(t *testing.T) {
	s, err := New(Deps{Site: Site{Code: "sy", Name: "沈阳市人民政府"}, PageConcurrency: 2})
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	var mu sync.Mutex
	var served []string
	page := s.queued(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		served = append(served, r.URL.Query().Get("n"))
		mu.Unlock()
		<-release
		w.WriteHeader(http.StatusOK)
	})
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); !ok(); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s", what)
			}
		}
	}
	waiting := func() int { return int(s.pages.waiting.Load()) }
	nServed := func() int { mu.Lock(); defer mu.Unlock(); return len(served) }

	var wg sync.WaitGroup
	get := func(n string) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := httptest.NewRecorder()
			page(rec, httptest.NewRequest(http.MethodGet, "/entries/1?n="+n, nil))
			if rec.Code != http.StatusOK {
				t.Errorf("page %s: %d", n, rec.Code)
			}
		}()
	}
	get("a")
	get("b")
	waitFor("two pages in service", func() bool { return nServed() == 2 })
	for i, n := range []string{"c", "d", "e"} {
		get(n)
		waitFor("page "+n+" to queue", func() bool { return waiting() == i+1 })
	}
	if nServed() != 2 {
		t.Fatalf("%d pages in service with 2 slots", nServed())
	}
	for i := range 3 {
		release <- struct{}{}
		waitFor("the next page", func() bool { return nServed() == 3+i })
	}
	close(release)
	wg.Wait()
	if got := strings.Join(served[2:], ""); got != "cde" {
		t.Errorf("queued pages served in the order %q, want cde (the order they came)", got)
	}
	if waiting() != 0 {
		t.Errorf("%d still counted as waiting", waiting())
	}

	// Full, and nobody leaves: the next one waits its maximum and is told to come back.
	s.pages.maxWait = 20 * time.Millisecond
	block := make(chan struct{})
	busy := s.queued(func(w http.ResponseWriter, r *http.Request) { <-block })
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); busy(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil)) }()
	}
	waitFor("the slots to fill", func() bool { return len(s.pages.slots) == 2 })
	rec := httptest.NewRecorder()
	busy(rec, httptest.NewRequest(http.MethodGet, "/entries/1", nil))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "访问人数较多") {
		t.Errorf("past the wait: %d, Retry-After %q, body %.300s; want 503 with Retry-After and the message in Chinese", rec.Code, rec.Header().Get("Retry-After"), rec.Body)
	}

	// A visitor who leaves while waiting is not served.
	s.pages.maxWait = time.Minute
	ctx, cancel := context.WithCancel(context.Background())
	called := false
	left := s.queued(func(w http.ResponseWriter, r *http.Request) { called = true })
	done := make(chan struct{})
	go func() {
		left(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx))
		close(done)
	}()
	waitFor("the visitor to queue", func() bool { return waiting() == 1 })
	cancel()
	<-done
	if called || waiting() != 0 {
		t.Errorf("a visitor who left: served %v, waiting %d", called, waiting())
	}
	close(block)
	wg.Wait()
}
