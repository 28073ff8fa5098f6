"""The PDF side safe on its own: what Typst reads is checked first, what it says is said at
the page and line without quoting a file, and no text can make it balloon.

Each bad picture is tried against the print's own checks, with real files (a symbolic
link, a FIFO, a file that is not a picture), whatever the read-time checks refuse
earlier; whole builds of these cases are in ``test_bad_input.py``.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import threading
from functools import partial
from pathlib import Path

import pytest
from pypdf import PdfReader

from sphinx_briefing.booktests import sphinx_command
from sphinx_briefing.print.job import compile_pdf
from sphinx_briefing.print.pictures import MAX_BYTES, MAX_DRAWN, read_picture, typst_problem
from sphinx_briefing.print.printable import MAX_MARKS, printable
from sphinx_briefing.print.sourcemap import Located

from .harness import GROWTH, ROOTS, settled_growth, warnings_text

#: A file that holds what must never reach a log: the first line of a password file.
SECRET = "root:x:0:0:root:/root:/bin/bash\n"
TINY_SVG = (ROOTS / "test-components" / "tiny.svg").read_bytes()


def png_header(width: int, height: int) -> bytes:
    """The start of a PNG that says how large it is; nothing after (the pixels are missing)."""
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
        + width.to_bytes(4, "big")
        + height.to_bytes(4, "big")
        + b"\x08\x02\x00\x00\x00"
    )


# -- pictures ------------------------------------------------------------------------------------


def test_a_picture_is_read_only_if_it_is_a_regular_file_of_the_project(tmp_path: Path) -> None:
    project = tmp_path / "book"
    project.mkdir()
    (tmp_path / "secret.svg").write_text(SECRET, encoding="utf-8")
    (project / "link.svg").symlink_to(tmp_path / "secret.svg")
    (project / "folder").symlink_to(tmp_path)
    os.mkfifo(project / "pipe.png")
    (project / "good.svg").write_bytes(TINY_SVG)
    with (project / "huge.svg").open("wb") as huge:
        huge.truncate(MAX_BYTES + 1)
    found: dict[str, tuple[bytes, str]] = {}
    reader = threading.Thread(
        target=lambda: found.update(
            (name, read_picture(project.resolve(), name))
            for name in ("link.svg", "folder/secret.svg", "pipe.png", "good.svg", "huge.svg")
        )
    )
    reader.start()
    reader.join(timeout=30)
    assert not reader.is_alive(), "reading a FIFO waited for a writer"
    assert found["link.svg"] == (b"", "is a symbolic link; the PDF prints only the project's own files")
    assert found["folder/secret.svg"] == (b"", "lies outside the project")
    assert found["pipe.png"] == (b"", "is not a regular file (a FIFO, a device or a folder)")
    assert found["good.svg"] == (TINY_SVG, "")
    assert found["huge.svg"] == (b"", "is larger than 20 MB")


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "vast.png").write_bytes(png_header(100_000, 100_000))
    _data, problem = read_picture(tmp_path, "vast.png")
    assert problem == "is 100,000 × 100,000 pixels, more than a briefing publishes (40,000,000)"


@pytest.mark.parametrize(
    ("data", "suffix", "problem"),
    [
        (SECRET.encode(), ".svg", "is not a picture the PDF can print (failed to parse SVG)"),
        (SECRET.encode(), ".png", "is not a picture the PDF can print (failed to decode image)"),
        (png_header(16, 16), ".png", "is not a picture the PDF can print (failed to decode image)"),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "&b;"><!ENTITY b "&a;">]>\n'
            b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><text>&a;</text></svg>',
            ".svg",
            "is not a picture the PDF can print (failed to parse SVG)",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><foreignObject width="9" height="9">'
            b"<div>x</div></foreignObject></svg>",
            ".svg",
            "is a picture the PDF may print wrongly (image contains foreign object)",
        ),
        (TINY_SVG, ".svg", ""),
    ],
    ids=[
        "password file as SVG",
        "password file as PNG",
        "PNG cut short",
        "SVG entity loop",
        "SVG with foreign object",
        "a good SVG",
    ],
)
def test_typst_tries_each_picture_alone_and_its_reason_quotes_nothing(data: bytes, suffix: str, problem: str) -> None:
    assert typst_problem(data, suffix) == problem


def test_a_typst_message_about_a_picture_never_quotes_it(make_app, tmp_path: Path) -> None:
    """Were a file that is not a picture ever to reach Typst, its message names the picture
    and leaves out Typst's excerpt, which shows the file's first line."""
    app = make_app("text", srcdir=ROOTS / "test-basic")
    root = tmp_path / "print"
    (root / "_images").mkdir(parents=True)
    (root / "_images" / "leak.svg").write_text(SECRET, encoding="utf-8")
    markup = '#image("_images/leak.svg")\n'
    (root / "book.typ").write_text(markup, encoding="utf-8")
    assert compile_pdf(root, "book.typ", Located(markup, [], []), root / "book.pdf", 4096) is None
    warnings = warnings_text(app)
    assert "WARNING: Typst could not print the picture leak.svg [briefing.pdf]" in warnings
    assert "root:" not in warnings


def test_a_drawing_shown_again_and_again_is_drawn_within_a_budget(make_app, project) -> None:
    """Red team R's kind: Typst draws an SVG again at every use (a raster picture it stores
    once), so 200 uses of one 3 MB drawing made a 137 MB PDF. Past :data:`MAX_DRAWN` bytes
    of SVG, a use prints its description, with a warning at its line."""
    squares = "".join(f'<rect x="{n % 100}" y="{n // 100 % 100}" width="1" height="1"/>' for n in range(24_000))
    data = f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">{squares}</svg>'.encode()
    uses = MAX_DRAWN // len(data) + 3
    page = "".join(f"![Use {n}](big.svg)\n\n" for n in range(uses))
    srcdir = project("checks", **{"big.svg": lambda _old: data, "other.md": lambda old: f"{old}\n{page}"})
    app = make_app("briefingpdf", srcdir=srcdir, confoverrides={"nitpicky": True})
    app.build()
    refused = re.findall(
        r"other\.md:(\d+): WARNING: image 'big\.svg' is not printed here: the PDF has drawn", warnings_text(app)
    )
    assert len(refused) == 3, warnings_text(app)[-1_000:]
    assert (app.outdir / "briefing.pdf").stat().st_size < MAX_DRAWN


# -- text ------------------------------------------------------------------------------------------


def test_printable_text_keeps_ordinary_text_and_mends_what_typst_cannot_take() -> None:
    ordinary = "Việt Nam, Ελλάδα, naïve — ¶12 and 1–3 «quoted»"
    assert printable(ordinary) == (ordinary, "")
    piled = "a" + "\u0301" * 4000
    assert printable(piled) == (
        "a" + "\u0301" * MAX_MARKS,
        f"a letter under more than {MAX_MARKS} combining marks (printed with the first {MAX_MARKS})",
    )
    assert printable("x\uffff\U0010fffe")[0] == "x\ufffd\ufffd"


@pytest.mark.parametrize("unit", ["-" * MAX_MARKS + " ", "a" + "\u0301" * (MAX_MARKS + 1), "\uffff "])
def test_printable_text_costs_time_in_proportion_to_its_length(unit: str) -> None:
    """Linear, on the text it looks at most closely: four times the text, well under six times the time."""
    ratio = settled_growth(lambda n: partial(printable, unit * n), 20_000)
    assert ratio < GROWTH, f"{ratio:.1f}× the time for 4× the text"


MEMORY_LIMIT = 3 * 2**30
PEAK_CEILING = 600 * 2**20


def limited_build(srcdir: Path, builder: str, outdir: Path) -> tuple[int, str, int]:
    """A strict build in a process of its own, its address space limited, colour forced as on
    CI; its exit code, its messages and its peak memory (this child's own, from ``wait4``)."""
    limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))  # noqa: E731
    process = subprocess.Popen(
        sphinx_command(srcdir, builder, outdir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=srcdir,
        env={**os.environ, "FORCE_COLOR": "1"},
        preexec_fn=limit,
    )
    watchdog = threading.Timer(300, process.kill)
    watchdog.start()
    stderr = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    watchdog.cancel()
    return os.waitstatus_to_exitcode(status), stderr, usage.ru_maxrss * 1024


@pytest.mark.parametrize("builder", ["briefingpdf", "html"])
def test_a_letter_under_50000_marks_fails_the_print_cleanly_in_bounded_memory(tmp_path: Path, builder: str) -> None:
    """The PDF, and the web build that prints the read-ahead, within a 3 GB address space (once
    more than 23 GB): exit 1, one kind of warning, each naming its file and line."""
    srcdir = shutil.copytree(ROOTS / "test-checks", tmp_path / "book")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'briefing_readahead_doc = "other"\n', encoding="utf-8")
    page = srcdir / "other.md"
    piled = "\nLee spoke of a" + "\u0301" * 50_000 + " here.\n\n```{readahead-download}\n```\n"
    page.write_text(page.read_text(encoding="utf-8") + piled, encoding="utf-8")
    code, stderr, peak = limited_build(srcdir, builder, tmp_path / "out")
    assert code == 1, f"exit {code}\n{stderr[-2000:]}"
    assert "Traceback" not in stderr and "memory" not in stderr.lower(), stderr[-2000:]
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines and all(re.match(r"^.+other\.md:\d+: WARNING: .* \[briefing\.[\w-]+\]$", line) for line in lines), (
        stderr[-2000:]
    )
    assert any("[briefing.pdf-text]" in line for line in lines), stderr[-2000:]
    assert peak < PEAK_CEILING, f"the build peaked at {peak // 2**20} MB"


