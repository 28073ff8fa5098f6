"""The as-of date and the handling line on every web page, on screen and on paper.

The book speaks of its source's time, so a reader must see *when* on every page, not
only in the PDF's running head: a banner at the top of every web page (and EPUB
page) says "As of …" from the book's settings (``briefing_as_of``, never retyped in
a page), followed by the handling line (``briefing_handling``). The page template
(``templates/page.html``) puts it first in the page, before the theme's header, so
it shows on phones too; it stays when the page is printed. A printed page also
carries the handling line below its text, hidden on screen (``briefing.css``).
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..model.config import as_of
from ..model.state import state
from ..model.vocabulary import AS_OF_BANNER, PRINT_BANNER

WEB_BUILDERS = ("html", "dirhtml")
#: The template variable that holds the banner.
BANNER = "briefing_banner"


def as_of_banner(config: Config, handling: str) -> str:
    """The banner: a named region, so that every part of the page stands in a landmark."""
    line = f"As of {as_of(config)}" + (f" · {handling}" if handling else "")
    return f'<section class="{AS_OF_BANNER}" aria-label="As-of date and handling"><p>{escape(line)}</p></section>'


def print_banner(handling: str, edge: str) -> str:
    return f'<p class="{PRINT_BANNER} {PRINT_BANNER}-{edge}" aria-hidden="true">{escape(handling)}</p>'


def add_banners(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """The as-of banner for every page the HTML-format builders write (EPUB too), and the
    handling line below the text of every web page, for print."""
    if app.builder.format != "html":
        return
    handling = state(app.env).settings.handling
    context[BANNER] = as_of_banner(app.config, handling)
    if app.builder.name in WEB_BUILDERS and "body" in context:
        context["body"] += print_banner(handling, "bottom")


def setup_webprint(app: Sphinx) -> None:
    app.connect("html-page-context", add_banners)
