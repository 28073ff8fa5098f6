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

A page's bytes are not all its text: MyST turns a character reference (``&#x202E;``,
``&shy;``) into the character after the bytes were checked, and a soft hyphen or a zero
width space splits "will" or "2016" invisibly, hiding the word from every check. So
the text of each page is checked again once parsed, for those characters and the word
splitters; a character the bytes already hold literally was reported there.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..model.diagnostics import Check, warn
from ..model.nodes import own_text
from ..text.characters import (
    SPLITTERS,
    clean_text,
    first_bad_line,
    hidden_in,
    invisible_characters,
    stacked_marks,
)
from ..text.characters import name as character_name


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


def check_parsed_text(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: one warning per text node that holds a character which hides,
    reorders or splits text and which the page's bytes do not hold literally."""
    path = Path(app.env.doc2path(app.env.docname))
    raw = clean_text(path.read_bytes()) if path.is_file() else ""
    literal = set(hidden_in(raw)) - SPLITTERS  # reported from the bytes already
    for text in own_text(doctree):
        found = next((char for char in hidden_in(text.astext()) if char not in literal), None)
        if found:
            warn(
                Check.HIDDEN_CHARACTER,
                f"text holds {character_name(found)} (written as a character reference, or invisible), which hides, "
                "reorders or splits the words a reader sees; remove it",
                text.parent,
            )


def setup_encoding(app: Sphinx) -> None:
    """Check every page about to be read, and its text once parsed."""
    app.connect("env-before-read-docs", skip_undecodable_pages)
    app.connect("doctree-read", check_parsed_text)
