"""The PDF book and its one-page read-ahead, checked as a reader and a PDF validator see them.

The real book is built once for the module (``briefingpdf`` with the same strict
flags as ``make pdf``); every test then reads the files with pypdf, and with qpdf
and poppler's pdffonts when they are installed.
"""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from sphinx_briefing.pdf import BriefingPDFError, page_css, paper_size

pytestmark = pytest.mark.book

REPO = Path(__file__).parent.parent
CONF = runpy.run_path(str(REPO / "conf.py"))
BOOK = f"{CONF['briefing_pdf_basename']}.pdf"
READAHEAD = f"{CONF['briefing_pdf_basename']}-readahead.pdf"
MAX_BYTES = 1_500_000
#: Words that the book's chapter titles contain, matched loosely (case-insensitive).
CHAPTER_WORDS = ("history", "training", "procurement", "operations", "risks", "annex")


def squash(text: str) -> str:
    """Text with runs of whitespace made single spaces, for matching across line breaks."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("briefingpdf")
    command = [
        sys.executable, "-m", "sphinx", "-b", "briefingpdf", "-W", "--keep-going", "-n", "-q",
        "-d", str(tmp / "doctrees"), str(REPO), str(tmp / "pdf"),
    ]
    result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=900)
    assert result.returncode == 0, f"briefingpdf build failed:\n{result.stdout}\n{result.stderr}"
    return tmp / "pdf"


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


# -- cover and read-ahead -------------------------------------------------------------


def test_first_page_is_the_cover(pages: list[str]) -> None:
    cover = pages[0].lower()
    assert squash(CONF["project"]).lower() in cover
    assert CONF["briefing_handling"].lower() in cover
    assert CONF["briefing_subtitle"].lower() in cover
    assert f"edition {CONF['release']}" in cover
    assert " of " + str(len(pages)) not in cover, "the cover carries no page number"


def test_readahead_is_exactly_one_page_with_its_cover_line(outdir: Path) -> None:
    readahead = PdfReader(outdir / READAHEAD)
    assert len(readahead.pages) == 1
    text = squash(readahead.pages[0].extract_text()).lower()
    assert "read-ahead" in text
    assert CONF["briefing_handling"].lower() in text
    assert squash(CONF["project"]).lower() in text
    assert "p. " not in text, "the read-ahead has no book to give page numbers for"


# -- pages ---------------------------------------------------------------------------


def test_every_page_after_the_cover_is_numbered_n_of_total(pages: list[str]) -> None:
    total = len(pages)
    assert total > 10
    for number, text in enumerate(pages[1:], start=2):
        assert f"{number} of {total}" in text, f"page {number} has no '{number} of {total}'"


def test_every_page_carries_the_handling_banner(pages: list[str]) -> None:
    for number, text in enumerate(pages, start=1):
        assert CONF["briefing_handling"].lower() in text.lower(), f"page {number} has no handling line"


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


def test_cross_references_and_citations_print_page_numbers(pages: list[str]) -> None:
    body = " ".join(pages[1:])
    assert len(re.findall(r"¶\d+(?:–\d+)?\s*p\.\s*\d+", body)) > 50
    assert len(re.findall(r"\(p\.\s*\d+\)", body)) > 20


# -- structure and metadata -------------------------------------------------------------


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
    assert CONF["briefing_subtitle"] in info["/Subject"]
    assert info.get("/Keywords")
    assert book.trailer["/Root"]["/Lang"] == CONF["language"]


def _link_targets(book: PdfReader) -> list[tuple[int, Any]]:
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


def test_every_internal_link_has_a_destination(book: PdfReader) -> None:
    names = book.named_destinations
    targets = _link_targets(book)
    internal = [(page, dest) for page, dest in targets if not isinstance(dest, tuple)]
    assert len(internal) > 500
    missing = [(page, str(dest)) for page, dest in internal if str(dest) not in names]
    assert not missing, f"links to missing destinations: {missing[:10]}"
    local_files = [uri for _page, (kind, uri) in (t for t in targets if isinstance(t[1], tuple)) if "://" not in uri]
    assert not local_files, f"links to files that are not in the PDF: {local_files[:10]}"


class _Anchors(HTMLParser):
    """Ids and in-page link targets of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and (values.get("href") or "").startswith("#") and len(values["href"]) > 1:
            self.hrefs.add(values["href"][1:])


