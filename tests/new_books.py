"""Making new books in tests: the articles, a toolkit reference, and `make` run as a user runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sphinx_briefing.scaffold.article import parse, read_article
from sphinx_briefing.text.sources import UNKNOWN_DATE

REPO = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = FIXTURES / "harbor-patrol.txt"
#: A second article (written for these tests), with one related-story line (¶4).
SECOND_ARTICLE = FIXTURES / "ferry-link.txt"
#: An immutable reference that no test installs from: drafting a book needs one.
PIN = "git+https://example.invalid/owner/sphinx-briefing.git@" + "0" * 40
#: The virtual environment running the tests: a new book's `make` uses it instead of its own.
VENV = Path(sys.prefix)


def run_make(
    folder: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    """`make ARGS` in ``folder``, its venv being the test's own (never rebuilt: ``-o``)."""
    command = ["make", "--no-print-directory", "-C", str(folder), f"VENV={VENV}", "-o", f"{VENV}/.installed", *args]
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("MAKEFLAGS", None)
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=environment)


def resolve_drafts(book: Path) -> None:
    """What an analyst does before release, in the crudest way that passes the checks: drop
    the drafted key points, replace every other placeholder, keep the drafted boxes' contents,
    and say what each drafted key figure measures (its value's own words, at the crudest)."""
    for page in [book / "index.md", *sorted(book.glob("docs/*.md"))]:
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"^- \{draft\}`[^`]*`.*\n", "", text, flags=re.M)
        text = re.sub(r"\{draft\}`[^`]*`", "See the source.", text)
        text = re.sub(r"^(`{3,})\{draft\}", r"\1{admonition}", text, flags=re.M)
        text = re.sub(
            r"^(:value: (.+)\n(?::unit: .+\n)?):measures: A figure (?:given by (.+)|the article gives) in ¶\d+$",
            lambda m: f"{m[1]}:measures: {m[2]}" + (f", according to {m[3]}" if m[3] else ""),
            text,
            flags=re.M,
        )
        page.write_text(text, encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "article.txt") -> Path:
    """An article file in ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def source_of(tmp_path: Path, *paragraphs: str, attribution: dict[str, str] | None = None):
    """A parsed source of the given paragraphs, as the book's parser reads it."""
    article = read_article(write(tmp_path, "\n\n".join(["Headline", *paragraphs]) + "\n"))
    header = {"id": "t", "title": "Headline", "dateline": "-", "date": UNKNOWN_DATE, "date_basis": "-"}
    return parse(article.path, header, attribution or {}, article.body)
