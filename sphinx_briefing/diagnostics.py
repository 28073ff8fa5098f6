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
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location, **kwargs)
