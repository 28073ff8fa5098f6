"""A PDF the book offers for download shows a document, and does nothing else.

A PDF can run JavaScript (``/JS``, ``/JavaScript``), launch a program (``/Launch``),
send what a reader types to a server (``/SubmitForm``), import data (``/ImportData``),
play embedded media (``/RichMedia``) or carry files that open (``/EmbeddedFile``); a
reader's viewer acts on them when the file opens, on the book's own address. A PDF
download holding any of these names is refused, as an SVG that scripts is.

A name may be written with ``#xx`` escapes (``/J#53`` is ``/JS``) and may stand in a
Flate-compressed stream (an object stream holds whole dictionaries), so both are read:
escapes decoded, and each stream inflated, in a window that ends at its ``endstream``.
Linear in the file's size; the inflated text is capped at :data:`MAX_INFLATED`, past
which the file is refused as too much to check (a compressed bomb).
"""

from __future__ import annotations

import re
import zlib

#: The largest PDF download checked; a larger one is refused.
MAX_BYTES = 50 * 1024 * 1024
#: The most text all of a PDF's streams may inflate to.
MAX_INFLATED = 100 * 1024 * 1024
#: Names of actions a viewer performs by itself.
ACTIVE = frozenset({"JS", "JavaScript", "Launch", "SubmitForm", "ImportData", "RichMedia", "EmbeddedFile"})

_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]{1,127})")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n")
_END = b"endstream"


def pdf_problem(data: bytes) -> str | None:
    """Why ``data`` may not be published as a PDF download ("it runs JavaScript (/JS)"), or None."""
    if len(data) > MAX_BYTES:
        return f"it is over {MAX_BYTES // 2**20} MB, too large to check"
    texts = [data]
    budget = MAX_INFLATED
    for start in (match.end() for match in _STREAM.finditer(data)):
        end = data.find(_END, start)
        inflated = _inflate(memoryview(data)[start : end if end >= 0 else len(data)], budget)
        if inflated is None:
            return f"its streams inflate to more than {MAX_INFLATED // 2**20} MB, too much to check"
        budget -= len(inflated)
        texts.append(inflated)
    found = sorted({name for text in texts for name in _names(text)} & ACTIVE)
    if found:
        return f"it makes a reader's viewer act by itself ({', '.join('/' + name for name in found)})"
    return None


def _inflate(window: memoryview, budget: int) -> bytes | None:
    """A stream's inflated text (b"" when it is not Flate data), or None past ``budget``."""
    decompressor = zlib.decompressobj()
    try:
        text = decompressor.decompress(window, budget + 1)
    except zlib.error:
        return b""
    return None if len(text) > budget else text


def _names(text: bytes) -> set[str]:
    """Every PDF name in ``text``, its ``#xx`` escapes decoded."""
    return {
        _ESCAPE.sub(lambda escape: bytes([int(escape[1], 16)]), match[1]).decode("latin-1")
        for match in _NAME.finditer(text)
    }
