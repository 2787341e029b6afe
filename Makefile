# rampart developer targets. `make test` is what CI runs (see .ci/run).
GO          ?= go
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME    ?= 60s
VERSION     ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS     := -s -w -X main.version=$(VERSION)

.PHONY: build test lint bench bench-repos bench-compare fuzz generate generate-kinds clean

# -buildvcs=auto stamps the commit `rampart version` prints, even where GOFLAGS
# turns stamping off.
build:
	$(GO) build -trimpath -buildvcs=auto -ldflags '$(LDFLAGS)' -o bin/rampart ./cmd/rampart

test:
	$(GO) test ./...

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# Benchmarks over generated corpora (small, medium, large), the cold start of
# a one-file scan from a fresh process, front-end parsing and policy
# evaluation, and a pre-commit run on a 200-module repository (one changed
# module file against a full scan: BenchmarkChangedFile). Figures are
# reported by `go test -bench`; see README.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./analyzer/... ./internal/procbench

# Scans directories already on disk with bin/rampart, RUNS fresh processes
# each, and prints files, resources, median wall and CPU time and peak RSS;
# it fetches nothing (docs/performance.md says where the public
# repositories come from): make bench-repos DIRS="../repos/vpc ../repos/eks"
RUNS ?= 3
bench-repos: build
	@test -n "$(DIRS)" || { echo 'usage: make bench-repos DIRS="DIR..."'; exit 2; }
	$(GO) run ./internal/procbench/benchrepos -bin bin/rampart -n $(RUNS) $(DIRS)

# benchstat between two commits (default: HEAD's parent and HEAD), over the
# benchmarks BENCH selects in BENCH_PKGS, COUNT runs each, in worktrees
# under a temporary directory: make bench-compare OLD=v0.3.0 NEW=HEAD
OLD        ?= HEAD~1
NEW        ?= HEAD
BENCH      ?= .
BENCH_PKGS ?= ./analyzer ./analyzer/engine
COUNT      ?= 6
BENCHSTAT  ?= golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
bench-compare:
	@set -e; tmp=$$(mktemp -d); trap 'git worktree remove --force $$tmp/old; git worktree remove --force $$tmp/new; rm -rf $$tmp' EXIT; \
	git worktree add --detach $$tmp/old $(OLD) >/dev/null; git worktree add --detach $$tmp/new $(NEW) >/dev/null; \
	for side in old new; do \
		(cd $$tmp/$$side && $(GO) test -run '^$$' -bench '$(BENCH)' -benchmem -count $(COUNT) $(BENCH_PKGS)) > $$tmp/$$side.txt; \
	done; \
	$(GO) run $(BENCHSTAT) $$tmp/old.txt $$tmp/new.txt

# Each parser's fuzz target runs for FUZZTIME, then FuzzScanTree runs the whole
# scan pipeline (configuration, every front end, policies, every report
# writer) over random trees of files; crashers land in the package's
# testdata/fuzz directory and are committed as regression cases.
# FuzzScanTree minimizes with 10 runs instead of the default 60 s: with the
# default, minimizing took almost all of FUZZTIME (16 counted execs in 90 s,
# against 255 in 40 s with 10x).
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./analyzer/cloudformation
	$(GO) test -run '^$$' -fuzz '^FuzzLoadModule$$' -fuzztime $(FUZZTIME) ./analyzer/terraform
	$(GO) test -run '^$$' -fuzz '^FuzzLoadJSONModule$$' -fuzztime $(FUZZTIME) ./analyzer/terraform
	$(GO) test -run '^$$' -fuzz '^FuzzOverride$$' -fuzztime $(FUZZTIME) ./analyzer/terraform
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./analyzer/terraform/plan
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeTree$$' -fuzztime $(FUZZTIME) ./analyzer/terraform/plan
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./analyzer/config
	$(GO) test -run '^$$' -fuzz '^FuzzEscape$$' -fuzztime $(FUZZTIME) ./analyzer/report
	$(GO) test -run '^$$' -fuzz '^FuzzScanTree$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 10x ./cmd/rampart

generate: generate-kinds
	$(GO) generate ./...

# docs/model.md, the Rego test builders (policies/lib/testing_test.rego) and
# the policy input's JSON schema (analyzer/engine/schema/input.json) are
# generated from the kind registry (analyzer/aws/kinds/*.yaml);
# internal/kindgen's test fails when one is stale.
generate-kinds:
	$(GO) test ./internal/kindgen -run '^TestGeneratedFilesUpToDate$$' -update

clean:
	rm -rf bin
