#!/usr/bin/env bash
# Run the assistant: action server + Rasa server (REST and socket.io) on
# 127.0.0.1, supervised (a crashed server is restarted). Ctrl-C stops both.
# Settings: environment variables, see the README ("Running in production").
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/train.sh
exec .venv/bin/python -m launcher run
