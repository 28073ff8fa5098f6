"""When the generated pages must be written again, and when every page must be read again.

Who's who, timeline, key figures, coverage, the annex's notes and the glossary's
"used in" lines are filled from the whole book while writing; their own doctrees
hold only placeholders. So they never need re-reading, only re-writing, and only
when what they show changed: the domain's data, a page title, or a source file.
A fingerprint of the data and titles is taken before reading and compared after;
the source files are compared, by content, with what the last build read, kept in
the build state (a fingerprint taken before reading would already see an edited
file). A source whose words changed makes every page read again: Sphinx re-reads a
page only when a file it depends on is newer, so an edit dated back was missed, and
pages read while a source could not be loaded do not depend on it at all. Editing
prose that changes none of them rebuilds just the edited page, as plain Sphinx would.

Every page also shows the others' names: each page's navigation lists the book's
titles and headings, a ``{ref}`` or ``{doc}`` prints the title it names, a term's
preview its definition, and a record's link its label. Sphinx
writes again only the pages it reads, so a corrected heading kept its old words on
every other page until a clean build (red team R). A second digest, of the titles,
each page's headings, the tables of contents and the labels' titles, taken before
reading and compared after, writes every page again when it changed.

A change to the extension itself (a new toolkit version, an edited check or writer)
can change every page, so the extension's ``env_version``, which Sphinx compares with
the saved environment's, is taken from a digest of its code and templates: any change
reads and writes every page again, on every builder.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..domain.brief import TABLES, briefing_domain
from ..model.library import source_dir
from ..model.state import state
from ..text.sources import MAX_SOURCE_BYTES, source_files
from .glossary import definitions

#: The package root: every layer's code, templates and assets count.
PACKAGE = Path(__file__).parent.parent


def code_digest(package: Path = PACKAGE) -> str:
    """A digest of this package's code, templates and web assets: a change re-prints the PDF
    and re-reads and re-writes every page (whose links carry the assets' checksums)."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".typ", ".css", ".js", ".html"} and path.is_file():
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def env_version() -> int:
    """The extension's ``env_version``: Sphinx wants an int, and rebuilds when it differs."""
    return int(code_digest()[:15], 16)


def _serialise(value: Any) -> Any:
    """Entries are dataclasses and record bodies docutils nodes: their fields and
    pseudo-XML are stable text forms."""
    if isinstance(value, nodes.Node):
        return value.pformat()
    if dataclasses.is_dataclass(value):
        return [type(value).__name__, *(getattr(value, f.name) for f in dataclasses.fields(value))]
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def fingerprint(env: BuildEnvironment) -> str:
    """A digest of the book's data and titles, which the generated pages are made from."""
    domain = briefing_domain(env)
    shown = {
        "data": {table: domain.data[table] for table in TABLES.values()},
        "titles": {docname: title.astext() for docname, title in env.titles.items()},
    }
    text = json.dumps(shown, default=_serialise, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def names_shown(env: BuildEnvironment) -> str:
    """A digest of what every page shows of the others: page titles, each page's headings
    and tables of contents (the navigation), the titles ``{ref}`` prints, the glossary's
    definitions (each term's preview) and the records' labels and titles (each record
    link's text; red team V: a term's preview kept an edited definition's old words)."""
    labels = env.domains.standard_domain.labels
    domain = briefing_domain(env)
    shown = {
        "definitions": definitions(domain),
        "records": {record.id: [record.label, record.title] for record in domain.records()},
        "titles": {docname: title.astext() for docname, title in env.titles.items()},
        "tocs": {docname: toc.pformat() for docname, toc in env.tocs.items()},
        "includes": env.toctree_includes,
        "labels": {name: [str(part) for part in target] for name, target in labels.items()},
    }
    text = json.dumps(shown, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def remember(app: object, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Before anything is purged or read, note the state the generated pages show; when
    a source was added or removed, every page is read again (citations name their
    source once a book has several, and every page may have bare numbers to resolve)."""
    build = state(env)
    touched = bool(added or changed or removed)
    build.fingerprint_before = fingerprint(env) if touched else None
    build.names_before = names_shown(env) if touched else None
    sources = tuple(sorted({path.stem for path in source_files(source_dir(env))}))
    read = source_state(env)
    if build.known_sources != sources or build.sources_shown != read:
        build.known_sources, build.sources_shown = sources, read
        build.sources_edited = True
        return sorted(env.found_docs)
    return []


def generated_pages(env: BuildEnvironment) -> list[str]:
    domain = briefing_domain(env)
    pages = {page.docname for page in domain.aggregate_pages()} | {page.docname for page in domain.annex_pages()}
    return sorted(pages)


def source_state(env: BuildEnvironment) -> tuple[tuple[str, str], ...]:
    """Each source file's name and a digest of its bytes."""
    return tuple((path.name, _digest(path)) for path in source_files(source_dir(env)))


def _digest(path: Path) -> str:
    """A digest of a source file's first bytes, up to one past the most a source may hold;
    a FIFO, a device or a link is described, never opened (opening a FIFO waits for ever;
    the source reader refuses them by name)."""
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({stat.filemode(info.st_mode)})"
    with path.open("rb") as source:
        return hashlib.sha256(source.read(MAX_SOURCE_BYTES + 1)).hexdigest()


def pages_to_rewrite(app: object, env: BuildEnvironment) -> list[str]:
    """After reading: every page, if the names pages show of each other changed; else the
    generated pages, if what they show has changed since they were last written (the
    book's data and titles, or a source file)."""
    build = state(env)
    if build.names_before is not None and build.names_before != names_shown(env):
        return sorted(env.found_docs)
    before = build.fingerprint_before
    if build.sources_edited or (before is not None and before != fingerprint(env)):
        return generated_pages(env)
    return []


def setup_freshness(app: Sphinx) -> None:
    """Note what the generated pages show before reading; rewrite them if it changed."""
    app.connect("env-get-outdated", remember)
    app.connect("env-updated", pages_to_rewrite)
