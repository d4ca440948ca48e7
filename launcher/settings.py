"""Settings of a running assistant, read from environment variables.

Every variable has a safe default (loopback only, SQLite under var/, HTTP API
off, CORS for localhost only). `server_environment()` turns the settings into
the variables that `endpoints.yml` references as ${VAR}: rasa substitutes them
when it reads the file, and fails on any that is unset, so the launcher always
sets all of them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Dict, List, Mapping, Optional

from launcher.paths import DEFAULT_DATA_DIR

DIALECTS = ("sqlite", "postgresql")
LOCK_STORES = ("in_memory", "redis")
REDIS_LOCK_STORE_CLASS = "storage.lock_store.AtomicRedisLockStore"
# The actions look back SAFETY_FOLLOW_UP_TURNS + 1 user turns (actions/base.py)
# and need one earlier reply to know theirs is not the first: a smaller window
# of events sent to the action server (rasa_overrides/action_payload.py) would change
# what they do. tests/test_action_payload.py keeps the two in step.
MIN_ACTION_EVENT_TURNS = 5


class SettingsError(ValueError):
    """A setting has a value the assistant cannot run with; the message says which."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    rasa_port: int = 5005
    actions_host: str = "127.0.0.1"
    actions_port: int = 5055
    action_server_url: str = ""
    data_dir: Path = DEFAULT_DATA_DIR
    tracker_dialect: str = "sqlite"
    tracker_db: str = ""
    tracker_host: str = ""
    tracker_port: str = ""
    tracker_user: str = ""
    tracker_password: str = ""
    lock_store: str = "in_memory"
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_db: int = 1
    redis_password: str = ""
    cors_origins: List[str] = field(default_factory=list)
    enable_api: bool = False
    api_token: str = ""
    retention_days: float = 30.0
    sender_id_salt: str = ""
    deidentify: bool = True
    sanic_workers: int = 1
    # Conversations each Rasa process keeps in memory (storage/tracker_cache.py).
    tracker_cache_size: int = 256
    # User turns of events sent to the action server with each call (0: all).
    action_event_turns: int = 10
    log_level: str = "INFO"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.actions_host}:{self.actions_port}"

    @property
    def resolved_action_server_url(self) -> str:
        return self.action_server_url or f"{self.actions_url}/webhook"

    @property
    def resolved_tracker_db(self) -> str:
        if self.tracker_db:
            return self.tracker_db
        if self.tracker_dialect == "sqlite":
            return str(self.data_dir / "conversations.sqlite")
        return "assistant"

    @property
    def resolved_cors_origins(self) -> List[str]:
        if self.cors_origins:
            return self.cors_origins
        return [f"http://{name}:{self.rasa_port}" for name in ("localhost", "127.0.0.1")]

    def with_ports(self, rasa_port: int, actions_port: int) -> Settings:
        return replace(self, rasa_port=rasa_port, actions_port=actions_port)

    def validate(self) -> None:
        if self.tracker_dialect not in DIALECTS:
            raise SettingsError(f"TRACKER_DB_DIALECT must be one of {', '.join(DIALECTS)}")
        if self.lock_store not in LOCK_STORES:
            raise SettingsError(f"LOCK_STORE_TYPE must be one of {', '.join(LOCK_STORES)}")
        if self.enable_api and len(self.api_token) < 16:
            raise SettingsError(
                "RASA_ENABLE_API=1 needs RASA_API_TOKEN (at least 16 characters): "
                "the HTTP API can read and change every conversation"
            )
        if "*" in self.cors_origins:
            raise SettingsError("RASA_CORS_ORIGINS must list origins; '*' would let any website use the API")
        if self.sanic_workers > 1 and self.lock_store == "in_memory":
            raise SettingsError(
                "SANIC_WORKERS > 1 needs LOCK_STORE_TYPE=redis (rasa's in-memory lock is per process)"
            )
        if self.retention_days < 0:
            raise SettingsError("RETENTION_DAYS must be 0 (delete when the session ends) or more")
        if self.tracker_cache_size < 0:
            raise SettingsError("TRACKER_CACHE_SIZE must be 0 (no cache) or more")
        if self.action_event_turns != 0 and self.action_event_turns < MIN_ACTION_EVENT_TURNS:
            raise SettingsError(
                f"ACTION_EVENT_TURNS must be 0 (every event) or at least {MIN_ACTION_EVENT_TURNS}"
            )


