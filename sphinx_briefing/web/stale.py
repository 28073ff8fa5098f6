"""A page the book no longer has leaves the site, so that it is not published again.

Sphinx drops a deleted or renamed page from its environment and its search index, but
leaves the page it wrote last time in the output folder: ``_build/html/docs/old.html``
is then deployed with the site, and the EPUB builder, which packs every file of its
folder, ships it too. Sphinx reports a page removed only against a saved environment,
not after ``-E`` or with the doctrees deleted, so the output folder keeps its own list
of the files each page's build wrote into it, with a digest of each (:data:`MANIFEST`,
written when a build finishes). Before any page is read (``env-get-outdated``), each
listed file of a page that is no page of the book now, and none the builder writes itself
(the index, the search page, a domain's index, an additional page), is deleted, with the
copy of its text under ``_sources``, while it still holds what the build wrote. A file the
build never wrote is never deleted: the output folder may be shared (a ``gh-pages``
checkout, other versions of the site, a second book, a mistyped path). Red team AB found
every foreign ``*.html`` in it deleted, ``.git`` included, and red team AC another site's
page deleted by a name added to the list. The first build into a folder finds no list and
deletes nothing.

Pictures and downloads go the same way: Sphinx copies the files pages name into
``_images`` and ``_downloads`` but never removes one no page names any longer (or one
refused since, see :mod:`..checks.files`). When a web build finishes, each file there
that no page of the environment names is deleted, inside those folders only: a link put
in their place led the sweep outside the output (red team AC). At the top of ``_downloads`` only
the read-ahead this build offers stays: a read-ahead printed under an earlier
``briefing_pdf_basename``, or before the book stopped offering it, was deployed at its
old address with whatever it said then (red team P).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..domain.brief import briefing_domain
from ..model.state import state

#: The output folder's list of the files the book's last build wrote into it, with a digest
#: of each (JSON: page name → {file: SHA-256}), beside Sphinx's own ``.buildinfo``.
MANIFEST = ".briefing-pages"


def remove_stale_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: delete each file an earlier build wrote here, for a page the book
    no longer has, whether or not Sphinx reports it removed, and only while it holds what that
    build wrote (red team AC: a name added to the list deleted another site's page). Nothing
    more to read."""
    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return []
    root = Path(app.outdir).resolve()
    kept = set(env.found_docs) | _own_pages(app)
    for docname, files in sorted(_listed(root).items()):
        if docname in kept:
            continue
        for name, digest in files.items():
            path = root / name
            if _ours(path, root) and _digest(path) == digest:
                path.unlink()
    return []


def _listed(root: Path) -> dict[str, dict[str, str]]:
    """The output folder's list; empty when it has none it can read."""
    try:
        listed = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(listed, dict):
        return {}
    return {
        docname: {name: digest for name, digest in files.items() if isinstance(digest, str)}
        for docname, files in listed.items()
        if isinstance(files, dict)
    }


def list_written(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: list each page's files as this build left them, with their digests."""
    builder = app.builder
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
        return
    root = Path(app.outdir).resolve()
    listed = {
        docname: {
            path.relative_to(root).as_posix(): _digest(path)
            for path in (Path(builder.get_outfilename(docname)), *_copied_sources(app, docname))
            if _ours(path, root)
        }
        for docname in sorted(app.env.found_docs)
    }
    manifest = root / MANIFEST
    if manifest.is_symlink():
        manifest.unlink()
    manifest.write_text(json.dumps(listed, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")


def _ours(path: Path, root: Path) -> bool:
    """Whether ``path`` is a regular file of the output folder, reached through no link."""
    return path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(root)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _own_pages(app: Sphinx) -> set[str]:
    """The pages a web builder writes that are no page of the book."""
    indices = {f"{domain.name}-{index.name}" for domain in app.env.domains.values() for index in domain.indices}
    return {"genindex", "search", "nav"} | indices | set(app.config.html_additional_pages)


def _copied_sources(app: Sphinx, docname: str) -> list[Path]:
    """The copies of the page's text that the HTML builder publishes (``html_copy_source``)."""
    sources = Path(app.outdir, "_sources")
    suffix = app.config.html_sourcelink_suffix if "html_sourcelink_suffix" in app.config else ""
    return [sources / f"{docname}{kind}{suffix}" for kind in app.config.source_suffix]


def remove_stale_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: delete the pictures and downloads that no page names any longer."""
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    root = Path(app.outdir).resolve()
    # as POSIX strings: Sphinx 9 keeps these as its own path type, which equals a string
    # but hashes otherwise, so every download was found in no set and deleted
    named = {
        "_images": {Path(unique).as_posix() for _docnames, unique in app.env.images.values()},
        "_downloads": {Path(dest).as_posix() for _docnames, dest in app.env.dlfiles.values()},
    }
    if any(True for _ in briefing_domain(app.env).downloads()):
        named["_downloads"].add(state(app.env).settings.readahead_name)
    for folder, kept in named.items():
        base = root / folder
        if base.is_symlink() or not base.is_dir():
            continue  # not the folder Sphinx made: a link there led outside (red team AC)
        copies = [
            path
            for path in base.rglob("*")
            if (path.is_file() or path.is_symlink()) and path.parent.resolve().is_relative_to(base.resolve())
        ]
        for path in copies:
            if path.relative_to(base).as_posix() not in kept:
                path.unlink()


def _not_packed(app: Sphinx, config: Config) -> None:
    """``config-inited``: the EPUB builder packs every file of its folder but the ones it
    excludes; the list of pages is the build's own, not the book's. Set before Sphinx
    compares the configuration with the saved one, so that it reads as unchanged."""
    if MANIFEST not in config.epub_exclude_files:
        config.epub_exclude_files = [*config.epub_exclude_files, MANIFEST]


def setup_stale(app: Sphinx) -> None:
    app.connect("config-inited", _not_packed)
    app.connect("env-get-outdated", remove_stale_pages)
    app.connect("build-finished", remove_stale_files)
    app.connect("build-finished", list_written)
