# cf-dns-batch: every target installs what it needs (scripts/setup.sh), idempotently.
#   make demo   the Node examples (apply, sync) against the local emulator (or Cloudflare, with credentials),
#               then the command line against the local emulator (export, edit, plan, apply)
#   make test   every suite: Rust, Node, WebAssembly boundary, workerd, Chromium
#   make pkg    the npm package in pkg/
#   make bench  benchmarks against the official SDK (BENCHMARKS.md)
#   make fuzz   cargo-fuzz targets, FUZZ_SECONDS each

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
NODE_TEST := timeout 600 node --test --test-reporter=spec

.PHONY: setup pkg demo test test-rust test-node test-wasm test-workerd test-browser bench fuzz clean

setup:
	@scripts/setup.sh

pkg: setup
	@scripts/build-pkg.sh

demo: pkg
	node examples/node/apply.mjs examples/node/changes.json
	node examples/node/sync.mjs examples/node/desired.json
	examples/cli-demo.sh

test: test-rust test-node test-wasm test-workerd test-browser

test-rust:
	cargo test

test-node: pkg
	$(NODE_TEST) tests/js/*.test.mjs

test-wasm: setup
	@scripts/test-wasm.sh

test-workerd: pkg
	@scripts/test-workerd.sh

test-browser: pkg
	@scripts/setup-chromium.sh
	@scripts/test-browser.sh

bench: pkg
	@scripts/bench.sh

FUZZ_SECONDS ?= 60
fuzz:
	@scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf target pkg/dist pkg/LICENSE-* pkg/CHANGELOG.md node_modules
