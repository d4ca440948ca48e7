"""Launcher settings: safe defaults, and settings the assistant must refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from launcher.servers import action_server_command, rasa_server_command
from launcher.settings import SettingsError, from_environment, server_environment


def test_defaults_are_loopback_sqlite_api_off_and_localhost_cors() -> None:
    settings = from_environment({})
    assert settings.host == settings.actions_host == "127.0.0.1"
    assert settings.tracker_dialect == "sqlite" and settings.resolved_tracker_db.endswith(
        "var/conversations.sqlite"
    )
    assert not settings.enable_api
    assert settings.resolved_cors_origins == ["http://localhost:5005", "http://127.0.0.1:5005"]
    assert settings.retention_days == 30 and settings.deidentify
    command = rasa_server_command(settings, Path("model.tar.gz"))
    assert "--enable-api" not in command and "*" not in command
    assert command[command.index("--interface") + 1] == "127.0.0.1"
    env = server_environment(settings, {})
    assert env["SANIC_HOST"] == "127.0.0.1"  # where rasa_sdk binds the action server
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
    assert env["TRACKER_CACHE_SIZE"] == "256"
    assert server_environment(from_environment({"TRACKER_CACHE_SIZE": "0"}), {})["TRACKER_CACHE_SIZE"] == "0"
    assert action_server_command(settings)[-1] == "--cors"  # no browser origin for the action server


def test_api_on_needs_a_token_and_passes_it() -> None:
    with pytest.raises(SettingsError, match="RASA_API_TOKEN"):
        from_environment({"RASA_ENABLE_API": "1"})
    settings = from_environment({"RASA_ENABLE_API": "1", "RASA_API_TOKEN": "a" * 32})
    command = rasa_server_command(settings, Path("model.tar.gz"))
    assert command[command.index("--auth-token") + 1] == "a" * 32


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"RASA_CORS_ORIGINS": "*"}, "RASA_CORS_ORIGINS"),
        ({"SANIC_WORKERS": "2"}, "LOCK_STORE_TYPE=redis"),
        ({"TRACKER_DB_DIALECT": "mysql"}, "TRACKER_DB_DIALECT"),
        ({"RETENTION_DAYS": "-1"}, "RETENTION_DAYS"),
        ({"RETENTION_DAYS": "dertig"}, "RETENTION_DAYS"),
        ({"RASA_PORT": "abc"}, "RASA_PORT"),
        ({"TRACKER_CACHE_SIZE": "-1"}, "TRACKER_CACHE_SIZE"),
        ({"TRACKER_CACHE_SIZE": "veel"}, "TRACKER_CACHE_SIZE"),
    ],
)
def test_unsafe_or_invalid_settings_are_refused(env: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        from_environment(env)


def test_configured_origins_replace_the_defaults() -> None:
    settings = from_environment({"RASA_CORS_ORIGINS": "https://zorg.example.nl, https://kiosk.example.nl"})
    assert settings.resolved_cors_origins == ["https://zorg.example.nl", "https://kiosk.example.nl"]
