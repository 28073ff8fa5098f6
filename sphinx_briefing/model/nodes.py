"""Every node class of the extension, and the one cross-reference it makes: a citation.

Directives emit these (or generic docutils nodes with a class); formats are
decided late, by post-transforms and writers. Only the vocabulary and the text
layer's addresses are imported here, so any module may use them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from docutils import nodes
from sphinx import addnodes

from ..text.addressing import Span
from .vocabulary import CITE, CITE_REFTYPE, DOMAIN, SPAN_ATTRIBUTE, VERBATIM


class aggregate_placeholder(nodes.General, nodes.Element):
    """Stands where generated content goes; filled before any writer sees it."""


class readahead_download(nodes.General, nodes.Element):
    """Where the read-ahead's download link goes; replaced or removed before any writer sees it."""


class timeline_graphic(nodes.General, nodes.Element):
    """A chronological graphic of events; ``events`` holds (when, title) pairs in date order."""


def detached(node: nodes.Element) -> nodes.Element:
    """``node`` without its ties to the page it was parsed on. Parsed nodes keep their
    document, so a node stored in the domain would carry, and pickle, its whole page with
    it: into the saved environment and out of every parallel reader."""
    for part in node.findall():
        part.document = None
    return node


def cite_link(span: Span) -> addnodes.pending_xref:
    """``¶N`` or ``¶N–M``, linked to the span in its source's annex, resolved by the
    ``brief`` domain in every builder. The link carries its span as a typed value;
    the target string is only what Sphinx prints about an unresolved link."""
    xref = addnodes.pending_xref(
        "",
        refdomain=DOMAIN,
        reftype=CITE_REFTYPE,
        reftarget=span.target,
        refexplicit=True,
        refwarn=True,
        classes=[CITE],
    )
    xref[SPAN_ATTRIBUTE] = span
    xref += nodes.inline(span.label, span.label)
    return xref


def is_citation(node: nodes.Node) -> bool:
    """A citation link, before resolution (the pending link) or after it (the reference
    the domain made, which keeps the span)."""
    return isinstance(node, nodes.Element) and isinstance(node.get(SPAN_ATTRIBUTE), Span)


def cited_span(node: nodes.Element) -> Span:
    """The span a citation link names."""
    span: Span = node[SPAN_ATTRIBUTE]
    return span


def own_text(tree: nodes.Element, skip: Callable[[nodes.Element], bool] = lambda node: False) -> Iterator[nodes.Text]:
    """The book's own text nodes under ``tree``, in order: not the source's words it places
    verbatim (checked when the source is read), nor anything under an element ``skip`` names.
    Iterative, so a deeply nested page costs no recursion."""
    stack: list[nodes.Node] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Text):
            yield node
        elif isinstance(node, nodes.Element) and VERBATIM not in node.get("classes", ()) and not skip(node):
            stack.extend(reversed(node.children))