def long_table(srcdir: Path, rows: int) -> None:
    """``other.md`` of a test project given one table of ``rows`` short rows."""
    page = srcdir / "other.md"
    table = "\n".join(f"| w{row} | x | y |" for row in range(rows))
    page.write_text(page.read_text(encoding="utf-8") + "\n\n| a | b | c |\n|---|---|---|\n" + table + "\n")


def test_a_book_too_large_for_the_memory_fails_naming_its_largest_page(tmp_path: Path) -> None:
    """Red team H: a table of 48,000 rows (or a 2,000-paragraph book) needed more memory than
    the build had, and Typst's allocator aborted the whole build: exit 134, no file, no line.
    Typst now prints in a child process under ``briefing_pdf_memory``: here a table of 3,000
    rows, which needs more than the floor of 256 MB, fails with one warning at its page."""
    srcdir = shutil.copytree(ROOTS / "test-checks", tmp_path / "book")
    long_table(srcdir, 3000)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "briefing_pdf_memory = 256\n", encoding="utf-8")
    code, stderr, _peak = limited_build(srcdir, "briefingpdf", tmp_path / "out")
    assert code == 1, f"exit {code}\n{stderr[-2000:]}"
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and re.match(
        r"^.+other\.md:1: WARNING: Typst ran out of memory printing book\.typ", lines[0]
    )
    assert "briefing_pdf_memory" in lines[0] and lines[0].endswith("[briefing.pdf]"), lines[0]


