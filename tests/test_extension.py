"""The extension on a small project, with Sphinx's own test fixtures."""

from __future__ import annotations

import json
import re
import zipfile
from html import escape
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_briefing.records.timeline_svg import render_svg

from .harness import warnings_text


def built_page(app: SphinxTestApp, name: str) -> str:
    """Build the project and return one output page's HTML."""
    app.build()
    return (app.outdir / name).read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"nitpicky": True})
def test_clean_project_builds_without_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="basic")
def test_placed_paragraphs_are_verbatim_and_link_to_the_annex(app: SphinxTestApp) -> None:
    html = built_page(app, "index.html")
    assert "TESTVILLE — Ann Lee arrived in 2004 and said the budget was $60 million." in html
    assert 'href="annex.html#sample-p1"' in html
    annex = (app.outdir / "annex.html").read_text(encoding="utf-8")
    for number in range(1, 5):
        assert f'id="sample-p{number}"' in annex
    assert "Not placed: A link to another story, not content." in annex
    # Verbatim means the source's characters: no smart quotes in the placed text or the annex
    straight = "&quot;Trust is a very, very difficult thing to build,&quot; Lee said last summer."
    assert straight in annex and "“Trust is a very" not in annex.split("Who speaks")[0]


@pytest.mark.sphinx("html", testroot="basic")
def test_citation_preview_carries_the_paragraph_text(app: SphinxTestApp) -> None:
    html = built_page(app, "index.html")
    assert 'role="tooltip"' in html
    assert "¶2 &quot;Trust is a very, very difficult thing to build,&quot; Lee said last summer." in html


@pytest.mark.sphinx("html", testroot="basic")
def test_generated_pages_list_records_in_order(app: SphinxTestApp) -> None:
    html = built_page(app, "generated.html")
    assert 'id="person-lee"' in html and "Ann Lee" in html
    assert html.index(">2004<") < html.index(">Summer 2016<")
    assert "<svg" in html and "<desc" in html
    assert 'id="key-figure-budget"' in html
    assert "Lee arrived in Testville" in html, "an event's content is printed on the timeline"
    assert "Lee said the budget was $60 million" in html, "a key figure's content is printed with it"
    events = json.loads((app.outdir / "_data" / "events.json").read_text(encoding="utf-8"))
    assert [event["id"] for event in events] == ["arrival", "summer"]
    coverage = json.loads((app.outdir / "_data" / "coverage.json").read_text(encoding="utf-8"))
    assert {row["paragraph"]: bool(row["excluded"]) for row in coverage} == {1: False, 2: False, 3: True, 4: False}


@pytest.mark.sphinx("html", testroot="basic")
def test_exported_citations_are_data_not_addresses(app: SphinxTestApp) -> None:
    built_page(app, "index.html")
    persons = json.loads((app.outdir / "_data" / "persons.json").read_text(encoding="utf-8"))
    assert persons[0]["cites"] == [
        {"source": "sample", "first": 1, "last": 1},
        {"source": "sample", "first": 2, "last": 2},
    ]
    table = (app.outdir / "_data" / "persons.csv").read_text(encoding="utf-8").splitlines()
    assert table[1].endswith(",sample ¶1; sample ¶2"), table


@pytest.mark.sphinx("html", testroot="basic")
def test_record_roles_resolve_to_generated_pages(app: SphinxTestApp) -> None:
    html = built_page(app, "index.html")
    assert 'href="generated.html#person-lee"' in html
    assert 'href="generated.html#event-arrival"' in html
    assert 'href="generated.html#key-figure-budget"' in html


@pytest.mark.sphinx("html", testroot="basic")
def test_glossary_links_back_to_pages_using_the_term(app: SphinxTestApp) -> None:
    html = built_page(app, "index.html")
    uses = re.search(r'<p class="bb-term-uses"><em>Used in: </em>(.*?)</p>', html)
    assert uses is not None and 'href="#"' in uses.group(1) and "Sample book" in uses.group(1)


