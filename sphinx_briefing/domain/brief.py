"""The ``brief`` domain: what every page placed, cited and declared, kept per document.

All data is stored under the name of the document that produced it, as typed
entries (:mod:`model`). That makes ``clear_doc`` a deletion and
``merge_domaindata`` a copy, which is what keeps incremental and parallel builds
identical to clean ones (the pattern of ``sphinx.ext.todo``, not of the domain
tutorial). Judgments about the whole book, such as a record id declared twice,
are made in :meth:`BriefingDomain.check_consistency`, after every page is merged,
so serial and parallel builds give the same answer and the same warnings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Set
from typing import Any, TypeVar, cast

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from ..model.diagnostics import Check, warn
from ..model.entries import (
    AGGREGATE_FOR,
    RECORD_KINDS,
    AggregatePage,
    AnnexPage,
    Citation,
    Download,
    Entry,
    Exclusion,
    GlossaryEntry,
    Placement,
    Record,
    RecordRef,
    TermUse,
)
from ..model.nodes import cited_span
from ..model.state import state
from ..model.vocabulary import DOMAIN, SPAN_ATTRIBUTE
from ..text.addressing import Span, paragraph_anchor

E = TypeVar("E", bound=Entry)
#: One table per entry type; each maps a docname to the entries that page produced.
TABLES: dict[type[Entry], str] = {
    Placement: "placements",
    Exclusion: "exclusions",
    Citation: "citations",
    AnnexPage: "annex",
    Record: "records",
    RecordRef: "record_refs",
    AggregatePage: "aggregates",
    TermUse: "term_uses",
    GlossaryEntry: "glossary",
    Download: "downloads",
}


class RecordRole(XRefRole):
    """A reference to a record (``{person}`kelly```); also notes the mention for the who's who.

    Registered both in the domain (``{brief:person}``) and as a plain role, so a book
    needs no ``primary_domain``. Without an explicit title the link shows the
    record's own label (a person's name, an event's title, a figure's value).
    """

    innernodeclass = nodes.inline

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if ":" not in self.name:
            self.name = f"brief:{self.name}"
        return super().run()

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        briefing_domain(env).note(RecordRef(env.current_document.docname, self.lineno, self.reftype, node["reftarget"]))
        return [node], []


def briefing_domain(env: BuildEnvironment) -> BriefingDomain:
    """The ``brief`` domain of an environment, typed: the one way the package reaches it."""
    return cast(BriefingDomain, env.domains[DOMAIN])


def record_anchor(kind: str, record_id: str) -> str:
    """The HTML id of a record on the page that lists it."""
    return f"{kind}-{record_id}"


def declaration_anchor(kind: str, record_id: str) -> str:
    """The HTML id of a record where a chapter declares it (the index links there)."""
    return record_anchor(kind, record_id) + "-decl"


class BriefingDomain(Domain):
    """Sources placed and cited, records declared, and the pages that aggregate them."""

    name = DOMAIN
    label = "Briefing"
    data_version = 5
    object_types = {kind: ObjType(label, kind) for kind, label in RECORD_KINDS.items()}
    roles = {kind: RecordRole(warn_dangling=True) for kind in RECORD_KINDS}
    initial_data: dict[str, Any] = {table: {} for table in TABLES.values()}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: Indexes by id (see :attr:`lookups`); never pickled, rebuilt after any change.
        self._lookups: dict[str, dict[Any, Any]] | None = None

    # -- per-document bookkeeping -------------------------------------------------

    def note(self, entry: Entry) -> None:
        """Keep an entry under the document that produced it."""
        self.data[TABLES[type(entry)]].setdefault(entry.docname, []).append(entry)
        self._lookups = None

    def entries(self, kind: type[E]) -> Iterator[E]:
        """Every entry of one type, page by page (pages in name order), in page order."""
        table = self.data[TABLES[kind]]
        for docname in sorted(table):
            yield from table[docname]

    def clear_doc(self, docname: str) -> None:
        for table in TABLES.values():
            self.data[table].pop(docname, None)
        self._lookups = None
        state(self.env).unread.discard(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for table in TABLES.values():
            for docname in docnames:
                if docname in otherdata[table]:
                    self.data[table][docname] = otherdata[table][docname]
        self._lookups = None

    # -- typed views ----------------------------------------------------------------

    def placements(self) -> Iterator[Placement]:
        return self.entries(Placement)

    def exclusions(self) -> Iterator[Exclusion]:
        return self.entries(Exclusion)

    def citations(self) -> Iterator[Citation]:
        return self.entries(Citation)

    def record_refs(self) -> Iterator[RecordRef]:
        return self.entries(RecordRef)

    def term_uses(self) -> Iterator[TermUse]:
        return self.entries(TermUse)

    def glossary_entries(self) -> Iterator[GlossaryEntry]:
        return self.entries(GlossaryEntry)

    def aggregate_pages(self) -> Iterator[AggregatePage]:
        return self.entries(AggregatePage)

    def annex_pages(self) -> Iterator[AnnexPage]:
        return self.entries(AnnexPage)

    def downloads(self) -> Iterator[Download]:
        return self.entries(Download)

    # -- lookups ----------------------------------------------------------------------

    @property
    def lookups(self) -> dict[str, dict[Any, Any]]:
        """Indexes by id, rebuilt only after the data changed: pages resolve thousands of
        references while writing, and a scan per reference would grow with the square
        of the book. Where a key is given twice, the first in reading order wins."""
        if self._lookups is None:
            first: dict[str, dict[Any, Any]] = {"record": {}, "aggregate": {}, "annex": {}}
            for record in self.declarations():
                first["record"].setdefault(record.key, record)
            for page in self.in_reading_order(self.aggregate_pages()):
                first["aggregate"].setdefault(page.kind, page.docname)
            for page in self.in_reading_order(self.annex_pages()):
                first["annex"].setdefault(page.source_id, page.docname)
            self._lookups = first
        return self._lookups

    def reading_order(self) -> dict[str, int]:
        """Each document's position when the book is read from the root through its toctrees."""
        order: dict[str, int] = {}
        pending = [self.env.config.root_doc]
        while pending:
            docname = pending.pop(0)
            if docname not in order:
                order[docname] = len(order)
                pending[:0] = self.env.toctree_includes.get(docname, [])
        return order

    def in_reading_order(self, entries: Iterator[E]) -> list[E]:
        """Entries sorted as a reader meets them: page by page, then line by line."""
        order = self.reading_order()
        return sorted(entries, key=lambda entry: (order.get(entry.docname, len(order)), entry.docname, entry.lineno))

    def declarations(self) -> list[Record]:
        """Every record declaration in reading order, a repeated id included."""
        return self.in_reading_order(self.entries(Record))

    def records(self, kind: str | None = None) -> list[Record]:
        """The records (of one kind) in reading order; a repeated id counts once, as first declared."""
        return [record for record in self.lookups["record"].values() if kind in (None, record.kind)]

    def find_record(self, kind: str, record_id: str) -> Record | None:
        return self.lookups["record"].get((kind, record_id))

    def aggregate_page(self, kind: str) -> str | None:
        """The document that renders the given aggregate (who's who, timeline ...)."""
        return self.lookups["aggregate"].get(kind)

    def annex_page(self, source_id: str) -> str | None:
        """The document whose annex prints the given source."""
        return self.lookups["annex"].get(source_id)

    def place(self, placement: Placement) -> bool:
        """Note a placement; whether it is the paragraph's first, on the pages read so far (a
        page this build has yet to read again not counted). A later one is the whole-book
        check's ``placed-twice``, and its text is not printed again: 100 pages placing
        ¶1–2000 printed a 2 MB source 100 times. One set, made once a build: O(1) a paragraph."""
        build = state(self.env)
        if build.placed is None:
            build.placed = {(p.source_id, p.number) for p in self.placements() if p.docname not in build.unread}
        self.note(placement)
        first = (placement.source_id, placement.number) not in build.placed
        build.placed.add((placement.source_id, placement.number))
        return first

    def prints(self, page: AnnexPage | AggregatePage) -> bool:
        """Note that ``page`` prints a source's annex or a generated page, unless a page read
        before it (or this page, higher up) prints that already: then one warning, and
        nothing is noted or printed. Each copy printed the whole source, or every record,
        again: 800 fences of 12 bytes wrote 32 MB (red team O). A page this build has yet
        to read again holds last build's entries, and is not asked. Pages read in parallel
        are compared once merged (:meth:`check_consistency`). One dict, made once a build:
        O(1) a directive, however many glossary entries the domain holds."""
        build = state(self.env)
        if build.printed is None:
            pages = [*self.annex_pages(), *self.aggregate_pages()]
            build.printed = {}
            for seen in pages:
                if seen.printing and seen.docname not in build.unread:
                    build.printed.setdefault(seen.printing, seen)
        first = build.printed.get(page.printing) if page.printing else None
        if first is None:
            self.note(page)
            build.printed[page.printing] = page
            return True
        warn(
            Check.PRINTED_TWICE,
            f"{_printed(page)} is printed already, at {self.env.doc2path(first.docname)}:{first.lineno}; "
            "a book prints it once, so this one is left out",
            (page.docname, page.lineno),
        )
        return False

    # -- whole-book checks, after every page is merged ---------------------------------

    def check_consistency(self) -> None:
        """A record id declared twice: every later declaration is warned about, naming the
        first in reading order (the same answer however the pages were read)."""
        self._check_printed_once()
        declared: dict[tuple[str, str], list[Record]] = defaultdict(list)
        for record in self.declarations():
            declared[record.key].append(record)
        for (kind, record_id), records in sorted(declared.items()):
            first = records[0]
            for record in records[1:]:
                warn(
                    Check.DUPLICATE_ID,
                    f"duplicate {RECORD_KINDS[kind]} id {record_id!r}; first declared at "
                    f"{self.env.doc2path(first.docname)}:{first.lineno}",
                    (record.docname, record.lineno),
                )

    def _check_printed_once(self) -> None:
        """An annex or generated page that pages read in parallel both print."""
        printed: dict[tuple[str, str], list[AnnexPage | AggregatePage]] = defaultdict(list)
        for page in self.in_reading_order(iter([*self.annex_pages(), *self.aggregate_pages()])):
            if page.printing:
                printed[page.printing].append(page)
        for pages in printed.values():
            for page in pages[1:]:
                warn(
                    Check.PRINTED_TWICE,
                    f"{_printed(page)} is printed already, at {self.env.doc2path(pages[0].docname)}:{pages[0].lineno}",
                    (page.docname, page.lineno),
                )

    # -- cross-references --------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        if typ == "cite":
            return self._resolve_citation(fromdocname, builder, cited_span(node), contnode)
        record = self.find_record(typ, target)
        if record is None:
            return None
        docname = self.aggregate_page(AGGREGATE_FOR.get(typ, "")) or record.docname
        if not node.get("refexplicit"):
            label = shortened(record.label)
            contnode = nodes.inline(label, label, classes=contnode["classes"])
        anchor = record_anchor(typ, target)
        return make_refnode(builder, fromdocname, docname, anchor, contnode, shortened(record.title))

    def _resolve_citation(
        self, fromdocname: str, builder: Builder, span: Span, contnode: Element
    ) -> nodes.reference | None:
        """A link to the span's first paragraph in its source's annex; the link keeps the
        span, so what reads it after resolution needs no target string."""
        annex = self.annex_page(span.source_id)
        if annex is None:
            return None
        anchor = paragraph_anchor(span.source_id, span.first)
        reference = make_refnode(builder, fromdocname, annex, anchor, contnode, f"Source {span.label}")
        reference[SPAN_ATTRIBUTE] = span
        return reference

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for kind in RECORD_KINDS:
            ref = self.resolve_xref(env, fromdocname, builder, kind, target, node, contnode)
            if ref is not None:
                results.append((f"brief:{kind}", ref))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for record in self.records():
            page = self.aggregate_page(AGGREGATE_FOR[record.kind]) or record.docname
            yield record.id, record.title, record.kind, page, record_anchor(record.kind, record.id), 1


#: The most letters a reference shows of its record's label and title; the record's own page
#: shows them whole. Shown whole at every use, a 2,000-word title made a 50 KB page print 50 MB.
SHOWN_LABEL = 200


def shortened(text: str, limit: int = SHOWN_LABEL) -> str:
    """``text`` cut after the last whole word within ``limit`` letters, with "…"."""
    if len(text) <= limit:
        return text
    return (text[:limit].rsplit(" ", 1)[0] or text[:limit]) + "…"


def _printed(page: AnnexPage | AggregatePage) -> str:
    """What a page prints, as a message names it."""
    if isinstance(page, AnnexPage):
        return f"source {page.source_id!r} in full"
    return "the list of sources" if page.kind == "source-list" else f"the {page.kind} page"