def test_the_memory_typst_may_use_is_a_setting_checked_when_read(make_app, tmp_path: Path) -> None:
    """At its floor the test project prints; under it, or not a number, it is refused by name."""
    srcdir = shutil.copytree(ROOTS / "test-checks", tmp_path / "book")
    app = make_app("briefingpdf", srcdir=srcdir, confoverrides={"briefing_pdf_memory": 256})
    app.build()
    assert not warnings_text(app) and (app.outdir / "briefing.pdf").is_file()
    app.cleanup()
    for value in (100, True):
        app = make_app("dummy", srcdir=srcdir, confoverrides={"briefing_pdf_memory": value})
        assert f"briefing_pdf_memory must be a whole number of MB, at least 256, not {value!r}" in warnings_text(app)
        assert app.config.briefing_pdf_memory == 4096
        app.cleanup()


# -- markup that once stopped the print ------------------------------------------------------------


def test_a_figure_caption_and_a_note_named_like_a_section_print(make_app, project) -> None:
    """A figure with a caption and a legend; a footnote whose label is also a section's label,
    linked to by name: each printed once, in the order the web shows them."""
    figure = "```{figure} tiny.svg\n:alt: A tiny picture\n\nThe caption-text.\n\nThe legend-text.\n```\n"
    notes = "(footnote-n)=\n## Notes\n\nA remark.[^n] See [the notes](#footnote-n).\n\n[^n]: The note-text.\n"
    srcdir = project(
        "checks",
        **{"tiny.svg": lambda _old: TINY_SVG, "other.md": lambda old: f"{old}\n{figure}\n{notes}"},
    )
    app = make_app("briefingpdf", srcdir=srcdir, confoverrides={"nitpicky": True})
    app.build()
    assert warnings_text(app) == ""
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(app.outdir / "briefing.pdf").pages).split())
    assert re.search(r"The caption-text\. The legend-text\.", text), text[-600:]
    assert text.count("The note-text.") == 1 and "See the notes" in text


def test_a_chain_of_notes_each_referring_to_the_next_prints_every_note_once(make_app, project) -> None:
    """Red team O: 400 notes, each one's text referring to the next, were printed one inside
    another, one recursion a note, and the print stopped with Python's recursion error."""
    chain = "A point.[^f0]\n\n" + "".join(f"[^f{n}]: Note-{n} refers on.[^f{n + 1}]\n\n" for n in range(400))
    srcdir = project("checks", **{"other.md": lambda old: f"{old}\n{chain}[^f400]: The last note.\n"})
    app = make_app("briefingpdf", srcdir=srcdir, confoverrides={"nitpicky": True})
    app.build()
    assert warnings_text(app) == ""
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(app.outdir / "briefing.pdf").pages).split())
    assert all(text.count(f"Note-{n} refers on.") == 1 for n in (0, 1, 199, 399)) and "The last note." in text


@pytest.mark.parametrize("field", ["dateline", "kind", "date_label"])
def test_a_source_field_wider_than_the_page_is_cut_in_the_read_ahead(make_app, project, field: str) -> None:
    """Red team P: a header field of 1,990 letters (under the 2,000 cap) made the page design
    cut at a negative length, and every web build, which prints the read-ahead, stopped with
    "array index out of bounds"."""
    header = f"{field}: {'Y' * 1_990}\n"
    srcdir = project(
        **{
            "generated.md": lambda text: text + "\n```{readahead-download}\n```\n",
            "source/sample.md": lambda text: (
                text.replace("dateline: TESTVILLE\n", header, 1)
                if field == "dateline"
                else text.replace("id: sample\n", "id: sample\n" + header, 1)
            ),
        }
    )
    app = make_app("html", srcdir=srcdir, confoverrides={"briefing_readahead_doc": "generated"})
    app.build()
    assert warnings_text(app) == ""
    assert (app.outdir / "_downloads" / "briefing-readahead.pdf").read_bytes().startswith(b"%PDF-")
