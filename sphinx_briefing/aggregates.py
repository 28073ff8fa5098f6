"""Generated pages: who's who, timeline, key figures, coverage, and the annex's notes.

A directive leaves a placeholder and tells the domain that its page aggregates
data from the whole book (:mod:`freshness` decides when such pages are written
again). The placeholder is filled by a post-transform that runs before references
are resolved, so the links it generates are resolved like any other, in every builder.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .addressing import Span, parse_target
from .domain import BriefingDomain, record_anchor
from .records import body_copy, chronological, cite_nodes, figure_card_body
from .tables import doc_link, joined, simple_table
from .timeline_svg import timeline_node


class aggregate_placeholder(nodes.General, nodes.Element):
    """Stands where generated content goes; never reaches a writer."""


class AggregateDirective(SphinxDirective):
    """``{whos-who}``, ``{timeline}``, ``{key-figures}``, ``{coverage-report}``."""

    kind = ""

    def run(self) -> list[nodes.Node]:
        docname = self.env.current_document.docname
        self.env.domains["brief"].add("aggregates", docname, self.kind)
        return [aggregate_placeholder(kind=self.kind)]


def directive_for(kind: str) -> type[AggregateDirective]:
    """A directive class that places the aggregate ``kind``."""
    return type(f"{kind.title().replace('-', '')}Directive", (AggregateDirective,), {"kind": kind})


class Book:
    """What the generators need, computed once per page however many placeholders it has
    (the annex has one per paragraph)."""

    def __init__(self, domain: BriefingDomain) -> None:
        self.domain = domain

    def records(self, kind: str) -> list[dict[str, Any]]:
        return self.domain.records(kind)

    @cached_property
    def coverage(self) -> dict[tuple[str, int], dict[str, Any]]:
        return _coverage_by_paragraph(self.domain)

    @cached_property
    def mentions(self) -> dict[tuple[str, str], set[str]]:
        return _mentions(self.domain)


class FillAggregates(SphinxPostTransform):
    """Replace each placeholder with content generated from the domain's records."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        book = Book(self.env.domains["brief"])  # type: ignore[arg-type]
        docname = self.env.current_document.docname
        for node in list(self.document.findall(aggregate_placeholder)):
            generate = GENERATORS[node["kind"]]
            node.replace_self(generate(book, docname, node))


# -- generators ---------------------------------------------------------------------


def _mentions(domain: BriefingDomain) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for docname, (kind, target) in domain.entries("record_refs"):
        found[kind, target].add(docname)
    return found


def _spans(record: dict[str, Any]) -> list[Span]:
    return [parse_target(target) for target in record["cites"]]


def _inline_body(record: dict[str, Any], docname: str) -> list[nodes.Node]:
    """A record's content inside a table cell's paragraph: its paragraphs' inline content."""
    result: list[nodes.Node] = []
    for block in body_copy(record, docname):
        result += [nodes.Text(" "), *(block.children if isinstance(block, nodes.paragraph) else [nodes.inline("", block.astext())])]
    return result


def whos_who(book: Book, docname: str, _node: nodes.Element) -> list[nodes.Node]:
    mentions = book.mentions
    people = sorted(book.records("person"), key=lambda rec: rec["title"])
    result: list[nodes.Node] = []
    for person in people:
        entry = nodes.container(classes=["bb-whos-who-entry"], ids=[record_anchor("person", person["id"])])
        entry += nodes.paragraph("", "", nodes.strong(person["title"], person["title"]), classes=["bb-person-name"])
        details = ", ".join(filter(None, [person["role"], person["affiliation"], person["dates"]]))
        entry += nodes.paragraph("", "", nodes.Text(details + " "), *cite_nodes(_spans(person)))
        entry += body_copy(person, docname)
        pages = sorted(mentions.get(("person", person["id"]), set()) | {person["docname"]})
        entry += nodes.paragraph(
            "", "", nodes.emphasis("Mentioned in: ", "Mentioned in: "),
            *joined([doc_link(page, docname) for page in pages]), classes=["bb-mentions"],
        )
        result.append(entry)
    return result


