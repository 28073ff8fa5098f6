"""The article as received, and the source of record made from it.

The source of record is the article's own bytes under a YAML header, and the
extension's parser (:mod:`sphinx_briefing.sources`) numbers its paragraphs and
finds who speaks in each sentence. The scaffold uses that same parser, first
under a provisional header, so that every paragraph number, sentence and speaker
it drafts from is the one the book's checks will see.

Input that would make a broken book is refused with its file and line: an empty
file, no one-line headline before a blank line, a headline too long to be one, no
paragraph after the headline, text that is not UTF-8 or hides characters. The
paragraphs that are not news (bylines, captions, notes) are found by :mod:`.asides`.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..checks.run import MAX_CITED
from ..text.addressing import MAX_ID
from ..text.characters import clean_text, first_bad_line
from ..text.sources import UNKNOWN_DATE, Paragraph, Source, SourceError, parse_source
from .asides import BYLINE, DATELINE, Aside, find_asides

#: A headline longer than this is refused: it is a paragraph, or a headline to shorten.
MAX_HEADLINE = 300
#: "WASHINGTON — ", "MEXICO CITY -- ", "GENEVA (Agency) — " at the start of the first paragraph.
_DATELINE = re.compile(r"^(?P<place>[A-Z][^—\n]{0,60}?)\s*(?:—|--)\s")
_WORD = re.compile(r"[A-Za-z][\w'’.]*")
_AGENCY = re.compile(r"\s*\([^()]*\)\s*$")


class ArticleError(Exception):
    """Input the scaffold cannot make a book from; the message names the file and line."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


@dataclass(frozen=True)
class Article:
    """An article read for scaffolding, parsed as the book's source will be."""

    path: Path
    body: bytes
    headline: str
    source: Source

    @cached_property
    def asides(self) -> tuple[Aside, ...]:
        """The paragraphs that are not news: bylines, captions, links, notes (see :mod:`.asides`)."""
        return find_asides(self.source.paragraphs)

    @property
    def news(self) -> list[Paragraph]:
        """The paragraphs that report: everything but the asides."""
        aside = {a.number for a in self.asides}
        return [p for p in self.source.paragraphs if p.number not in aside]

    @property
    def dateline(self) -> str:
        """The place the article was filed from: a dateline paragraph of its own, or the one that
        opens the first paragraph of news ("not stated" when there is none)."""
        own = next((a.text for a in self.asides if a.kind == DATELINE), None)
        if own is not None:
            return _AGENCY.sub("", own.split(",")[0].strip(" —-")) or "not stated"
        return dateline(self.news[0].display_text) if self.news else "not stated"

    @property
    def byline(self) -> str:
        """Who wrote it, as the byline gives it ("" when there is none)."""
        return next((a.author for a in self.asides if a.kind == BYLINE), "")


def read_article(path: Path) -> Article:
    """Read and check an article; raise ArticleError naming the line of any problem."""
    try:
        # a byte-order mark (Windows Notepad saves one) marks the encoding, not the text: kept,
        # it stood before the headline, which then differed from the header's title (red team AB)
        body = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    except OSError as exc:
        raise ArticleError(path, 1, f"cannot read the article: {exc.strerror}") from None
    _check_encoding(path, body)
    # Read leniently only to find the headline: the source parser, below, refuses text that
    # is not UTF-8 or hides characters, and names the article's line.
    headline, line = _headline(path, clean_text(body.decode("utf-8", "replace").encode("utf-8")))
    provisional = {"id": "article", "title": headline, "dateline": "-", "date": UNKNOWN_DATE, "date_basis": "-"}
    source = parse(path, provisional, {}, body)
    if not source.paragraphs:
        raise ArticleError(path, line + 1, "the article has a headline but no paragraph after it")
    offset = compose(provisional, {}, b"").count(b"\n")
    _refuse_long_paragraphs(path, source, offset)
    _refuse_marked_up_speakers(path, source, offset)
    return Article(path, body, headline, source)


def _refuse_long_paragraphs(path: Path, source: Source, offset: int) -> None:
    """Stop at the first paragraph longer than a chapter's section may cite, naming its line
    in the article: no chapter could place it (red team AD: a 128,000-character paragraph
    failed as a bad chapter title in the toolkit's own split file)."""
    for paragraph in source.paragraphs:
        if len(paragraph.display_text) > MAX_CITED:
            raise ArticleError(
                path,
                max(paragraph.line - offset, 1),
                f"paragraph {paragraph.number} is {len(paragraph.display_text):,} characters, more than the "
                f"{MAX_CITED:,} a chapter's section may cite; break it into paragraphs, each after a blank line",
            )


