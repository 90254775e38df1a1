#!/usr/bin/env bash
# Runs every benchmark at a tiny size, to check that they run (CI). The figures never fail it:
# benchmarks are not timed tests. A crash, a timeout, or anything but one JSON line on stdout does.
# bench:fanout and bench:posts run on embedded PGlite; with DATABASE_URL, bench:posts runs once
# more on a fresh database of that PostgreSQL server (created and dropped by the benchmark).
set -euo pipefail
cd "$(dirname "$0")/../.."

run() {
  local script=$1 out
  shift
  out=$(env "$@" BENCH_TIMEOUT_SECONDS=240 node --import tsx "tests/load/$script.ts")
  node -e '
    const lines = process.argv[1].split("\n").filter((line) => line.trim() !== "");
    if (lines.length !== 1) throw new Error(`expected one line on stdout, got ${lines.length}`);
    const result = JSON.parse(lines[0]);
    if (typeof result.bench !== "string") throw new Error("the JSON line names no bench");
  ' "$out"
  printf '%s\n' "$out"
}

run fanout -u DATABASE_URL BENCH_LISTENERS=20 BENCH_RATE=20 BENCH_SECONDS=2 BENCH_SATURATION_SECONDS=1 BENCH_WARMUP_POSTS=5
run posts -u DATABASE_URL BENCH_SECONDS=2 BENCH_WARMUP_POSTS=5
run collab -u DATABASE_URL SIZE=5000 BENCH_EDITORS=10 BENCH_EDITS=2 BENCH_LOADS=2
run lighthouse -u DATABASE_URL BENCH_RUNS=1 BENCH_PAGES=/
if [ -n "${DATABASE_URL:-}" ]; then
  run posts BENCH_SECONDS=2 BENCH_WARMUP_POSTS=5
fi
