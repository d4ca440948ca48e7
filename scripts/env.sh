# Sourced by run.sh and shell.sh: environment and endpoints for a local assistant.
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
RASA_PORT="${RASA_PORT:-5005}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
MODEL=$(.venv/bin/python scripts/model_cache.py path)
# An endpoints file pointing at this run's action server port.
ENDPOINTS=$(mktemp --suffix=.yml)
printf 'action_endpoint:\n  url: "http://127.0.0.1:%s/webhook"\n' "$ACTIONS_PORT" > "$ENDPOINTS"
