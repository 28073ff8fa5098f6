"""The parts of an article that are not news, and how a new book treats each.

An article as received carries more than its reporting: a byline, a dateline on a
line of its own, photo captions and credits, links to other stories, an editor's
note, a correction. Drafted as news, a caption becomes a fact of the story and a
correction an event, and the number a correction retracts becomes a figure. Each
is found by its form, one paragraph at a time:

============  ==========================================================  =====================
kind          form                                                        the book
============  ==========================================================  =====================
byline        "By Jane Roe", "By JANE ROE and JOHN DOE, Agency"           excluded, its author
                                                                          in the header
dateline      a short line in capitals: "GENEVA (Agency)", "LIMA, Jan. 5"  excluded, its place
                                                                          in the header
caption       "Photo: A farmer walks…", "…(Photo: Jane Roe/Agency)"       excluded
credit        "Photo: Jane Roe/Agency", "Photograph by Jane Roe"          excluded
related       "[Related: …]", "[Another story]", "Read more: …"           excluded
editors-note  "Editor's note: …", "This article has been updated …"       placed on the method
                                                                          page, with a note
correction    "Correction: …", "An earlier version of this article …"     placed on the method
                                                                          page, naming the
                                                                          paragraph it corrects
============  ==========================================================  =====================

A correction's paragraph is the earlier one that gives the figure the correction
states as right (or, failing that, the one it retracts; failing both, the one that
shares most of its words). Linear in the article: each paragraph is matched once, the
figures of the news are indexed once, and at most :data:`MAX_COMPARED` corrections are
compared word by word with the paragraphs before them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..text.quantities import quantities
from ..text.sentences import content_words
from ..text.sources import Paragraph

BYLINE, DATELINE, CAPTION, CREDIT, RELATED = "byline", "dateline", "caption", "credit", "related"
EDITORS_NOTE, CORRECTION = "editors-note", "correction"
#: The kinds a new book places on its method page, with a note; every other kind is excluded.
PLACED = (EDITORS_NOTE, CORRECTION)
#: Why each excluded kind is left out, as the exclusion's visible reason says it.
REASONS = {
    BYLINE: "The byline: it names who wrote the article (the source's header records it); it reports nothing.",
    DATELINE: "The dateline: where the article was filed from (the source's header records it); it reports nothing.",
    CAPTION: "A photo caption: it describes a picture that the book does not show; it is not part of the reporting.",
    CREDIT: "A photo credit: it names who took a picture that the book does not show.",
    RELATED: "A link to another story published alongside the article: navigation, not reporting; nothing in it is a claim of this article.",
}
#: How many words a byline, dateline or credit may have: they are labels, not sentences.
SHORT = 12
#: Corrections compared word by word with the paragraphs before them; an article has one or two,
#: and a bound keeps a text of nothing but corrections linear.
MAX_COMPARED = 10
#: A dateline of its own stands among the first paragraphs (after the byline, say).
DATELINE_REACH = 3
_NAME_JOINERS = frozenset({"and", "for", "via", "of", "the", "de", "van", "von", "staff", "writer", "correspondent"})

_BYLINE = re.compile(r"^By\s+(?P<author>[A-Z][^\n]{1,120})$")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{2,40}?)(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)*(?:\s*\([^()]{1,40}\))?(?:,?\s+\w+\.?\s+\d{1,2}(?:,\s+\d{4})?)?\s*[—–-]*$"
)
_PICTURE = r"(?:Photo(?:graph)?|Picture|Image|Caption|Pictured|Above|Top|Below|Video|Illustration)"
_CAPTION = re.compile(rf"^{_PICTURE}\s*(?:\([^()]*\))?\s*[:|—–-]\s*\S", re.IGNORECASE)
_CREDITED = re.compile(rf"\((?:[^()]*\b(?:{_PICTURE}|Credit)\b[^()]*)\)\s*$", re.IGNORECASE)
_CREDIT = re.compile(rf"^(?:(?:{_PICTURE})\s*(?:credit)?\s*(?::|by)|Credit\s*:)\s*", re.IGNORECASE)
_RELATED = re.compile(
    r"^\[[^\[\]]+\]$|^(?:Related|Read more|Read also|Also read|See also|More on this(?: story)?|Further reading)\s*[:—–-]",
    re.IGNORECASE,
)
_EDITORS_NOTE = re.compile(
    r"^(?:Editor['’]?s['’]?\s+[Nn]ote\b|(?:This|The)\s+(?:article|story|report)\s+(?:has\s+been|was)\s+(?:updated|amended|changed|edited))"
)
_CORRECTION = re.compile(
    r"^(?:Corrections?|Clarification|Correction\s+appended)\s*[:.—–-]|^An?\s+(?:earlier|previous)\s+version\s+of\s+this\s+(?:article|story|report)",
    re.IGNORECASE,
)
#: Words every correction uses: they say nothing about which paragraph it corrects.
_CORRECTION_WORDS = frozenset(
    {"correction", "earlier", "version", "article", "story", "misstat", "incorrect", "report"}
)


@dataclass(frozen=True)
class Aside:
    """A paragraph that is not the article's reporting."""

    number: int
    kind: str
    text: str
    #: For a correction: the paragraph whose figure or words it corrects (None when none is found).
    corrects: int | None = None
    #: For a correction: what it says is wrong ("1.5 million acre-feet"), as written.
    retracts: tuple[str, ...] = ()

    @property
    def placed(self) -> bool:
        """Placed on the method page with a note, rather than excluded."""
        return self.kind in PLACED

    @property
    def reason(self) -> str:
        return REASONS.get(self.kind, "")

    @property
    def author(self) -> str:
        """A byline's author, without the agency after a comma or bar ("Jane Roe and John Doe")."""
        match = _BYLINE.match(self.text)
        return re.split(r"\s*[,|/]\s*", match["author"])[0].strip() if match else ""


