"""When the article was written, from its own text and nothing else.

Style rule 5: the source file names no date, so the date is worked out from the
text alone and the book says how. Two kinds of evidence count:

- an explicit year (1900–2099) shows the article was written in that year or later,
  unless it is a deadline or a horizon ("ready by 2024", "until 2030", "past the summer
  of 2027");
- a relative span after an explicit year ("Thirteen years later", "a decade later")
  gives that year plus the span, read against the latest year named before it.

The date is the latest year the evidence supports, and the basis says which words
gave it and that a round span may be off by one. Without any year the date is
``unknown`` and the basis says the text gives no evidence. Outside knowledge (who
was president when) is never used. Linear: one pass over the paragraphs, each year's
deadline words looked for in a bounded window before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..text.quantities import quantities
from ..text.sources import UNKNOWN_DATE

#: A year as a whole number: not an amount ("$2015"), not part of "2,015" or "2015.5".
YEAR = re.compile(r"(?<![\w$€£.,])(?P<year>19\d\d|20\d\d)(?![\w%]|[.,]\d)")
#: A year that is a deadline or a horizon ("ready by 2024", "past the summer of 2027") says
#: nothing about when the text was written: a forecast's year dated a new book (new-user review).
_DEADLINE = re.compile(
    r"\b(?:by|until|before|past|through|beyond)\s+"
    r"(?:(?:the\s+)?(?:end|start|middle|summer|spring|fall|autumn|winter)\s+of\s+)?$",
    re.IGNORECASE,
)
#: How far before a year its deadline word may stand: the words are looked for there only.
_REACH = 32
_SPAN = re.compile(r"\b(?P<count>\w+(?:-\w+)?)\s+(?P<unit>years?|decades?)\s+later\b", re.IGNORECASE)
_ARTICLE = {"a": 1, "an": 1}
_UNIT_YEARS = {"year": 1, "decade": 10}


@dataclass(frozen=True)
class Clue:
    """One piece of evidence: a year named in a paragraph, or a span counted from one."""

    year: int
    paragraph: int
    words: str
    #: For a span: (year, paragraph) of the explicit year it is counted from.
    anchor: tuple[int, int] | None = None


@dataclass(frozen=True)
class DateEvidence:
    """The header's ``date``, its reader's label and ``date_basis``, and the clues behind them."""

    date: str
    label: str
    basis: str
    #: The latest year the text names, and the clue that gives the date (the same, or a span).
    named: Clue | None = None
    best: Clue | None = None

    @property
    def described(self) -> str:
        """For a report: "date 2019: 2019 or later, inferred from the text", or "date unknown"."""
        return self.label if self.date == UNKNOWN_DATE else f"date {self.date}: {self.label}"

    @property
    def short(self) -> str:
        """The label without its note: "2017", "2015 or later"."""
        return self.label.split(",")[0]


def _span_years(count: str, unit: str) -> int | None:
    """Years in "Thirteen years", "a decade", "two decades"; None for an unreadable count."""
    found = quantities(count)
    value = int(found[0].value) if found and found[0].value is not None else _ARTICLE.get(count.lower())
    return None if value is None else value * _UNIT_YEARS[unit.lower().rstrip("s")]


def _clues(paragraphs: Sequence[tuple[int, str]]) -> list[Clue]:
    """Explicit years and resolved spans, in reading order."""
    clues: list[Clue] = []
    latest: Clue | None = None  # the last explicit year, which a span counts from
    for number, text in paragraphs:
        years = [m for m in YEAR.finditer(text) if not _DEADLINE.search(text[max(0, m.start() - _REACH) : m.start()])]
        events = [(m.start(), "year", m) for m in years] + [(m.start(), "span", m) for m in _SPAN.finditer(text)]
        for _position, kind, match in sorted(events, key=lambda event: event[0]):
            if kind == "year":
                latest = Clue(int(match["year"]), number, match["year"])
                clues.append(latest)
                continue
            span = _span_years(match["count"], match["unit"])
            if latest is not None and span is not None:
                clues.append(Clue(latest.year + span, number, match.group(), (latest.year, latest.paragraph)))
    return clues


def date_evidence(paragraphs: Sequence[tuple[int, str]]) -> DateEvidence:
    """The article's date from its (numbered) paragraphs: the latest year the evidence supports.
    Related-story links are left out by the caller: they are not the article's words."""
    clues = _clues(paragraphs)
    if not clues:
        return DateEvidence(
            UNKNOWN_DATE,
            "date unknown",
            "The file carries no publication date, and the text gives no evidence of when it was "
            "written: it names no year. The book does not date it from outside knowledge.",
        )
    best = max(clues, key=lambda clue: (clue.year, clue.anchor is not None))
    named = max((clue for clue in clues if clue.anchor is None), key=lambda clue: clue.year)
    basis = [
        "The file carries no publication date; the date is inferred from the text alone, without outside knowledge.",
        f"The latest year the text names is {named.year} (paragraph {named.paragraph}).",
    ]
    if best.anchor is not None:
        year, paragraph = best.anchor
        basis.append(
            f'Paragraph {best.paragraph} says "{best.words}" after {year} (paragraph {paragraph}), '
            f"which gives {best.year}, the latest year the text supports; the span may be rounded, "
            "so the year may be off by one."
        )
        label = f"{best.year}, inferred from the text"
    else:
        basis.append("The article was written in that year or later; the text does not say how much later.")
        label = f"{best.year} or later, inferred from the text"
    return DateEvidence(str(best.year), label, " ".join(basis), named, best)
