"""Quotation check: text in quotation marks must be the source's words, verbatim.

In every passage of the book's own prose (see :mod:`prose`: paragraphs, headings,
titles, terms, cells, record bodies and options), every span in double quotation
marks (straight or curly) must appear in a paragraph that the same block cites.
Only quote marks and white space are normalised; ``…`` (or ``...``) and
``[bracketed]`` insertions split the quotation into pieces that must appear in order. A failure names the page and
line and shows the closest text of the cited paragraphs, so the fix is obvious.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from .addressing import Span
from .diagnostics import warn
from .prose import QUOTATION, Passage
from .sources import Paragraph, Source

_ELISION = re.compile(r"\s*(?:…|\.\.\.|\[[^\]]*\])\s*")
_SINGLE_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    """Straighten quote marks and collapse white space, and nothing else."""
    return " ".join(text.translate(_SINGLE_QUOTES).split())


def quotations(text: str) -> list[str]:
    """The quoted spans of a piece of prose, in order."""
    return [match.group(1) for match in QUOTATION.finditer(text)]


def pieces(quotation: str) -> list[str]:
    """The verbatim pieces of a quotation once elisions and insertions are cut out."""
    return [piece for piece in (normalise(p) for p in _ELISION.split(quotation)) if piece]


def is_verbatim(quotation: str, paragraph: str) -> bool:
    """True when every piece of the quotation occurs in the paragraph, in order."""
    haystack, position = normalise(paragraph), 0
    for piece in pieces(quotation):
        found = haystack.find(piece, position)
        if found == -1:
            return False
        position = found + len(piece)
    return True


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
        for number in span.numbers if source else []:
            paragraph = source.paragraph(number)
            if paragraph is not None:
                found.setdefault((span.source_id, number), paragraph)
    return list(found.values())


def check_quotations(passage: Passage, sources: Mapping[str, Source]) -> None:
    """Every quotation in a passage is verbatim in a paragraph its block cites."""
    if not passage.quoted:
        return
    cited = [paragraph.text for paragraph in cited_paragraphs(passage.scope, sources)]
    for _start, _end, quotation in passage.quoted:
        if not cited:
            warn(
                "uncited-quote",
                f"quotation “{quotation}” has no {{cite}} in the same block; cite the paragraph it quotes",
                passage.node,
            )
        elif not any(is_verbatim(quotation, text) for text in cited):
            warn(
                "misquote",
                f"quotation “{quotation}” is not verbatim in the cited paragraph(s); "
                f"closest source text: “{closest(quotation, cited)}”",
                passage.node,
            )
