"""This book's own content, checked on its built outputs: its pages, its article's
coverage, its records. Marked ``content``: skipped when the book's content is replaced.
What every book must do is checked by the toolkit (``test_book_generic``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
from bs4 import BeautifulSoup, Tag

from sphinx_briefing.booktests import Links
from sphinx_briefing.text.sentences import content_words, fold

from .book import built
from .prose_measure import (
    HEDGE,
    QUOTED,
    REPETITIONS,
    Page,
    book_pages,
    chapters,
    count,
    main_article,
    read_page,
    reading_path,
    sentences,
    strip,
)

pytestmark = [pytest.mark.book, pytest.mark.content]

CHAPTERS = [
    "docs/readahead",
    "docs/history",
    "docs/training",
    "docs/procurement",
    "docs/border",
    "docs/risks",
    "docs/talking-points",
    "docs/whos-who",
    "docs/timeline",
    "docs/key-figures",
    "docs/glossary",
    "docs/method",
    "docs/coverage",
    "docs/annex",
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
    assert {
        "$60 million",
        "more than 7,670 elite courses",
        "9,000 soldiers and marines",
        "more than $1.15 billion",
        "21 Black Hawk helicopters",
        "100-fold increase",
    } <= values
    assert "$21.6 billion" not in values  # a related-story headline, not a finding
    assert len(rows("events")) >= 8
    page = (html_site / "docs" / "timeline.html").read_text(encoding="utf-8")
    assert "<svg" in page and "<desc" in page


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_latex_and_text_builders_are_clean(tmp_path: Path, builder: str) -> None:
    """Clean builds (``built`` fails on any warning) that carry the book's words: a chapter
    heading and the source's own text placed in it."""
    out = built(builder, tmp_path / builder)
    text = "\n".join(
        path.read_text(encoding="utf-8") for path in out.glob("*.tex" if builder == "latex" else "docs/*.txt")
    )
    assert "History: from distrust to partnership" in text
    assert "no one from the Mexican army would agree to meet with him" in " ".join(text.split())


# -- the reading path: as of its source, said once, in lines a principal can say ----------

