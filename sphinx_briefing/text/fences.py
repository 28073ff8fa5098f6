"""Fences read from a page's lines, the one way the checks that run before MyST parses
a page read them.

Four checks scan a page's lines before MyST does: the depth of nested directives
(:mod:`..checks.syntax`), fences left open (:mod:`..checks.unclosed`), the headings
(:mod:`..checks.headings`) and the sources a page places (:mod:`..model.library`). Each once read fences its own way, and each
took for a code block lines that are none ("```a`b" is a paragraph: a backtick
fence's info holds no backtick; "    ```" is indented code), then skipped the rest of
the page: past that line, 300 nested directives crashed the parser and 20,000
headings built in 82 s (red team S). A line scan cannot know every container
(a block quote, a list item, an HTML comment ends a code block the scan would still
be in), so the rules here err one way only, toward reading more:

- an **opening** may stand in any container (:data:`OPENING`: after spaces, ``>``,
  list markers), since counting one too many is safe;
- a **code block** is skipped only when it opens where CommonMark opens one for
  certain (:func:`code_opening`: at most three spaces, no container, no backtick in a
  backtick fence's info);
- a **closing** fence is CommonMark's (:func:`closes`): at most three spaces, the
  opener's character, at least as many, nothing after.
"""

from __future__ import annotations

import re

#: A line that may open a fence in some container: a directive's (``{name}``) or a code block's.
OPENING = re.compile(r"^(?:[ \t>]|[-+*][ \t]|\d{1,9}[.)][ \t])*(?P<fence>`{3,}|~{3,}|:{3,})[ \t]*(?P<info>[^\n]*)$")
#: A fence CommonMark opens for certain: up to three spaces, in no container.
_CERTAIN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,}|:{3,})[ \t]*(?P<info>[^\n]*)$")
#: A closing fence: up to three spaces, one character repeated, nothing after.
_CLOSING = re.compile(r"^ {0,3}(`{3,}|~{3,}|:{3,})[ \t]*$")


def directive_opening(line: str) -> str | None:
    """The marker of the directive (``{name}``) this line opens for certain, or None."""
    found = _CERTAIN.match(line)
    return found["fence"] if found and found["info"].startswith("{") else None


def code_opening(line: str) -> str | None:
    """The marker of the code block (not a directive) this line opens for certain, or None."""
    found = _CERTAIN.match(line)
    if not found or found["info"].startswith("{") or found["fence"][0] == ":":
        return None
    if found["fence"][0] == "`" and "`" in found["info"]:
        return None
    return found["fence"]


def closes(line: str, marker: str) -> bool:
    """Whether ``line`` closes a fence opened with ``marker``."""
    found = _CLOSING.match(line)
    return bool(found) and found[1][0] == marker[0] and len(found[1]) >= len(marker)
