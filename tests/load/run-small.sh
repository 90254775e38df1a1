#!/usr/bin/env bash
# Runs every benchmark at a tiny size, to check that they run (CI). The figures never fail it:
# benchmarks are not timed tests. A crash, a timeout, or anything but one JSON line on stdout does.
# Every benchmark runs on embedded PGlite; with DATABASE_URL, bench:posts, bench:scale and
# bench:search run once more on a fresh database of that PostgreSQL server (created and dropped
# by the benchmark).
# Each keeps its 3 runs per figure unless BENCH_RUNS says otherwise (CI: 1), only short and small.
set -euo pipefail
cd "$(dirname "$0")/../.."

run() {
  local script=$1 out started=$SECONDS
  shift
  out=$(env "$@" BENCH_TIMEOUT_SECONDS=240 node --import tsx "tests/load/$script.ts")
  node -e '
    const lines = process.argv[1].split("\n").filter((line) => line.trim() !== "");
    if (lines.length !== 1) throw new Error(`expected one line on stdout, got ${lines.length}`);
    const result = JSON.parse(lines[0]);
    if (typeof result.bench !== "string") throw new Error("the JSON line names no bench");
    if (typeof result.goals !== "object") throw new Error("the JSON line has no goals object");
  ' "$out"
  printf '%s\n' "$out"
  echo "[run-small] $script: $((SECONDS - started)) s" >&2
}

scale_small=(BENCH_SCALE_MEMBERS=100 BENCH_SCALE_THREAD_POSTS=120 BENCH_SCALE_THREADS=40 BENCH_SCALE_DIRECTORY=50
  BENCH_SCALE_ORGANISATIONS=20 BENCH_SCALE_SOCKETS=20 BENCH_SCALE_POSTS=2 BENCH_SCALE_SAMPLES=2 BENCH_SCALE_MISSED=2
  BENCH_SCALE_RECONNECT_TIMEOUT_SECONDS=60)

run fanout -u DATABASE_URL BENCH_LISTENERS=20 BENCH_SEARCH_MAX=40 BENCH_SEARCH_STEPS=1 BENCH_SEARCH_SECONDS=0.5 \
  BENCH_SECONDS=0.5 BENCH_SATURATION_SECONDS=0.5 BENCH_WARMUP_POSTS=5
run posts -u DATABASE_URL BENCH_SECONDS=0.5 BENCH_WARMUP_POSTS=5
run collab -u DATABASE_URL SIZE=2000 BENCH_EDITORS=5 BENCH_EDITS=2 BENCH_EDIT_INTERVAL_MS=100
run scale -u DATABASE_URL "${scale_small[@]}"
run lighthouse -u DATABASE_URL BENCH_RUNS=1 BENCH_PAGES=/
run search -u DATABASE_URL BENCH_SEARCH_POSTS=2000 BENCH_SEARCH_QUERIES=40 BENCH_RUNS=1
if [ -n "${DATABASE_URL:-}" ]; then
  run posts BENCH_SECONDS=0.5 BENCH_WARMUP_POSTS=5
  run scale "${scale_small[@]}"
  run search BENCH_SEARCH_POSTS=2000 BENCH_SEARCH_QUERIES=40 BENCH_RUNS=1
fi
