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
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..domain.brief import BriefingDomain, briefing_domain, record_anchor
from ..model import priorities
from ..model.entries import GENERATED_PAGES, AggregatePage, Record
from ..model.library import load_all
from ..model.nodes import aggregate_placeholder, cite_link
from ..model.vocabulary import (
    COVERAGE_NOTE,
    COVERAGE_TABLE,
    KF_CARD,
    KF_GRID,
    KF_TABLE,
    MENTIONS,
    PERSON_NAME,
    TIMELINE_TABLE,
    WHOS_WHO_ENTRY,
)
from ..text.addressing import Span
from .coverage import Coverage, coverage_by_paragraph
from .records import (
    body_copy,
    chronological,
    cite_nodes,
    figure_card_body,
    person_details,
)
from .tables import doc_link, joined, simple_table
from .timeline_svg import timeline_node


class AggregateDirective(SphinxDirective):
    """``{whos-who}``, ``{timeline}``, ``{key-figures}``, ``{coverage-report}``."""

    kind = ""

    def run(self) -> list[nodes.Node]:
        page = AggregatePage(self.env.current_document.docname, self.lineno, self.kind)
        return [aggregate_placeholder(kind=self.kind)] if briefing_domain(self.env).prints(page) else []


def directive_for(kind: str) -> type[AggregateDirective]:
    """A directive class that places the aggregate ``kind``."""
    return type(f"{kind.title().replace('-', '')}Directive", (AggregateDirective,), {"kind": kind})


def setup_aggregates(app: Sphinx) -> None:
    """The generated pages' directives, their placeholder node and the transform that fills it."""
    for kind in GENERATED_PAGES:
        app.add_directive(kind, directive_for(kind))
    app.add_node(aggregate_placeholder)
    app.add_post_transform(FillAggregates)


class Book:
    """What the generators need, computed once per page however many placeholders it has
    (the annex has one per paragraph)."""

    def __init__(self, domain: BriefingDomain) -> None:
        self.domain = domain

    def records(self, kind: str) -> list[Record]:
        return self.domain.records(kind)

    @cached_property
    def coverage(self) -> dict[tuple[str, int], Coverage]:
        return coverage_by_paragraph(self.domain)

    @cached_property
    def mentions(self) -> dict[tuple[str, str], set[str]]:
        return _mentions(self.domain)


class FillAggregates(SphinxPostTransform):
    """Replace each placeholder with content generated from the domain's records."""

    default_priority = priorities.FILL_AGGREGATES

    def run(self, **kwargs: Any) -> None:
        book = Book(briefing_domain(self.env))  # type: ignore[arg-type]
        docname = self.env.current_document.docname
        for node in list(self.document.findall(aggregate_placeholder)):
            generate = GENERATORS[node["kind"]]
            node.replace_self(generate(book, docname, node))


# -- generators ---------------------------------------------------------------------


def _mentions(domain: BriefingDomain) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ref in domain.record_refs():
        found[ref.kind, ref.target].add(ref.docname)
    return found


def _inline_body(record: Record, docname: str) -> list[nodes.Node]:
    """A record's content inside a table cell's paragraph: its paragraphs' inline content."""
    result: list[nodes.Node] = []
    for block in body_copy(record, docname):
        result += [
            nodes.Text(" "),
            *(block.children if isinstance(block, nodes.paragraph) else [nodes.inline("", block.astext())]),
        ]
    return result


def whos_who(book: Book, docname: str, _node: nodes.Element) -> list[nodes.Node]:
    mentions = book.mentions
    people = sorted(book.records("person"), key=lambda person: person.title)
    result: list[nodes.Node] = []
    for person in people:
        entry = nodes.container(classes=[WHOS_WHO_ENTRY], ids=[record_anchor("person", person.id)])
        entry += nodes.paragraph("", "", nodes.strong(person.title, person.title), classes=[PERSON_NAME])
        entry += nodes.paragraph("", "", nodes.Text(person_details(person) + " "), *cite_nodes(person))
        entry += body_copy(person, docname)
        pages = sorted(mentions.get(person.key, set()) | {person.docname})
        entry += nodes.paragraph(
            "",
            "",
            nodes.emphasis("Mentioned in: ", "Mentioned in: "),
            *joined([doc_link(page, docname) for page in pages]),
            classes=[MENTIONS],
        )
        result.append(entry)
    return result


