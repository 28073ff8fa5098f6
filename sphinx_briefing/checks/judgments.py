"""Judgment check: confidence words and forecasts belong inside assessment boxes.

Rule 2 of the briefing style: the book's own judgments are visibly labelled as
assessments with a confidence level, and forecasts ("expects", "likely",
"certain to come up") are judgments too. Outside a box with the ``assessment``
class (and the confidence legend, which defines the words) such wording fails
the build; so does an assessment box that gives no confidence level. Words the
source itself says, inside quotation marks, and values marked ``{inferred}`` are
the source's or are explained where they stand, and are left alone.
"""

from __future__ import annotations

import re

from docutils import nodes

from ..model.diagnostics import Check, warn
from ..model.vocabulary import ASSESSMENT
from .prose import Passage

JUDGMENT = re.compile(
    r"\b(?:(?:high|moderate|medium|low)(?:er|est)?\s+confidence|confident\s+that"
    r"|expect(?:s|ed|ing)?|likel(?:y|ihood)|unlikely|certain(?:ly)?\s+to|almost\s+certain(?:ly)?"
    r"|probabl[ey]|possib(?:le|ly|ility)|we\s+(?:assess|judge|believe)|bound\s+to|forecast\w*)\b",
    re.IGNORECASE,
)
CONFIDENCE = re.compile(r"\b(?:high|moderate|low) confidence\b", re.IGNORECASE)


def check_judgments(passage: Passage) -> None:
    """Warn about forecast or confidence wording outside an assessment box."""
    if passage.judged:
        return
    for match in JUDGMENT.finditer(passage.text):
        if passage.is_quoted(*match.span()) or passage.is_marked(*match.span()):
            continue
        warn(
            Check.JUDGMENT,
            f"“{match.group()}” is a judgment or forecast outside an assessment; move it into an "
            "``{admonition} Assessment (… confidence)`` box with :class: assessment, or state what the "
            "source says instead",
            passage.node,
        )


def check_assessment_box(box: nodes.Element) -> None:
    """An assessment box states its confidence (high, moderate or low)."""
    if ASSESSMENT in box.get("classes", []) and not CONFIDENCE.search(box.astext()):
        warn(
            Check.ASSESSMENT_CONFIDENCE,
            "an assessment gives no confidence level; title it “Assessment (high|moderate|low confidence)” "
            "or mark each judgment in it",
            box,
        )
