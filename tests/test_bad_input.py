"""Bad and hostile input: every mistake and every trick fails the strict build with its own
warning, on its own line.

Each case is the clean ``test-checks`` book plus one change, built in-process with
Sphinx's own ``make_app``. The case names the warning's subtype and where it must
point: a file and the line of a marker text in it (or a line number). Every
warning of the build must carry a file, a line and a subtype, and be one the case
allows. A few cases prove that something is harmless instead (kept as text,
accepted, printed as written); those are separate tests below the table.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from sphinx_briefing.booktests import sphinx_command
from sphinx_briefing.records.export import safe_cell

from .test_prose_checks import build, line_of

Edit = Callable[[Path], None]
SOURCE = "source/sample.md"


def replace(old: str, new: str, path: str = "index.md") -> Edit:
    def edit(root: Path) -> None:
        text = (root / path).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {path}"
        (root / path).write_text(text.replace(old, new), encoding="utf-8")

    return edit


def append(extra: str, path: str = "index.md") -> Edit:
    def edit(root: Path) -> None:
        with (root / path).open("a", encoding="utf-8") as handle:
            handle.write("\n" + extra + "\n")

    return edit


def raw_bytes(transform: Callable[[bytes], bytes], path: str = SOURCE) -> Edit:
    def edit(root: Path) -> None:
        (root / path).write_bytes(transform((root / path).read_bytes()))

    return edit


def symlink(name: str, target: str) -> Edit:
    return lambda root: (root / name).symlink_to(target)


def fifo(name: str) -> Edit:
    return lambda root: os.mkfifo(root / name)


TOP = "# Sample checks\n"


def inserted(text: str) -> Edit:
    """Put ``text`` right under the page title, where the whole page's citations support it."""
    return replace(TOP, TOP + "\n" + text + "\n")


QUOTE = '"a very, very hard thing to build"'
EITHER_QUOTE_CHECK = "briefing.misquote|briefing.uncited-quote"

