"""The draft of a whole book: the source's header, the split, and what each page shows.

Everything the templates print is decided here, from the article and the lexicon,
so that :mod:`.render` only writes and :mod:`.verify` can ask for the same draft
without the records the checks refused (:meth:`Draft.without`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..text.sources import Source
from ..text.speakers import ANONYMOUS, kind_of
from ..version import __version__
from .article import Article, parse, source_id
from .asides import REASONS, Aside
from .dating import DateEvidence, date_evidence
from .extract import Event, Figure, Person, Records, Term, extract
from .split import Chapter, Lexicon, Placement, compress, split

#: Header fields the source file names no value for; the annex prints them as they are.
NOT_STATED = "not stated in the source file"
#: The root page's heading when the headline cannot be one, and how :mod:`.verify` names it.
GENERIC_TITLE = "Briefing book"
TITLE_KEY = "title"
#: How many key figures the one-page read-ahead lists.
READAHEAD_FIGURES = 3


#: Words a short source id leaves out: they tell one article from another least.
_FILLER = frozenset(
    "a an and are as at be but by for from has have in is it its new of on or over says than that the their "
    "this to was were will with".split()
)
#: How many words of the headline a short source id keeps.
SHORT_ID_WORDS = 3


@dataclass(frozen=True)
class Toolkit:
    """Where the new book gets ``sphinx-briefing`` from: its dependency line, an immutable
    reference (:mod:`.pin`), and the checkout whose constraints it copies."""

    checkout: Path
    requirement: str
    version: str = __version__

    @property
    def constraints(self) -> Path:
        return self.checkout / "constraints.txt"


@dataclass(frozen=True)
class ChapterDraft:
    """One draft chapter: its theme, the paragraphs it places and the records declared in it."""

    chapter: Chapter
    people: list[Person]
    figures: list[Figure]
    events: list[Event]
    terms: list[Term]
    #: ``"<source id>:"`` where the page must name its source (a source added to a book).
    prefix: str = ""

    @property
    def slug(self) -> str:
        return self.chapter.theme.slug

    @property
    def title(self) -> str:
        return self.chapter.theme.title

    @property
    def placements(self) -> tuple[Placement, ...]:
        return self.chapter.placements

    @property
    def address(self) -> str:
        """The paragraphs as an address, in runs ("1-4, 7-9"); an excluded one breaks a run."""
        return self.prefix + compress(self.chapter.numbers)

    @property
    def labels(self) -> str:
        """The paragraphs as a reader sees them ("¶1–4, ¶7–9"): a mention, not a citation."""
        return ", ".join("¶" + run.replace("-", "–") for run in compress(self.chapter.numbers).split(", "))

    @property
    def has_records(self) -> bool:
        return bool(self.people or self.figures or self.events or self.terms)


@dataclass(frozen=True)
class Draft:
    """Everything the new book's files are rendered from."""

    article: Article
    id: str
    attribution: Mapping[str, object]
    source: Source
    dating: DateEvidence
    lexicon: Lexicon
    split: list[Chapter]
    records: Records
    #: None for a source added to an existing book, which has its toolkit already.
    toolkit: Toolkit | None
    #: Whether the root page may be headed with the headline (see :attr:`page_title`).
    headline_title: bool = True
    #: Whether chapters name the source in their placements (a source added to a book).
    prefixed: bool = False

    @property
    def title(self) -> str:
        return self.article.headline

    @property
    def page_title(self) -> str:
        """The root page's heading: the headline, unless the checks refused it as the book's
        own prose (a quotation or a figure in it has no paragraph to cite)."""
        return self.title if self.headline_title else GENERIC_TITLE

    @property
    def excluded(self) -> tuple[int, ...]:
        """The paragraphs that are not news (:mod:`.asides`): no chapter places them."""
        return tuple(aside.number for aside in self.article.asides)

    @property
    def excluded_address(self) -> str:
        return compress(list(self.excluded))

    @property
    def exclusions(self) -> list[tuple[str, str]]:
        """(address, reason) of each kind of aside the book excludes, in reading order."""
        kinds = dict.fromkeys(aside.kind for aside in self.article.asides if not aside.placed)
        return [(compress([a.number for a in self.article.asides if a.kind == kind]), REASONS[kind]) for kind in kinds]

    @property
    def notes(self) -> list[Aside]:
        """The editor's notes and corrections, which the method page places with a note."""
        return [aside for aside in self.article.asides if aside.placed]

    @property
    def header(self) -> dict[str, str]:
        """The source's YAML header fields, in the order a reader expects them."""
        return header_fields(self.id, self.article, self.dating)

    @cached_property
    def chapters(self) -> list[ChapterDraft]:
        """Each chapter with the records whose first paragraph it places."""
        return [
            ChapterDraft(
                chapter,
                *(
                    [record for record in group if record.paragraph in chapter.numbers]
                    for group in (self.records.people, self.records.figures, self.records.events, self.records.terms)
                ),
                prefix=f"{self.id}:" if self.prefixed else "",
            )
            for chapter in self.split
        ]

    @cached_property
    def voices(self) -> dict[int, str]:
        """For each paragraph that is someone's statement throughout, who speaks in it: a
        sentence that cites such a paragraph must name them (the attribution check)."""
        return {
            paragraph.number: "; ".join(
                dict.fromkeys(self._short(name) for s in paragraph.sentences for name in s.view)
            )
            for paragraph in self.source.paragraphs
            if paragraph.sentences and all(sentence.view for sentence in paragraph.sentences)
        }

    def _short(self, speaker: str) -> str:
        """An unnamed speaker by the words before their description ("one driver on the picket
        line at the Northgate depot" → "one driver"): still their name to the attribution
        check, and no run of the article's words for the copy check to refuse."""
        if kind_of(speaker, self.source.speaker_kinds) != ANONYMOUS:
            return speaker
        return re.split(r"\s+(?:on|at|of|in|with|from|for|who|whose|which|near)\s+", speaker, maxsplit=1)[0]

    @property
    def example(self) -> int:
        """A paragraph to show what a citation looks like: the first in the article's own
        voice, so the example needs no speaker named (else the first placed)."""
        placed = [number for chapter in self.split for number in chapter.numbers]
        return next((number for number in placed if number not in self.voices), placed[0])

    @property
    def readahead_figures(self) -> list[Figure]:
        """Money amounts and percentages first, then counts: the figures a reader meets first."""
        return sorted(self.records.figures, key=lambda figure: not figure.is_amount)[:READAHEAD_FIGURES]

    def without(self, keys: set[str]) -> Draft:
        """The same draft less the records (and glossary terms) whose keys are given, and
        without the headline as the root page's heading if :data:`TITLE_KEY` is among them."""
        kept = Records(
            *(
                [record for record in getattr(self.records, kind) if record_key(record) not in keys]
                for kind in ("people", "figures", "events", "terms")
            )
        )
        return dataclasses.replace(self, records=kept, headline_title=self.headline_title and TITLE_KEY not in keys)