#: The page of anticipated questions and the read-ahead, by document name.
TALKING_POINTS, READAHEAD = "docs/talking-points", "docs/readahead"
#: The chapter each counted headline fact belongs to (``prose_measure.REPETITIONS`` by label,
#: and the two money figures of the read-ahead).
HEADLINE_FACTS = {
    "the 2004 anecdote": (REPETITIONS["the 2004 anecdote"], "docs/history"),
    "Kelly's invasion": (REPETITIONS['Kelly\'s "feeling of invasion"'], "docs/history"),
    "100-fold": (REPETITIONS['"100-fold"'], "docs/procurement"),
    "trust may fray": (REPETITIONS['the warning that trust "may fray"'], "docs/risks"),
    "$60 million": (re.compile(r"\$60 million"), "docs/training"),
    "$1.15 billion": (re.compile(r"\$1\.15 billion"), "docs/procurement"),
}
#: Questions whose answer must open with the fact asked for: the amount, the date.
ANSWERS_OPEN_WITH = {
    "How much did the Pentagon spend on training": "$60 million",
    "How large were Mexico’s purchases": "More than $1.15 billion",
    "Has Mexico let armed Americans onto its soil": "Yes, in two ways",
    "Have Mexican troops ever operated in the United States": "Yes, in 2005",
}
#: British spellings; the book is written for a U.S. readership, in American English.
BRITISH = re.compile(
    r"\b(?:summaris|normalis|characteris|organis|recognis|emphasis(?:e|ed|es|ing)\b|practis|centred|centre\b"
    r"|defence|cancell|labell|colour|favour|travell|judgement|programme)\w*",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def reading(html_site: Path) -> dict[str, Page]:
    """Our own prose on each page of the reading path (as ``tests.prose_measure`` reads it)."""
    return {name: read_page(html_site, name) for name in reading_path(html_site)}


@pytest.fixture(scope="module")
def whole_book(html_site: Path) -> dict[str, Page]:
    return {name: read_page(html_site, name) for name in book_pages(html_site)}


def article(html_site: Path, name: str) -> BeautifulSoup:
    """A page's main article without its hover previews and citation marks."""
    return strip(main_article(html_site / f"{name}.html"), (".bb-preview", ".bb-citation", ".headerlink"))


def test_the_reading_path_is_in_proportion(html_site: Path, reading: dict[str, Page]) -> None:
    assert sum(page.prose_words for page in reading.values()) <= 3800
    for name in chapters(html_site):
        page = reading[name]
        assert page.prose_words <= 1.5 * page.source_words, (
            f"{name}: {page.prose_words} words of ours for {page.source_words}"
        )


def test_no_page_of_the_reading_path_says_the_article_says(reading: dict[str, Page]) -> None:
    found = [
        (name, text)
        for name, page in reading.items()
        for text in sentences(page.prose)
        if re.search(r"\bthe article says\b", text, re.IGNORECASE)
    ]
    assert found == []


def test_the_reading_path_never_speaks_of_2017_as_now(reading: dict[str, Page]) -> None:
    """The article's present is not the reader's: outside quotations, no "now", "today" or
    "currently"."""
    present = re.compile(r"\b(?:now|today|currently|at present)\b", re.IGNORECASE)
    found = [
        (name, text)
        for name, page in reading.items()
        for text in sentences(page.prose)
        if present.search(QUOTED.sub("", text))
    ]
    assert found == []


@pytest.mark.parametrize("fact", sorted(HEADLINE_FACTS))
def test_a_headline_fact_is_said_in_the_readahead_its_chapter_and_once_in_the_talking_points(
    reading: dict[str, Page], fact: str
) -> None:
    pattern, chapter = HEADLINE_FACTS[fact]
    pages = {name for name, page in reading.items() if count(pattern, page.prose)}
    assert pages <= {READAHEAD, chapter, TALKING_POINTS}, (
        f"{fact} is said again on {sorted(pages - {READAHEAD, chapter, TALKING_POINTS})}"
    )
    assert count(pattern, reading[TALKING_POINTS].prose) <= 1


def test_the_limits_of_the_source_are_told_once_on_the_method_page(reading: dict[str, Page]) -> None:
    """Hedge once: at most one "does not / cannot / gives no" statement a page in the
    reading path; the list of the source's limits is the method page's."""
    hedges = {name: count(HEDGE, page.prose, unquoted=True) for name, page in reading.items()}
    assert {name: n for name, n in hedges.items() if n > 1} == {}


def anticipated(html_site: Path) -> list[tuple[str, Tag]]:
    """(question, answer) of every anticipated question."""
    section = article(html_site, TALKING_POINTS).find(id="anticipated-questions")
    assert isinstance(section, Tag)
    return [(" ".join(term.get_text(" ").split()), term.find_next_sibling("dd")) for term in section.select("dt")]


def test_every_anticipated_answer_links_to_its_chapter(html_site: Path) -> None:
    chapter_pages = {name.removeprefix("docs/") + ".html" for name in chapters(html_site)}
    questions = anticipated(html_site)
    assert len(questions) >= 8
    for question, answer in questions:
        targets = {urldefrag(str(link["href"]))[0] for link in answer.select("a[href]")}
        assert targets & chapter_pages, f"the answer to {question!r} names no chapter"


def test_an_answer_opens_with_the_fact_asked_for(html_site: Path) -> None:
    answers = {question: " ".join(answer.get_text(" ").split()) for question, answer in anticipated(html_site)}
    for opening, fact in ANSWERS_OPEN_WITH.items():
        (answer,) = [text for question, text in answers.items() if question.startswith(opening)] or [""]
        assert answer.startswith(fact), f"{opening}…? should open with {fact!r}: {answer[:80]!r}"


def test_a_denial_is_never_reported_without_the_white_house_reply(whole_book: dict[str, Page]) -> None:
    """Defensive lines report both sides of the record: Mexico's denial of the leaked account,
    and the White House's "lighthearted" (¶9), which is not a denial."""
    one_sided = [
        (name, block)
        for name, page in whole_book.items()
        for block in page.whole
        if "denied" in block and "lighthearted" not in block
    ]
    assert one_sided == []


def test_what_to_check_is_a_staff_check_dated_to_its_source(html_site: Path) -> None:
    """The read-ahead's forward look is questions for staff to check, dated to the article.
    They are a tasking, not the book's judgment, so they sit in a box that is not an assessment
    and carries no confidence level."""
    heading = next(h for h in article(html_site, READAHEAD).select("h2") if "check" in h.get_text().lower())
    section = heading.find_parent("section")
    assert isinstance(section, Tag)
    boxes = section.select(".admonition")
    assert boxes and all("2017" in box.get_text() for box in boxes)
    assert not [box for box in boxes if "assessment" in (box.get("class") or [])]
    items = [" ".join(item.get_text(" ").split()) for box in boxes for item in box.select("li")]
    assert items and all("?" in item for item in items), items


def test_the_fifth_chapter_is_named_for_what_it_holds(html_site: Path) -> None:
    titles = {
        name: article(html_site, name).find("h1").get_text(" ", strip=True).lower() for name in chapters(html_site)
    }
    assert not [title for title in titles.values() if "joint operations" in title]
    assert "border" in titles["docs/border"] and "airspace" in titles["docs/border"]
    assert {"docs/history", "docs/training", "docs/procurement", "docs/risks"} <= set(titles)


def test_key_figures_are_figures(html_site: Path) -> None:
    """A key figure is a number with its unit ("$60 million", "45 military vehicles"), its hedge
    kept ("more than $1.15 billion"), never a span of time ("15 years ago") or a description
    ("mile-long tunnel")."""
    rows = json.loads((html_site / "_data" / "key_figures.json").read_text(encoding="utf-8"))
    number = re.compile(
        r"^(?:(?:more than|about|nearly|almost|at least|some) )?(?:\$?\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)",
        re.IGNORECASE,
    )
    assert [row["value"] for row in rows if not number.match(row["value"]) or " ago" in row["value"]] == []


def test_record_cards_do_not_repeat_the_text_above_them(html_site: Path) -> None:
    """A card that follows a paragraph or list shares under 60% of its telling words with it."""
    repeats = []
    for name in chapters(html_site):
        for card in article(html_site, name).select(".bb-record"):
            above = card.find_previous_sibling()
            if not isinstance(above, Tag) or "bb-record" in (above.get("class") or []):
                continue
            words = content_words(card.get_text(" "))
            shared = len(words & content_words(above.get_text(" "))) / max(1, len(words))
            if shared >= 0.6:
                repeats.append((name, " ".join(card.get_text(" ").split())[:60], round(shared, 2)))
    assert repeats == []


def test_the_copyright_line_is_not_a_date_of_the_content(html_site: Path) -> None:
    footer = BeautifulSoup((html_site / "index.html").read_text(encoding="utf-8"), "html.parser").select_one(
        ".copyright"
    )
    assert footer is not None
    assert not re.search(r"\b(?:19|20)\d\d\b", footer.get_text()), footer.get_text()


def test_the_book_is_written_in_american_english(whole_book: dict[str, Page]) -> None:
    found = sorted(
        {match.group() for page in whole_book.values() for block in page.whole for match in BRITISH.finditer(block)}
    )
    assert found == []


def test_the_method_page_names_every_name_the_book_gives_accents(html_site: Path, whole_book: dict[str, Page]) -> None:
    """Rule 7: proper names may take their accents in the book's prose, and the method page
    says which ones the article writes without them."""
    anchor = article(html_site, "docs/method").find(id="spanish-names-take-their-accents")
    section = anchor.find_parent("section") if isinstance(anchor, Tag) else None
    assert isinstance(section, Tag)
    listed = section.get_text(" ")
    prose = " ".join(block for page in whole_book.values() for block in page.whole)
    accented = {word for word in re.findall(r"\b\w*[áéíóúñ]\w*\b", prose) if word[:1].isupper()}
    assert accented, "the book gives no name its accents"
    missing = sorted(word for word in accented if fold(word).capitalize() not in listed)
    assert missing == []


def test_no_page_counts_the_sources_by_hand(html_site: Path) -> None:
    """A second source added later must not leave "one news article" behind: the pages that
    count the book's sources print the count with {book}`sources`."""
    by_hand = re.compile(
        r"\b(?:one|a single|single|only one)\s+(?:news\s+)?(?:source|article|piece of reporting)s?\b", re.I
    )
    counted = re.compile(r'<span class="bb-book-fact">[^<]*</span>')
    pages = {
        path.relative_to(html_site).as_posix(): counted.sub("", path.read_text(encoding="utf-8"))
        for path in html_site.rglob("*.html")
    }
    assert {name: by_hand.findall(text) for name, text in pages.items() if by_hand.search(text)} == {}
