"""A warning lasts until it is fixed, whatever stops a build.

Sphinx warns about a page only while reading or writing it, and an incremental build
reads only the pages that changed. So a strict build that failed on a misquote
passed when run a second time, with the misquote still in the book (Sphinx issue
#725). The pages each build warns about are owed a new reading: the next build
reads them again (``env-get-outdated``), and their warnings come back until the page
is fixed. A warning that names no page (a source file, the configuration, the
whole-book checks) is owed by the root page, whose reading runs those checks again.

The debt is kept where Sphinx keeps what it knows of the book: in the environment,
in the build state (:class:`~.state.OwedWarnings` in :attr:`~.state.BuildState.owed`),
saved with it. Sphinx
saves the environment once the pages are read, before it checks the whole book and
writes the pages; the state it saves then says *unfinished*. When the build has run
to its end, the state is marked finished, with every page any phase warned about,
and the environment is saved again. So a build stopped at any moment after the
first save (out of memory, a CI timeout, a kill) leaves an unfinished state, and the
next build reads every page again, saying so; so does a state that cannot be read.
Warnings from parallel workers count too: Sphinx replays them in the main process.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging as sphinx_logging
from sphinx.util.logging import NAMESPACE, WarningSuppressor, get_node_location

from .diagnostics import OncePerPlace
from .diagnostics import logger as briefing_logger
from .state import OwedWarnings, state

logger = sphinx_logging.getLogger(__name__)


class WarnedPages(logging.Handler):
    """Notes, in the build's state, the page each warning of this build names."""

    def __init__(self, app: Sphinx, owed: OwedWarnings) -> None:
        super().__init__(logging.WARNING)
        self.addFilter(WarningSuppressor(app))
        self.env = app.env
        self.root = app.config.root_doc
        self.owed = owed
        self.saved = False

    def emit(self, record: logging.LogRecord) -> None:
        self.owed.pages.add(self.page_of(getattr(record, "location", None)) or self.root)

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


def read_owed_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: the pages the last build owes a reading (every page, saying
    so, when it did not finish); then start this build's state, unfinished."""
    owed = _owed_pages(env)
    stop_listening(app)
    build = state(env)
    build.owed = OwedWarnings()
    build.listener = WarnedPages(app, build.owed)
    logging.getLogger(NAMESPACE).addHandler(build.listener)
    build.once = OncePerPlace()
    briefing_logger.logger.addFilter(build.once)
    return owed


def _owed_pages(env: BuildEnvironment) -> list[str]:
    if not env.all_docs:
        return []  # a fresh environment: every page is read anyway
    owed = state(env).owed
    if owed is None or not owed.finished:
        why = "cannot be read" if owed is None else "was left by a build that did not finish"
        logger.info(f"briefing: the record of the warnings the last build owes {why}; every page is read again")
        return sorted(env.found_docs)
    return sorted(owed.pages & env.found_docs)


def note_saved(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: Sphinx has just saved the environment, unfinished."""
    handler = state(env).listener
    if isinstance(handler, WarnedPages):
        handler.saved = True


def stop_listening(app: Sphinx) -> WarnedPages | None:
    """Detach this build's listener (and its once-per-place filter), and return the listener."""
    build = state(app.env)
    if build.once is not None:
        briefing_logger.logger.removeFilter(build.once)
        build.once = None
    handler, build.listener = build.listener, None
    if handler is not None:
        logging.getLogger(NAMESPACE).removeHandler(handler)
    return handler if isinstance(handler, WarnedPages) else None


def finish(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: a build that ran to its end marks its state finished, with every
    page it warned about, and saves it with the environment (atomically). A build that
    read nothing and warned about nothing leaves the saved environment as it was."""
    handler = stop_listening(app)
    if exception is not None or handler is None:
        return
    handler.owed.finished = True
    if handler.saved or handler.owed.pages:
        _save_environment(app)


def _save_environment(app: Sphinx) -> None:
    """Write the environment where Sphinx keeps it, as Sphinx does (``pickle``)."""
    target = Path(app.doctreedir, ENV_PICKLE_FILENAME)
    # Sphinx caches the root page's doctree on the environment while writing (a cached
    # property its own pickle comes too early to hold); saved now, the next build would
    # draw every page's navigation from this build's root page, whatever its toctree says.
    app.env.__dict__.pop("master_doctree", None)
    try:
        data = pickle.dumps(app.env, pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        logger.info(f"briefing: the environment could not be saved again ({error}); the next build reads every page")
        return
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    partial.replace(target)


def setup_lasting_warnings(app: Sphinx) -> None:
    app.connect("env-get-outdated", read_owed_pages)
    app.connect("env-check-consistency", note_saved)
    app.connect("build-finished", finish, priority=900)  # last: other handlers' warnings count too
