"""Numbers in the book's prose: every one is written in a paragraph it cites, or marked.

A number, a money amount or a year in our prose must be one the cited paragraphs
give, or stand inside an ``{inferred}`` mark that says how it was worked out.
Numbers are compared as whole quantities: "$1.15 billion" is 1,150,000,000
dollars, so "$1.1", "5 billion" or "1 Black Hawk" never pass on a stray digit,
and "seven" meets "7". A number written without a currency may stand for an
amount the source gives with one ("60 million" for "$60 million"); one written
with a currency must match the currency too. A malformed number ("9,00") matches
nothing. Spelled-out numbers are checked in sentences that cite the source, where
they are claims about it ("seven generals"); elsewhere they count the book's own
parts ("three confidence levels"). "One" and "two" are left alone: in prose they
are mostly figures of speech ("the two countries"), not claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..model.diagnostics import Check, warn
from ..text.sources import Source
from .prose import Sentence
from .quotes import cited_paragraphs

_UNITS = {"": 1, "hundred": 10**2, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_WORDS = {
    word: value for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
     "hundred": 100, "dozen": 12}
#: Number words too common as plain words to be read as claims in our prose.
_ORDINARY_WORDS = frozenset({"zero", "one", "two"})
_CURRENCY = r"(?P<cur>US\$|\$|€|£)"
_MAGNITUDE = r"(?:\s+(?P<unit>hundred|thousand|million|billion|trillion)\b)?(?P<pct>\s*%|\s+percent\b)?"
_DIGITS = re.compile(rf"(?<![\w.,])(?:{_CURRENCY}\s?)?(?P<num>\d+(?:[.,]\d+)*){_MAGNITUDE}")
_SPELLED = re.compile(
    rf"(?<![\w-])(?P<num>(?:{'|'.join(sorted(_WORDS, key=len, reverse=True))})(?:-(?:{'|'.join(_WORDS)}))?)(?![\w])"
    + _MAGNITUDE,
    re.IGNORECASE,
)
_WELL_FORMED = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
#: Numbers that label a part of a document, not a quantity: ¶12, Chapter 3, Page 2, Table 1.
_PARAGRAPH_LABEL = re.compile(
    r"¶\s*\d+(?:\s*[–-]\s*\d+)?|\b(?:[Cc]hapter|[Pp]art|[Pp]age|[Ss]ection|[Aa]nnex|[Aa]ppendix|[Tt]able|[Ff]igure|[Ss]tep)\s+\d+\b"
)


@dataclass(frozen=True)
class Quantity:
    """A number as written, with its value (None when malformed) and its kind."""

    text: str
    start: int
    end: int
    value: Decimal | None
    currency: str = ""
    percent: bool = False
    spelled: bool = False

    def matches(self, other: Quantity) -> bool:
        """The same amount: equal value, same currency when this one names one, same percent-ness."""
        return (
            self.value is not None
            and self.value == other.value
            and self.percent == other.percent
            and (not self.currency or self.currency == other.currency)
        )


def _digit_value(text: str) -> Decimal | None:
    if not _WELL_FORMED.match(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _word_value(text: str) -> Decimal:
    parts = [_WORDS[part.lower()] for part in text.split("-")]
    return Decimal(sum(parts) if len(parts) == 1 or parts[0] >= 20 else parts[0] * parts[1])


@lru_cache(maxsize=8192)
def quantities(text: str, ordinary_words: bool = True) -> tuple[Quantity, ...]:
    """Every number in ``text``; with ``ordinary_words=False``, "one" and "two" are skipped.

    Remembered per text (bounded): each cited paragraph is read for every sentence citing it.
    """
    labels = [match.span() for match in _PARAGRAPH_LABEL.finditer(text)]
    digits = [q for q in _digits(text) if not _inside(q, labels)]
    # A spelled word inside a written number ("5 hundred") is part of it, not a second one.
    taken = [*labels, *((q.start, q.end) for q in digits)]
    found = [*digits, *(q for q in _spelled(text, ordinary_words) if not _inside(q, taken))]
    return tuple(sorted(found, key=lambda q: q.start))


def _inside(quantity: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(start <= quantity.start < end for start, end in spans)


def _digits(text: str) -> Iterator[Quantity]:
    for match in _DIGITS.finditer(text):
        value = _digit_value(match["num"])
        scaled = value * _UNITS[match["unit"] or ""] if value is not None else None
        yield Quantity(match.group().strip(), match.start(), match.end(), scaled, match["cur"] or "", bool(match["pct"]))


def _spelled(text: str, ordinary_words: bool) -> Iterator[Quantity]:
    for match in _SPELLED.finditer(text):
        if not ordinary_words and match["num"].lower() in _ORDINARY_WORDS:
            continue
        value = _word_value(match["num"]) * _UNITS[match["unit"] or ""]
        yield Quantity(match.group().strip(), match.start(), match.end(), value, "", bool(match["pct"]), spelled=True)


def unsupported(sentence: Sentence, sources: Mapping[str, Source]) -> Iterator[Quantity]:
    """The numbers of a sentence that no paragraph it rests on gives, and that are unmarked."""
    passage = sentence.passage
    given = [q for p in cited_paragraphs(sentence.passage.scope, sources) for q in quantities(p.display_text)]
    for quantity in quantities(sentence.text, ordinary_words=False):
        if quantity.spelled and not sentence.cites:
            continue  # "four key judgments": a count of the book's own, not a claim it cites
        start, end = sentence.start + quantity.start, sentence.start + quantity.end
        if passage.is_marked(start, end) or passage.is_quoted(start, end):
            continue  # marked as inferred or background; quotations are checked word for word
        if not any(quantity.matches(source) for source in given):
            yield quantity


def check_numbers(sentence: Sentence, sources: Mapping[str, Source]) -> None:
    """Warn about each number of a sentence that its citations do not give."""
    for quantity in unsupported(sentence, sources):
        cited = ", ".join(p.label for p in cited_paragraphs(sentence.passage.scope, sources)) or "nothing"
        warn(
            Check.UNSUPPORTED_NUMBER,
            f"“{quantity.text}” is not given by the paragraph(s) this sentence rests on ({cited}); "
            f"cite the paragraph that gives it, or mark a worked-out value with "
            f"{{inferred}}`{quantity.text} <label-of-the-reasoning>`",
            sentence.passage.node,
        )
