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
(viewers accept a CR alone or a space) to where its own encoding ends (never at the first
``endstream`` in its bytes, which Flate data can hold), decoded layer by layer as
hexadecimal, ASCII85 and Flate, up to :data:`MAX_LAYERS` deep, as a filter chain
stacks them. A PDF that uses an encoding the check does not read (LZW, run-length)
or is encrypted is refused: an action could hide there. Picture codecs (DCT, JPX, JBIG2,
CCITT) and predictors (rows of differences) are not undone, as they serve pictures and
cross-reference tables; an object stream encoded with one, or whose filter or its
parameters are kept in another object, is refused. A NUL is white space, as in PDF. The work is linear in the file's size times
the layers: what the streams read of the file is capped at :data:`READ_FACTOR` times its
size, the decoded text at :data:`MAX_INFLATED` and the streams at :data:`MAX_STREAMS`,
past which the file is refused as too much to check (a bomb, or streams nested in streams).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
import re
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: The second reading's script (run by path, never imported), and how long it may take.
PDF_OBJECTS = Path(__file__).with_name("pdf_objects.py")
PARSE_SECONDS = 60
#: The largest PDF download checked; a larger one is refused.
MAX_BYTES = 50 * 1024 * 1024
#: The most text all of a PDF's streams may decode to.
MAX_INFLATED = 100 * 1024 * 1024
#: The most streams checked: each costs a few decodings, and a real PDF of a thousand
#: pages has tens of thousands.
MAX_STREAMS = 200_000
#: The most encodings read one inside another: a filter chain this deep is already odd.
MAX_LAYERS = 6
#: How much of the file the streams may read, in all, as a multiple of its size (plus
#: :data:`MIN_READ`): a stream is read from its keyword to the end of its own encoding.
READ_FACTOR = 4
MIN_READ = 1024 * 1024
#: A Flate stream is read 64 bytes first, then twice as much each time, up to 1 MB.
FIRST_CHUNK = 64
LAST_CHUNK = 1024 * 1024
#: Names of actions a viewer performs by itself, and of what carries them.
ACTIVE = frozenset(
    {"JS", "JavaScript", "XFA", "Launch", "SubmitForm", "ImportData", "RichMedia", "EmbeddedFile", "GoToE", "AA"}
)
#: Encodings the check does not read, and encryption: a PDF naming one is refused.
#: Viewers accept the short names of inline images on any stream (red team K hid an
#: object stream behind ``/RL``), so those count too.
UNREADABLE = frozenset({"LZWDecode", "RunLengthDecode", "LZW", "RL", "Crypt", "Encrypt"})
#: Picture codecs, read for pictures only; some are lossless, so an object stream (which
#: holds dictionaries) encoded with one could carry an action past the check.
PICTURE_CODECS = frozenset({"DCTDecode", "JPXDecode", "JBIG2Decode", "CCITTFaxDecode", "DCT", "CCF"})

#: PDF's white space: NUL too, which ends a name as a space does (red team K ended
#: ``/JavaScript`` with a NUL, and the name read on through it).
_WS = rb"[\x00\t\n\x0c\r ]"
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r /<>\[\]()%{}]{1,127})")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"(?<!end)stream" + _WS + rb"*")
#: A byte a hexadecimal or an ASCII85 stream cannot hold before its end (PDF's white space aside).
_NOT_HEX = re.compile(rb"[^0-9A-Fa-f\x00\t\n\x0c\r ]")
_NOT_A85 = re.compile(rb"[^!-uz\x00\t\n\x0c\r ]")
#: An opening action other than a page to open at (``/OpenAction [3 0 R /Fit]``).
_OPENING_ACTION = re.compile(rb"/OpenAction" + _WS + rb"*+(?!\[)")
#: A filter or its parameters kept in another object (``/Filter 7 0 R``).
_INDIRECT = re.compile(rb"/(?:Filter|DecodeParms)" + _WS + rb"*\d+" + _WS + rb"+\d+" + _WS + rb"+R")


class _TooMuch(Exception):
    """The streams decode to more than :data:`MAX_INFLATED`, or read more of the file than
    :data:`READ_FACTOR` times its size."""


def pdf_problem(data: bytes) -> str | None:
    """Why ``data`` may not be published as a PDF download ("it runs JavaScript (/JS)"), or
    None: read twice, by this module's own scan of the bytes and by a PDF library."""
    return scanned_problem(data) or parsed_problem(data)


