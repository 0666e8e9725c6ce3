// Package faults proves that xxgk survives what goes wrong on the day it matters: its tests
// drive the built binary (bin/xxgk) against real PostgreSQL and Meilisearch servers, kill and
// restart those servers, kill imports half-way, run two instances on one database, starve the
// attachment folder, send a corpus of hostile input to every route, and run the fuzz targets.
//
// `make test` runs the quick variants; `make faults` sets XXGK_FAULTS=full for the full ones,
// prints the summary table and records it in docs/reliability.md (XXGK_FAULTS_REPORT).
// Every loop is bounded in count and time, and all traffic stays on 127.0.0.1.
package faults
