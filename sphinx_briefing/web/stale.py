"""A page the book no longer has leaves the site, so that it is not published again.

Sphinx drops a deleted or renamed page from its environment and its search index, but
leaves the page it wrote last time in the output folder: ``_build/html/docs/old.html``
is then deployed with the site, and the EPUB builder, which packs every file of its
folder, ships it too. When Sphinx reports a page removed (``env-get-outdated``), the
file it had written for that page, and the copy of its text under ``_sources``, are
deleted, if they lie inside the output folder.

Pictures and downloads go the same way: Sphinx copies the files pages name into
``_images`` and ``_downloads`` but never removes one no page names any longer (or one
refused since, see :mod:`..checks.files`). When a web build finishes, each file there
that no page of the environment names is deleted; the read-ahead this book prints
into ``_downloads`` itself stands at its top level and stays.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment


def remove_stale_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: delete the output of each removed page; nothing more to read."""
    outname = getattr(app.builder, "get_outfilename", None)
    if outname is None:
        return []
    root = Path(app.outdir).resolve()
    for docname in sorted(removed):
        for page in (Path(outname(docname)), *_copied_sources(app, docname)):
            if page.is_file() and not page.is_symlink() and page.resolve().is_relative_to(root):
                page.unlink()
    return []


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
    named = {
        "_images": {unique for _docnames, unique in app.env.images.values()},
        "_downloads": {dest for _docnames, dest in app.env.dlfiles.values()},
    }
    for folder, kept in named.items():
        base = root / folder
        copies = [path for path in base.rglob("*") if path.is_file() or path.is_symlink()] if base.is_dir() else []
        for path in copies:
            relative = path.relative_to(base).as_posix()
            if relative not in kept and not (folder == "_downloads" and "/" not in relative):
                path.unlink()


def setup_stale(app: Sphinx) -> None:
    app.connect("env-get-outdated", remove_stale_pages)
    app.connect("build-finished", remove_stale_files)
