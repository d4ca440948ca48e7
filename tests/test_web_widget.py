"""The web chat widget in a real headless Chromium against the real running
assistant (socket.io channel, Rasa server, action server)."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from actions.knowledge_base import KnowledgeBase
from tests.browser import ANSWER, TIMEOUT, screenshot_path
from tests.helpers import RunningAssistant, stored_tracker

pytestmark = pytest.mark.server


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 480, "height": 900}, locale="nl-NL")
    context.set_default_timeout(TIMEOUT)
    try:
        yield context
    finally:
        context.close()


def open_demo(context: BrowserContext, assistant: RunningAssistant) -> Page:
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(f"{assistant.url}/chat/demo")
    # The welcome (disclosure, greeting with topics) comes from the server over socket.io.
    expect(page.locator(".bk-message.bk-bot[data-kind=greeting]")).to_be_visible()
    expect(page.locator(".bk-status")).to_have_attribute("data-status", "status_connected")
    assert not errors
    return page


def ask_by_keyboard(page: Page, question: str) -> None:
    """Reach the input with Tab only, type, press Enter."""
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "bk-input":
            break
    else:
        raise AssertionError("the question field cannot be reached with the Tab key")
    page.keyboard.type(question)
    page.keyboard.press("Enter")


def session_id(page: Page) -> str:
    return str(page.evaluate("JSON.parse(sessionStorage.getItem('borstkanker-chat')).sessionId"))


def test_ask_by_keyboard_answer_with_disclaimer_source_follow_up_and_feedback(
    context: BrowserContext, assistant: RunningAssistant, knowledge_base: KnowledgeBase
) -> None:
    page = open_demo(context, assistant)
    ask_by_keyboard(page, "wat is een pet ct scan")
    answer = page.locator(ANSWER).last
    expect(answer).to_be_visible()
    entry = knowledge_base.entries["pet_ct_scan"]
    bubble = answer.locator(".bk-bubble")
    expect(bubble).to_contain_text(entry.answer.strip()[:40])
    expect(bubble).to_contain_text(knowledge_base.disclaimer)  # same bubble: not split off
    expect(answer.locator(".bk-source")).to_have_text(f"Bron: {entry.source_section}")
    page.screenshot(path=str(screenshot_path("widget.png")), full_page=True)

    # A follow-up button asks the related question.
    related = knowledge_base.entries[entry.related[0]]
    answer.get_by_role("button", name=related.title).click()
    expect(page.locator(ANSWER)).to_have_count(2)
    expect(page.locator(ANSWER).last.locator(".bk-bubble")).to_contain_text(related.answer.strip()[:40])

    # Feedback reaches the conversation as an event with the answer id.
    page.locator(ANSWER).first.get_by_role("button", name="Ja").click()
    expect(page.locator(ANSWER).first.locator(".bk-feedback-result")).to_have_text("Bedankt voor uw reactie.")
    tracker = stored_tracker(assistant, session_id(page))
    feedback = [
        e["value"] for e in tracker["events"] if e["event"] == "slot" and e["name"] == "answer_feedback"
    ]
    assert feedback == [{"answer_id": "pet_ct_scan", "useful": True}]


def test_reload_keeps_the_conversation_and_new_conversation_really_starts_anew(
    context: BrowserContext, assistant: RunningAssistant
) -> None:
    page = open_demo(context, assistant)
    ask_by_keyboard(page, "wat is een pet ct scan")
    expect(page.locator(ANSWER)).to_have_count(1)
    first_session = session_id(page)
    count = page.locator(".bk-message").count()

    page.reload()
    expect(page.locator(".bk-message")).to_have_count(count)
    expect(page.locator(ANSWER)).to_have_count(1)
    assert session_id(page) == first_session
    assert page.evaluate("localStorage.length") == 0 and page.evaluate("document.cookie") == ""

    page.get_by_role("button", name="Nieuw gesprek").click()
    expect(page.locator(ANSWER)).to_have_count(0)
    expect(page.locator(".bk-message.bk-bot[data-kind=greeting]")).to_have_count(1)
    new_session = session_id(page)
    assert new_session != first_session
    stored = page.evaluate("sessionStorage.getItem('borstkanker-chat')")
    assert "wat is een pet ct scan" not in stored and "curated_answer" not in stored
    # The new conversation on the server started with a session start and has no old turns.
    events = stored_tracker(assistant, new_session)["events"]
    assert any(e["event"] == "session_started" for e in events)
    assert not any(e["event"] == "user" and "pet" in (e.get("text") or "").lower() for e in events)


@pytest.mark.parametrize(
    "payload",
    [
        '<img src=x onerror="window.__xss=1">',
        "<script>window.__xss=2</script>",
        '<a href="javascript:alert(1)">x</a>',
    ],
)
def test_markup_is_shown_as_text(context: BrowserContext, assistant: RunningAssistant, payload: str) -> None:
    page = open_demo(context, assistant)
    dialogs: list = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog), dialog.dismiss()))
    ask_by_keyboard(page, payload)
    user_bubble = page.locator(".bk-message.bk-user .bk-bubble").last
    expect(user_bubble).to_have_text(payload)
    expect(page.locator(".bk-message.bk-bot")).not_to_have_count(2)  # a reply came after the welcome
    page.wait_for_timeout(500)
    assert page.evaluate("window.__xss") is None
    assert page.locator(".bk-log img, .bk-log script, .bk-log a[href^=javascript]").count() == 0
    assert not dialogs


def test_connection_drop_shows_status_keeps_the_message_and_recovers(
    context: BrowserContext, assistant: RunningAssistant
) -> None:
    page = open_demo(context, assistant)
    status = page.locator(".bk-status")
    context.set_offline(True)
    page.evaluate("window.BorstkankerChat.socket.io.engine.close()")
    expect(status).to_have_attribute("data-status", re.compile("status_disconnected|status_pending"))
    expect(status).to_be_visible()

    ask_by_keyboard(page, "wat is een pet ct scan")
    expect(status).to_have_attribute("data-status", "status_pending")
    expect(page.locator(".bk-message.bk-user .bk-bubble").last).to_have_text("wat is een pet ct scan")
    page.wait_for_timeout(1500)
    expect(page.locator(ANSWER)).to_have_count(0)

    context.set_offline(False)
    expect(page.locator(ANSWER)).to_have_count(1)
    expect(status).to_have_attribute("data-status", "status_connected")


def test_accessibility_basics_at_320_px(context: BrowserContext, assistant: RunningAssistant) -> None:
    page = open_demo(context, assistant)
    ask_by_keyboard(page, "wat is een pet ct scan")
    expect(page.locator(ANSWER)).to_have_count(1)
    page.set_viewport_size({"width": 320, "height": 640})
    page.wait_for_timeout(300)
    page.screenshot(path=str(screenshot_path("widget-320px.png")), full_page=True)
    # Reflow: no horizontal scrolling at 320 CSS px (= 1280 px at 400% zoom).
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # Every control at least 44 x 44 px.
    small = page.evaluate(
        """[...document.querySelectorAll('.bk-chat button, .bk-chat textarea')]
             .map(e => [e.textContent, e.getBoundingClientRect()])
             .filter(([t, r]) => r.width < 44 || r.height < 44).map(([t]) => t)"""
    )
    assert small == []
    # Labels, live region and names.
    assert page.locator("label[for=bk-input]").count() == 1
    log = page.locator("[role=log]")
    assert log.get_attribute("aria-live") == "polite"
    assert page.locator("[role=status]").count() >= 1
    # Text contrast of the main parts (WCAG AA: 4.5:1).
    ratios = page.evaluate(
        """(() => {
          const rgb = s => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
          const lum = c => { const v = c.map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                             return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
          const bg = e => { for (; e; e = e.parentElement) { const b = getComputedStyle(e).backgroundColor;
                             if (!b.startsWith('rgba(0, 0, 0, 0)')) return b; } return 'rgb(255, 255, 255)'; };
          return ['.bk-bot .bk-bubble', '.bk-user .bk-bubble', '.bk-source', '.bk-status', '.bk-send',
                  '.bk-option', '.bk-new', '.bk-emergency', '.bk-feedback-button'].map(sel => {
            const e = document.querySelector(sel);
            const a = lum(rgb(getComputedStyle(e).color)), b = lum(rgb(bg(e)));
            return [sel, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
          });
        })()"""
    )
    low = [(selector, round(ratio, 2)) for selector, ratio in ratios if ratio < 4.5]
    assert low == []


def test_works_at_200_percent_zoom(browser: Browser, assistant: RunningAssistant) -> None:
    # 200% zoom of a 1280 x 800 window: 640 x 400 CSS px at device scale 2.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    context.set_default_timeout(TIMEOUT)
    try:
        page = open_demo(context, assistant)
        ask_by_keyboard(page, "wat is een pet ct scan")
        expect(page.locator(ANSWER)).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= 640
        page.locator(ANSWER).get_by_role("button", name="Ja").scroll_into_view_if_needed()
        expect(page.locator(ANSWER).get_by_role("button", name="Ja")).to_be_in_viewport()
    finally:
        context.close()


def test_one_script_tag_embed_as_a_floating_panel(
    context: BrowserContext, assistant: RunningAssistant
) -> None:
    """A page with nothing but the script tag and a config object (title, colour)."""
    page = context.new_page()
    page.goto(f"{assistant.url}/chat/demo-floating")
    launcher = page.locator(".bk-launcher")
    expect(launcher).to_have_accessible_name("Chat met de digitale assistent")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#bk-panel")).to_be_hidden()
    launcher.focus()
    page.keyboard.press("Enter")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#bk-input")).to_be_focused()
    expect(page.get_by_role("heading", name="Stel uw vraag")).to_be_visible()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.bk-send')).backgroundColor")
        == "rgb(90, 29, 110)"
    )
    page.keyboard.type("wat is een pet ct scan")
    page.keyboard.press("Enter")
    expect(page.locator(ANSWER)).to_have_count(1)
    # Feedback by keyboard; focus stays on the result, not lost to the page.
    page.locator(ANSWER).get_by_role("button", name="Nee").focus()
    page.keyboard.press("Enter")
    result = page.locator(ANSWER).locator(".bk-feedback-result")
    expect(result).to_have_text("Bedankt voor uw reactie.")
    expect(result).to_be_focused()
    expect(launcher).to_have_accessible_name("Chat sluiten")
    launcher.click()
    expect(page.locator("#bk-panel")).to_be_hidden()


def test_markup_in_a_bot_message_is_shown_as_text_and_only_http_links_are_links(
    context: BrowserContext, assistant: RunningAssistant
) -> None:
    """The rendering path of bot messages, fed a hostile message as the channel would deliver it."""
    page = open_demo(context, assistant)
    hostile = {
        "text": '<img src=x onerror="window.__xss=1"> zie https://www.example.org/pagina. en javascript:alert(1)',
        "buttons": [{"title": "<b onmouseover=window.__xss=2>vet</b>", "payload": "/greet"}],
        "metadata": {
            "kind": "curated_answer",
            "answer_id": "x",
            "source_section": "<script>window.__xss=3</script>",
        },
    }
    page.evaluate("message => window.BorstkankerChat.receive(message)", hostile)
    item = page.locator(".bk-message.bk-bot").last
    expect(item.locator(".bk-bubble")).to_contain_text('<img src=x onerror="window.__xss=1">')
    expect(item.locator(".bk-source")).to_have_text("Bron: <script>window.__xss=3</script>")
    expect(item.locator(".bk-option")).to_have_text("<b onmouseover=window.__xss=2>vet</b>")
    links = item.locator(".bk-bubble a")
    expect(links).to_have_count(1)
    assert links.get_attribute("href") == "https://www.example.org/pagina"
    assert links.get_attribute("rel") == "noopener noreferrer"
    item.locator(".bk-option").hover()
    assert page.evaluate("window.__xss") is None
    assert item.locator("img, script, b").count() == 0
