// Package migrations holds xxgk's schema as numbered SQL files, embedded in the binary.
//
// Files are named NNNNN_what.sql and hold goose's `-- +goose Up` section; each is applied in a
// transaction and recorded in goose_db_version. An applied file is never edited: a change is a
// new file. Columns with legal meaning carry a COMMENT ON COLUMN naming the rule.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql
var FS embed.FS
