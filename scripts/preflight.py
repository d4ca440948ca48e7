"""Checks before training, each failing with one line that says what to do:
the YAML files parse, the generated knowledge files are current, and the
spaCy model named in config.yml is installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
YAML_INPUTS = ("config.yml", "endpoints.yml", "credentials.yml", "domain", "data", "knowledge")
INSTALL_HINTS = {
    "nl_core_news_sm": (
        ".venv/bin/pip install https://github.com/explosion/spacy-models/releases/download/"
        "nl_core_news_sm-3.4.0/nl_core_news_sm-3.4.0-py3-none-any.whl"
    ),
    "nl_core_lookup": ".venv/bin/pip install --no-deps -e ./spacy_pipeline   (or: make setup)",
}


def fail(message: str) -> None:
    print(f"preflight: {message}", file=sys.stderr)
    sys.exit(1)


def check_yaml() -> None:
    for name in YAML_INPUTS:
        path = REPO_ROOT / name
        for file in sorted(path.rglob("*.yml")) if path.is_dir() else [path]:
            try:
                yaml.safe_load(file.read_text(encoding="utf-8"))
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                where = f":{mark.line + 1}" if mark else ""
                problem = getattr(error, "problem", None) or str(error).splitlines()[0]
                fail(
                    f"{file.relative_to(REPO_ROOT)}{where}: invalid YAML ({problem}); fix the file and run again."
                )


def spacy_model_name() -> str:
    config = yaml.safe_load((REPO_ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config.get("pipeline") or []:
        if component.get("name") == "SpacyNLP":
            return str(component.get("model"))
    return ""


def check_spacy_model() -> None:
    model = spacy_model_name()
    if not model:
        return
    import spacy.util

    if not spacy.util.is_package(model):
        hint = INSTALL_HINTS.get(model, f".venv/bin/python -m spacy download {model}")
        fail(f"the spaCy model '{model}' named in config.yml is not installed. Install it with: {hint}")


def check_generated_files() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "sync_knowledge.py"), "--check"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        fail(result.stderr.strip() or "generated knowledge files are out of date: run 'make sync'")


if __name__ == "__main__":
    check_yaml()
    check_generated_files()
    check_spacy_model()
