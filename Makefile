# Entry points. `make run` and `make test` do all set-up themselves.
.PHONY: run test shell setup train sync lint format validate benchmark benchmark-nlu benchmark-safety benchmark-topics benchmark-server lock clean

VENV := .venv/bin
export PYTHONPATH := $(CURDIR)
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

validate: setup
	$(VENV)/rasa data validate --domain domain --data data --config config.yml --fail-on-warnings

benchmark: benchmark-nlu benchmark-safety benchmark-topics benchmark-server

benchmark-nlu: train  
	$(VENV)/python benchmarks/nlu_benchmark.py

# Blind sets: the development part; add ARGS=--locked for the locked part (once, when done).
benchmark-safety: train
	$(VENV)/python benchmarks/safety_benchmark.py $(ARGS)

benchmark-topics: train
	$(VENV)/python benchmarks/topic_benchmark.py $(ARGS)

benchmark-server: train  
	$(VENV)/python benchmarks/server_benchmark.py

lock:          
	rm -rf .venv-lock && python3.10 -m venv .venv-lock
	.venv-lock/bin/pip install -r requirements/top-level.in
	.venv-lock/bin/pip freeze --all --exclude-editable | grep -v '^pip==' > requirements/lock.txt.new
	rm -rf .venv-lock && mv requirements/lock.txt.new requirements/lock.txt

clean:
	rm -rf models/*.tar.gz .pytest_cache .mypy_cache .ruff_cache results
