// Package catalog keeps each body's disclosure catalog (政府信息公开目录): its column tree, its
// entries (索引号, 标题, 发文字号, 成文日期, ...) and the normative documents among them with their
// validity.
//
// The files docno.go, indexno.go, kinds.go, columns.go and importfile.go hold the pure domain
// pieces: parsing and normalising document and index numbers, the enumerations stored in the
// database, the standard column tree a new body starts with, and the parsing and validation of a
// department's existing catalog from CSV or XLSX. They touch neither the database nor HTTP, so
// the search indexer, the importer and the store all share one definition of each rule.
package catalog