@pytest.mark.parametrize("builder", ["latex", "text", "epub"])
def test_other_builders_work_without_warnings(make_app, project, builder: str) -> None:
    app = make_app(builder, srcdir=project(), confoverrides={"nitpicky": True})
    app.build()
    assert app.warning.getvalue() == ""
    written = {"latex": "*.tex", "text": "generated.txt", "epub": "*.epub"}[builder]
    (output,) = list(Path(app.outdir).glob(written))
    content = (
        zipfile.ZipFile(output).read("generated.xhtml").decode()
        if builder == "epub"
        else output.read_text(encoding="utf-8")
    )
    assert "Lee arrives" in content, "the generated timeline reaches every builder"
    assert builder == "epub" or "<svg" not in content


def test_readahead_download_is_printed_by_the_web_build_itself(make_app, project) -> None:
    """No earlier PDF build: the web build prints the read-ahead and links it as a Sphinx download."""
    srcdir = project(**{"generated.md": lambda text: text + "\n```{readahead-download}\n```\n"})
    app = make_app("html", srcdir=srcdir, confoverrides={"briefing_readahead_doc": "generated"})
    app.build()
    assert warnings_text(app) == ""
    assert (app.outdir / "_downloads" / "briefing-readahead.pdf").read_bytes().startswith(b"%PDF-")
    page = (app.outdir / "generated.html").read_text(encoding="utf-8")
    assert 'class="reference download internal" download="" href="_downloads/briefing-readahead.pdf"' in page


def test_a_long_timeline_title_wraps_instead_of_being_cut() -> None:
    title = "Trump and Peña Nieto speak by phone; by an account that unnamed sources leaked, Trump threatened to send troops"
    short, long = render_svg([("2017", "Short")]), render_svg([("2017", title)])
    assert "…" not in long and all(escape(word) in long for word in title.split())
    assert long.count("<tspan") >= 2
    height = re.compile(r'viewBox="0 0 \d+ (\d+)"')
    assert int(height.search(long)[1]) > int(height.search(short)[1]), "the row grows with its lines"
    endless = render_svg([("2017", "word " * 200)])
    assert endless.count("<tspan") == 3 and "…" in endless, "a title longer than three lines ends in an ellipsis"


def test_a_changed_setting_leaves_the_next_epub_build_clean(make_app, project) -> None:
    """After a settings change Sphinx moves ``.buildinfo`` to ``.buildinfo.bak`` in the output
    folder; EPUB packs what it finds there, so every later strict build failed on it."""
    srcdir = project("basic")
    first = make_app("epub", srcdir=srcdir)
    first.build()
    first.cleanup()
    app = make_app("epub", srcdir=srcdir, confoverrides={"epub_title": "Another title"})
    app.build()
    assert (app.outdir / ".buildinfo.bak").exists(), "the setting change did not reach the build info"
    assert warnings_text(app) == ""
    assert ".buildinfo.bak" not in zipfile.ZipFile(app.outdir / f"{app.config.epub_basename}.epub").namelist()


def test_a_readahead_the_book_no_longer_offers_leaves_the_site(make_app, project) -> None:
    """Red team P: renamed (``briefing_pdf_basename``), the read-ahead printed before stayed
    in ``_downloads`` and was deployed at its old address, saying what it said then."""
    srcdir = project(**{"generated.md": lambda text: text + "\n```{readahead-download}\n```\n"})
    first = make_app("html", srcdir=srcdir, confoverrides={"briefing_readahead_doc": "generated"})
    first.build()
    first.cleanup()
    overrides = {"briefing_readahead_doc": "generated", "briefing_pdf_basename": "renamed"}
    second = make_app("html", srcdir=srcdir, confoverrides=overrides)
    second.build()
    assert warnings_text(second) == ""
    assert sorted(path.name for path in (second.outdir / "_downloads").iterdir()) == ["renamed-readahead.pdf"]
