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
from .prose import Passage, passages
from .quotes import check_quotations, quotations_within_bounds
from .structure import check_code, check_nesting

#: The longest passage (a paragraph, list item or table cell) the checks read. Naming a
#: speaker looks back over the passage from each sentence, so one passage of 2,000 cited
#: quotations (268 KB) took 204 s; a briefing's longest paragraph is a few thousand.
MAX_PASSAGE = 20_000
#: The most source text one passage may cite, in all. Each sentence is weighed against every
#: sentence it cites, so a page citing a 2,000-paragraph range in each line cost seconds a
#: line (red team J); a whole news article is 5,000 to 30,000 characters.
MAX_CITED = 100_000


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
        check_passage(passage, sources, failed)
    for box in tree.findall(nodes.Admonition):
        check_assessment_box(box)


def check_passage(passage: Passage, sources: Mapping[str, Source], failed: Set[str]) -> None:
    """The prose checks of one passage: its own words, then against what it cites."""
    if len(passage.text) > MAX_PASSAGE:
        warn(
            Check.PASSAGE_LENGTH,
            f"a passage of {len(passage.text):,} characters, more than a briefing's paragraph, item or cell "
            f"holds ({MAX_PASSAGE:,}), and too long to check; split it",
            passage.node,
        )
        return
    check_judgments(passage)
    sentences = passage.sentences()
    for sentence in sentences:
        check_relative_dates(sentence)
    if passage.unverifiable or not failed.isdisjoint(span.source_id for span in passage.scope):
        return
    if not _cites_within_bounds(passage, sources) or not quotations_within_bounds(passage):
        return
    check_quotations(passage, sources)
    for sentence in sentences:
        check_copying(sentence, sources)
        check_numbers(sentence, sources)
        check_attribution(sentence, sources)


def _cites_within_bounds(passage: Passage, sources: Mapping[str, Source]) -> bool:
    """Whether the passage cites at most :data:`MAX_CITED` characters; else one warning, and
    the passage is not checked against its sources. A range's length is a difference of
    running totals, so the cost is the number of citations (sorted), not their width."""
    memo = getattr(passage.scope, "memo", {})
    size = memo["length"] if "length" in memo else memo.setdefault("length", cited_length(passage.scope, sources))
    if size <= MAX_CITED:
        return True
    what = "the section under this heading cites" if isinstance(passage.node, nodes.title) else "this passage cites"
    warn(
        Check.CITED_LENGTH,
        f"{what} {size:,} characters of source text, more than a statement rests on ({MAX_CITED:,}) and too "
        "much to check it against; cite the paragraphs it rests on",
        passage.node,
    )
    return False


def cited_length(spans: list[Span], sources: Mapping[str, Source]) -> int:
    """How many characters of source text ``spans`` cover together, overlaps counted once."""
    total, reach = 0, ("", 0)
    for span in sorted(set(spans), key=lambda span: (span.source_id, span.first)):
        source = sources.get(span.source_id)
        if source is None:
            continue
        first = max(span.first, reach[1] + 1) if reach[0] == span.source_id else span.first
        total += source.length_of(first, span.last)
        reach = (span.source_id, max(span.last, reach[1] if reach[0] == span.source_id else 0))
    return total


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
