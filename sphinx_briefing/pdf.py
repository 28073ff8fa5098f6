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

import logging as pylogging
import re
import time
from collections import defaultdict
from collections.abc import Iterator, Set
from contextlib import contextmanager
from html import escape
from pathlib import Path
from types import ModuleType
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html._build_info import BuildInfo
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.errors import SphinxError
from sphinx.util import logging
from sphinx.util.display import progress_message
from sphinx.util.fileutil import copy_asset_file
from sphinx.util.i18n import format_date
from sphinx.util.typing import ExtensionMetadata

from . import __version__
from .registry import load_all

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
#: Print stylesheets, shipped in the extension's static folder and copied to ``_static``.
PRINT_CSS = "print.css"
READAHEAD_CSS = "readahead.css"
#: CSS page sizes by the names users pass as ``PAPER``.
PAPER_SIZES = {"letter": "letter", "a4": "A4"}
PANGO_HINT = "WeasyPrint needs the Pango library: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
PDF_VARIANT = "pdf/ua-1"
#: WeasyPrint draws inline SVG with the SVG's own ``<style>`` only, never the page's CSS,
#: so the timeline graphic gets its print styles inside it (longhand properties only).
TIMELINE_SVG_STYLE = (
    "<style>"
    ".bb-tl-axis{stroke:#b8c2d0;stroke-width:2}"
    ".bb-tl-dot{fill:#1d3557}"
    ".bb-tl-when{font-family:DejaVu Sans;font-size:12px;font-weight:bold;fill:#1d3557}"
    ".bb-tl-title{font-family:DejaVu Serif;font-size:12px;fill:#222222}"
    "</style>"
)
_TIMELINE_SVG_TAG = re.compile(r'<svg\b[^>]*\bclass="bb-timeline-svg"[^>]*>')
_CLOSED_DETAILS = re.compile(r"<details\b(?![^>]*\sopen\b)")
#: Screen stylesheets of this extension; print.css restyles their components for paper.
WEB_ONLY_CSS = frozenset({"briefing.css"})


class BriefingPDFError(SphinxError):
    """Stops the build with a message that says what to install or configure."""

    category = "Briefing PDF error"


def import_weasyprint() -> ModuleType:
    """Import WeasyPrint on demand: other builders must work on machines without Pango."""
    try:
        import weasyprint
    except OSError as exc:  # cffi raises OSError when libpango cannot be loaded
        raise BriefingPDFError(f"{PANGO_HINT} ({exc})") from None
    return weasyprint


class _WeasyPrintErrors(pylogging.Handler):
    """WeasyPrint's errors (a link to a missing anchor, an unreadable file) become Sphinx
    warnings, so ``-W`` fails the build; its other messages are about the web
    stylesheets' screen-only rules and go to Sphinx's debug output."""

    def emit(self, record: pylogging.LogRecord) -> None:
        if record.levelno >= pylogging.ERROR:
            logger.warning("WeasyPrint: %s", record.getMessage(), type="briefing", subtype="pdf")
        else:
            logger.debug("WeasyPrint: %s", record.getMessage())


@contextmanager
def weasyprint_errors_as_warnings() -> Iterator[None]:
    weasyprint_logger = pylogging.getLogger("weasyprint")
    handler = _WeasyPrintErrors()
    weasyprint_logger.addHandler(handler)
    try:
        yield
    finally:
        weasyprint_logger.removeHandler(handler)


