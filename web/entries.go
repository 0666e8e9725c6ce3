package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"xxgk/calendar"
	"xxgk/catalog"
)

// The catalog's JSON API (/api/v1/...): the Interface of the catalog issue. Reads of public
// entries are public; writes need an officer of the entry's body (or an administrator).

// entryRequest is the JSON of a new entry or of a correction. It is catalog.EntryInput plus
// `issuer` (one string; joint issuers separated by 、, ； or commas) and a version note.
type entryRequest struct {
	catalog.EntryInput
	Issuer string `json:"issuer"`
	Note   string `json:"note"`
}

// input merges Issuer into the entry input.
func (q entryRequest) input() catalog.EntryInput {
	in := q.EntryInput
	if q.Issuer != "" {
		in.Issuers = splitIssuers(q.Issuer)
	}
	return in
}

func splitIssuers(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,；;", r) }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// inputOf is the entry's current state as an input, the starting point of a PATCH.
func inputOf(e catalog.Entry) catalog.EntryInput {
	in := catalog.EntryInput{
		Title: e.Title, TitleEN: e.TitleEN, Summary: e.Summary, SummaryEN: e.SummaryEN, FormedOn: e.FormedOn,
		EffectiveOn: e.EffectiveOn.Date, Issuers: e.Issuers, DocNo: e.DocNo, Subject: e.Subject, Column: e.ColumnCode,
		Keywords: e.Keywords, DisclosureMode: e.DisclosureMode, WithheldReason: e.WithheldReason, ReviewOn: e.ReviewOn.Date,
		Body: e.Body, Kind: e.Kind, Validity: e.RecordedValidity(), ValidUntil: e.ValidUntil.Date, RepealedOn: e.RepealedOn.Date,
		RegistrationNo: e.RegistrationNo, Source: e.Source,
	}
	if !e.EffectiveOn.Valid {
		in.EffectiveOn = calendar.Date{}
	}
	return in
}

// catalogError answers an error of the catalog store; it reports whether there was one.
func (s *Server) catalogError(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	lang := requestLang(r)
	var v catalog.ValidationError
	switch {
	case errors.As(err, &v):
		if isAPI(r) {
			writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "error.invalid"), v)
		} else {
			s.fail(w, r, http.StatusBadRequest, "invalid", "error.badrequest.title", "error.invalid", "error.invalid")
		}
	case errors.Is(err, catalog.ErrNotFound):
		s.notFound(w, r)
	case errors.Is(err, catalog.ErrConflict):
		s.fail(w, r, http.StatusConflict, "conflict", "error.badrequest.title", "catalog.conflict", "catalog.conflict")
	case errors.Is(err, catalog.ErrNotAllowed):
		s.fail(w, r, http.StatusConflict, "not_allowed", "error.badrequest.title", "catalog.notallowed", "catalog.notallowed")
	default:
		s.serverError(w, r, err)
	}
	return true
}

func (s *Server) apiListEntries(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	page, size := pageParams(r)
	f := catalog.ListFilter{BodyCode: b.Code, Column: q.Get("column"), Page: page, PageSize: size, PublicOnly: true}
	problems := map[string]string{}
	lang := requestLang(r)
	if v := q.Get("kind"); v != "" {
		k, err := catalog.ParseKind(v)
		if err != nil {
			problems["kind"] = s.msgs.T(lang, "catalog.badkind")
		}
		f.Kind = k
	}
	if v := q.Get("validity"); v != "" {
		val, err := catalog.ParseValidity(v)
		if err != nil {
			problems["validity"] = s.msgs.T(lang, "catalog.badvalidity")
		}
		f.Validity = val
	}
	if v := q.Get("status"); v != "" {
		st, err := catalog.ParseStatus(v)
		if err != nil {
			problems["status"] = s.msgs.T(lang, "catalog.badstatus")
		}
		f.Status = st
	}
	if len(problems) > 0 {
		writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "error.invalid"), problems)
		return
	}
	// Officers of the body (and those who read everything) also see drafts.
	if p, ok := s.optionalPrincipal(r); ok && (p.CanManage(b.Code) || p.CanReadAll()) {
		f.PublicOnly = false
	}
	total, entries, err := s.readCatalog(r).List(r.Context(), f)
	if s.catalogError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": total, "page": page, "page_size": size, "entries": entries})
}

