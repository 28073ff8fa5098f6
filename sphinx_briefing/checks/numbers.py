"""Numbers in the book's prose: every one is written in a paragraph it cites, or marked.

A number, an amount, a range or a year in our prose must be one the cited
paragraphs give, or stand inside an ``{inferred}`` mark that says how it was worked
out. Numbers are compared as whole quantities (:mod:`..text.quantities`): "$1.15
billion" is 1,150,000,000 dollars, so "$1.1", "5 billion" or "1 Black Hawk" never
pass on a stray digit, and "seven" meets "7"; "15 to 20 percent" is one range, so
"20 percent" or "up to 20 percent" is not what it says; "410 cubic metres per second"
is not "410 cubic metres"; and a number the paragraph retracts ("It is 1.2 million,
not 1.5 million") supports nothing. A number written without a unit may stand for
an amount the source gives with one ("60 million" for "$60 million"), never for a
percentage. Spelled-out numbers are checked in sentences that cite the source,
where they are claims about it ("seven generals"); elsewhere they count the book's
own parts ("three confidence levels"). "One" and "two" are left alone: in prose
they are mostly figures of speech ("the two countries"), not claims.

Digits with letters written onto them ("21st", "1990s", "7777x", "8888e5"), and the
characters that are numbers without being digits ("Ⅻ", "½"), are no quantity a reader
can weigh, but they are still a claim: such a token must be written, as it is, in a
paragraph the sentence rests on.

Complexity: for a passage of ``n`` characters with ``s`` sentences, ``q`` quantities,
``k`` quotations and marks, citing paragraphs that give ``g`` quantities, the check
costs O(n + g + k log k + q log k): the spans the check skips and the quantities the
citations give are gathered once per passage (:class:`_Support`), and each quantity
is then looked up, never compared with every quotation or every given quantity; the
given quantities of one value are compared once per kind of quantity asked about
(:attr:`Quantity.kind`), not once per quantity.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import accumulate

from ..model.diagnostics import Check, warn
from ..text.quantities import CURRENCY_KEYS, Quantity, quantities, reading, unit_key
from ..text.sources import Paragraph, Source
from .prose import Passage, Sentence
from .quotes import cited_paragraphs

__all__ = ["Quantity", "check_numbers", "quantities", "unsupported"]

#: Where a passage keeps what its numbers are checked against.
_SUPPORT = "numbers"
#: Where a paragraph keeps its index of what it gives.
_GIVEN = "numbers-given"
#: Digits with letters written onto them: an ordinal, a decade, a multiple, a code.
_GLUED_TOKEN = re.compile(r"(?<![\w.,])\d[\d.,]*[^\W\d_]\w*")


#: Every character of the Basic Multilingual Plane that is a number without being a digit
#: (Roman numerals, fractions, circled numbers): one regular expression, not a Python loop
#: over every character of every sentence.
_NUMBER_CHARACTER = re.compile(
    "["
    + "".join(
        re.escape(chr(code))
        for code in range(0x80, 0x10000)
        if unicodedata.category(chr(code)) in ("Nl", "No") and unicodedata.digit(chr(code), None) is None
    )
    + "]"
)


def numeral_tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Each token the quantities do not read but a reader does: digits with letters written
    onto them, and each character that is a number without being a digit (Roman numeral
    and fraction characters; superscript digits are read as digits). (start, end, text)."""
    for match in _GLUED_TOKEN.finditer(text):
        yield match.start(), match.end(), match.group()
    for match in _NUMBER_CHARACTER.finditer(text):
        yield match.start(), match.end(), match.group()


