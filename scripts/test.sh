#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls `make test`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/setup_browser.sh
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"

step() { echo; echo "== $*"; }

step "lint (ruff), format check, types (mypy)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy

step "generated knowledge files are current"
.venv/bin/python scripts/sync_knowledge.py --check

step "rasa data validate (warnings fail)"
.venv/bin/rasa data validate --domain domain --data data --config config.yml --fail-on-warnings 2>&1 \
  | grep -v "DeprecationWarning\|pkg_resources\|declare_namespace\|^  import\|xla_computation" || true
# grep hides noise; the exit status that counts is rasa's.
test "${PIPESTATUS[0]}" -eq 0

step "train (cached by a hash of data, config and code)"
scripts/train.sh

step "conversation tests (tests/test_stories.yml)"
.venv/bin/python -m launcher exec -- .venv/bin/rasa test core --model "$(.venv/bin/python scripts/model_cache.py path)" \
  --stories tests/test_stories.yml --endpoints endpoints.yml --out results/core --fail-on-prediction-errors \
  >results-core.log 2>&1 || { tail -n 30 results-core.log; exit 1; }
rm -f results-core.log
echo "all conversation tests passed"

step "pytest"
.venv/bin/python -m pytest "$@"
