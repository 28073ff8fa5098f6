"""The console script: ``sphinx-briefing new ARTICLE DEST`` and ``sphinx-briefing add-source ARTICLE BOOK``.

``new`` drafts a book (:mod:`.book`), writes it into a staging folder next to DEST
(:mod:`.render`), builds it to let the extension's checks refuse any drafted record
(:mod:`.verify`), drafts again without those, and moves the verified book into
place. DEST must not exist or be empty, nor lie inside another book
(:mod:`.folders`): nothing is ever overwritten, and a failed run leaves nothing
behind. The book depends on the toolkit by an immutable reference (:mod:`.pin`).
``add-source`` adds an article to an existing book (:mod:`.addsource`).

Every name on the command line is data: ARTICLE, DEST and BOOK come after ``--`` in
the Makefiles, so a name starting with ``-`` is a name, not an option. Messages name
the file and line of bad input; the exit status is 0 on success, 2 for bad input and
1 when the drafted book does not build.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..text.addressing import VALID_ID
from .addsource import Added, DraftError, SourceIdError, add_source
from .article import ArticleError, read_article
from .book import GENERIC_TITLE, TITLE_KEY, Draft, Toolkit, draft_book
from .folders import FolderError, article_file, existing_book, new_book_folder, staging_beside
from .pin import PinError, from_checkout, requirement
from .render import write_book
from .resplit import (
    ResplitError,
    book_draft,
    book_toolkit,
    edited,
    place,
    stamp,
)
from .split import DEFAULT_LEXICON, LexiconError, load_lexicon
from .verify import MAX_ROUNDS, Problem, build_problems, heading_problem, refusals, refused
from .voices import guesses

PACKAGE = Path(__file__).resolve().parents[1]
#: What the scaffold's own modules raise for input it cannot use.
INPUT_ERRORS = (ArticleError, FolderError, LexiconError, PinError, SourceIdError)


class ScaffoldError(Exception):
    """A run that cannot make the book; the message says why, and ``status`` how to exit."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="sphinx-briefing", description="Tools for briefing books built with sphinx_briefing."
    )
    commands = main_parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser(
        "new",
        help="draft a complete briefing book from a plain-text article",
        description="Draft a briefing book from ARTICLE (headline first, paragraphs separated by blank lines) into DEST.",
    )
    new.add_argument("article", metavar="ARTICLE")
    new.add_argument("dest", metavar="DEST")
    new.add_argument(
        "--toolkit",
        default="",
        help="the sphinx-briefing the book installs: git+URL@COMMIT (default: this checkout's remote and HEAD)",
    )
    add = commands.add_parser(
        "add-source",
        help="add an article to an existing briefing book as another source",
        description="Add ARTICLE to the book in BOOK as source/<id>.md, and say how to place its paragraphs.",
    )
    add.add_argument("article", metavar="ARTICLE")
    add.add_argument("book", metavar="BOOK", nargs="?", default=".")
    add.add_argument(
        "--chapter", action="store_true", help="also draft a chapter, docs/<id>.md, that places all its paragraphs"
    )
    new.add_argument(
        "--lexicon", type=Path, default=DEFAULT_LEXICON, help="keyword lexicons for the split (default: the toolkit's)"
    )
    for command in (new, add):
        command.add_argument("--id", default="", help="the source id (default: a few words of the headline)")
    resplit = commands.add_parser(
        "split",
        help="draft a new book's chapters again, in place, from its edited split.toml",
        description="Draft the chapter pages, the root page and the method page of BOOK again from its split.toml.",
    )
    resplit.add_argument("book", type=Path, nargs="?", default=Path("."), metavar="BOOK")
    return main_parser


def toolkit(reference: str = "") -> Toolkit:
    """The toolkit the new book installs: ``reference`` if given, else this checkout's
    remote and HEAD commit. Its pinned dependencies come from this checkout."""
    checkout = PACKAGE.parent
    if not (checkout / "pyproject.toml").is_file() or not (checkout / "constraints.txt").is_file():
        raise ScaffoldError(
            f"{checkout}: not a sphinx-briefing checkout (no pyproject.toml and constraints.txt); run from one"
        )
    try:
        return Toolkit(checkout, requirement(reference) if reference else from_checkout(checkout))
    except PinError as exc:
        raise ScaffoldError(str(exc)) from None


def checked_id(identifier: str) -> str:
    """A source id given on the command line, as the build will accept it."""
    if identifier and not VALID_ID.match(identifier):
        raise ScaffoldError(
            f"the source id {identifier!r} must be lower-case letters, digits and '-' (at most 80), starting with a letter or digit"
        )
    return identifier


def verified(draft: Draft, staging: Path, dest: Path) -> tuple[Draft, dict[str, str]]:
    """Write and build the draft until the checks refuse no drafted record (each dropped
    record with the check that refused it); a warning outside any record is named at the
    file it would have in ``dest``."""
    dropped: dict[str, str] = {}
    for _round in range(MAX_ROUNDS):
        write_book(draft, staging)
        keys, others = refused(build_problems(staging), staging)
        _refuse_titles(draft, others, staging)
        if others:
            shown = "\n  ".join(str(problem).replace(str(staging), str(dest)) for problem in others[:20])
            raise ScaffoldError(
                f"the drafted book does not build cleanly (a scaffold bug; please report it):\n  {shown}", 1
            )
        if not keys:
            return draft, dropped
        dropped |= keys
        draft = draft.without(set(keys))
    raise ScaffoldError(
        f"the checks kept refusing drafted records after {MAX_ROUNDS} rounds: {', '.join(sorted(dropped))}", 1
    )


