"""Several sources in one book, without surprises.

``test-sources`` is a book with one source and ``briefing_default_source`` set, and
a second source waiting in ``extra/``. Adding it must add exactly its own unplaced
paragraphs. A bare number means the page's source: the one source whose paragraphs
the page places, otherwise the book's default; citing another source never changes
that; a page that places two sources must prefix, and is told once. Once there are
two sources, every citation says whose paragraph it is.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .harness import build

FISH_PAGE = """# Fish

```{source-paragraphs} fisheries:1-2
```

Cod catches rose by 40 percent in 2018 {cite}`1`.
"""


def with_fisheries(project, page: str | None = None) -> Path:
    srcdir = project("sources")
    shutil.copy(srcdir / "extra" / "fisheries.md", srcdir / "source" / "fisheries.md")
    if page is not None:
        (srcdir / "fish.md").write_text(page, encoding="utf-8")
        index = srcdir / "index.md"
        index.write_text(index.read_text(encoding="utf-8") + "\n```{toctree}\nfish\n```\n", encoding="utf-8")
    return srcdir


def test_the_book_with_one_source_is_clean(make_app, project) -> None:
    assert build(make_app, project("sources")) == []


def test_adding_a_source_adds_only_its_unplaced_paragraphs(make_app, project) -> None:
    found = build(make_app, with_fisheries(project))
    assert [(w.subtype, Path(w.path).name, w.line) for w in found] == [
        ("briefing.unplaced", "fisheries.md", 11),
        ("briefing.unplaced", "fisheries.md", 13),
    ]


def test_a_page_that_names_a_source_makes_it_the_default_and_citations_say_whose(make_app, project) -> None:
    srcdir = with_fisheries(project, FISH_PAGE)
    assert build(make_app, srcdir) == []
    fish = (srcdir / "_build" / "html" / "fish.html").read_text(encoding="utf-8")
    assert 'href="index.html#fisheries-p1"' in fish and "Fisheries ¶1" in fish
    index = (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="#sample-p1"' in index and "Sample ¶1" in index


def test_an_address_shown_as_code_names_no_source(make_app, project) -> None:
    srcdir = with_fisheries(project, FISH_PAGE)
    index = srcdir / "index.md"
    shown = "\nTo cite the other source, write `fisheries:1` or ``{cite}`fisheries:2` ``.\n\n```text\n{cite}`fisheries:1`\n```\n"
    index.write_text(index.read_text(encoding="utf-8") + shown, encoding="utf-8")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "\nbriefing_code = True\n", encoding="utf-8")
    assert build(make_app, srcdir) == []
    assert "Sample ¶1" in (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")


def test_citing_another_source_does_not_change_what_bare_numbers_mean(make_app, project) -> None:
    srcdir = with_fisheries(project, FISH_PAGE)
    index = srcdir / "index.md"
    cited = "The mayor opened schools {cite}`1`.\n\nCod catches rose {cite}`fisheries:1` as the mayor said {cite}`2`.\n"
    index.write_text(
        index.read_text(encoding="utf-8").replace("The mayor opened schools {cite}`1`.\n", cited), encoding="utf-8"
    )
    assert build(make_app, srcdir) == []
    html = (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    sentence = re.search(r"<p>Cod catches rose.*?</p>", html, re.DOTALL)
    assert sentence is not None
    assert re.findall(r'href="#([a-z]+-p\d+)"', sentence.group(0)) == ["fisheries-p1", "sample-p2"]


TWO_SOURCES_PAGE = """# Fish and schools

```{source-paragraphs} fisheries:1-2
```

Cod catches rose by 40 percent in 2018 {cite}`1`.

```{source-paragraphs} sample:3
```

The mayor spoke {cite}`3` and again {cite}`2-3`.
"""


def test_a_page_that_places_two_sources_is_told_once_to_prefix(make_app, project) -> None:
    srcdir = with_fisheries(project, TWO_SOURCES_PAGE)
    (srcdir / "source" / "sample.md").write_text(
        (srcdir / "source" / "sample.md").read_text(encoding="utf-8") + "\nA third paragraph.\n", encoding="utf-8"
    )
    found = build(make_app, srcdir)
    assert [(w.subtype, Path(w.path).name, w.line) for w in found] == [("briefing.address", "fish.md", 6)]
    assert "places paragraphs of 2 sources (fisheries, sample)" in found[0].message
    assert "'1'" in found[0].message and "prefix every number" in found[0].message


def test_an_address_may_repeat_its_prefix(make_app, project) -> None:
    page = FISH_PAGE.replace(
        "Cod catches rose by 40 percent in 2018 {cite}`1`",
        "Cod catches rose by 40 percent in 2018, and the harbour master said the quotas would stay {cite}`fisheries:1, fisheries:2` {cite}`fisheries:1, 2` {cite}`1, sample:1`",
    )
    srcdir = with_fisheries(project, page)
    assert build(make_app, srcdir) == []
    fish = (srcdir / "_build" / "html" / "fish.html").read_text(encoding="utf-8")
    assert fish.count('href="index.html#fisheries-p2"') == 3 and fish.count("Fisheries ¶2") == 3  # the placed ¶2 too
    assert fish.count('href="index.html#fisheries-p1"') == 4 and fish.count("Sample ¶1") == 1


def test_coverage_is_grouped_by_source(make_app, project) -> None:
    srcdir = with_fisheries(project, FISH_PAGE)
    build(make_app, srcdir)
    index = (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert index.count('class="bb-coverage-table') == 2
    tables = {
        source: re.search(rf'<table[^>]*id="coverage-{source}".*?</table>', index, re.DOTALL)
        for source in ("fisheries", "sample")
    }
    for (source, table), headline in zip(tables.items(), ("Fish stocks recover", "Sample headline")):
        assert table is not None, f"no coverage table for {source}"
        caption = re.search(r"<caption>(.*?)</caption>", table.group(0), re.DOTALL)
        assert caption is not None and headline in caption.group(1)
        sources = set(re.findall(r'href="[^"]*#([a-z-]+)-p\d+"', table.group(0)))
        assert sources == {source}, f"the {source} table links paragraphs of {sources}"


def test_pages_that_describe_the_sources_are_generated_from_them(make_app, project) -> None:
    srcdir = with_fisheries(project, FISH_PAGE)
    index = srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + "\nThe book rests on {book}`sources`:\n\n```{source-list}\n```\n",
        encoding="utf-8",
    )
    assert build(make_app, srcdir) == []
    html = (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "The book rests on <span" in html and "two sources</span>" in html
    assert (
        "<em>Fish stocks recover</em> (PORTVILLE, 2019)" in html
        and "<em>Sample headline</em> (TESTVILLE, 2017)" in html
    )


def test_the_pdf_cover_lists_every_source(make_app, project) -> None:
    from pypdf import PdfReader

    srcdir = with_fisheries(project, FISH_PAGE)
    app = make_app("briefingpdf", srcdir=srcdir)
    app.build()
    cover = " ".join(PdfReader(Path(app.outdir) / "briefing.pdf").pages[0].extract_text().split())
    assert "Sources of record: “Sample headline”" in cover and "“Fish stocks recover”" in cover
