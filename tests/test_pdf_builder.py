"""The PDF builder on the small test projects: settings, what makes it print again, the
read-ahead guard, and a Typst warning that comes back until it is fixed. The real book's
PDF is in ``test_pdf``."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from sphinx_briefing.records.freshness import code_digest

from .book import sphinx_build

REPO = Path(__file__).parent.parent


def test_an_unknown_paper_is_one_warning_naming_the_setting(make_app, project) -> None:
    srcdir = project()
    app = make_app("html", srcdir=srcdir, confoverrides={"briefing_paper": "Legal"})
    assert (
        "briefing_paper must be one of letter, a4, not 'Legal'; using 'letter' [briefing.config]"
        in app.warning.getvalue()
    )
    assert app.config.briefing_paper == "letter"
    assert make_app("html", srcdir=srcdir, confoverrides={"briefing_paper": " A4 "}).config.briefing_paper == "a4"


@pytest.mark.parametrize(
    "name", ["../../../escape", "/tmp/escape", "sub/book", ".hidden", "a\\b", "", "book-readahead"]
)
def test_a_pdf_name_that_is_a_path_is_refused(make_app, project, name: str) -> None:
    """The PDF and the read-ahead are written under this name: a path would write them
    outside the output folder (the read-ahead was written to /tmp by a web build)."""
    srcdir = project()
    app = make_app("html", srcdir=srcdir, confoverrides={"briefing_pdf_basename": name})
    assert "briefing_pdf_basename must be a file name" in app.warning.getvalue()
    assert app.config.briefing_pdf_basename == "briefing"
    plain = make_app("html", srcdir=srcdir, confoverrides={"briefing_pdf_basename": "us-mexico_1.0"})
    assert plain.config.briefing_pdf_basename == "us-mexico_1.0"


@pytest.mark.parametrize(
    ("setting", "value"),
    [("briefing_handling", "UNCLASSIFIED\x0b\x01"), ("briefing_as_of", "2017\ufffe"), ("briefing_subtitle", "a\x1bb")],
)
def test_a_setting_with_a_control_character_is_refused(make_app, project, setting: str, value: str) -> None:
    """The handling line and the as-of date are printed on every page: a control character
    made 15 of 17 EPUB pages ill-formed XML, published green."""
    app = make_app("html", srcdir=project(), confoverrides={setting: value})
    assert f"{setting} holds U+" in app.warning.getvalue()
    assert app.config[setting] == ""


@pytest.mark.parametrize("setting", ["briefing_handling", "briefing_subtitle", "briefing_short_title"])
def test_a_setting_too_long_for_a_line_is_refused(make_app, project, setting: str) -> None:
    """A handling line of 10,000 letters was fitted into every running head of the PDF."""
    app = make_app("html", srcdir=project(), confoverrides={setting: "UNCLASSIFIED " * 30})
    assert f"{setting} is 390 characters, more than" in app.warning.getvalue()
    assert app.config[setting] == ""


@pytest.mark.parametrize("name", ["書" * 100, "b" * 250], ids=["100 CJK letters", "250 ASCII letters"])
def test_a_pdf_name_too_long_for_a_file_system_is_refused(make_app, project, name: str) -> None:
    """Red team H: a name of 300 UTF-8 bytes passed the check, then writing the read-ahead
    crashed the build with "File name too long" and a traceback."""
    app = make_app("html", srcdir=project(), confoverrides={"briefing_pdf_basename": name})
    assert "briefing_pdf_basename must be a file name" in app.warning.getvalue()
    assert "bytes" in app.warning.getvalue()
    assert app.config.briefing_pdf_basename == "briefing"


@pytest.mark.parametrize(
    ("setting", "value", "kept"),
    [
        ("project", "U.S.\x0b–Mexico \x1b[31m Security", "U.S.–Mexico [31m Security"),
        ("author", "Team\x01", "Team"),
        ("copyright", "2017\ufffe", "2017"),
        ("epub_title", "Brief\x07", "Brief"),
    ],
)
def test_a_sphinx_setting_with_a_control_character_is_cleaned(
    make_app, project, setting: str, value: str, kept: str
) -> None:
    """Red team H: a control character in the project's name made the EPUB's package file
    ill-formed XML, published green, and failed the PDF naming no setting."""
    app = make_app("epub", srcdir=project(), confoverrides={setting: value})
    assert f"{setting} holds U+" in app.warning.getvalue()
    assert app.config[setting] == kept


@pytest.mark.parametrize("epoch", ["1733400000000", "99999999999", "99999999999999999"])
def test_a_source_date_epoch_no_output_can_hold_is_one_warning(
    make_app, project, monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    """Red team H: SOURCE_DATE_EPOCH in milliseconds crashed the web build and the EPUB's
    packing with tracebacks."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    app = make_app("epub", srcdir=project())
    app.build()
    assert f"SOURCE_DATE_EPOCH={epoch} is not a time in seconds" in app.warning.getvalue()
    assert (Path(app.outdir) / f"{app.config.epub_basename}.epub").is_file()


@pytest.mark.parametrize("name", ["../../x", "/tmp/x", ".hidden", "a b"])
def test_an_epub_name_that_is_a_path_is_refused(make_app, project, name: str) -> None:
    """conf.py copies the PDF's name into epub_basename: a path there wrote the EPUB outside
    the output folder, while the warning about the PDF's name said the default was used."""
    app = make_app("epub", srcdir=project(), confoverrides={"epub_basename": name, "briefing_pdf_basename": "book"})
    assert "epub_basename must be a file name" in app.warning.getvalue()
    assert app.config.epub_basename == "book"


