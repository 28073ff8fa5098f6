"""Data export: the records and the coverage map as JSON and CSV in the HTML output.

Analysts reuse the figures and the timeline without scraping pages. Files are
written with sorted keys and fixed line endings so that rebuilding gives the same
bytes, and they land in ``_data/`` beside the pages that link to them. A CSV cell
that a spreadsheet would run as a formula is written as text.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..checks.spreadsheet import defused
from ..domain.brief import BriefingDomain, briefing_domain
from ..model import priorities
from ..model.entries import Record
from ..model.nodes import aggregate_placeholder
from ..model.vocabulary import DATA_LINK, DATA_LINKS
from ..text.addressing import Span
from .coverage import coverage_by_paragraph
from .records import RECORD_DIRECTIVES, chronological
from .tables import joined

DATA_DIR = "_data"
#: The builders that write the data files and link them from the generated pages.
DATA_BUILDERS = ("html", "dirhtml")
#: The columns of each kind's data: its id, the directive's own fields, its citations.
RECORD_FIELDS = {directive.kind: ("id", *directive.fields, "cites") for directive in RECORD_DIRECTIVES}


#: Which data file each generated page offers for download.
DATA_FOR_PAGE = {
    "whos-who": "persons",
    "timeline": "events",
    "key-figures": "key_figures",
    "coverage-report": "coverage",
}


class LinkDataFiles(SphinxPostTransform):
    """Under each generated list on the website, link the same data as JSON and CSV.

    Only the web builders write the data files, so only their pages link them. The
    links are placed here, beside the placeholder the list replaces; their addresses
    depend on the builder's URI scheme and are filled in by :func:`address_data_links`.
    """

    default_priority = priorities.LINK_DATA_FILES
    builders = DATA_BUILDERS

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(aggregate_placeholder)):
            name = DATA_FOR_PAGE.get(node["kind"])
            if name:
                node.parent.insert(node.parent.index(node) + 1, _download_line(name))


def _download_line(name: str) -> nodes.paragraph:
    line = nodes.paragraph(classes=[DATA_LINKS])
    line += nodes.Text("Download this data: ")
    links = [
        nodes.reference("", ext.upper(), data_file=f"{name}.{ext}", classes=[DATA_LINK]) for ext in ("json", "csv")
    ]
    line += joined(links, " · ")
    return line


def address_data_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point each data link at its file, relative to the page as this builder names it.

    ``html`` writes ``timeline.html`` and ``dirhtml`` writes ``timeline/index.html``,
    so the same file is ``_data/…`` from one and ``../_data/…`` from the other.
    """
    links = [node for node in doctree.findall(nodes.reference) if "data_file" in node]
    if links:
        page = app.builder.get_target_uri(docname)
        for link in links:
            link["refuri"] = relative_uri(page, f"{DATA_DIR}/{link['data_file']}")
            del link["data_file"]


def _public(record: Record, fields: tuple[str, ...]) -> dict[str, Any]:
    known = {"id": record.id, "cites": list(record.cites)}
    return {name: known.get(name, record.option(name)) for name in fields}


def records_table(domain: BriefingDomain, kind: str) -> list[dict[str, Any]]:
    """The public fields of every record of a kind, as the generated page lists them."""
    records = domain.records(kind)
    ordered = chronological(records) if kind == "event" else records
    return [_public(record, RECORD_FIELDS[kind]) for record in ordered]


def coverage_table(domain: BriefingDomain) -> list[dict[str, Any]]:
    """For every paragraph, where it is placed, cited or why it is excluded."""
    return [
        {
            "source": source_id,
            "paragraph": number,
            "placed_in": use.placed,
            "cited_in": use.cited,
            "cited_in_count": use.cited_count,
            "excluded": use.excluded,
        }
        for (source_id, number), use in sorted(coverage_by_paragraph(domain).items())
    ]


def citation_data(span: Span) -> dict[str, Any]:
    """A citation as data: its source and its first and last paragraph."""
    return {"source": span.source_id, "first": span.first, "last": span.last}


def _json_value(value: Any) -> Any:
    """JSON for what ``json`` cannot write itself: citations."""
    if isinstance(value, Span):
        return citation_data(value)
    raise TypeError(f"cannot export {type(value).__name__}")


def _cell_text(value: Any) -> Any:
    """One cell's text: a citation as a reader writes it ("sample ¶3–5"), lists joined."""
    if isinstance(value, Span):
        return f"{value.source_id} {value.label}"
    if isinstance(value, list):
        return "; ".join(str(_cell_text(item)) for item in value)
    return value


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text, however it splits cells (:func:`defused`)."""
    text = _cell_text(value)
    return defused(text) if isinstance(text, str) else text


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: safe_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def write_data(app: Sphinx, exception: Exception | None) -> None:
    """After a successful web build, write the data files."""
    if exception is not None or app.builder.name not in DATA_BUILDERS:
        return
    domain = briefing_domain(app.env)
    out = Path(app.outdir, DATA_DIR)
    out.mkdir(exist_ok=True)
    tables = {kind.replace("-", "_") + "s": records_table(domain, kind) for kind in RECORD_FIELDS}
    tables["coverage"] = coverage_table(domain)
    for name, rows in tables.items():
        (out / f"{name}.json").write_text(
            json.dumps(rows, indent=2, ensure_ascii=False, sort_keys=True, default=_json_value) + "\n", encoding="utf-8"
        )
        (out / f"{name}.csv").write_text(_csv(rows), encoding="utf-8")


def setup_export(app: Sphinx) -> None:
    """Link the data from the generated pages, and write it after a web build."""
    app.add_post_transform(LinkDataFiles)
    app.connect("doctree-resolved", address_data_links)
    app.connect("build-finished", write_data)
