"""The ``brief`` domain: what every page placed, cited and declared, kept per document.

All data is stored under the name of the document that produced it. That makes
``clear_doc`` a deletion and ``merge_domaindata`` a copy, which is what keeps
incremental and parallel builds identical to clean ones (the pattern of
``sphinx.ext.todo``, not of the domain tutorial).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Set
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .addressing import parse_target
from .diagnostics import Check, warn

#: Record kinds, their labels, and the aggregate page that lists them.
RECORD_KINDS = {"person": "person", "event": "event", "key-figure": "key figure"}
AGGREGATE_FOR = {"person": "whos-who", "event": "timeline", "key-figure": "key-figures"}
#: Per-document tables; each maps docname to a list (or dict) that page produced.
TABLES = (
    "placements", "exclusions", "citations", "annex", "records", "record_refs",
    "aggregates", "term_uses", "glossary", "downloads",
)


class RecordRole(XRefRole):
    """A reference to a record; also notes the mention for the who's who.

    Without an explicit title the link shows the record's own label (a person's
    name, an event's title, a figure's value), never its id.
    """

    innernodeclass = nodes.inline

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        kind = self.reftype
        env.domains["brief"].add("record_refs", env.current_document.docname, [kind, node["reftarget"]])
        return [node], []


def _first_by(entries: Iterable[tuple[str, Any]], key: Callable[[Any], Any], docname: bool) -> dict[Any, Any]:
    """Map each key to its first entry in page order (later ones are duplicates, warned
    about when read), or to that entry's document."""
    index: dict[Any, Any] = {}
    for doc, entry in entries:
        index.setdefault(key(entry), doc if docname else entry)
    return index


def record_anchor(kind: str, record_id: str) -> str:
    """The HTML id of a record on the page that lists it."""
    return f"{kind}-{record_id}"


class BriefingDomain(Domain):
    """Sources placed and cited, records declared, and the pages that aggregate them."""

    name = "brief"
    label = "Briefing"
    data_version = 3
    object_types = {kind: ObjType(label, kind) for kind, label in RECORD_KINDS.items()}
    roles = {kind: RecordRole(warn_dangling=True) for kind in RECORD_KINDS}
    initial_data: dict[str, Any] = {table: {} for table in TABLES}

    # -- per-document bookkeeping -------------------------------------------------

    def add(self, table: str, docname: str, entry: Any) -> None:
        """Append an entry that ``docname`` produced."""
        self.data[table].setdefault(docname, []).append(entry)
        self._lookups = None

    @property
    def lookups(self) -> dict[str, dict[Any, Any]]:
        """Indexes by id, rebuilt only after the data changed: pages resolve thousands of
        references while writing, and a scan per reference would grow with the square
        of the book."""
        if getattr(self, "_lookups", None) is None:
            self._lookups = {
                "record": _first_by(self.entries("records"), lambda rec: (rec["kind"], rec["id"]), docname=False),
                "aggregate": _first_by(self.entries("aggregates"), lambda kind: kind, docname=True),
                "annex": _first_by(self.entries("annex"), lambda source_id: source_id, docname=True),
            }
        return self._lookups

    def entries(self, table: str) -> Iterator[tuple[str, Any]]:
        """(docname, entry) over all documents, in a stable order."""
        for docname in sorted(self.data[table]):
            for entry in self.data[table][docname]:
                yield docname, entry

    def clear_doc(self, docname: str) -> None:
        for table in TABLES:
            self.data[table].pop(docname, None)
        self._lookups = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for record in self._records_in(otherdata, docnames):
            self._warn_if_duplicate(record)
        for table in TABLES:
            for docname in docnames:
                if docname in otherdata[table]:
                    self.data[table][docname] = otherdata[table][docname]
        self._lookups = None

    # -- records --------------------------------------------------------------------

    @staticmethod
    def _records_in(data: dict[str, Any], docnames: Iterable[str]) -> Iterator[dict[str, Any]]:
        for docname in sorted(docnames):
            yield from data["records"].get(docname, [])

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

    def records(self, kind: str | None = None) -> list[dict[str, Any]]:
        """All records (of one kind) in reading order: page by page, then line by line."""
        order = self.reading_order()
        found = [rec for _doc, rec in self.entries("records") if kind in (None, rec["kind"])]
        return sorted(found, key=lambda rec: (order.get(rec["docname"], len(order)), rec["docname"], rec["lineno"]))

    def find_record(self, kind: str, record_id: str) -> dict[str, Any] | None:
        return self.lookups["record"].get((kind, record_id))

    def _warn_if_duplicate(self, record: dict[str, Any]) -> bool:
        """Warn, naming both places, when a record id is already declared elsewhere."""
        other = self.find_record(record["kind"], record["id"])
        if other is None:
            return False
        where = f"{self.env.doc2path(other['docname'])}:{other['lineno']}"
        warn(
            Check.DUPLICATE_ID,
            f"duplicate {RECORD_KINDS[record['kind']]} id {record['id']!r}; also declared at {where}",
            (record["docname"], record["lineno"]),
        )
        return True

    def add_record(self, record: dict[str, Any]) -> bool:
        """Register a record unless its id is taken; return whether it was added."""
        if self._warn_if_duplicate(record):
            return False
        self.add("records", record["docname"], record)
        return True

    def aggregate_page(self, kind: str) -> str | None:
        """The document that renders the given aggregate (who's who, timeline ...)."""
        return self.lookups["aggregate"].get(kind)

    def annex_page(self, source_id: str) -> str | None:
        """The document whose annex prints the given source."""
        return self.lookups["annex"].get(source_id)

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
            return self._resolve_citation(fromdocname, builder, target, contnode)
        record = self.find_record(typ, target)
        page = self.aggregate_page(AGGREGATE_FOR.get(typ, ""))
        if record is None:
            return None
        docname = page or record["docname"]
        if not node.get("refexplicit"):
            contnode = nodes.inline(record["label"], record["label"], classes=contnode["classes"])
        return make_refnode(
            builder, fromdocname, docname, record_anchor(typ, target), contnode, record["title"]
        )

    def _resolve_citation(
        self, fromdocname: str, builder: Builder, target: str, contnode: Element
    ) -> nodes.reference | None:
        span = parse_target(target)
        annex = self.annex_page(span.source_id)
        if annex is None:
            return None
        anchor = f"{span.source_id}-p{span.first}"
        return make_refnode(builder, fromdocname, annex, anchor, contnode, f"Source {span.label}")

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
            page = self.aggregate_page(AGGREGATE_FOR[record["kind"]]) or record["docname"]
            anchor = record_anchor(record["kind"], record["id"])
            yield record["id"], record["title"], record["kind"], page, anchor, 1
