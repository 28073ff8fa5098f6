"""The annex shows who speaks in each sentence, numbered as the source header numbers them.

On the web and in the PDF, under every paragraph of this book's annex: "Who speaks:", then
for each sentence (or run of sentences with one voice) its number ("¶24.1"), its opening
words and its speaker in words, so that the header's ``attribution`` can be written from
the page. A speaker the parser only guessed says so in words, not by colour.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from sphinx_briefing.booktests import Identity

pytestmark = [pytest.mark.book, pytest.mark.content]


def squash(text: str) -> str:
    return " ".join(text.split())


def test_the_web_annex_numbers_each_sentence_and_names_its_speaker(html_site: Path) -> None:
    text = squash(unescape(re.sub(r"<[^>]+>", "", (html_site / "docs" / "annex.html").read_text(encoding="utf-8"))))
    assert "Who speaks: ¶24.1 “In what the then-head of…”: the article, quoting William Gortney" in text
    assert "¶22.1–2 “The Pentagon spent $60 million…”: Milenio" in text
    assert "Milenio (institution)" in text and "unnamed sources (unnamed source)" in text


def test_the_pdf_annex_prints_the_same(pdf_dir: Path, identity: Identity) -> None:
    text = squash(" ".join(page.extract_text() for page in PdfReader(pdf_dir / f"{identity.pdf_basename}.pdf").pages))
    assert "Who speaks: ¶24.1 “In what the then-head of…”: the article, quoting William Gortney" in text
    assert "Milenio (institution)" in text
