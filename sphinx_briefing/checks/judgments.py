"""Judgment check: confidence words and forecasts belong inside assessment boxes.

Rule 2 of the briefing style: the book's own judgments are visibly labelled as
assessments with a confidence level, and forecasts ("expects", "likely",
"certain to come up") are judgments too: ICD 203's expressions of likelihood
(almost no chance, very unlikely, roughly even chance, probable, almost certain …),
"odds are", "in all probability", "is poised to", a hedged modal ("may well", "could
conceivably", "at risk of"), and "will". "Will" in a sentence
that reports someone ("Trump insists he will", "the article says … will") is their
forecast, not the book's; in an event's title it is the future of that dated event. Outside a box with the ``assessment``
class (and the confidence legend, which defines the words) such wording fails
the build; so does an assessment box that gives no confidence level. Words the
source itself says, inside quotation marks, and values marked ``{inferred}`` are
the source's or are explained where they stand, and are left alone.
"""

from __future__ import annotations

import math
import re

from docutils import nodes

from ..model.diagnostics import Check, warn
from ..model.vocabulary import ASSESSMENT
from ..text import tags
from ..text.lexicon import SPEECH
from ..text.sentences import fold, split
from .prose import Passage

JUDGMENT = re.compile(
    r"\b(?:(?:high|moderate|medium|low)(?:er|est)?\s+confidence|confident\s+that"
    r"|expect(?:s|ed|ing)?|likel(?:y|ihood)|unlikely|certain(?:ly)?\s+to|(?:almost|nearly|virtually|all\s+but)\s+certain(?:ly|ty)?"
    r"|probabl[ey]|improbabl[ey]|probability|possib(?:le|ly|ility)|we\s+(?:assess|judge|believe)|bound\s+to|forecast\w*"
    # ICD 203's expressions of likelihood not covered above
    r"|(?:almost\s+)?no\s+chance|remote\s+(?:chance|possibility|prospect|likelihood)|(?:roughly\s+)?even\s+(?:chance|odds)"
    r"|(?:chances?|odds|likelihood|prospects?)\b[^.;:!?]{0,60}?\b(?:is|are|was|were|seems?|remains?)\s+(?:slim|remote|good|high|low|strong)"
    # and the ways of saying it that a reader takes the same way
    r"|(?:odds|chances)\s+are|in\s+all\s+(?:probability|likelihood)|poised\s+to|on\s+course\s+to"
    r"|(?:is|are|was|were|seems?|seemed|looks?|looked)\s+(?:going|set)\s+to|doomed|slated\s+to|on\s+track\s+to"
    r"|we\s+(?:predict|anticipate|foresee)|(?:without\s+(?:a\s+)?|no\s+)doubt|undoubtedly"
    r"|(?:sure|destined|guaranteed)\s+to|all\s+but\s+(?:guaranteed|assured|inevitable)|inevitabl[ey]"
    # a hedged modal still weighs a likelihood: "may well", "could conceivably", "at risk of"
    r"|(?:may|might|could)\s+(?:well|conceivably|plausibly|easily|very\s+well)|at\s+(?:grave\s+|real\s+|serious\s+)?risk\s+of)\b",
    re.IGNORECASE,
)
#: Who "expects" in the book's own voice.
_OURS = frozenset({"we", "i", "the book", "this book"})
#: "will" (or "won't", "'ll"): a forecast unless the sentence reports who says it.
WILL = re.compile(r"\b(?:will|won['’]t|shall)\b|(?<=\w)['’]ll\b", re.IGNORECASE)
#: Words that make what follows someone's statement, not the book's forecast.
REPORTED = re.compile(
    rf"\b(?:{SPEECH.pattern}|insists?|insisted|claims?|claimed|believes?|believed|predicts?|predicted|threatens?|threatened"
    r"|promises?|promised|vows?|vowed|pledges?|pledged|according\s+to|as\s+\w+\s+(?:puts?|put)\s+it)\b"
    r"|\b(?:article|reporter)s?\b",
    re.IGNORECASE,
)
CONFIDENCE = re.compile(r"\b(?:high|moderate|low) confidence\b", re.IGNORECASE)


def judgments(passage: Passage) -> list[str]:
    """The forecast and confidence words the book says in its own voice outside an
    assessment box, in order. Linear scans of the passage: each sentence is searched once
    for a word of reporting."""
    if passage.judged:
        return []
    found = sorted([*_unreported(passage), *_forecasts(passage)], key=lambda match: match.start())
    return [match.group() for match in found if passage.is_weighed(*match.span())]


def _unreported(passage: Passage) -> list[re.Match[str]]:
    """Each confidence or forecast word the book says itself: not after words that report
    someone ("the article says … is expected"), and not the verb of someone the sentence
    names ("City officials expect …"), in its sentence."""
    found = []
    for start, end in split(passage.text):
        mentions = {start + mention.at: mention for mention in tags.read(passage.text[start:end])}
        reported = _reported_from(passage.text, start, end)
        for match in JUDGMENT.finditer(passage.text, start, end):
            theirs = mentions.get(match.start())
            if theirs is not None and fold(theirs.text) not in _OURS:
                continue
            if reported > match.start():
                found.append(match)
    return found


def _reported_from(text: str, start: int, end: int) -> int | float:
    """Where the sentence ``text[start:end]`` has reported someone by (the end of its first
    word of reporting), or infinity: a word after it is theirs. One scan of the sentence,
    not one per judgment word (red team L: quadratic in a long sentence)."""
    first = REPORTED.search(text, start, end)
    return first.end() if first else math.inf


def check_judgments(passage: Passage) -> None:
    """Warn about forecast or confidence wording outside an assessment box."""
    for words in judgments(passage):
        warn(
            Check.JUDGMENT,
            f"“{words}” is a judgment or forecast outside an assessment; move it into an "
            "``{admonition} Assessment (… confidence)`` box with :class: assessment, or state what the "
            "source says instead",
            passage.node,
        )


def _forecasts(passage: Passage) -> list[re.Match[str]]:
    """Each "will" the book says in its own voice: not in a dated event's title, and not
    after words that report someone, in its sentence."""
    if passage.node.get("dated"):
        return []
    found = []
    for start, end in split(passage.text):
        reported = _reported_from(passage.text, start, end)
        found += [match for match in WILL.finditer(passage.text, start, end) if reported > match.start()]
    return found


def check_assessment_box(box: nodes.Element) -> None:
    """An assessment box states its confidence (high, moderate or low)."""
    if ASSESSMENT in box.get("classes", []) and not CONFIDENCE.search(box.astext()):
        warn(
            Check.ASSESSMENT_CONFIDENCE,
            "an assessment gives no confidence level; title it “Assessment (high|moderate|low confidence)” "
            "or mark each judgment in it",
            box,
        )
