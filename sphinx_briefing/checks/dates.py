"""Relative dates in our prose: resolved to a year, and marked, wherever they appear.

Rule 5 of the briefing style: where the source gives a relative date ("last
summer", "In January"), the book resolves it from the source's own evidence and
marks the result as inferred wherever it appears. A reader who meets "in
January" in a briefing years later takes it for the current January. So a month
named without a year in the same sentence, or "last month", "last summer", "this
year", fails the build outside quotations (which keep the source's words) and
outside ``{inferred}`` marks. "In January ({inferred}`2017 <relative-dates>`)" passes.
"""

from __future__ import annotations

import re

from ..model.diagnostics import Check, warn
from .prose import Sentence

#: The article's language is English whatever the build machine's locale (``calendar``
#: would follow the locale Sphinx sets from the environment).
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MONTH = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b")
_RELATIVE = re.compile(
    r"\b(?:last|this|next|past|previous|coming)\s+(?:week|month|year|spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)
#: A four-digit year standing alone.
YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def check_relative_dates(sentence: Sentence) -> None:
    """Warn about a relative date a sentence leaves unresolved."""
    passage = sentence.passage
    has_year = bool(YEAR.search(sentence.text))
    for pattern, needs_year in ((_RELATIVE, False), (_MONTH, True)):
        for match in pattern.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if passage.is_quoted(start, end) or passage.is_marked(start, end) or (needs_year and has_year):
                continue
            warn(
                Check.RELATIVE_DATE,
                f"“{match.group()}” is a relative date; give the year it resolves to, marked as "
                "worked out, e.g. “in January ({inferred}`2017 <relative-dates>`)”, or quote the source's words",
                passage.node,
            )
