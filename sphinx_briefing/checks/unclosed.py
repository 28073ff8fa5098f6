"""A fenced block is closed where the author meant it to close, and a role is read as one, or
the build says where it is not.

CommonMark runs a fence that is never closed to the end of its container, and MyST
says nothing: a record whose closing fence was forgotten took in the Assessment box
after it, and a release build published the box inside a key figure (new-user review).
Two forms of that mistake are certain from the page's lines alone:

- a fence opened at the page's top level (no list, no block quote) that no later line
  closes: it runs to the end of the page;
- a directive fence opened inside a directive fence of the same character and at least
  as long: it cannot nest (the inner block's closing fence closes the outer one), so
  the outer fence was left open. A directive inside another needs the longer fence on
  the outer one, as MyST documents.

Both are a warning at the opening line (``source-read``, before MyST parses the page);
the page is built as MyST reads it. A role MyST could not read (``{cite}``` empty, or
its backticks unpaired) stays in the page as its markup; that is a warning at its line.
The rules of :mod:`..text.fences` decide what opens and closes; a fence inside a
container or an HTML comment is not judged (one pass, linear in the lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sphinx.application import Sphinx

from ..model.diagnostics import Check, warn
from ..text.fences import closes, code_opening, directive_opening
from .syntax import markdown_page

#: An HTML comment's first line, which CommonMark reads as HTML up to the line holding ``-->``.
_COMMENT = re.compile(r"^ {0,3}<!--")


def report_unclosed_fences(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: each fence of a Markdown page left open, at the line that opens it."""
    if not markdown_page(app, docname):
        return
    for line, message in _unclosed(source[0].split("\n")):
        warn(Check.UNCLOSED, message, (docname, line))


def _unclosed(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(line number, message) of each fence left open: the outermost open fence only, as the
    rest of the page is inside it."""
    opened: tuple[int, str, bool] | None = None  # (index, marker, is a directive)
    in_comment = False
    for index, line in enumerate(lines):
        if in_comment or (opened is None and _COMMENT.match(line)):
            in_comment = "-->" not in (line if in_comment else line[line.index("<!--") + 4 :])
            continue
        if opened is None:
            opened = _opening(index, line)
            continue
        first, marker, directive = opened
        if closes(line, marker):
            opened = None
            continue
        inner = directive_opening(line)
        if directive and inner and inner[0] == marker[0] and len(inner) >= len(marker):
            yield (
                first + 1,
                f"this block is not closed before line {index + 1} opens another with a fence as long "
                f"({marker}): close it there with {marker}, or, to nest the two, give this one a longer fence",
            )
            opened = _opening(index, line)
    if opened is not None:
        yield (
            opened[0] + 1,
            f"this block is never closed: it takes in the rest of the page; close it with {opened[1]}",
        )


def _opening(index: int, line: str) -> tuple[int, str, bool] | None:
    """The fence this top-level line opens for certain: (index, marker, is a directive)."""
    directive = directive_opening(line)
    if directive:
        return index, directive, True
    marker = code_opening(line)
    return (index, marker, False) if marker else None


#: A role's name and the backticks that open its text, unescaped and not inside inline code
#: (```{cite}``` shows the role's name): ``{cite}`` `` opens a role that needs a closing run
#: of as many backticks on its line.
_ROLE_OPENING = re.compile(r"(?<![\\`])\{[A-Za-z][\w:.+-]{0,40}\}(`+)")
#: A record's option line, whose roles ``briefing.option-markup`` reports.
_OPTION = re.compile(r"^\s*:[\w-]+:")


def report_unread_roles(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a role MyST cannot read, which it prints as its markup (red team AE:
    an empty ``{cite}``` published its markup and cited nothing): a role's name whose backticks
    no run of as many closes on its line. Code blocks and record options (reported as
    ``briefing.option-markup``) are left alone; one pass over the page's lines."""
    if not markdown_page(app, docname):
        return
    for line, markup in _unread_roles(source[0].split("\n")):
        warn(
            Check.UNREAD_ROLE,
            f"“{markup}” is printed as written: MyST reads no role there (it is empty, or its backticks are "
            "unpaired); write the role whole, as {cite}`12`",
            (docname, line),
        )


def _unread_roles(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(line number, markup) of each role left open, outside code blocks and options."""
    fence = ""
    for index, line in enumerate(lines):
        if fence:
            fence = "" if closes(line, fence) else fence
            continue
        fence = code_opening(line) or ""
        if fence or _OPTION.match(line):
            continue
        for match in _ROLE_OPENING.finditer(line):
            run = match.group(1)
            rest = line[match.end() :]
            if not re.search(f"(?<!`){run}(?!`)", rest) or not rest.split(run, 1)[0]:
                yield index + 1, match.group() + rest[:20]


def setup_unclosed(app: Sphinx) -> None:
    app.connect("source-read", report_unclosed_fences)
    app.connect("source-read", report_unread_roles)
