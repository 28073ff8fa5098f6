"""Draft marks: visible on the web page, in the text output and on paper; refused in a release.

``test-drafts`` holds two draft boxes and one inline placeholder. It builds clean by
default; with ``briefing_release`` every mark is a ``briefing.draft`` warning on
its own line of ``index.md``, and nothing else is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from sphinx_briefing.domain import drafts

from .book import sphinx_build
from .harness import strict_app, warnings_in

#: The lines of ``index.md`` that hold a draft mark.
MARKS = ("```{draft} Records to check", "The bottom line: {draft}`Write the bottom line here.`", "```{draft}")
#: Lines that say, in plain words, that they are unfinished: a release refuses them too.
UNFINISHED = (
    "Typed by hand: TODO check the figure.",
    "[DRAFT] A placeholder typed without the role.",
    "The count is XXX for now.",
    "A heading to FIXME later, and a date TBD.",
    "[Draft] in another case, and a To-do.",
)


def test_draft_marks_build_clean_by_default(make_app, project) -> None:
    app = strict_app(make_app, project("drafts"))
    assert warnings_in(app) == []


def test_web_page_shows_a_draft_box_and_an_inline_placeholder(make_app, project) -> None:
    app = strict_app(make_app, project("drafts"))
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert page.count('<div class="admonition-todo bb-draft admonition"') == 2
    assert '<p class="admonition-title">Draft: Records to check</p>' in page
    assert '<p class="admonition-title">Draft</p>' in page
    assert '<span class="bb-draft"><strong>[DRAFT]</strong> <em>Write the bottom line here.</em></span>' in page


def test_text_output_keeps_the_labels(make_app, project) -> None:
    app = strict_app(make_app, project("drafts"), builder="text")
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Draft: Records to check" in text
    assert "**[DRAFT]** *Write the bottom line here.*" in text


@pytest.mark.book
def test_pdf_prints_the_draft_labels(make_app, project) -> None:
    app = strict_app(make_app, project("drafts"), builder="briefingpdf")
    assert warnings_in(app) == []
    (pdf,) = Path(app.outdir).glob("*.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "DRAFT: RECORDS TO CHECK" in text
    assert "[DRAFT] Write the bottom line here." in text


def test_a_release_build_names_every_draft_mark_by_file_and_line(make_app, project) -> None:
    srcdir = project("drafts")
    found = warnings_in(strict_app(make_app, srcdir, briefing_release=True))
    index = srcdir / "index.md"
    assert sorted(w.line for w in found) == sorted(
        index.read_text(encoding="utf-8").splitlines().index(mark) + 1 for mark in MARKS + UNFINISHED
    )
    assert {w.subtype for w in found} == {"briefing.draft"}
    assert all(w.path.endswith("index.md") for w in found)
    assert any("“Write the bottom line here.”" in w.message for w in found)
    assert any("'Draft: Records to check'" in w.message for w in found)
    assert any("“FIXME”, “TBD”" in w.message for w in found), "each unfinished word a line holds is named"


def test_make_release_flag_fails_the_strict_build(project, tmp_path: Path) -> None:
    """``-D briefing_release=1``, as ``make release`` passes it, fails a strict build."""
    result = sphinx_build("html", tmp_path / "out", "-D", "briefing_release=1", srcdir=project("drafts"))
    assert result.returncode != 0
    assert result.stderr.count("[briefing.draft]") == len(MARKS + UNFINISHED), result.stderr


@pytest.mark.parametrize("text", ["ＴＯＤＯ: check", "TO\u034fDO: check", "a To-do", "[Draft] text", "todo"])
def test_an_unfinished_word_is_found_however_it_is_written(text: str) -> None:
    """Full-width letters, a grapheme joiner inside the word, another case: a release once
    let these through."""
    assert drafts.UNFINISHED.search(drafts.plain_letters(text))


@pytest.mark.parametrize("text", ["Tbd is no word", "XXXL shirts", "a toddler", "the mayor's draft budget"])
def test_ordinary_words_are_not_unfinished(text: str) -> None:
    assert not drafts.UNFINISHED.search(drafts.plain_letters(text))