class Intervals:
    """Spans ``[start, end)``, asked whether they contain a span: O(k log k) to build, O(log k)
    per question (the largest end among the spans that start at or before it)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _end in ordered]
        self.reach = list(accumulate((end for _start, end in ordered), max))

    def contain(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, start)
        return index > 0 and self.reach[index - 1] >= end


@dataclass(frozen=True)
class _Given:
    """What one cited paragraph gives: its quantities by range and by each end of their
    range (retracted ones too, to name them), and the digit-and-letter tokens it writes."""

    given: dict[tuple[Fraction | None, Fraction | None], list[tuple[Quantity, Paragraph]]]
    ends: dict[Fraction, list[tuple[Quantity, Paragraph]]]
    glued: frozenset[str]


@dataclass
class _Support:
    """What one passage's numbers are checked against, gathered once for all its sentences:
    each cited paragraph's index, read once a build (red team M: 200 lines citing one
    paragraph of 30,000 figures each read it again, 0.19 s a line)."""

    skipped: Intervals
    paragraphs: tuple[_Given, ...] = ()
    #: The answer for each kind of quantity asked about (:attr:`Quantity.kind`).
    answers: dict[tuple[object, ...], bool] = field(default_factory=dict)

    def supports(self, quantity: Quantity) -> bool:
        """Whether a cited paragraph gives ``quantity``: the quantities of its value are
        compared once per kind, so each given quantity is compared a bounded number of times."""
        kind = quantity.kind
        if kind not in self.answers:
            key = (quantity.low, quantity.high)
            given = (found for index in self.paragraphs for found, _p in index.given.get(key, ()))
            self.answers[kind] = any(quantity.matches(found) for found in given)
        return self.answers[kind]

    def near_miss(self, quantity: Quantity) -> tuple[Quantity, Paragraph] | None:
        """A quantity the citations give with this number at one end, or retracted."""
        for value in (quantity.low, quantity.high):
            for index in self.paragraphs if value is not None else ():
                for found, paragraph in index.ends.get(value, ()):
                    return found, paragraph
        return None

    def glues(self, token: str) -> bool:
        """Whether a cited paragraph writes ``token`` (lower case)."""
        return any(token in index.glued for index in self.paragraphs)


def _support_of(passage: Passage, sources: Mapping[str, Source]) -> _Support:
    """The support of a passage, gathered once for all its sentences and kept on it."""
    support = passage.memo.get(_SUPPORT)
    if not isinstance(support, _Support):
        support = passage.memo[_SUPPORT] = _gather(passage, sources)
    return support


def _gather(passage: Passage, sources: Mapping[str, Source]) -> _Support:
    skipped = Intervals([*passage.marked, *((start, end) for start, end, _words in passage.quoted)])
    return _Support(skipped, tuple(_given_by(paragraph) for paragraph in cited_paragraphs(passage.scope, sources)))


def _given_by(paragraph: Paragraph) -> _Given:
    """A paragraph's index of what it gives, made once and kept with the paragraph."""
    index = paragraph.memo.get(_GIVEN)
    if not isinstance(index, _Given):
        given: dict[tuple[Fraction | None, Fraction | None], list[tuple[Quantity, Paragraph]]] = defaultdict(list)
        ends: dict[Fraction, list[tuple[Quantity, Paragraph]]] = defaultdict(list)
        for found in paragraph.figures:
            given[(found.low, found.high)].append((found, paragraph))
            yearly = _as_yearly(found, paragraph.display_text)
            if yearly is not None:
                given[(found.low, found.high)].append((yearly, paragraph))
            for value in {found.low, found.high} - {None}:
                ends[value].append((found, paragraph))
        glued = frozenset(token.lower() for _start, _end, token in numeral_tokens(paragraph.display_text))
        index = paragraph.memo[_GIVEN] = _Given(dict(given), dict(ends), glued)
    return index


#: Words that make the amounts of their sentence yearly ones: "the annual cost … at about
#: $4.5 million" gives "$4.5 million a year" (new-user review: it was refused). Not "a year",
#: "each year" or "every year", which as often date or count something else in the sentence
#: ("who joined a year ago", "a program that grows each year").
_YEARLY = re.compile(r"\b(?:annual(?:ly)?|yearly|per\s+(?:year|annum))\b", re.IGNORECASE)
#: How far around an amount its sentence is read for those words: a bounded window, so a
#: paragraph of thousands of amounts is still read in linear time.
_YEARLY_REACH = 200


