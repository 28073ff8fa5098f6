"""The ``cite`` role: inline citations of source paragraphs, shown as ¶23 or ¶23–24.

The role checks at read time that every paragraph exists (so the warning names
the chapter's file and line) and records the citation for the coverage report.
The link itself is a ``pending_xref`` that the ``brief`` domain resolves to the
annex, so it works in every builder, including single-page HTML for the PDF.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.nodes import system_message
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole

from .addressing import AddressError, parse_address, parse_target
from .diagnostics import Check, warn
from .placement import citation_xref
from .registry import default_source_id, failed_ids, use_paragraphs


class CiteRole(SphinxRole):
    """``{cite}`12-13``` → a citation link per group of paragraphs."""

    def run(self) -> tuple[list[nodes.Node], list[system_message]]:
        try:
            spans = parse_address(self.text, default_source_id(self.env))
        except AddressError as exc:
            warn(Check.ADDRESS, f"bad citation {self.text!r}: {exc}", self.get_location())
            return [nodes.inline(self.rawtext, self.text, classes=["bb-cite-error"])], []
        wrapper = nodes.inline(classes=["bb-citation"])
        for index, span in enumerate(spans):
            found = use_paragraphs(self.env, span, self.get_location())
            for paragraph in found:
                entry = [paragraph.source_id, paragraph.number, self.lineno]
                self.env.domains["brief"].add("citations", self.env.current_document.docname, entry)
            if index:
                wrapper += nodes.Text(", ")
            wrapper += citation_xref(span)
        return [wrapper], []


def explain_unresolved(app: Any, domain: Any, node: addnodes.pending_xref) -> bool | None:
    """A citation that links nowhere gets a message in the book's terms, not Sphinx's
    internal target syntax; one to a source that failed to load is not repeated."""
    if node.get("refdomain") != "brief" or node.get("reftype") != "cite":
        return None
    span = parse_target(node["reftarget"])
    if span.source_id not in failed_ids(app.env):
        warn(
            Check.UNRESOLVED_CITE,
            f"citation {span.label} of source {span.source_id!r} has nothing to link to: no page prints "
            f"that source with {{source-annex}}",
            node,
        )
    return True
