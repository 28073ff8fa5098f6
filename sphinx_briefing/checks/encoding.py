"""Text that says what it shows: UTF-8, and no invisible characters that change it.

Sphinx stops with an internal error and a traceback on a page it cannot decode.
Checking the pages about to be read turns that into an ordinary warning that
names the file and line; the page is then left out of this build entirely
(not read and not written), as if it were not there.

Some characters are valid UTF-8 and still make a reader see something other
than what the checks see: a NUL byte swallows the character after it, and the
bidirectional controls (U+202A–U+202E, U+2066–U+2069 and the marks) reorder
text on screen, so "2004" can display as "4002". A letter under thousands of
combining marks is unreadable and costs the PDF gigabytes. Pages and sources
holding them are reported with the line.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..model.diagnostics import Check, warn
from ..text.characters import (
    clean_text,
    first_bad_line,
    invisible_characters,
    stacked_marks,
)


def skip_undecodable_pages(app: object, env: BuildEnvironment, docnames: list[str]) -> None:
    """Warn about, and do not read, every page that is not valid UTF-8; warn about
    characters that hide or reorder text."""
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        raw = path.read_bytes() if path.is_file() else b""
        line = first_bad_line(raw)
        if line is not None:
            warn(Check.ENCODING, "page is not valid UTF-8; re-save it as UTF-8", f"{path}:{line}")
            docnames.remove(docname)
            env.project.docnames.discard(docname)
            continue
        text = clean_text(raw)
        for line, name in invisible_characters(text):
            warn(
                Check.HIDDEN_CHARACTER, f"page holds {name}, which hides or reorders text; remove it", f"{path}:{line}"
            )
        for line, found in stacked_marks(text):
            warn(
                Check.STACKED_MARKS,
                f"page holds {found}, which no reader can read and which would cost the "
                "PDF gigabytes; remove the marks",
                f"{path}:{line}",
            )


def setup_encoding(app: Sphinx) -> None:
    """Check every page about to be read."""
    app.connect("env-before-read-docs", skip_undecodable_pages)
