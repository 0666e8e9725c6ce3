// Package search is xxgk's layer over Meilisearch: the document shape the index holds, the
// index settings (which live in code, not in a console), validated queries with escaped
// filters, document- and index-number lookups, highlighting that is safe to put in HTML,
// zero-downtime rebuilds, and the indexer that drains the catalog's outbox.
//
// Meilisearch is a derived index: PostgreSQL is the source of truth, every public change is
// written to an outbox in the same transaction, and the Indexer copies outbox rows into the
// index. Losing the index loses nothing; Rebuild recreates it from the database.
//
// Nothing personal (applicants, officers, contact details of people) ever goes into a
// Document: the index serves anonymous public search.
package search
