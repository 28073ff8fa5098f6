"""Run every prose check on every passage: pages as they are read, records as they are declared.

The checks themselves live in :mod:`quotes`, :mod:`copying`, :mod:`numbers`,
:mod:`attribution`, :mod:`dates`, :mod:`judgments` and :mod:`structure`; this module
decides when they run. Pages are checked by a
transform right after parsing, so each warning names the chapter's file and line.
A record's body and options never reach the page's doctree (the page shows a card;
the generated page shows the body), so the record directive checks them itself,
with the record's ``:cite:`` as their support and its name as their speaker.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..model import priorities
from ..model.diagnostics import Check, warn
from ..model.library import failed_ids, load_all
from ..model.state import state
from ..text.addressing import Span
from ..text.sources import Source
from .attribution import check_attribution
from .copying import check_copying
from .dates import check_relative_dates
from .judgments import check_assessment_box, check_judgments
from .numbers import check_numbers
from .prose import passages
from .quotes import check_quotations
from .structure import check_code, check_nesting

#: The longest passage (a paragraph, list item or table cell) the checks read. Naming a
#: speaker looks back over the passage from each sentence, so one passage of 2,000 cited
#: quotations (268 KB) took 204 s; a briefing's longest paragraph is a few thousand.
MAX_PASSAGE = 20_000


def check_tree(
    tree: nodes.Element,
    sources: Mapping[str, Source],
    failed: Set[str],
    code: bool,
    context: str = "",
    scope: list[Span] | None = None,
) -> None:
    """All prose checks on one tree of the book's own words, after its structure.

    A passage that rests on a source that failed to load, or on a citation that could
    not be read, is not checked against it: that error already fails the build, and
    every check would repeat it.
    """
    check_code(tree, code)
    check_nesting(tree)
    for passage in passages(tree, context, scope):
        if len(passage.text) > MAX_PASSAGE:
            warn(
                Check.PASSAGE_LENGTH,
                f"a passage of {len(passage.text):,} characters, more than a briefing's paragraph, item or cell "
                f"holds ({MAX_PASSAGE:,}), and too long to check; split it",
                passage.node,
            )
            continue
        check_judgments(passage)
        sentences = passage.sentences()
        for sentence in sentences:
            check_relative_dates(sentence)
        if passage.unverifiable or not failed.isdisjoint(span.source_id for span in passage.scope):
            continue
        check_quotations(passage, sources)
        for sentence in sentences:
            check_copying(sentence, sources)
            check_numbers(sentence, sources)
            check_attribution(sentence, sources)
    for box in tree.findall(nodes.Admonition):
        check_assessment_box(box)


class ProseChecks(SphinxTransform):
    """Check a page's prose against the paragraphs it cites, after parsing."""

    default_priority = priorities.CHECK_PROSE

    def apply(self, **kwargs: Any) -> None:
        code = state(self.env).settings.code_on(self.env.current_document.docname)
        check_tree(self.document, load_all(self.env)[0], failed_ids(self.env), code)


def check_record(
    env: BuildEnvironment, body: nodes.Element, options: list[nodes.paragraph], name: str, scope: list[Span]
) -> None:
    """A record's body and the prose of its options, supported by the record's citations."""
    sources, failed = load_all(env)[0], failed_ids(env)
    code = state(env).settings.code_on(env.current_document.docname)
    for tree in (nodes.container("", *options), body):
        check_tree(tree, sources, failed, code, context=name, scope=scope)


def setup_checks(app: Sphinx) -> None:
    """Check every page's prose once it is parsed."""
    app.add_transform(ProseChecks)
