"""One place for the extension's warnings, so every check speaks the same way.

Every problem is a Sphinx warning of type ``briefing`` with a subtype naming the
check (``briefing.misquote``, ``briefing.unplaced`` ...). Under ``-W`` the build
fails, and ``suppress_warnings`` can silence one check by name if ever needed.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger("sphinx_briefing")

WARNING_TYPE = "briefing"

Location = nodes.Node | tuple[str, int | None] | str | None


def warn(subtype: str, message: str, location: Location, **kwargs: Any) -> None:
    """Emit a typed warning that names the file and line of the problem."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=_with_line(location), **kwargs)


def _with_line(location: Location) -> Location:
    """A node some directive left without a line (a dropdown's title) is located at its
    nearest ancestor that has one, so the warning still names a line."""
    node = location
    while isinstance(node, nodes.Node) and not node.line and node.parent is not None:
        node = node.parent
    return node
