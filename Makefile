# waterline — the two commands a user needs are `make serve` and `make test`.
# Every target installs what it needs if it is missing: the wasm32 rustup target,
# wasm-pack and wasm-bindgen-cli (pinned to the wasm-bindgen version in Cargo.lock)
# with `cargo install --locked`, Debian's chromium, and npm packages with `npm ci`.
# Nothing downloads a binary from outside the package registries.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8080
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' Cargo.lock)
WASM_PACK_VERSION := 0.15.1
# Rust's default wasm32 features; wasm-opt must be told it may keep them.
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                 --enable-reference-types --enable-multivalue --enable-mutable-globals \
                 --enable-simd
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help serve test build tools rust-tools node-tools browser-tools check native wasm-test \
        browser-test types examples bench size fuzz fuzz-quick vendor bundle

help:
	@echo "make serve   build the engine and serve the page with the built-in example (http://127.0.0.1:$(PORT)/)"
	@echo "make test    run every test: fmt, clippy, native cargo tests, wasm tests in Node, types, browser tests"
	@echo "make bench   run the benchmarks and print their numbers"
	@echo "make fuzz    fuzz the CSV import, project/model decoding, every argument decoder and the statistics (FUZZ_SECONDS each)"
	@echo "make fuzz-quick   every fuzz target for FUZZ_QUICK_SECONDS each, without installing cargo-fuzz"

# ---------------------------------------------------------------------------- tools

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@if [ "$$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (matches Cargo.lock)"; \
	  cargo install --locked wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi
	@command -v wasm-pack >/dev/null || cargo install --locked wasm-pack --version $(WASM_PACK_VERSION)

node-tools:
	@[ -x node_modules/.bin/wasm-opt ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
	  || npm ci --no-audit --no-fund

browser-tools:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium; }

tools: rust-tools node-tools

# ---------------------------------------------------------------------------- build

# Release builds (wasm-pack --target web), then wasm-opt -Oz from the npm package binaryen
# (wasm-pack's own wasm-opt step is off: it would download). The page loads the opened area's
# own build first (pkg/survey/, pkg/proposals/, pkg/toc/: that area's feature, without the
# standalone statistics exports) and pkg/, the whole engine, after that area's first result
# (Evidence, the report; www/engine.js, issue 21). pkg/stats/ is the statistics alone, for a
# page that needs only the statistics functions. Five release builds: README "Shipped size".
define wasm_build
	wasm-pack build --target web --release --out-dir $(1) -- $(2)
	node_modules/.bin/wasm-opt -Oz $(WASM_FEATURES) $(1)/waterline_bg.wasm -o $(1)/waterline_bg.wasm
endef

# An area build's glue, minified with esbuild (already the pinned bundler of the page): only the
# page loads these, before the area's first result, and each is ~3 KiB smaller gzipped (issue
# 21). pkg/ and pkg/stats/ keep wasm-bindgen's glue as written: Node and other pages import them.
define minify_glue
	node_modules/.bin/esbuild $(1)/waterline.js --minify --format=esm --log-level=warning --allow-overwrite --outfile=$(1)/waterline.js
endef

build: tools
	$(call wasm_build,pkg/stats,--no-default-features --features stats_api)
	$(call wasm_build,pkg/survey,--no-default-features --features survey)
	$(call minify_glue,pkg/survey)
	$(call wasm_build,pkg/proposals,--no-default-features --features conditions)
	$(call minify_glue,pkg/proposals)
	$(call wasm_build,pkg/toc,--no-default-features --features toc)
	$(call minify_glue,pkg/toc)
	$(call wasm_build,pkg,)
	$(MAKE) vendor
	$(MAKE) bundle
	@node scripts/size.mjs

# The page's JavaScript as a few minified modules (scripts/bundle.mjs, esbuild; README "Shipped
# size"), then the offline cache's list of files, which names them (scripts/precache.mjs), then
# the Brotli copies the local server sends (scripts/compress.mjs). Run after editing anything in
# www/ (make build runs it).
bundle: node-tools
	@node scripts/bundle.mjs
	@node scripts/precache.mjs
	@node scripts/compress.mjs

# The page's one third-party script: the `docx` package's ESM browser build (pinned in
# package.json), copied from node_modules so the page loads it from its own origin, only when
# the user exports a report as .docx (issue 18). Not committed (www/vendor/ is ignored).
vendor: node-tools
	mkdir -p www/vendor
	cp node_modules/docx/dist/index.mjs www/vendor/docx.mjs

serve: build
	@node scripts/serve.mjs $(PORT)

# ---------------------------------------------------------------------------- tests

test: tools browser-tools check native fuzz-quick wasm-test build types examples browser-test
	@echo "make test: all suites passed"

check:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
	cargo clippy --tests --target wasm32-unknown-unknown -- -D warnings
	cargo check --manifest-path fuzz/Cargo.toml --bins --target-dir target
	cargo fmt --check -p waterline-datafusion
	cargo clippy -p waterline-datafusion --all-targets -- -D warnings

# The DataFusion member (crates/waterline-datafusion) is native only and named with -p: its cold
# build is the biggest single cost of `make test` (README "DataFusion and the CLI").
native:
	cargo test
	cargo test -p waterline-datafusion

# The bindings under wasm: tests/wasm.rs with wasm-bindgen-test in Node.
wasm-test: rust-tools
	wasm-pack test --node -- --test 'wasm*'

# tsc --noEmit over a usage file that touches every export of pkg/, then over the page's own
# JavaScript (www/tsconfig.json: checkJs against pkg/waterline.d.ts, whose input and result types
# are generated from the Rust types, see src/wasm/ts_types.rs). About 10 s of CPU each.
types: build
	node_modules/.bin/tsc -p tests/types/tsconfig.json
	node_modules/.bin/tsc -p www/tsconfig.json
	node_modules/.bin/tsc -p www/tsconfig.sw.json

# tests/node/ in Node against pkg/: the README's JavaScript examples, the battery of hostile
# arguments over every export (issue 15, ~10 s of CPU), and the engine/worker recovery tests.
examples: build
	node --test tests/node/

browser-test: build browser-tools
	node --test --test-concurrency=1 tests/browser/

bench: build browser-tools
	node bench/run.mjs
	node bench/csv-peers.mjs
	node bench/csv-browser.mjs
	node bench/throttled.mjs
	node bench/stream-browser.mjs
	cargo bench --bench survey --bench conditions
	cargo run --profile bench-df -p waterline-datafusion --example bench

# Fuzz every target for FUZZ_SECONDS each (cargo-fuzz; libFuzzer needs nightly flags, which
# RUSTC_BOOTSTRAP=1 enables on the stable toolchain). Crashes land in fuzz/artifacts/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := survey_csv round_json stats_arrays toc_json decode_args toc_series_csv toc_events_csv
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
	@for t in $(FUZZ_TARGETS); do echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
	  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS)) || exit 1; done

