package web

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"html/template"
	"sync"
)

// fragments holds rendered pieces of the public pages (a body's column tree, the lists of
// the bodies below one) under a digest of everything each is rendered from. The same pieces
// appear on every page of a body and change rarely, while rendering them is most of a body
// page's work (every action and escaper of html/template is a reflective call). Keyed by
// content, a piece is never stale: changed content is another key. The map is bounded;
// when it is full it starts again, which costs one rendering per piece.
type fragments struct {
	seeds [2]maphash.Seed
	max   int

	mu sync.RWMutex
	m  map[fragmentKey]template.HTML
}

// maxFragments bounds the cache: a column tree renders to a few KiB, so at most a few
// dozen MiB however many bodies, languages and current columns the pages show.
const maxFragments = 4096

// fragmentKey is a 128-bit digest of a piece's template and inputs: two independently
// seeded hashes, so that two different pieces sharing a key is not a practical concern.
type fragmentKey [2]uint64

func newFragments(max int) *fragments {
	return &fragments{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, max: max, m: map[fragmentKey]template.HTML{}}
}

// fragmentInputs accumulates what one piece is rendered from.
type fragmentInputs struct {
	h   [2]maphash.Hash
	buf [binary.MaxVarintLen64]byte
}

func (f *fragments) inputs(template string) *fragmentInputs {
	in := &fragmentInputs{}
	for i := range in.h {
		in.h[i].SetSeed(f.seeds[i])
	}
	in.str(template)
	return in
}

// str adds a string, length first, so that ("ab","c") and ("a","bc") differ.
func (in *fragmentInputs) str(s string) {
	in.int(int64(len(s)))
	for i := range in.h {
		in.h[i].WriteString(s)
	}
}

func (in *fragmentInputs) int(n int64) {
	b := binary.AppendVarint(in.buf[:0], n)
	for i := range in.h {
		in.h[i].Write(b)
	}
}

func (in *fragmentInputs) bool(b bool) {
	if b {
		in.int(1)
	} else {
		in.int(0)
	}
}

func (in *fragmentInputs) key() fragmentKey { return fragmentKey{in.h[0].Sum64(), in.h[1].Sum64()} }

// render returns the template name of the page's set executed on data, from the cache when
// a piece with the same inputs was rendered before. in must hold everything the template
// reads from data.
func (f *fragments) render(t *template.Template, name string, in *fragmentInputs, data any) (template.HTML, error) {
	k := in.key()
	f.mu.RLock()
	h, ok := f.m[k]
	f.mu.RUnlock()
	if ok {
		return h, nil
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	h = template.HTML(buf.String())
	f.mu.Lock()
	if len(f.m) >= f.max {
		f.m = map[fragmentKey]template.HTML{}
	}
	f.m[k] = h
	f.mu.Unlock()
	return h, nil
}

// columnTreeHTML renders the "columntree" template for a body or directory page: the body's
// code, the tree's links and whether a column is current are all it reads, with the
// page's language for its labels.
func (s *Server) columnTreeHTML(page, lang, bodyCode string, columnPage bool, links []ColumnLink, data any) (template.HTML, error) {
	in := s.fragments.inputs("columntree")
	in.str(lang)
	in.str(bodyCode)
	in.bool(columnPage)
	in.int(int64(len(links)))
	for _, l := range links {
		in.str(l.Href)
		in.str(l.Label)
		in.int(int64(l.Depth))
		in.int(int64(l.Entries))
		in.bool(l.Current)
	}
	return s.fragment(page, "columntree", in, data)
}

// bodyLinksHTML renders the "bodylinks" template: the lower governments and departments
// of a body, in the page's language.
func (s *Server) bodyLinksHTML(page, lang string, govs, depts []NavItem, data any) (template.HTML, error) {
	in := s.fragments.inputs("bodylinks")
	in.str(lang)
	for _, list := range [][]NavItem{govs, depts} {
		in.int(int64(len(list)))
		for _, n := range list {
			in.str(n.Href)
			in.str(n.Label)
		}
	}
	return s.fragment(page, "bodylinks", in, data)
}

func (s *Server) fragment(page, name string, in *fragmentInputs, data any) (template.HTML, error) {
	t, ok := s.tmpl[page]
	if !ok {
		return "", fmt.Errorf("no template %q", page)
	}
	return s.fragments.render(t, name, in, data)
}
