"""Fixes to the markup the web theme writes, for every book that loads the extension.

Furo wraps each table in a ``table-wrapper`` container so that a wide table scrolls,
and copies all of the table's attributes onto the wrapper, its ids included: a table
with an id (every coverage table, any labelled table) then gives the page two elements
with one id, which is invalid HTML (the W3C Nu checker's "Duplicate ID") and makes
the link to it ambiguous. The id stays on the table, where the caption's permalink
points, and leaves the wrapper.

Furo prints the book's title (``html_title``, else ``project``) into every page's sidebar
without escaping it, as Sphinx allows HTML there. A book's title is text: ``make new``
writes the article's headline into it, so a headline holding ``<script>`` ran in every
page. The titles reach the templates already escaped, as markup that Jinja's ``|e``
leaves alone, so they print as written in every template.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..model import priorities

#: Template variables that hold the book's titles, printed unescaped by some themes.
TITLE_VARIABLES = ("docstitle", "project", "shorttitle")

#: The class Furo gives the container it wraps around each table.
FURO_TABLE_WRAPPER = "table-wrapper"


class OneIdPerTable(SphinxPostTransform):
    """After Furo's wrapper: a wrapped table's ids leave the wrapper."""

    default_priority = priorities.ONE_ID_PER_TABLE
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if FURO_TABLE_WRAPPER in wrapper["classes"] and wrapper.children and isinstance(wrapper[0], nodes.table):
                wrapper["ids"] = [name for name in wrapper["ids"] if name not in wrapper[0]["ids"]]


def escape_titles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """The book's titles as text: escaped once, and marked so that ``|e`` does not escape again."""
    for name in TITLE_VARIABLES:
        value = context.get(name)
        if isinstance(value, str) and not isinstance(value, Markup):
            context[name] = escape(value)


def setup_theme_fixes(app: Sphinx) -> None:
    app.add_post_transform(OneIdPerTable)
    app.connect("html-page-context", escape_titles)
