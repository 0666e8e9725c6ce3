package web

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// RateLimits bounds, per client address, the public doors that cost the government something
// when hammered: sign-in attempts (on top of the per-account lock-out, which a guesser of many
// usernames never trips) and submissions of applications (each starts a statutory clock and a
// queue entry). Tracking lookups have their own guess limit in the requests store. Counts live
// in the memory of each instance: behind a load balancer of N instances an address gets up to
// N times the limit, which still stops a script.
type RateLimits struct {
	SignIn      Limit
	Application Limit
}

// Limit is at most N requests per Window.
type Limit struct {
	N      int
	Window time.Duration
}

// DefaultRateLimits are generous for people (an office sharing one address signs in a few
// times an hour, a citizen files a handful of applications) and tight for scripts.
func DefaultRateLimits() *RateLimits {
	return &RateLimits{
		SignIn:      Limit{N: 20, Window: 10 * time.Minute},
		Application: Limit{N: 20, Window: time.Hour},
	}
}

// rateLimiter counts requests per key in fixed windows.
type rateLimiter struct {
	limit Limit
	now   func() time.Time

	mu      sync.Mutex
	windows map[string]*window
}

type window struct {
	start time.Time
	n     int
}

// maxTrackedKeys bounds the limiter's memory: when reached, expired windows are dropped, and
// if none has expired the oldest-started half goes (an attacker rotating addresses gains
// little, since the keys dropped are the least recent).
const maxTrackedKeys = 100_000

func newRateLimiter(l Limit, now func() time.Time) *rateLimiter {
	if l.N <= 0 || l.Window <= 0 {
		return nil
	}
	if now == nil {
		now = time.Now
	}
	return &rateLimiter{limit: l, now: now, windows: map[string]*window{}}
}

// allow counts one request for key and reports whether it is within the limit, and if not,
// how long until the window ends. A nil limiter allows everything.
func (l *rateLimiter) allow(key string) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.windows[key]
	if w == nil || now.Sub(w.start) >= l.limit.Window {
		if w == nil && len(l.windows) >= maxTrackedKeys {
			l.prune(now)
		}
		w = &window{start: now}
		l.windows[key] = w
	}
	w.n++
	if w.n > l.limit.N {
		return false, w.start.Add(l.limit.Window).Sub(now)
	}
	return true, 0
}

func (l *rateLimiter) prune(now time.Time) {
	for k, w := range l.windows {
		if now.Sub(w.start) >= l.limit.Window {
			delete(l.windows, k)
		}
	}
	if len(l.windows) < maxTrackedKeys {
		return
	}
	cut := now.Add(-l.limit.Window / 2)
	for k, w := range l.windows {
		if w.start.Before(cut) {
			delete(l.windows, k)
		}
	}
}

// limited answers 429 with the message in the caller's language and a Retry-After header when
// the address has used up limiter's allowance, and reports whether it did.
func (s *Server) limited(w http.ResponseWriter, r *http.Request, l *rateLimiter, what string) bool {
	ok, wait := l.allow(clientAddr(r))
	if ok {
		return false
	}
	minutes := int(wait.Minutes()) + 1
	w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
	s.log.Warn("rate limited", "what", what, "remote", clientAddr(r), "request_id", requestID(r.Context()))
	lang := requestLang(r)
	msg := s.msgs.T(lang, "ratelimit."+what, minutes)
	if isAPI(r) {
		writeAPIError(w, r, http.StatusTooManyRequests, "rate_limited", msg, nil)
		return true
	}
	p := ErrorPage{Page: s.page(r, s.msgs.T(lang, "ratelimit.title")), Message: msg}
	p.Heading = p.Title
	s.render(w, r, http.StatusTooManyRequests, "error", &p)
	return true
}