def record_key(record: Person | Figure | Event | Term) -> str:
    """How :mod:`.verify` names a drafted record: its id, or ``term:<term>``."""
    return f"term:{record.term}" if isinstance(record, Term) else record.id


def header_fields(identifier: str, article: Article, dating: DateEvidence) -> dict[str, str]:
    """The one-line fields of the source header."""
    return {
        "id": identifier,
        "label": citation_label(identifier),
        "title": article.headline,
        "dateline": article.dateline,
        "kind": "news article",
        "outlet": NOT_STATED,
        "author": article.byline or NOT_STATED,
        "date": dating.date,
        "date_label": dating.label,
        "date_basis": dating.basis,
    }


def short_id(headline: str) -> str:
    """A source id of a few telling words of the headline ("harbor-patrol-pact"): short
    enough to prefix a citation with (``{cite}`harbor-patrol-pact:4```)."""
    words = source_id(headline).split("-")
    telling = [word for word in words if word not in _FILLER] or words
    return "-".join(telling[:SHORT_ID_WORDS])


def citation_label(identifier: str) -> str:
    """How citations name the source in a book of several ("Harbor ¶3"), as the header's
    ``label``: written out so that an analyst can see it and change it."""
    return identifier.split("-")[0].capitalize()


def draft_book(
    article: Article,
    lexicon: Lexicon,
    toolkit: Toolkit | None,
    identifier: str = "",
    attribution: Mapping[str, object] | None = None,
) -> Draft:
    """Date, attribute, split and extract: the whole draft of a book from one article. A book's
    own header corrections of who speaks (``attribution``), when given, are kept as they are."""
    identifier = identifier or short_id(article.headline)
    texts = [paragraph.display_text for paragraph in article.source.paragraphs]
    excluded = {aside.number for aside in article.asides}
    numbered = [(number, text) for number, text in enumerate(texts, start=1) if number not in excluded]
    dating = date_evidence(numbered)
    attribution = {} if attribution is None else attribution  # the speaker model reads appositions and pronouns itself
    source = parse(article.path, header_fields(identifier, article, dating), attribution, article.body)
    chapters = split([p for p in source.paragraphs if p.number not in excluded], lexicon)
    records = extract(source, excluded)
    return Draft(
        article, identifier, attribution, source, dating, lexicon.with_chapters(chapters), chapters, records, toolkit
    )
