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
from html import escape
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
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


def paper_css(paper: str) -> str:
    """The ``@page`` size rule for the configured paper; unknown names fail loudly."""
    size = PAPER_SIZES.get(paper.strip().lower())
    if size is None:
        raise BriefingPDFError(f"briefing_paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    return f"@page {{ size: {size}; }}"


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
        paper_css(self.config.briefing_paper)
        super().init()

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        """The minimal theme, without sidebars: print.css owns the whole layout."""
        return "basic", {"nosidebar": True}

    # -- the intermediate HTML ------------------------------------------------------

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        """Add the cover, the contents with page numbers and the PDF metadata to the page."""
        context = super().get_doc_context(docname, body, metatags)
        context["title"] = self.config.project
        context["metatags"] = metatags + self._meta_tags()
        context["body"] = self._cover_html() + self._contents_html(context["toc"]) + body
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

    @staticmethod
    def _contents_html(toc: str) -> str:
        """The global table of contents; print.css adds leaders and page numbers."""
        if not toc:
            return ""
        return f'<nav class="bb-contents" role="doc-toc"><h2 class="bb-contents-title">Contents</h2>{toc}</nav>\n'

    def assemble_doctree(self) -> nodes.document:
        """Mark each included document's top section so print.css can start chapters on it."""
        tree = super().assemble_doctree()
        for start in tree.findall(_is_start_of_file):
            for section in start.children:
                if isinstance(section, nodes.section):
                    section["classes"].append("bb-chapter")
        return tree

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
        return [css(filename=str(path)) for path in files] + [css(string=paper_css(self.config.briefing_paper))]

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


def _is_start_of_file(node: nodes.Node) -> bool:
    from sphinx import addnodes

    return isinstance(node, addnodes.start_of_file)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("briefing_pdf_basename", "briefing", "env", types=frozenset({str}))
    app.add_config_value("briefing_paper", "letter", "env", types=frozenset({str}))
    app.add_config_value("briefing_subtitle", "", "env", types=frozenset({str}))
    app.add_config_value("briefing_handling", "UNCLASSIFIED — open-source briefing", "env", types=frozenset({str}))
    app.add_config_value("briefing_as_of", "", "env", types=frozenset({str}))
    app.add_config_value("briefing_readahead_doc", "docs/readahead", "env", types=frozenset({str}))
    app.add_builder(BriefingPDFBuilder)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
