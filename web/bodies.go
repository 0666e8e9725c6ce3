package web

import (
	"context"
	"errors"
	"net/http"

	"xxgk/bodies"
	"xxgk/catalog"
)

// siteBody is the government whose portal this is: the root of the tree, or the configured site
// when the tree is still empty.
func (s *Server) siteBody(ctx context.Context) (bodies.Body, bool) {
	if s.bodies == nil {
		return bodies.Body{}, false
	}
	b, err := s.bodies.Root(ctx)
	if err != nil {
		return bodies.Body{}, false
	}
	return b, true
}

// childLinks splits a body's children into lower governments and departments, as links.
func (s *Server) childLinks(ctx context.Context, code, lang string) (govs, depts []NavItem, err error) {
	kids, err := s.bodies.Children(ctx, code)
	if err != nil {
		return nil, nil, err
	}
	for _, k := range kids {
		item := NavItem{Href: "/bodies/" + k.Code, Label: k.DisplayName(lang)}
		if k.Kind == bodies.KindGovernment {
			govs = append(govs, item)
		} else {
			depts = append(depts, item)
		}
	}
	return govs, depts, nil
}

func (s *Server) bodyPage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	var err error
	lang := requestLang(r)
	p := BodyPage{Page: s.page(r, b.DisplayName(lang)), Body: b, Name: b.DisplayName(lang)}
	if p.Governments, p.Departments, err = s.childLinks(r.Context(), b.Code, lang); err != nil {
		s.serverError(w, r, err)
		return
	}
	if s.catalog != nil {
		if p.Tree, err = s.columnTree(r, b); err != nil {
			s.serverError(w, r, err)
			return
		}
		_, latest, err := s.readCatalog(r).List(r.Context(), catalog.ListFilter{BodyCode: b.Code, BodyID: b.ID, PublicOnly: true, PageSize: 10, NoTotal: true, Brief: true})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		p.Entries = entryRows(lang, latest)
		if len(p.Tree) > 0 {
			if p.TreeHTML, err = s.columnTreeHTML("body", lang, b.Code, false, p.Tree, &p); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
	}
	if p.BodyLinksHTML, err = s.bodyLinksHTML("body", lang, p.Governments, p.Departments, &p); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "body", &p)
}

func (s *Server) apiListBodies(w http.ResponseWriter, r *http.Request) {
	bs, err := s.bodies.List(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if bs == nil {
		bs = []bodies.Body{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": len(bs), "bodies": bs})
}

func (s *Server) apiGetBody(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, b)
}

func (s *Server) apiCreateBody(w http.ResponseWriter, r *http.Request) {
	var nb bodies.NewBody
	if !s.decodeJSON(w, r, &nb) {
		return
	}
	b, err := s.bodies.Create(r.Context(), actorFrom(r), nb)
	var v bodies.ValidationError
	switch {
	case errors.As(err, &v):
		writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(requestLang(r), "error.invalid"), v)
	case errors.Is(err, bodies.ErrConflict):
		writeAPIError(w, r, http.StatusConflict, "conflict", s.msgs.T(requestLang(r), "error.conflict"), nil)
	case err != nil:
		s.serverError(w, r, err)
	default:
		writeJSON(w, http.StatusCreated, b)
	}
}
