"""Quotation check: text in quotation marks must be the source's words, verbatim.

In every passage of the book's own prose (see :mod:`prose`: paragraphs, headings,
titles, terms, cells, record bodies and options), every quotation, in any
quotation-mark style and at any depth (see :mod:`quotemarks`), must appear in a
paragraph that the same block cites. Only quotation marks and white space are
normalised; ``…`` (or ``...``) and ``[bracketed]`` insertions split the quotation
into pieces that must appear in order, and neither may drop or add a negation.
A quotation must close in the passage it opens in, and may not hold a link that
prints words of its own. A failure names the page and line and shows the closest
text of the cited paragraphs, so the fix is obvious.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator, Mapping

from ..model.diagnostics import Check, warn
from ..text.addressing import Span
from ..text.quotemarks import ALL_MARKS
from ..text.sources import Paragraph, Source
from .prose import Passage

_SEPARATOR = re.compile(r"\s*(?:…|\.\.\.|\[[^\]]*\])\s*")
#: Every quotation mark and apostrophe compares as one character: nesting styles differ.
_MARKS = str.maketrans({mark: '"' for mark in ALL_MARKS})
#: How many source words next to a quotation an insertion at its edge may stand for.
_NEARBY = 8
NEGATIONS = re.compile(
    r"\b(?:not|no|never|nothing|none|nor|neither|nobody|nowhere|cannot|without)\b|n['’]t\b", re.IGNORECASE
)


def normalise(text: str) -> str:
    """One character for every quotation mark and apostrophe, white space collapsed; nothing else."""
    return " ".join(text.translate(_MARKS).split())


def pieces(quotation: str) -> list[str]:
    """The verbatim pieces of a quotation once elisions and insertions are cut out."""
    return [piece for piece in (normalise(p) for p in _SEPARATOR.split(quotation)) if piece]


#: How many ways of matching a cut quotation to its paragraph are weighed before judging it.
_ALIGNMENTS = 64


def alignments(quotation: str, paragraph: str) -> Iterator[list[tuple[int, int]]]:
    """Every way the quotation's pieces stand in the (normalised) paragraph, in order
    (at most ``_ALIGNMENTS``): "it was … a success" may start at either "it was"."""

    def from_(index: int, position: int) -> Iterator[list[tuple[int, int]]]:
        if index == len(wanted):
            yield []
            return
        start = haystack.find(wanted[index], position)
        while start != -1:
            end = start + len(wanted[index])
            for rest in from_(index + 1, end):
                yield [(start, end), *rest]
            start = haystack.find(wanted[index], start + 1)

    haystack, wanted = normalise(paragraph), pieces(quotation)
    return itertools.islice(from_(0, 0), _ALIGNMENTS)


def locate(quotation: str, paragraph: str) -> list[tuple[int, int]] | None:
    """Where each piece of the quotation first stands in the (normalised) paragraph, in
    order, or None when a piece is missing."""
    return next(alignments(quotation, paragraph), None)


def is_verbatim(quotation: str, paragraph: str) -> bool:
    """True when every piece of the quotation occurs in the paragraph, in order."""
    return locate(quotation, paragraph) is not None


def changed_negation(quotation: str, paragraph: str) -> str:
    """A negation that a cut drops from the source, or an insertion adds; else "".

    "It was … career enhancing" against "definitely not career enhancing" drops
    "not"; "and [it is not] a very easy thing" for "and it's a very easy thing" adds
    one. Each cut or insertion is compared with the source words it stands for. A
    quotation that matches the source in several ways is faithful if any one of them
    changes no negation.
    """
    changes = [_change_at(spans, quotation, normalise(paragraph)) for spans in alignments(quotation, paragraph) if spans]
    return "" if not changes or "" in changes else changes[0]


def _change_at(spans: list[tuple[int, int]], quotation: str, haystack: str) -> str:
    """The negation change of one alignment of the quotation with the paragraph, or ""."""
    leading, middles, trailing = _cuts(quotation)
    before = " ".join(haystack[: spans[0][0]].split()[-_NEARBY:])
    after = " ".join(haystack[spans[-1][1] :].split()[:_NEARBY])
    between = [haystack[end:start] for (_s, end), (start, _e) in zip(spans, spans[1:])]
    edges = [(leading, before), (trailing, after)]
    for index, (written, replaced) in enumerate([*zip(middles, between), *edges]):
        change = _negation_change(written, replaced, edge=index >= len(middles))
        if change:
            return change
    return ""


def _cuts(quotation: str) -> tuple[str, list[str], str]:
    """The cuts and insertions of a quotation: before its first words, between each two
    runs of words, and after its last."""
    parts = re.split(f"({_SEPARATOR.pattern})", quotation)
    runs = [index for index in range(0, len(parts), 2) if parts[index].strip()]
    if not runs:
        return "", [], ""
    joined = ["".join(parts[a + 1 : b]) for a, b in zip(runs, runs[1:])]
    return "".join(parts[: runs[0]]), joined, "".join(parts[runs[-1] + 1 :])


def _negation_change(written: str, replaced: str, edge: bool) -> str:
    """How a cut or insertion changes the negations of the source words it stands for.

    At the edges of a quotation an insertion stands for words nearby, which may
    hold more than it replaces; there only an added negation counts.
    """
    had, has = NEGATIONS.search(replaced), NEGATIONS.search(written)
    if had and not has and not edge:
        return f"the cut drops “{had.group()}”"
    if has and not had:
        return f"the insertion “{written.strip()}” adds “{has.group()}”"
    return ""


def closest(quotation: str, paragraphs: list[str]) -> str:
    """The run of source words most like the quotation, to show in the warning."""
    wanted = normalise(quotation)
    size = max(1, len(wanted.split()))
    best, best_ratio = "", -1.0
    for paragraph in paragraphs:
        words = normalise(paragraph).split()
        for start in range(max(1, len(words) - size + 1)):
            candidate = " ".join(words[start : start + size])
            ratio = difflib.SequenceMatcher(None, wanted, candidate).ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
    return best


def cited_paragraphs(spans: list[Span], sources: Mapping[str, Source]) -> list[Paragraph]:
    """The existing paragraphs that ``spans`` name, each once, in order."""
    found: dict[tuple[str, int], Paragraph] = {}
    for span in spans:
        source = sources.get(span.source_id)
        for paragraph in source.paragraphs_in(span.first, span.last) if source else ():
            found.setdefault((span.source_id, paragraph.number), paragraph)
    return list(found.values())


def check_quotations(passage: Passage, sources: Mapping[str, Source]) -> None:
    """Every quotation in a passage is verbatim in a paragraph its block cites, is closed
    where it opens, shows only words the check can see, and keeps the source's negations."""
    for position in passage.stray_marks:
        warn(
            Check.UNCLOSED_QUOTE,
            f"quotation mark {passage.text[position]!r} is not paired in this passage; a quotation must "
            "open and close in the same paragraph, list item or cell, so that it can be checked",
            passage.node,
        )
    if not passage.quoted:
        return
    cited = [paragraph.text for paragraph in cited_paragraphs(passage.scope, sources)]
    for start, end, quotation in passage.quoted:
        if _shows_unchecked_words(passage, start, end, quotation):
            continue
        _check_words(passage, quotation, cited)