def _flag(value: Optional[str], default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from error


def from_environment(env: Optional[Mapping[str, str]] = None) -> Settings:
    """Settings from the environment (documented in the README, "Running in production")."""
    env = os.environ if env is None else env
    retention = env.get("RETENTION_DAYS", "") or "30"
    try:
        retention_days = float(retention)
    except ValueError as error:
        raise SettingsError(f"RETENTION_DAYS must be a number of days, not {retention!r}") from error
    settings = Settings(
        host=env.get("RASA_HOST", "") or "127.0.0.1",
        rasa_port=_int(env, "RASA_PORT", 5005),
        actions_host=env.get("ACTIONS_HOST", "") or "127.0.0.1",
        actions_port=_int(env, "ACTIONS_PORT", 5055),
        action_server_url=env.get("ACTION_SERVER_URL", ""),
        data_dir=Path(env.get("ASSISTANT_DATA_DIR", "") or DEFAULT_DATA_DIR).resolve(),
        tracker_dialect=env.get("TRACKER_DB_DIALECT", "") or "sqlite",
        tracker_db=env.get("TRACKER_DB_NAME", ""),
        tracker_host=env.get("TRACKER_DB_HOST", ""),
        tracker_port=env.get("TRACKER_DB_PORT", ""),
        tracker_user=env.get("TRACKER_DB_USER", ""),
        tracker_password=env.get("TRACKER_DB_PASSWORD", ""),
        lock_store=env.get("LOCK_STORE_TYPE", "") or "in_memory",
        redis_host=env.get("REDIS_HOST", "") or "127.0.0.1",
        redis_port=_int(env, "REDIS_PORT", 6379),
        redis_db=_int(env, "REDIS_DB", 1),
        redis_password=env.get("REDIS_PASSWORD", ""),
        cors_origins=[origin for origin in re.split(r"[\s,]+", env.get("RASA_CORS_ORIGINS", "")) if origin],
        enable_api=_flag(env.get("RASA_ENABLE_API"), False),
        api_token=env.get("RASA_API_TOKEN", ""),
        retention_days=retention_days,
        sender_id_salt=env.get("SENDER_ID_SALT", ""),
        deidentify=_flag(env.get("DEIDENTIFY"), True),
        sanic_workers=_int(env, "SANIC_WORKERS", 1),
        tracker_cache_size=_int(env, "TRACKER_CACHE_SIZE", 256),
        action_event_turns=_int(env, "ACTION_EVENT_TURNS", 10),
        log_level=(env.get("LOG_LEVEL", "") or "INFO").upper(),
    )
    settings.validate()
    return settings


def server_environment(settings: Settings, base: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """The environment for both servers: `base` (default: this process's) plus
    every variable that endpoints.yml and the tracker store read."""
    env = dict(os.environ if base is None else base)
    env.update(
        {
            "TF_CPP_MIN_LOG_LEVEL": env.get("TF_CPP_MIN_LOG_LEVEL", "2"),
            # rasa reports usage and crashes (with tracebacks) to its servers
            # unless told not to: nothing of a conversation leaves the machine.
            "RASA_TELEMETRY_ENABLED": "false",
            "ACTION_SERVER_URL": settings.resolved_action_server_url,
            "ASSISTANT_DATA_DIR": str(settings.data_dir),
            "TRACKER_DB_DIALECT": settings.tracker_dialect,
            "TRACKER_DB_NAME": settings.resolved_tracker_db,
            "TRACKER_DB_HOST": settings.tracker_host,
            "TRACKER_DB_PORT": settings.tracker_port,
            "TRACKER_DB_USER": settings.tracker_user,
            "TRACKER_DB_PASSWORD": settings.tracker_password,
            # rasa's own RedisLockStore is not safe across processes (see
            # storage/lock_store.py); "redis" means the atomic subclass.
            "LOCK_STORE_TYPE": REDIS_LOCK_STORE_CLASS
            if settings.lock_store == "redis"
            else settings.lock_store,
            "REDIS_HOST": settings.redis_host,
            "REDIS_PORT": str(settings.redis_port),
            "REDIS_DB": str(settings.redis_db),
            "REDIS_PASSWORD": settings.redis_password,
            "RETENTION_DAYS": f"{settings.retention_days:g}",
            "SENDER_ID_SALT": settings.sender_id_salt,
            "DEIDENTIFY": "1" if settings.deidentify else "0",
            "TRACKER_CACHE_SIZE": str(settings.tracker_cache_size),
            "ACTION_EVENT_TURNS": str(settings.action_event_turns),
            "SANIC_WORKERS": str(settings.sanic_workers),
            # rasa_sdk binds to SANIC_HOST (its default is 0.0.0.0).
            "SANIC_HOST": settings.actions_host,
        }
    )
    return env
