"""Fixes to the markup the web theme writes, for every book that loads the extension.

Furo wraps each table in a ``table-wrapper`` container so that a wide table scrolls,
and copies all of the table's attributes onto the wrapper, its ids included: a table
with an id (every coverage table, any labelled table) then gives the page two elements
with one id, which is invalid HTML (the W3C Nu checker's "Duplicate ID") and makes
the link to it ambiguous. The id stays on the table, where the caption's permalink
points, and leaves the wrapper.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..model import priorities

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


def setup_theme_fixes(app: Sphinx) -> None:
    app.add_post_transform(OneIdPerTable)
