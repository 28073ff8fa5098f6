"""Every kind of node on paper: sphinx-design components, long tables, notes, lists,
code, pictures, links, and text that looks like Typst code but must print as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from sphinx_briefing.print.typst_markup import string, text
from sphinx_briefing.print.typst_writer import to_typst

from .book import sphinx_build
from .harness import ROOTS, warnings_text

#: The test page's hostile line as Markdown leaves it (emphasis and code spans are Markdown's).
HOSTILE = "Hostile: #read(“/etc/passwd”) [x] y z $m$ <t> @u tick \\ back = eq"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("components") / "pdf"
    result = sphinx_build("briefingpdf", out, srcdir=ROOTS / "test-components")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def pages(printed: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(printed / "briefing.pdf").pages]


def test_every_tab_is_printed_with_its_label(pages: list[str]) -> None:
    text = " ".join(pages).lower()  # labels may be set in capitals by the print style
    for label, body in (("alpha", "alpha-only-text"), ("beta", "beta-only-text")):
        assert f"{label} {body}" in text


def test_dropdowns_are_printed_open(pages: list[str]) -> None:
    text = " ".join(pages)
    assert "More detail" in text and "dropdown-body-text" in text


def test_long_table_repeats_its_header_and_splits_no_row(pages: list[str]) -> None:
    with_rows = [page for page in pages if "row-0" in page or "row-1" in page]
    assert len(with_rows) >= 2, "the 120-row table should run over several pages"
    assert all("column a" in page.lower() and "column b" in page.lower() for page in with_rows)
    text = " ".join(pages)
    for number in range(1, 121):
        assert f"row-{number:03d} value {number}" in text, f"row {number} split or lost"


def test_text_that_looks_like_typst_code_prints_literally(pages: list[str]) -> None:
    text = " ".join(pages)
    assert HOSTILE in text
    assert "plus at start / slash // comment /* block */" in text
    assert "root:" not in text, "a file was read"


def test_notes_lists_code_and_links_are_all_printed(printed: Path, pages: list[str]) -> None:
    text = " ".join(pages)
    for expected in (
        "NOTE",
        "A note-admonition-text.",
        "footnote-body-text",
        "Term-one",
        "definition-one-text",
        "field-name",
        "field-body-text",
        "literal_block_text",
        "external link",
    ):
        assert expected in text, expected
    reader = PdfReader(printed / "briefing.pdf")
    uris = [
        a.get_object()["/A"]["/URI"]
        for p in reader.pages
        for a in p.get("/Annots") or []
        if a.get_object().get("/A", {}).get("/URI")
    ]
    assert "https://example.org/page" in uris and "tel:+15550100" in uris, "web and telephone links stay live on paper"
    assert (printed / "_images" / "tiny.svg").is_file(), "the picture is copied into the build folder"


def test_strings_escape_everything_that_ends_or_escapes_them() -> None:
    assert string('a"b\\c\nd\x00') == '"a\\"b\\\\c\\nd\\u{0}"'
    assert text("#read()") == '#"#read()";'
    assert text("") == ""


def test_a_node_without_a_rendering_is_a_warning_naming_it_and_the_page(make_app, project) -> None:
    extension = (
        "from docutils import nodes\nfrom sphinx.util.docutils import SphinxDirective\n"
        "class oddity(nodes.General, nodes.Element): pass\n"
        "class Odd(SphinxDirective):\n    def run(self):\n        return [oddity('', nodes.Text('odd-text'))]\n"
        "def setup(app):\n    app.add_node(oddity)\n    app.add_directive('odd', Odd)\n"
    )
    srcdir = project(
        "components",
        **{
            "oddext.py": lambda _old: extension,
            "conf.py": lambda old: (
                old + "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\nextensions.append('oddext')\n"
            ),
            "readahead.md": lambda old: old + "\n```{odd}\n```\n",
        },
    )
    app = make_app("briefingpdf", srcdir=srcdir)
    app.build()
    warnings = warnings_text(app)
    assert re.search(
        r"readahead\.md.*no rendering for node 'oddity' on page 'readahead'.*\[briefing\.pdf-node\]", warnings
    ), warnings
    assert "odd-text" in " ".join(p.extract_text() for p in PdfReader(app.outdir / "briefing.pdf").pages)


# -- the translator through Sphinx's registry ---------------------------------------------------


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_another_extension_gives_the_pdf_visitors_and_a_translator_the_sphinx_way(make_app, project) -> None:
    """``app.add_node(node, typst=…)`` and ``app.set_translator("briefingpdf", …)`` from a book's
    own extension reach the PDF book, and the read-ahead that the web build prints."""
    srcdir = project("typst-extension")
    app = make_app("briefingpdf", srcdir=srcdir)
    app.build()
    assert warnings_text(app) == ""
    app.cleanup()
    web = make_app("html", srcdir=srcdir)
    web.build()
    assert warnings_text(web) == ""
    (shipped,) = (web.outdir / "_downloads").rglob("briefing-readahead.pdf")
    for printed in (app.outdir / "briefing.pdf", app.outdir / "briefing-readahead.pdf", shipped):
        text = pdf_text(printed)
        assert "Boxed by the extension's Typst visitor: Lee arrived in Testville" in text, printed
        assert "Signed by the extension's own translator." in text, printed


def test_translating_leaves_the_doctree_as_it_was(make_app, project) -> None:
    """What the walk remembers lives on the translator: the doctree it reads is not written to,
    so printing the same tree twice gives the same markup."""
    app = make_app("briefingpdf", srcdir=project("components"))
    app.build()
    book = app.builder.assemble_doctree()
    before = book.pformat()
    first = to_typst(app.builder.create_translator(book, app.builder))
    assert book.pformat() == before
    assert to_typst(app.builder.create_translator(book, app.builder)) == first
