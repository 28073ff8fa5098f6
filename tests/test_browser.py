"""Every page in a real browser: accessibility, no outside requests, previews, small screens.

Debian's Chromium is driven through Playwright's ``executable_path``; no browser is
downloaded. Without Chromium these tests skip and say how to install it, unless
``BRIEFING_REQUIRE_TOOLS=1`` (set by CI), which makes the skip a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .book import REPO
from .harness import serve

pytestmark = [pytest.mark.book, pytest.mark.browser]

SCREENSHOTS = REPO / "_build" / "screenshots"


@pytest.fixture(scope="module")
def site(html_site: Path) -> Iterator[str]:
    """Serve the built site on loopback for the browser."""
    with serve(html_site) as address:
        yield address


def pages(html_site: Path) -> list[str]:
    return sorted(str(p.relative_to(html_site)) for p in html_site.rglob("*.html") if "_static" not in p.parts)


@pytest.fixture
def page(browser, site: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.outside = []  # type: ignore[attr-defined]
    tab.on(
        "request",
        lambda request: (
            None if request.url.startswith((site, "data:", "about:", "blob:")) else tab.outside.append(request.url)
        ),
    )
    yield tab
    context.close()


def test_every_page_passes_axe_and_stays_inside_the_site(page, site: str, html_site: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    report: dict[str, list[str]] = {}
    for relative in pages(html_site):
        page.goto(site + relative, wait_until="load")
        violations = axe.run(page).response["violations"]
        report[relative] = [f"{v['id']} ({v['impact']}): {len(v['nodes'])} nodes" for v in violations]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    lines = [f"{name}: {'; '.join(found) or 'no violations'}" for name, found in report.items()]
    (SCREENSHOTS / "axe-report.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert {name: found for name, found in report.items() if found} == {}
    assert {"index.html", "search.html", "genindex.html"} <= set(report), "every page, the generated ones too"
    assert page.outside == []


@pytest.mark.content
def test_citation_preview_opens_on_focus_and_closes_on_escape(page, site: str) -> None:
    page.goto(site + "docs/history.html")
    host = page.locator(".bb-preview-host").first
    tip = host.locator(".bb-preview")
    assert not tip.is_visible()
    host.locator("a").focus()
    assert tip.is_visible()
    assert "¶" in tip.inner_text()
    page.keyboard.press("Escape")
    assert not tip.is_visible()


@pytest.mark.content
def test_glossary_preview_opens_on_focus(page, site: str) -> None:
    page.goto(site + "docs/history.html")
    link = page.locator(".bb-preview-host a.reference:has(.std-term)").first
    link.focus()
    tip = link.locator("xpath=..").locator(".bb-preview")
    assert tip.is_visible() and len(tip.inner_text()) > 10
    page.keyboard.press("Escape")
    assert not tip.is_visible()


@pytest.mark.content
@pytest.mark.parametrize(
    "name", ["index.html", "docs/history.html", "docs/timeline.html", "docs/key-figures.html", "docs/annex.html"]
)
def test_no_horizontal_scroll_on_a_phone(browser, site: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    tab.goto(site + name)
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


@pytest.mark.content
def test_screenshots_for_review(browser, site: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, label in ((1280, "desktop"), (375, "mobile")):
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        for name in ("index", "docs/history"):
            tab.goto(f"{site}{name}.html")
            target = SCREENSHOTS / f"{name.replace('/', '-')}-{label}.png"
            tab.screenshot(path=str(target), full_page=False)
            assert target.stat().st_size > 10_000
        context.close()


def test_every_page_shows_the_as_of_date_at_the_top_on_a_phone(browser, site: str, html_site: Path, identity) -> None:
    """The banner is the first thing a reader sees on every page, generated ones too, on a
    phone as on a desktop, and says the book's settings, not a date typed in a page."""
    expected = f"As of {identity.as_of}" if identity.as_of else "As of "
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    wrong = {}
    for relative in pages(html_site):
        tab.goto(site + relative, wait_until="load")
        banner = tab.locator(".bb-as-of")
        box = banner.bounding_box() if banner.count() == 1 else None
        if (
            box is None
            or box["y"] > 0
            or not banner.is_visible()
            or expected not in banner.inner_text()
            or identity.handling not in banner.inner_text()
        ):
            wrong[relative] = box
    context.close()
    assert wrong == {}


@pytest.mark.content
def test_printing_a_page_hides_navigation_and_shows_the_as_of_date_and_handling_line(page, site: str) -> None:
    page.goto(site + "docs/history.html")
    banner = page.locator(".bb-as-of")
    assert banner.is_visible() and not page.locator(".bb-print-banner-bottom").is_visible()
    page.emulate_media(media="print")
    assert banner.is_visible() and "UNCLASSIFIED" in banner.inner_text().upper() and "As of 2017" in banner.inner_text()
    assert page.locator(".bb-print-banner-bottom").is_visible()
    assert not page.locator(".sidebar-drawer").is_visible()
    assert not page.locator(".bb-preview").first.is_visible()
    assert page.locator("a.bb-cite").first.is_visible()
