# Entry points. `make run` and `make test` do all set-up themselves.
.PHONY: run test shell setup train sync lint format validate benchmark benchmark-nlu benchmark-safety benchmark-topics benchmark-server benchmark-load fit-urgency-combiner report lock clean

VENV := .venv/bin
export TF_CPP_MIN_LOG_LEVEL ?= 2

run:           
	scripts/run.sh

test:          
	scripts/test.sh

shell:         
	scripts/shell.sh

setup:
	scripts/setup.sh

train:
	scripts/train.sh

sync:          
	scripts/setup.sh && $(VENV)/python scripts/sync_knowledge.py

lint: setup
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy

format: setup
	$(VENV)/ruff check --fix .
	$(VENV)/ruff format .

# The clinical team's review report (review/): ARGS="--since 2026-11-01 --until 2026-11-30 --csv var/report.csv".
report: setup
	$(VENV)/python -m review.report $(ARGS)

validate: setup
	$(VENV)/rasa data validate --domain domain --data data --config config.yml --fail-on-warnings

benchmark: benchmark-nlu benchmark-safety benchmark-topics benchmark-server

benchmark-nlu: train  
	$(VENV)/python -m benchmarks.nlu_benchmark

# Blind sets: the development part; add ARGS=--locked for the locked part (once, when done).
benchmark-safety: train
	$(VENV)/python -m benchmarks.safety_benchmark $(ARGS)

benchmark-topics: train
	$(VENV)/python -m benchmarks.topic_benchmark $(ARGS)

# Refit safety/urgency_combiner.json on the development sets (then make train again).
fit-urgency-combiner: train
	$(VENV)/python -m benchmarks.fit_urgency_combiner --write

benchmark-server: train  
	$(VENV)/python -m benchmarks.server_benchmark

# Re-resolve the pins: runtime first (requirements/lock.txt), then the
# development tools on top (requirements/dev-lock.txt lists only what they add).
# Throughput and latency under load (SQLite default and scale-out); minutes.
benchmark-load: train
	$(VENV)/python -m benchmarks.load_benchmark $(ARGS)

lock:          
	rm -rf .venv-lock && python3.10 -m venv .venv-lock
	.venv-lock/bin/pip install -r requirements/runtime.in
	.venv-lock/bin/pip freeze --all --exclude-editable | grep -v '^pip==' | sort -f > requirements/lock.txt.new
	.venv-lock/bin/pip install -r requirements/dev.in
	.venv-lock/bin/pip freeze --all --exclude-editable | grep -v '^pip==' | sort -f \
	  | grep -vxF -f requirements/lock.txt.new > requirements/dev-lock.txt.new
	sed -i '1i -r lock.txt' requirements/dev-lock.txt.new
	rm -rf .venv-lock && mv requirements/lock.txt.new requirements/lock.txt \
	  && mv requirements/dev-lock.txt.new requirements/dev-lock.txt

clean:
	rm -rf models/*.tar.gz .pytest_cache .mypy_cache .ruff_cache results
