"""Marks for what the book says that is not the article's word: inferences and background.

The article is the only source of facts. Where the book must go further, it says
so visibly, the same way everywhere:

- ``{inferred}`January 2017 <relative-dates>``` prints the value followed by a small
  "inferred" link to the reasoning (a label, usually on the method page). The
  number and date checks accept a value inside this mark, because the mark itself
  tells the reader it was worked out rather than read off the source.
- ``{background}`North American Aerospace Defense Command``` prints general
  reference knowledge (an expansion the article does not give) followed by a
  "general reference" link to the method page's explanation.
- ``{book}`release``` prints one of the book's own settings (``project``, ``release``,
  ``author``, ``as_of``, ``handling``, ``subtitle``), so a page never retypes what
  ``conf.py`` says once; it is the book's own fact, not a claim about the article.
- ``{confidence-legend}`` wraps the legend that defines the confidence levels, the
  one place outside an assessment where confidence words are explained, not used.

Both roles emit generic docutils nodes (an inline with a class and a ``std:ref``
cross-reference), so every builder prints them with no extra visitor.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.nodes import split_explicit_title

from ..model.config import as_of
from ..model.diagnostics import Check, warn
from ..model.library import load_all
from ..model.state import state
from ..model.vocabulary import (
    BACKGROUND,
    BOOK_FACT,
    CONFIDENCE_LEGEND,
    INFERRED_VALUE,
    MARK,
)

#: What ``{book}`` may print, by the name authors write, and the setting it reads.
BOOK_FACTS = {
    "project": "project",
    "release": "release",
    "author": "author",
    "as_of": "briefing_as_of",
    "handling": "briefing_handling",
    "subtitle": "briefing_subtitle",
}


def mark_link(target: str, label: str, title: str) -> addnodes.pending_xref:
    """The small link after a marked value, resolved by the std domain like ``{ref}``."""
    xref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="ref",
        reftarget=target.lower(),
        refexplicit=True,
        refwarn=True,
        classes=[MARK],
    )
    xref += nodes.inline(label, label, classes=[MARK], title=title)
    return xref


class MarkerRole(SphinxRole):
    """A value the article does not state as such, with a link saying why it is there."""

    css_class = ""
    mark = ""
    title = ""

    def default_target(self) -> str:
        return ""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        has_target, text, target = split_explicit_title(self.text)
        target = target if has_target else self.default_target()
        if not target:
            warn(
                Check.MARKER_TARGET,
                f"{{{self.name}}}`{self.text}` needs the label of its reasoning: write `{text} <label>`",
                self.get_location(),
            )
        wrapper = nodes.inline(self.rawtext, "", classes=[self.css_class])
        self.set_source_info(wrapper)
        wrapper += nodes.Text(text)
        if target:
            wrapper += nodes.Text("\u00a0")
            wrapper += mark_link(target, self.mark, self.title)
        return [wrapper], []


class InferredRole(MarkerRole):
    """``{inferred}`2017 <relative-dates>```: a date or number worked out from the article."""

    css_class = INFERRED_VALUE
    mark = "inferred"
    title = "Worked out from the article's own evidence; follow the link for how"


class BackgroundRole(MarkerRole):
    """``{background}`text```: general reference knowledge, not from the article."""

    css_class = BACKGROUND
    mark = "general reference"
    title = "General reference knowledge, not from the source article"

    def default_target(self) -> str:
        return state(self.env).settings.background_target


class BookFactRole(SphinxRole):
    """``{book}`as_of```: a setting of the book, printed where the page needs it;
    ``{book}`sources``` says how many sources the book rests on ("one source")."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        name = self.text.strip()
        if name == "sources":
            value = source_count(self.env)
        elif name == "as_of":
            value = as_of(self.config)
        elif name in BOOK_FACTS:
            value = str(self.config[BOOK_FACTS[name]])
        else:
            known = ", ".join([*BOOK_FACTS, "sources"])
            warn(Check.BOOK_FACT, f"{{book}}`{name}` is not a book setting; use one of {known}", self.get_location())
            return [], []
        return [nodes.inline(self.rawtext, value, classes=[BOOK_FACT])], []


_COUNTS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def source_count(env: BuildEnvironment) -> str:
    """ "one source", "two sources": generated, so no page says "one source" by hand."""
    count = len(load_all(env)[0])
    return f"{_COUNTS[count] if count < len(_COUNTS) else count} source{'' if count == 1 else 's'}"


class ConfidenceLegend(SphinxDirective):
    """The legend of confidence levels: the one place their words are defined, not used."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        box = nodes.container(classes=[CONFIDENCE_LEGEND])
        self.set_source_info(box)
        box += self.parse_content_to_nodes()
        return [box]


def setup_markers(app: Sphinx) -> None:
    """Register the marker roles and the legend directive."""
    app.add_role("inferred", InferredRole())
    app.add_role("background", BackgroundRole())
    app.add_role("book", BookFactRole())
    app.add_directive("confidence-legend", ConfidenceLegend)
