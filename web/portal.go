package web

import (
	"net/http"
	"time"

	"xxgk/catalog"
)

// home is the government's front door: search first, then its disclosure section, the bodies
// below it, what was published lately, and how to apply.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	lang := requestLang(r)
	p := HomePage{Page: s.page(r, s.msgs.T(lang, "nav.home"))}
	root, ok := s.siteBody(r.Context())
	if !ok {
		s.render(w, r, http.StatusOK, "home", &p)
		return
	}
	p.Body, p.HasBody = root, true
	var err error
	if p.Governments, p.Departments, err = s.childLinks(r.Context(), root.Code, lang); err != nil {
		s.serverError(w, r, err)
		return
	}
	if s.catalog != nil {
		tree, err := s.columnTree(r, root)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, c := range tree {
			if c.Depth == 1 {
				p.Columns = append(p.Columns, c)
			}
		}
		_, latest, err := s.readCatalog(r).List(r.Context(), catalog.ListFilter{BodyCode: root.Code, WithDescendants: true, PublicOnly: true, PageSize: 8, NoTotal: true, Brief: true})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		p.Entries = entryRows(lang, latest)
		_, norm, err := s.readCatalog(r).List(r.Context(), catalog.ListFilter{BodyCode: root.Code, WithDescendants: true, PublicOnly: true, Kind: catalog.KindNormative, PageSize: 6, NoTotal: true, Brief: true})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		p.Normative = entryRows(lang, norm)
	}
	if p.BodyLinksHTML, err = s.bodyLinksHTML("home", lang, p.Governments, p.Departments, &p); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", &p)
}

// switchLang saves the visitor's language for a year and returns them to the page they were on.
func (s *Server) switchLang(w http.ResponseWriter, r *http.Request) {
	lang := knownLang(r.URL.Query().Get("to"))
	if lang == "" {
		lang = languages[0]
	}
	http.SetCookie(w, &http.Cookie{
		Name: langCookie, Value: lang, Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	})
	http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
}

// displayCookie holds the visitor's choice of the large-text, high-contrast display (适老化).
const displayCookie = "xxgk_display"

// elderDisplay reports whether the visitor chose the large-text, high-contrast display.
func elderDisplay(r *http.Request) bool {
	c, err := r.Cookie(displayCookie)
	return err == nil && c.Value == "elder"
}

// switchDisplay turns the large-text, high-contrast display on (?mode=elder) or off, for a
// year, and returns the visitor to the page they were on. It is a plain link so that it works
// without JavaScript; next is checked like the language switch's, so it cannot redirect away.
func (s *Server) switchDisplay(w http.ResponseWriter, r *http.Request) {
	c := &http.Cookie{Name: displayCookie, Value: "elder", Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil}
	if r.URL.Query().Get("mode") != "elder" {
		c.Value, c.MaxAge = "", -1
	}
	http.SetCookie(w, c)
	http.Redirect(w, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
}
