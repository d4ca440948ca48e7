#!/usr/bin/env bash
# Run the assistant: action server + Rasa server (REST and socket.io) on localhost.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/train.sh
source scripts/env.sh

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -f "$ENDPOINTS"; }
trap cleanup EXIT INT TERM HUP

.venv/bin/python -m rasa_sdk --actions actions --port "$ACTIONS_PORT" &
pids+=($!)
.venv/bin/rasa run --model "$MODEL" --endpoints "$ENDPOINTS" --credentials credentials.yml \
  --interface 127.0.0.1 --port "$RASA_PORT" --cors "*" &
pids+=($!)

cat <<MSG

  The assistant starts on http://127.0.0.1:${RASA_PORT} (ready after ~20 s).
  REST:      curl -s -XPOST http://127.0.0.1:${RASA_PORT}/webhooks/rest/webhook \\
               -H 'Content-Type: application/json' -d '{"sender": "ik", "message": "hallo"}'
  socket.io: http://127.0.0.1:${RASA_PORT}/socket.io (events user_uttered / bot_uttered)
  Widget demo page: http://127.0.0.1:${RASA_PORT}/chat/demo
  Kiosk page:       http://127.0.0.1:${RASA_PORT}/chat/kiosk
  Terminal:  make shell (in another terminal)
  Stop:      Ctrl-C

MSG
wait -n "${pids[@]}"
