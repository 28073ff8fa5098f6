"""Printing one Typst document: whether it must be printed again, what Typst may read,
and Typst's messages, each said at the page and line it is about.

Nothing is printed again unless something that shapes the PDF changed: a stamp file
in the output folder holds a digest of the generated markup (the doctree as printed),
the configuration, this package's code and templates, the pictures and the Typst
version, and the digest of the PDF it made, so a PDF damaged or cut short since is
printed again.

Typst's root is the output folder: it reads only what the job wrote there (the
page design, the markup and the checked pictures). Its diagnostics name a line of
the generated markup; :mod:`sourcemap` leads each back to the page and line of the
book it was printed from. Their own text is never passed on whole, as it can quote
the file it is about: only Typst's message, its hints and the place.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typst
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.display import progress_message

from ..model.config import source_date_epoch
from ..model.diagnostics import Check, warn
from ..records.freshness import code_digest
from .pictures import Pictures
from .sourcemap import Located

logger = logging.getLogger(__name__)

TEMPLATE = Path(__file__).parent / "templates" / "briefing.typ"
#: The script that runs Typst in a child process (run by path, never imported).
TYPESETTER = Path(__file__).with_name("typesetter.py")
PDF_STANDARDS = ["ua-1"]
STAMP = ".briefing-stamp"
#: Config values that never change what is printed (where the output goes, what printing may use).
UNPRINTED_CONFIG = frozenset({"html_baseurl", "briefing_pdf_memory"})
#: The places a Typst diagnostic points at: file, line and column.
_PLACE = re.compile(r"┌─ (?P<file>[^\n]+?):(?P<line>\d+):(?P<column>\d+)\s*$", re.MULTILINE)
_HINT = re.compile(r"^\s*= hint: (.*)$", re.MULTILINE)
#: Typst's advice where it does not fit a book, by a phrase of its message, and what to say instead.
AUTHOR_HINTS = {
    "could not be displayed with font": "the PDF's fonts, Libertinus Serif and DejaVu Sans Mono, have no glyph for "
    "it; write it another way",
}


@dataclass(frozen=True)
class Diagnostic:
    """One Typst warning or error as the typesetter reports it: the full text, and its first message."""

    diagnostic: str
    message: str


# -- the stamp -----------------------------------------------------------------------------


def _stable(value: Any) -> Any:
    """A form of a config value whose text is the same in every run (sets sorted)."""
    if isinstance(value, dict):
        return sorted((str(key), _stable(item)) for key, item in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(repr(item) for item in value)
    if isinstance(value, (list, tuple)):
        return [_stable(item) for item in value]
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def config_digest(config: Config) -> str:
    """A digest of the settings a build's output depends on."""
    values = {item.name: _stable(item.value) for item in config if item.rebuild and item.name not in UNPRINTED_CONFIG}
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def stamp(config: Config, files: dict[str, str], pictures: dict[str, str]) -> str:
    """What a PDF is made from, as one digest: Typst and how it is called, the code and
    templates, the settings, the markup, and the digest of every picture."""
    digest = hashlib.sha256()
    compiler = f"{typst.__version__} {PDF_STANDARDS} {source_date_epoch()}"
    parts = (compiler, code_digest(), config_digest(config), *(f"{n}\0{t}" for n, t in sorted(files.items())))
    for part in (*parts, *(f"{name}\0{value}" for name, value in sorted(pictures.items()))):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


# -- the job -------------------------------------------------------------------------------


@dataclass
class PrintJob:
    """One Typst document printed from ``root/main`` into ``target``, when its stamp changed."""

    root: Path
    main: str
    located: Located
    pictures: Pictures
    target: Path

    def run(self, config: Config, readahead_doc: str = "") -> None:
        """Print, unless the PDF there is the one this markup, these pictures and these
        settings made; stamp it only when Typst printed it without a word."""
        digest = stamp(config, {self.main: self.located.markup}, self.pictures.digests())
        if self.sealed() == digest + self.output_digest():
            logger.info("%s is unchanged; not printed again", self.target.name)
            return
        self.write_sources()
        with progress_message(f"typesetting {self.target.name}"):
            printed = typeset(self, config.briefing_pdf_memory, readahead_doc)
        if printed:
            (self.root / STAMP).write_text(digest + self.output_digest(), encoding="utf-8")

    def sealed(self) -> str:
        stamp_file = self.root / STAMP
        return stamp_file.read_text(encoding="utf-8") if stamp_file.is_file() else ""

    def output_digest(self) -> str:
        """The PDF as it is on disk: a file changed, cut short or gone is printed again."""
        return hashlib.sha256(self.target.read_bytes()).hexdigest() if self.target.is_file() else "none"

    def write_sources(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATE, self.root / TEMPLATE.name)
        (self.root / self.main).write_text(self.located.markup, encoding="utf-8")
        self.pictures.write(self.root / "_images")


