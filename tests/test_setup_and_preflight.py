"""Set-up and pre-training checks stop with one clear line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from launcher import preflight
from tests.helpers import REPO_ROOT


def test_missing_python_310_names_what_to_install(tmp_path: Path) -> None:
    path_without_python310 = [d for d in ("/usr/bin", "/bin") if not Path(d, "python3.10").exists()]
    if len(path_without_python310) < 2:
        pytest.skip("this machine has python3.10 in /usr/bin; cannot simulate its absence")
    result = subprocess.run(
        ["/bin/bash", str(REPO_ROOT / "scripts" / "setup.sh")],
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "no-pyenv")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "Python 3.10 is required" in lines[0] and "pyenv install 3.10.13" in lines[0]


def test_missing_spacy_model_names_the_model_and_the_install_command(tmp_path: Path) -> None:
    import spacy.util

    if spacy.util.is_package("nl_core_news_sm"):
        pytest.skip("nl_core_news_sm is installed here; cannot simulate its absence")
    config = tmp_path / "config.yml"
    text = (
        (REPO_ROOT / "config.yml")
        .read_text(encoding="utf-8")
        .replace('"nl_core_lookup"', '"nl_core_news_sm"')
    )
    config.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "launcher.preflight", "--config", str(config)],
        capture_output=True,
        text=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("preflight:")]
    assert len(lines) == 1
    assert "'nl_core_news_sm'" in lines[0] and "nl_core_news_sm-3.4.0-py3-none-any.whl" in lines[0]
    assert "Traceback" not in result.stderr


def test_configured_default_model_passes_the_check() -> None:
    preflight.check_spacy_model(REPO_ROOT / "config.yml")


def test_invalid_training_yaml_is_reported_with_file_and_line(tmp_path: Path) -> None:
    shutil.copytree(REPO_ROOT / "data", tmp_path / "data")
    broken = tmp_path / "data" / "nlu" / "broken.yml"
    broken.write_text('version: "3.1"\nnlu:\n- intent: greet\n  examples: [\n', encoding="utf-8")
    with pytest.raises(preflight.PreflightError, match=r"data/nlu/broken.yml:\d+: invalid YAML"):
        preflight.check_yaml(tmp_path, ["data"])


def test_repository_yaml_is_valid() -> None:
    preflight.check_yaml(REPO_ROOT)
