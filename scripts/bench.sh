#!/usr/bin/env bash
# Runs every benchmark on the shared workload and writes bench/results/*.json and the chart
# docs/bench-per-record.svg. The numbers in BENCHMARKS.md come from here. Best on an idle machine:
# the per-call benchmark waits (up to 10 s per round) for the machine to be mostly idle.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
node bench/workload/gen-fixtures.mjs target/bench-fixtures
echo "== size"; node bench/size.mjs --json bench/results/size.json
echo "== cold start"; node bench/cold-start.mjs --runs 20 --json bench/results/cold-start.json
echo "== peak RSS, 1,000 calls x 200 records"; node bench/memory.mjs --all --json bench/results/memory.json
echo "== per call"; node --expose-gc bench/percall.mjs --rounds "${ROUNDS:-15}" --json bench/results/percall.json
node bench/chart.mjs bench/results/percall.json docs/bench-per-record.svg
echo "== validateBatch of 3,500 records in Node, workerd and Chromium (JSON.stringify floor)"; node bench/hosts.mjs --rounds "${ROUNDS:-15}" --json bench/results/hosts.json
echo "== plan of 3,500 records (10% different) vs validateBatch of 3,500"; node --expose-gc bench/plan.mjs --rounds "${ROUNDS:-15}" --json bench/results/plan.json
echo "== native: parse + validate + serialise (criterion)"
cargo bench --bench validate -- --warm-up-time 1 --measurement-time 4 2>&1 | grep -E "^parse|time:" || true
