#!/usr/bin/env bash
# Chat with the assistant in the terminal (starts its own action server).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/train.sh
exec .venv/bin/python -m launcher shell
