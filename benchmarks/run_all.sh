#!/usr/bin/env bash
# Run every benchmark in sequence; each prints its tables and writes benchmarks/results/*.json.
#   benchmarks/run_all.sh            # full: about 5 minutes on 2 cores
#   benchmarks/run_all.sh --quick    # about 2.5 minutes
# PYTHON defaults to the interpreter on PATH; set PYTHON=/tmp/venv/bin/python (or activate
# the venv the repository is installed into). PY_SPY points at a py-spy binary for the
# profile (default: py-spy on PATH or /tmp/prof/bin/py-spy; without one, cProfile is used).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
QUICK=()
if [[ "${1:-}" == "--quick" ]]; then QUICK=(--quick); fi

run() { echo; echo "===== $* ====="; "$PYTHON" "$@"; }
run benchmarks/corpus.py
run benchmarks/extraction_throughput.py "${QUICK[@]}"
run benchmarks/worker_polls.py
run benchmarks/relevance_model.py "${QUICK[@]}"
run benchmarks/sense_without_gate.py
run benchmarks/transport.py "${QUICK[@]}"
run benchmarks/end_to_end.py "${QUICK[@]}"
if [[ -n "${PY_SPY:-}" ]]; then
  run benchmarks/profile_extraction.py "${QUICK[@]}" --py-spy "$PY_SPY"
else
  run benchmarks/profile_extraction.py "${QUICK[@]}"
fi
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  run benchmarks/map_responsiveness.py "${QUICK[@]}"
else
  echo; echo "skipped benchmarks/map_responsiveness.py: no chromium/chromedriver"
fi
echo; echo "results in benchmarks/results/"
