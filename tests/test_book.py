"""This book's own content, checked on its built outputs: its pages, its article's
coverage, its records. Marked ``content``: skipped when the book's content is replaced.
What every book must do is checked by the toolkit (``test_book_generic``)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest

from sphinx_briefing.booktests import Links

from .book import built

pytestmark = [pytest.mark.book, pytest.mark.content]

CHAPTERS = [
    "docs/readahead", "docs/history", "docs/training", "docs/procurement", "docs/border",
    "docs/risks", "docs/talking-points", "docs/whos-who", "docs/timeline", "docs/key-figures",
    "docs/glossary", "docs/method", "docs/coverage", "docs/annex",
]


def test_every_chapter_is_a_page_and_the_repository_is_not(html_site: Path) -> None:
    for page in CHAPTERS:
        assert (html_site / f"{page}.html").is_file(), page
    assert not (html_site / "README.html").exists()
    assert not list(html_site.glob("tests/**/*.html"))


def test_pages_are_in_toctree_order(html_site: Path) -> None:
    links = Links(html_site / "index.html").links
    order = [link.removesuffix(".html") for link in links if link.removesuffix(".html") in CHAPTERS]
    assert list(dict.fromkeys(order)) == CHAPTERS


def test_glossary_terms_resolve_to_definitions(html_site: Path) -> None:
    glossary = Links(html_site / "docs" / "glossary.html").ids
    terms = {
        unquote(urldefrag(href)[1])
        for path in html_site.rglob("*.html")
        for href in Links(path).links
        if "glossary.html#term-" in href
    }
    assert len(terms) >= 15
    assert terms <= glossary


def test_every_article_paragraph_is_placed_once_or_excluded(html_site: Path) -> None:
    coverage = json.loads((html_site / "_data" / "coverage.json").read_text(encoding="utf-8"))
    placed = [row["paragraph"] for row in coverage if len(row["placed_in"]) == 1 and not row["excluded"]]
    excluded = [row["paragraph"] for row in coverage if row["excluded"]]
    assert (len(coverage), len(placed), excluded) == (32, 29, [6, 15, 28])
    numbers = [row["paragraph"] for row in coverage]
    assert numbers == list(range(1, 33)), "every paragraph of the article has its row"


def test_records_cover_people_events_and_figures(html_site: Path) -> None:
    def rows(name: str) -> list[dict[str, str]]:
        return json.loads((html_site / "_data" / f"{name}.json").read_text(encoding="utf-8"))

    names = " ".join(person["name"] for person in rows("persons")).replace("í", "i")
    for speaker in ("Kelly", "Shirk", "Benitez Manaut", "Ellis", "Gortney", "Trump"):
        assert speaker in names, speaker
    values = {row["value"] for row in rows("key_figures")}
    assert {"$60 million", "7,670 elite courses", "9,000 soldiers and marines", "$1.15 billion",
            "21 Black Hawk helicopters", "100-fold increase"} <= values
    assert "$21.6 billion" not in values  # a related-story headline, not a finding
    assert len(rows("events")) >= 8
    page = (html_site / "docs" / "timeline.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<desc" in page


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_latex_and_text_builders_are_clean(tmp_path: Path, builder: str) -> None:
    """Clean builds (``built`` fails on any warning) that carry the book's words: a chapter
    heading and the source's own text placed in it."""
    out = built(builder, tmp_path / builder)
    text = "\n".join(path.read_text(encoding="utf-8") for path in out.glob("*.tex" if builder == "latex" else "docs/*.txt"))
    assert "History: from distrust to partnership" in text
    assert "no one from the Mexican army would agree to meet with him" in " ".join(text.split())
