#!/usr/bin/env bash
# Chat with the assistant in the terminal (starts its own action server).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/train.sh
source scripts/env.sh
.venv/bin/python -m rasa_sdk --actions actions --port "$ACTIONS_PORT" >/dev/null 2>&1 &
actions_pid=$!
trap 'kill $actions_pid 2>/dev/null || true; rm -f "$ENDPOINTS"' EXIT INT TERM HUP
.venv/bin/rasa shell --model "$MODEL" --endpoints "$ENDPOINTS"
