"""Finding quotations in prose, in every quotation-mark style, nested or not.

A quotation the check cannot see is a quotation nobody checks, so every common
style counts: "straight", “curly”, 'single', ‘curly single’, «guillemets»,
‹single guillemets›, „German“, ‟reversed”, ＂full-width＂ and 〝CJK〟. Quotations
inside quotations are found too, each checked on its own. A mark that opens a
quotation and never closes it in the same passage is reported: a quotation split
across paragraphs or list items could not be checked word for word.

Apostrophes look like single quotation marks. A straight or curly apostrophe
counts as a mark only where it can be one: an opening mark follows a space or an
opening bracket and comes before a word; a closing mark ends a word and is not
followed by a letter (so "it's" and "Mexico's" are words, not quotations).

Pure text functions; no Sphinx.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Each opening mark and the marks that may close it (a straight mark may close a curly
#: one: editors convert quotation marks inconsistently).
CLOSERS = {
    '"': '"', "“": '”"', "„": '“”"', "‟": '”"', "«": "»", "‹": "›", "＂": "＂", "〝": "〞〟",
    "‘": "’", "'": "'", "‚": "‘’",
}
#: Marks that are also apostrophes, so they count only where the context allows.
_APOSTROPHES = frozenset("'’")
#: Every quotation mark, mapped to one character when quotations are compared with the source.
ALL_MARKS = frozenset("\"“”„‟«»‹›＂〝〞〟‘’'‚‛")


@dataclass(frozen=True)
class Quote:
    """One quotation: where its marks stand and where its words are."""

    start: int
    end: int
    depth: int

    @property
    def inner(self) -> tuple[int, int]:
        """The span of the quoted words, without the marks."""
        return self.start + 1, self.end - 1


def _word_char(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalnum()


def _can_open(text: str, index: int) -> bool:
    """An apostrophe-like mark opens only before a letter and after a space or bracket
    (so the ’90s is not a quotation)."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/" or before in CLOSERS) and after.isalpha()


def _can_close(text: str, index: int) -> bool:
    """An apostrophe-like mark closes only at the end of a word, not inside one ("it's")."""
    return index > 0 and not text[index - 1].isspace() and not _word_char(text, index + 1)


def find(text: str) -> tuple[list[Quote], list[int]]:
    """Every quotation of ``text`` (outer ones before the ones they contain), and the
    positions of marks that open a quotation never closed or close one never opened."""
    stack: list[tuple[str, int]] = []
    quotes: list[Quote] = []
    stray: list[int] = []
    for index, mark in enumerate(text):
        if stack and mark in CLOSERS[stack[-1][0]] and (mark not in _APOSTROPHES or _can_close(text, index)):
            opener, start = stack.pop()
            quotes.append(Quote(start, index + 1, len(stack)))
        elif mark in CLOSERS and (mark not in _APOSTROPHES or _can_open(text, index)):
            stack.append((mark, index))
        elif mark in "”»›〞〟":
            stray.append(index)
    stray += [start for _mark, start in stack]
    return sorted(quotes, key=lambda quote: (quote.start, quote.depth)), sorted(stray)
