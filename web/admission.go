package web

import (
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// pageQueue admits the portal's public pages (the routes wrapped in queued) a few at a time, in
// the order they arrived. Under a crowd, the rest wait here instead of in the database pool:
// its waiters are woken in no particular order, and a page asks it for a connection four times,
// so a request could lose that draw again and again while PostgreSQL, with every core busy,
// switches between forty backends. Admitted in order, a page's wait is the queue ahead of it,
// and the slowest of them (p99) stays near the typical one. A request that waits longer than
// maxWait is answered 503 with Retry-After: a portal past its capacity says so rather than let
// the queue grow without end.
type pageQueue struct {
	slots   chan struct{}
	maxWait time.Duration
	// waiting counts the pages waiting their turn; gauge shows it in /metrics as
	// xxgk_page_queue_waiting.
	waiting atomic.Int64
	gauge   prometheus.GaugeFunc
}

// pageQueueMaxWait is how long a page waits for its turn before it is answered 503.
const pageQueueMaxWait = 10 * time.Second

// newPageQueue admits n pages at once; n < 1 admits every page at once (no queue).
func newPageQueue(n int, maxWait time.Duration) *pageQueue {
	if n < 1 {
		return nil
	}
	q := &pageQueue{slots: make(chan struct{}, n), maxWait: maxWait}
	q.gauge = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "xxgk_page_queue_waiting", Help: "Public pages waiting for their turn in the page queue.",
	}, func() float64 { return float64(q.waiting.Load()) })
	return q
}

// queued wraps a public page's handler in the queue. Goroutines blocked sending on a channel
// are woken first come, first served, which makes the channel a FIFO queue.
func (s *Server) queued(h http.HandlerFunc) http.HandlerFunc {
	q := s.pages
	if q == nil {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case q.slots <- struct{}{}:
		default:
			q.waiting.Add(1)
			t := time.NewTimer(q.maxWait)
			select {
			case q.slots <- struct{}{}:
				t.Stop()
				q.waiting.Add(-1)
			case <-t.C:
				q.waiting.Add(-1)
				s.busy(w, r)
				return
			case <-r.Context().Done(): // the visitor left
				t.Stop()
				q.waiting.Add(-1)
				return
			}
		}
		defer func() { <-q.slots }()
		h(w, r)
	}
}

// busy answers 503 with Retry-After and the message in the visitor's language.
func (s *Server) busy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", strconv.Itoa(5))
	lang := requestLang(r)
	p := ErrorPage{Page: s.page(r, s.msgs.T(lang, "busy.title")), Message: s.msgs.T(lang, "busy.text")}
	p.Heading = p.Title
	s.render(w, r, http.StatusServiceUnavailable, "error", &p)
}