def paper_size(paper: str) -> str:
    """The CSS page size for the configured paper; an unknown name fails loudly."""
    size = PAPER_SIZES.get(paper.strip().lower())
    if size is None:
        raise BriefingPDFError(f"briefing_paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    return size


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe for ``content``."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def page_css(paper: str, handling: str, as_of: str) -> str:
    """The configured parts of every page: size, handling banner, as-of date."""
    banner = css_string(handling)
    return (
        f"@page {{ size: {paper_size(paper)}; "
        f"@top-center {{ content: {banner}; }} @bottom-center {{ content: {banner}; }} "
        f"@top-right {{ content: {css_string('As of ' + as_of)}; }} }}"
    )


def for_print(html: str) -> str:
    """Open every dropdown (paper cannot be clicked) and style the timeline graphics."""
    html = _CLOSED_DETAILS.sub("<details open", html)
    return _TIMELINE_SVG_TAG.sub(lambda match: match.group() + TIMELINE_SVG_STYLE, html)


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
    anchors: BookAnchors

    def init(self) -> None:
        """Fail before reading any page when WeasyPrint cannot run here.

        The message is all the user needs (what to install or set), so it ends the
        build as a plain one-line error rather than Sphinx's crash report.
        """
        try:
            self._weasyprint = import_weasyprint()
            paper_size(self.config.briefing_paper)
        except BriefingPDFError as exc:
            raise SystemExit(f"{exc.category}: {exc}") from None
        super().init()
        self._copy_print_css()

    def _copy_print_css(self) -> None:
        """Copy the print stylesheets before any page is written, so the page links them."""
        static = Path(self.outdir, "_static")
        static.mkdir(parents=True, exist_ok=True)
        for name in (PRINT_CSS, READAHEAD_CSS):
            copy_asset_file(STATIC / name, static / name, force=True)

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        """The minimal theme, without sidebars: print.css owns the whole layout."""
        return "basic", {"nosidebar": True}

    # -- the intermediate HTML ------------------------------------------------------

    def init_css_files(self) -> None:
        """Link print.css last. WeasyPrint ranks stylesheets passed to it as *user*
        styles, below every linked (author) sheet such as basic.css; linked last,
        print.css wins the cascade like any page stylesheet."""
        super().init_css_files()
        self.add_css_file(PRINT_CSS, priority=900)

    def add_css_file(self, filename: str, **kwargs: Any) -> None:
        """Leave out the web stylesheet: its screen rules (and its own print rules
        for browsers) would fight print.css, which owns the paper layout."""
        if Path(filename).name not in WEB_ONLY_CSS:
            super().add_css_file(filename, **kwargs)

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        """Add the cover and the PDF metadata to the page."""
        context = super().get_doc_context(docname, body, metatags)
        context["title"] = self.config.project
        context["metatags"] = metatags + self._meta_tags()
        context["body"] = self._cover_html() + for_print(body)
        return context

    def _meta_tags(self) -> str:
        """WeasyPrint copies these into the PDF's Author, Subject and Keywords."""
        fields = {
            "author": self.config.author,
            "description": self._description(),
            "keywords": ", ".join(self._keywords()),
            "dcterms.created": self._build_date("%Y-%m-%d"),
        }
        return "".join(
            f'<meta name="{name}" content="{escape(value)}">\n' for name, value in fields.items() if value
        )

    def _description(self) -> str:
        """The PDF's Subject: what the book covers, which edition, as of when."""
        subtitle = self.config.briefing_subtitle or "Briefing book"
        return f"{subtitle}. Edition {self.config.release}, as of {self._as_of()}."

    def _keywords(self) -> list[str]:
        """The glossary's terms, as the glossary spells them: the book's subject vocabulary."""
        objects = self.env.domains.standard_domain.objects
        return sorted({name for objtype, name in objects if objtype == "term"}, key=str.lower)

    def _as_of(self) -> str:
        """The as-of date: configured, else the day of the build."""
        return self.config.briefing_as_of or self._build_date(self.config.today_fmt or "%d %B %Y")

    def _build_date(self, fmt: str) -> str:
        """Today, or ``SOURCE_DATE_EPOCH`` when set, so rebuilds give the same bytes."""
        return format_date(fmt, language=self.config.language or "en")

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
        handling = f'<p class="bb-cover-handling">{escape(config.briefing_handling)}</p>'
        subtitle = config.briefing_subtitle
        facts = {"As of": self._as_of(), "Edition": config.release, "Prepared by": config.author}
        return "\n".join([
            '<div class="bb-cover">',
            handling,
            '<div class="bb-cover-main">',
            '<p class="bb-cover-kind">Briefing book</p>',
            f'<p class="bb-cover-title">{escape(config.project)}</p>',
            f'<p class="bb-cover-subtitle">{escape(subtitle)}</p>' if subtitle else "",
            '<dl class="bb-cover-facts">',
            *(f"<dt>{name}</dt><dd>{escape(value)}</dd>" for name, value in facts.items() if value),
            "</dl>",
            "</div>",
            '<div class="bb-cover-foot">',
            f'<p class="bb-cover-source">{escape(self._source_line())}</p>',
            handling,
            "</div>",
            "</div>\n",
        ])

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
        toctree = global_toctree_for_doc(
            self.env, self.config.root_doc, self, tags=self.tags, collapse=False, includehidden=True
        )
        wrapper = next((n for n in tree.findall(nodes.compound) if "toctree-wrapper" in n["classes"]), None)
        if toctree is None or wrapper is None:
            return
        self.anchors.relink(toctree, self.config.root_doc)
        html = (
            '<nav class="bb-contents" role="doc-toc"><h2 class="bb-contents-title">Contents</h2>'
            f"{self.render_partial(toctree)['fragment']}</nav>"
        )
        wrapper.parent.insert(wrapper.parent.index(wrapper), nodes.raw("", html, format="html"))

    # -- incremental builds ---------------------------------------------------------------

    def get_outdated_docs(self) -> str | list[str]:  # type: ignore[override]
        """Nothing, when both PDFs are newer than the print styles and the settings match.

        Laying out the PDFs is most of the build; a ``make`` with nothing changed must
        not pay for it. Pages that are read again (edited, or depending on an edited
        source) still trigger a full write, because the builder writes one page.
        """
        return [] if self._pdfs_current() else "all documents"

    def _pdfs_current(self) -> bool:
        targets = [Path(self.outdir, f"{self.basename}.pdf"), Path(self.outdir, f"{self.basename}-readahead.pdf")]
        if not all(target.is_file() for target in targets):
            return False
        try:
            if BuildInfo.load(Path(self.outdir, ".buildinfo")) != self.build_info:
                return False
        except (OSError, ValueError):
            return False
        printed = min(target.stat().st_mtime for target in targets)
        return all((STATIC / name).stat().st_mtime <= printed for name in (PRINT_CSS, READAHEAD_CSS))

    def write_documents(self, docnames: Set[str]) -> None:
        """Write the single page, and remember that the PDFs must be printed from it."""
        super().write_documents(docnames)
        self._page_written = True

    # -- the PDFs -----------------------------------------------------------------------

    def finish(self) -> None:
        """After the HTML and its static files are written, print both PDFs from them."""
        super().finish()
        if getattr(self, "_page_written", False):
            self.write_book()
            self.write_readahead()

    @property
    def basename(self) -> str:
        """File name of the book PDF without ``.pdf``; the read-ahead adds ``-readahead``."""
        return self.config.briefing_pdf_basename

    def _render(self, html: Any, target: Path) -> int:
        """Lay out, write the PDF, and return its page count."""
        started = time.perf_counter()
        configured = page_css(self.config.briefing_paper, self.config.briefing_handling, self._as_of())
        with weasyprint_errors_as_warnings():
            document = html.render(stylesheets=[self._weasyprint.CSS(string=configured)])
            document.write_pdf(str(target), pdf_variant=PDF_VARIANT)
        elapsed = time.perf_counter() - started
        size = target.stat().st_size // 1024
        logger.info("%s: %d pages, %d KB in %.1f s", target.name, len(document.pages), size, elapsed)
        return len(document.pages)

    @progress_message("writing the PDF book")
    def write_book(self) -> None:
        page = Path(self.outdir, self.config.root_doc + self.out_suffix)
        html = self._weasyprint.HTML(filename=str(page), base_url=str(self.outdir))
        self._render(html, Path(self.outdir, f"{self.basename}.pdf"))

    @progress_message("writing the one-page read-ahead")
    def write_readahead(self) -> None:
        docname = self.config.briefing_readahead_doc
        if docname not in self.env.all_docs:
            logger.warning(
                "briefing_readahead_doc %r is not a document of the book; no read-ahead written", docname,
                type="briefing", subtype="readahead-missing",
            )
            return
        html = self._weasyprint.HTML(string=self._readahead_html(docname), base_url=str(self.outdir))
        target = Path(self.outdir, f"{self.basename}-readahead.pdf")
        pages = self._render(html, target)
        if pages != 1:
            logger.warning(
                "the read-ahead fills %d pages; it must fit on one (shorten it)", pages,
                type="briefing", subtype="readahead-length", location=docname,
            )

    def _readahead_html(self, docname: str) -> str:
        """A standalone page: cover line and the document's text, with the book's stylesheets
        (sphinx-design for components, print.css) and readahead.css on top."""
        doctree = self.env.get_and_resolve_doctree(docname, self)
        unlink_internal_references(doctree)
        body = nodes.container("", *doctree.children, classes=["bb-readahead-body"])
        fragment = for_print(self.render_partial(body)["fragment"])
        config = self.config
        sheets = [css.filename for css in sorted(self._css_files, key=lambda css: css.priority)]
        links = "".join(
            f'<link rel="stylesheet" href="{escape(name)}">' for name in [*sheets, f"_static/{READAHEAD_CSS}"]
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
        body = f'<body class="bb-readahead">{cover}{fragment}</body>'
        return f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head>{body}</html>'


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
    # Output-only settings: changing one rewrites the PDFs without re-reading the pages.
    app.add_config_value("briefing_pdf_basename", "briefing", "html", types=frozenset({str}))
    app.add_config_value("briefing_paper", "letter", "html", types=frozenset({str}))
    app.add_config_value("briefing_subtitle", "", "html", types=frozenset({str}))
    app.add_config_value("briefing_handling", "UNCLASSIFIED — open-source briefing", "html", types=frozenset({str}))
    app.add_config_value("briefing_as_of", "", "html", types=frozenset({str}))
    app.add_config_value("briefing_readahead_doc", "docs/readahead", "html", types=frozenset({str}))
    app.add_builder(BriefingPDFBuilder)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
