"""Small builders of generic docutils structures shared by the generated pages."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx import addnodes

Cell = str | nodes.Node | Sequence[nodes.Node]


def simple_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    classes: list[str],
    widths: Sequence[int],
    title: str = "",
    ids: Sequence[str] = (),
) -> nodes.table:
    """A table with a header row (and a title and ids, if given: a titled table is numbered,
    which needs an id); every builder knows how to print it.

    ``widths`` are relative column widths; the text builder reads them as characters.
    """
    group = nodes.tgroup(cols=len(headers))
    group += [nodes.colspec(colwidth=width) for width in widths]
    group += nodes.thead("", _row(headers))
    group += nodes.tbody("", *(_row(row) for row in rows))
    table = nodes.table("", group, classes=classes, ids=list(ids))
    if title:
        table.insert(0, nodes.title(title, title))
    return table


def _row(cells: Sequence[Cell]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        para = nodes.paragraph()
        if isinstance(cell, str):
            para += nodes.Text(cell)
        elif isinstance(cell, nodes.Node):
            para += cell
        else:
            para += list(cell)
        row += nodes.entry("", para)
    return row


def doc_link(docname: str, fromdoc: str) -> addnodes.pending_xref:
    """A link to a page, titled with the page's own title (resolved by the std domain)."""
    xref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget="/" + docname, refdoc=fromdoc, refexplicit=False
    )
    xref += nodes.inline(docname, docname)
    return xref


def joined(items: Sequence[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    """Nodes separated by text, for inline lists of links."""
    result: list[nodes.Node] = []
    for index, item in enumerate(items):
        result += [nodes.Text(separator)] if index else []
        result.append(item)
    return result
