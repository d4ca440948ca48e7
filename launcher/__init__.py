"""One launcher for the assistant: `make run`, `make shell`, the tests and the
benchmarks all start the action server and the Rasa server through it, with
the one `endpoints.yml` whose ${VAR} placeholders it fills in."""
