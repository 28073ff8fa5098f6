"""What the ``brief`` domain stores: one frozen record type per table.

Every entry names the document (and line) that produced it, so the domain can
drop a page's entries when the page is read again and copy them when a parallel
reader hands them back. Whole-book judgments (duplicates, coverage, unused terms)
are made after all pages are merged, never while one page is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from docutils import nodes

from ..text.addressing import Span

#: Record kinds, how the book names them, and the generated page that lists them.
RECORD_KINDS = {"person": "person", "event": "event", "key-figure": "key figure"}
AGGREGATE_FOR = {"person": "whos-who", "event": "timeline", "key-figure": "key-figures"}
#: The generated pages a book can place, by directive name; each is printed once.
GENERATED_PAGES = ("whos-who", "timeline", "key-figures", "coverage-report")
#: What a book prints once: the generated pages and the list of its sources.
PRINTED_ONCE = (*GENERATED_PAGES, "source-list")


@dataclass(frozen=True)
class Entry:
    """Something a page produced, and where."""

    docname: str
    lineno: int


@dataclass(frozen=True)
class Placement(Entry):
    """A paragraph of a source printed verbatim in a chapter."""

    source_id: str
    number: int


@dataclass(frozen=True)
class Exclusion(Placement):
    """A paragraph left out of the chapters, with the reason the page gives."""

    reason: str


@dataclass(frozen=True)
class Citation(Entry):
    """A range of paragraphs a page cites: one entry per range, however wide (a line citing
    ¶1–1000 is one entry, not a thousand)."""

    source_id: str
    first: int
    last: int


@dataclass(frozen=True)
class AnnexPage(Entry):
    """A page that prints a source in full (every citation of that source links there)."""

    source_id: str

    @property
    def printing(self) -> tuple[str, str]:
        """What the page prints that a book prints once."""
        return ("annex", self.source_id)


@dataclass(frozen=True)
class AggregatePage(Entry):
    """A page generated from the whole book: who's who, timeline, key figures, coverage."""

    kind: str

    @property
    def printing(self) -> tuple[str, str] | None:
        """What the page prints that a book prints once; None for a page that only uses the
        whole book (a glossary, rewritten when its terms' uses change)."""
        return ("aggregate", self.kind) if self.kind in PRINTED_ONCE else None


@dataclass(frozen=True)
class RecordRef(Entry):
    """A page's reference to a record (the who's who lists where each person is mentioned)."""

    kind: str
    target: str


@dataclass(frozen=True)
class TermUse(Entry):
    """A page's use of a glossary term."""

    term: str


@dataclass(frozen=True)
class GlossaryEntry(Entry):
    """A term a glossary defines, with its definition as text (for previews)."""

    term: str
    definition: str


@dataclass(frozen=True)
class Download(Entry):
    """A page that offers a file the build makes (the read-ahead PDF)."""


@dataclass(frozen=True, eq=False)
class Record(Entry):
    """A person, event or key figure, declared once with the paragraphs it rests on.

    ``fields`` are the directive's options as written (plus the date label an event
    shows); ``body`` is its content, printed wherever the record is shown.
    """

    kind: str
    id: str
    cites: tuple[Span, ...]
    title: str
    label: str
    fields: Mapping[str, str] = field(default_factory=dict)
    body: nodes.Element = field(default_factory=nodes.container)
    sort: str = ""

    def option(self, name: str) -> str:
        """One option's value, or "" when the record does not give it."""
        return self.fields.get(name, "")

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.id
