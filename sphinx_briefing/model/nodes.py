"""Every node class of the extension, and the one cross-reference it makes.

Directives emit these (or generic docutils nodes with a class); formats are
decided late, by post-transforms and writers. Nothing else of the package is
imported here, so any module may use them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes


class aggregate_placeholder(nodes.General, nodes.Element):
    """Stands where generated content goes; filled before any writer sees it."""


class readahead_download(nodes.General, nodes.Element):
    """Where the read-ahead's download link goes; replaced or removed before any writer sees it."""


class timeline_graphic(nodes.General, nodes.Element):
    """A chronological graphic of events; ``events`` holds (when, title) pairs in date order."""


def citation_xref(target: str, label: str) -> addnodes.pending_xref:
    """A link to a span of a source's annex (``target`` is ``source-id:first-last``),
    resolved by the ``brief`` domain in every builder."""
    xref = addnodes.pending_xref(
        "", refdomain="brief", reftype="cite", reftarget=target,
        refexplicit=True, refwarn=True, classes=["bb-cite"],
    )
    xref += nodes.inline(label, label)
    return xref