def test_intermediate_html_links_only_to_ids_it_has(outdir: Path) -> None:
    anchors = _Anchors()
    anchors.feed((outdir / "index.html").read_text(encoding="utf-8"))
    assert len(anchors.hrefs) > 100
    assert not sorted(anchors.hrefs - anchors.ids)
    assert not [href for href in anchors.hrefs if "#" in href], "double anchors cannot be followed"


# -- the file --------------------------------------------------------------------------


@pytest.mark.parametrize("name", [BOOK, READAHEAD])
def test_file_is_small_enough_to_mail(outdir: Path, name: str) -> None:
    assert (outdir / name).stat().st_size <= MAX_BYTES


@pytest.mark.parametrize("name", [BOOK, READAHEAD])
def test_qpdf_finds_no_structural_errors(outdir: Path, name: str) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    result = subprocess.run(["qpdf", "--check", str(outdir / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", [BOOK, READAHEAD])
def test_every_font_is_embedded_dejavu(outdir: Path, name: str) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    result = subprocess.run(["pdffonts", str(outdir / name)], capture_output=True, text=True, check=True)
    rows = result.stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        # Columns: name, type (may contain spaces), encoding, emb, sub, uni, object id, generation.
        name_column, *_rest, emb, _sub, _uni, _obj, _gen = row.split()
        assert emb == "yes", f"font not embedded: {row}"
        assert "DejaVu" in name_column, f"font other than DejaVu: {row}"


# -- configuration -----------------------------------------------------------------------


def test_paper_and_banner_are_set_in_the_generated_page_rule() -> None:
    css = page_css("A4", 'SECRET "x"', "1 May 2017")
    assert "size: A4;" in css
    assert '@top-center { content: "SECRET \\"x\\""; }' in css
    assert '@bottom-center { content: "SECRET \\"x\\""; }' in css
    assert paper_size("letter") == "letter"
    with pytest.raises(BriefingPDFError, match="briefing_paper must be one of letter, a4"):
        paper_size("legal")


# -- the read-ahead guard, on the small test project ------------------------------------------


def build_sample(tmp_path: Path, readahead: str, extra_text: str = "") -> subprocess.CompletedProcess[str]:
    """Build tests/roots/test-basic as a PDF, strictly, with the given read-ahead document."""
    project = tmp_path / "sample"
    shutil.copytree(REPO / "tests" / "roots" / "test-basic", project)
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + extra_text, encoding="utf-8")
    command = [
        sys.executable, "-m", "sphinx", "-b", "briefingpdf", "-W", "--keep-going", "-n", "-q",
        "-D", f"briefing_readahead_doc={readahead}",
        "-d", str(tmp_path / "doctrees"), str(project), str(tmp_path / "pdf"),
    ]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)


def test_a_readahead_that_fits_builds_one_page(tmp_path: Path) -> None:
    result = build_sample(tmp_path, "generated")
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(tmp_path / "pdf" / "briefing-readahead.pdf").pages) == 1


def test_a_readahead_longer_than_one_page_fails_the_build(tmp_path: Path) -> None:
    filler = "\n\n## More\n\n" + "\n\n".join(["A paragraph that makes the read-ahead far too long. " * 8] * 40)
    result = build_sample(tmp_path, "index", filler)
    assert result.returncode != 0
    assert "must fit on one" in result.stderr


def test_a_missing_readahead_document_is_reported(tmp_path: Path) -> None:
    result = build_sample(tmp_path, "docs/nothing-here")
    assert result.returncode != 0
    assert "'docs/nothing-here' is not a document of the book" in result.stderr
