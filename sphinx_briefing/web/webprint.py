"""The handling line on web pages printed from the browser.

A briefing printed from the website must carry its handling marking like the PDF
does. Each web page gets the configured ``briefing_handling`` line above and below
its text, hidden on screen and shown by the print rules in ``briefing.css``.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx

from ..model.config import settings
from ..model.vocabulary import PRINT_BANNER

WEB_BUILDERS = ("html", "dirhtml")


def banner(handling: str, edge: str) -> str:
    return f'<p class="{PRINT_BANNER} {PRINT_BANNER}-{edge}" aria-hidden="true">{escape(handling)}</p>'


def add_print_banners(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Put the handling line around every web page's text (shown only in print)."""
    if app.builder.name in WEB_BUILDERS and "body" in context:
        handling = settings(app.config).handling
        context["body"] = banner(handling, "top") + context["body"] + banner(handling, "bottom")


def setup_webprint(app: Sphinx) -> None:
    app.connect("html-page-context", add_print_banners)