def _shows_unchecked_words(passage: Passage, start: int, end: int, quotation: str) -> bool:
    """A link inside a quotation that prints its target's title shows words nobody checked."""
    if any(start <= first and last <= end and not explicit for first, last, explicit in passage.xrefs):
        warn(
            Check.QUOTE_MARKUP,
            f"quotation “{quotation}” holds a cross-reference that prints its target's title; "
            "quote the source's words as text and put the link outside the quotation",
            passage.node,
        )
        return True
    return False


def _check_words(passage: Passage, quotation: str, cited: list[str]) -> None:
    if not cited:
        warn(
            Check.UNCITED_QUOTE,
            f"quotation “{quotation}” has no {{cite}} in the same block; cite the paragraph it quotes",
            passage.node,
        )
        return
    matches = [text for text in cited if is_verbatim(quotation, text)]
    if not matches:
        warn(
            Check.MISQUOTE,
            f"quotation “{quotation}” is not verbatim in the cited paragraph(s); "
            f"closest source text: “{closest(quotation, cited)}”",
            passage.node,
        )
    elif all(changed_negation(quotation, text) for text in matches):
        warn(
            Check.MISQUOTE,
            f"quotation “{quotation}” reverses the source: {changed_negation(quotation, matches[0])}",
            passage.node,
        )
