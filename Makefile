# Rehearse: the two commands are `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# wasm-opt comes from npm's binaryen; cargo-leptos looks for it on PATH.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
SITE_ROOT := $(CURDIR)/target/site
# The embedded sentence model; scripts/setup.sh fetches and distils it here.
export REHEARSE_MODEL_DIR ?= $(CURDIR)/target/model
BIN := $(TARGET_DIR)/release/rehearse

.PHONY: run test build setup setup-test unit e2e wasm-size lint clean

## run: set up what is missing, build the release and serve http://127.0.0.1:3000
run: build
	REHEARSE_SITE_ROOT="$${REHEARSE_SITE_ROOT:-$(SITE_ROOT)}" "$(BIN)" serve

## test: set up what is missing and run the whole suite
test: setup-test unit build e2e

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --browser

## build: the release server binary and the size-optimised browser bundle
build: setup
	cargo leptos build --release --split
	@# The names of the content-hashed files, read by the server from the site root.
	cp "$(TARGET_DIR)/release/hash.txt" "$(SITE_ROOT)/hash.txt"
	node scripts/precompress.mjs "$(SITE_ROOT)/pkg" >/dev/null

## unit: unit and HTTP integration tests (SQLite; PostgreSQL too when TEST_DATABASE_URL is set).
## Not --workspace: that would build `app` with both ssr and hydrate.
unit:
	cargo test --locked

## e2e: Playwright in Debian's Chromium against the release binary
e2e:
	rm -rf end2end/.e2e
	cd end2end && npx playwright test

## wasm-size: print the browser bundle's files raw, gzip and brotli, then what each page downloads before it is interactive against its budget
wasm-size: build
	@node scripts/precompress.mjs "$(SITE_ROOT)/pkg"
	@node scripts/route-bytes.mjs

## lint: formatting, clippy per feature set, the wasm dependency guard and the layering rules
lint: setup
	cargo fmt --all --check
	cargo clippy --all-targets --locked -- -D warnings
	cargo clippy -p app --all-targets --locked -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown --locked -- -D warnings
	cargo clippy -p embed-distill --all-targets --locked -- -D warnings
	scripts/check-wasm-deps.sh
	scripts/layers.sh

clean:
	cargo clean
	rm -rf end2end/.e2e end2end/test-results
