"""Automated WCAG 2.1 A/AA checks (axe-core 4.10.2, vendored in tests/vendor)
of the widget and the kiosk in headless Chromium, on the real running assistant.
Automated checks find a part of the problems only; they complement the
keyboard, target-size, zoom and contrast tests of test_web_widget.py."""

from __future__ import annotations

from typing import Any, Dict, Iterator, List

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser import ANSWER
from tests.helpers import REPO_ROOT, RunningAssistant

pytestmark = pytest.mark.server

AXE = REPO_ROOT / "tests" / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    # The pages' CSP allows only their own scripts; axe is injected by the test.
    context = browser.new_context(viewport={"width": 1024, "height": 900}, bypass_csp=True, has_touch=True)
    context.set_default_timeout(30_000)
    try:
        yield context
    finally:
        context.close()


def violations(page: Page) -> List[Dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
    )
    return [
        {"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def test_widget_has_no_wcag_violations(context: BrowserContext, assistant: RunningAssistant) -> None:
    page = context.new_page()
    page.goto(f"{assistant.url}/chat/demo")
    expect(page.locator(".bk-message.bk-bot[data-kind=greeting]")).to_be_visible()
    page.locator("#bk-input").fill("wat is een pet ct scan")
    page.keyboard.press("Enter")
    expect(page.locator(ANSWER)).to_have_count(1)
    page.locator(ANSWER).get_by_role("button", name="Ja").click()
    expect(page.locator(".bk-feedback-result")).to_have_text("Bedankt voor uw reactie.")
    assert violations(page) == []


def test_floating_widget_has_no_wcag_violations(context: BrowserContext, assistant: RunningAssistant) -> None:
    page = context.new_page()
    page.goto(f"{assistant.url}/chat/demo-floating")
    expect(page.locator(".bk-launcher")).to_be_visible()
    assert violations(page) == []
    page.locator(".bk-launcher").click()
    expect(page.locator(".bk-message.bk-bot[data-kind=greeting]")).to_be_visible()
    assert violations(page) == []


def test_kiosk_has_no_wcag_violations(context: BrowserContext, assistant: RunningAssistant) -> None:
    page = context.new_page()
    page.goto(f"{assistant.url}/chat/kiosk?idle=60&warning=5")
    expect(page.locator("body")).to_have_attribute("data-kiosk-ready", "true")
    assert violations(page) == []
    page.locator(".kiosk-topic").first.tap()
    expect(page.locator(ANSWER)).to_have_count(1)
    assert violations(page) == []


def test_the_checker_does_find_problems(context: BrowserContext, assistant: RunningAssistant) -> None:
    """The harness itself: remove the input's label and lower a contrast, and axe must say so."""
    page = context.new_page()
    page.goto(f"{assistant.url}/chat/demo")
    expect(page.locator(".bk-message.bk-bot[data-kind=greeting]")).to_be_visible()
    page.evaluate(
        """document.querySelector('label[for=bk-input]').remove();
           document.querySelector('#bk-input').removeAttribute('placeholder');
           document.querySelector('.bk-source, .bk-status').style.color = '#cccccc';"""
    )
    found = {violation["id"] for violation in violations(page)}
    assert {"label", "color-contrast"} <= found
