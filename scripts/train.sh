#!/usr/bin/env bash
# Train the model unless one for the current data, config and code exists.
# Prints the model path on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
# The topic classifier's L-BFGS fit works on 4.5 million weights; BLAS threads
# only spin against each other on 2 cores (one thread: the fit alone 116 s
# instead of 141 s; the whole training from scratch stays 160-175 s).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
.venv/bin/python -m launcher.preflight
model=$(.venv/bin/python scripts/model_cache.py path)
if [ -f "$model" ]; then
  echo "train: up to date ($model)"
  exit 0
fi
echo "train: training $(basename "$model") (about two and a half minutes on 2 cores) ..."
start=$(date +%s)
log=$(mktemp)
# --skip-validation: `make test` and `make validate` run `rasa data validate`
# with warnings failing; training's own pass repeats it (about 16 s).
if ! .venv/bin/rasa train --skip-validation --domain domain --data data --config config.yml \
    --out models --fixed-model-name "$(basename "$model" .tar.gz)" >"$log" 2>&1; then
  echo "train: rasa train failed; the last lines of $log:" >&2
  grep -v "^WARNING\|tensorflow\|TensorRT\|cuda" "$log" | tail -n 15 >&2
  exit 1
fi
# Keep the three newest models; older ones only fill the disk.
ls -1t models/assistant-*.tar.gz 2>/dev/null | tail -n +4 | xargs -r rm -f
rm -f "$log"
echo "train: done in $(( $(date +%s) - start )) s -> $model"
