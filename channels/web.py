"""Serves the web chat widget, its demo page and the kiosk page from the Rasa
server, on the same origin as its socket.io endpoint (no extra server, no CORS
for the project's own pages).

    /chat/demo            demo page with the embedded widget
    /chat/demo-floating   the same widget as a floating panel with its own title and colour
    /chat/kiosk           full-screen kiosk page
    /chat/static/<file>   widget.js, kiosk.js, css, vendored socket.io-client and QR code
    /chat/content.json    the Dutch interface texts, disclaimer, emergency notice,
                          featured topics and the public source page URL

Listed in credentials.yml as `channels.web.WebPages`. Only the files listed in
STATIC_FILES are served; nothing else under web/ or the repository is reachable.
Settings (environment): SOURCE_PAGE_URL, the public source page linked by the
kiosk's QR codes (empty: no QR code); KIOSK_IDLE_SECONDS (default 120).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional

import yaml
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.channel_helpers import featured_buttons
from actions.knowledge_base import get_knowledge_base
from actions.replies import reply

REPO_ROOT = Path(__file__).resolve().parent.parent
WEB_DIR = REPO_ROOT / "web"
INTERFACE_TEXTS = REPO_ROOT / "knowledge" / "interface.yml"

STATIC_FILES: Dict[str, str] = {
    "widget.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "kiosk.js": "application/javascript; charset=utf-8",
    "kiosk.css": "text/css; charset=utf-8",
    "demo.css": "text/css; charset=utf-8",
    "vendor/socket.io.min.js": "application/javascript; charset=utf-8",
    "vendor/qrcode.js": "application/javascript; charset=utf-8",
}
PAGES = {"demo": "demo.html", "demo-floating": "demo-floating.html", "kiosk": "kiosk.html"}

# The pages load only their own scripts and styles and talk only to this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def content() -> Dict[str, Any]:
    """Everything Dutch the widget and kiosk show themselves, from knowledge/."""
    knowledge_base = get_knowledge_base()
    texts = yaml.safe_load(INTERFACE_TEXTS.read_text(encoding="utf-8"))
    return {
        "texts": {str(key): str(value) for key, value in texts.items()},
        "disclaimer": knowledge_base.disclaimer,
        "emergency": reply("emergency_notice"),
        "featured": featured_buttons(knowledge_base),
        "source_url": os.environ.get("SOURCE_PAGE_URL", ""),
        "kiosk_idle_seconds": int(os.environ.get("KIOSK_IDLE_SECONDS", "120")),
    }


class WebPages(InputChannel):
    """Not a message channel: a blueprint for the widget and kiosk files."""

    @classmethod
    def name(cls) -> str:
        return "web"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls()

    def url_prefix(self) -> str:
        return "/chat"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        pages = Blueprint("web_pages", __name__)

        @pages.route("/", methods=["GET"])
        async def index(_: Request) -> HTTPResponse:
            return response.redirect("/chat/demo")

        @pages.route("/<page:(demo|demo-floating|kiosk)>", methods=["GET"])
        async def page(_: Request, page: str) -> HTTPResponse:
            html = (WEB_DIR / PAGES[page]).read_text(encoding="utf-8")
            return response.html(html, headers=SECURITY_HEADERS)

        @pages.route("/content.json", methods=["GET"])
        async def texts(_: Request) -> HTTPResponse:
            return response.json(content(), headers={"Cache-Control": "no-store"})

        @pages.route("/static/<name:path>", methods=["GET"])
        async def static(_: Request, name: str) -> HTTPResponse:
            content_type = STATIC_FILES.get(name)
            if content_type is None:
                return response.json({"error": "not_found"}, status=404)
            body = (WEB_DIR / name).read_bytes()
            return response.raw(
                body,
                content_type=content_type,
                headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"},
            )

        return pages
