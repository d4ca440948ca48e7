"""The production deployment files: systemd units, environment example, nginx."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from launcher.cli import build_parser
from launcher.paths import REPO_ROOT
from launcher.scaleout import nginx_config
from launcher.settings import from_environment

SYSTEMD = REPO_ROOT / "deployment" / "systemd"
UNITS = sorted(SYSTEMD.glob("*.service"))


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path)
    return parser


def test_there_are_units_for_both_servers_and_the_purge() -> None:
    names = {path.name for path in UNITS}
    assert {"assistant-actions.service", "assistant-rasa@.service", "assistant-purge.service"} <= names
    assert (SYSTEMD / "assistant-purge.timer").exists()


@pytest.mark.parametrize("path", UNITS, ids=[path.name for path in UNITS])
def test_units_run_a_launcher_command_and_restart_servers(path: Path) -> None:
    service = unit(path)["Service"]
    command = shlex.split(service["ExecStart"])
    assert command[1:3] == ["-m", "launcher"]
    build_parser().parse_args(command[3:])  # a command the launcher accepts
    assert service["EnvironmentFile"] == "/etc/assistant/assistant.env"
    assert service["NoNewPrivileges"] == "true"
    if service.get("Type") != "oneshot":
        assert service["Restart"] == "always"


def test_environment_example_gives_valid_settings() -> None:
    env = {}
    for line in (SYSTEMD / "assistant.env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    settings = from_environment(env)
    assert settings.host == "127.0.0.1" and not settings.enable_api and settings.retention_days == 30


def test_systemd_accepts_the_units() -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed here")
    result = subprocess.run([analyze, "verify", *map(str, UNITS)], capture_output=True, text=True)
    # The units name /opt/assistant, which does not exist on a development machine.
    errors = [
        line for line in result.stderr.splitlines() if "assistant" in line and "/opt/assistant" not in line
    ]
    assert not errors


def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.skip("nginx is not installed here (scripts/services.sh installs it)")
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_config(18080, [15005, 15006], tmp_path), encoding="utf-8")
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
