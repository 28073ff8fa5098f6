"""Several sources in one book, without surprises.

``test-sources`` is a book with one source and ``briefing_default_source`` set, and
a second source waiting in ``extra/``. Adding it must add exactly its own unplaced
paragraphs; a page that names it makes it the default for that page's bare
numbers; a page that names two must prefix every number; and once there are two,
every citation says whose paragraph it is.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .test_prose_checks import build

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
        ("briefing.unplaced", "fisheries.md", 11), ("briefing.unplaced", "fisheries.md", 13),
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


def test_a_page_that_names_two_sources_must_prefix_its_numbers(make_app, project) -> None:
    page = FISH_PAGE + "\nThe mayor opened schools {cite}`sample:1` and fish {cite}`2`.\n"
    found = build(make_app, with_fisheries(project, page))
    assert [(w.subtype, Path(w.path).name, w.line) for w in found] == [("briefing.address", "fish.md", 6), ("briefing.address", "fish.md", 8)]
    assert all("names sources fisheries, sample; prefix every number" in w.message for w in found)


def test_coverage_is_grouped_by_source(make_app, project) -> None:
    srcdir = with_fisheries(project, FISH_PAGE)
    build(make_app, srcdir)
    index = (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert index.count('class="bb-coverage-table') == 2
    tables = {source: re.search(rf'<table[^>]*id="coverage-{source}".*?</table>', index, re.DOTALL) for source in ("fisheries", "sample")}
    for (source, table), headline in zip(tables.items(), ("Fish stocks recover", "Sample headline")):
        assert table is not None, f"no coverage table for {source}"
        caption = re.search(r"<caption>(.*?)</caption>", table.group(0), re.DOTALL)
        assert caption is not None and headline in caption.group(1)
        sources = set(re.findall(r'href="[^"]*#([a-z-]+)-p\d+"', table.group(0)))
        assert sources == {source}, f"the {source} table links paragraphs of {sources}"


def test_pages_that_describe_the_sources_are_generated_from_them(make_app, project) -> None:
    srcdir = with_fisheries(project, FISH_PAGE)
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nThe book rests on {book}`sources`:\n\n```{source-list}\n```\n", encoding="utf-8")
    assert build(make_app, srcdir) == []
    html = (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "The book rests on <span" in html and "two sources</span>" in html
    assert "<em>Fish stocks recover</em> (PORTVILLE, 2019)" in html and "<em>Sample headline</em> (TESTVILLE, 2017)" in html


def test_the_pdf_cover_lists_every_source(make_app, project) -> None:
    from pypdf import PdfReader

    srcdir = with_fisheries(project, FISH_PAGE)
    app = make_app("briefingpdf", srcdir=srcdir)
    app.build()
    cover = " ".join(PdfReader(Path(app.outdir) / "briefing.pdf").pages[0].extract_text().split())
    assert "Sources of record: “Sample headline”" in cover and "“Fish stocks recover”" in cover
