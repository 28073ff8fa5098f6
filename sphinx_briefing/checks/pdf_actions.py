"""A PDF the book offers for download shows a document, and does nothing else.

A PDF can run JavaScript (``/JS``, ``/JavaScript``, an XFA form's scripts), launch a
program (``/Launch``), send what a reader types to a server (``/SubmitForm``), import
data (``/ImportData``), play embedded media (``/RichMedia``), carry files that open
(``/EmbeddedFile``, ``/GoToE``) or reach out by itself when it opens or a page shows:
an opening action (``/OpenAction`` other than a page to open at) or an additional
action (``/AA``) calls an address or opens a remote file, which leaks who reads it. A
reader's viewer acts on them on the book's own address. A PDF download holding any of
these is refused, as an SVG that scripts is. A link the reader clicks (``/URI`` in a
link annotation) is allowed.

A name may be written with ``#xx`` escapes (``/J#53`` is ``/JS``) and may stand in an
encoded stream (an object stream holds whole dictionaries), so both are read: escapes
decoded, and each stream, from its ``stream`` keyword and whatever white space follows
(viewers accept a CR alone or a space) to its ``endstream``, decoded layer by layer as
hexadecimal, ASCII85 and Flate, up to :data:`MAX_LAYERS` deep, as a filter chain
stacks them. A PDF that uses an encoding the check does not read (LZW, run-length)
or is encrypted is refused: an action could hide there. Picture codecs (DCT, JPX, JBIG2,
CCITT) are not read, as they hold pictures; an object stream encoded with one, or whose
filter is kept in another object, is refused. The work is linear in the file's size times
the layers, each stream's window ending at the next stream's keyword; the decoded text
is capped at :data:`MAX_INFLATED` and the streams at :data:`MAX_STREAMS`, past which the
file is refused as too much to check (a bomb).
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Callable, Iterator

#: The largest PDF download checked; a larger one is refused.
MAX_BYTES = 50 * 1024 * 1024
#: The most text all of a PDF's streams may decode to.
MAX_INFLATED = 100 * 1024 * 1024
#: The most streams checked: each costs a few decodings, and a real PDF of a thousand
#: pages has tens of thousands.
MAX_STREAMS = 200_000
#: The most encodings read one inside another: a filter chain this deep is already odd.
MAX_LAYERS = 6
#: Names of actions a viewer performs by itself, and of what carries them.
ACTIVE = frozenset(
    {"JS", "JavaScript", "XFA", "Launch", "SubmitForm", "ImportData", "RichMedia", "EmbeddedFile", "GoToE", "AA"}
)
#: Encodings the check does not read, and encryption: a PDF naming one is refused.
UNREADABLE = frozenset({"LZWDecode", "RunLengthDecode", "Crypt", "Encrypt"})
#: Picture codecs, read for pictures only; some are lossless, so an object stream (which
#: holds dictionaries) encoded with one could carry an action past the check.
PICTURE_CODECS = frozenset({"DCTDecode", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode"})

_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]{1,127})")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"(?<!end)stream[\x00\t\n\x0c\r ]*")
_END = b"endstream"
#: An opening action other than a page to open at (``/OpenAction [3 0 R /Fit]``).
_OPENING_ACTION = re.compile(rb"/OpenAction\s*+(?!\[)")
_INDIRECT_FILTER = re.compile(rb"/Filter\s*\d+\s+\d+\s+R")


class _TooMuch(Exception):
    """The streams decode to more than :data:`MAX_INFLATED`."""


def pdf_problem(data: bytes) -> str | None:
    """Why ``data`` may not be published as a PDF download ("it runs JavaScript (/JS)"), or None."""
    if len(data) > MAX_BYTES:
        return f"it is over {MAX_BYTES // 2**20} MB, too large to check"
    if len(_STREAM.findall(data)) > MAX_STREAMS:
        return f"it has more than {MAX_STREAMS:,} streams, too many to check"
    try:
        texts = [_unescaped(text) for text in _texts(data)]
    except _TooMuch:
        return f"its streams decode to more than {MAX_INFLATED // 2**20} MB, too much to check"
    names = {name for text in texts for name in _names(text)}
    if names & UNREADABLE:
        found = ", ".join("/" + name for name in sorted(names & UNREADABLE))
        return f"it encodes or encrypts its content ({found}) in a way the check cannot read"
    if names & ACTIVE:
        return f"it makes a reader's viewer act by itself ({', '.join('/' + name for name in sorted(names & ACTIVE))})"
    if any(_OPENING_ACTION.search(text) for text in texts):
        return "it acts when it opens (an /OpenAction other than a page to open at, written [page /Fit])"
    if _object_streams_as_pictures(data):
        return "an object stream is encoded as a picture, or through another object, which the check cannot read"
    return None


def _object_streams_as_pictures(data: bytes) -> bool:
    """Whether a stream's dictionary (its text from the object's ``obj`` to its ``stream``
    keyword) declares an object stream and a picture codec or a filter kept in another
    object (``/Filter 7 0 R``). Each byte is read once: the dictionary is looked for only
    since the previous stream."""
    previous = 0
    for match in _STREAM.finditer(data):
        head = data[previous : match.start()]
        head = _unescaped(head[head.rfind(b"obj") + 1 :])
        previous = match.end()
        if "ObjStm" in _names(head) and (_names(head) & PICTURE_CODECS or _INDIRECT_FILTER.search(head)):
            return True
    return False


def _texts(data: bytes) -> Iterator[bytes]:
    """The file, then every decoding of every stream in it."""
    yield data
    budget = [MAX_INFLATED]
    for start, end in _windows(data):
        yield from _layers(data[start:end], budget)


def _windows(data: bytes) -> Iterator[tuple[int, int]]:
    """Where each stream's data lies: from its keyword to its ``endstream``, and never past
    the next stream's keyword, so that a file of keywords with no ends is read once, not
    once per keyword (that was quadratic: 18 s for 800 KB)."""
    keywords = list(_STREAM.finditer(data))
    limits = [keyword.start() for keyword in keywords[1:]] + [len(data)]
    for keyword, limit in zip(keywords, limits[: len(keywords)], strict=True):
        end = data.find(_END, keyword.end(), limit)
        yield keyword.end(), end if end >= 0 else limit


def _layers(window: bytes, budget: list[int]) -> Iterator[bytes]:
    """Each text a stream decodes to, through up to :data:`MAX_LAYERS` encodings one inside
    another; ``budget[0]`` is what may still be decoded."""
    pending = [(window, 0)]
    while pending:
        text, depth = pending.pop()
        for decode in _DECODERS if depth < MAX_LAYERS else ():
            decoded = decode(text, budget[0])
            if decoded:
                budget[0] -= len(decoded)
                yield decoded
                pending.append((decoded, depth + 1))


def _hexadecimal(text: bytes, _budget: int) -> bytes:
    digits = bytes(text.split(b">", 1)[0].translate(None, b" \t\r\n\f\x00"))
    try:
        return binascii.unhexlify(digits + b"0" * (len(digits) % 2))
    except binascii.Error:
        return b""


def _ascii85(text: bytes, _budget: int) -> bytes:
    if b"~>" not in text:
        return b""
    try:
        return base64.a85decode(text.split(b"~>", 1)[0].strip(), ignorechars=b" \t\r\n\f\x00")
    except ValueError:
        return b""


def _inflate(text: bytes, budget: int) -> bytes:
    """A stream's inflated text (b"" when it is not Flate data); past ``budget``, :class:`_TooMuch`."""
    try:
        inflated = zlib.decompressobj().decompress(text, budget + 1)
    except zlib.error:
        return b""
    if len(inflated) > budget:
        raise _TooMuch
    return inflated


_DECODERS: tuple[Callable[[bytes, int], bytes], ...] = (_hexadecimal, _ascii85, _inflate)


def _unescaped(text: bytes) -> bytes:
    """``text`` with every ``#xx`` escape decoded, so a name reads as a viewer reads it."""
    return _ESCAPE.sub(lambda escape: bytes([int(escape[1], 16)]), text) if b"#" in text else text


def _names(text: bytes) -> set[str]:
    """Every PDF name in ``text``."""
    return {match[1].decode("latin-1") for match in _NAME.finditer(text)}
