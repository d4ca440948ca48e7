"""Where the project's files are."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = REPO_ROOT / "models"
ENDPOINTS_FILE = REPO_ROOT / "endpoints.yml"
CREDENTIALS_FILE = REPO_ROOT / "credentials.yml"
# Conversations, the sender-id salt: outside data/ (training data), git-ignored.
DEFAULT_DATA_DIR = REPO_ROOT / "var"
