"""A PDF download only shows: every way a red team hid an action in one is refused, and
the PDFs a briefing really offers (a page, a link a reader clicks, a destination to open
at) are published."""

from __future__ import annotations

import base64
import struct
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_briefing.booktests import need_tool
from sphinx_briefing.checks.pdf_actions import parsed_problem, pdf_problem

SCRIPT = b"<< /Type /Action /S /JavaScript /JS (app.alert\\('x'\\);) >>"


def object_stream_pdf(
    action: bytes,
    filters: bytes,
    encode: Callable[[bytes], bytes],
    keyword: bytes = b"stream\n",
    opening: bytes = b"/OpenAction 4 0 R",
) -> bytes:
    """A PDF whose catalog opens (``opening``) with object 4, an ``action`` kept in object
    stream 5 that is encoded by ``encode`` and declares ``filters``; ``keyword`` is how its
    stream starts.
    qpdf reads every one of these and shows the action (red team G, cases 4 to 6)."""
    head = b"4 0 "
    data = encode(head + action)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R %s >>" % opening,
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        5: b"<< /Type /ObjStm /N 1 /First %d /Filter %s /Length %d >>\n" % (len(head), filters, len(data))
        + keyword
        + data
        + b"\nendstream",
    }
    out, offsets = b"%PDF-1.7\n", {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    rows = b"".join(_xref_row(number, offsets, len(out)) for number in range(7))
    return out + (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(rows)
        + rows
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % len(out)
    )


def _xref_row(number: int, offsets: dict[int, int], xref_offset: int) -> bytes:
    """One row of a cross-reference stream: free, at an offset, or inside object stream 5."""
    if number == 4:
        return b"\x02" + struct.pack(">I", 5) + b"\x00\x00"
    if number in offsets or number == 6:
        return b"\x01" + struct.pack(">I", offsets.get(number, xref_offset)) + b"\x00\x00"
    return b"\x00" + struct.pack(">I", 0) + b"\xff\xff"


def plain_pdf(catalog_extra: bytes = b"", page_extra: bytes = b"") -> bytes:
    """A one-page PDF, with more entries in its catalog or its page, and the cross-reference
    table a PDF library needs to read it."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + page_extra + b" >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj %s endobj\n" % (number, body)
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + (
        b"xref\n0 %d\n0000000000 65535 f \n%strailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, table, len(objects) + 1, len(out))
    )


def twice(data: bytes) -> bytes:
    return zlib.compress(zlib.compress(data))


def hex_of_flate(data: bytes) -> bytes:
    return zlib.compress(data).hex().encode() + b">"


def stored_then_compressed(data: bytes, cut: bytes = b"endstream") -> bytes:
    """Flate data whose first block stores ``data`` as it is, up to and including ``cut``,
    and whose second block compresses the rest: the stored block puts the bytes of ``cut``
    into the stream's data (red team J, 9)."""
    split = data.index(cut) + len(cut)
    stored, rest = data[:split], data[split:]
    block = b"\x00" + struct.pack("<HH", len(stored), len(stored) ^ 0xFFFF) + stored
    compressor = zlib.compressobj(wbits=-15)
    return b"\x78\x01" + block + compressor.compress(rest) + compressor.flush() + struct.pack(">I", zlib.adler32(data))


def png_up_rows(data: bytes, columns: int = 4) -> bytes:
    """``data`` as PNG "Up" rows of ``columns`` bytes (each the difference from the row
    above), compressed: what ``/Predictor 12 /Columns 4`` undoes (red team K, 5)."""
    data += bytes(-len(data) % columns)
    rows, above = [], bytes(columns)
    for start in range(0, len(data), columns):
        row = data[start : start + columns]
        rows.append(b"\x02" + bytes((a - b) % 256 for a, b in zip(row, above, strict=True)))
        above = row
    return zlib.compress(b"".join(rows))


#: A script in an object stream, encoded ten ways a viewer decodes.
SCRIPT_IN_STREAMS = {
    "twice compressed (red team G, 4)": object_stream_pdf(SCRIPT, b"[/FlateDecode /FlateDecode]", twice),
    "its stream keyword ends in CR alone (G, 5)": object_stream_pdf(
        SCRIPT, b"/FlateDecode", zlib.compress, b"stream\r"
    ),
    "a space after its stream keyword (G, 6)": object_stream_pdf(SCRIPT, b"/FlateDecode", zlib.compress, b"stream \n"),
    "compressed, as hexadecimal, compressed again": object_stream_pdf(
        SCRIPT,
        b"[/FlateDecode /ASCIIHexDecode /FlateDecode]",
        lambda data: zlib.compress(hex_of_flate(data)),
    ),
    "a stored block holding endstream before the script (red team J, 9)": object_stream_pdf(
        b"<< %endstream\n /Type /Action /S /JavaScript /JS (app.alert\\('x'\\);) >>",
        b"/FlateDecode",
        stored_then_compressed,
        opening=b"/AcroForm 4 0 R",
    ),
    "rows of differences a PNG predictor undoes (red team K, 5)": object_stream_pdf(
        SCRIPT, b"/FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>", png_up_rows, opening=b"/AcroForm 4 0 R"
    ),
    "ASCII85 without its end marker (red team K, 7)": object_stream_pdf(
        SCRIPT, b"/ASCII85Decode", base64.a85encode, opening=b"/AcroForm 4 0 R"
    ),
    "hexadecimal without its end marker (red team K, 7)": object_stream_pdf(
        SCRIPT, b"/ASCIIHexDecode", lambda data: data.hex().encode(), opening=b"/AcroForm 4 0 R"
    ),
    "compressed ASCII85 without its end marker": object_stream_pdf(
        SCRIPT,
        b"[/FlateDecode /ASCII85Decode]",
        lambda data: zlib.compress(base64.a85encode(data)),
        opening=b"/AcroForm 4 0 R",
    ),
    "compressed three times, as ASCII85": object_stream_pdf(
        SCRIPT,
        b"[/ASCII85Decode /FlateDecode /FlateDecode /FlateDecode]",
        lambda data: base64.a85encode(zlib.compress(twice(data))) + b"~>",
    ),
}
HIDDEN = {
    **SCRIPT_IN_STREAMS,
    "an XFA form, whose scripts live in XML (G, 7)": plain_pdf(b"/AcroForm << /XFA 4 0 R >> /NeedsRendering true"),
    "an address it calls on opening (G, 8)": plain_pdf(b"/OpenAction << /S /URI /URI (https://x.example/b) >>"),
    "an opening action kept in another object": plain_pdf(b"/OpenAction 3 0 R"),
    "a page that opens a file elsewhere (G, 8)": plain_pdf(
        page_extra=b"/AA << /O << /S /GoToR /F (\\\\\\\\x.example\\\\s\\\\x.pdf) >> >>"
    ),
    "an embedded file it goes to": plain_pdf(b"/OpenAction << /S /GoToE /T << /R /C /N (a) >> >>"),
    "names ended by a NUL, PDF white space (red team K, 4)": plain_pdf(
        b"/Names\x00<< /JavaScript\x00<< /Names [(a) << /S\x00/JavaScript\x00/JS\x00(app.alert\\(1\\)) >>] >> >>"
    ),
    "an escaped opening action": plain_pdf(b"/Open#41ction << /S /URI /URI (https://x.example/b) >>"),
    "an object stream encoded as a lossless picture": object_stream_pdf(
        b"<< /Type /Font >>", b"/JBIG2Decode", lambda data: data, opening=b""
    ),
    "an object stream in run-length runs under the short filter name (red team K, 8)": object_stream_pdf(
        SCRIPT,
        b"/RL",
        lambda data: b"".join(b"\x00" + bytes([byte]) for byte in data) + b"\x80",
        opening=b"/AcroForm 4 0 R",
    ),
    "an object stream whose filter is kept in another object": object_stream_pdf(
        b"<< /Type /Font >>", b"7 0 R", lambda data: data, opening=b""
    ),
}


@pytest.mark.parametrize("data", HIDDEN.values(), ids=HIDDEN.keys())
def test_an_action_hidden_in_a_pdf_is_found(data: bytes) -> None:
    assert pdf_problem(data)


SHOWING = {
    "a plain page": plain_pdf(),
    "a font in a compressed object stream": object_stream_pdf(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", b"/FlateDecode", zlib.compress, opening=b""
    ),
    "a link a reader clicks": plain_pdf(
        page_extra=b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://x.example) >> >>]"
    ),
    "a page to open at": plain_pdf(b"/OpenAction [3 0 R /Fit]"),
    "a photograph": plain_pdf(
        page_extra=b"/Resources << /XObject << /Im1 4 0 R >> >> >> endobj\n"
        b"4 0 obj << /Type /XObject /Subtype /Image /Width 1 /Height 1 /Filter /DCTDecode /Length 2 >>\n"
        b"stream\n\xff\xd8\nendstream"
    ),
}


@pytest.mark.parametrize("data", SHOWING.values(), ids=SHOWING.keys())
def test_a_pdf_that_only_shows_is_published(data: bytes) -> None:
    assert pdf_problem(data) is None


@pytest.mark.parametrize("name", SCRIPT_IN_STREAMS)
def test_a_pdf_library_finds_each_hidden_action_by_itself(name: str) -> None:
    """The second reading (pypdf, in a child process) finds every action the byte scan
    finds in an encoded stream, without the scan: neither reading relies on the other."""
    assert parsed_problem(SCRIPT_IN_STREAMS[name])


def test_a_pdf_no_library_can_read_is_refused() -> None:
    """A file a PDF library cannot read could hold what only a lenient viewer finds."""
    assert "could not read it" in (pdf_problem(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n") or "")


def test_a_stream_decoded_past_the_budget_is_refused_as_too_much_to_check() -> None:
    bomb = object_stream_pdf(b" " * (120 * 2**20), b"[/FlateDecode /FlateDecode]", twice)
    assert "too much to check" in (pdf_problem(bomb) or "")


@pytest.mark.parametrize("name", SCRIPT_IN_STREAMS)
def test_a_real_pdf_reader_finds_each_hidden_action(name: str, tmp_path: Path) -> None:
    """The hidden cases are PDFs a reader opens: qpdf decodes each stream and shows the
    script, so the check is tested against what a viewer sees, not against bytes alone."""
    qpdf = need_tool("qpdf", install="apt-get install qpdf")
    pdf, plain = tmp_path / "in.pdf", tmp_path / "out.pdf"
    pdf.write_bytes(SCRIPT_IN_STREAMS[name])
    subprocess.run([qpdf, "--qdf", "--object-streams=disable", "--decode-level=all", str(pdf), str(plain)], check=False)
    assert b"/JS (app.alert" in plain.read_bytes()
