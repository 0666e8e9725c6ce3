package bodies

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"xxgk/audit"
)

// Cache answers the public portal's questions about the tree of bodies (Get, Root, Children,
// List) from an in-memory copy of the whole tree, instead of a query each: every public page
// asks two or three of them, and a province has only hundreds of bodies, which are created
// but never edited (Create is the only write). The copy is reloaded when it is older than
// maxAge, at once after a Create through this cache, and when a code it does not hold is
// asked for (a body just created by another instance); those reloads on a miss happen at
// most once a second, so that requests for made-up codes cannot turn into a reload each.
type Cache struct {
	store  *Store
	maxAge time.Duration
	now    func() time.Time

	snap   atomic.Pointer[snapshot]
	reload sync.Mutex // one reload at a time; readers keep using the old copy meanwhile
	missAt atomic.Int64
}

// snapshot is the whole tree at one moment.
type snapshot struct {
	at       time.Time
	list     []Body // tree order, as List
	byCode   map[string]int
	children map[string][]Body // by parent code, ordered as Children
}

// NewCache returns a cache of store's tree whose copy is at most maxAge old.
func NewCache(store *Store, maxAge time.Duration) *Cache {
	return &Cache{store: store, maxAge: maxAge, now: time.Now}
}

// missInterval bounds the reloads that a code missing from the copy causes.
const missInterval = time.Second

func (c *Cache) current(ctx context.Context) (*snapshot, error) {
	if s := c.snap.Load(); s != nil && c.now().Sub(s.at) < c.maxAge {
		return s, nil
	}
	return c.load(ctx, nil)
}

// load reads the tree again unless another caller did so after stale was taken.
func (c *Cache) load(ctx context.Context, stale *snapshot) (*snapshot, error) {
	c.reload.Lock()
	defer c.reload.Unlock()
	if s := c.snap.Load(); s != nil && s != stale && c.now().Sub(s.at) < c.maxAge {
		return s, nil
	}
	at := c.now()
	list, err := c.store.List(ctx)
	if err != nil {
		return nil, err
	}
	s := &snapshot{at: at, list: list, byCode: make(map[string]int, len(list)), children: map[string][]Body{}}
	for i, b := range list {
		s.byCode[b.Code] = i
		if b.ParentCode != "" {
			s.children[b.ParentCode] = append(s.children[b.ParentCode], b)
		}
	}
	for _, kids := range s.children {
		// As Children orders them: lower governments before departments, then by position.
		slices.SortFunc(kids, func(a, b Body) int {
			return cmp.Or(cmp.Compare(b.Kind, a.Kind), cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
		})
	}
	c.snap.Store(s)
	return s, nil
}

// lookup finds code in the copy, reloading it once (rate-limited) when code is not there.
func (c *Cache) lookup(ctx context.Context, code string) (*snapshot, int, bool, error) {
	s, err := c.current(ctx)
	if err != nil {
		return nil, 0, false, err
	}
	if i, ok := s.byCode[code]; ok {
		return s, i, true, nil
	}
	now := c.now().UnixNano()
	last := c.missAt.Load()
	if now-last < int64(missInterval) || !c.missAt.CompareAndSwap(last, now) {
		return s, 0, false, nil
	}
	if s, err = c.load(ctx, s); err != nil {
		return nil, 0, false, err
	}
	i, ok := s.byCode[code]
	return s, i, ok, nil
}

// Get returns the body with code.
func (c *Cache) Get(ctx context.Context, code string) (Body, error) {
	s, i, ok, err := c.lookup(ctx, code)
	if err != nil {
		return Body{}, fmt.Errorf("bodies: get %s: %w", code, err)
	}
	if !ok {
		return Body{}, fmt.Errorf("bodies: %s: %w", code, ErrNotFound)
	}
	return s.list[i], nil
}

// Root returns the top body of the tree.
func (c *Cache) Root(ctx context.Context) (Body, error) {
	s, err := c.current(ctx)
	if err != nil {
		return Body{}, fmt.Errorf("bodies: root: %w", err)
	}
	var root *Body
	for i := range s.list {
		if b := &s.list[i]; b.ParentCode == "" && (root == nil || b.ID < root.ID) {
			root = b
		}
	}
	if root == nil {
		return Body{}, fmt.Errorf("bodies: root: %w", ErrNotFound)
	}
	return *root, nil
}

// Children returns the bodies directly below code.
func (c *Cache) Children(ctx context.Context, code string) ([]Body, error) {
	s, _, _, err := c.lookup(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("bodies: children of %s: %w", code, err)
	}
	return slices.Clone(s.children[code]), nil
}

// List returns every body in tree order.
func (c *Cache) List(ctx context.Context) ([]Body, error) {
	s, err := c.current(ctx)
	if err != nil {
		return nil, fmt.Errorf("bodies: list: %w", err)
	}
	return slices.Clone(s.list), nil
}

// Create stores a new body (see Store.Create) and drops the copy, so that this instance shows
// the body at once.
func (c *Cache) Create(ctx context.Context, actor audit.Actor, nb NewBody) (Body, error) {
	b, err := c.store.Create(ctx, actor, nb)
	c.snap.Store(nil)
	return b, err
}
