"""Checks before training, each failing with one line that says what to do:
the YAML files parse, the generated knowledge files are current, and the
spaCy model named in config.yml is installed.

    python -m launcher.preflight [--config config.yml]   (scripts/train.sh runs it)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Iterable

import yaml

from launcher.paths import REPO_ROOT

YAML_INPUTS = ("config.yml", "endpoints.yml", "credentials.yml", "domain", "data", "knowledge")
NL_CORE_NEWS_SM_WHEEL = (
    "https://github.com/explosion/spacy-models/releases/download/"
    "nl_core_news_sm-3.4.0/nl_core_news_sm-3.4.0-py3-none-any.whl"
)
INSTALL_HINTS = {
    "nl_core_news_sm": f".venv/bin/pip install {NL_CORE_NEWS_SM_WHEEL}",
    "nl_core_lookup": ".venv/bin/pip install --no-deps -e ./spacy_pipeline   (or: make setup)",
}


class PreflightError(Exception):
    """One line that says what is wrong and what to do."""


def check_yaml(root: Path, inputs: Iterable[str] = YAML_INPUTS) -> None:
    for name in inputs:
        path = root / name
        if not path.exists():
            continue
        for file in sorted(path.rglob("*.yml")) if path.is_dir() else [path]:
            try:
                yaml.safe_load(file.read_text(encoding="utf-8"))
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                where = f":{mark.line + 1}" if mark else ""
                problem = getattr(error, "problem", None) or str(error).splitlines()[0]
                raise PreflightError(
                    f"{file.relative_to(root)}{where}: invalid YAML ({problem}); fix the file and run again."
                ) from error


def spacy_model_name(config_path: Path) -> str:
    config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    for component in config.get("pipeline") or []:
        if component.get("name") == "SpacyNLP":
            return str(component.get("model") or "")
    return ""


def check_spacy_model(config_path: Path) -> None:
    model = spacy_model_name(config_path)
    if not model:
        return
    import spacy.util

    if not spacy.util.is_package(model):
        hint = INSTALL_HINTS.get(model, f".venv/bin/python -m spacy download {model}")
        raise PreflightError(
            f"the spaCy model '{model}' named in {config_path.name} is not installed. Install it with: {hint}"
        )


def check_generated_files() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "sync_knowledge.py"), "--check"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise PreflightError(
            result.stderr.strip() or "generated knowledge files are out of date: run 'make sync'"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description="Checks before training.")
    parser.add_argument("--config", type=Path, default=REPO_ROOT / "config.yml")
    args = parser.parse_args()
    try:
        check_yaml(REPO_ROOT)
        check_generated_files()
        check_spacy_model(args.config)
    except PreflightError as error:
        print(f"preflight: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
