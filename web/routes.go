package web

import (
	"context"
	"net/http"
)

// access is what a route requires of its caller. Every route states one; see authorize.
type access int

const (
	// public routes serve anyone, signed in or not.
	public access = iota
	// signedIn routes serve any signed-in account.
	signedIn
	// adminOnly routes serve administrators.
	adminOnly
	// readAll routes serve those who read everything: auditors and administrators.
	readAll
	// bodyOfficer routes serve officers of the body named by the {code} path value (directly
	// or through a grant of an ancestor with its descendants) and administrators.
	bodyOfficer
	// entryOfficer routes serve officers of the body that owns the entry named by the {entry}
	// path value, and administrators.
	entryOfficer
	// bodyReader routes serve what bodyOfficer serves plus those who read everything
	// (auditors): read-only console pages of a body, such as its workspace.
	bodyReader
)

// route is one line of the table of contents below.
type route struct {
	pattern string
	access  access
	handler http.HandlerFunc
}

// routes lists every route xxgk serves. Pages use plain paths; JSON lives under /api/v1.
func (s *Server) routes() []route {
	return []route{
		// Operations.
		{"GET /healthz", public, s.healthz},
		{"GET /readyz", public, s.readyz},
		{"GET /metrics", public, s.serveMetrics},
		{"GET /static/{file}", public, s.assets.ServeHTTP},

		// Public portal.
		{"GET /{$}", public, s.home},
		{"GET /lang", public, s.switchLang},
		{"GET /bodies/{code}", public, s.bodyPage},
		{"GET /bodies/{code}/entries", public, s.catalogPage},
		{"GET /bodies/{code}/columns/{column}", public, s.columnPage},
		{"GET /bodies/{code}/normative", public, s.normativePage},
		{"GET /search", public, s.searchPage},
		{"GET /entries/{entry}", public, s.entryPage},
		{"GET /entries/{entry}/versions/{n}", public, s.entryVersionPage},

		// Sign-in and the console.
		{"GET /signin", public, s.signInForm},
		{"POST /signin", public, s.signIn},
		{"POST /signout", public, s.signOut},
		{"POST /console/signout-all", signedIn, s.signOutEverywhere},
		{"GET /console", signedIn, s.console},
		{"GET /console/audit", readAll, s.auditPage},
		{"GET /console/audit/export", readAll, s.auditExport},

		// Public API.
		{"GET /api/v1/bodies", public, s.apiListBodies},
		{"GET /api/v1/bodies/{code}", public, s.apiGetBody},
		{"GET /api/v1/bodies/{code}/columns", public, s.apiColumns},
		{"GET /api/v1/bodies/{code}/entries", public, s.apiListEntries},
		{"GET /api/v1/bodies/{code}/normative", public, s.apiNormative},
		{"GET /api/v1/search", public, s.apiSearch},
		{"GET /api/v1/entries/{entry}", public, s.apiGetEntry},
		{"GET /api/v1/entries/{entry}/versions", public, s.apiEntryVersions},

		// Officers' catalog API: their own bodies only.
		{"POST /api/v1/bodies/{code}/columns", bodyOfficer, s.apiCreateColumn},
		{"PATCH /api/v1/bodies/{code}/columns/{column}", bodyOfficer, s.apiUpdateColumn},
		{"POST /api/v1/bodies/{code}/entries", bodyOfficer, s.apiCreateEntry},
		{"PATCH /api/v1/entries/{entry}", entryOfficer, s.apiPatchEntry},
		{"POST /api/v1/entries/{entry}/publish", entryOfficer, s.apiPublishEntry},
		{"POST /api/v1/entries/{entry}/withdraw", entryOfficer, s.apiWithdrawEntry},
		{"POST /api/v1/entries/{entry}/relations", entryOfficer, s.apiRelateEntry},

		// Accounts' own tokens (administrators: anyone's).
		{"GET /api/v1/tokens", signedIn, s.apiListTokens},
		{"POST /api/v1/tokens", signedIn, s.apiCreateToken},
		{"DELETE /api/v1/tokens/{id}", signedIn, s.apiRevokeToken},

		// Auditors' API.
		{"GET /api/v1/audit", readAll, s.apiAudit},

		// Administration API.
		{"POST /api/v1/bodies", adminOnly, s.apiCreateBody},

		// Officers' console: catalog work (web/console_catalog.go).
		{"GET /console/bodies/{code}", bodyReader, s.consoleBody},
		{"GET /console/bodies/{code}/entries/new", bodyOfficer, s.newEntryForm},
		{"POST /console/bodies/{code}/entries", bodyOfficer, s.createEntryForm},
		{"GET /console/entries/{entry}/edit", entryOfficer, s.editEntryForm},
		{"POST /console/entries/{entry}", entryOfficer, s.saveEntryForm},
		{"POST /console/entries/{entry}/publish", entryOfficer, s.publishEntryForm},
		{"POST /console/entries/{entry}/withdraw", entryOfficer, s.withdrawEntryForm},
		{"POST /console/entries/{entry}/relations", entryOfficer, s.relateEntryForm},
		{"GET /console/bodies/{code}/columns", bodyOfficer, s.columnsPage},
		{"POST /console/bodies/{code}/columns", bodyOfficer, s.createColumnForm},
		{"POST /console/bodies/{code}/columns/{column}", bodyOfficer, s.changeColumnForm},

		// Officers' console: catalog import (web/import.go).
		{"GET /console/bodies/{code}/import", bodyOfficer, s.importForm},
		{"POST /console/bodies/{code}/import", bodyOfficer, s.importUpload},
		{"GET /console/import/template.xlsx", signedIn, s.importTemplate},
		{"GET /console/import/template.csv", signedIn, s.importTemplate},

		// Feeds, sitemap and open data (web/feeds.go).
		{"GET /bodies/{code}/feed.atom", public, s.bodyFeed},
		{"GET /bodies/{code}/columns/{column}/feed.atom", public, s.columnFeed},
		{"GET /sitemap.xml", public, s.sitemap},
		{"GET /bodies/{code}/catalog.csv", public, s.catalogCSV},
		{"GET /bodies/{code}/catalog.xlsx", public, s.catalogXLSX},

		// Attachments (web/attachments.go). Removal checks the officer in the handler, through
		// the attachment's entry.
		{"GET /attachments/{attachment}/{name}", public, s.downloadAttachment},
		{"GET /api/v1/entries/{entry}/attachments", public, s.apiListAttachments},
		{"POST /api/v1/entries/{entry}/attachments", entryOfficer, s.apiAddAttachment},
		{"DELETE /api/v1/attachments/{attachment}", signedIn, s.apiRemoveAttachment},
		{"POST /console/entries/{entry}/attachments", entryOfficer, s.addAttachmentForm},
		{"POST /console/attachments/{attachment}/remove", signedIn, s.removeAttachmentForm},

		{"GET /", public, s.notFound},
	}
}

// authorize wraps a handler with the access check its route states. It is the one place where
// access is decided; TestRouteAccessMatrix walks every route with every role.
func (s *Server) authorize(rt route, h http.Handler) http.Handler {
	switch rt.access {
	case public:
		return h
	case signedIn, adminOnly, readAll, bodyOfficer, entryOfficer, bodyReader:
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, ok := s.identify(r)
			if !ok {
				s.denied(w, r, false)
				return
			}
			if !s.allows(rt.access, p, r) {
				s.denied(w, r, true)
				return
			}
			h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), principalKey, p)))
		})
	}
	panic("web: route " + rt.pattern + " has no access rule")
}
