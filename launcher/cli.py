"""Command line of the launcher (`python -m launcher ...`, or `assistant ...`).

run                 action server + Rasa server, supervised (make run)
shell               chat in the terminal (make shell)
serve actions|rasa  one server in the foreground (systemd units)
exec -- CMD ...     run CMD with the environment endpoints.yml needs
purge               delete what the retention period no longer allows
forget SENDER_ID    delete one person's conversation
settings            print the effective settings (no secrets)
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from typing import Any, List, Optional

from launcher.paths import ENDPOINTS_FILE, REPO_ROOT
from launcher.servers import StartError, action_server, build_assistant, rasa_server
from launcher.settings import Settings, SettingsError, from_environment, server_environment

BANNER = """
  The assistant starts on {url} (ready after ~20 s).
  REST:      curl -s -XPOST {url}/webhooks/rest/webhook \\
               -H 'Content-Type: application/json' -d '{{"sender": "ik", "message": "hallo"}}'
  socket.io: {url}/socket.io (events user_uttered / bot_uttered)
  Widget demo page: {url}/chat/demo
  Kiosk page:       {url}/chat/kiosk
  Terminal:  make shell (in another terminal)
  Conversations: {store}
  Stop:      Ctrl-C
"""


def tracker_store(settings: Settings, with_domain: bool = True, purge_on_start: bool = False) -> Any:
    """The tracker store that endpoints.yml configures, as the Rasa server builds it."""
    os.environ.update(server_environment(settings))
    from rasa.shared.core.domain import Domain
    from rasa.shared.utils.common import class_from_module_path
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(str(ENDPOINTS_FILE), "tracker_store")
    if config is None or not config.type:
        raise SettingsError(f"{ENDPOINTS_FILE.name} configures no tracker store")
    domain = Domain.load(str(REPO_ROOT / "domain")) if with_domain else None
    store_class = class_from_module_path(config.type)
    # Purging and deleting write nothing new: no need to load deduce (~1 GB, seconds).
    options = {**config.kwargs, "deidentify": "0"}
    return store_class(host=config.url, domain=domain, purge_on_start=purge_on_start, **options)


def describe_store(settings: Settings) -> str:
    if settings.tracker_dialect == "sqlite":
        return f"SQLite {settings.resolved_tracker_db}"
    return f"{settings.tracker_dialect} {settings.tracker_host}/{settings.resolved_tracker_db}"


def _run(settings: Settings) -> int:
    from launcher.supervisor import Supervisor

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    assistant = build_assistant(settings)
    print(BANNER.format(url=settings.url, store=describe_store(settings)), flush=True)
    return Supervisor(assistant, settings.data_dir / "run").run()


def _shell(settings: Settings) -> int:
    actions = action_server(settings)
    devnull = open(os.devnull, "w")  # noqa: SIM115 - closed below
    actions.process = subprocess.Popen(
        actions.command, cwd=REPO_ROOT, env=actions.env, stdout=devnull, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        actions.wait_ready(120)
        rasa = rasa_server(settings)
        model = rasa.command[rasa.command.index("--model") + 1]
        command = [rasa.command[0], "shell", "--model", model, "--endpoints", str(ENDPOINTS_FILE)]
        return subprocess.call(command, cwd=REPO_ROOT, env=rasa.env)
    finally:
        actions.stop()
        devnull.close()


def _serve(settings: Settings, which: str) -> int:
    server = action_server(settings) if which == "actions" else rasa_server(settings)
    os.chdir(REPO_ROOT)
    os.execve(server.command[0], server.command, server.env)


def _exec(settings: Settings, command: List[str]) -> int:
    if command[:1] == ["--"]:
        command = command[1:]
    if not command:
        raise SettingsError("exec needs a command")
    return subprocess.call(command, cwd=REPO_ROOT, env=server_environment(settings))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m launcher", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="action server + Rasa server, supervised")
    commands.add_parser("shell", help="chat in the terminal")
    serve = commands.add_parser("serve", help="one server in the foreground")
    serve.add_argument("which", choices=["actions", "rasa"])
    run_command = commands.add_parser("exec", help="run a command with the servers' environment")
    run_command.add_argument("cmd", nargs=argparse.REMAINDER)
    commands.add_parser("purge", help="delete what the retention period no longer allows")
    forget = commands.add_parser("forget", help="delete one person's conversation")
    forget.add_argument("sender_id")
    commands.add_parser("settings", help="print the effective settings")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = from_environment()
        if args.command == "run":
            return _run(settings)
        if args.command == "shell":
            return _shell(settings)
        if args.command == "serve":
            return _serve(settings, args.which)
        if args.command == "exec":
            return _exec(settings, args.cmd)
        if args.command == "purge":
            deleted = tracker_store(settings).purge_expired()
            print(
                f"purge: deleted {deleted} events older than the retention period ({describe_store(settings)})"
            )
            return 0
        if args.command == "forget":
            deleted = tracker_store(settings).forget(args.sender_id)
            print(f"forget: deleted {deleted} events of that sender ({describe_store(settings)})")
            return 0
        if args.command == "settings":
            shown = {k: v for k, v in vars(settings).items() if "password" not in k and "token" not in k}
            shown.pop("sender_id_salt", None)
            for key, value in shown.items():
                print(f"{key}: {value}")
            return 0
    except (SettingsError, StartError) as error:
        print(f"launcher: {error}", file=sys.stderr)
        return 1
    return 2
