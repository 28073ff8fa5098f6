"""The one-page read-ahead PDF, offered as a download on the web read-ahead page.

The web build prints the read-ahead itself (with the PDF builder's Typst translator,
made by Sphinx's registry, see :func:`pdf.print_readahead`), so ``sphinx-build -b html`` needs no
earlier PDF build. ``{readahead-download}`` becomes Sphinx's own
``download_reference`` in builders that ship downloads (``download_support``);
their translators write the link relative to each page's ``_downloads`` path.
Where there is nothing to download (the PDF itself, EPUB, LaTeX, text) the
directive leaves no trace.

The file is printed into ``_downloads/`` directly rather than registered in
``env.dlfiles``: that table is filled while pages are read, before the PDF can
exist, and names files by a digest of their source path, which for a file made
in the build folder would change the page's bytes with the folder's location.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..domain.brief import briefing_domain
from ..model.entries import Download
from ..model.nodes import readahead_download
from ..model.state import state
from ..model.vocabulary import READAHEAD_DOWNLOAD
from .pdf import print_readahead, readahead_doctree, readahead_translator

DOWNLOADS = "_downloads"
LINK_TEXT = "Download the one-page read-ahead (PDF)"


class ReadaheadDownload(SphinxDirective):
    """``{readahead-download}``: a link to the printed one-page read-ahead."""

    def run(self) -> list[nodes.Node]:
        briefing_domain(self.env).note(Download(self.env.current_document.docname, self.lineno))
        node = readahead_download()
        self.set_source_info(node)
        return [node]


def ships_downloads(app: Sphinx) -> bool:
    """The builder publishes ``{download}`` files (Sphinx's HTML builders; not EPUB)."""
    return bool(getattr(app.builder, "download_support", False))


def place_readahead_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make each ``{readahead-download}`` a download link, or drop it where nothing ships.

    Runs when the page's references are resolved, on every builder, so the PDF
    book, EPUB and text builds never meet the placeholder.
    """
    name = state(app.env).settings.readahead_name
    for node in list(doctree.findall(readahead_download)):
        if ships_downloads(app):
            link = addnodes.download_reference("", "", reftarget=name, filename=name, refexplicit=True)
            link += nodes.inline(LINK_TEXT, LINK_TEXT)
            node.replace_self(nodes.paragraph("", "", link, classes=[READAHEAD_DOWNLOAD]))
        else:
            node.parent.remove(node)


def ship_readahead(app: Sphinx, exception: Exception | None) -> None:
    """Print the read-ahead into a web build's downloads, when a page links it.

    The Typst sources and the stamp stay in the doctree folder, which is not
    published; an unchanged read-ahead is not printed again.
    """
    if exception is not None or not ships_downloads(app):
        return
    if not any(True for _ in briefing_domain(app.env).downloads()):  # type: ignore[attr-defined]
        return
    doctree = readahead_doctree(app.builder, offered=True)
    if doctree is None:
        return
    for link in [para for para in doctree.findall(nodes.paragraph) if READAHEAD_DOWNLOAD in para["classes"]]:
        link.parent.remove(link)
    target = Path(app.outdir, DOWNLOADS, state(app.env).settings.readahead_name)
    print_readahead(readahead_translator(app, doctree), Path(app.doctreedir, "briefing-readahead"), target)


def setup_downloads(app: Sphinx) -> None:
    """``{readahead-download}``, its link (or its removal), and the printing after a web build."""
    app.add_directive("readahead-download", ReadaheadDownload)
    app.add_node(readahead_download)
    app.connect("doctree-resolved", place_readahead_link)
    app.connect("build-finished", ship_readahead)
