"""A warning lasts until it is fixed: a page that warned is read again on the next build.

Sphinx warns about a page only while reading or writing it, and an incremental build
reads only the pages that changed. So a strict build that failed on a misquote
passed when run a second time, with the misquote still in the book (Sphinx issue
#725). The extension records, for each build, the pages that any warning names, and
asks Sphinx to read them again next time (``env-get-outdated``); their warnings come
back until the page is fixed. A warning that names no page (a source file, the
configuration) re-reads the root page, which is enough to run the whole-book checks
(coverage, glossary use) again.

The record is a small file beside the builder's doctrees, written when the build
finishes. Warnings from parallel workers reach it too: Sphinx replays them in the
main process.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import NAMESPACE, WarningSuppressor, get_node_location

RECORD = "briefing-warned.json"


class WarnedPages(logging.Handler):
    """Notes the page each warning of this build names."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.addFilter(WarningSuppressor(app))
        self.env = app.env
        self.root = app.config.root_doc
        self.pages: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        self.pages.add(self.page_of(getattr(record, "location", None)) or self.root)

    def page_of(self, location: Any) -> str | None:
        """The docname a warning's location names, in any form Sphinx accepts: a node,
        ``(docname, line)``, a docname, or ``path:line``."""
        if isinstance(location, tuple):
            return location[0] or None
        if isinstance(location, nodes.Node):
            location = get_node_location(location)
        if not isinstance(location, str) or location.startswith("<"):
            return None
        if location in self.env.found_docs:
            return location
        path, colon, line = location.rpartition(":")
        page = self.env.path2doc(path if colon and (line.isdigit() or not line) else location)
        return page if page in self.env.found_docs else None  # a source file is not a page


def _record_file(env: BuildEnvironment) -> Path:
    return Path(env.doctreedir, RECORD)


def read_warned_pages(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Start listening for this build's warnings, and re-read the last build's warned pages."""
    stop_listening(app)
    app.briefing_warned = WarnedPages(app)  # type: ignore[attr-defined]
    logging.getLogger(NAMESPACE).addHandler(app.briefing_warned)  # type: ignore[attr-defined]
    try:
        pages = json.loads(_record_file(env).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [page for page in pages if isinstance(page, str) and page in env.found_docs]


def stop_listening(app: Sphinx) -> set[str]:
    """Detach this build's listener; the pages it noted."""
    handler = getattr(app, "briefing_warned", None)
    if handler is None:
        return set()
    logging.getLogger(NAMESPACE).removeHandler(handler)
    del app.briefing_warned  # type: ignore[attr-defined]
    return handler.pages


def write_warned_pages(app: Sphinx, exception: Exception | None) -> None:
    """Keep the pages this build warned about for the next build (none: the record goes)."""
    pages = stop_listening(app)
    record = _record_file(app.env)
    if pages:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(sorted(pages)), encoding="utf-8")
    else:
        record.unlink(missing_ok=True)


def setup_lasting_warnings(app: Sphinx) -> None:
    app.connect("env-get-outdated", read_warned_pages)
    app.connect("build-finished", write_warned_pages)
