"""Content parity: the PDF loses nothing the single-page HTML book says.

Every paragraph, list item, table cell, term and heading of the ``singlehtml``
book must appear in the PDF's text (poppler's ``pdftotext``), in the same order.
Both sides are compared after normalising what typesetting legitimately changes:
white space, hyphens (line-end hyphenation), letter case (capitals in labels)
and the page numbers the PDF adds after its links. Web-only text (hover
previews, the heading permalinks, the download link) is left out of the HTML side.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from sphinx_briefing.booktests import Identity, need_tool

from .book import built

pytestmark = pytest.mark.book

#: Elements whose text must reach paper; a block is checked where it holds no smaller block.
BLOCKS = {"p", "li", "td", "th", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "figcaption", "pre"}
#: Blocks that are ``div``s on the web: a card's title.
BLOCK_CLASSES = {"sd-card-title"}
#: Web-only furniture: previews, permalinks, the download link, hidden link text, field-name colons.
WEB_ONLY = ("bb-preview", "headerlink", "bb-readahead-download", "sd-hide-link-text", "colon")
#: What the PDF adds after a link: "p. 12", "(p. 12)", "See p. 12".
PAGE_REFERENCE = re.compile(r"(See )?\(?p\.\s?\d+\)?")
VOID = {"br", "img", "hr", "meta", "link", "input", "col", "wbr", "source"}


def normalise(text: str) -> str:
    """Only the letters, digits and marks, in order: what no typesetting may change."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in text if not c.isspace() and c not in "-\u2010\u00ad" and unicodedata.category(c) != "Cf")


class Blocks(HTMLParser):
    """The text of each innermost block of a page's body, in document order, web-only parts left out."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool, list[str], bool, bool]] = []  # tag, hidden, text, holds a block, is a block
        self.blocks: list[str] = []
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        self.in_body = self.in_body or values.get("role") == "main"
        if tag in VOID:
            return
        hidden = any(name in WEB_ONLY for name in classes) or bool(self.stack and self.stack[-1][1])
        block = tag in BLOCKS or not BLOCK_CLASSES.isdisjoint(classes)
        if block:
            self.stack = [(name, shown, text, holds or outer, outer) for name, shown, text, holds, outer in self.stack]
        self.stack.append((tag, hidden, [], False, block))

    def handle_endtag(self, tag: str) -> None:
        self.in_body = self.in_body and tag != "article"
        while self.stack:
            name, hidden, text, holds_block, block = self.stack.pop()
            if block and not hidden and not holds_block and self.in_body and "".join(text).strip():
                self.blocks.append("".join(text))
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        if self.stack and not self.stack[-1][1]:
            for _name, hidden, text, _holds, _block in self.stack:
                if not hidden:
                    text.append(data)


@pytest.fixture(scope="module")
def html_blocks(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = built("singlehtml", tmp_path_factory.mktemp("parity") / "singlehtml")
    parser = Blocks()
    parser.feed((out / "index.html").read_text(encoding="utf-8"))
    return parser.blocks


@pytest.fixture(scope="module")
def pdf_text(pdf_dir: Path, identity: Identity) -> str:
    """The PDF's body text from the first page after the contents, without running heads and feet,
    in the order Typst wrote it (``-raw``: a table row by row, a cell at a time)."""
    pdftotext = need_tool("pdftotext", install="apt-get install poppler-utils")
    book = pdf_dir / f"{identity.pdf_basename}.pdf"
    reader = PdfReader(book)
    tops = [reader.get_destination_page_number(item) + 1 for item in reader.outline if not isinstance(item, list)]
    first = tops[1]  # tops[0] is the contents
    height = round(float(reader.pages[0].mediabox.height))
    width = round(float(reader.pages[0].mediabox.width))
    command = [
        pdftotext,
        "-raw",
        "-f",
        str(first),
        "-x",
        "0",
        "-y",
        "62",
        "-W",
        str(width),
        "-H",
        str(height - 124),
        str(book),
        "-",
    ]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return normalise(PAGE_REFERENCE.sub("", text))


def test_every_block_of_the_html_book_is_in_the_pdf_in_order(html_blocks: list[str], pdf_text: str) -> None:
    assert len(html_blocks) > 400
    position, missing = 0, []
    for block in html_blocks:
        wanted = normalise(PAGE_REFERENCE.sub("", block))
        found = pdf_text.find(wanted, position)
        if found < 0:
            where = "earlier, out of order" if wanted in pdf_text else "nowhere"
            missing.append(f"{where}: {block.strip()[:100]!r}")
            continue
        position = found + len(wanted)
    assert not missing, f"{len(missing)} of {len(html_blocks)} blocks not printed in order:\n" + "\n".join(missing[:15])
