"""The real briefing book, built with real Sphinx, and checked on its outputs."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest

from .book import built

pytestmark = pytest.mark.book

CHAPTERS = [
    "docs/readahead", "docs/history", "docs/training", "docs/procurement", "docs/operations",
    "docs/risks", "docs/talking-points", "docs/whos-who", "docs/timeline", "docs/key-figures",
    "docs/glossary", "docs/method", "docs/coverage", "docs/annex",
]


class Links(HTMLParser):
    """Collects ids, links and resource URLs of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        for name in ("src", "href"):
            if tag in ("script", "img", "link", "iframe", "source") and values.get(name):
                self.resources.append(values[name])


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_rtd_command_puts_the_landing_page_at_the_top(rtd_html: Path) -> None:
    assert (rtd_html / "index.html").is_file()
    for page in CHAPTERS:
        assert (rtd_html / f"{page}.html").is_file(), page
    assert not (rtd_html / "README.html").exists()
    assert not list(rtd_html.glob("tests/**/*.html"))


def test_pages_are_in_toctree_order(rtd_html: Path) -> None:
    links = parse(rtd_html / "index.html").links
    order = [link.removesuffix(".html") for link in links if link.removesuffix(".html") in CHAPTERS]
    firsts = list(dict.fromkeys(order))
    assert firsts == CHAPTERS


def test_every_internal_link_and_anchor_resolves(rtd_html: Path) -> None:
    pages = {path: parse(path) for path in rtd_html.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for href in page.links:
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target, anchor = urldefrag(href)
            target_path = (path.parent / unquote(target)).resolve() if target else path
            if not target_path.exists():
                broken.append(f"{path.relative_to(rtd_html)} → {href}")
            elif anchor and target_path.suffix == ".html" and unquote(anchor) not in pages[target_path].ids:
                broken.append(f"{path.relative_to(rtd_html)} → {href} (no anchor)")
    assert broken == []


def test_nothing_is_fetched_from_outside_the_site(rtd_html: Path) -> None:
    outside = [
        (str(path.relative_to(rtd_html)), url)
        for path in rtd_html.rglob("*.html")
        for url in parse(path).resources
        if re.match(r"^(https?:)?//", url)
    ]
    assert outside == []
    for css in rtd_html.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_glossary_terms_resolve_to_definitions(rtd_html: Path) -> None:
    glossary = parse(rtd_html / "docs" / "glossary.html").ids
    terms = {
        unquote(urldefrag(href)[1])
        for path in rtd_html.rglob("*.html")
        for href in parse(path).links
        if "glossary.html#term-" in href
    }
    assert len(terms) >= 15
    assert terms <= glossary


def test_every_article_paragraph_is_placed_once_or_excluded(rtd_html: Path) -> None:
    coverage = json.loads((rtd_html / "_data" / "coverage.json").read_text(encoding="utf-8"))
    placed = [row["paragraph"] for row in coverage if len(row["placed_in"]) == 1 and not row["excluded"]]
    excluded = [row["paragraph"] for row in coverage if row["excluded"]]
    assert len(coverage) == 32
    assert len(placed) == 29
    assert excluded == [6, 15, 28]


def test_records_cover_people_events_and_figures(rtd_html: Path) -> None:
    def ids(name: str) -> set[str]:
        return {row["id"] for row in json.loads((rtd_html / "_data" / f"{name}.json").read_text(encoding="utf-8"))}

    people = json.loads((rtd_html / "_data" / "persons.json").read_text(encoding="utf-8"))
    names = " ".join(person["name"] for person in people)
    for speaker in ("Kelly", "Shirk", "Benitez Manaut", "Ellis", "Gortney", "Trump"):
        assert speaker in names.replace("í", "i"), speaker
    values = {row["value"] for row in json.loads((rtd_html / "_data" / "key_figures.json").read_text(encoding="utf-8"))}
    assert {"$60 million", "7,670", "9,000", "$1.15 billion", "21 Black Hawk"} <= values
    assert "$21.6 billion" not in values  # a related-story headline, not a finding
    assert len(ids("events")) >= 8


def test_timeline_is_chronological(rtd_html: Path) -> None:
    events = json.loads((rtd_html / "_data" / "events.json").read_text(encoding="utf-8"))
    starts = [event["date"][:7] for event in events]
    assert starts == sorted(starts)
    page = (rtd_html / "docs" / "timeline.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<desc" in page


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_latex_and_text_builders_are_clean(tmp_path: Path, builder: str) -> None:
    """Clean builds (``built`` fails on any warning) that carry the book's words: a chapter
    heading and the source's own text placed in it."""
    out = built(builder, tmp_path / builder)
    text = "\n".join(path.read_text(encoding="utf-8") for path in out.glob("*.tex" if builder == "latex" else "docs/*.txt"))
    assert "History: from distrust to partnership" in text
    assert "no one from the Mexican army would agree to meet with him" in " ".join(text.split())


def test_readahead_page_offers_the_one_page_pdf(rtd_html: Path) -> None:
    links = parse(rtd_html / "docs" / "readahead.html").links
    assert "../_downloads/us-mexico-security-cooperation-readahead.pdf" in links
    pdf = rtd_html / "_downloads" / "us-mexico-security-cooperation-readahead.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
