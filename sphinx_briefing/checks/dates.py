"""Relative dates in our prose: resolved to a year, and marked, wherever they appear.

Rule 5 of the briefing style: where the source gives a relative date ("last
summer", "In January"), the book resolves it from the source's own evidence and
marks the result as inferred wherever it appears. A reader who meets "in
January" in a briefing years later takes it for the current January. So a month or
a day of the week named without a year in the same sentence ("Jan.", "on Tuesday"),
or a date counted from the day of writing ("last month", "last Tuesday", "this
year", "a year ago", "yesterday"), fails the build outside quotations (which keep
the source's words) and outside ``{inferred}`` marks. Each pattern is a linear scan. "In January ({inferred}`2017 <source-date>`)" passes.
"""

from __future__ import annotations

import re

from ..model.diagnostics import Check, warn
from .prose import Sentence

#: The article's language is English whatever the build machine's locale (``calendar``
#: would follow the locale Sphinx sets from the environment).
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: A month or a day of the week, in full or abbreviated ("Jan.", "Sept.", "Tue."): fixed only with a year.
_MONTH = re.compile(
    rf"\b(?:{'|'.join(MONTHS)}|{'|'.join(WEEKDAYS)})s?\b"
    r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)\.(?!\w)"
)
_UNIT = r"(?:day|night|week|weekend|month|year|decade|spring|summer|autumn|fall|winter)"
_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|few|several|some|many|\d+)"
#: Dates counted from the day the text was written: "last Tuesday", "a year ago", "yesterday".
_RELATIVE = re.compile(
    # "the last year of the contract" is the contract's final year, not the year before writing
    rf"\b(?:last|this|next|past|previous|coming)\s+(?:{_UNIT}|{'|'.join(WEEKDAYS)}|{'|'.join(MONTHS)})\b(?!\s+of\b)"
    rf"|\b{_COUNT}\s+{_UNIT}s?\s+ago\b|\b(?:yesterday|tomorrow|tonight)\b"
    # a season, a weekend or a holiday with no year: "in the fall", "over the weekend", "at Christmas"
    r"|\b(?:over|during|on|at)\s+the\s+weekend\b"
    r"|\b(?:in|during|over|through|throughout)\s+the\s+(?:spring|summer|autumn|fall|winter)\b(?!\s+of\b)"
    r"|\bat\s+(?:Christmas|Easter|Thanksgiving)\b(?!\s+\d)",
    re.IGNORECASE,
)
#: A four-digit year standing alone.
YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def relative_dates(sentence: Sentence) -> list[str]:
    """The relative dates a sentence leaves unresolved, outside quotations and marks; a
    month or weekday inside a relative date ("last Tuesday") is part of it. Two linear
    scans and a merge: O(n)."""
    passage = sentence.passage
    relative = list(_RELATIVE.finditer(sentence.text))
    named = [] if YEAR.search(sentence.text) else list(_MONTH.finditer(sentence.text))
    found, index = [], 0
    for match in sorted([*relative, *named], key=lambda match: (match.start(), -match.end())):
        if match.re is _MONTH:
            while index < len(relative) and relative[index].end() < match.end():
                index += 1
            if index < len(relative) and relative[index].start() <= match.start():
                continue
        if passage.is_weighed(sentence.start + match.start(), sentence.start + match.end()):
            found.append(match.group())
    return found


def check_relative_dates(sentence: Sentence) -> None:
    """Warn about a relative date a sentence leaves unresolved."""
    for words in relative_dates(sentence):
        warn(
            Check.RELATIVE_DATE,
            f"“{words}” is a relative date; give the year it resolves to, marked as worked out and "
            "linked to where the book explains it, e.g. “in January ({inferred}`2017 <source-date>`)”, "
            f"or, where the article gives no year, quote it as the article's own: “in the article's words, “{words}””",
            sentence.passage.node,
        )
