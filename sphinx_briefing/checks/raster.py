"""Raster pictures: no more pixels than a reader's browser or the typesetter should decode.

A picture's file size says little about its cost: a 110 KB PNG can declare 30,000 ×
30,000 pixels, which a browser decodes into gigabytes on every reader's machine, and
Typst into gigabytes on the build machine. Both the web build (before Sphinx copies
the picture) and the PDF (before Typst reads it) refuse a picture of more than
:data:`MAX_PIXELS`, read from its header alone.

A picture that cannot be decoded (a damaged or truncated file) shows as a broken image
on the web and in the EPUB, and fails the PDF. Both refuse it, decoded the same way: by
Typst, on the picture alone (:func:`decoding`).
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import imagesize
import typst

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


#: The suffix of a picture Typst is asked to decode (it names a file in a Typst string).
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}")


def decoding(data: bytes, suffix: str) -> tuple[str, str]:
    """(error, warning) Typst gives when it decodes the picture alone, each "" when none.
    Only the kind of problem is kept (Typst's text up to its first parenthesis, "failed to
    decode image"): the rest can quote the file."""
    if not _SUFFIX.fullmatch(suffix):
        return "not a picture file name", ""
    with tempfile.TemporaryDirectory(prefix="briefing-picture-") as folder:
        picture = f"picture{suffix}"
        Path(folder, picture).write_bytes(data)
        compiler = typst.Compiler(f'#image("{picture}")'.encode(), root=folder, font_paths=[], ignore_system_fonts=True)
        try:
            _pdf, warnings = compiler.compile_with_warnings(format="pdf")
        except typst.TypstError as exc:
            return _kind(exc.message), ""
    return "", _kind(warnings[0].message) if warnings else ""


def _kind(message: str) -> str:
    return message.split("(")[0].strip()