def kind_of(text: str, position: int = 0) -> str:
    """What a paragraph is, by its form: one of the kinds above, or "news". ``position`` is
    its index in the article: a dateline stands among the first few paragraphs."""
    words = len(text.split())
    credit = _CREDIT.match(text) or _CAPTION.match(text)
    checks = (
        (RELATED, _RELATED.match(text)),
        (CORRECTION, _CORRECTION.match(text)),
        (EDITORS_NOTE, _EDITORS_NOTE.match(text)),
        (BYLINE, words <= SHORT and _names_only(_BYLINE.match(text))),
        (CREDIT, words <= SHORT and credit and _names_only(credit, after=True)),
        (CAPTION, _CAPTION.match(text) or _CREDITED.search(text)),
        (DATELINE, position < DATELINE_REACH and words <= 8 and _DATELINE.match(text)),
    )
    return next((kind for kind, found in checks if found), "news")


def _names_only(match: re.Match[str] | None, after: bool = False) -> bool:
    """The words after a "By" or "Photo:" are names and agencies, not a sentence."""
    if match is None:
        return False
    rest = match.string[match.end() :] if after else match["author"]
    words = re.findall(r"[^\s/|,;]+", rest)
    return bool(words) and all(word[:1].isupper() or word.lower() in _NAME_JOINERS for word in words)


def find_asides(paragraphs: Sequence[Paragraph]) -> tuple[Aside, ...]:
    """Every paragraph that is not news, with what a correction corrects."""
    kinds = [kind_of(p.display_text, index) for index, p in enumerate(paragraphs)]
    news = [p for p, kind in zip(paragraphs, kinds) if kind == "news"]
    first_giving: dict[tuple[object, ...], int] = {}
    for paragraph in news:
        for given in quantities(paragraph.display_text):
            first_giving.setdefault((given.low, given.high, given.key), paragraph.number)
    found: list[Aside] = []
    for paragraph, kind in zip(paragraphs, kinds):
        if kind == CORRECTION:
            compare = len([a for a in found if a.kind == CORRECTION]) < MAX_COMPARED
            found.append(_correction(paragraph, first_giving, news if compare else []))
        elif kind != "news":
            found.append(Aside(paragraph.number, kind, paragraph.display_text))
    return tuple(found)


def _correction(paragraph: Paragraph, first_giving: dict[tuple[object, ...], int], news: list[Paragraph]) -> Aside:
    """A correction with the paragraph it corrects: the first earlier one that gives the figure it
    states as right, else the one it retracts, else the one that shares most of its words."""
    text, number = paragraph.display_text, paragraph.number
    stated = quantities(text)
    retracted = tuple(q.text for q in stated if q.retracted)
    for wanted in ([q for q in stated if not q.retracted], [q for q in stated if q.retracted]):
        hits = [first_giving.get((q.low, q.high, q.key)) for q in wanted if q.low is not None]
        earlier = [hit for hit in hits if hit is not None and hit < number]
        if earlier:
            return Aside(number, CORRECTION, text, min(earlier), retracted)
    words = {word for word in content_words(text) if word not in _CORRECTION_WORDS}
    scored = [(len(words & content_words(p.display_text)), -p.number) for p in news if p.number < number]
    best = max(scored, default=(0, 0))
    return Aside(number, CORRECTION, text, -best[1] if best[0] else None, retracted)
