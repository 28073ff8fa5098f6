"""Every node class of the extension, and the one cross-reference it makes: a citation.

Directives emit these (or generic docutils nodes with a class); formats are
decided late, by post-transforms and writers. Only the vocabulary and the text
layer's addresses are imported here, so any module may use them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

from ..text.addressing import Span
from .vocabulary import CITE, CITE_REFTYPE, DOMAIN


class aggregate_placeholder(nodes.General, nodes.Element):
    """Stands where generated content goes; filled before any writer sees it."""


class readahead_download(nodes.General, nodes.Element):
    """Where the read-ahead's download link goes; replaced or removed before any writer sees it."""


class timeline_graphic(nodes.General, nodes.Element):
    """A chronological graphic of events; ``events`` holds (when, title) pairs in date order."""


def cite_link(span: Span) -> addnodes.pending_xref:
    """``¶N`` or ``¶N–M``, linked to the span in its source's annex, resolved by the
    ``brief`` domain in every builder."""
    xref = addnodes.pending_xref(
        "", refdomain=DOMAIN, reftype=CITE_REFTYPE, reftarget=span.target,
        refexplicit=True, refwarn=True, classes=[CITE],
    )
    xref += nodes.inline(span.label, span.label)
    return xref


def is_citation(node: nodes.Node) -> bool:
    """A ``{cite}`` link before resolution (a resolved one is a plain reference)."""
    return isinstance(node, addnodes.pending_xref) and node.get("reftype") == CITE_REFTYPE and node.get("refdomain") == DOMAIN