def _as_yearly(found: Quantity, text: str) -> Quantity | None:
    """``found`` as an amount a year, where it is money with no rate of its own and its
    sentence calls it yearly; else None."""
    if unit_key(found.unit) not in CURRENCY_KEYS:
        return None
    start, end = max(0, found.start - _YEARLY_REACH), min(len(text), found.end + _YEARLY_REACH)
    before = re.split(r"[.!?]\s", text[start : found.start])[-1]
    after = re.split(r"[.!?](?:\s|$)", text[found.end : end])[0]
    if not _YEARLY.search(before) and not _YEARLY.search(after):
        return None
    return dataclasses.replace(found, unit=f"{found.unit} a year")


def unsupported(sentence: Sentence, sources: Mapping[str, Source]) -> Iterator[Quantity]:
    """The numbers of a sentence that no paragraph it rests on gives, and that are unmarked."""
    support = _support_of(sentence.passage, sources)
    read = quantities(sentence.text, ordinary_words=False)
    for quantity in read:
        if quantity.spelled and not sentence.cites:
            continue  # "four key judgments": a count of the book's own, not a claim it cites
        if support.skipped.contain(sentence.start + quantity.start, sentence.start + quantity.end):
            continue  # marked as inferred or background; quotations are checked word for word
        if not support.supports(quantity):
            yield quantity
    yield from _unsupported_glued(sentence, support, Intervals((found.start, found.end) for found in read))


def _unsupported_glued(sentence: Sentence, support: _Support, read: Intervals) -> Iterator[Quantity]:
    """The digit-and-letter tokens of a sentence ("6666th", "7777x") that are no quantity it
    read ("40m" is one), no paragraph it rests on writes, and no mark or quotation holds."""
    for start, end, token in numeral_tokens(sentence.text):
        if read.contain(start, end) or support.glues(token.lower()):
            continue
        if not support.skipped.contain(sentence.start + start, sentence.start + end):
            yield Quantity(token, start, end, None, None)


#: Letters a reader takes for digits inside a number ("$6O million"), which :func:`reading` reads as them.
_LOOKALIKE_LETTERS = frozenset("OolI")


def _lookalikes(sentence: Sentence) -> Iterator[Quantity]:
    """The numbers of a sentence written with a letter for a digit: the checks read "$6O million"
    as $60 million, as a reader would, but the page would print the typo (red team AD)."""
    for quantity in quantities(sentence.text, ordinary_words=False):
        read = reading(quantity.text)
        if any(written in _LOOKALIKE_LETTERS and seen.isdigit() for written, seen in zip(quantity.text, read)):
            yield quantity


def check_numbers(sentence: Sentence, sources: Mapping[str, Source]) -> None:
    """Warn about each number of a sentence that its citations do not give, or that is
    written with a letter for a digit."""
    for quantity in _lookalikes(sentence):
        warn(
            Check.LOOKALIKE_DIGIT,
            f"“{quantity.text}” writes a letter for a digit; the checks read it as “{reading(quantity.text)}”: "
            "write the digit",
            sentence.passage.node,
        )
    support = _support_of(sentence.passage, sources)
    for quantity in unsupported(sentence, sources):
        cited = ", ".join(p.label for p in cited_paragraphs(sentence.passage.scope, sources)) or "nothing"
        warn(
            Check.UNSUPPORTED_NUMBER,
            f"“{quantity.text}” is not given by the paragraph(s) this sentence rests on ({cited}){_hint(quantity, support)}; "
            f"cite the paragraph that gives it, or mark a worked-out value with "
            f"{{inferred}}`{quantity.text} <label-of-the-reasoning>`",
            sentence.passage.node,
        )


def _hint(quantity: Quantity, support: _Support) -> str:
    """What the cited paragraphs say instead, when they give this number in another form."""
    found = support.near_miss(quantity)
    if found is None:
        return ""
    given, paragraph = found
    if given.retracted:
        return f": {paragraph.label} retracts “{given.text}”"
    return f": {paragraph.label} gives “{given.text}”; write the whole quantity, range and unit included"
