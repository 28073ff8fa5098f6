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
splitters; a character the bytes already hold literally was reported there. So are the
values a directive's options hold (an image's ``alt``, a target's ``name``), which a YAML
escape (``"\ud800"``) writes as any character: before Sphinx notes the page's targets,
:class:`HiddenInOptions` names each such character and removes it (red team U: a lone
surrogate stopped the PDF and the data export with a traceback).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

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


class HiddenInOptions(SphinxTransform):
    """Before Sphinx notes a page's targets and titles (its domains' transform, priority
    850): every string an element's attributes hold loses the characters that hide or
    reorder text, one warning an element. One walk of the page."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        for element in self.document.findall(nodes.Element):
            found = [char for value in element.attributes.values() for char in _hidden(value)]
            if not found:
                continue
            warn(
                Check.HIDDEN_CHARACTER,
                f"an option holds {character_name(found[0])} (written as an escape, or invisible), which hides or "
                "reorders the words a reader sees; it is removed",
                element,
            )
            for key, value in list(element.attributes.items()):
                element[key] = _without_hidden(value)
        for table in (self.document.nameids, self.document.nametypes):  # the names targets are noted by
            for name in [name for name in table if _hidden(name)]:
                table[_without_hidden(name)] = table.pop(name)


def _hidden(value: object) -> list[str]:
    """The hiding characters of an attribute's value: a string, or a list of strings."""
    texts = value if isinstance(value, list) else [value]
    return [char for text in texts if isinstance(text, str) for char in hidden_in(text) if char not in SPLITTERS]


def _without_hidden(value: object) -> object:
    if isinstance(value, list):
        return [_without_hidden(item) for item in value]
    if isinstance(value, str):
        return "".join(char for char in value if char in SPLITTERS or not list(hidden_in(char)))
    return value


def setup_encoding(app: Sphinx) -> None:
    """Check every page about to be read, its options before their targets are noted, and
    its text once parsed."""
    app.connect("env-before-read-docs", skip_undecodable_pages)
    app.add_transform(HiddenInOptions)
    app.connect("doctree-read", check_parsed_text)
