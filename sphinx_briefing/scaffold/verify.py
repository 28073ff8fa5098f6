"""Verify a drafted book with the extension's own checks, and name the records they refuse.

The heuristics of :mod:`.extract` aim to draft only what the checks accept, but the
checks have the last word. The drafted book is built once as HTML (reading every
page, running every prose and record check, printing the one-page read-ahead),
without ``-W`` so that every warning is reported. A warning that falls inside a
drafted record's directive, or a glossary entry, names that record: the scaffold
drops it and drafts again. Any other warning means the scaffold itself wrote
something wrong, and is reported as it stands.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .book import TITLE_KEY

_WARNING = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?:WARNING|ERROR): (?P<message>.*)$")
_RECORD = re.compile(r"^```\{(?:person|event|key-figure)\}\s+(?P<id>\S+)\s*$")
_GLOSSARY = re.compile(r"^```\{glossary\}\s*$")
#: A build of a drafted book takes seconds; this bounds a pathological one.
TIMEOUT = 600
#: Each round drops every record a warning falls in; more rounds than this means a loop.
MAX_ROUNDS = 4


@dataclass(frozen=True)
class Problem:
    """One warning of the verifying build, where it stands."""

    path: Path | None
    line: int | None
    message: str
    #: The build did not finish: nothing after this was checked.
    stopped: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.path else self.message

    @property
    def check(self) -> str:
        """The warning's type as Sphinx prints it at the end ("briefing.unattributed")."""
        found = re.search(r"\[([\w.-]+)\]$", self.message)
        return found[1] if found else "a warning"


def build_problems(book: Path) -> list[Problem]:
    """Every warning of an HTML build of ``book`` (nothing is written into the book).

    The messages are parsed, so they are asked for without colour codes, which
    Sphinx would add where ``FORCE_COLOR`` is set (as many CI services do)."""
    with tempfile.TemporaryDirectory(prefix="briefing-verify-") as out:
        command = [
            sys.executable,
            "-P",  # no module at the book's root is imported in place of Sphinx's (red team L)
            "-m",
            "sphinx",
            "-b",
            "html",
            "-n",
            "--keep-going",
            "-q",
            "--no-color",
            "-d",
            str(Path(out, "doctrees")),
            str(book),
            str(Path(out, "html")),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, cwd=book)
    problems = [_problem(line) for line in result.stderr.splitlines() if line.strip()]
    if result.returncode:  # without -W, warnings leave 0: the build itself failed
        said = (result.stderr or result.stdout)[-2000:]
        problems.append(Problem(None, None, f"the build stopped (exit {result.returncode}): {said}", stopped=True))
    return problems


def _problem(line: str) -> Problem:
    match = _WARNING.match(line)
    if match is None:
        return Problem(None, None, line)
    return Problem(Path(match["path"]).resolve(), int(match["line"]), match["message"])


def record_blocks(book: Path) -> dict[Path, list[tuple[int, int, str]]]:
    """For each page, the (first line, last line, key) of every drafted record and
    glossary entry (keys as :func:`.book.record_key` gives them), and the root page's
    heading (:data:`.book.TITLE_KEY`), which is drafted from the headline."""
    blocks: dict[Path, list[tuple[int, int, str]]] = {(book / "index.md").resolve(): [(1, 1, TITLE_KEY)]}
    for page in sorted(book.glob("docs/*.md")):
        lines = page.read_text(encoding="utf-8").splitlines()
        blocks[page.resolve()] = [*_records(lines), *_glossary_entries(lines)]
    return blocks


def _records(lines: list[str]) -> list[tuple[int, int, str]]:
    found = []
    for index, line in enumerate(lines):
        match = _RECORD.match(line)
        if match:
            end = next((i for i in range(index + 1, len(lines)) if lines[i].strip() == "```"), len(lines) - 1)
            found.append((index + 1, end + 1, match["id"]))
    return found


def _glossary_entries(lines: list[str]) -> list[tuple[int, int, str]]:
    """Each term line of a glossary with its indented definition."""
    found: list[tuple[int, int, str]] = []
    inside = False
    for index, line in enumerate(lines):
        if _GLOSSARY.match(line):
            inside = True
        elif inside and line.strip() == "```":
            inside = False
        elif inside and line.strip() and not line[0].isspace():
            found.append((index + 1, index + 1, f"term:{line.strip()}"))
        elif inside and line.strip() and found:
            first, _last, key = found[-1]
            found[-1] = (first, index + 1, key)
    return found


def heading_problem(problems: list[Problem], page: Path) -> Problem | None:
    """The first warning on the heading of a drafted chapter ``page`` (its first line): the
    title came from a split file or a headline, not from the scaffold's own words."""
    page = page.resolve()
    return next((problem for problem in problems if problem.path == page and problem.line == 1), None)


def refusals(dropped: Mapping[str, str]) -> str:
    """The report's list of refused records, each with the check that refused it."""
    shown = [f"{key} ({check})" for key, check in sorted(dropped.items()) if key != TITLE_KEY]
    return ", ".join(shown) or "none"


def refused(problems: list[Problem], book: Path) -> tuple[dict[str, str], list[Problem]]:
    """The records the warnings fall in, each with the check that refused it (the first,
    "briefing.unattributed"), and the warnings that fall in none."""
    blocks = record_blocks(book)
    keys: dict[str, str] = {}
    others: list[Problem] = []
    for problem in problems:
        hit = (
            {key for first, last, key in blocks.get(problem.path, []) if first <= (problem.line or 0) <= last}
            if problem.path
            else set()
        )
        for key in hit:
            keys.setdefault(key, problem.check)
        if not hit:
            others.append(problem)
    return keys, others
