"""Headless Debian Chromium driven by Playwright, for the widget and kiosk tests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.helpers import REPO_ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = REPO_ROOT / "results" / "screenshots"
# Playwright's wait for an answer in the widget and kiosk tests (ms).
TIMEOUT = 30_000
# A curated answer as the widget and the kiosk render it.
ANSWER = ".bk-message.bk-bot[data-kind=curated_answer]"


def launch() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        # Not a skip: CI must run these. scripts/setup_browser.sh installs it.
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/setup_browser.sh (or set CHROMIUM_PATH)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name
