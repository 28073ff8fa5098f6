"""Finding quotations in prose, in every quotation-mark style Unicode defines, nested or not.

A quotation the check cannot see is a quotation nobody checks, so the marks are not
a hand-kept list: they are the characters Unicode gives the ``Quotation_Mark``
property (straight and curly marks, guillemets, low-9 marks, corner brackets 「」,
the CJK and full-width forms), derived from the character database as the
punctuation named quotation marks, apostrophes and corner brackets; plus the
quotation-mark ornaments (❝❞) and the double primes (″) that readers take for
quotation marks. How each mark pairs comes from the database too: its family
(double, single, angle, corner, from its name) and its role (opening or closing,
from its general category). Editors mix styles, so any closing mark of the open
quotation's family closes it; a straight mark closes a curly one; German „…“ and
»…« and Swedish ”…” pair as written.

Quotations inside quotations are found too, each checked on its own. A mark that
opens a quotation and never closes it in the same passage is reported: a
quotation split across paragraphs or list items could not be checked word for
word.

Apostrophes and primes look like single or double quotation marks. They count as
a mark only where they can be one: an opening mark follows a space or an opening
bracket and comes before a letter; a closing mark ends a word and is not followed
by a letter (so "it's", "Mexico's", the ’90s and 12″ are not quotations).

Pure text functions; no Sphinx. :func:`find` is one pass over the text with a
stack: O(n) in the length of the text.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: The last code point that holds punctuation or symbols (planes 2 and above hold
#: ideographs, tags and private use only).
_LAST_PUNCTUATION_PLANE = 0x1FFFF


def _is_quotation_mark(name: str, category: str) -> bool:
    """Unicode's ``Quotation_Mark`` property, read from the character database: the
    punctuation named quotation marks, the two Latin apostrophes and the corner brackets;
    plus the quotation-mark ornaments and the double primes a reader takes for marks."""
    if category[0] == "P" and ("QUOTATION MARK" in name or "CORNER BRACKET" in name):
        return True
    if name in ("APOSTROPHE", "FULLWIDTH APOSTROPHE"):
        return True
    return (category == "So" and "QUOTATION MARK ORNAMENT" in name) or (
        category == "Po" and name.endswith("DOUBLE PRIME")
    )


def _all_marks() -> frozenset[str]:
    marks = set()
    for code in range(min(sys.maxunicode, _LAST_PUNCTUATION_PLANE) + 1):
        char = chr(code)
        if _is_quotation_mark(unicodedata.name(char, ""), unicodedata.category(char)):
            marks.add(char)
    return frozenset(marks)


#: Every quotation mark, mapped to one character when quotations are compared with the source.
ALL_MARKS = _all_marks()


@dataclass(frozen=True)
class Mark:
    """How one quotation mark pairs: its family, its role and whether it may be an apostrophe."""

    char: str
    family: str
    #: "open", "close" or "both" (a straight mark opens and closes).
    role: str
    #: Pi, Ps, Pf, Pe or Po: a low-9 opener (Ps) is closed by a left mark (Pi) in German.
    category: str
    #: An apostrophe or a prime: a mark only where the text around it allows.
    contextual: bool


#: Bounded: a hostile page can hold every code point once.
@lru_cache(maxsize=4096)
def mark(char: str) -> Mark:
    """The pairing of one quotation mark, from its Unicode name and category."""
    name, category = unicodedata.name(char, ""), unicodedata.category(char)
    if "CORNER BRACKET" in name:
        family = "white corner" if "WHITE" in name else "corner"
    elif "ANGLE" in name:
        family = "double angle" if "DOUBLE" in name else "single angle"
    elif "SINGLE" in name or "APOSTROPHE" in name:
        family = "single"
    else:
        family = "double"
    if category == "So":  # ornaments: turned and low forms open, the others close
        category = "Pi" if "TURNED" in name else "Ps" if "LOW" in name else "Pf"
    role = {"Pi": "open", "Ps": "open", "Pf": "close", "Pe": "close"}.get(category, "both")
    contextual = "APOSTROPHE" in name or ("PRIME" in name and "QUOTATION" not in name) or char == "’"
    return Mark(char, family, role, category, contextual)


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
    return (before.isspace() or before in "([{—–-/" or before in ALL_MARKS) and after.isalpha()


def _can_close(text: str, index: int) -> bool:
    """An apostrophe-like mark closes only at the end of a word, not inside one ("it's")."""
    return index > 0 and not text[index - 1].isspace() and not _word_char(text, index + 1)


def _closes(this: Mark, top: Mark) -> bool:
    """Whether ``this`` mark closes the quotation ``top`` opened."""
    if this.family != top.family:
        return False
    if this.role == "close":
        return True
    if this.role == "both":
        return this.char == top.char or top.role == "open"
    # A left mark closes a low-9 opener („…“) or a right mark used as an opener (»…«).
    return top.role == "close" or (top.category == "Ps" and this.category == "Pi")


def _may_open(this: Mark) -> bool:
    """Closing brackets never open; every other mark may (Swedish ”…”, German »…«)."""
    return this.category != "Pe"


def find(text: str) -> tuple[list[Quote], list[int]]:
    """Every quotation of ``text`` (outer ones before the ones they contain), and the
    positions of marks that open a quotation never closed or close one never opened."""
    stack: list[tuple[Mark, int]] = []
    quotes: list[Quote] = []
    stray: list[int] = []
    for index, char in enumerate(text):
        if char not in ALL_MARKS:
            continue
        this = mark(char)
        if stack and _closes(this, stack[-1][0]) and (not this.contextual or _can_close(text, index)):
            _opener, start = stack.pop()
            quotes.append(Quote(start, index + 1, len(stack)))
        elif _may_open(this) and (not this.contextual or _can_open(text, index)):
            stack.append((this, index))
        elif not this.contextual:
            stray.append(index)
    stray += [start for _mark, start in stack]
    return sorted(quotes, key=lambda quote: (quote.start, quote.depth)), sorted(stray)


def _closes_earlier(text: str, index: int) -> bool:
    """An unpaired mark that ends a word closes a quotation begun in an earlier paragraph."""
    return mark(text[index]).role == "close" or (
        index > 0 and not text[index - 1].isspace() and not _word_char(text, index + 1)
    )


def quoted_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of a source paragraph that stand inside quotation
    marks, outermost only, in order. A newspaper quotation that runs over several
    paragraphs leaves one unpaired mark in each: an opening mark quotes to the end of
    its paragraph, a closing mark from the start. O(n) in the paragraph's length."""
    quotes, stray = find(paragraph)
    spans = [(quote.start, quote.end) for quote in quotes if quote.depth == 0]
    for index in stray:
        spans.append((0, index + 1) if _closes_earlier(paragraph, index) else (index, len(paragraph)))
    return sorted(spans)