def _refuse_titles(draft: Draft, problems: list[Problem], staging: Path) -> None:
    """A warning on a chapter's heading is the split file's: it names the title (red team AB:
    a title holding a figure or a relative date was blamed on the scaffold). The titles the
    split drafts itself, where the file lists no chapters, are the scaffold's own."""
    if not draft.lexicon.chapters:
        return
    for chapter in draft.chapters:
        problem = heading_problem(problems, staging / "docs" / f"{chapter.slug}.md")
        if problem is not None:
            raise ScaffoldError(
                f"{draft.lexicon.path}: the title of chapter {chapter.slug!r}, {chapter.title!r}, cannot head its "
                f"page; give it a title in the book's own words, with no figure, date or quotation: {problem.message}"
            )


def new(
    article: str, dest_name: str, lexicon_path: Path, identifier: str = "", reference: str = ""
) -> tuple[Draft, dict[str, str], Path]:
    """Draft, verify and place a new book; return the draft written, the records dropped
    and the book's folder. Everything that can be refused is checked before drafting."""
    try:
        dest = new_book_folder(dest_name)
        article_path = article_file(article)
        identifier = checked_id(identifier)
        kit = toolkit(reference)
        draft = draft_book(read_article(article_path), load_lexicon(lexicon_path), kit, identifier)
    except INPUT_ERRORS as exc:
        raise ScaffoldError(str(exc)) from None
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_beside(dest, "new")
    try:
        draft, dropped = verified(draft, staging, dest)
        stamp(staging, draft)
        if dest.exists():
            dest.rmdir()
        staging.rename(dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return draft, dropped, dest


def split_in_place(book: Path) -> Draft:
    """Draft the split of ``book`` again where it is (:mod:`.resplit`), verified like a new book."""
    book = book.resolve()
    try:
        changed = edited(book)
        if changed:
            raise ScaffoldError(
                f"{book / changed[0]}: edited since it was drafted; `split` would overwrite it. "
                f"Move the split by hand (source-paragraphs), or undo the edits to: {', '.join(changed)}"
            )
        draft = book_draft(book, book_toolkit(book))
    except (ResplitError, LexiconError) as exc:
        raise ScaffoldError(str(exc)) from None
    staging = staging_beside(book, "split")
    try:
        draft, _dropped = verified(draft, staging, book)
        place(staging, book, draft)
    except ResplitError as exc:
        raise ScaffoldError(str(exc)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return draft


def summary(draft: Draft, dropped: Mapping[str, str], dest: Path) -> str:
    """What was made, for the terminal."""
    records = draft.records
    requirement_line = draft.toolkit.requirement if draft.toolkit else ""
    lines = [
        f"Drafted a briefing book in {dest}",
        f"  source: source/{draft.id}.md ({len(draft.source.paragraphs)} paragraphs; {draft.dating.described})",
        f"  toolkit: {requirement_line}  (pyproject.toml: make, CI and Read the Docs install it)",
        *(
            ["  note: the toolkit's remote is a path on this machine; the book installs only where that path exists"]
            if "file://" in requirement_line
            else []
        ),
        f"  not news, set aside: {', '.join(f'¶{a.number} ({a.kind})' for a in draft.article.asides) or 'none'}",
        *(f"  ¶{a.number} is a correction of ¶{a.corrects}: check that paragraph" for a in draft.notes if a.corrects),
        guesses(draft.source),
        "  chapters (draft split by split.toml):",
        *(f"    docs/{c.slug}.md  {c.title}: {c.labels}" for c in draft.chapters),
        f"  records drafted and verified by the build: {len(records.people)} people, {len(records.figures)} key figures, "
        f"{len(records.events)} events, {len(records.terms)} glossary terms",
        f"  refused by the checks and left out: {refusals(dropped)}",
        *(
            [
                f"  the headline cannot head the root page (it quotes or counts with no paragraph to cite): titled {GENERIC_TITLE!r}"
            ]
            if TITLE_KEY in dropped
            else []
        ),
        f"Next: cd {shlex.quote(str(dest))} && make && make test   (make release, as Read the Docs builds, fails until every draft mark is resolved)",
    ]
    return "\n".join(lines)


def run_add_source(article: str, book_name: str, identifier: str, chapter: bool) -> Added:
    """``add-source``: every input checked, then the source added."""
    try:
        book = existing_book(book_name)
        return add_source(article_file(article), book, checked_id(identifier), chapter)
    except INPUT_ERRORS as exc:
        raise ScaffoldError(str(exc)) from None
    except DraftError as exc:
        raise ScaffoldError(str(exc), 1) from None


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "split":
        try:
            draft = split_in_place(args.book)
        except ScaffoldError as exc:
            print(f"sphinx-briefing split: {exc}", file=sys.stderr)
            return exc.status
        print("\n".join(f"  docs/{c.slug}.md  {c.title}: {c.labels}" for c in draft.chapters))
        return 0
    try:
        if args.command == "new":
            draft, dropped, dest = new(args.article, args.dest, args.lexicon, args.id, args.toolkit)
            print(summary(draft, dropped, dest))
        else:
            print(run_add_source(args.article, args.book, args.id, args.chapter).report())
    except ScaffoldError as exc:
        print(f"sphinx-briefing {args.command}: {exc}", file=sys.stderr)
        return exc.status
    return 0


if __name__ == "__main__":
    sys.exit(main())
