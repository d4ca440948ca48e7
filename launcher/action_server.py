"""The action server as the launcher starts it: rasa_sdk's own, except that
actions see the conversation's pseudonymous id (the salted hash the tracker
store keys it by) instead of the sender id, so nothing the actions log or do
carries a phone number or a name a channel used as sender id.

    python -m launcher.action_server --actions actions --port 5055
(the same arguments as `python -m rasa_sdk`; it binds to SANIC_HOST.)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict

from rasa_sdk.__main__ import main as rasa_sdk_main
from rasa_sdk.executor import ActionExecutor

from launcher.paths import DEFAULT_DATA_DIR
from privacy.sender_ids import load_or_create_salt, pseudonymise


def install_pseudonymous_sender_ids(salt: bytes) -> None:
    original = ActionExecutor.run

    async def run(self: ActionExecutor, action_call: Dict[str, Any]) -> Any:
        tracker = action_call.get("tracker")
        if isinstance(tracker, dict) and tracker.get("sender_id") is not None:
            tracker["sender_id"] = pseudonymise(salt, str(tracker["sender_id"]))
        return await original(self, action_call)

    ActionExecutor.run = run


def main() -> None:
    data_dir = Path(os.environ.get("ASSISTANT_DATA_DIR", "") or DEFAULT_DATA_DIR)
    install_pseudonymous_sender_ids(load_or_create_salt(data_dir, os.environ.get("SENDER_ID_SALT", "")))
    rasa_sdk_main()


if __name__ == "__main__":
    main()
