#!/usr/bin/env bash
# Create .venv with Python 3.10 and install the locked dependency set and the
# project itself (editable, so `actions`, `channels`, `launcher`... import from
# anywhere without sys.path edits).
#   scripts/setup.sh               runtime + development pins (development, CI)
#   scripts/setup.sh --production  runtime pins only (no pytest, ruff, mypy)
# Idempotent: does nothing when .venv already matches the lock files.
# On any failure it prints one line saying what to do and leaves no stamp, so
# the next run starts the install again instead of using a half-installed venv.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "setup: $*" >&2; exit 1; }

find_python310() {
  local candidate
  for candidate in "${PYTHON310:-}" python3.10; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  # pyenv installs that are not on PATH.
  for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python3.10; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

PY=$(find_python310) || fail "Python 3.10 is required (rasa 3.6 runs on nothing newer). Install it, e.g. 'pyenv install 3.10.13' or 'apt-get install python3.10 python3.10-venv', or set PYTHON310=/path/to/python3.10."

lock=requirements/dev-lock.txt
if [ "${1:-}" = "--production" ]; then lock=requirements/lock.txt; fi
stamp=.venv/.setup-stamp
want=$( (echo "$lock"; cat requirements/lock.txt requirements/dev-lock.txt spacy_pipeline/pyproject.toml pyproject.toml) | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x .venv/bin/rasa ]; then
  exit 0
fi

rm -f "$stamp"
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; then
  rm -rf .venv
  "$PY" -m venv .venv || fail "could not create .venv with $PY; install the venv module (apt-get install python3.10-venv) and run again."
fi

log=$(mktemp)
echo "setup: installing the locked dependencies into .venv (first run: a few minutes) ..."
{
  .venv/bin/python -m pip install --quiet --upgrade pip==24.0 &&
  .venv/bin/python -m pip install --quiet --no-deps -r "$lock" &&
  .venv/bin/python -m pip install --quiet --no-deps -e ./spacy_pipeline &&
  .venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e . &&
  .venv/bin/python -m pip check &&
  # deduce builds its lookup cache on first use (about 1.5 min): do it now,
  # not in the first Rasa server start.
  .venv/bin/python -m privacy.deidentify
} >"$log" 2>&1 || fail "dependency install failed: $(grep -v '^WARNING: Location' "$log" | tail -n 1) (full log: $log). Check the network to PyPI, or the pins in $lock, and run again."
echo "$want" > "$stamp"
echo "setup: .venv ready ($(.venv/bin/python --version))."
