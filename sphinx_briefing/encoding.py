"""Pages must be UTF-8: a wrongly encoded page is reported, not a crash.

Sphinx stops with an internal error and a traceback on a page it cannot decode.
Checking the pages about to be read turns that into an ordinary warning that
names the file and line; the page is then left out of this build entirely
(not read and not written), as if it were not there.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.environment import BuildEnvironment

from .diagnostics import warn


def first_bad_line(raw: bytes) -> int | None:
    """The 1-based line of the first byte that is not UTF-8, or None if all is well."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return raw[: exc.start].count(b"\n") + 1
    return None


def skip_undecodable_pages(app: object, env: BuildEnvironment, docnames: list[str]) -> None:
    """Warn about, and do not read, every page that is not valid UTF-8."""
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        line = first_bad_line(path.read_bytes()) if path.is_file() else None
        if line is not None:
            warn("encoding", "page is not valid UTF-8; re-save it as UTF-8", f"{path}:{line}")
            docnames.remove(docname)
            env.project.docnames.discard(docname)
