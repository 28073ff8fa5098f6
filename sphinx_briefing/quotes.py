"""Quotation check: text in quotation marks must be the source's words, verbatim.

In the book's own prose, every span in double quotation marks (straight or curly)
must appear in a paragraph that the same block cites. Only quote marks and white
space are normalised; ``…`` (or ``...``) and ``[bracketed]`` insertions split the
quotation into pieces that must appear in order. A failure names the page and
line and shows the closest text of the cited paragraphs, so the fix is obvious.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .addressing import parse_target
from .diagnostics import warn
from .placement import VERBATIM_CLASS
from .registry import load_all

_QUOTATION = re.compile(r"[“\"]([^“”\"]+)[”\"]")
_ELISION = re.compile(r"\s*(?:…|\.\.\.|\[[^\]]*\])\s*")
_SINGLE_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
#: Ancestors that make one block: a quotation may cite anywhere inside them.
_BLOCKS = (nodes.list_item, nodes.entry, nodes.definition_list_item, nodes.field, nodes.admonition)
_SKIPPED = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment)


def normalise(text: str) -> str:
    """Straighten quote marks and collapse white space, and nothing else."""
    return " ".join(text.translate(_SINGLE_QUOTES).split())


def quotations(text: str) -> list[str]:
    """The quoted spans of a piece of prose, in order."""
    return [match.group(1) for match in _QUOTATION.finditer(text)]


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


def _prose_text(node: nodes.Node) -> str:
    """The block's own words: citations, code and raw markup left out."""
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, _SKIPPED) or _is_citation(node):
        return ""
    return "".join(_prose_text(child) for child in node.children)


def _is_citation(node: nodes.Node) -> bool:
    return isinstance(node, addnodes.pending_xref) and node.get("reftype") == "cite"


def _scope(paragraph: nodes.paragraph) -> nodes.Element:
    """The block a quotation's citation may sit in: its list item, cell ... or itself."""
    for ancestor in _ancestors(paragraph):
        if isinstance(ancestor, _BLOCKS):
            return ancestor
    return paragraph


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    while node.parent is not None:
        node = node.parent
        yield node


def _is_verbatim_copy(node: nodes.Element) -> bool:
    return any(VERBATIM_CLASS in anc.get("classes", []) for anc in [node, *_ancestors(node)])


class QuotationCheck(SphinxTransform):
    """Check every quotation of a page against the paragraphs its block cites."""

    default_priority = 880

    def apply(self, **kwargs: object) -> None:
        sources = load_all(self.env)[0]
        for paragraph in self.document.findall(nodes.paragraph):
            if _is_verbatim_copy(paragraph):
                continue
            for quotation in quotations(_prose_text(paragraph)):
                self._check(paragraph, quotation, self._cited_texts(_scope(paragraph), sources))

    @staticmethod
    def _cited_texts(scope: nodes.Element, sources: dict) -> list[str]:
        texts = []
        for xref in scope.findall(addnodes.pending_xref):
            if not _is_citation(xref) or xref.get("refdomain") != "brief":
                continue
            span = parse_target(xref["reftarget"])
            source = sources.get(span.source_id)
            texts += [p.text for n in span.numbers if source and (p := source.paragraph(n))]
        return texts

    def _check(self, paragraph: nodes.paragraph, quotation: str, cited: list[str]) -> None:
        if not cited:
            warn(
                "uncited-quote",
                f"quotation “{quotation}” has no {{cite}} in the same block; cite the paragraph it quotes",
                paragraph,
            )
        elif not any(is_verbatim(quotation, text) for text in cited):
            warn(
                "misquote",
                f"quotation “{quotation}” is not verbatim in the cited paragraph(s); "
                f"closest source text: “{closest(quotation, cited)}”",
                paragraph,
            )
