"""How long the book's own prose is, how often it repeats itself, and how often it hedges.

Run ``.venv/bin/python -m tests.prose_measure`` (add ``--build`` to run ``make html`` first;
without it the script builds only when ``_build/html`` is missing; ``--html`` and ``--pdf``
read another build, ``--show`` lists every sentence counted). It reads the built website, so
anyone can take the same numbers again on any commit, and prints one table.

What it counts, exactly:

- **Pages.** The *reading path* is the root page and every page the sidebar lists under the
  captions "Read first", "Chapters" and "For the meeting" (read from ``_build/html/index.html``).
  The *whole book* is every page built from ``index.md`` and ``docs/*.md`` (the documents the
  build's search index lists, so a stale page of a renamed document is not counted). A *chapter* is a
  page that places source paragraphs (``_data/coverage.json``, ``placed_in``).
- **Our own prose** is the visible text of a page's main article without: the placed or
  annexed source paragraphs (``bb-verbatim``), the record cards (``bb-record``: people, events,
  key figures), the hover previews (``bb-preview``, hidden copies of a paragraph or a
  definition), the citation marks (``bb-citation``: "¶1, 3"), the small *inferred* and
  *general reference* links (``bb-mark``), the print banners, the read-ahead's download box and
  the heading anchors. Headings, bottom lines, assessment boxes, lists, tables and cards count.
- **Whole-book text** is the same, but keeps the record cards and the generated pages (who's
  who, timeline, key figures, glossary, coverage); only the verbatim source text, previews,
  citation marks, marks, banners and anchors are left out.
- **A word** is a run of letters or digits, joined across inner ``' ’ . , - –`` ("U.S.",
  "$1.15" and "2010–2015" are one word each). **Source words** of a chapter are the words of
  the source paragraphs it places, counted the same way on its ``bb-source-paragraph``
  blocks, without their ¶ number.
- **Sentences** are cut by ``sphinx_briefing.text.sentences.split`` within each block
  (paragraph, list item, heading, table cell, definition term, card title), as the checks cut them.
- **Repetitions** count sentences that carry a headline fact, at most once per sentence:
  the 2004 anecdote (``meet``, ``career enhancing``), Kelly's "feeling of invasion"
  (``invasion``, ``invaded``, ``robbed and violated``) and "100-fold" (``100-fold``,
  ``hundredfold``), and ¶4's warning that trust may fray (``fray``). The patterns are
  ``REPETITIONS`` below.
- **Hedges** count sentences that say what the source does not say or show: after the words
  inside quotation marks are removed, the sentence holds ``does/do/did not``, ``doesn't``,
  ``cannot``, ``can't``, ``could not``, a verb of telling followed by "no", "none" or "nothing"
  (``gives no``, ``names none``, ``reports no``, ``says nothing`` …), or ``is/are not named``
  (``known``, ``stated``, ``given``). The pattern is ``HEDGE`` below.
- **PDF pages** (when ``_build/pdf`` holds the book): the pages of the read-ahead PDF, and the
  pages of the PDF book from the talking points' bookmark to the next top-level bookmark.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from sphinx_briefing.text.sentences import split

REPO = Path(__file__).parent.parent
HTML = REPO / "_build" / "html"
PDF = REPO / "_build" / "pdf"

#: Sidebar captions whose pages make the reading path (with the root page).
READING_CAPTIONS = ("Read first", "Chapters", "For the meeting")
#: Pages Sphinx writes for itself, not from the book's sources.
NOT_BOOK = ("genindex", "search", "py-modindex")

#: What is never our prose, on any page.
NEVER_PROSE = (
    ".bb-verbatim",
    ".bb-preview",
    ".bb-citation",
    ".bb-mark",
    ".bb-print-banner",
    ".headerlink",
    ".bb-readahead-download",
)
#: What the reading-path count also leaves out: the record cards.
CARDS = (".bb-record",)
#: Elements whose text is one block: sentences do not run across them.
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "figcaption", "li", "td", "th", ".sd-card-title")

WORD = re.compile(r"\w+(?:['’.,\-–]\w+)*")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’(?!\w)")
HEDGE = re.compile(
    r"\b(?:does|do|did|could) not\b|\bdoesn['’]t\b|\bcannot\b|\bcan['’]t\b"
    r"|\b(?:gives?|names?|reports?|quotes?|shows?|offers?|adds?|cites?|says?|dates?|provides?) (?:no|none|nothing)\b"
    r"|\b(?:is|are|was|were) not (?:named|known|stated|given)\b",
    re.IGNORECASE,
)
REPETITIONS = {
    "the 2004 anecdote": re.compile(r"\bmeet\b|career enhancing", re.IGNORECASE),
    'Kelly\'s "feeling of invasion"': re.compile(r"\binvasions?\b|\binvaded\b|robbed and violated", re.IGNORECASE),
    '"100-fold"': re.compile(r"\b100-fold\b|\bhundred-?fold\b", re.IGNORECASE),
    'the warning that trust "may fray"': re.compile(r"\bfray(?:s|ed|ing)?\b", re.IGNORECASE),
}


@dataclass
class Page:
    """The text of one built page, as our prose and as whole-book text, cut into blocks."""

    name: str
    prose: list[str] = field(default_factory=list)
    whole: list[str] = field(default_factory=list)
    source_words: int = 0

    @property
    def prose_words(self) -> int:
        return sum(words(block) for block in self.prose)


def words(text: str) -> int:
    return len(WORD.findall(text))


def sentences(blocks: list[str]) -> list[str]:
    return [block[start:end] for block in blocks for start, end in split(block)]


def blocks_of(article: Tag) -> list[str]:
    """The text of every innermost block of ``article``: a list item or cell that holds
    paragraphs gives way to them, so no text is counted twice."""
    found = []
    for element in article.select(", ".join(BLOCKS)):
        if element.name in ("li", "td", "th", "dt") and element.select_one(", ".join(BLOCKS)):
            continue
        text = " ".join(element.get_text(" ").split())
        if text:
            found.append(text)
    return found


def main_article(path: Path) -> BeautifulSoup:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article", attrs={"role": "main"})
    assert isinstance(article, Tag), f"{path} has no main article"
    return BeautifulSoup(str(article), "html.parser")


def strip(soup: BeautifulSoup, selectors: tuple[str, ...]) -> BeautifulSoup:
    for element in soup.select(", ".join(selectors)):
        element.decompose()
    return soup


def read_page(html: Path, name: str) -> Page:
    path = html / f"{name}.html"
    page = Page(name)
    paragraphs = main_article(path).select(".bb-source-paragraph")
    for paragraph in paragraphs:
        for label in paragraph.select(".bb-cite"):
            label.decompose()
    page.source_words = sum(words(paragraph.get_text(" ")) for paragraph in paragraphs)
    page.whole = blocks_of(strip(main_article(path), NEVER_PROSE))
    page.prose = blocks_of(strip(main_article(path), NEVER_PROSE + CARDS))
    return page


def reading_path(html: Path) -> list[str]:
    """The root page and the pages listed under the reading-path captions of the sidebar."""
    soup = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    names = ["index"]
    for caption in soup.select("p.caption"):
        if caption.get_text(strip=True) not in READING_CAPTIONS:
            continue
        listing = caption.find_next_sibling("ul")
        assert isinstance(listing, Tag)
        for link in listing.select("li.toctree-l1 > a"):
            names.append(str(link["href"]).removesuffix(".html"))
    return names


def book_pages(html: Path) -> list[str]:
    """The pages of the last build, from its search index (an output folder may still hold
    pages of documents since renamed or removed)."""
    text = (html / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return sorted(name for name in index["docnames"] if name not in NOT_BOOK)


def chapters(html: Path) -> list[str]:
    rows = json.loads((html / "_data" / "coverage.json").read_text(encoding="utf-8"))
    placed = [name for row in rows for name in row["placed_in"]]
    return list(dict.fromkeys(placed))


def count(pattern: re.Pattern[str], blocks: list[str], *, unquoted: bool = False) -> int:
    texts = sentences(blocks)
    if unquoted:
        texts = [QUOTED.sub("", text) for text in texts]
    return sum(1 for text in texts if pattern.search(text))


def printed_chapters(pdf: Path) -> dict[str, tuple[int, int]]:
    """Each top-level bookmark of the PDF book: (first page, last page). Every chapter
    starts on a new page, so it ends on the page before the next one starts."""
    from pypdf import PdfReader

    (path,) = (path for path in pdf.glob("*.pdf") if not path.stem.endswith("-readahead"))
    book = PdfReader(path)
    starts = [
        (item.title, book.get_destination_page_number(item) + 1) for item in book.outline if not isinstance(item, list)
    ]
    ends = [page - 1 for _title, page in starts[1:]] + [len(book.pages)]
    return {title: (first, last) for (title, first), last in zip(starts, ends)}


def pdf_pages(pdf: Path) -> list[tuple[str, str]]:
    """The read-ahead's pages and the talking points' pages in print, when the PDF is built."""
    from pypdf import PdfReader

    readaheads = sorted(pdf.glob("*-readahead.pdf"))
    if not readaheads:
        return [("PDF pages", f"no PDF in {pdf}: run make pdf")]
    rows = [("read-ahead PDF, pages", str(len(PdfReader(readaheads[0]).pages)))]
    for title, (first, last) in printed_chapters(pdf).items():
        if "read-ahead" in title.lower() or "talking points" in title.lower():
            rows.append((f"PDF book: {title!r}, pages", f"{last - first + 1} (pp. {first}–{last})"))
    return rows


def table(html: Path = HTML, pdf: Path = PDF) -> list[tuple[str, str]]:
    path_names = reading_path(html)
    pages = {name: read_page(html, name) for name in book_pages(html)}
    reading = [pages[name] for name in path_names]
    reading_prose = [block for page in reading for block in page.prose]
    whole = [block for page in pages.values() for block in page.whole]
    rows = [("reading path: our prose, words", str(sum(page.prose_words for page in reading)))]
    rows += [(f"  {page.name}", str(page.prose_words)) for page in reading]
    for name in chapters(html):
        page = pages[name]
        ratio = page.prose_words / page.source_words if page.source_words else float("nan")
        rows.append(
            (f"chapter {name}: prose / source words", f"{page.prose_words} / {page.source_words} = {ratio:.1f}×")
        )
    for label, pattern in REPETITIONS.items():
        rows.append(
            (f"{label}: whole book / reading path", f"{count(pattern, whole)} / {count(pattern, reading_prose)}")
        )
    rows.append(
        (
            "hedges: whole book / reading path",
            f"{count(HEDGE, whole, unquoted=True)} / {count(HEDGE, reading_prose, unquoted=True)}",
        )
    )
    return rows + pdf_pages(pdf)


def matches(html: Path = HTML) -> list[tuple[str, str, str]]:
    """(what, page, sentence) for every counted repetition and hedge, to check the patterns by eye.
    A sentence of our reading-path prose is marked with ``*``."""
    path_names = set(reading_path(html))
    found = []
    for name in book_pages(html):
        page = read_page(html, name)
        prose = set(sentences(page.prose)) if name in path_names else set()
        counted = [*REPETITIONS.items(), ("hedge", HEDGE)]
        for text in sentences(page.whole):
            for label, pattern in counted:
                if pattern.search(QUOTED.sub("", text) if label == "hedge" else text):
                    found.append((label, ("* " if text in prose else "  ") + name, text))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="run `make html` first")
    parser.add_argument("--show", action="store_true", help="also list every sentence counted as a repetition or hedge")
    parser.add_argument("--html", type=Path, default=HTML, help="the built website to read (default: _build/html)")
    parser.add_argument("--pdf", type=Path, default=PDF, help="the built PDF folder to read (default: _build/pdf)")
    arguments = parser.parse_args(argv)
    if arguments.build or not (arguments.html / "index.html").is_file():
        subprocess.run(["make", "html"], cwd=REPO, check=True)
    if arguments.show:
        for label, name, text in sorted(matches(arguments.html)):
            print(f"{label} | {name} | {text}")
        print()
    rows = table(arguments.html, arguments.pdf)
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