def timeline(book: Book, docname: str, _node: nodes.Element) -> list[nodes.Node]:
    events = chronological(book.records("event"))
    rows = []
    for event in events:
        what: list[nodes.Node] = [nodes.Text(event["title"])]
        if event["inferred"]:
            what += [nodes.Text(" "), nodes.emphasis("", f"Date inferred: {event['inferred']}")]
        what += _inline_body(event, docname)
        when = nodes.inline("", event["when"], ids=[record_anchor("event", event["id"])])
        rows.append([when, what, cite_nodes(_spans(event))])
    table = simple_table(["When", "What happened", "Source"], rows, classes=["bb-timeline-table"], widths=[16, 56, 12])
    return [timeline_node(events), table]


def key_figures(book: Book, docname: str, _node: nodes.Element) -> list[nodes.Node]:
    figures = book.records("key-figure")
    grid = nodes.container(classes=["bb-kf-grid"])
    for figure in figures:
        card = nodes.container(classes=["bb-kf-card"], ids=[record_anchor("key-figure", figure["id"])])
        card += figure_card_body(figure, cite_nodes(_spans(figure)))
        card += body_copy(figure, docname)
        grid += card
    rows = [
        [figure["value"], figure["measures"], figure["period"], cite_nodes(_spans(figure))]
        for figure in figures
    ]
    table = simple_table(["Value", "What it measures", "Period", "Source"], rows, classes=["bb-kf-table"], widths=[18, 40, 14, 12])
    return [grid, table]


def _coverage_by_paragraph(domain: BriefingDomain) -> dict[tuple[str, int], dict[str, Any]]:
    found: dict[tuple[str, int], dict[str, Any]] = defaultdict(lambda: {"placed": [], "cited": set(), "excluded": ""})
    for docname, (source_id, number, _line) in domain.entries("placements"):
        found[source_id, number]["placed"].append(docname)
    for docname, (source_id, number, _line, reason) in domain.entries("exclusions"):
        found[source_id, number]["excluded"] = reason
    for docname, (source_id, number, _line) in domain.entries("citations"):
        found[source_id, number]["cited"].add(docname)
    return found


def paragraph_coverage(book: Book, docname: str, node: nodes.Element) -> list[nodes.Node]:
    """The annex note under each paragraph: where it is placed and cited, or why excluded."""
    use = book.coverage.get((node["source"], node["number"]))
    note = nodes.paragraph(classes=["bb-coverage-note"])
    if use is None:
        return []
    if use["excluded"]:
        note += nodes.Text(f"Not placed: {use['excluded']}")
        return [note]
    note += _links("Placed in: ", use["placed"], docname)
    if use["cited"]:
        note += nodes.Text(" · ")
        note += _links("Cited in: ", sorted(use["cited"]), docname)
    return [note]


def _links(label: str, pages: list[str], docname: str) -> list[nodes.Node]:
    return [nodes.Text(label), *joined([doc_link(page, docname) for page in pages])]


def coverage_report(book: Book, docname: str, _node: nodes.Element) -> list[nodes.Node]:
    rows = []
    for (source_id, number), use in sorted(book.coverage.items()):
        span = Span(source_id, number, number)
        status = "excluded" if use["excluded"] else ("placed" if len(use["placed"]) == 1 else "check")
        placed = _links("", use["placed"], docname) if use["placed"] else [nodes.Text(use["excluded"])]
        cited = _links("", sorted(use["cited"]), docname) if use["cited"] else [nodes.Text("—")]
        rows.append([cite_nodes([span]), status, placed, cited])
    return [simple_table(["Paragraph", "Status", "Placed in", "Cited in"], rows, classes=["bb-coverage-table"], widths=[10, 10, 30, 34])]


GENERATORS = {
    "whos-who": whos_who,
    "timeline": timeline,
    "key-figures": key_figures,
    "coverage-report": coverage_report,
    "paragraph-coverage": paragraph_coverage,
}
