"""Scale-out on one machine: several Rasa servers sharing a PostgreSQL tracker
store and a Redis lock store, one action server, nginx in front.

Used by the scale-out tests and `make benchmark-load`; production uses the
same pieces through deployment/ (systemd units, deployment/nginx/assistant.conf).
PostgreSQL and Redis come from scripts/services.sh, which prints the
environment (TRACKER_DB_*, LOCK_STORE_TYPE=redis, REDIS_*) read here.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Optional

from launcher.paths import REPO_ROOT
from launcher.servers import Assistant, ServerProcess, action_server, rasa_server
from launcher.settings import Settings, from_environment

NGINX_TEMPLATE = REPO_ROOT / "deployment" / "nginx" / "assistant.conf.template"


def services_environment() -> Dict[str, str]:
    """Start PostgreSQL and Redis (scripts/services.sh) and return their settings."""
    result = subprocess.run(
        ["bash", str(REPO_ROOT / "scripts" / "services.sh")], capture_output=True, text=True, timeout=900
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip() or "scripts/services.sh failed")
    return dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)


def scaleout_settings(base: Settings, services: Dict[str, str]) -> Settings:
    env = dict(services)
    settings = from_environment(env)
    return replace(
        base,
        tracker_dialect=settings.tracker_dialect,
        tracker_host=settings.tracker_host,
        tracker_port=settings.tracker_port,
        tracker_db=settings.tracker_db,
        tracker_user=settings.tracker_user,
        tracker_password=settings.tracker_password,
        lock_store=settings.lock_store,
        redis_host=settings.redis_host,
        redis_port=settings.redis_port,
    )


def nginx_config(listen_port: int, rasa_ports: List[int], work_dir: Path) -> str:
    upstream = "".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=2s;\n" for port in rasa_ports)
    return (
        NGINX_TEMPLATE.read_text(encoding="utf-8")
        .replace("@UPSTREAM_SERVERS@", upstream.rstrip("\n").lstrip())
        .replace("@LISTEN@", f"127.0.0.1:{listen_port}")
        .replace("@WORK_DIR@", str(work_dir))
    )


def nginx_process(nginx: str, listen_port: int, rasa_ports: List[int], work_dir: Path) -> ServerProcess:
    work_dir.mkdir(parents=True, exist_ok=True)
    config = work_dir / "nginx.conf"
    config.write_text(nginx_config(listen_port, rasa_ports, work_dir), encoding="utf-8")
    return ServerProcess(
        "nginx",
        [nginx, "-p", str(work_dir), "-c", str(config), "-e", str(work_dir / "error.log")],
        {"PATH": "/usr/sbin:/usr/bin:/bin"},
        f"http://127.0.0.1:{listen_port}/webhooks/rest/",
        work_dir / "nginx.out",
    )


def build_scaleout(
    settings: Settings,
    rasa_ports: List[int],
    log_dir: Path,
    nginx: Optional[str] = None,
    nginx_port: Optional[int] = None,
) -> Assistant:
    """Action server, one Rasa server per port, and (with `nginx`) nginx on `nginx_port`."""
    servers: Dict[str, ServerProcess] = {"actions": action_server(settings, log_dir / "action_server.log")}
    for index, port in enumerate(rasa_ports):
        instance = replace(settings, rasa_port=port)
        server = rasa_server(instance, log_path=log_dir / f"rasa_server_{index}.log")
        server.name = f"rasa server {index}"
        servers["rasa" if index == 0 else f"rasa{index}"] = server
    if nginx is not None and nginx_port is not None:
        servers["nginx"] = nginx_process(nginx, nginx_port, rasa_ports, log_dir / "nginx")
    return Assistant(settings, servers)