def test_code_digest_covers_the_templates(tmp_path: Path) -> None:
    """A changed page design re-prints the book: the stamp's code digest sees templates."""
    package = Path(sys.modules["sphinx_briefing"].__file__).parent
    copy = shutil.copytree(package, tmp_path / "package", ignore=shutil.ignore_patterns("__pycache__"))
    before = code_digest(copy)
    template = copy / "print" / "templates" / "briefing.typ"
    template.write_text(template.read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")
    assert code_digest(copy) != before == code_digest(package)


# -- the read-ahead guard, on the small test project ------------------------------------------


def build_sample(
    tmp_path: Path, readahead: str = "generated", extra_text: str = "", *options: str
) -> subprocess.CompletedProcess[str]:
    """Build tests/roots/test-basic as a PDF, strictly, with the given read-ahead document.

    The project is copied once; a second call builds the same copy again (incrementally).
    """
    project = tmp_path / "sample"
    if not project.exists():
        shutil.copytree(REPO / "tests" / "roots" / "test-basic", project)
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + extra_text, encoding="utf-8")
    return sphinx_build(
        "briefingpdf", tmp_path / "pdf", "-D", f"briefing_readahead_doc={readahead}", *options, srcdir=project
    )


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


def test_a4_by_a_setting(tmp_path: Path) -> None:
    result = build_sample(tmp_path, "generated", "", "-D", "briefing_paper=a4")
    assert result.returncode == 0, result.stderr
    for name in ("briefing.pdf", "briefing-readahead.pdf"):
        box = PdfReader(tmp_path / "pdf" / name).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842), name


def printed(tmp_path: Path, *build: str) -> set[str]:
    """The PDFs a build of the sample printed: those it wrote anew (their files changed)."""
    pdfs = tmp_path / "pdf"
    before = {path.name: path.stat().st_mtime_ns for path in pdfs.glob("*.pdf")}
    result = build_sample(tmp_path, *build)
    assert result.returncode == 0, result.stderr
    return {path.name for path in pdfs.glob("*.pdf") if before.get(path.name) != path.stat().st_mtime_ns}


def test_pdfs_are_printed_again_exactly_when_something_changed(tmp_path: Path) -> None:
    both = {"briefing.pdf", "briefing-readahead.pdf"}
    assert printed(tmp_path) == both
    assert printed(tmp_path) == set(), "nothing changed, nothing printed"
    assert printed(tmp_path, "generated", "\nA new closing line.\n") == {"briefing.pdf"}
    assert printed(tmp_path, "generated", "", "-D", "briefing_handling=SECRET") == both
    assert printed(tmp_path, "generated", "", "-D", "briefing_handling=SECRET") == set()


def test_pictures_and_the_build_time_are_part_of_what_is_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-ahead with a picture prints (on the PDF and the web route); an edited picture or
    another SOURCE_DATE_EPOCH prints both PDFs again, though no page changed."""
    project = shutil.copytree(REPO / "tests" / "roots" / "test-basic", tmp_path / "sample")
    picture = shutil.copyfile(REPO / "tests" / "roots" / "test-components" / "tiny.svg", project / "tiny.svg")
    both = {"briefing.pdf", "briefing-readahead.pdf"}
    offered = "\n![A tiny picture](tiny.svg)\n\n```{readahead-download}\n```\n"
    assert printed(tmp_path, "index", offered) == both
    picture.write_text(picture.read_text(encoding="utf-8").replace("#1d3557", "#e63946"), encoding="utf-8")
    assert printed(tmp_path, "index") == both
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert printed(tmp_path, "index") == both
    assert printed(tmp_path, "index") == set()
    web = sphinx_build("html", tmp_path / "html", "-D", "briefing_readahead_doc=index", srcdir=project)
    assert web.returncode == 0, web.stderr
    assert len(list((tmp_path / "html" / "_downloads").rglob("briefing-readahead.pdf"))) == 1


def test_a_pdf_cut_short_since_it_was_printed_is_printed_again(tmp_path: Path) -> None:
    """The stamp covers the PDF it made: a file damaged since, its stamp intact, is not "unchanged"."""
    assert printed(tmp_path) == {"briefing.pdf", "briefing-readahead.pdf"}
    book = tmp_path / "pdf" / "briefing.pdf"
    whole = book.read_bytes()
    book.write_bytes(whole[: len(whole) // 2])
    assert printed(tmp_path) == {"briefing.pdf"}
    assert book.stat().st_size == len(whole) and len(PdfReader(book).pages) == len(PdfReader(io.BytesIO(whole)).pages)


def test_a_pdf_that_typst_warned_about_is_printed_again_and_warns_again(tmp_path: Path) -> None:
    """A PDF Typst warned about is not stamped as current: a strict build that failed on the
    warning fails again when simply run again, until the cause is fixed. The warning names
    the page and line the markup Typst warned about was printed from."""
    project = shutil.copytree(REPO / "tests" / "roots" / "test-typst-extension", tmp_path / "sample")
    extension = project / "boxed_note.py"
    unknown_font = '"#text(font: \\"No Such Font\\")[x]#block(stroke: 0.5pt, inset: 4pt)["'
    extension.write_text(
        extension.read_text(encoding="utf-8").replace('"#block(stroke: 0.5pt, inset: 4pt)["', unknown_font),
        encoding="utf-8",
    )
    for _run in range(2):
        result = sphinx_build("briefingpdf", tmp_path / "pdf", srcdir=project)
        assert result.returncode != 0, result.stderr
        assert re.search(
            r"index\.md:3: WARNING: Typst warns about this: unknown font family: no such font \[briefing\.pdf\]",
            result.stderr,
        ), result.stderr
