"""The sources of one build as pages use them: lookup, dependencies, load errors, and
what a bare paragraph number means on each page.

Sources are read from ``briefing_source_dir`` (relative to the project root) once
per build (:class:`~.state.BuildState`), so dropping a new file there adds a source
with no code change. A page that uses a source records the file as a dependency,
so editing the source re-reads exactly the pages that place or cite it.

**What a bare number means** is decided here, once per page, by one rule: a bare
number (``12``) means the page's source — the one source whose paragraphs the page
places (``source-paragraphs`` or ``source-exclude``; a bare placement places the
book's default source) — otherwise the book's default (``briefing_default_source``,
or its only source). Citing another source (``{cite}`other:4```) never changes what
the page's bare numbers mean. A page that places paragraphs of two sources must
prefix every number, and the build says so once for the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..text.addressing import ID, AddressError, DefaultSource, Span, parse_address
from ..text.fences import OPENING, closes, code_opening
from ..text.sources import Paragraph, Source
from .config import PREFIX, BriefingConfig, assigned_at
from .diagnostics import Check, Location, warn
from .state import PageSources, start, state


def source_dir(env: BuildEnvironment) -> Path:
    """The folder that holds the sources of record."""
    return state(env).source_dir


def load_all(env: BuildEnvironment) -> tuple[dict[str, Source], tuple[Exception, ...]]:
    """Every readable source by id, and the errors of those that cannot be read
    (scanned once per build: pages ask for their sources thousands of times)."""
    library = state(env).library
    return library.sources, library.errors


def failed_ids(env: BuildEnvironment) -> frozenset[str]:
    """Ids (file names) of sources that failed to load: their error was reported once,
    with its file and line, and every reference to them would only repeat it."""
    return state(env).library.failed_ids


def begin_build(app: Sphinx) -> None:
    """A new build state for every build, with a snapshot of the settings."""
    start(app.env, BriefingConfig.of(app.config))


def refresh_sources(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Re-scan the sources before pages are read; warn about files that cannot be used,
    and about a default source the book does not have."""
    state(env).unread, state(env).placed, state(env).printed = set(docnames), None, None
    library = state(env).rescan()
    for error in library.errors:
        warn(Check.SOURCE, error.message, error.location)
    configured = state(env).settings.default_source
    if configured and not library.knows(configured):
        known = ", ".join(sorted(library.sources)) or "none"
        warn(
            Check.CONFIG,
            f"briefing_default_source {configured!r} is not a source of this book (its sources: {known}); "
            "bare paragraph numbers are read as if it were unset",
            assigned_at(app, PREFIX + "default_source"),
        )


# -- what a page's bare numbers mean ------------------------------------------------------

#: A placement or exclusion line and its address (the directive's argument).
_PLACEMENT = re.compile(
    r"^[ \t]*(?:`{3,}|~{3,}|:{3,})[ \t]*\{source-(?:paragraphs|exclude)\}[ \t]*(?P<address>[^\n]*)$", re.MULTILINE
)
#: A prefix inside an address: ``source-id:``.
_PREFIX = re.compile(rf"^\s*({ID})\s*:")


def _outside_code_blocks(text: str) -> str:
    """The page's lines without its code blocks; directive fences and their content stay
    (a page that shows a placement as an example does not place anything). A code block
    is skipped only where one opens for certain (:func:`..text.fences.code_opening`):
    reading too much is safe, skipping too much hid the page's placements."""
    kept: list[str] = []
    open_fences: list[tuple[str, bool]] = []  # (marker, is code)
    for line in text.split("\n"):
        in_code = bool(open_fences) and open_fences[-1][1]
        if open_fences and closes(line, open_fences[-1][0]):
            open_fences.pop()
        elif in_code:
            continue
        elif (opening := OPENING.match(line)) and opening["info"].startswith("{"):
            open_fences.append((opening["fence"], False))
        elif marker := code_opening(line):
            open_fences.append((marker, True))
            continue
        kept.append(line)
    return "\n".join(kept)


