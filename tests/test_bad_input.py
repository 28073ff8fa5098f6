"""Hostile and bad input: each case fails the strict build with a clear message naming
the file and line, a non-zero exit, and no traceback.

Every case is the clean ``test-basic`` project plus one edit.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable

import pytest

Edit = Callable[[str | None], str | bytes]


def replace(old: str, new: str) -> Edit:
    def edit(text: str | None) -> str:
        assert text is not None and old in text, f"fixture text {old!r} missing"
        return text.replace(old, new, 1)

    return edit


def append(extra: str) -> Edit:
    return lambda text: (text or "") + extra


CASES: dict[str, tuple[dict[str, Edit], str, str]] = {
    # name: (edits, expected warning subtype or message, expected "file:line" pattern)
    "unknown source": ({"index.md": append("\nSee {cite}`nosuch:1`.\n")}, r"unknown source 'nosuch'", r"index\.md:\d+"),
    "unknown paragraph": ({"index.md": append("\nSee {cite}`99`.\n")}, r"no paragraph ¶99", r"index\.md:\d+"),
    "bad address": ({"index.md": append("\nSee {cite}`abc`.\n")}, r"briefing\.address", r"index\.md:\d+"),
    "paragraph placed twice": (
        {"generated.md": append("\n```{source-paragraphs} 2\n```\n")}, r"briefing\.placed-twice", r"generated\.md:\d+"),
    "paragraph placed nowhere": (
        {"index.md": replace("{source-paragraphs} 1-2, 4", "{source-paragraphs} 1, 4")},
        r"¶2 of source 'sample' is placed in no chapter", r"sample\.md:12"),
    "paragraph appended to the source": (
        {"source__sample.md": append("\nA new paragraph nobody placed.\n")}, r"¶5 .* placed in no chapter", r"sample\.md:18"),
    "exclusion without reason": (
        {"index.md": replace("A link to another story, not content.", "")}, r"briefing\.exclude-reason", r"index\.md:\d+"),
    "misquote": (
        {"index.md": replace('"a very, very difficult', '"a very, very hard')}, r"briefing\.misquote.*|closest source text", r"index\.md:\d+"),
    "quotation without citation": ({"index.md": append('\nShe called it "difficult".\n')}, r"briefing\.uncited-quote", r"index\.md:\d+"),
    "missing source metadata": ({"source__sample.md": replace("date_basis: Stated in the test.\n", "")}, r"lacks required field\(s\): date_basis", r"sample\.md:1"),
    "malformed source metadata": ({"source__sample.md": replace("dateline: TESTVILLE", "dateline: [TESTVILLE")}, r"not valid YAML", r"sample\.md:\d+"),
    "source not UTF-8": ({"source__sample.md": lambda t: t.encode("utf-8").replace(b"Ann Lee", b"Ann L\xe9e")}, r"not valid UTF-8", r"sample\.md:10"),
    "figure value not in cited paragraph": ({"index.md": replace(":value: $60 million", ":value: $70 million")}, r"briefing\.figure-value", r"index\.md:\d+"),
    "event date without support": ({"index.md": replace(":date: 2004", ":date: 2005")}, r"briefing\.unsupported-date", r"index\.md:\d+"),
    "duplicate record id": (
        {"generated.md": append("\n```{person} lee\n:name: Other\n:role: R\n:cite: 1\n```\n")},
        r"duplicate person id 'lee'; also declared at .*\.md:\d+", r"(generated|index)\.md:\d+"),
    "dangling record reference": ({"index.md": append("\nSee {person}`nobody`.\n")}, r"nobody", r"index\.md:\d+"),
    "undefined glossary term": ({"index.md": append("\nSee {term}`UNDEFINED`.\n")}, r"UNDEFINED", r"index\.md:\d+"),
    "glossary term never used": ({"index.md": replace("```{glossary}\n", "```{glossary}\nZZ\n   Unused.\n\n")}, r"briefing\.unused-term", r"index\.md:\d+"),
    "malformed MyST directive": ({"index.md": append("\n```{no-such-directive}\n```\n")}, r"no-such-directive", r"index\.md:\d+"),
    "broken toctree entry": ({"index.md": replace("generated\nannex", "generated\nannex\nmissing-page")}, r"missing-page", r"index\.md:\d+"),
    "chapter not UTF-8": ({"generated.md": lambda t: t.encode("utf-8") + b"\nCaf\xe9\n"}, r"briefing\.encoding", r"generated\.md:\d+"),
}


def strict_build(srcdir, outdir) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html", str(srcdir), str(outdir)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_clean_project_passes_the_strict_build(project, tmp_path) -> None:
    result = strict_build(project(), tmp_path / "out")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_with_file_and_line(case: str, project, tmp_path) -> None:
    edits, message, location = CASES[case]
    result = strict_build(project(**edits), tmp_path / "out")
    assert result.returncode != 0, f"{case}: build passed\n{result.stderr}"
    assert "Traceback" not in result.stderr + result.stdout
    assert re.search(message, result.stderr), result.stderr
    assert re.search(location, result.stderr), result.stderr


def test_script_in_a_source_is_printed_as_text_not_run(project, tmp_path) -> None:
    srcdir = project(**{"source__sample.md": replace("was $60 million.", "was $60 million. <script>alert(1)</script>")})
    result = strict_build(srcdir, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    annex = (tmp_path / "out" / "annex.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in annex
    assert "<script>alert(1)" not in annex


def pdf_build(srcdir, outdir, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "briefingpdf", *extra, str(srcdir), str(outdir)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_unknown_paper_size_is_one_clear_line(project, tmp_path) -> None:
    result = pdf_build(project(), tmp_path / "out", "-D", "briefing_paper=legal")
    assert result.returncode != 0
    assert "briefing_paper must be one of letter, a4" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
