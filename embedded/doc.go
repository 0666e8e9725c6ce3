// Package embedded runs the PostgreSQL and Meilisearch servers that xxgk owns when no external
// servers are configured: `make run` on a laptop, `make test`, the benchmarks and the CLI.
//
// Each server lives in a folder of its own under the data folder. Start initialises the folder on
// first use, reuses a server that another xxgk process already started there, recovers from the
// stale pid files a killed run leaves behind, and otherwise starts the server in a session of its
// own (so a Ctrl-C in the terminal reaches xxgk, which then stops it in order). Only the process
// that started a server stops it. In production the URLs are configured and nothing here runs.
package embedded
