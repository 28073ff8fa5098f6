"""Raster pictures: no more pixels than a reader's browser or the typesetter should decode.

A picture's file size says little about its cost: a 110 KB PNG can declare 30,000 ×
30,000 pixels, which a browser decodes into gigabytes on every reader's machine, and
Typst into gigabytes on the build machine. Both the web build (before Sphinx copies
the picture) and the PDF (before Typst reads it) refuse a picture of more than
:data:`MAX_PIXELS`, read from its header alone.
"""

from __future__ import annotations

import io
from pathlib import Path

import imagesize

#: The most pixels a published picture may have: a 40-megapixel photograph is the
#: largest a briefing plausibly shows.
MAX_PIXELS = 40_000_000


def too_many_pixels(data: bytes | Path, suffix: str) -> str:
    """Why a raster picture (its bytes, or its file) is too large to decode, or "" (an SVG
    has no pixels, and a file the header reader cannot read is left to the other checks)."""
    if suffix.lower() == ".svg":
        return ""
    try:
        width, height = imagesize.get(io.BytesIO(data) if isinstance(data, bytes) else str(data))
    except (ValueError, OSError):
        return ""
    if width * height > MAX_PIXELS:
        return f"is {width:,} × {height:,} pixels, more than a briefing publishes ({MAX_PIXELS:,})"
    return ""
