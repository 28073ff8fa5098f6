"""Previews on hover and keyboard focus: a citation shows its paragraph, a term its definition.

Works offline with no server: the text is written into the page next to the
link as a hidden tooltip (``role="tooltip"``), shown by CSS on hover and on
focus, and dismissed with Escape by a few lines of script (WCAG 1.4.13). Only
the web builders get previews; the PDF prints page numbers instead and EPUB
reading systems follow the link.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..domain.brief import briefing_domain
from ..model import priorities
from ..model.library import load_all
from ..model.nodes import cited_span, is_citation
from ..model.vocabulary import PREVIEW, PREVIEW_HOST
from ..records.glossary import definitions, term_key
from ..text.addressing import Span
from ..text.sources import Source

PREVIEW_ATTR = "bb_preview"
#: A preview shows at most this many paragraphs of a range, and this many characters.
PREVIEW_PARAGRAPHS = 3
PREVIEW_CHARS = 600
#: A page previews at most this many links, in reading order; later links are plain links.
#: Each preview copies up to :data:`PREVIEW_CHARS` characters into the page, so a page of
#: 1,500 citations to a paragraph grew 55 times over (red team X: 780 KB → 43 MB, 1 GB).
MAX_PREVIEWS = 400
WEB_BUILDERS = ("html", "dirhtml", "singlehtml")


class AttachPreviews(SphinxPostTransform):
    """Before resolution: note on each citation and term link the text it previews."""

    default_priority = priorities.ATTACH_PREVIEWS
    builders = WEB_BUILDERS

    def run(self, **kwargs: Any) -> None:
        sources = load_all(self.env)[0]
        glossary = definitions(briefing_domain(self.env))
        shown = 0
        for xref in self.document.findall(addnodes.pending_xref):
            text = self._preview(xref, sources, glossary) if shown < MAX_PREVIEWS else ""
            if text and len(xref):
                xref[0][PREVIEW_ATTR] = text
                shown += 1

    @staticmethod
    def _preview(xref: addnodes.pending_xref, sources: dict, glossary: dict[str, str]) -> str:
        if xref.get("reftype") == "term":
            return _cut(glossary.get(term_key(xref["reftarget"]), ""))
        if not is_citation(xref):
            return ""
        span = cited_span(xref)
        source = sources.get(span.source_id)
        return cited_text(source, span) if source else ""


def cited_text(source: Source, span: Span) -> str:
    """The preview of a citation: its first paragraphs (at most :data:`PREVIEW_PARAGRAPHS`),
    cut at a word to :data:`PREVIEW_CHARS` characters; when the range holds more, "…" and
    the range's size. A range of 2,000 paragraphs once embedded its whole text in every
    citation of it (500 citations: a 190 MB page); now each costs at most the bound."""
    shown = source.paragraphs_in(span.first, min(span.last, span.first + PREVIEW_PARAGRAPHS - 1))
    text = _cut(" ".join(f"{p.label} {p.display_text}" for p in shown))
    in_range = max(0, min(span.last, len(source.paragraphs)) - max(span.first, 1) + 1)
    if in_range > len(shown):
        return f"{text.removesuffix(' …')} … ({span.label}: {in_range} paragraphs, in full in the annex)"
    return text


def _cut(text: str) -> str:
    """``text`` up to :data:`PREVIEW_CHARS` characters, cut at a word and marked "…"."""
    if len(text) <= PREVIEW_CHARS:
        return text
    return text[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"


class RenderPreviews(SphinxPostTransform):
    """After resolution: wrap each previewed link with its hidden tooltip."""

    default_priority = priorities.RENDER_PREVIEWS
    builders = WEB_BUILDERS

    def run(self, **kwargs: Any) -> None:
        for number, inline in enumerate(list(self.document.findall(_has_preview)), start=1):
            link = inline.parent
            if not isinstance(link, nodes.reference):
                continue
            tip_id = f"bb-tip-{number}"
            host = nodes.inline(classes=[PREVIEW_HOST])
            link.replace_self(host)
            host += link
            host += nodes.raw(
                "",
                f'<span class="{PREVIEW}" role="tooltip" id="{tip_id}">{escape(inline[PREVIEW_ATTR])}</span>',
                format="html",
                classes=["no-search"],  # the text is indexed where it really stands
            )


def _has_preview(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and PREVIEW_ATTR in node.attributes


def setup_previews(app: Sphinx) -> None:
    """Note each preview before references resolve; render it after."""
    app.add_post_transform(AttachPreviews)
    app.add_post_transform(RenderPreviews)
