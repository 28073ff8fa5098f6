"""``sphinx-briefing split BOOK`` (``make split`` in a new book): draft the split again, in place.

A user who edits the split (the chapters or the settings in the book's ``split.toml``)
drafts the book's split-dependent pages again where they are, not into a new folder:
the chapter pages, the root page (its table of contents) and the method page (which
shows the split). The draft is made from the book's own source of record, so the
header's corrections of who speaks hold, and it is verified by a build as ``new``
verifies a book.

An analyst's work is never overwritten: every page the split drafts is recorded with
its digest when it is written (``.split-drafted.json``), and ``split`` refuses, naming
the file, to replace or remove a page that has changed since. A chapter page no
longer in the split is removed only when unchanged.

The record is a file of the book's repository, so a pull request can change it: it
may name only pages a split drafts (``index.md``, ``docs/<chapter>.md``), and no page
is written or removed through a symlink. A record that names anything else (a file
outside the book, ``conf.py``) or cannot be read is refused, naming the file.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tomllib
from pathlib import Path

from ..text import strict_yaml
from ..text.characters import clean_text
from ..text.sources import SourceError, load_source, split_front_matter
from .article import Article
from .book import Draft, Toolkit, draft_book
from .folders import first_link
from .split import load_lexicon

MANIFEST = ".split-drafted.json"
SPLIT_FILE = "split.toml"
#: The pages a split drafts, as the record names them: the root page and one page per
#: chapter (the method page among them), each a slug as ``split.toml`` allows.
_DRAFTED_PAGE = re.compile(r"index\.md|docs/[a-z][a-z0-9-]{0,39}\.md")


class ResplitError(Exception):
    """A book the split cannot be drafted again in; the message says why and what to do."""


def drafted_pages(draft: Draft) -> list[str]:
    """The pages a split decides: the root page, the method page and one page per chapter."""
    return ["index.md", "docs/method.md", *(f"docs/{chapter.slug}.md" for chapter in draft.chapters)]


def stamp(book: Path, draft: Draft) -> None:
    """Record the digest of every page the split drafted, so that a later ``split`` can tell
    an analyst's edit from its own draft."""
    digests = {page: _digest(book / page) for page in drafted_pages(draft)}
    (book / MANIFEST).write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def book_toolkit(book: Path) -> Toolkit:
    """The toolkit the book already installs: the ``sphinx-briefing`` line of its
    ``pyproject.toml`` and its own ``constraints.txt``, written again as they are."""
    try:
        project = tomllib.loads((book / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ResplitError(f"{book / 'pyproject.toml'}: cannot be read ({exc})") from None
    lines = [line for line in project.get("project", {}).get("dependencies", []) if line.startswith("sphinx-briefing")]
    if len(lines) != 1:
        raise ResplitError(
            f"{book / 'pyproject.toml'}: names no sphinx-briefing dependency; `split` keeps the book's own"
        )
    return Toolkit(book, lines[0])


def book_draft(book: Path, toolkit: Toolkit) -> Draft:
    """The draft of ``book`` from its source of record and its ``split.toml``."""
    sources = sorted((book / "source").glob("*.md"))
    if len(sources) != 1:
        raise ResplitError(f"{book / 'source'}: `split` drafts a book of one source; this folder holds {len(sources)}")
    try:
        source = load_source(sources[0])
    except SourceError as exc:
        raise ResplitError(f"{exc.location}: {exc.message}") from None
    front, body, _line = split_front_matter(sources[0], clean_text(sources[0].read_bytes()))
    header = strict_yaml.load(front)
    article = Article(sources[0], body.encode("utf-8"), source.headline, source)
    return draft_book(article, load_lexicon(book / SPLIT_FILE), toolkit, source.id, header.get("attribution") or {})


def edited(book: Path) -> list[str]:
    """The drafted pages that changed since they were drafted (or that no record vouches for)."""
    recorded = recorded_pages(book)
    return sorted(
        page for page, digest in recorded.items() if (book / page).is_file() and _digest(book / page) != digest
    )


def recorded_pages(book: Path) -> dict[str, str]:
    """The record of drafted pages and their digests, each a page a split drafts and none
    reached through a symlink; :class:`ResplitError`, naming the record, otherwise."""
    manifest = book / MANIFEST
    if not manifest.is_file():
        raise ResplitError(
            f"{manifest}: no record of the drafted pages; `split` re-drafts only a book made by `sphinx-briefing new`"
        )
    _refuse_symlink(book, MANIFEST)
    _refuse_symlink(book, SPLIT_FILE)
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ResplitError(
            f"{manifest}:{exc.lineno}: not a record `split` can read ({exc.msg}); restore it from version control"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ResplitError(f"{manifest}: cannot be read ({exc})") from None
    if not isinstance(recorded, dict) or not all(isinstance(digest, str) for digest in recorded.values()):
        raise ResplitError(f"{manifest}: must map each drafted page to its digest; restore it from version control")
    for page in sorted(recorded):
        _check_page(book, page, manifest)
    return recorded


def _check_page(book: Path, page: str, manifest: Path) -> None:
    """A page the record may name: one a split drafts, inside the book, no symlink on the way."""
    if not _DRAFTED_PAGE.fullmatch(page):
        raise ResplitError(
            f"{manifest}: names {page!r}, which is not a page `split` drafts (index.md, docs/<chapter>.md); "
            "split writes and removes only its own pages"
        )
    _refuse_symlink(book, page)


def _refuse_symlink(book: Path, name: str) -> None:
    """A file ``split`` writes is the book's own: no symlink on the way to it."""
    if first_link(book, book / name) is not None:
        raise ResplitError(f"{book / name}: is a symlink, or stands in one; `split` writes only the book's own files")


def place(staging: Path, book: Path, draft: Draft) -> list[str]:
    """Move the split's pages from the verified ``staging`` book into ``book``; remove the
    chapter pages of the old split; return the pages written."""
    old = recorded_pages(book)
    pages = drafted_pages(draft)
    for page in pages:
        _check_page(book, page, book / MANIFEST)
    for page in set(old) - set(pages):
        if (book / page).is_file():
            (book / page).unlink()
    for page in [*pages, SPLIT_FILE]:
        (book / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(staging / page, book / page)
    stamp(book, draft)
    return pages
