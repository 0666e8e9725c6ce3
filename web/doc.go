// Package web is xxgk's HTTP layer: the public portal, the officers' and auditors' console, and
// the /api/v1 JSON API. It turns requests into calls on the domain packages and their results
// into pages or JSON; it knows nothing of SQL.
//
// routes.go lists every route with the access it needs; errors.go maps domain errors to HTTP
// status codes in one table; templates are embedded, parsed once at start-up and rendered from
// typed page structs; static assets are served under content-hashed URLs.
package web