# name: (edits, expected subtype(s) "a|b", file, marker text or line number)
CASES: dict[str, tuple[list[Edit], str, str, str | int]] = {
    # -- security: nothing runs, nothing from outside is published ------------------------------
    "record id with markup": ([replace("```{person} lee", '```{person} "><svg/onload=alert(1)>')], "briefing.record-id", "index.md", "```{person}"),
    "script element": ([inserted("<script>alert(1)</script>")], "briefing.raw-markup", "index.md", "<script>"),
    "image with onerror": ([inserted("<img src=x onerror=alert(1)>")], "briefing.raw-markup", "index.md", "<img src=x"),
    "inline HTML with a handler": ([inserted('Text <b onmouseover="alert(1)">x</b> here.')], "briefing.raw-markup", "index.md", "Text <b"),
    "raw directive": ([inserted("```{raw} html\n<script>alert(1)</script>\n```")], "briefing.raw-markup", "index.md", "```{raw} html"),
    "raw HTML in a glossary definition": ([replace("   A newspaper.", "   A newspaper <script>alert(document.cookie)</script>.")], "briefing.raw-markup", "index.md", "A newspaper <script>"),
    "raw HTML in a person body": ([replace("She says trust", "<script>alert(1)</script>\n\nShe says trust")], "briefing.raw-markup", "index.md", "<script>"),
    "image in a record body": ([replace("She says trust", "![x](pic.png)\n\nShe says trust")], "briefing.record-file", "index.md", "![x]"),
    "image from outside in a record body": ([replace("She says trust", "![x](../../../../etc/passwd)\n\nShe says trust")], "briefing.record-file", "index.md", "![x]"),
    "link of another scheme in a record body": ([replace("She says trust", "[x](ftp://example.org/f) and she says trust")], "briefing.unsafe-link", "index.md", "[x](ftp"),
    "link with a scheme that is not the web's": ([inserted("A [link](ftp://example.org/file) here.")], "briefing.unsafe-link", "index.md", "A [link]"),
    "image path outside the project": ([inserted("![x](../../../../etc/passwd)")], "briefing.outside-file", "index.md", "![x]"),
    "image given as a URL": ([inserted("![x](https://example.org/pixel.png)")], "briefing.outside-file", "index.md", "![x]"),
    "image symlink out of the project": ([symlink("leak.png", "/etc/passwd"), inserted("![x](leak.png)")], "briefing.outside-file", "index.md", "![x]"),
    "download outside the project": ([inserted("Get {download}`this <../../../../etc/passwd>`.")], "briefing.outside-file", "index.md", "Get {download}"),
    "include of a file outside": ([inserted("```{include} ../../../../etc/passwd\n```")], "briefing.file-insertion", "index.md", "```{include}"),
    "include of /dev/zero": ([inserted("```{include} /dev/zero\n```")], "briefing.file-insertion", "index.md", "```{include}"),
    "literalinclude": ([inserted("```{literalinclude} /etc/passwd\n```")], "briefing.file-insertion", "index.md", "```{literalinclude}"),
    # -- quotations in every mark style, nested and split -------------------------------------------
    **{
        f"misquote in {style} marks": ([inserted(f"Lee calls trust {opening}a very, very hard thing to build{closing} {{cite}}`2`.")], "briefing.misquote", "index.md", "Lee calls trust")
        for style, opening, closing in [
            ("straight single", "'", "'"), ("curly single", "‘", "’"), ("guillemet", "«", "»"),
            ("single guillemet", "‹", "›"), ("German", "„", "“"), ("reversed", "‟", "”"),
            ("full-width", "＂", "＂"), ("CJK", "〝", "〟"), ("curly double", "“", "”"),
        ]
    },
    "misquote nested in a quotation": ([inserted("Lee said “it is ‘a very, very hard thing to build’” {cite}`2`.")], "briefing.misquote", "index.md", "Lee said “it is"),
    "quotation split across paragraphs": ([inserted('Lee said "a very, very difficult\n\nthing to build", Lee said {cite}`2`.')], "briefing.unclosed-quote", "index.md", 'Lee said "a very'),
    "quotation split across list items": ([inserted('- Lee said "a very, very difficult\n- thing to build", Lee said {cite}`2`.')], "briefing.unclosed-quote", "index.md", '- Lee said "a very'),
    # -- every text-bearing container -------------------------------------------------------------
    "quotation in a heading": ([inserted(f"## Lee: {QUOTE}")], EITHER_QUOTE_CHECK, "index.md", "## Lee:"),
    "quotation in an admonition title": ([inserted(f"```{{admonition}} Lee: {QUOTE}\nText.\n```")], EITHER_QUOTE_CHECK, "index.md", "```{admonition} Lee:"),
    "quotation in a card title": ([inserted(f"````{{grid}} 1\n```{{grid-item-card}} Lee: {QUOTE}\nText.\n```\n````")], EITHER_QUOTE_CHECK, "index.md", "```{grid-item-card} Lee:"),
    "quotation in a figure caption": ([inserted(f"```{{figure}} missing.png\n:alt: A figure\n\nLee: {QUOTE}\n```")], EITHER_QUOTE_CHECK, "index.md", "Lee: \"a very", "image.not_readable"),
    "quotation in a definition-list term": ([inserted(f"Lee {QUOTE}\n: A term.")], EITHER_QUOTE_CHECK, "index.md", "Lee \"a very"),
    "quotation in a dropdown title": ([inserted(f"```{{dropdown}} Lee: {QUOTE}\nText.\n```")], EITHER_QUOTE_CHECK, "index.md", "```{dropdown} Lee:"),
    "quotation in a table title": ([inserted(f"```{{list-table}} Lee: {QUOTE}\n* - A\n```")], EITHER_QUOTE_CHECK, "index.md", "```{list-table} Lee:"),
    "quotation in a rubric": ([inserted(f"```{{rubric}} Lee: {QUOTE}\n```")], EITHER_QUOTE_CHECK, "index.md", "```{rubric} Lee:"),
    "quotation in a topic title": ([inserted(f"```{{topic}} Lee: {QUOTE}\nText.\n```")], EITHER_QUOTE_CHECK, "index.md", "```{topic} Lee:"),
    "quotation in a sidebar title": ([inserted(f"```{{sidebar}} Lee: {QUOTE}\nText.\n```")], EITHER_QUOTE_CHECK, "index.md", "```{sidebar} Lee:"),
    "quotation in a tab label": ([inserted(f"````{{tab-set}}\n```{{tab-item}} Lee: {QUOTE}\nText.\n```\n````")], EITHER_QUOTE_CHECK, "index.md", "````{tab-set}"),
    "quotation in image alt text": ([inserted(f"![Lee: {QUOTE}](missing.png)")], EITHER_QUOTE_CHECK, "index.md", "![Lee:", "image.not_readable"),
    "quotation in a link title": ([inserted(f"A [link](https://example.org 'Lee: {QUOTE}') here.")], EITHER_QUOTE_CHECK, "index.md", "A [link]"),
    # -- markup that hides words; cuts and insertions ----------------------------------------------
    "inline code inside a quotation": ([inserted('Lee calls trust "a very, very `hard` thing to build" {cite}`2`.')], "briefing.misquote", "index.md", "Lee calls trust"),
    "kbd inside a quotation": ([inserted('Lee calls trust "a very, very {kbd}`hard` thing to build" {cite}`2`.')], "briefing.misquote", "index.md", "Lee calls trust"),
    "ref inside a quotation": ([inserted('Lee calls trust "a very, very {ref}`method` thing" {cite}`2`.')], "briefing.quote-markup", "index.md", "Lee calls trust"),
    "insertion that negates": ([inserted('Lee says "Trust is [not] a very, very difficult thing" {cite}`2`.')], "briefing.misquote", "index.md", "Lee says \"Trust"),
    "cut that drops a negation": ([inserted('Lee says "It is … easy to repair" {cite}`2`.')], "briefing.misquote", "index.md", "Lee says \"It is"),
    # -- numbers as whole quantities, wherever they are shown --------------------------------------
    **{
        f"amount {amount!r}": ([inserted(f"According to the newspaper Gazette, the agency spent {amount} {{cite}}`1`.")], "briefing.unsupported-number", "index.md", "According to the newspaper Gazette, the agency spent " + amount)
        for amount in ["$4 million", "4 million", "$40", "0 million", "40,00", "$40 billion", "$4.0 million"]
    },
    "count that is part of another": ([inserted("The mayor opened 2 new schools {cite}`3`.")], "briefing.unsupported-number", "index.md", "opened 2 new"),
    "key-figure reference with a false title": ([inserted("The Gazette gives {key-figure}`$600 million <budget>` {cite}`1`.")], "briefing.unsupported-number", "index.md", "The Gazette gives"),
    "event shown with another year": ([replace(":date: 2016\n", ":date: 2016\n:when: 1905\n")], "briefing.event-when", "index.md", "```{event} schools", "briefing.unsupported-number"),
    "card title with a false figure": ([inserted("````{grid} 1\n```{grid-item-card} $400 million\nAccording to the newspaper Gazette {cite}`1`.\n```\n````")], "briefing.unsupported-number", "index.md", "```{grid-item-card} $400"),
    # -- placements that never appear ----------------------------------------------------------------
    "exclusion inside only": ([replace("```{source-exclude} 4\nA link to another story, not content.\n```", "````{only} latex\n```{source-exclude} 4\nA link to another story, not content.\n```\n````")], "briefing.conditional-placement", "index.md", "```{source-exclude} 4"),
    "exclusion reason that is only a zero-width space": ([replace("A link to another story, not content.", "\u200b")], "briefing.exclude-reason", "index.md", "```{source-exclude} 4", "briefing.unplaced"),
    # -- hidden characters ---------------------------------------------------------------------------
    "NUL byte in a source": ([raw_bytes(lambda b: b.replace(b"The mayor opened", b"The\x00mayor opened"))], "briefing.source", SOURCE, 16),
    "source of nearly 2 MB of NUL bytes": ([raw_bytes(lambda b: b.replace(b"The mayor opened", b"\x00" * 1_900_000 + b"The mayor opened"))], "briefing.source", SOURCE, 16),
    "right-to-left override in a source": ([raw_bytes(lambda b: b.replace(b"in 2016", "in \u202e6102".encode()))], "briefing.source", SOURCE, 16),
    "NUL byte in a page": ([raw_bytes(lambda b: b.replace(b"Lee spoke about", b"Lee\x00spoke about"), "index.md")], "briefing.hidden-character", "index.md", "spoke about trust"),
    "bidi isolate in a page": ([raw_bytes(lambda b: b.replace(b"Lee spoke about", "Lee \u2067spoke about".encode()), "index.md")], "briefing.hidden-character", "index.md", "spoke about trust"),
    # -- the source header, read strictly --------------------------------------------------------------
    "duplicate header key": ([replace("dateline: TESTVILLE\n", "dateline: TESTVILLE\ndateline: ELSEWHERE\n", SOURCE)], "briefing.source", SOURCE, 5),
    "YAML alias": ([replace("dateline: TESTVILLE\n", "dateline: &d TESTVILLE\nplace: *d\n", SOURCE)], "briefing.source", SOURCE, 5),
    "billion laughs": ([replace("dateline: TESTVILLE\n", "dateline: TESTVILLE\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n", SOURCE)], "briefing.source", SOURCE, 6),
    "impossible date": ([replace('date: "2017"', "date: 2017-02-30", SOURCE)], "briefing.source", SOURCE, 5),
    # -- bounded work and files that are not files -------------------------------------------------
    "citation of a hundred million paragraphs": ([inserted("The mayor {cite}`3-100000000`.")], "briefing.unknown-paragraph", "index.md", "The mayor {cite}"),
    "source that is a symlink to /dev/zero": ([symlink("source/zero.md", "/dev/zero")], "briefing.source", "source/zero.md", 1),
    "source that is a FIFO": ([fifo("source/pipe.md")], "briefing.source", "source/pipe.md", 1),
    "source that is a symlink out of the tree": ([symlink("source/leak.md", "/etc/passwd")], "briefing.source", "source/leak.md", 1),
    # -- clear messages --------------------------------------------------------------------------------
    "citation of an empty address": ([inserted("Lee {cite}`:`.")], "briefing.address", "index.md", "Lee {cite}`:`"),
    # -- ordinary mistakes -------------------------------------------------------------------------------
    "unknown source": ([inserted("See {cite}`nosuch:1`.")], "briefing.unknown-source", "index.md", "See {cite}`nosuch"),
    "unknown paragraph": ([inserted("The mayor {cite}`99`.")], "briefing.unknown-paragraph", "index.md", "The mayor {cite}`99`"),
    "unreadable address": ([inserted("The mayor {cite}`abc`.")], "briefing.address", "index.md", "The mayor {cite}`abc`"),
    "paragraph placed twice": ([append("```{source-paragraphs} 2\n```", "other.md")], "briefing.placed-twice", "other.md", "```{source-paragraphs} 2"),
    "paragraph placed nowhere": ([replace("```{source-paragraphs} 1-3", "```{source-paragraphs} 1, 3")], "briefing.unplaced", SOURCE, 14),
    "paragraph appended to the source": ([append("A new paragraph nobody placed.", SOURCE)], "briefing.unplaced", SOURCE, 20),
    "exclusion without a reason": ([replace("A link to another story, not content.", "")], "briefing.exclude-reason", "index.md", "```{source-exclude} 4", "briefing.unplaced"),
    "quotation without a citation": ([inserted('She called it "difficult".')], "briefing.uncited-quote", "index.md", "She called it"),
    "source header missing a field": ([replace("date_basis: Stated in the test.\n", "", SOURCE)], "briefing.source", SOURCE, 1),
    "source header that is not YAML": ([replace("dateline: TESTVILLE", "dateline: [TESTVILLE", SOURCE)], "briefing.source", SOURCE, 4),
    "source over the size limit": ([raw_bytes(lambda b: b + b"\nA very long paragraph." * 100_000)], "briefing.source", SOURCE, 1),
    "source not UTF-8": ([raw_bytes(lambda b: b.replace(b"Ann Lee", b"Ann L\xe9e"))], "briefing.source", SOURCE, 14),
    "page not UTF-8": ([raw_bytes(lambda b: b + b"\nCaf\xe9\n", "other.md")], "briefing.encoding", "other.md", 5, "toc.not_readable"),
    "figure value not in the cited paragraph": ([replace(":value: $40 million", ":value: $70 million")], "briefing.figure-value", "index.md", "```{key-figure} budget"),
    "event year not in the cited paragraph": ([replace(":date: 2016\n", ":date: 2015\n")], "briefing.unsupported-date", "index.md", "```{event} schools", "briefing.unsupported-number"),
    "record id declared twice": ([append("```{person} lee\n:name: Ann Lee\n:role: Professor\n:cite: 2\n```", "other.md")], "briefing.duplicate-id", "other.md", "```{person} lee"),
    "reference to no record": ([inserted("See {person}`nobody`.")], "briefing.unknown-record", "index.md", "See {person}`nobody`"),
    "term never defined": ([inserted("See {term}`UNDEFINED`.")], "ref.term", "index.md", "See {term}`UNDEFINED`"),
    "term never used": ([replace("```{glossary}\n", "```{glossary}\nZZ\n   Unused.\n\n")], "briefing.unused-term", "index.md", "ZZ"),
    "unknown directive": ([inserted("```{no-such-directive}\n```")], "myst.directive_unknown", "index.md", "```{no-such-directive}"),
    "toctree entry for no page": ([replace("```{toctree}\nother\n", "```{toctree}\nother\nmissing-page\n")], "toc.not_readable", "index.md", "```{toctree}"),
    # -- who speaks: the source header's attribution and the speaker model --------------------------------
    "attribution with a kind that is none": ([replace("speaker_names:\n", 'attribution:\n  "2": {view: Ann Lee, kind: robot}\nspeaker_names:\n', SOURCE)], "briefing.source", SOURCE, 7),
    "120 KB of capitalised words in a source": ([append(" ".join(f"Word{n} Name{n}" for n in range(10_000)), SOURCE)], "briefing.unplaced", SOURCE, 20),
    "a speaker's quoted words given to someone else": ([inserted('Tom Park said trust is "a very, very difficult thing to build", as Ann Lee put it {cite}`2`.')], "briefing.misattributed", "index.md", "Tom Park said trust"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_fails_with_its_subtype_on_its_line(make_app, project, case: str) -> None:
    edits, subtypes, path, where, *also = CASES[case]
    srcdir = project("checks")
    for edit in edits:
        edit(srcdir)
    found = build(make_app, srcdir)
    line = where if isinstance(where, int) else line_of(srcdir / path, where)
    expected = set(subtypes.split("|"))
    hits = [w for w in found if w.subtype in expected and w.path.endswith(path) and w.line == line]
    assert hits, f"expected {subtypes} at {path}:{line}; got {found}"
    assert {w.subtype for w in found} <= expected | set(also), found


def test_a_huge_range_is_one_warning(make_app, project) -> None:
    srcdir = project("checks")
    inserted("The mayor {cite}`3-1000000`.")(srcdir)
    found = build(make_app, srcdir)
    assert [w.subtype for w in found] == ["briefing.unknown-paragraph"]


def test_a_source_that_fails_to_load_is_reported_once(make_app, project) -> None:
    srcdir = project("checks")
    replace("date_basis: Stated in the test.\n", "", SOURCE)(srcdir)
    found = build(make_app, srcdir)
    assert [(w.subtype, w.path.endswith(SOURCE)) for w in found] == [("briefing.source", True)], found


# -- proven harmless ---------------------------------------------------------------------------------


@pytest.mark.parametrize("link", ["javascript:alert(document.cookie)", "vbscript:msgbox", "file:///etc/passwd", "data:text/html;base64,PHNjcmlwdD4="])
def test_links_that_would_run_or_open_local_files_are_never_links(make_app, project, link: str) -> None:
    """MyST refuses these schemes itself (it prints the markup as text); the page has no such href."""
    srcdir = project("checks")
    inserted(f"A [link]({link}) here.")(srcdir)
    build(make_app, srcdir)
    page = (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert f'href="{link}' not in page


@pytest.mark.parametrize(
    "transform",
    [lambda b: b"\xef\xbb\xbf" + b, lambda b: b.replace(b"\n", b"\r\n")],
    ids=["byte-order mark", "CRLF line ends"],
)
def test_editor_artefacts_in_a_source_are_accepted(make_app, project, transform: Callable[[bytes], bytes]) -> None:
    srcdir = project("checks")
    raw_bytes(transform)(srcdir)
    assert build(make_app, srcdir) == []


@pytest.mark.parametrize("value", ["Yes", "NO", "012", "3.2"])
def test_header_values_print_as_written(make_app, project, value: str) -> None:
    srcdir = project("checks")
    replace("dateline: TESTVILLE", f"dateline: {value}", SOURCE)(srcdir)
    assert build(make_app, srcdir) == []
    assert f"<p>{value}</p>" in (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_never_start_a_formula(name: str) -> None:
    assert safe_cell(name) == "'" + name
    assert safe_cell(["=A1", "b"]) == "'=A1; b"
    assert safe_cell("Ann Lee") == "Ann Lee"


def test_a_formula_in_a_record_is_exported_as_text(make_app, project) -> None:
    srcdir = project("checks")
    replace(":name: Ann Lee", ':name: =HYPERLINK("http://x")')(srcdir)
    build(make_app, srcdir)
    csv = (srcdir / "_build" / "html" / "_data" / "persons.csv").read_text(encoding="utf-8")
    assert re.search(r"^lee,\"'=HYPERLINK", csv, re.MULTILINE), csv


def test_a_paragraph_placed_nowhere_is_listed_as_unplaced(make_app, project) -> None:
    """The build warns, and the coverage data and report still list the paragraph:
    a book's own tests read the data, so a forgotten paragraph must be in it."""
    srcdir = project("checks")
    append("A new paragraph nobody placed.", SOURCE)(srcdir)
    build(make_app, srcdir)
    html = srcdir / "_build" / "html"
    coverage = json.loads((html / "_data" / "coverage.json").read_text(encoding="utf-8"))
    last = max(coverage, key=lambda row: row["paragraph"])
    assert (last["placed_in"], last["excluded"]) == ([], "")
    annex = next(page.read_text(encoding="utf-8") for page in html.glob("*.html") if "bb-annex-paragraph" in page.read_text(encoding="utf-8"))
    assert "Not placed: in no chapter, and not excluded" in annex


# -- the command line: a failing build exits non-zero, with warnings only ------------------------------


#: The cases that could make a build hang or grow without bound, and the two that once raised.
COMMAND_LINE_CASES = [
    "record id with markup", "source that is a FIFO", "citation of a hundred million paragraphs", "misquote in CJK marks",
    "include of /dev/zero", "billion laughs", "source of nearly 2 MB of NUL bytes", "source that is a symlink to /dev/zero", "source over the size limit",
]
MEMORY_CEILING = 500 * 1024 * 1024


def measured_build(srcdir: Path, outdir: Path, logs: Path) -> tuple[int, str, int]:
    """Build strictly in a process of its own; return its exit code, its stderr and its peak
    memory in bytes (``wait4`` reports this child's own peak, not the test runner's).
    Colour is forced, as CI services do, to prove the messages stay plain text."""
    with (logs / "build.out").open("wb") as out, (logs / "build.err").open("wb") as err:
        process = subprocess.Popen(
            sphinx_command(srcdir, "html", outdir), stdout=out, stderr=err, cwd=srcdir, env={**os.environ, "FORCE_COLOR": "1"}
        )
        watchdog = threading.Timer(300, process.kill)
        watchdog.start()
        _, status, usage = os.wait4(process.pid, 0)
        watchdog.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, (logs / "build.err").read_text(), usage.ru_maxrss * 1024


@pytest.mark.parametrize("case", COMMAND_LINE_CASES)
def test_a_bad_build_exits_non_zero_with_warnings_and_no_traceback(project, tmp_path: Path, case: str) -> None:
    srcdir = project("checks")
    for edit in CASES[case][0]:
        edit(srcdir)
    code, stderr, peak = measured_build(srcdir, tmp_path / "out", tmp_path)
    assert code == 1, f"killed after 300 s or crashed: exit {code}\n{stderr}"
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines and all(re.match(r"^.+:\d+: WARNING: .* \[[\w.-]+\]$", line) for line in lines), stderr
    assert peak < MEMORY_CEILING, f"the build peaked at {peak // 2**20} MB"
