package web

import (
	"errors"
	"net/http"
	"strconv"

	"xxgk/accounts"
)

// API tokens through the API: anyone signed in manages their own tokens; administrators
// manage anyone's (?username= on the list). The CLI does the same with `xxgk token`.

// tokenOwner is whose tokens a request is about: the caller, or for an administrator the
// user named by ?username=.
func tokenOwner(r *http.Request) (string, bool) {
	p, _ := principalFrom(r.Context())
	if u := r.URL.Query().Get("username"); u != "" && u != p.Username {
		return u, p.IsAdmin()
	}
	return p.Username, true
}

func (s *Server) apiListTokens(w http.ResponseWriter, r *http.Request) {
	owner, ok := tokenOwner(r)
	if !ok {
		s.denied(w, r, true)
		return
	}
	tokens, err := s.accounts.ListTokens(r.Context(), owner)
	if errors.Is(err, accounts.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"tokens": tokens})
}

func (s *Server) apiCreateToken(w http.ResponseWriter, r *http.Request) {
	owner, ok := tokenOwner(r)
	if !ok {
		s.denied(w, r, true)
		return
	}
	var in struct {
		Name string `json:"name"`
	}
	if !s.decodeJSON(w, r, &in) {
		return
	}
	secret, tok, err := s.accounts.CreateToken(r.Context(), actorFrom(r), owner, in.Name)
	var v accounts.ValidationError
	switch {
	case errors.As(err, &v):
		writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(requestLang(r), "error.invalid"), v)
		return
	case errors.Is(err, accounts.ErrNotFound):
		s.notFound(w, r)
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	// The secret is in this response and nowhere else, ever.
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, map[string]any{"token": secret, "info": tok})
}

func (s *Server) apiRevokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	p, _ := principalFrom(r.Context())
	if !p.IsAdmin() {
		// Officers and auditors revoke only their own tokens; someone else's is "not found"
		// rather than "forbidden", so ids cannot be probed.
		mine, err := s.accounts.ListTokens(r.Context(), p.Username)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		owned := false
		for _, t := range mine {
			owned = owned || t.ID == id
		}
		if !owned {
			s.notFound(w, r)
			return
		}
	}
	err = s.accounts.RevokeToken(r.Context(), actorFrom(r), id)
	if errors.Is(err, accounts.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
