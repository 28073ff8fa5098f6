"""Text that says what it shows: UTF-8, and no invisible characters that change it.

Sphinx stops with an internal error and a traceback on a page it cannot decode.
Checking the pages about to be read turns that into an ordinary warning that
names the file and line; the page is then left out of this build entirely
(not read and not written), as if it were not there.

Some characters are valid UTF-8 and still make a reader see something other
than what the checks see: a NUL byte swallows the character after it, and the
bidirectional controls (U+202A–U+202E, U+2066–U+2069 and the marks) reorder
text on screen, so "2004" can display as "4002". Pages and sources holding them
are reported with the line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .diagnostics import Check, warn


def first_bad_line(raw: bytes) -> int | None:
    """The 1-based line of the first byte that is not UTF-8, or None if all is well."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return raw[: exc.start].count(b"\n") + 1
    return None


#: Characters that hide or reorder text: C0 controls other than tab and line ends,
#: and the bidirectional embedding, override, isolate and mark characters.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def hidden_characters(text: str) -> Iterator[tuple[int, str]]:
    """(line, name) of the first character on each line that would make the text read
    differently from how it displays. Line by line, so a file full of them costs one
    pass and one warning per line, not one per character."""
    for number, line in enumerate(text.split("\n"), start=1):
        match = _HIDDEN.search(line)
        if match:
            yield number, f"U+{ord(match.group()):04X} {unicodedata.name(match.group(), 'CONTROL')}"


def visible(text: str) -> bool:
    """True when ``text`` has a character a reader can see (a reason made only of a
    zero-width space is no reason)."""
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs") for ch in text)


def clean_text(raw: bytes) -> str:
    """Decoded text with a byte-order mark dropped and Windows or old-Mac line ends made
    plain, which editors add without asking and which change nothing a reader sees."""
    return raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


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
        for line, name in hidden_characters(clean_text(raw)):
            warn(Check.HIDDEN_CHARACTER, f"page holds {name}, which hides or reorders text; remove it", f"{path}:{line}")


def setup_encoding(app: Sphinx) -> None:
    """Check every page about to be read."""
    app.connect("env-before-read-docs", skip_undecodable_pages)