def scanned_problem(data: bytes) -> str | None:
    """Why ``data`` may not be published, by a scan of its bytes and streams (linear)."""
    if len(data) > MAX_BYTES:
        return f"it is over {MAX_BYTES // 2**20} MB, too large to check"
    if len(_STREAM.findall(data)) > MAX_STREAMS:
        return f"it has more than {MAX_STREAMS:,} streams, too many to check"
    try:
        texts = [_unescaped(text) for text in _texts(data)]
    except _TooMuch:
        return (
            f"its streams decode to more than {MAX_INFLATED // 2**20} MB, or read the file more than "
            f"{READ_FACTOR} times over, too much to check"
        )
    names = {name for text in texts for name in _names(text)}
    if names & UNREADABLE:
        found = ", ".join("/" + name for name in sorted(names & UNREADABLE))
        return f"it encodes or encrypts its content ({found}) in a way the check cannot read"
    if names & ACTIVE:
        return f"it makes a reader's viewer act by itself ({', '.join('/' + name for name in sorted(names & ACTIVE))})"
    if any(_OPENING_ACTION.search(text) for text in texts):
        return "it acts when it opens (an /OpenAction other than a page to open at, written [page /Fit])"
    if _unreadable_object_stream(data):
        return (
            "an object stream is encoded as a picture, with a predictor, or through another object, "
            "which the check cannot read"
        )
    return None


def parsed_problem(data: bytes) -> str | None:
    """The same questions put to the PDF as a real PDF library reads it (:mod:`pdf_objects`,
    in a child process under limits): a second reading that no encoding trick of the bytes
    hides an object from. A file the library cannot read within its limits is refused."""
    try:
        child = subprocess.run(
            [sys.executable, "-I", str(PDF_OBJECTS)],
            input=data,
            capture_output=True,
            timeout=PARSE_SECONDS,
            check=False,
        )
        found = json.loads(child.stdout)
    except (subprocess.TimeoutExpired, json.JSONDecodeError):
        return "a PDF library could not read it within the check's limits (time, memory)"
    if "error" in found:
        return f"a PDF library could not read it ({found['error']}); save it again with a PDF tool"
    names = set(found["names"])
    if names & (ACTIVE | UNREADABLE):
        return f"it makes a reader's viewer act by itself ({', '.join('/' + n for n in sorted(names & (ACTIVE | UNREADABLE)))})"
    if found["opening"]:
        return "it acts when it opens (an /OpenAction other than a page to open at, written [page /Fit])"
    return None


def _unreadable_object_stream(data: bytes) -> bool:
    """Whether a stream's dictionary (its text from the object's ``obj`` to its ``stream``
    keyword) declares an object stream (by its type, or by the ``/N`` and ``/First`` every
    object stream has) and encodes it in a way the check does not undo: a picture codec, a
    predictor (red team K: PNG rows of differences, in which no name is legible), or a
    filter or its parameters kept in another object (``/Filter 7 0 R``). Each byte is read
    once: the dictionary is looked for only since the previous stream."""
    previous = 0
    for match in _STREAM.finditer(data):
        head = data[previous : match.start()]
        head = _unescaped(head[head.rfind(b"obj") + 1 :])
        previous = match.end()
        names = _names(head)
        if ("ObjStm" in names or {"N", "First"} <= names) and (
            names & PICTURE_CODECS or "Predictor" in names or _INDIRECT.search(head)
        ):
            return True
    return False


def _texts(data: bytes) -> Iterator[bytes]:
    """The file, then every decoding of every stream in it."""
    yield data
    budget = _Budget(MAX_INFLATED, READ_FACTOR * len(data) + MIN_READ)
    ends = _Ends(data)
    for keyword in _STREAM.finditer(data):
        for first in _decoded_at(data, keyword.end(), ends, budget):
            yield first
            yield from _layers(first, budget)


@dataclass
class _Budget:
    """What may still be decoded, and what may still be read from the file: each stream is
    read from its keyword until its own encoding ends, so a crafted file of streams inside
    streams could read the same bytes many times."""

    inflated: int
    read: int

    def charge(self, read: int) -> None:
        self.read -= read
        if self.read < 0:
            raise _TooMuch