#: Characters that make Markdown or MyST markup (a link, a role, HTML, code). No name holds
#: one, and the drafted pages name each speaker: "according to the <https://…> Institute"
#: became a live link in a new book, and a backtick closed a role (red team U).
_MARKUP_IN_NAME = re.compile(r"[`<>\[\]{}*_|$^=~#!\\]")


def _refuse_marked_up_speakers(path: Path, source: Source, offset: int) -> None:
    """Stop at the first speaker whose name, as the speaker patterns read it, holds markup,
    naming the article's line (the paragraph's, less the ``offset`` lines of the header the
    source was read with): the name cannot be drafted as the words it is."""
    for paragraph in source.paragraphs:
        for sentence in paragraph.sentences:
            # the brackets of a related-story link ("[…, says Ann Lee]") close a name, not mark it up
            name = next((name for name in sentence.view if _MARKUP_IN_NAME.search(name.strip(" []()"))), None)
            if name is None:
                continue
            raise ArticleError(
                path,
                max(paragraph.line - offset, 1),
                f"a speaker is named {name[:80]!r}, which holds markup characters (` < > [ ] {{ }} * _ | $ ^ = ~ # ! \\); "
                "a name holds none, and the drafted pages would print it as markup: write the name as words",
            )


def _check_encoding(path: Path, body: bytes) -> None:
    """A whole file in another encoding is told so before its headline is looked for: a
    UTF-16 article with a good headline was told it had none. A stray byte later in a
    UTF-8 article is left to the source parser, which names its line."""
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" in body[:1000]:
        raise ArticleError(
            path,
            1,
            "the article is not UTF-8 text (it starts with a UTF-16 mark or holds NUL bytes, as UTF-16 "
            "and binary files do); save it as UTF-8 plain text",
        )
    if first_bad_line(body.split(b"\n", 1)[0]) is not None:
        raise ArticleError(path, 1, "the article's first line is not UTF-8 text; save the article as UTF-8 plain text")


def _headline(path: Path, text: str) -> tuple[str, int]:
    """The first non-blank line, which must stand alone before a blank line."""
    lines = text.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ArticleError(
            path, 1, "the article is empty; write its headline on the first line, a blank line, then its paragraphs"
        )
    following = lines[first + 1] if first + 1 < len(lines) else ""
    if following.strip():
        raise ArticleError(
            path, first + 1, "no headline: the first line must be the headline alone, followed by a blank line"
        )
    length = len(lines[first].strip())
    if length > MAX_HEADLINE:
        raise ArticleError(
            path,
            first + 1,
            f"the headline is {length:,} characters long, more than the {MAX_HEADLINE} a headline may have; "
            "shorten it, or, if the first line is a paragraph, write the headline above it and a blank line",
        )
    return " ".join(lines[first].split()), first + 1


def compose(header: Mapping[str, str], attribution: Mapping[str, object], body: bytes) -> bytes:
    """A source file: the header as YAML (every value a quoted string), then the body as received."""
    lines = ["---", *(f"{name}: {_quoted(value)}" for name, value in header.items())]
    if attribution:
        lines.append("# Drafted by sphinx-briefing new: who speaks where the speaker patterns need help.")
        lines.append("attribution:")
        lines += [f"  {_quoted(key)}: {_quoted(name)}" for key, name in attribution.items()]
    return ("\n".join([*lines, "---", ""])).encode("utf-8") + body


def _quoted(value: object) -> str:
    """A YAML double-quoted scalar, or flow mapping (JSON is both), read back as exactly ``value``."""
    return json.dumps(value, ensure_ascii=False)


def parse(path: Path, header: Mapping[str, str], attribution: Mapping[str, object], body: bytes) -> Source:
    """The source as the book's parser reads it; a problem is reported at the article's line."""
    raw = compose(header, attribution, body)
    offset = raw[: len(raw) - len(body)].count(b"\n")
    try:
        return parse_source(path, raw)
    except SourceError as exc:
        raise ArticleError(path, max(exc.line - offset, 1), exc.message) from None


def source_id(headline: str) -> str:
    """The source id from the headline: lower-case ASCII letters, digits and '-', at most
    80 characters, cut at a word boundary ("article" when nothing is left)."""
    folded = unicodedata.normalize("NFKD", headline).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(slug) > MAX_ID:
        slug = slug[: MAX_ID + 1].rsplit("-", 1)[0]
    return slug or "article"


def dateline(first_paragraph: str) -> str:
    """The capitalised place before " — " or "--" that opens the first paragraph, else "not stated"."""
    match = _DATELINE.match(first_paragraph)
    if match is None:
        return "not stated"
    place = match["place"].strip(" ,")
    words = _WORD.findall(place)
    return place if words and all(word[0].isupper() for word in words) else "not stated"
