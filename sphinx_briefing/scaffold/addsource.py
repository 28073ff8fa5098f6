"""``sphinx-briefing add-source ARTICLE BOOK``: another article, as another source of an existing book.

The source is drafted exactly as ``new`` drafts a book's first one (:func:`.book.draft_book`):
a short id, its citation label, its date and how the text gives it, and the header
corrections of who speaks. Its paragraphs are then placed nowhere, and the build says
so for each; the report prints the directive that places them all. With ``--chapter``
a chapter is drafted for them from the scaffold's own chapter template, naming the
source in its placement (``{source-paragraphs} geneva:1-12``), listed in the index's
"Chapters" table of contents, and verified by a build of the book as ``new`` verifies a
new one: a drafted record the checks refuse is left out.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..text.sources import SourceError, load_source, source_files
from .article import read_article
from .book import TITLE_KEY, Draft, draft_book, record_key, short_id
from .folders import first_link
from .render import placed_notes, write_chapter, write_source
from .split import Lexicon, Listed, Theme, compress
from .verify import MAX_ROUNDS, build_problems, heading_problem, refusals, refused
from .voices import guesses

#: The table of contents a drafted chapter is listed in.
CHAPTERS_CAPTION = ":caption: Chapters"


class SourceIdError(Exception):
    """The id, or the chapter's file, is taken in this book."""


class DraftError(Exception):
    """The drafted chapter does not build cleanly (a scaffold bug); nothing was left written."""


@dataclass(frozen=True)
class Added:
    """What ``add-source`` wrote, for the report."""

    draft: Draft
    book: Path
    source: Path
    sources: int
    chapter: Path | None = None
    listed: bool = False
    dropped: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def placement(self) -> str:
        """The directive that places every paragraph of the source not excluded."""
        return "\n".join(fenced("source-paragraphs", chapter.address) for chapter in self.draft.chapters)

    def report(self) -> str:
        draft = self.draft
        lines = [
            f"Added {self.source.relative_to(self.book)}: {len(draft.source.paragraphs)} paragraphs, cited as "
            f'"{draft.header["label"]} ¶1" ({draft.dating.described}). The book has {self.sources} sources.',
            guesses(draft.source),
        ]
        if self.chapter is None:
            lines += [
                "Its paragraphs are placed in no chapter yet; the build names each until they are. Place them with:",
                "",
                self.placement(),
                "",
            ]
            if draft.exclusions:
                lines += ["and exclude the parts that are not news with:", "", exclusion(draft), ""]
            if draft.notes:
                notes = compress([note.number for note in draft.notes])
                lines += [
                    "and place its editor's notes and corrections, each with a note saying what it corrects, with:",
                    "",
                    fenced("source-paragraphs", f"{draft.id}:{notes}"),
                    "",
                ]
        else:
            listed = "listed in index.md's Chapters" if self.listed else "add it to a toctree in index.md"
            lines.append(f"  drafted {self.chapter.relative_to(self.book)}, which places all its paragraphs ({listed})")
            lines.append(f"  records refused by the checks and left out: {refusals(self.dropped)}")
            if TITLE_KEY in self.dropped:
                lines.append(
                    "  the headline cannot head the chapter (it quotes, counts or dates with no paragraph to cite): "
                    f"titled {self.draft.chapters[0].title!r}"
                )
        lines.append(
            "Pages that count the sources with {book}`sources` follow; make release fails until every draft mark is resolved."
        )
        return "\n".join(lines)


def fenced(directive: str, argument: str, body: str = "") -> str:
    """A MyST directive block."""
    return "\n".join(["```{" + directive + "} " + argument, *([body] if body else []), "```"])


def exclusion(draft: Draft) -> str:
    """The directives that exclude the source's parts that are not news (a byline, a
    related-story link…), one per kind, each with its reason."""
    return "\n\n".join(
        fenced("source-exclude", f"{draft.id}:{address}", reason) for address, reason in draft.exclusions
    )


def source_folder(book: Path) -> Path:
    """The book's ``briefing_source_dir``, read from ``conf.py`` without running it: a plain
    string assignment, else Sphinx's default for the setting."""
    tree = ast.parse((book / "conf.py").read_bytes())
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == "briefing_source_dir"
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return book / node.value.value
    return book / "source"


def taken_ids(folder: Path) -> set[str]:
    """The ids of the book's sources (a file that cannot be read counts by its name)."""
    ids = set()
    for path in source_files(folder):
        try:
            ids.add(load_source(path, folder).id)
        except SourceError:
            ids.add(path.stem)
    return ids


def one_chapter(identifier: str, title: str) -> Lexicon:
    """A split file that lists one chapter and no paragraph: every news paragraph joins it,
    ``docs/<id>.md``."""
    return Lexicon(Path(f"{identifier}.toml"), "", {}, chapters=(Listed(Theme(identifier, title), ()),))