# The same targets for a bounded time each, with no cargo-fuzz to install: they are built by
# plain cargo with the coverage flags cargo-fuzz would pass (libFuzzer comes with the
# libfuzzer-sys crate), into target/fuzz/. Part of `make test` (issue #15: the decoders are
# fuzzed in CI for a bounded time); building the instrumented engine takes about four minutes
# on two cores the first time. Crashes land in fuzz/artifacts/.
FUZZ_QUICK_SECONDS ?= 10
FUZZ_HOST := $(shell rustc -vV | sed -n 's/^host: //p')
FUZZ_RUSTFLAGS := --cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
  -Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks
fuzz-quick:
	cd fuzz && RUSTC_BOOTSTRAP=1 RUSTFLAGS="$(FUZZ_RUSTFLAGS)" CARGO_TARGET_DIR=../target/fuzz \
	  cargo build --release --target $(FUZZ_HOST) $(addprefix --bin ,$(FUZZ_TARGETS))
	@for t in $(FUZZ_TARGETS); do echo "== fuzz-quick $$t ($(FUZZ_QUICK_SECONDS) s)"; \
	  mkdir -p fuzz/corpus/$$t fuzz/artifacts/$$t; \
	  target/fuzz/$(FUZZ_HOST)/release/$$t -max_total_time=$(FUZZ_QUICK_SECONDS) \
	    -artifact_prefix=fuzz/artifacts/$$t/ fuzz/corpus/$$t 2>&1 | grep -E '^(Done|==|SUMMARY)|panicked' ; \
	  [ "$${PIPESTATUS[0]}" = 0 ] || exit 1; done

size: build
