#!/usr/bin/env bash
# Benchmarks `agendapack build` against a plain merge by mutool and qpdf.
#
#   bench/run.sh          # 40 reports / 410 pages: agendapack vs mutool vs qpdf
#   bench/run.sh scale    # agendapack on 400, 2000 and 10000 pages
#
# Environment: RUNS (timed runs per command, default 7), and for the default
# mode REPORTS (40), PAGES (410), SEED (1), SCANS (generator default).
# See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin agendapack --example make_bench_reports --example bench_spawn
exec python3 bench/bench.py "$@"
