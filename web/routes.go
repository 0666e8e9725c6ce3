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
	// applicationOfficer routes serve officers of the body handling the application named by
	// the {tracking_no} path value, and administrators.
	applicationOfficer
	// appealOfficer routes serve officers of the body the appeal named by the {appeal} path
	// value is against, and administrators.
	appealOfficer
	// applicationReader routes serve what applicationOfficer serves plus those who read everything
	// (auditors): the console's application page and its letter.
	applicationReader
	// applicationFileReader routes serve the application files named by the {app_file} path
	// value to those applicationReader serves for the file's application.
	applicationFileReader
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

		// Public portal. Its pages read PostgreSQL and take their turn in the page queue
		// (web/admission.go); search waits on Meilisearch instead and is not queued with them.
		{"GET /{$}", public, s.queued(s.home)},
		{"GET /lang", public, s.switchLang},
		{"GET /display", public, s.switchDisplay},
		{"GET /bodies/{code}", public, s.queued(s.bodyPage)},
		{"GET /bodies/{code}/entries", public, s.queued(s.catalogPage)},
		{"GET /bodies/{code}/columns/{column}", public, s.queued(s.columnPage)},
		{"GET /bodies/{code}/normative", public, s.queued(s.normativePage)},
		{"GET /search", public, s.searchPage},
		{"GET /entries/{entry}", public, s.queued(s.entryPage)},
		{"GET /entries/{entry}/versions/{n}", public, s.queued(s.entryVersionPage)},

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

		// Calendar and deadlines (web/calendar.go).
		{"GET /deadline", public, s.deadlinePage},
		{"GET /api/v1/calendar/deadline", public, s.apiDeadline},
		{"GET /console/calendar", adminOnly, s.calendarAdmin},
		{"POST /console/calendar", adminOnly, s.calendarUpload},

		// Applications API (web/applications_api.go). Tracking is public with the query code
		// (?code=); without one only those who may see the full record get it.
		{"POST /api/v1/applications", public, s.apiSubmitApplication},
		{"GET /api/v1/applications/{tracking_no}", public, s.apiGetApplication},
		{"POST /api/v1/applications/{tracking_no}/events", applicationOfficer, s.apiApplicationEvent},
		{"POST /api/v1/bodies/{code}/applications", bodyOfficer, s.apiRegisterApplication},
		{"GET /api/v1/bodies/{code}/applications", bodyReader, s.apiApplicationQueue},
		{"POST /api/v1/bodies/{code}/appeals", bodyOfficer, s.apiAddAppeal},
		{"GET /api/v1/bodies/{code}/appeals", bodyReader, s.apiListAppeals},
		{"PATCH /api/v1/appeals/{appeal}", appealOfficer, s.apiSetAppealResult},
		{"GET /console/bodies/{code}/appeals", bodyReader, s.appealsPage},
		{"POST /console/bodies/{code}/appeals", bodyOfficer, s.addAppealForm},
		{"POST /console/appeals/{appeal}", appealOfficer, s.setAppealForm},

		// Annual reports and compliance (web/reports.go). The report page and exports are
		// public once locked; before, the handlers show them to the body's officers and
		// auditors only. {file} is the year with .json, .xlsx or .pdf.
		{"GET /bodies/{code}/annual-reports/{year}", public, s.reportPage},
		{"GET /api/v1/bodies/{code}/annual-reports/{file}", public, s.apiReport},
		{"PUT /api/v1/bodies/{code}/annual-reports/{year}", bodyOfficer, s.apiSaveReport},
		{"POST /api/v1/bodies/{code}/annual-reports/{year}/lock", bodyOfficer, s.apiLockReport},
		{"POST /api/v1/bodies/{code}/annual-reports/{year}/unlock", adminOnly, s.apiUnlockReport},
		{"POST /console/bodies/{code}/annual-reports/{year}", bodyOfficer, s.saveReportForm},
		{"POST /console/bodies/{code}/annual-reports/{year}/lock", bodyOfficer, s.lockReportForm},
		{"POST /console/bodies/{code}/annual-reports/{year}/unlock", adminOnly, s.unlockReportForm},
		{"GET /console/bodies/{code}/annual-reports/{year}/drill", bodyReader, s.drillPage},
		{"GET /console/bodies/{code}/annual-reports/{year}/rollup", bodyReader, s.rollupPage},
		{"GET /console/compliance", signedIn, s.compliancePage},
		{"GET /console/compliance.xlsx", signedIn, s.complianceXLSX},

		// Application pages (web/applications.go).
		{"GET /apply", public, s.applyPage},
		{"POST /apply", public, s.submitApplication},
		{"GET /track", public, s.trackForm},
		{"POST /track", public, s.trackApplication},
		{"POST /track/letter", public, s.trackLetter},
		{"GET /console/bodies/{code}/applications", bodyReader, s.consoleApplications},
		{"GET /console/bodies/{code}/applications/new", bodyOfficer, s.registerForm},
		{"POST /console/bodies/{code}/applications", bodyOfficer, s.registerApplication},
		{"GET /console/applications/{tracking_no}", applicationReader, s.consoleApplication},
		{"POST /console/applications/{tracking_no}/actions", applicationOfficer, s.applicationAction},
		{"GET /console/applications/{tracking_no}/letter.pdf", applicationReader, s.consoleLetter},
		// Files of applications (web/application_files.go).
		{"POST /track/files", public, s.trackFile},
		{"POST /console/applications/{tracking_no}/files", applicationOfficer, s.uploadApplicationFile},
		{"GET /console/application-files/{app_file}", applicationFileReader, s.downloadApplicationFile},

		{"GET /", public, s.notFound},
	}
}

// authorize wraps a handler with the access check its route states. It is the one place where
// access is decided; TestRouteAccessMatrix walks every route with every role.
func (s *Server) authorize(rt route, h http.Handler) http.Handler {
	switch rt.access {
	case public:
		return h
	case signedIn, adminOnly, readAll, bodyOfficer, entryOfficer, bodyReader, applicationOfficer, appealOfficer, applicationReader, applicationFileReader:
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
