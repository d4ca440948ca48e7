"""The kiosk page in a real headless Chromium against the real running assistant."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from actions.knowledge_base import KnowledgeBase
from actions.replies import reply
from tests.browser import ANSWER, TIMEOUT, screenshot_path
from tests.fake_messaging_api import SOURCE_PAGE_URL
from tests.helpers import RunningAssistant

pytestmark = pytest.mark.server


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    # A typical hall kiosk: full HD portrait touch screen.
    context = browser.new_context(viewport={"width": 1080, "height": 1500}, has_touch=True, locale="nl-NL")
    context.set_default_timeout(TIMEOUT)
    try:
        yield context
    finally:
        context.close()


def open_kiosk(context: BrowserContext, assistant: RunningAssistant, query: str = "") -> Page:
    page = context.new_page()
    page.goto(f"{assistant.url}/chat/kiosk{query}")
    expect(page.locator("body")).to_have_attribute("data-kiosk-ready", "true")
    return page


def test_start_screen_topics_answer_with_qr_code_and_notices_always_visible(
    context: BrowserContext, assistant: RunningAssistant, knowledge_base: KnowledgeBase
) -> None:
    page = open_kiosk(context, assistant)
    emergency = page.locator("#kiosk-emergency")
    disclaimer = page.locator("#kiosk-disclaimer")
    expect(emergency).to_have_text(reply("emergency_notice"))
    expect(disclaimer).to_have_text(knowledge_base.disclaimer)
    topics = page.locator(".kiosk-topic")
    expect(topics).to_have_count(len(knowledge_base.featured))
    assert all(box and box["height"] >= 64 for box in (t.bounding_box() for t in topics.all()))
    page.screenshot(path=str(screenshot_path("kiosk-start.png")))

    # No typing needed: tap a topic.
    first = knowledge_base.entries[knowledge_base.featured[0]]
    topics.first.tap()
    answer = page.locator(ANSWER)
    expect(answer).to_have_count(1)
    expect(answer.locator(".bk-bubble")).to_contain_text(first.answer.strip()[:40])
    expect(page.locator("#kiosk-start")).to_be_hidden()
    qr = answer.locator(".kiosk-qr img")
    expect(qr).to_be_visible()
    assert qr.get_attribute("data-url") == SOURCE_PAGE_URL
    assert (qr.get_attribute("src") or "").startswith("data:image/")
    expect(answer.get_by_role("button", name="Lees voor")).to_be_visible()
    # The notices stay on screen while reading a long answer.
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    expect(emergency).to_be_in_viewport()
    expect(disclaimer).to_be_in_viewport()
    answer.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_path("kiosk-answer.png")))


def test_idle_timeout_warns_then_wipes_to_a_clean_start(
    context: BrowserContext, assistant: RunningAssistant, knowledge_base: KnowledgeBase
) -> None:
    page = open_kiosk(context, assistant, "?idle=6&warning=3")
    page.locator(".kiosk-topic").first.tap()
    expect(page.locator(ANSWER)).to_have_count(1)
    first_session = page.evaluate("window.BorstkankerChat.state.sessionId")
    page.locator("#bk-input").fill("iets half getypt")

    warning = page.get_by_role("alertdialog")
    expect(warning).to_be_visible(timeout=10_000)
    expect(warning).to_contain_text("Bent u er nog?")
    expect(page.locator("body")).to_have_attribute("data-kiosk-reset", re.compile(r"\d+"), timeout=10_000)

    expect(warning).to_be_hidden()
    expect(page.locator("#kiosk-start")).to_be_visible()
    expect(page.locator(".bk-message")).to_have_count(0)
    expect(page.locator("#bk-input")).to_have_value("")
    assert page.evaluate("window.BorstkankerChat.state.sessionId") != first_session
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0
    assert page.evaluate("document.cookie") == ""
    page.screenshot(path=str(screenshot_path("kiosk-after-timeout.png")))


def test_a_touch_during_the_warning_keeps_the_conversation(
    context: BrowserContext, assistant: RunningAssistant
) -> None:
    page = open_kiosk(context, assistant, "?idle=5&warning=3")
    page.locator(".kiosk-topic").first.tap()
    expect(page.locator(ANSWER)).to_have_count(1)
    warning = page.get_by_role("alertdialog")
    expect(warning).to_be_visible(timeout=10_000)
    page.get_by_role("button", name="Ik ben er nog").tap()
    expect(warning).to_be_hidden()
    page.wait_for_timeout(1500)  # past the moment the screen would have been wiped
    expect(page.locator(ANSWER)).to_have_count(1)


def test_an_untouched_kiosk_starts_no_conversations(
    context: BrowserContext, assistant: RunningAssistant
) -> None:
    page = open_kiosk(context, assistant, "?idle=2&warning=1")
    page.wait_for_timeout(3000)
    expect(page.get_by_role("alertdialog")).to_be_hidden()
    expect(page.locator(".bk-message")).to_have_count(0)


def test_read_aloud_speaks_the_answer_in_dutch(context: BrowserContext, assistant: RunningAssistant) -> None:
    # Record what the page asks the browser's speech synthesis to say.
    context.add_init_script(
        """window.__spoken = [];
           speechSynthesis.speak = u => { window.__spoken.push([u.text, u.lang]); };
           Object.defineProperty(speechSynthesis, 'speaking', {get: () => false});"""
    )
    page = open_kiosk(context, assistant)
    page.locator(".kiosk-topic").first.tap()
    answer = page.locator(ANSWER)
    expect(answer).to_have_count(1)
    answer.get_by_role("button", name="Lees voor").tap()
    spoken = page.evaluate("window.__spoken")
    assert spoken == [[answer.locator(".bk-bubble").inner_text(), "nl-NL"]]