class _Ends:
    """Where the two text encodings end (``>``, ``~>``) and where streams end, found once for
    the whole file, so each stream finds its end by a binary search, not a scan."""

    def __init__(self, data: bytes) -> None:
        self.hexadecimal = [match.start() for match in re.finditer(rb">", data)]
        self.ascii85 = [match.start() for match in re.finditer(rb"~>", data)]
        self.endstream = [match.start() for match in re.finditer(rb"endstream", data)]

    @staticmethod
    def after(positions: list[int], start: int) -> int | None:
        found = bisect.bisect_left(positions, start)
        return positions[found] if found < len(positions) else None


def _decoded_at(data: bytes, start: int, ends: _Ends, budget: _Budget) -> Iterator[bytes]:
    """What the stream whose data begins at ``start`` decodes to, read as a viewer reads it:
    until its encoding ends, not until the first ``endstream`` in its bytes, which a stored
    Flate block can hold (red team J hid a script behind one). Flate data ends itself; hex
    ends at ``>``, ASCII85 at ``~>``, and is read only if every byte before that end is one
    the encoding holds (the bytes looked at are charged to the budget)."""
    first = data[start : start + 1]
    if first and first[0] & 0x0F == 8 and first[0] >> 4 <= 7:
        yield from filter(None, [_inflate_from(data, start, budget)])
    for decode, positions, outside in (
        (_hexadecimal, ends.hexadecimal, _NOT_HEX),
        (_ascii85, ends.ascii85, _NOT_A85),
    ):
        if first and not outside.match(first):
            yield from filter(
                None,
                (decode(text, budget.inflated) for text in _text_stream(data, start, ends, positions, outside, budget)),
            )


def _text_stream(
    data: bytes, start: int, ends: _Ends, markers: list[int], outside: re.Pattern[bytes], budget: _Budget
) -> list[bytes]:
    """The stretches a hexadecimal or ASCII85 stream at ``start`` may be: to its end marker,
    when only the encoding's bytes come before it; else, as a viewer reads a stream that
    lacks one (red team K), to the first byte the encoding cannot hold and to the next
    ``endstream``. The bytes looked at are charged to the budget."""
    marker = _Ends.after(markers, start)
    limit = marker if marker is not None else len(data)
    bad = outside.search(data, start, limit)
    stop = bad.start() if bad else limit
    budget.charge(stop - start)
    if bad is None and marker is not None:
        return [data[start : marker + 2]]
    keyword = _Ends.after(ends.endstream, start)
    return [data[start:end] for end in {stop, keyword if keyword is not None and keyword < stop else stop}]


def _inflate_from(data: bytes, start: int, budget: _Budget) -> bytes:
    """The Flate data at ``start`` inflated until it ends (or breaks: what came before a
    break is kept, as a viewer shows it), read in chunks that grow, so that bytes which only
    look like a Flate header cost a few bytes, not the rest of the file."""
    decoder, out, chunk, position = zlib.decompressobj(), [], FIRST_CHUNK, start
    while not decoder.eof and position < len(data):
        piece = data[position : position + chunk]
        budget.charge(len(piece))
        position, chunk = position + len(piece), min(chunk * 2, LAST_CHUNK)
        try:
            out.append(decoder.decompress(piece, budget.inflated + 1))
        except zlib.error:
            break
        budget.inflated -= len(out[-1])
        if budget.inflated < 0 or decoder.unconsumed_tail:
            raise _TooMuch
    return b"".join(out)


def _layers(text: bytes, budget: _Budget) -> Iterator[bytes]:
    """Each text a decoded stream decodes to in turn, through up to :data:`MAX_LAYERS`
    encodings one inside another in all."""
    pending = [(text, 1)]
    while pending:
        text, depth = pending.pop()
        for decode in _DECODERS if depth < MAX_LAYERS else ():
            decoded = decode(text, budget.inflated)
            if decoded:
                budget.inflated -= len(decoded)
                yield decoded
                pending.append((decoded, depth + 1))


def _hexadecimal(text: bytes, _budget: int) -> bytes:
    digits = bytes(text.split(b">", 1)[0].translate(None, b" \t\r\n\f\x00"))
    try:
        return binascii.unhexlify(digits + b"0" * (len(digits) % 2))
    except binascii.Error:
        return b""


def _ascii85(text: bytes, _budget: int) -> bytes:
    """ASCII85 to its ``~>``, or all of a text that holds nothing else (an end marker is not
    needed by viewers); b"" for other text, so that every text is not decoded as ASCII85."""
    if b"~>" not in text and _NOT_A85.search(text):
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
