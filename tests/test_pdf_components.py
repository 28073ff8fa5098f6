"""sphinx-design components and long tables on paper: nothing hidden behind a click,
and a table's header repeats on every page it runs over."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from .book import sphinx_build
from .conftest import ROOTS

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("components") / "pdf"
    result = sphinx_build("briefingpdf", out, srcdir=ROOTS / "test-components")
    assert result.returncode == 0, result.stderr
    return [" ".join(page.extract_text().split()) for page in PdfReader(out / "briefing.pdf").pages]


def test_every_tab_is_printed_with_its_label(pages: list[str]) -> None:
    text = " ".join(pages).lower()  # labels may be set in capitals by the print style
    for label, body in (("alpha", "alpha-only-text"), ("beta", "beta-only-text")):
        assert f"{label} {body}" in text


def test_dropdowns_are_printed_open(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "More detail" in text and "dropdown-body-text" in text


def test_long_table_repeats_its_header_and_splits_no_row(pages: list[str]) -> None:
    with_rows = [page for page in pages if "row-0" in page or "row-1" in page]
    assert len(with_rows) >= 2, "the 120-row table should run over several pages"
    assert all("column a" in page.lower() and "column b" in page.lower() for page in with_rows)
    text = " ".join(pages)
    for number in range(1, 121):
        assert f"row-{number:03d} value {number}" in text, f"row {number} split or lost"
