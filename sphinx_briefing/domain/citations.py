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
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole

from ..model import priorities
from ..model.diagnostics import Check, warn
from ..model.entries import RECORD_KINDS, Citation
from ..model.library import address_spans, load_all, use_paragraphs
from ..model.nodes import cite_link, cited_span, is_citation
from ..model.vocabulary import CITATION, CITE_ERROR, DOMAIN
from ..text.addressing import MAX_GROUPS
from .brief import BriefingDomain, briefing_domain


class CiteRole(SphinxRole):
    """``{cite}`12-13``` → a citation link per group of paragraphs."""

    def run(self) -> tuple[list[nodes.Node], list[system_message]]:
        spans = address_spans(self.env, self.text, self.get_location(), "bad citation", MAX_GROUPS)
        if spans is None:
            return [nodes.inline(self.rawtext, self.text, classes=[CITE_ERROR])], []
        wrapper = nodes.inline(classes=[CITATION])
        for index, span in enumerate(spans):
            cited = use_paragraphs(self.env, span, self.get_location())
            if cited:
                docname = self.env.current_document.docname
                briefing_domain(self.env).note(
                    Citation(docname, self.lineno, span.source_id, cited[0].number, cited[-1].number)
                )
            if index:
                wrapper += nodes.Text(", ")
            wrapper += cite_link(span)
        return [wrapper], []


def explain_unresolved(app: Sphinx, domain: Any, node: addnodes.pending_xref) -> bool | None:
    """A citation or record reference that links nowhere gets a message in the book's
    terms, not Sphinx's internal target syntax. One to a source that is unknown or failed
    to load is not repeated: that was reported where it was read, with its file and line."""
    if node.get("refdomain") != DOMAIN:
        return None
    if node.get("reftype") in RECORD_KINDS:
        kind = RECORD_KINDS[node["reftype"]]
        warn(
            Check.UNKNOWN_RECORD,
            f"no {kind} {node['reftarget']!r} is declared; declare it with {{{node['reftype']}}} or fix the id",
            node,
        )
        return True
    span = cited_span(node)
    if span.source_id in load_all(app.env)[0]:
        warn(
            Check.UNRESOLVED_CITE,
            f"citation {span.label} of source {span.source_id!r} has nothing to link to: no page prints "
            f"that source with {{source-annex}}",
            node,
        )
    return True


class LabelCitations(SphinxPostTransform):
    """In a book with several sources, every citation says whose paragraph it is
    ("Fisheries ¶3"); with one source, "¶3" is enough."""

    default_priority = priorities.LABEL_CITATIONS

    def run(self, **kwargs: Any) -> None:
        sources = load_all(self.env)[0]
        if len(sources) < 2:
            return
        for xref in self.document.findall(is_citation):
            source = sources.get(cited_span(xref).source_id)
            label = xref.next_node(nodes.Text)
            if source is not None and label is not None:
                label.parent.replace(label, nodes.Text(f"{source.short_label} {label}"))


def setup_citations(app: Sphinx) -> None:
    """``{cite}`` as a plain role and as ``{brief:cite}``; labels for several sources;
    unresolved citations and record references explained."""
    app.add_role("cite", CiteRole())
    app.add_post_transform(LabelCitations)
    app.add_role_to_domain(BriefingDomain.name, "cite", CiteRole())
    app.connect("warn-missing-reference", explain_unresolved)
