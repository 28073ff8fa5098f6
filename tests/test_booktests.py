"""The toolkit's book checks can fail: each is run on a small made-up site with the defect.

A scaffolded book has no browser tests and no snapshots; these checks are all that
guards it, so each must catch what its name promises.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from sphinx_briefing import booktests

MISSING = "no-such-tool-for-briefing-tests"


def test_a_missing_tool_skips_and_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIEFING_REQUIRE_TOOLS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install it"):
        booktests.need_tool(MISSING, install="apt-get install it")


def test_a_missing_tool_fails_where_tools_are_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_REQUIRE_TOOLS", "1")
    with pytest.raises(pytest.fail.Exception, match=MISSING):
        booktests.need_tool(MISSING, install="apt-get install it")


def test_the_first_tool_found_is_used() -> None:
    assert booktests.need_tool(MISSING, "sh", install="-").endswith("/sh")


def site(tmp_path: Path, page: str, css: str = "", events: list[dict[str, str]] | None = None) -> Path:
    """A made-up built site: one page, one stylesheet, the events data."""
    (tmp_path / "_static").mkdir(parents=True)
    (tmp_path / "_data").mkdir()
    (tmp_path / "index.html").write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    (tmp_path / "_static" / "site.css").write_text(css or "body { color: black; }", encoding="utf-8")
    (tmp_path / "_data" / "events.json").write_text(json.dumps(events or []), encoding="utf-8")
    return tmp_path


OUTSIDE_FETCHES = {
    "script": '<script src="https://cdn.example/x.js"></script>',
    "image srcset": '<img src="a.png" srcset="a.png 1x, https://cdn.example/a2.png 2x">',
    "video poster": '<video poster="//cdn.example/poster.jpg"></video>',
    "object data": '<object data="https://cdn.example/x.svg"></object>',
    "style attribute": '<div style="background-image: url(https://cdn.example/bg.png)"></div>',
    "style element import": '<style>@import "https://fonts.example/font.css";</style>',
    "upper-case scheme in a style element": "<style>body { background: URL(HTTPS://cdn.example/bg.png) }</style>",
}


@pytest.mark.parametrize("fetch", OUTSIDE_FETCHES.values(), ids=OUTSIDE_FETCHES.keys())
def test_an_outside_fetch_in_a_page_is_caught(tmp_path: Path, fetch: str) -> None:
    with pytest.raises(AssertionError):
        booktests.test_nothing_is_fetched_from_outside_the_site(site(tmp_path, fetch))


@pytest.mark.parametrize("css", ['@import url("//fonts.example/a.css");', "@IMPORT 'http://fonts.example/a.css';"])
def test_an_outside_fetch_in_a_stylesheet_is_caught(tmp_path: Path, css: str) -> None:
    with pytest.raises(AssertionError):
        booktests.test_nothing_is_fetched_from_outside_the_site(site(tmp_path, "<p>text</p>", css))


def test_local_and_inline_resources_are_not_outside(tmp_path: Path) -> None:
    page = (
        '<link rel="stylesheet" href="_static/site.css?v=1"><img src="data:image/png;base64,AAAA" alt="">'
        '<link rel="canonical" href="https://example.org/book/index.html">'
    )
    booktests.test_nothing_is_fetched_from_outside_the_site(site(tmp_path, page))
    booktests.test_every_internal_link_and_anchor_resolves(site(tmp_path / "again", page))


@pytest.mark.parametrize(
    "missing",
    [
        '<link rel="stylesheet" href="_static/gone.css">',
        '<script src="_static/gone.js"></script>',
        '<img src="_images/gone.png" alt="">',
        '<a href="#nowhere">x</a>',
        '<a href="gone.html">x</a>',
    ],
)
def test_a_missing_local_file_or_anchor_is_caught(tmp_path: Path, missing: str) -> None:
    with pytest.raises(AssertionError):
        booktests.test_every_internal_link_and_anchor_resolves(site(tmp_path, missing))


EVENTS = [{"id": "arrival", "date": "2004"}, {"id": "summit", "date": "2016-06"}]


def timeline_page(*ids: str) -> str:
    rows = "".join(f'<tr><td><span id="event-{event}">when</span></td></tr>' for event in ids)
    return f'<table class="bb-timeline-table">{rows}</table>'


def test_a_timeline_in_date_order_passes(tmp_path: Path) -> None:
    """Anchors of events declared on the same page, outside the table, do not count."""
    page = '<div id="event-summit-decl">declared here</div>' + timeline_page("arrival", "summit")
    booktests.test_the_timeline_is_in_date_order(site(tmp_path, page, events=EVENTS))


def test_a_book_without_a_timeline_page_skips_the_check(tmp_path: Path) -> None:
    with pytest.raises(pytest.skip.Exception):
        booktests.test_the_timeline_is_in_date_order(site(tmp_path, "<p>no timeline</p>", events=EVENTS))


@pytest.mark.parametrize(
    "page, events",
    [
        (timeline_page("summit", "arrival"), EVENTS),
        (timeline_page("arrival"), EVENTS),
        (timeline_page("summit", "arrival"), EVENTS[::-1]),
    ],
    ids=["page out of order", "event left off the page", "data out of order"],
)
def test_a_timeline_out_of_order_or_incomplete_is_caught(
    tmp_path: Path, page: str, events: list[dict[str, str]]
) -> None:
    with pytest.raises(AssertionError):
        booktests.test_the_timeline_is_in_date_order(site(tmp_path, page, events=events))


def valid_document(body: str) -> str:
    return f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>\n{body}\n</body></html>'


def test_the_html_checker_catches_a_duplicate_id(tmp_path: Path) -> None:
    tmp_path.joinpath("page.html").write_text(
        valid_document('<p id="twice">one</p><p id="twice">two</p>'), encoding="utf-8"
    )
    errors = booktests.nu_errors(tmp_path)
    assert len(errors) == 1 and errors[0].endswith("page.html:2: Duplicate ID “twice”."), errors


def test_a_valid_page_passes_the_html_checker(tmp_path: Path) -> None:
    tmp_path.joinpath("page.html").write_text(valid_document("<p>text</p>"), encoding="utf-8")
    assert booktests.nu_errors(tmp_path) == []


IDENTITY = booktests.Identity("Book", "book", "book", "", as_of="2017 (source date)", handling="UNCLASSIFIED")
BANNER = '<section class="bb-as-of" aria-label="As-of date and handling"><p>As of 2017 (source date) · UNCLASSIFIED</p></section>'


def test_a_page_with_its_as_of_banner_first_passes(tmp_path: Path) -> None:
    booktests.test_every_web_page_shows_its_as_of_date(site(tmp_path, BANNER + "<h1>Title</h1>"), IDENTITY)


@pytest.mark.parametrize(
    "page",
    [
        "<h1>Title</h1><p>No banner.</p>",
        "<h1>Title</h1>" + BANNER,
        BANNER.replace("2017 (source date)", "2026") + "<h1>Title</h1>",
        BANNER.replace(" · UNCLASSIFIED", "") + "<h1>Title</h1>",
    ],
    ids=["no banner", "banner after the title", "another date", "no handling line"],
)
def test_a_page_without_its_as_of_banner_first_is_caught(tmp_path: Path, page: str) -> None:
    with pytest.raises(AssertionError):
        booktests.test_every_web_page_shows_its_as_of_date(site(tmp_path, page), IDENTITY)


def test_an_epub_page_without_its_as_of_banner_is_caught(tmp_path: Path) -> None:
    book = tmp_path / "book"
    (book / "docs").mkdir(parents=True)
    (book / "index.md").write_text("# Index\n", encoding="utf-8")
    (book / "docs" / "one.md").write_text("# One\n", encoding="utf-8")
    epub = tmp_path / "book.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("index.xhtml", f"<html><body>{BANNER}<h1>Index</h1></body></html>")
        archive.writestr("docs/one.xhtml", "<html><body><h1>One</h1></body></html>")
    with pytest.raises(AssertionError, match=r"one\.xhtml"):
        booktests.test_every_epub_page_shows_its_as_of_date(epub, book, IDENTITY)
