"""A PDF the book offers for download shows a document, and does nothing else.

A PDF can run JavaScript (``/JS``, ``/JavaScript``), launch a program (``/Launch``),
send what a reader types to a server (``/SubmitForm``), import data (``/ImportData``),
play embedded media (``/RichMedia``) or carry files that open (``/EmbeddedFile``); a
reader's viewer acts on them when the file opens, on the book's own address. A PDF
download holding any of these names is refused, as an SVG that scripts is.

A name may be written with ``#xx`` escapes (``/J#53`` is ``/JS``) and may stand in an
encoded stream (an object stream holds whole dictionaries), so both are read: escapes
decoded, and each stream, in a window that ends at its ``endstream``, read as it is,
as hexadecimal and as ASCII85 text, each of those inflated too. A PDF that uses an
encoding the check does not read (LZW, run-length) or is encrypted is refused: an
action could hide there. Linear in the file's size; the decoded text is capped at
:data:`MAX_INFLATED`, past which the file is refused as too much to check (a bomb).
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

#: The largest PDF download checked; a larger one is refused.
MAX_BYTES = 50 * 1024 * 1024
#: The most text all of a PDF's streams may inflate to.
MAX_INFLATED = 100 * 1024 * 1024
#: Names of actions a viewer performs by itself.
ACTIVE = frozenset({"JS", "JavaScript", "Launch", "SubmitForm", "ImportData", "RichMedia", "EmbeddedFile"})

#: Encodings the check does not read, and encryption: a PDF naming one is refused.
UNREADABLE = frozenset({"LZWDecode", "RunLengthDecode", "Crypt", "Encrypt"})

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
        for text in _decodings(data[start : end if end >= 0 else len(data)], budget):
            if text is None:
                return f"its streams decode to more than {MAX_INFLATED // 2**20} MB, too much to check"
            budget -= len(text)
            texts.append(text)
    names = {name for text in texts for name in _names(text)}
    if names & UNREADABLE:
        found = ", ".join("/" + name for name in sorted(names & UNREADABLE))
        return f"it encodes or encrypts its content ({found}) in a way the check cannot read"
    if names & ACTIVE:
        return f"it makes a reader's viewer act by itself ({', '.join('/' + name for name in sorted(names & ACTIVE))})"
    return None


def _decodings(window: bytes, budget: int) -> list[bytes | None]:
    """A stream's text read as hexadecimal and as ASCII85, and each of those and the raw
    bytes inflated; None for one past ``budget``."""
    texts = [text for text in (_hexadecimal(window), _ascii85(window)) if text]
    return texts + [_inflate(text, budget) for text in (window, *texts)]


def _hexadecimal(window: bytes) -> bytes:
    digits = bytes(window.split(b">", 1)[0].translate(None, b" \t\r\n\f\x00"))
    try:
        return binascii.unhexlify(digits + b"0" * (len(digits) % 2))
    except binascii.Error:
        return b""


def _ascii85(window: bytes) -> bytes:
    if b"~>" not in window:
        return b""
    try:
        return base64.a85decode(window.split(b"~>", 1)[0].strip(), ignorechars=b" \t\r\n\f\x00")
    except ValueError:
        return b""


def _inflate(text: bytes, budget: int) -> bytes | None:
    """A stream's inflated text (b"" when it is not Flate data), or None past ``budget``."""
    decompressor = zlib.decompressobj()
    try:
        inflated = decompressor.decompress(text, budget + 1)
    except zlib.error:
        return b""
    return None if len(inflated) > budget else inflated


def _names(text: bytes) -> set[str]:
    """Every PDF name in ``text``, its ``#xx`` escapes decoded."""
    return {
        _ESCAPE.sub(lambda escape: bytes([int(escape[1], 16)]), match[1]).decode("latin-1")
        for match in _NAME.finditer(text)
    }
