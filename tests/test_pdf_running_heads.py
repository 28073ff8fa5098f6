"""Running heads and feet never collide or wrap, however long the book's or a chapter's title.

The test book has a 20-word title and a chapter title of 19 words. Every page's head and
foot is read as poppler lays its words out (``pdftotext -bbox-layout``): each must be one
line, with its parts (the chapter or book title, the handling banner, the date or page
count) apart, and a title cut short must end in an ellipsis.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from sphinx_briefing.booktests import need_tool

from .harness import warnings_text

TITLE = (
    "A Very Long Book Title of Twenty Words About Security Cooperation Between Two Neighbours "
    "and the Trust It Needs Every Year"
)
CHAPTER = (
    "Procurement: Mexico’s approach to the Pentagon and its equipment purchases under three "
    "presidents and two secretaries of defense in turn"
)
HANDLING = "UNCLASSIFIED — OPEN-SOURCE BRIEFING"
#: The page's top and bottom margins (the book's design: 24 mm and 22 mm), in points.
HEAD_BELOW, FOOT_ABOVE = 24 * 72 / 25.4, 22 * 72 / 25.4
#: Least space between two parts of a running line, in points (the design sets 12 pt).
GAP = 6


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float


def word_boxes(pdf: Path) -> list[tuple[float, list[Word]]]:
    """Each page's height and its words with their boxes, as poppler lays them out."""
    pdftotext = need_tool("pdftotext", install="apt-get install poppler-utils")
    layout = subprocess.run(
        [pdftotext, "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for height, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', layout, re.S):
        words = [
            Word(text, float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body
            )
        ]
        pages.append((float(height), words))
    return pages


def parts(line: list[Word]) -> tuple[str, str, str]:
    """A running line's start, middle (the banner) and end, after checking that it is one line
    and that its parts stand apart."""
    middles = [w for w in line if w.text in HANDLING.split()]
    assert middles, f"no banner in {[w.text for w in line]}"
    centre = (min(w.left for w in middles), max(w.right for w in middles))
    centres = [(w.top + w.bottom) / 2 for w in line]
    assert max(centres) - min(centres) < 4, f"more than one line: {[(w.text, w.top) for w in line]}"
    before = [w for w in line if w.right <= centre[0]]
    after = [w for w in line if w.left >= centre[1]]
    assert len(before) + len(middles) + len(after) == len(line), f"words overlap the banner: {[w.text for w in line]}"
    if before:
        assert centre[0] - max(w.right for w in before) >= GAP, f"no space before the banner: {[w.text for w in line]}"
    if after:
        assert min(w.left for w in after) - centre[1] >= GAP, f"no space after the banner: {[w.text for w in line]}"
    text = lambda words: " ".join(w.text for w in sorted(words, key=lambda w: w.left))  # noqa: E731
    return text(before), text(middles), text(after)


def print_book(make_app, project, **settings: str) -> Path:
    srcdir = project("basic", **{"index.md": lambda old: old.replace("# Sample book", f"# {CHAPTER}", 1)})
    overrides = {"project": TITLE, "briefing_handling": HANDLING, "briefing_readahead_doc": "generated", **settings}
    app = make_app("briefingpdf", srcdir=srcdir, confoverrides=overrides)
    app.build()
    assert warnings_text(app) == ""
    return app.outdir


@pytest.mark.parametrize("short_title", ["", "Security Cooperation"])
def test_every_running_head_and_foot_is_one_line_with_its_parts_apart(make_app, project, short_title: str) -> None:
    outdir = print_book(make_app, project, **({"briefing_short_title": short_title} if short_title else {}))
    pages = word_boxes(outdir / "briefing.pdf")
    chapter_pages = 0
    for number, (height, words) in enumerate(pages[1:], start=2):
        head = parts([w for w in words if w.bottom < HEAD_BELOW])
        foot = parts([w for w in words if w.top > height - FOOT_ABOVE])
        assert head[2].startswith("As of"), f"page {number}: head ends {head[2]!r}"
        assert foot[2] == f"{number} of {len(pages)}", f"page {number}: foot ends {foot[2]!r}"
        if short_title:
            assert foot[0] == short_title, f"page {number}: foot starts {foot[0]!r}"
        else:
            assert foot[0].endswith("…") and TITLE.startswith(foot[0][:-1]), f"page {number}: foot starts {foot[0]!r}"
        if head[0].startswith("Procurement"):
            chapter_pages += 1
            assert head[0].endswith("…") and CHAPTER.startswith(head[0][:-1]), f"page {number}: head starts {head[0]!r}"
            assert head[0].split()[-1].rstrip("…") not in {"to", "the", "and", "its", "of", "in"}, head[0]
    assert chapter_pages >= 1


def test_the_readahead_head_line_is_one_line_with_the_title_cut(make_app, project) -> None:
    outdir = print_book(make_app, project)
    ((_height, words),) = word_boxes(outdir / "briefing-readahead.pdf")
    first_line = min(w.top for w in words if w.top > HEAD_BELOW - 20)
    line = [w for w in words if abs(w.top - first_line) < 4 and w.text not in HANDLING.split()]
    text = " ".join(w.text for w in sorted(line, key=lambda w: w.left))
    assert re.fullmatch(r"READ-AHEAD A Very Long .*… · As of \S.* · Edition 1\.0", text), text