def add_source(article_path: Path, book: Path, identifier: str = "", chapter: bool = False) -> Added:
    """Write the source (and, asked, its chapter) into ``book``; refuse an id it has."""
    article = read_article(article_path)
    identifier = identifier or short_id(article.headline)
    folder = source_folder(book)
    taken = taken_ids(folder)
    if identifier in taken or (folder / f"{identifier}.md").exists():
        raise SourceIdError(
            f"{folder / identifier}.md: the book has a source {identifier!r} already; give another id (ID=…)"
        )
    page = book / "docs" / f"{identifier}.md"
    for written in (folder / f"{identifier}.md", *((page, book / "index.md") if chapter else ())):
        link = first_link(book, written)
        if link is not None:
            raise DraftError(f"{link}: is a symlink; add-source writes only the book's own files, nothing was added")
    if chapter and page.exists():
        raise SourceIdError(f"{page}: exists; give the source another id (ID=…), or add it without CHAPTER")
    draft = draft_book(article, one_chapter(identifier, article.headline), None, identifier)
    # The book's glossary defines none of this source's terms; its chapter names its source.
    draft = dataclasses.replace(draft, prefixed=True, records=dataclasses.replace(draft.records, terms=[]))
    source = write_source(draft, folder)
    added = Added(draft, book, source, len(taken) + 1)
    if not chapter or not draft.chapters:
        return added
    index = book / "index.md"
    before = index.read_bytes() if index.is_file() else None
    try:
        listed = before is not None and list_chapter(index, f"docs/{identifier}", draft.chapters[0].labels)
        draft, dropped = verified_chapter(draft, book, page, source)
    except BaseException:
        source.unlink(missing_ok=True)
        page.unlink(missing_ok=True)
        if before is not None:
            index.write_bytes(before)
        raise
    return dataclasses.replace(added, draft=draft, chapter=page, listed=listed, dropped=dropped)


def write_page(draft: Draft, page: Path) -> None:
    """The drafted chapter, with the exclusion of the source's parts that are not news and its
    editor's notes and corrections placed with a note (red team AB's correction was placed
    nowhere, and the chapter failed as "a scaffold bug")."""
    write_chapter(draft, draft.chapters[0], page)
    with page.open("a", encoding="utf-8") as handle:
        if draft.exclusions:
            handle.write("\n## Not news, excluded\n\n" + exclusion(draft) + "\n")
        if draft.notes:
            handle.write("\n## Editor's notes and corrections\n\n" + placed_notes(draft))


def verified_chapter(draft: Draft, book: Path, page: Path, source: Path) -> tuple[Draft, dict[str, str]]:
    """Build the book with the drafted chapter until the checks refuse none of its records;
    a warning in the chapter or the source outside any record is a scaffold bug, and a build
    that stopped verified nothing (red team L: it was counted clean)."""
    ours = {
        record_key(record)
        for records in (draft.records.people, draft.records.figures, draft.records.events)
        for record in records
    }
    dropped: dict[str, str] = {}
    for _round in range(MAX_ROUNDS):
        write_page(draft, page)
        keys, others = refused(build_problems(book), book)
        stopped = [problem for problem in others if problem.stopped]
        if stopped:
            raise DraftError(
                f"the book does not build, so the chapter was not verified; nothing was added:\n  {stopped[0]}"
            )
        mine = [problem for problem in others if problem.path in (page.resolve(), source.resolve())]
        heading = heading_problem(mine, page)
        if heading is not None and TITLE_KEY not in dropped:
            dropped[TITLE_KEY] = heading.check
            draft = retitled(draft, generic_title(draft))
            continue
        if mine:
            shown = "\n  ".join(str(problem) for problem in mine[:20])
            raise DraftError(
                f"the drafted chapter does not build cleanly (a scaffold bug; please report it); nothing was added:\n  {shown}"
            )
        keys = {key: check for key, check in keys.items() if key in ours and key not in dropped}
        if not keys:
            return draft, dropped
        dropped |= keys
        draft = draft.without(set(keys))
    raise DraftError(
        f"the checks kept refusing drafted records after {MAX_ROUNDS} rounds: {', '.join(sorted(dropped))}"
    )


def generic_title(draft: Draft) -> str:
    """The chapter's heading when the headline cannot be one ("The Ferry article"): named by
    the label its citations carry, so a reader can tell it from the book's other sources."""
    return f"The {draft.header['label']} article"


def retitled(draft: Draft, title: str) -> Draft:
    """The same draft, its chapter headed ``title``: the headline quoted or counted with no
    paragraph to cite, or held a relative date (red team AB: the chapter was refused whole)."""
    split = [
        dataclasses.replace(chapter, theme=dataclasses.replace(chapter.theme, title=title)) for chapter in draft.split
    ]
    return dataclasses.replace(draft, split=split)


def list_chapter(index: Path, entry: str, labels: str) -> bool:
    """Add ``entry`` to the end of the index's "Chapters" table of contents, and to the list
    of chapters under its "Chapters" heading where it has one; False if it has no such
    table of contents."""
    lines = index.read_text(encoding="utf-8").splitlines(keepends=True)
    end = _toctree_end(lines)
    if end is None:
        return False
    lines.insert(end, entry + "\n")
    listed = [i for i, line in enumerate(lines[: _section_end(lines)]) if line.startswith("- {doc}`docs/")]
    if listed:
        lines.insert(listed[-1] + 1, f"- {{doc}}`{entry}`: {labels}\n")
    index.write_text("".join(lines), encoding="utf-8")
    return True


def _toctree_end(lines: list[str]) -> int | None:
    """Where the last entry of the "Chapters" table of contents ends, or None."""
    start = None
    for number, line in enumerate(lines):
        if line.startswith("```{toctree}"):
            start = number
        elif start is not None and line.strip() == CHAPTERS_CAPTION:
            end = next((i for i in range(number, len(lines)) if lines[i].strip() == "```"), None)
            if end is None:
                return None
            while end > number and not lines[end - 1].strip():
                end -= 1
            return end
        elif line.strip() == "```":
            start = None
    return None


def _section_end(lines: list[str]) -> int:
    """The line after the "## Chapters" section (0 when there is none)."""
    heading = next((i for i, line in enumerate(lines) if line.strip() == "## Chapters"), None)
    if heading is None:
        return 0
    return next((i for i in range(heading + 1, len(lines)) if lines[i].startswith("#")), len(lines))
