"""The one-page read-ahead PDF, offered as a download on the web read-ahead page.

The PDF builder prints the read-ahead; the web build ships a copy in
``_downloads/`` and ``{readahead-download}`` links it. On paper and in EPUB the
link has nothing to point to, so there the directive leaves no trace. If the PDF
has not been built yet the web build says so (``make pdf`` first), rather than
publishing a dead link.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .diagnostics import warn
from .tables import to_root

DOWNLOADS = "_downloads"
WEB_BUILDERS = ("html", "dirhtml")


class readahead_download(nodes.General, nodes.Element):
    """Where the download link goes; replaced or removed before any writer sees it."""


class ReadaheadDownload(SphinxDirective):
    """``{readahead-download}``: a link to the printed one-page read-ahead."""

    def run(self) -> list[nodes.Node]:
        self.env.domains["brief"].add("downloads", self.env.current_document.docname, "readahead")
        node = readahead_download()
        self.set_source_info(node)
        return [node]


def readahead_pdf(app_or_env: Any) -> Path:
    """Where the PDF builder leaves the read-ahead (``briefing_readahead_pdf``)."""
    config = app_or_env.config
    return Path(app_or_env.srcdir, config.briefing_readahead_pdf.format(basename=config.briefing_pdf_basename))


class LinkReadahead(SphinxPostTransform):
    """On the web: a download link to the copy shipped in ``_downloads/``."""

    default_priority = 3
    builders = WEB_BUILDERS

    def run(self, **kwargs: Any) -> None:
        prefix = to_root(self.env.current_document.docname)
        name = readahead_pdf(self.env).name
        for node in list(self.document.findall(readahead_download)):
            link = nodes.reference("", "Download the one-page read-ahead (PDF)", refuri=f"{prefix}{DOWNLOADS}/{name}")
            node.replace_self(nodes.paragraph("", "", link, classes=["bb-readahead-download"]))


class DropReadahead(SphinxPostTransform):
    """Everywhere else (the PDF itself, EPUB, LaTeX, text): nothing to link."""

    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(readahead_download)):
            node.parent.remove(node)


def ship_readahead(app: Sphinx, exception: Exception | None) -> None:
    """Copy the printed read-ahead into a web build's downloads, or say why it is missing.

    Only books that link the download need the file.
    """
    if exception is not None or app.builder.name not in WEB_BUILDERS:
        return
    if not any(True for _ in app.env.domains["brief"].entries("downloads")):  # type: ignore[attr-defined]
        return
    source = readahead_pdf(app)
    if not source.is_file():
        warn("readahead-pdf", f"the read-ahead PDF {source} does not exist yet; build it first with 'make pdf'", None)
        return
    target = Path(app.outdir, DOWNLOADS, source.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
