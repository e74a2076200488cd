#!/usr/bin/env bash
# The package and examples/worker inside the real Workers runtime (the npm `workerd` binary):
# tests/workerd/workerd.test.mjs starts a local API server on 127.0.0.1 for each config template in
# tests/workerd/, writes the config into a temp dir, runs `workerd test`, and checks on the Node
# side what the Worker sent. Needs the built package (make pkg).
set -euo pipefail
cd "$(dirname "$0")/.."

for f in pkg/dist/web/cf_dns_batch.js pkg/dist/web/cf_dns_batch_bg.wasm; do
  [ -f "$f" ] || { echo "test-workerd: $f is missing; run make pkg first" >&2; exit 1; }
done
timeout 30 node_modules/.bin/workerd --version

# workerd is spawned with its own 120 s limit (and killed past it); this bounds the whole run.
timeout 300 node --test --test-reporter=spec tests/workerd/*.test.mjs