def typeset(job: PrintJob, memory: int, readahead_doc: str = "") -> bool:
    """Compile, report pages, size and time; for a read-ahead, insist on one page."""
    started = time.perf_counter()
    pages = compile_pdf(job.root, job.main, job.located, job.target, memory)
    if pages is None:
        return False
    elapsed = time.perf_counter() - started
    logger.info("%s: %d pages, %d KB in %.2f s", job.target.name, pages, job.target.stat().st_size // 1024, elapsed)
    if readahead_doc and pages != 1:
        warn(
            Check.READAHEAD_LENGTH,
            f"the read-ahead fills {pages} pages; it must fit on one (shorten it)",
            readahead_doc,
        )
        return False
    return True


def compile_pdf(root: Path, main: str, located: Located, target: Path, memory: int) -> int | None:
    """Typeset ``root/main`` (written from ``located``) into ``target``; return its page
    count, or None when Typst failed or warned. A PDF that warned is written but not stamped as current, so the next build
    prints it again and the warning comes back until it is fixed.

    Typst runs in a child process (:mod:`typesetter`) whose address space is capped at
    ``memory`` MB: a book too large to print ends the child, not the build. It reads
    nothing outside ``root`` and uses only its bundled fonts; its warnings and errors
    become ``briefing.pdf`` warnings (``-W`` fails the build).
    """
    job = {"root": str(root), "main": main, "target": str(target), "memory": memory}
    job |= {"standards": PDF_STANDARDS, "timestamp": source_date_epoch()}
    child = subprocess.run(
        [sys.executable, "-I", str(TYPESETTER)], input=json.dumps(job), capture_output=True, text=True, check=False
    )
    try:
        result = json.loads(child.stdout)
    except json.JSONDecodeError:
        node, size = located.heaviest()
        warn(Check.PDF, stopped(child, main, memory, size, len(located.markup)), node)
        return None
    for item in result["diagnostics"]:
        report(Diagnostic(**item), main, located)
    return None if result["diagnostics"] else result["pages"]


def stopped(child: subprocess.CompletedProcess[str], main: str, memory: int, size: int, total: int) -> str:
    """What to say when Typst ended without an answer (out of memory, or how it ended), at
    the page that printed the most. Typst's own text is not passed on: it can quote a file."""
    share = f"this page prints the most of it, {size // 1000:,} of {total // 1000:,} KB of markup"
    if "memory allocation" in child.stderr or child.returncode in (-signal.SIGABRT, -signal.SIGKILL):
        return (
            f"Typst ran out of memory printing {main} (the limit is {memory:,} MB, briefing_pdf_memory); "
            f"{share}: shorten or split its longest parts and tables, or raise the limit"
        )
    return f"Typst stopped without printing {main} (exit status {child.returncode}); {share}"


def report(diagnostic: Diagnostic, main: str, located: Located) -> None:
    """Each problem of a Typst diagnostic as one warning, at the book's page and line."""
    said: set[tuple[str, str]] = set()
    blocks = re.split(r"^(?=(?:error|warning): )", diagnostic.diagnostic, flags=re.MULTILINE)
    for block in [block for block in blocks if block.strip()] or [diagnostic.message]:
        message, location = problem(block, main)
        if (message, location) not in said:
            said.add((message, location))
            node = located.node_at(*map(int, location.split(":"))) if location else None
            warn(Check.PDF, message, node)


def problem(block: str, main: str) -> tuple[str, str]:
    """One diagnostic said plainly, and the ``line:column`` of the main file it is at ("" if none)."""
    first = block.split("\n", 1)[0]
    severity, _, message = first.partition(": ") if first.startswith(("error: ", "warning: ")) else ("error", "", first)
    verb = "warns about" if severity == "warning" else "could not print"
    places = [(Path(m["file"]).name, f"{m['line']}:{m['column']}", m["file"]) for m in _PLACE.finditer(block)]
    ours = [hint for phrase, hint in AUTHOR_HINTS.items() if phrase in message]
    hints = "".join(f" ({hint})" for hint in ours or _HINT.findall(block))
    pictures = [path for _name, _at, path in places if "_images" in Path(path).parts]
    if pictures:
        return f"Typst {verb} the picture {Path(pictures[0]).name}", ""
    in_main = [at for name, at, _path in places if name == main]
    if in_main:
        return f"Typst {verb} this: {message}{hints}", in_main[0]
    design = f" (in the page design, {places[0][0]}:{places[0][1]})" if places else ""
    return f"Typst {verb} {main}: {message}{hints}{design}", ""
