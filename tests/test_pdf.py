"""The PDF book and its one-page read-ahead, checked as a reader and a PDF validator see them.

The real book is printed once per test session (``pdf_dir``: ``briefingpdf``
with the same strict flags as ``make pdf``); every test then reads the files with
pypdf, qpdf and poppler's pdffonts.
"""

from __future__ import annotations

import dataclasses
import re
import runpy
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from sphinx_briefing.booktests import need_tool
from sphinx_briefing.model.config import PREFIX, BriefingConfig
from sphinx_briefing.print.pdf import first_sentence
from sphinx_briefing.text.sources import load_source

from .prose_measure import printed_chapters

pytestmark = pytest.mark.book

REPO = Path(__file__).parent.parent
CONF = runpy.run_path(str(REPO / "conf.py"))
#: The book's settings as the build reads them: conf.py's values over the extension's defaults.
SETTINGS = BriefingConfig(
    **{setting.name: CONF.get(PREFIX + setting.name, setting.default) for setting in dataclasses.fields(BriefingConfig)}
)
BOOK = f"{SETTINGS.pdf_basename}.pdf"
READAHEAD = f"{SETTINGS.pdf_basename}-readahead.pdf"
MAX_BYTES = 1_500_000
#: The fonts the book is set in: Typst's own, embedded; nothing from the machine.
FONTS = ("LibertinusSerif", "DejaVuSansMono")
#: Words that the book's chapter titles contain, matched loosely (case-insensitive).
CHAPTER_WORDS = ("history", "training", "procurement", "border", "risks", "annex")


def squash(text: str) -> str:
    """Text with runs of whitespace made single spaces, for matching across line breaks."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def outdir(pdf_dir: Path) -> Path:
    return pdf_dir


@pytest.fixture(scope="module")
def book(outdir: Path) -> PdfReader:
    return PdfReader(outdir / BOOK)


@pytest.fixture(scope="module")
def pages(book: PdfReader) -> list[str]:
    return [squash(page.extract_text()) for page in book.pages]


@pytest.fixture(scope="module")
def chapters(book: PdfReader) -> list[tuple[str, int, Any]]:
    """Top-level outline entries: (title, 1-based page, destination)."""
    entries = [item for item in book.outline if not isinstance(item, list)]
    return [(item.title, book.get_destination_page_number(item) + 1, item) for item in entries]


def source_meta() -> dict[str, str]:
    (path,) = sorted((REPO / "source").glob("*.md"))
    return load_source(path).meta


# -- cover and read-ahead -------------------------------------------------------------


def test_first_page_is_the_cover(pages: list[str]) -> None:
    cover = pages[0].lower()
    meta = source_meta()
    assert squash(CONF["project"]).lower() in cover
    assert SETTINGS.handling.lower() in cover
    assert squash(SETTINGS.subtitle).lower() in cover
    assert "edition " + CONF["release"] in cover
    assert "as of " + squash(SETTINGS.as_of).lower() in cover
    assert "date basis " + first_sentence(meta["date_basis"]).lower() in cover, "the as-of date's basis"
    assert squash(meta["title"]).lower() in cover, "the source of record"
    assert not re.search(rf"\b1 of {len(pages)}\b", cover), "the cover carries no page number"


def test_readahead_is_exactly_one_page_with_its_cover_line(outdir: Path) -> None:
    readahead = PdfReader(outdir / READAHEAD)
    assert len(readahead.pages) == 1
    text = squash(readahead.pages[0].extract_text()).lower()
    assert "read-ahead" in text
    assert SETTINGS.handling.lower() in text
    assert squash(CONF["project"]).lower() in text
    assert not re.search(r"p\. \d", text), "the read-ahead has no book to give page numbers for"
    assert not readahead.pages[0].get("/Annots"), "no link leads into a book the page does not contain"


@pytest.mark.content
def test_the_talking_points_and_questions_fit_two_printed_pages(outdir: Path) -> None:
    """Rule 17: the talking points and anticipated questions fit two printed pages."""
    (pages,) = [
        (first, last) for title, (first, last) in printed_chapters(outdir).items() if "talking points" in title.lower()
    ]
    assert pages[1] - pages[0] + 1 <= 2, f"the talking points run over pp. {pages[0]}–{pages[1]}"


# -- pages ---------------------------------------------------------------------------


def test_every_page_after_the_cover_is_numbered_n_of_total(pages: list[str]) -> None:
    total = len(pages)
    assert total > 10
    for number, text in enumerate(pages[1:], start=2):
        assert f"{number} of {total}" in text, f"page {number} has no '{number} of {total}'"


def test_every_page_carries_the_handling_banner(pages: list[str]) -> None:
    for number, text in enumerate(pages, start=1):
        assert SETTINGS.handling.lower() in text.lower(), f"page {number} has no handling line"


def test_running_head_names_the_chapter_of_the_page(book: PdfReader, chapters: list[tuple[str, int, Any]]) -> None:
    """Every page from a chapter's first to the next chapter's opens with that chapter's title."""
    starts = [page for _title, page, _ in chapters[1:]] + [len(book.pages) + 1]
    for (title, first, _), end in zip(chapters[1:], starts[1:]):
        for page in range(first, end):
            head = squash(book.pages[page - 1].extract_text().split("\n")[0])
            assert head.startswith(squash(title)[:30]), f"page {page} of {title!r} opens with {head[:60]!r}"


def test_each_chapter_starts_at_the_top_of_a_page(book: PdfReader, chapters: list[tuple[str, int, Any]]) -> None:
    height = float(book.pages[0].mediabox.height)
    for title, page, destination in chapters[1:]:
        assert float(destination.top) > height - 110, f"{title!r} starts mid-page on page {page}"


