package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
)

// apiError is the JSON body of every API error: {"error": {"code": "...", "message": "..."}}.
type apiError struct {
	Error struct {
		Code      string            `json:"code"`
		Message   string            `json:"message"`
		Fields    map[string]string `json:"fields,omitempty"`
		RequestID string            `json:"request_id,omitempty"`
	} `json:"error"`
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// writeJSON writes v as the response body. Like a page, the body is encoded whole first and
// sent with its length: a search answer is 1–20 KB, and streamed it would go out chunked in
// 2 KB pieces. (On the search benchmark's loopback the latency did not change measurably.)
func writeJSON(w http.ResponseWriter, status int, v any) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		// Only a type that cannot be encoded gets here: a programming error, never input.
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// writeAPIError writes an API error; message is already in the request's language.
func writeAPIError(w http.ResponseWriter, r *http.Request, status int, code, message string, fields map[string]string) {
	var e apiError
	e.Error.Code = code
	e.Error.Message = message
	e.Error.Fields = fields
	if status >= 500 {
		e.Error.RequestID = requestID(r.Context())
	}
	writeJSON(w, status, e)
}

// serverError logs err with the request id and answers without any internal detail: users see
// the request id, operators find it in the log.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	id := requestID(r.Context())
	if dataException(err) {
		s.log.LogAttrs(r.Context(), slog.LevelWarn, "input refused by the database", slog.String("request_id", id), slog.String("error", err.Error()))
		s.fail(w, r, http.StatusBadRequest, "invalid_text", "error.badtext.title", "error.badtext.text", "error.badtext")
		return
	}
	s.log.LogAttrs(r.Context(), slog.LevelError, "internal error", slog.String("request_id", id), slog.String("error", err.Error()))
	lang := requestLang(r)
	if isAPI(r) {
		writeAPIError(w, r, http.StatusInternalServerError, "internal", s.msgs.T(lang, "error.internal", id), nil)
		return
	}
	p := ErrorPage{Page: s.page(r, s.msgs.T(lang, "error.internal.title"))}
	p.Heading = p.Title
	p.Message = s.msgs.T(lang, "error.internal.text", id)
	var buf bytes.Buffer
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	if s.writePage(&buf, "error", &p) != nil {
		_, _ = w.Write([]byte("Internal Server Error. Request ID: " + id))
		return
	}
	_, _ = w.Write(buf.Bytes())
}

// dataException reports a database error of SQLSTATE class 22 (data exception: a NUL in text,
// a number out of range, an impossible date). Such an error comes from the values a request
// sent, which no validator caught, so the request is answered 400 instead of 500. Any driver
// error with an SQLState method is recognised, so this package imports no SQL driver.
func dataException(err error) bool {
	var st interface{ SQLState() string }
	return errors.As(err, &st) && strings.HasPrefix(st.SQLState(), "22")
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, "not_found", "error.notfound.title", "error.notfound.text", "error.notfound")
}

// fail answers a client error: the API gets {"error": …} with apiKey's message, a page gets the
// error page with titleKey and textKey, all in the request's language.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, code, titleKey, textKey, apiKey string) {
	lang := requestLang(r)
	if isAPI(r) {
		writeAPIError(w, r, status, code, s.msgs.T(lang, apiKey), nil)
		return
	}
	p := ErrorPage{Page: s.page(r, s.msgs.T(lang, titleKey))}
	p.Heading = p.Title
	p.Message = s.msgs.T(lang, textKey)
	s.render(w, r, status, "error", &p)
}

// decodeJSON reads a JSON request body of at most 1 MiB into v, answering 400 itself when it
// cannot.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeAPIError(w, r, http.StatusBadRequest, "bad_json", s.msgs.T(requestLang(r), "error.badjson"), nil)
		return false
	}
	return true
}
