"""The build state: everything a build knows beyond Sphinx's own, in one typed object.

Sphinx keeps what it knows on the environment; the extension keeps what it knows
here, in one :class:`BuildState` on the environment, reached through :func:`state`.
It is made at ``builder-inited`` for every build (and for every builder of one
Read the Docs run), so two books built in one process never share anything, and
a module of the package keeps no state of its own.

What a pickle of the environment keeps (the saved environment, and the copy a
parallel reader sends back) and what is made again:

- **kept:** ``known_sources``, the source ids the last build read, so that a
  source added or removed re-reads every page, and ``sources_shown``, a digest of
  each source file the last build read, so that an edited source re-reads every
  page (see :mod:`records.freshness`);
  ``owed``, the warnings the last build owes the next one (:class:`OwedWarnings`,
  see :mod:`.lasting_warnings`);
- **made again every build, never pickled:** ``settings``, the snapshot of the
  briefing settings; ``library``, the sources parsed once per build, on first use;
  ``page_sources``, the sources each page places, noted as its text is read;
  ``told``, the pages already told that their bare numbers need a prefix;
  ``fingerprint_before``, what the generated pages showed before reading,
  ``names_before``, the names every page showed of the others before reading, and
  ``sources_edited``, whether a source's words changed since the last build;
  ``listener``, the handler that notes the pages this build warns about, and ``once``,
  the filter that says each warning once per place; ``unread``, the pages this build
  reads again and has not yet cleared, and ``placed`` and ``printed``, what the pages
  read so far place and print once; ``judged``, why each picture or download file
  named so far may not be published (a file is read once a build, however often named);
  ``closest_searched``, how many misquotes of each page had the source searched for the
  closest text.

Per-document facts (placements, citations, records…) are not here: they live in
the ``brief`` domain's tables, which Sphinx merges from parallel readers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.environment import BuildEnvironment

from ..text.sources import Library, scan
from .config import BriefingConfig

#: The attribute of the environment that holds the state.
ATTRIBUTE = "briefing_state"


@dataclass(frozen=True)
class PageSources:
    """The sources a page's placements name: each prefixed id, and whether a bare
    number places paragraphs of the book's default source."""

    named: frozenset[str] = frozenset()
    bare: bool = False


@dataclass
class OwedWarnings:
    """What a build owes the next: the pages whose warnings must come back, and whether the
    build ran to its end (if not, some pages' warnings are unknown)."""

    pages: set[str] = field(default_factory=set)
    finished: bool = False

    @property
    def readable(self) -> bool:
        """A state another version of the code pickled may not hold what this one expects."""
        return isinstance(self.pages, set) and all(isinstance(page, str) for page in self.pages)


@dataclass
class BuildState:
    """What the extension knows during one build; see the module's docstring for what
    survives a pickle."""

    settings: BriefingConfig
    source_dir: Path
    known_sources: tuple[str, ...] = ()
    #: The source files (name, digest of the bytes) the last build read.
    sources_shown: tuple[tuple[str, str], ...] = ()
    #: What the last build left owed; None when the saved environment held no readable record.
    owed: OwedWarnings | None = None
    _library: Library | None = field(default=None, init=False, repr=False)
    page_sources: dict[str, PageSources] = field(default_factory=dict, repr=False)
    told: set[str] = field(default_factory=set, repr=False)
    fingerprint_before: str | None = None
    #: What every page showed of the others before reading (titles, headings, labels).
    names_before: str | None = None
    #: A source's words changed since the last build: every page is read again.
    sources_edited: bool = False
    listener: logging.Handler | None = field(default=None, repr=False)
    #: This build's filter that says each warning once per place, while the build runs.
    once: logging.Filter | None = field(default=None, repr=False)
    #: The book's folder: the source folder must lie inside it.
    project: Path | None = None
    #: The pages this build reads again and has not yet cleared: their entries in the
    #: domain are the last build's, until Sphinx clears each just before reading it.
    unread: set[str] = field(default_factory=set, repr=False)
    #: The paragraphs (source id, number) that pages read so far place, made on first use.
    placed: set[tuple[str, int]] | None = field(default=None, repr=False)
    #: What pages read so far print once (an annex, a generated page), with the entry that
    #: prints it; made on first use.
    printed: dict[tuple[str, str], Any] | None = field(default=None, repr=False)
    #: Each picture or download file judged this build (path as written, the types it may
    #: have), and why it may not be published, or None.
    judged: dict[tuple[Path, frozenset[str]], Any] = field(default_factory=dict, repr=False)
    #: How many misquotes of each page have had their closest source text searched for.
    closest_searched: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def library(self) -> Library:
        """The sources of this build, parsed once, on first use (a no-change rebuild
        that reads no page and writes no page never parses them)."""
        if self._library is None:
            self._library = scan(self.source_dir, self.project)
        return self._library

    def rescan(self) -> Library:
        """Read the source folder again (at the start of reading: a file may have changed)."""
        self._library = None
        self.page_sources.clear()
        self.told.clear()
        return self.library

    def __getstate__(self) -> dict[str, Any]:
        kept = dict(self.__dict__)
        kept.update(
            _library=None,
            page_sources={},
            told=set(),
            fingerprint_before=None,
            names_before=None,
            sources_edited=False,
            listener=None,
            once=None,
            unread=set(),
            placed=None,
            printed=None,
            judged={},
            closest_searched={},
        )
        return kept


def start(env: BuildEnvironment, settings: BriefingConfig) -> BuildState:
    """A new state for this build, keeping what the saved environment knew."""
    previous = getattr(env, ATTRIBUTE, None)
    if not isinstance(previous, BuildState):
        previous = BuildState(settings, Path())
    owed = previous.owed if isinstance(previous.owed, OwedWarnings) and previous.owed.readable else None
    fresh = BuildState(
        settings,
        Path(env.srcdir, settings.source_dir),
        previous.known_sources,
        previous.sources_shown,
        owed,
        project=Path(env.srcdir),
    )
    setattr(env, ATTRIBUTE, fresh)
    return fresh


def state(env: BuildEnvironment) -> BuildState:
    """The build state of this environment (made at ``builder-inited``)."""
    current = getattr(env, ATTRIBUTE, None)
    if not isinstance(current, BuildState):
        raise RuntimeError("the briefing build state is made at builder-inited; this environment has none")
    return current
