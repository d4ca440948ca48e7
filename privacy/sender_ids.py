"""Sender ids are stored as salted hashes (HMAC-SHA256), never in clear.

The salt comes from SENDER_ID_SALT or, when that is empty, from a random
salt created once in the data directory (file mode 0600). The same sender id
always maps to the same key, so a conversation continues across restarts,
and `python -m launcher forget SENDER` can find one person's conversation.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

SALT_FILE_NAME = "sender_id_salt"
PREFIX = "p1-"


def load_or_create_salt(data_dir: Path, configured: str = "") -> bytes:
    if configured:
        return configured.encode("utf-8")
    path = data_dir / SALT_FILE_NAME
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(secrets.token_hex(32))
    return path.read_text(encoding="utf-8").strip().encode("utf-8")


def pseudonymise(salt: bytes, sender_id: str) -> str:
    """The stored key for a sender id."""
    return PREFIX + hmac.new(salt, sender_id.encode("utf-8"), hashlib.sha256).hexdigest()
