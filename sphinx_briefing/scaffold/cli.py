"""The console script: ``sphinx-briefing new ARTICLE DEST``.

It drafts a book (:mod:`.book`), writes it into a staging folder next to DEST
(:mod:`.render`), builds it to let the extension's checks refuse any drafted record
(:mod:`.verify`), drafts again without those, and moves the verified book into
place. DEST must not exist or be empty: nothing is ever overwritten, and a failed
run leaves nothing behind. Messages name the file and line of bad input; the exit
status is 0 on success, 2 for bad input and 1 when the drafted book does not build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from .article import ArticleError, read_article
from .book import GENERIC_TITLE, TITLE_KEY, Draft, Toolkit, draft_book
from .render import write_book
from .split import DEFAULT_LEXICON, LexiconError, load_lexicon
from .verify import build_problems, refused
from .voices import unsure

#: Each round drops every record a warning falls in; more rounds than this means a loop.
MAX_ROUNDS = 4
PACKAGE = Path(__file__).resolve().parents[1]


class ScaffoldError(Exception):
    """A run that cannot make the book; the message says why, and ``status`` how to exit."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="sphinx-briefing", description="Tools for briefing books built with sphinx_briefing.")
    commands = main_parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser(
        "new", help="draft a complete briefing book from a plain-text article",
        description="Draft a briefing book from ARTICLE (headline first, paragraphs separated by blank lines) into DEST.",
    )
    new.add_argument("article", type=Path, metavar="ARTICLE")
    new.add_argument("dest", type=Path, metavar="DEST")
    new.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON, help="keyword lexicons for the split (default: the toolkit's)")
    new.add_argument("--id", default="", help="the source id (default: from the headline)")
    return main_parser


def toolkit() -> Toolkit:
    """The checkout this toolkit runs from: the new book installs it from there."""
    checkout = PACKAGE.parent
    found = Toolkit(checkout)
    if not (checkout / "pyproject.toml").is_file() or not found.constraints.is_file():
        raise ScaffoldError(f"{checkout}: not a sphinx-briefing checkout (no pyproject.toml and constraints.txt); run from one")
    return found


def check_dest(dest: Path) -> None:
    """Refuse a DEST that exists and is not an empty folder."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise ScaffoldError(f"{dest}: exists and is not an empty folder; choose a new one (nothing was written)")


def verified(draft: Draft, staging: Path, dest: Path) -> tuple[Draft, set[str]]:
    """Write and build the draft until the checks refuse no drafted record; a warning
    outside any record is named at the file it would have in ``dest``."""
    dropped: set[str] = set()
    for _round in range(MAX_ROUNDS):
        write_book(draft, staging)
        keys, others = refused(build_problems(staging), staging)
        if others:
            shown = "\n  ".join(str(problem).replace(str(staging), str(dest)) for problem in others[:20])
            raise ScaffoldError(f"the drafted book does not build cleanly (a scaffold bug; please report it):\n  {shown}", 1)
        if not keys:
            return draft, dropped
        dropped |= keys
        draft = draft.without(keys)
    raise ScaffoldError(f"the checks kept refusing drafted records after {MAX_ROUNDS} rounds: {', '.join(sorted(dropped))}", 1)


def new(article_path: Path, dest: Path, lexicon_path: Path, identifier: str = "") -> tuple[Draft, set[str]]:
    """Draft, verify and place a new book; return the draft written and the records dropped."""
    check_dest(dest)
    try:
        draft = draft_book(read_article(article_path), load_lexicon(lexicon_path), toolkit(), identifier)
    except (ArticleError, LexiconError) as exc:
        raise ScaffoldError(str(exc)) from None
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = dest.parent / f".{dest.name}.sphinx-briefing-new-{os.getpid()}"
    staging.mkdir()  # the user's umask, as for any folder they make; mkdtemp's is private
    try:
        draft, dropped = verified(draft, staging, dest)
        if dest.exists():
            dest.rmdir()
        staging.rename(dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return draft, dropped


def summary(draft: Draft, dropped: set[str], dest: Path) -> str:
    """What was made, for the terminal."""
    records = draft.records
    lines = [
        f"Drafted a briefing book in {dest}",
        f"  source: source/{draft.id}.md ({len(draft.source.paragraphs)} paragraphs; date {draft.dating.date}: {draft.dating.label})",
        f"  excluded as related-story links: {draft.excluded_address or 'none'}",
        f"  sentences whose speaker is a guess (settle them in the header's attribution): {', '.join(unsure(draft.source)) or 'none'}",
        "  chapters (draft split by split.toml):",
        *(f"    docs/{c.slug}.md  {c.title}: {c.labels}" for c in draft.chapters),
        f"  records drafted and verified by the build: {len(records.people)} people, {len(records.figures)} key figures, "
        f"{len(records.events)} events, {len(records.terms)} glossary terms",
        f"  refused by the checks and left out: {', '.join(sorted(dropped - {TITLE_KEY})) or 'none'}",
        *([f"  the headline cannot head the root page (it quotes or counts with no paragraph to cite): titled {GENERIC_TITLE!r}"] if TITLE_KEY in dropped else []),
        f"Next: cd {dest} && make && make test   (make release fails until every draft mark is resolved)",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        draft, dropped = new(args.article, args.dest, args.lexicon, args.id)
    except ScaffoldError as exc:
        print(f"sphinx-briefing new: {exc}", file=sys.stderr)
        return exc.status
    print(summary(draft, dropped, args.dest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
