"""The environment's view of the sources of record: lookup, dependencies, load errors.

Sources are read from ``briefing_source_dir`` (relative to the project root) on
demand and cached per file version, so dropping a new file there adds a source
with no code change. A page that uses a source records the file as a dependency,
so editing the source re-reads exactly the pages that place or cite it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..text.addressing import ID, DefaultSource, Span
from ..text.sources import Paragraph, Source, SourceError, load_source, source_files
from .config import settings
from .diagnostics import Check, Location, warn


def source_dir(env: BuildEnvironment) -> Path:
    """The folder that holds the sources of record."""
    return Path(env.srcdir, settings(env.config).source_dir)


@dataclass(frozen=True)
class Library:
    """The sources of one build: every readable source by id, and why the others are not."""

    sources: dict[str, Source]
    errors: list[SourceError]


#: The library of the build in progress, per source folder. Replaced (never grown) at the
#: start of every build, so a long ``make live`` session holds one library per book.
_current: dict[Path, Library] = {}


def load_all(env: BuildEnvironment) -> tuple[dict[str, Source], list[SourceError]]:
    """Every readable source by id, and the errors of those that cannot be read.

    Scanned once per build (see :func:`refresh_sources`): pages ask for their sources
    thousands of times, and a large library must not be re-scanned each time.
    """
    directory = source_dir(env)
    if directory not in _current:
        _current.clear()
        _current[directory] = scan(directory)
    library = _current[directory]
    return library.sources, library.errors


def scan(directory: Path) -> Library:
    """Parse every source file of a folder; a file that cannot be used becomes an error."""
    sources: dict[str, Source] = {}
    errors: list[SourceError] = []
    for path in source_files(directory):
        try:
            source = load_source(path, directory)
        except SourceError as exc:
            errors.append(exc)
            continue
        if source.id in sources:
            errors.append(SourceError(path, 2, f"source id {source.id!r} is also used by {sources[source.id].path}"))
            continue
        sources[source.id] = source
    return Library(sources, errors)


def refresh_sources(app: object, env: BuildEnvironment, docnames: list[str]) -> None:
    """Re-scan the sources at the start of each build; warn about files that cannot be used."""
    _current.clear()
    _named_on_page.clear()
    for error in load_all(env)[1]:
        warn(Check.SOURCE, error.message, error.location)


def failed_ids(env: BuildEnvironment) -> set[str]:
    """Ids (file names) of sources that failed to load: their error was reported once,
    with its file and line, and every reference to them would only repeat it."""
    return {error.path.stem for error in load_all(env)[1]}


#: ``source-id:12`` inside an address.
_NAMED = re.compile(rf"(?<![\w/-])({ID}):\s*¶?\d")
#: Where a page writes addresses: a ``{cite}`` role, a placement or exclusion, a ``:cite:`` option.
_ADDRESSES = re.compile(
    r"\{(?:brief:)?cite\}`(?P<role>[^`]*)`"
    r"|\{source-(?:paragraphs|exclude)\}[ \t]+(?P<directive>[^\n]*)"
    r"|^[ \t]*:cite:[ \t]*(?P<option>[^\n]*)",
    re.MULTILINE,
)
#: A MyST role, ``{name}`text```: its backticks are not code.
_ROLE = re.compile(r"\{[\w:-]+\}`[^`\n]*`")
#: Inline code on one line (roles set aside first).
_INLINE_CODE = re.compile(r"(`+)[^\n]+?\1")
#: A fence line: its marker and what follows it (a directive's ``{name}``, a language, nothing).
_FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*(.*)$")


def _outside_code_blocks(text: str) -> str:
    """The page's lines without its code blocks; directive fences and their content stay."""
    kept: list[str] = []
    open_fences: list[tuple[str, bool]] = []  # (marker, is code)
    for line in text.split("\n"):
        fence = _FENCE.match(line)
        in_code = bool(open_fences) and open_fences[-1][1]
        if fence and open_fences and _closes(fence, open_fences[-1][0]):
            open_fences.pop()
        elif fence and not in_code:
            open_fences.append((fence[1], not fence[2].startswith("{")))
            if fence[2].startswith("{"):
                kept.append(line)
        elif not in_code:
            kept.append(line)
    return "\n".join(kept)


def _closes(fence: re.Match[str], opener: str) -> bool:
    """A bare fence of the same character, at least as long, closes the innermost block."""
    return not fence[2].strip() and fence[1][0] == opener[0] and len(fence[1]) >= len(opener)


def named_sources(text: str) -> set[str]:
    """The source ids a page's addresses name with a prefix, outside code.

    Roles are set aside first, so that their backticks are not read as code, and put
    back after the code is gone (a role shown inside code goes with it).
    """
    roles: list[str] = []

    def aside(match: re.Match[str]) -> str:
        roles.append(match.group())
        return f"\0{len(roles) - 1}\0"

    shown = _INLINE_CODE.sub("", _ROLE.sub(aside, _outside_code_blocks(text)))
    shown = re.sub(r"\0(\d+)\0", lambda match: roles[int(match[1])], shown)
    return {name for match in _ADDRESSES.finditer(shown) for name in _NAMED.findall(match.group(match.lastgroup or 0))}


#: The sources each page names explicitly, noted as its text is read (per process, per build).
_named_on_page: dict[str, frozenset[str]] = {}


def note_named_sources(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: the sources a page names with a prefix, before any of its numbers is read."""
    known = set(load_all(app.env)[0]) | failed_ids(app.env)
    _named_on_page[docname] = frozenset(named_sources(source[0]) & known)


def default_source(env: BuildEnvironment) -> DefaultSource:
    """The source a bare paragraph number refers to on the current page.

    A page that names one source (``other:4``) makes it the default for its bare
    numbers; a page that names several must prefix every number. Otherwise the
    book's ``briefing_default_source``, or its only source. A bare number never
    falls silently to a source the page does not use.
    """
    named = sorted(_named_on_page.get(env.current_document.docname, ()))
    if len(named) == 1:
        return DefaultSource(named[0])
    if named:
        return DefaultSource(why=f"this page names sources {', '.join(named)}; prefix every number, e.g. '{named[0]}:12'")
    configured = settings(env.config).default_source
    sources, errors = load_all(env)
    if configured:
        return DefaultSource(configured)
    if len(sources) == 1:
        return DefaultSource(next(iter(sources)))
    if not sources and len(errors) == 1:
        return DefaultSource(errors[0].path.stem)  # its error was reported once; its citations are not
    everyone = ", ".join(sorted(sources)) or "none"
    return DefaultSource(why=f"the book has several sources ({everyone}) and no briefing_default_source; prefix the number, e.g. 'id:12', or set briefing_default_source in conf.py")


def use_source(env: BuildEnvironment, source_id: str, location: Location) -> Source | None:
    """Look up a source for the current page and make the page depend on its file.

    A reference to a source that failed to load is not reported again: the build
    already failed on that source's own error, which names its file and line.
    """
    source = load_all(env)[0].get(source_id)
    if source is None and source_id in failed_ids(env):
        return None
    if source is None:
        known = ", ".join(sorted(load_all(env)[0])) or "none"
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
    """Scan the sources once at the start of every build; note the sources each page names."""
    app.connect("env-before-read-docs", refresh_sources)
    app.connect("source-read", note_named_sources)