func (s *Server) apiCreateEntry(w http.ResponseWriter, r *http.Request) {
	var q entryRequest
	if !s.decodeJSON(w, r, &q) {
		return
	}
	in := q.input()
	if in.Source == "" {
		in.Source = "api"
	}
	e, err := s.catalog.Create(r.Context(), actorFrom(r), r.PathValue("code"), in)
	if s.catalogError(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/entries/"+strconv.FormatInt(e.ID, 10))
	writeJSON(w, http.StatusCreated, e)
}

func (s *Server) apiGetEntry(w http.ResponseWriter, r *http.Request) {
	e, _, ok := s.visibleEntry(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, e)
}

// apiPatchEntry applies the fields present in the JSON to the entry: absent fields keep their
// value. On a published entry this makes a new version.
func (s *Server) apiPatchEntry(w http.ResponseWriter, r *http.Request) {
	id, _ := entryID(r)
	e, err := s.catalog.Get(r.Context(), id)
	if s.catalogError(w, r, err) {
		return
	}
	q := entryRequest{EntryInput: inputOf(e)}
	if !s.decodeJSON(w, r, &q) {
		return
	}
	e, err = s.catalog.Update(r.Context(), actorFrom(r), id, q.input(), q.Note)
	if s.catalogError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (s *Server) apiPublishEntry(w http.ResponseWriter, r *http.Request) {
	id, _ := entryID(r)
	e, err := s.catalog.Publish(r.Context(), actorFrom(r), id)
	if s.catalogError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (s *Server) apiWithdrawEntry(w http.ResponseWriter, r *http.Request) {
	id, _ := entryID(r)
	var q struct {
		Reason string `json:"reason"`
	}
	if !s.decodeJSON(w, r, &q) {
		return
	}
	e, err := s.catalog.Withdraw(r.Context(), actorFrom(r), id, q.Reason)
	if s.catalogError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (s *Server) apiEntryVersions(w http.ResponseWriter, r *http.Request) {
	e, cat, ok := s.visibleEntry(w, r)
	if !ok {
		return
	}
	versions, err := cat.Versions(r.Context(), e.ID)
	if s.catalogError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"entry_id": e.ID, "versions": versions})
}

func (s *Server) apiRelateEntry(w http.ResponseWriter, r *http.Request) {
	id, _ := entryID(r)
	var q struct {
		Kind string        `json:"kind"`
		To   int64         `json:"to"`
		On   calendar.Date `json:"on"`
	}
	if !s.decodeJSON(w, r, &q) {
		return
	}
	kind, err := catalog.ParseRelationKind(q.Kind)
	if err != nil {
		writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(requestLang(r), "error.invalid"),
			map[string]string{"kind": s.msgs.T(requestLang(r), "catalog.badrelation")})
		return
	}
	// The other entry must be one the caller may change too: amending or repealing changes it.
	other, err := s.catalog.Get(r.Context(), q.To)
	if s.catalogError(w, r, err) {
		return
	}
	if p, _ := principalFrom(r.Context()); kind != catalog.RelationInterprets && !p.CanManage(other.BodyCode) {
		s.denied(w, r, true)
		return
	}
	if s.catalogError(w, r, s.catalog.Relate(r.Context(), actorFrom(r), id, q.To, kind, q.On)) {
		return
	}
	e, err := s.catalog.Get(r.Context(), id)
	if s.catalogError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (s *Server) apiNormative(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	on, ok := s.inForceDate(w, r)
	if !ok {
		return
	}
	entries, err := s.readCatalog(r).InForceOn(r.Context(), b.Code, r.URL.Query().Get("descendants") == "true", on)
	if s.catalogError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"in_force_on": on, "total": len(entries), "entries": entries})
}

func (s *Server) apiColumns(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	cols, err := s.readCatalog(r).Columns(r.Context(), b.Code)
	if s.catalogError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"columns": cols})
}

func (s *Server) apiCreateColumn(w http.ResponseWriter, r *http.Request) {
	var in catalog.ColumnInput
	if !s.decodeJSON(w, r, &in) {
		return
	}
	c, err := s.catalog.CreateColumn(r.Context(), actorFrom(r), r.PathValue("code"), in)
	if s.catalogError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusCreated, c)
}

// apiUpdateColumn renames a column, changes its note, or moves it (position) or retires it
// (retired: true).
func (s *Server) apiUpdateColumn(w http.ResponseWriter, r *http.Request) {
	code, col := r.PathValue("code"), r.PathValue("column")
	c, err := s.catalog.Column(r.Context(), code, col)
	if s.catalogError(w, r, err) {
		return
	}
	q := struct {
		catalog.ColumnInput
		Position *int `json:"position"`
		Retired  bool `json:"retired"`
	}{ColumnInput: catalog.ColumnInput{Name: c.Name, NameEN: c.NameEN, Art20Item: c.Art20Item, Freshness: c.Freshness, EmptyNote: c.EmptyNote}}
	if !s.decodeJSON(w, r, &q) {
		return
	}
	actor := actorFrom(r)
	if q.Retired {
		if s.catalogError(w, r, s.catalog.RetireColumn(r.Context(), actor, code, col)) {
			return
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if c, err = s.catalog.UpdateColumn(r.Context(), actor, code, col, q.ColumnInput); s.catalogError(w, r, err) {
		return
	}
	if q.Position != nil {
		if s.catalogError(w, r, s.catalog.MoveColumn(r.Context(), actor, code, col, *q.Position)) {
			return
		}
		if c, err = s.catalog.Column(r.Context(), code, col); s.catalogError(w, r, err) {
			return
		}
	}
	writeJSON(w, http.StatusOK, c)
}