def placed_sources(text: str) -> PageSources:
    """The sources a page's placements and exclusions name, read from its text before any
    of its numbers is parsed. Each group of an address takes the prefix before it
    (``a:2, 5`` is ``a:2, a:5``); a group with none places the book's default source.
    Linear in the page's length."""
    named: set[str] = set()
    bare = False
    for match in _PLACEMENT.finditer(_outside_code_blocks(text)):
        current = ""
        for group in match["address"].split(","):
            prefix = _PREFIX.match(group)
            current = prefix[1] if prefix else current
            if current:
                named.add(current)
            else:
                bare = True
    return PageSources(frozenset(named), bare)


def note_page_sources(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: the sources a page places, before any of its numbers is read."""
    state(app.env).page_sources[docname] = placed_sources(source[0])


def book_default(env: BuildEnvironment) -> DefaultSource:
    """The book's default source: the configured one, else the only source."""
    configured = state(env).settings.default_source
    library = state(env).library
    if configured and library.knows(configured):
        return DefaultSource(configured)
    if len(library.sources) == 1:
        return DefaultSource(next(iter(library.sources)))
    if not library.sources and len(library.errors) == 1:
        return DefaultSource(library.errors[0].path.stem)  # its error was reported once; its citations are not
    everyone = ", ".join(sorted(library.sources)) or "none"
    return DefaultSource(
        why=f"the book has several sources ({everyone}) and no briefing_default_source: a bare number "
        "names no source; prefix it ('id:12') or set briefing_default_source in conf.py"
    )


def default_source(env: BuildEnvironment) -> DefaultSource:
    """What a bare paragraph number means on the current page (the rule in the module's
    docstring)."""
    placed = state(env).page_sources.get(env.current_document.docname, PageSources())
    fallback = book_default(env)
    sources = set(placed.named) | ({fallback.id or "the book's default"} if placed.bare else set())
    if len(sources) == 1 and placed.named:
        return DefaultSource(next(iter(placed.named)))
    if len(sources) > 1:
        return DefaultSource(
            why=f"this page places paragraphs of {len(sources)} sources ({', '.join(sorted(sources))}), so a "
            "bare number could mean either: prefix every number on the page ('id:12')",
            once=True,
        )
    return fallback


def address_spans(
    env: BuildEnvironment, address: str, location: Location, what: str, max_groups: int | None = None
) -> list[Span] | None:
    """The spans of an address as written on the current page; a malformed one is a
    warning naming the address and the rule (None). A page whose bare numbers are
    ambiguous is told once, at its first bare number; its other bare numbers are
    left unresolved without repeating it."""
    rule = default_source(env)
    try:
        return parse_address(address, rule, max_groups)
    except AddressError as exc:
        docname = env.current_document.docname
        if not (rule.once and str(exc) == rule.why and docname in state(env).told):
            warn(Check.ADDRESS, f"{what} {address!r}: {exc}", location)
        if rule.once and str(exc) == rule.why:
            state(env).told.add(docname)
        return None


# -- sources and paragraphs a page uses -----------------------------------------------------


def use_source(env: BuildEnvironment, source_id: str, location: Location) -> Source | None:
    """Look up a source for the current page and make the page depend on its file.

    A reference to a source that failed to load is not reported again: the build
    already failed on that source's own error, which names its file and line.
    """
    library = state(env).library
    source = library.sources.get(source_id)
    if source is None and source_id in library.failed_ids:
        return None
    if source is None:
        known = ", ".join(sorted(library.sources)) or "none"
        warn(Check.UNKNOWN_SOURCE, f"unknown source {source_id!r} (known sources: {known})", location)
        return None
    env.note_dependency(str(source.path))
    return source


def use_paragraphs(env: BuildEnvironment, span: Span, location: Location) -> list[Paragraph]:
    """The paragraphs of a span; a span that runs past the source is one warning, never
    one per missing number, and is checked before anything is counted."""
    source = use_source(env, span.source_id, location)
    if source is None:
        return []
    count = len(source.paragraphs)
    if span.last > count:
        warn(
            Check.UNKNOWN_PARAGRAPH,
            f"source {span.source_id!r} has no paragraph {span.label if span.first > count else f'¶{count + 1}–{span.last}'} "
            f"(it has ¶1–¶{count})",
            location,
        )
    return list(source.paragraphs_in(span.first, span.last))


def setup_registry(app: Sphinx) -> None:
    """A build state for every build; the sources scanned before reading; the sources
    each page places noted as its text is read."""
    app.connect("builder-inited", begin_build)
    app.connect("env-before-read-docs", refresh_sources)
    app.connect("source-read", note_page_sources)
