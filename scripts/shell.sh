#!/usr/bin/env bash
# Chat with the assistant in the terminal (starts its own action server).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/train.sh
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
endpoints=$(mktemp --suffix=.yml)
printf 'action_endpoint:\n  url: "http://127.0.0.1:%s/webhook"\n' "$ACTIONS_PORT" > "$endpoints"
.venv/bin/python -m rasa_sdk --actions actions --port "$ACTIONS_PORT" >/dev/null 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true; rm -f "$endpoints"' EXIT INT TERM
.venv/bin/rasa shell --model "$(.venv/bin/python scripts/model_cache.py path)" --endpoints "$endpoints"