def test_contents_give_the_page_each_chapter_starts_on(pages: list[str], chapters: list[tuple[str, int, Any]]) -> None:
    contents_page = next(page for title, page, _ in chapters if title == "Contents")
    following = next(page for _title, page, _ in chapters if page > contents_page)
    listing = " ".join(pages[contents_page - 1 : following - 1])
    for title, page, _ in chapters:
        if page > contents_page:
            assert re.search(re.escape(squash(title)) + r"[ .]*" + rf"{page}\b", listing), (
                f"contents do not list {title!r} on page {page}"
            )


@pytest.mark.content
def test_cross_references_and_citations_print_page_numbers(pages: list[str]) -> None:
    body = " ".join(pages[1:])
    assert len(re.findall(r"¶\d+(?:–\d+)?\s*p\.\s*\d+", body)) > 50
    assert len(re.findall(r"\(p\.\s*\d+\)", body)) > 20


# -- structure and metadata -------------------------------------------------------------


@pytest.mark.content
def test_outline_has_the_chapters_with_their_sections(book: PdfReader, chapters: list[tuple[str, int, Any]]) -> None:
    titles = " | ".join(title.lower() for title, _page, _ in chapters)
    for word in CHAPTER_WORDS:
        assert word in titles, f"no top-level bookmark mentions {word!r}: {titles}"
    nested = [item for item in book.outline if isinstance(item, list)]
    assert len(nested) >= len(CHAPTER_WORDS), "chapters should have their sections as child bookmarks"


def test_metadata_names_title_author_subject_and_language(book: PdfReader) -> None:
    info = book.metadata
    assert info is not None
    assert info["/Title"] == CONF["project"]
    assert info["/Author"] == CONF["author"]
    assert SETTINGS.subtitle in info["/Subject"]
    assert info.get("/Keywords")
    assert book.trailer["/Root"]["/Lang"] == CONF.get("language", "en")


def link_targets(book: PdfReader) -> list[tuple[int, Any]]:
    """(page, destination) of every link annotation: a page object, a name, or ("URI", uri)."""
    targets = []
    for number, page in enumerate(book.pages, start=1):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else None
            if action is not None and action.get("/S") == "/URI":
                targets.append((number, ("URI", str(action["/URI"]))))
            else:
                targets.append((number, annot.get("/Dest", action.get("/D") if action else None)))
    return targets


def test_every_internal_link_lands_on_a_page_of_the_book(book: PdfReader) -> None:
    pages = {page.indirect_reference for page in book.pages}
    names = book.named_destinations
    internal = [(page, dest) for page, dest in link_targets(book) if not isinstance(dest, tuple)]
    assert len(internal) > 50
    for page, dest in internal:
        dest = dest.get_object() if hasattr(dest, "get_object") else dest
        if isinstance(dest, str) or hasattr(dest, "startswith"):
            assert str(dest) in names, f"page {page}: link to missing destination {dest}"
            continue
        assert dest[0] in pages, f"page {page}: link to {dest} leads to no page of the book"


def test_links_out_of_the_book_are_web_links_only(book: PdfReader) -> None:
    uris = [uri for _page, dest in link_targets(book) if isinstance(dest, tuple) for uri in dest[1:]]
    assert all(uri.startswith(("http://", "https://", "mailto:")) for uri in uris), uris


def test_typst_reads_only_what_the_builder_wrote(outdir: Path) -> None:
    """Preparing issue 12: the markup imports only the page design and reads no file."""
    markup = (outdir / "book.typ").read_text(encoding="utf-8")
    code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', markup)  # text is in strings; look at the code only
    assert code.count("#import") == 1 and '#import "briefing.typ"' in markup
    assert not re.search(r"\b(read|include|json|csv|yaml|toml|xml|cbor|plugin)\(", code)


def test_pdf_is_tagged_pdf_ua_1_with_language(book: PdfReader) -> None:
    root = book.trailer["/Root"]
    assert root["/Lang"] == CONF.get("language", "en")
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part[^0-9]*1", xmp), "no PDF/UA-1 identification in the XMP metadata"


# -- the file --------------------------------------------------------------------------


@pytest.mark.parametrize("name", [BOOK, READAHEAD])
def test_file_is_small_enough_to_mail(outdir: Path, name: str) -> None:
    assert (outdir / name).stat().st_size <= MAX_BYTES


@pytest.mark.parametrize("name", [BOOK, READAHEAD])
def test_qpdf_finds_no_structural_errors(outdir: Path, name: str) -> None:
    qpdf = need_tool("qpdf", install="apt-get install qpdf")
    result = subprocess.run([qpdf, "--check", str(outdir / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", [BOOK, READAHEAD])
def test_every_font_is_embedded_and_one_typst_ships(outdir: Path, name: str) -> None:
    pdffonts = need_tool("pdffonts", install="apt-get install poppler-utils")
    result = subprocess.run([pdffonts, str(outdir / name)], capture_output=True, text=True, check=True)
    rows = result.stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        # Columns: name, type (may contain spaces), encoding, emb, sub, uni, object id, generation.
        name_column, *_rest, emb, _sub, _uni, _obj, _gen = row.split()
        assert emb == "yes", f"font not embedded: {row}"
        assert name_column.split("+")[-1].startswith(FONTS), f"font Typst does not ship: {row}"


# -- configuration -----------------------------------------------------------------------


def test_letter_by_default(book: PdfReader) -> None:
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in book.pages} == {(612, 792)}
