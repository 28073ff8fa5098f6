"""Writing the new book's files from the text templates in ``templates/book``.

Every file of the book is a Jinja template there, named as the file it becomes plus
``.tmpl`` (a leading ``dot-`` stands for the dot of a hidden name: ``dot-ci/run.tmpl``
becomes ``.ci/run``). Names starting with ``_`` are parts: ``_records.md.tmpl`` holds
the macros that print records, ``docs/_chapter.md.tmpl`` is written once per chapter.
Three files are not templates: the source of record (the article's bytes under its
header), ``split.toml`` (the lexicon used, as written) and ``constraints.txt`` (the
toolkit's pins, copied). Templates see one name, ``draft`` (:class:`.book.Draft`).

Text from the article (its headline, its file name) is data, never code or markup: it
reaches Python through ``repr`` (the ``python`` filter), TOML as an escaped string
(``toml``) and a Markdown page with every markup character escaped (``text``), so a
headline holding three quotation marks, a backslash, a link or a role stays the words it is.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jinja2

from .article import compose
from .book import ChapterDraft, Draft
from .split import report

TEMPLATES = Path(__file__).parent / "templates" / "book"
SUFFIX = ".tmpl"
CHAPTER = "docs/_chapter.md.tmpl"
NOTES = "_notes.md.tmpl"
EXECUTABLE = frozenset({".ci/run"})


def environment() -> jinja2.Environment:
    """Strict templates: an unknown name is an error, never an empty string in a page."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["python"] = lambda value: repr(str(value))
    env.filters["toml"] = toml_string
    env.filters["text"] = markdown_text
    return env


#: Characters TOML's basic strings must escape: the quote, the backslash and controls.
_TOML_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')
#: Characters that make Markdown (MyST) markup: emphasis, links, roles, code, HTML, fences.
_MARKUP = re.compile(r"([\\`*_{}\[\]()<>#+!|~$&^=:])")


def toml_string(value: object) -> str:
    """A TOML basic string that reads back as exactly ``value``."""
    return '"' + _TOML_ESCAPE.sub(lambda match: f"\\u{ord(match[0]):04x}", str(value)) + '"'


def markdown_text(value: object) -> str:
    """``value`` as literal text in a Markdown line: every markup character escaped."""
    return _MARKUP.sub(r"\\\1", " ".join(str(value).split()))


def destination(template: str) -> str:
    """``dot-ci/run.tmpl`` → ``.ci/run``; ``docs/method.md.tmpl`` → ``docs/method.md``."""
    parts = template.removesuffix(SUFFIX).split("/")
    return "/".join("." + part.removeprefix("dot-") if part.startswith("dot-") else part for part in parts)


def pages(env: jinja2.Environment) -> list[str]:
    """Every template that becomes one file of the book (parts excluded)."""
    return sorted(
        name for name in env.list_templates() if name.endswith(SUFFIX) and not name.rsplit("/", 1)[-1].startswith("_")
    )


def write_book(draft: Draft, dest: Path) -> list[Path]:
    """Write every file of the book into ``dest``; return the paths written."""
    env = environment()
    context = {"draft": draft, "split_report": report(draft.split)}
    files = {destination(name): env.get_template(name).render(context) for name in pages(env)}
    chapter = env.get_template(CHAPTER)
    files |= {f"docs/{c.slug}.md": chapter.render(context, chapter=c) for c in draft.chapters}
    written = [_write(dest / name, text.encode("utf-8"), name in EXECUTABLE) for name, text in files.items()]
    written.append(write_source(draft, dest / "source"))
    written.append(_write(dest / "split.toml", draft.lexicon.text.encode("utf-8")))
    if draft.toolkit is not None:
        written.append(dest / "constraints.txt")
        shutil.copyfile(draft.toolkit.constraints, written[-1])
    return written


def write_source(draft: Draft, folder: Path) -> Path:
    """The source of record: the article's bytes under the drafted header."""
    return _write(folder / f"{draft.id}.md", compose(draft.header, draft.attribution, draft.article.body))


def write_chapter(draft: Draft, chapter: ChapterDraft, path: Path) -> Path:
    """One chapter page, as :func:`write_book` writes each of a new book's chapters."""
    env = environment()
    text = env.get_template(CHAPTER).render({"draft": draft, "split_report": report(draft.split)}, chapter=chapter)
    return _write(path, text.encode("utf-8"))


def placed_notes(draft: Draft) -> str:
    """The article's editor's notes and corrections, each placed with its note, as the method
    page of a new book places them (``_notes.md.tmpl``)."""
    return str(environment().get_template(NOTES).module.placed(draft))  # type: ignore[attr-defined]


def _write(path: Path, content: bytes, executable: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    if executable:
        path.chmod(0o755)
    return path