def timeline(book: Book, docname: str, _node: nodes.Element) -> list[nodes.Node]:
    events = chronological(book.records("event"))
    rows = []
    for event in events:
        what: list[nodes.Node] = [nodes.Text(event.title)]
        if event.option("inferred"):
            what += [nodes.Text(" "), nodes.emphasis("", f"Date inferred: {event.option('inferred')}")]
        what += _inline_body(event, docname)
        when = nodes.inline("", event.option("when"), ids=[record_anchor("event", event.id)])
        rows.append([when, what, cite_nodes(event)])
    table = simple_table(["When", "What happened", "Source"], rows, classes=[TIMELINE_TABLE], widths=[16, 56, 12])
    return [timeline_node(events), table]


def key_figures(book: Book, docname: str, _node: nodes.Element) -> list[nodes.Node]:
    figures = book.records("key-figure")
    grid = nodes.container(classes=[KF_GRID])
    for figure in figures:
        card = nodes.container(classes=[KF_CARD], ids=[record_anchor("key-figure", figure.id)])
        card += figure_card_body(figure)
        card += body_copy(figure, docname)
        grid += card
    rows = [
        [figure.option("value"), figure.option("measures"), figure.option("period"), cite_nodes(figure)]
        for figure in figures
    ]
    table = simple_table(
        ["Value", "What it measures", "Period", "Source"], rows, classes=[KF_TABLE], widths=[18, 40, 14, 12]
    )
    return [grid, table]


def paragraph_coverage(book: Book, docname: str, node: nodes.Element) -> list[nodes.Node]:
    """The annex note under each paragraph: where it is placed and cited, or why excluded."""
    use = book.coverage[node["source"], node["number"]]
    note = nodes.paragraph(classes=[COVERAGE_NOTE])
    if use.excluded or not use.placed:
        note += nodes.Text(f"Not placed: {use.excluded or 'in no chapter, and not excluded'}")
        return [note]
    note += _links("Placed in: ", use.placed, docname)
    if use.cited:
        note += nodes.Text(" · ")
        note += _cited(use, docname, "Cited in: ")
    return [note]


def _links(label: str, pages: list[str], docname: str) -> list[nodes.Node]:
    return [nodes.Text(label), *joined([doc_link(page, docname) for page in pages])]


def _cited(use: Coverage, docname: str, label: str = "") -> list[nodes.Node]:
    """The pages that cite a paragraph, and how many more cite it than are named."""
    more = [nodes.Text(f" and {use.uncited_names:,} more pages")] if use.uncited_names else []
    return [*_links(label, use.cited, docname), *more]


def coverage_report(book: Book, docname: str, _node: nodes.Element) -> list[nodes.Node]:
    """One table per source, titled with its headline: where each paragraph is placed and cited."""
    rows: dict[str, list[list[Any]]] = defaultdict(list)
    for (source_id, number), use in sorted(book.coverage.items()):
        placed = _links("", use.placed, docname) if use.placed else [nodes.Text(use.excluded or "—")]
        cited = _cited(use, docname) if use.cited else [nodes.Text("—")]
        rows[source_id].append([cite_link(Span(source_id, number, number)), use.status, placed, cited])
    headlines = {source.id: source.headline for source in load_all(book.domain.env)[0].values()}
    return [
        simple_table(
            ["Paragraph", "Status", "Placed in", "Cited in"],
            table,
            classes=[COVERAGE_TABLE],
            widths=[10, 10, 30, 34],
            title=f"Source: {headlines.get(source_id, source_id)}",
            ids=[f"coverage-{source_id}"],
        )
        for source_id, table in sorted(rows.items())
    ]


GENERATORS = {
    "whos-who": whos_who,
    "timeline": timeline,
    "key-figures": key_figures,
    "coverage-report": coverage_report,
    "paragraph-coverage": paragraph_coverage,
}
