"""The PDF book and its one-page read-ahead, printed by WeasyPrint from single-page HTML.

Why this route: the single-page HTML builder already resolves every reference to
an in-page anchor (``#...``), which WeasyPrint turns into PDF named destinations,
bookmarks and ``target-counter`` page numbers. No TeX is needed and the extension's
HTML-only nodes (the inline SVG timeline) stay vector. The intermediate HTML uses
Sphinx's minimal ``basic`` theme so the web theme's layout never leaks into print;
``static/print.css`` gives the page its print layout.

The read-ahead is rendered separately from its own document so that it is exactly
one page with no links pointing into a book it does not contain.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from html import escape
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.display import progress_message
from sphinx.util.typing import ExtensionMetadata

from . import __version__
from .registry import load_all

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
PRINT_CSS = STATIC / "print.css"
READAHEAD_CSS = STATIC / "readahead.css"
#: CSS page sizes by the names users pass as ``PAPER``.
PAPER_SIZES = {"letter": "letter", "a4": "A4"}
PANGO_HINT = "WeasyPrint needs the Pango library: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
PDF_VARIANT = "pdf/ua-1"


class BriefingPDFError(SphinxError):
    category = "Briefing PDF error"


def import_weasyprint() -> ModuleType:
    """Import WeasyPrint on demand: other builders must work on machines without Pango."""
    try:
        import weasyprint
    except OSError as exc:  # cffi raises OSError when libpango cannot be loaded
        raise BriefingPDFError(f"{PANGO_HINT} ({exc})") from None
    return weasyprint


def paper_size(paper: str) -> str:
    """The CSS page size for the configured paper; an unknown name fails loudly."""
    size = PAPER_SIZES.get(paper.strip().lower())
    if size is None:
        raise BriefingPDFError(f"briefing_paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    return size


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe for ``content``."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def page_css(paper: str, handling: str) -> str:
    """The configured parts of the page: its size and the handling banner on every page."""
    banner = css_string(handling)
    return (
        f"@page {{ size: {paper_size(paper)}; "
        f"@top-center {{ content: {banner}; }} @bottom-center {{ content: {banner}; }} }}"
    )


def unlink_internal_references(tree: nodes.Node) -> None:
    """Turn in-book links into plain text: a standalone page has none of their targets."""
    for ref in list(tree.findall(nodes.reference)):
        if ref.get("internal") or "refid" in ref or ref.get("refuri", "").startswith("#"):
            text = nodes.inline("", "", *ref.children, classes=[*ref["classes"], "bb-unlinked"])
            ref.replace_self(text)


class BriefingPDFBuilder(SingleFileHTMLBuilder):
    """Single-page HTML for print, then the book and read-ahead PDFs from it."""

    name = "briefingpdf"
    epilog = "The PDF book and its read-ahead are in %(outdir)s."
    search = False
    copysource = False

    def init(self) -> None:
        """Fail before reading any page when WeasyPrint cannot run here."""
        self._weasyprint = import_weasyprint()
        paper_size(self.config.briefing_paper)
        super().init()

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        """The minimal theme, without sidebars: print.css owns the whole layout."""
        return "basic", {"nosidebar": True}

    # -- the intermediate HTML ------------------------------------------------------

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        """Add the cover and the PDF metadata to the page."""
        context = super().get_doc_context(docname, body, metatags)
        context["title"] = self.config.project
        context["metatags"] = metatags + self._meta_tags()
        context["body"] = self._cover_html() + body
        return context

    def _meta_tags(self) -> str:
        """WeasyPrint copies these into the PDF's Author, Subject and Keywords."""
        fields = {
            "author": self.config.author,
            "description": self._description(),
            "keywords": ", ".join(self._keywords()),
            "dcterms.created": self._as_of_iso(),
        }
        return "".join(
            f'<meta name="{name}" content="{escape(value)}">\n' for name, value in fields.items() if value
        )

    def _description(self) -> str:
        subtitle = self.config.briefing_subtitle or "Briefing book"
        return f"{subtitle}. Edition {self.config.release}, as of {self._as_of()}."

    def _keywords(self) -> list[str]:
        """The glossary's terms: the book's own subject vocabulary."""
        entries = self.env.domains["brief"].entries("glossary")  # type: ignore[attr-defined]
        return sorted({term for _doc, (term, _text, _line) in entries})

    def _as_of(self) -> str:
        """The as-of date: configured, else the day of the build in ``today_fmt``."""
        if self.config.briefing_as_of:
            return self.config.briefing_as_of
        return time.strftime(self.config.today_fmt or "%d %B %Y")

    def _as_of_iso(self) -> str:
        """A W3C date for the PDF's creation date, only when the as-of date is the build date."""
        return "" if self.config.briefing_as_of else time.strftime("%Y-%m-%d")

    def _source_line(self) -> str:
        """The source of record the book rests on, as the cover names it."""
        sources = list(load_all(self.env)[0].values())
        if not sources:
            return ""
        first = sources[0]
        dated = f" ({first.meta['date_label']})" if first.meta.get("date_label") else ""
        more = f" and {len(sources) - 1} more" if len(sources) > 1 else ""
        return f"Source of record: “{first.headline}”{dated}{more}"

    def _cover_html(self) -> str:
        """The first page; generic HTML so any stylesheet (or none) can print it."""
        config = self.config
        lines = [
            f'<p class="bb-cover-handling">{escape(config.briefing_handling)}</p>',
            '<p class="bb-cover-kind">Briefing book</p>',
            f'<p class="bb-cover-title">{escape(config.project)}</p>',
            f'<p class="bb-cover-subtitle">{escape(config.briefing_subtitle)}</p>' if config.briefing_subtitle else "",
            '<dl class="bb-cover-facts">',
            f"<dt>As of</dt><dd>{escape(self._as_of())}</dd>",
            f"<dt>Edition</dt><dd>{escape(config.release)}</dd>",
            f"<dt>Prepared by</dt><dd>{escape(config.author)}</dd>",
            "</dl>",
            f'<p class="bb-cover-source">{escape(self._source_line())}</p>',
            f'<p class="bb-cover-handling bb-cover-handling-foot">{escape(config.briefing_handling)}</p>',
        ]
        return '<div class="bb-cover" role="doc-cover">' + "\n".join(filter(None, lines)) + "</div>\n"

    def assemble_doctree(self) -> nodes.document:
        """One page for the whole book: unique ids, resolvable links, marked chapters, contents."""
        tree = super().assemble_doctree()
        root = self.config.root_doc
        mark_chapters(tree)
        self.anchors = BookAnchors(tree, root)
        self.anchors.apply(tree, root)
        self._insert_contents(tree)
        for node, target in self.anchors.dangling(tree, root):
            logger.warning(
                "link to #%s, which is not in the book", target,
                type="briefing", subtype="pdf-link", location=node,
            )
        return tree

    def _insert_contents(self, tree: nodes.document) -> None:
        """Print the global contents where the root document's toctree stands."""
        toctree = global_toctree_for_doc(self.env, self.config.root_doc, self, tags=self.tags, collapse=False)
        wrapper = next((n for n in tree.findall(nodes.compound) if "toctree-wrapper" in n["classes"]), None)
        if toctree is None or wrapper is None:
            return
        self.anchors.relink(toctree, self.config.root_doc)
        html = (
            '<nav class="bb-contents" role="doc-toc"><h2 class="bb-contents-title">Contents</h2>'
            f"{self.render_partial(toctree)['fragment']}</nav>"
        )
        wrapper.parent.insert(wrapper.parent.index(wrapper), nodes.raw("", html, format="html"))

    # -- the PDFs -----------------------------------------------------------------------

    def finish(self) -> None:
        super().finish()
        self.write_book()
        self.write_readahead()

    @property
    def basename(self) -> str:
        return self.config.briefing_pdf_basename

    def _stylesheets(self, *files: Path) -> list[Any]:
        css = self._weasyprint.CSS
        configured = page_css(self.config.briefing_paper, self.config.briefing_handling)
        return [css(filename=str(path)) for path in files] + [css(string=configured)]

    def _render(self, html: Any, target: Path, *stylesheets: Path) -> int:
        """Lay out, write the PDF, and return its page count."""
        started = time.perf_counter()
        document = html.render(stylesheets=self._stylesheets(*stylesheets))
        document.write_pdf(str(target), pdf_variant=PDF_VARIANT)
        elapsed = time.perf_counter() - started
        logger.info("%s: %d pages, %d KB in %.1f s", target.name, len(document.pages), target.stat().st_size // 1024, elapsed)
        return len(document.pages)

    @progress_message("writing the PDF book")
    def write_book(self) -> None:
        page = Path(self.outdir, self.config.root_doc + self.out_suffix)
        html = self._weasyprint.HTML(filename=str(page), base_url=str(self.outdir))
        self._render(html, Path(self.outdir, f"{self.basename}.pdf"), PRINT_CSS)

    @progress_message("writing the one-page read-ahead")
    def write_readahead(self) -> None:
        docname = self.config.briefing_readahead_doc
        if docname not in self.env.all_docs:
            raise BriefingPDFError(f"briefing_readahead_doc {docname!r} is not a document of the book")
        html = self._weasyprint.HTML(string=self._readahead_html(docname), base_url=str(self.outdir))
        target = Path(self.outdir, f"{self.basename}-readahead.pdf")
        pages = self._render(html, target, PRINT_CSS, READAHEAD_CSS)
        if pages != 1:
            logger.warning(
                "the read-ahead fills %d pages; it must fit on one (shorten it)", pages,
                type="briefing", subtype="readahead-length", location=docname,
            )

    def _readahead_html(self, docname: str) -> str:
        """A standalone page: cover line, the document's text, the web CSS for components."""
        doctree = self.env.get_and_resolve_doctree(docname, self)
        unlink_internal_references(doctree)
        body = nodes.container("", *doctree.children, classes=["bb-readahead-body"])
        fragment = self.render_partial(body)["fragment"]
        config = self.config
        links = "".join(
            f'<link rel="stylesheet" href="{escape(css.filename)}">' for css in self._css_files
        )
        head = (
            f'<meta charset="utf-8"><title>{escape(config.project)} — Read-ahead</title>'
            f"{self._meta_tags()}{links}"
        )
        cover = (
            '<header class="bb-readahead-cover">'
            f'<p class="bb-readahead-kind">Read-ahead</p>'
            f'<p class="bb-readahead-title">{escape(config.project)}</p>'
            f'<p class="bb-readahead-asof">As of {escape(self._as_of())} · Edition {escape(config.release)}</p>'
            "</header>"
        )
        lang = escape(config.language or "en")
        return f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body class="bb-readahead">{cover}{fragment}</body></html>'


def mark_chapters(tree: nodes.document) -> None:
    """Class each included document's top section ``bb-chapter``: print.css starts pages there."""
    for start in tree.findall(addnodes.start_of_file):
        for section in start.children:
            if isinstance(section, nodes.section):
                section["classes"].append("bb-chapter")


def _walk(node: nodes.Node, docname: str) -> Iterator[tuple[nodes.Element, str]]:
    """Every element of the assembled book with the document it came from."""
    if isinstance(node, addnodes.start_of_file):
        docname = node["docname"]
    if isinstance(node, nodes.Element):
        yield node, docname
        for child in node.children:
            yield from _walk(child, docname)


class BookAnchors:
    """Where every in-book link lands once all documents share one HTML page.

    Single-page HTML keeps each document's own ids, so two chapters' ``key-points``
    sections collide, and a link to another document comes out as
    ``#document-X#id``, which no browser or PDF viewer can follow. Ids used by more
    than one document get the document's name as prefix, and every link is
    rewritten to the one id it means. Links to a whole document go to its first
    section, so page numbers and PDF destinations land on the chapter's first page.
    """

    DOC_PREFIX = "document-"

    def __init__(self, tree: nodes.document, root: str) -> None:
        owners: dict[str, set[str]] = defaultdict(set)
        for node, docname in _walk(tree, root):
            for node_id in node["ids"]:
                owners[node_id].add(docname)
        self.renamed = {
            (docname, node_id): f"{docname}/{node_id}"
            for node_id, docnames in owners.items() if len(docnames) > 1 for docname in docnames
        }
        self.doc_ids: dict[str, str] = {}

    def apply(self, tree: nodes.document, root: str) -> None:
        """Rename colliding ids, note each document's first section, rewrite the links."""
        for node, docname in _walk(tree, root):
            node["ids"] = [self.renamed.get((docname, i), i) for i in node["ids"]]
            if "backrefs" in node:
                node["backrefs"] = [self.renamed.get((docname, i), i) for i in node["backrefs"]]
            if isinstance(node, nodes.section) and node["ids"]:
                self.doc_ids.setdefault(docname, node["ids"][0])
        self.relink(tree, root)

    def relink(self, tree: nodes.Node, root: str) -> None:
        """Point every internal link of ``tree`` at its final id."""
        for node, docname in _walk(tree, root):
            if node.get("refid"):
                node["refid"] = self.target(docname, node["refid"])
            elif isinstance(node, nodes.reference) and node.get("refuri", "").startswith("#"):
                node["refuri"] = "#" + self.target(docname, node["refuri"][1:])

    def target(self, docname: str, fragment: str) -> str:
        """The id that ``#fragment``, written in ``docname``, refers to."""
        if not fragment.startswith(self.DOC_PREFIX):
            return self.renamed.get((docname, fragment), fragment)
        target_doc, _, anchor = fragment.removeprefix(self.DOC_PREFIX).partition("#")
        if anchor:
            return self.renamed.get((target_doc, anchor), anchor)
        return self.doc_ids.get(target_doc, fragment)

    def dangling(self, tree: nodes.document, root: str) -> Iterator[tuple[nodes.Element, str]]:
        """Links whose target id is nowhere in the book."""
        known = {i for node, _doc in _walk(tree, root) for i in node["ids"]}
        known |= {self.DOC_PREFIX + start["docname"] for start in tree.findall(addnodes.start_of_file)}
        for node, _doc in _walk(tree, root):
            if isinstance(node, nodes.reference) and node.get("refuri", "").startswith("#"):
                target = node["refuri"][1:]
            elif isinstance(node, nodes.reference) and node.get("refid"):
                target = node["refid"]
            else:
                continue
            if target not in known:
                yield node, target


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("briefing_pdf_basename", "briefing", "env", types=frozenset({str}))
    app.add_config_value("briefing_paper", "letter", "env", types=frozenset({str}))
    app.add_config_value("briefing_subtitle", "", "env", types=frozenset({str}))
    app.add_config_value("briefing_handling", "UNCLASSIFIED — open-source briefing", "env", types=frozenset({str}))
    app.add_config_value("briefing_as_of", "", "env", types=frozenset({str}))
    app.add_config_value("briefing_readahead_doc", "docs/readahead", "env", types=frozenset({str}))
    app.add_builder(BriefingPDFBuilder)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
