package web

import (
	"net/http"
	"time"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	lang := requestLang(r)
	p := HomePage{Page: s.page(r, s.msgs.T(lang, "nav.home"))}
	if root, ok := s.siteBody(r.Context()); ok {
		var err error
		if p.Governments, p.Departments, err = s.childLinks(r.Context(), root.Code, lang); err != nil {
			s.serverError(w, r, err)
			return
		}
		p.Columns = []NavItem{{Href: "/bodies/" + root.Code, Label: s.msgs.T(lang, "home.guide")}}
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
