"""Sources of record: parsing the verbatim files in ``source/`` into numbered paragraphs.

A source file is YAML front matter followed by the document exactly as received.
The body is never edited, so the file can be compared byte for byte with what was
received; the first block of the body is the headline, which is metadata and must
equal the ``title`` field. Every later block (text between blank lines) is one
paragraph, numbered from 1 in reading order. Paragraph numbers are the stable ids
that chapters place and cite.
"""

from __future__ import annotations

import datetime
import itertools
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from . import speakers, strict_yaml
from .addressing import VALID_ID, paragraph_anchor
from .characters import clean_text, first_bad_line, hidden_characters, hidden_in
from .quantities import DATE_UNIT, YEAR_UNIT, Quantity, quantities
from .referents import key
from .sentences import content_words, weights
from .speakers import Sentence

#: Metadata every source must declare; the method page and the annex print them.
REQUIRED_FIELDS = ("id", "title", "dateline", "date", "date_basis")
#: Header fields that hold structure rather than one line of text (see :mod:`speakers`).
STRUCTURED_FIELDS = ("attribution", "speaker_names")
_FRONT_MATTER = "---\n"
_BLOCK_SEPARATOR = re.compile(r"\n[ \t]*\n+")
_HEADER_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
#: The ``date`` of a source whose text gives no evidence of when it was written.
UNKNOWN_DATE = "unknown"
#: A source larger than this is refused before it is read: a briefing source is an article.
MAX_SOURCE_BYTES = 2_000_000
#: Paragraphs a source may have: each costs the build milliseconds and tens of kilobytes in
#: every check, and a 1.4 MB source of 60,000 short paragraphs ran past two minutes and a
#: gigabyte. A long report has a few hundred.
MAX_PARAGRAPHS = 2_000


class SourceError(Exception):
    """A source file that cannot be used; carries the file and line for the warning."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    @property
    def location(self) -> str:
        """``path:line`` in the form Sphinx prints for warnings."""
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph of a source, with the line it starts on in the file."""

    source_id: str
    number: int
    text: str
    line: int
    sentences: tuple[Sentence, ...] = field(default=(), repr=False, compare=False)
    #: What a check has read of the paragraph, kept with it for the build (a check's index of
    #: its figures): every passage that cites the paragraph would read it again.
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @property
    def anchor(self) -> str:
        """The HTML id of this paragraph in the annex; stable across builds."""
        return paragraph_anchor(self.source_id, self.number)

    @property
    def label(self) -> str:
        """How the book prints a reference to this paragraph."""
        return f"¶{self.number}"

    @cached_property
    def display_text(self) -> str:
        """The paragraph on one line: soft line breaks inside a block become spaces."""
        return " ".join(self.text.split())

    @cached_property
    def words(self) -> frozenset[str]:
        """The paragraph's content words, read once a build (see :class:`Sentence`)."""
        return content_words(self.display_text)

    @cached_property
    def figures(self) -> tuple[Quantity, ...]:
        """The quantities the paragraph gives, read once a build."""
        return quantities(self.display_text)

    @property
    def speakers(self) -> tuple[str, ...]:
        """Everyone whose view or words the paragraph carries, in order of appearance."""
        found = [name for sentence in self.sentences for name in sentence.speakers]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Source:
    """A parsed source of record."""

    path: Path
    meta: dict[str, str]
    headline: str
    paragraphs: tuple[Paragraph, ...] = field(repr=False)
    speaker_names: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    #: Each speaker's kind (person, anonymous, institution) and the names the article itself
    #: gives them ("known as HATA"), as the speaker model read them.
    speaker_kinds: dict[str, str] = field(default_factory=dict, repr=False)
    speaker_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _forms: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    #: How telling each content word is among the source's sentences (see :mod:`attribution`).
    word_weights: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def id(self) -> str:
        return self.meta["id"]

    @property
    def short_label(self) -> str:
        """How citations name the source when a book has several: the header's ``label``,
        else the first word of its id ("mexico-military-trust" → "Mexico")."""
        return self.meta.get("label") or self.id.split("-")[0].capitalize()

    def paragraph(self, number: int) -> Paragraph | None:
        """The paragraph with this number, or None when the source has no such paragraph."""
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None

    def paragraphs_in(self, first: int, last: int) -> tuple[Paragraph, ...]:
        """The paragraphs from ``first`` to ``last`` that exist, without counting through
        the ones that do not (a range may be typed as 1-100000000)."""
        return self.paragraphs[max(first, 1) - 1 : max(min(last, len(self.paragraphs)), 0)]

    @cached_property
    def _ends(self) -> tuple[int, ...]:
        """How many characters the paragraphs up to each one hold, on one line each."""
        return tuple(itertools.accumulate((len(p.display_text) for p in self.paragraphs), initial=0))

    def length_of(self, first: int, last: int) -> int:
        """How many characters the paragraphs from ``first`` to ``last`` hold, in constant time."""
        low, high = max(first, 1) - 1, max(min(last, len(self.paragraphs)), 0)
        return self._ends[high] - self._ends[low] if high > low else 0

    def name_forms(self, speaker: str) -> tuple[str, ...]:
        """The words that count as naming ``speaker``: its name, the names the article gives
        it, and the header's aliases (``speaker_names``)."""
        if speaker not in self._forms:  # remembered: every sentence of the book asks again
            aliases = (*self.speaker_aliases.get(speaker, ()), *self.speaker_names.get(speaker, ()))
            self._forms[speaker] = speakers.name_forms(speaker, aliases, speakers.kind_of(speaker, self.speaker_kinds))
        return self._forms[speaker]


def _decode(path: Path, raw: bytes) -> str:
    """Decode strictly: a wrongly encoded source would silently corrupt quotations, and a
    hidden character would make the reader and the checks see different words."""
    line = first_bad_line(raw)
    if line is not None:
        raise SourceError(path, line, "source file is not valid UTF-8; re-save it as UTF-8")
    text = clean_text(raw)
    for line, name in hidden_characters(text):
        raise SourceError(path, line, f"source holds {name}, which hides or reorders text; remove it")
    return text


def split_front_matter(path: Path, text: str) -> tuple[str, str, int]:
    """Return (front matter, body, line number of the body's first line)."""
    if not text.startswith(_FRONT_MATTER):
        raise SourceError(path, 1, "source file must start with '---' and YAML metadata")
    end = text.find("\n" + _FRONT_MATTER, len(_FRONT_MATTER) - 1)
    if end == -1:
        raise SourceError(path, 1, "source metadata is not closed by a '---' line")
    front = text[len(_FRONT_MATTER) : end + 1]
    body = text[end + 1 + len(_FRONT_MATTER) :]
    return front, body, front.count("\n") + 3


#: The longest one-line header field, by name: the label is printed at every citation
#: of a book with several sources (a label of 20,000 letters took 81 s to build).
MAX_FIELD = {"label": 80, "": 2_000}
#: Fields that name the source (printed in the annex, on the method page and, for the label,
#: at every citation): a name, a place or a kind, which no check reads against the text.
LABEL_FIELDS = ("label", "kind", "dateline", "outlet", "author")
#: Marks that quote (an apostrophe, "O'Brien", is no quotation).
_QUOTING = re.compile(r"[\"“”„‟«»‹›「」『』]")


def _parse_header(path: Path, front: str) -> tuple[dict[str, str], dict[str, object]]:
    """Parse and validate the header strictly; every problem names its line.

    Returns the one-line fields (printed in the annex) and the structured ones.
    """
    try:
        header = strict_yaml.load(front)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(path, line, f"source metadata is not valid YAML: {problem}") from None
    if not isinstance(header, dict):
        raise SourceError(path, 2, "source metadata must be a mapping of field: value")
    structured = {name: header.pop(name) for name in STRUCTURED_FIELDS if name in header}
    for name, value in header.items():
        if not isinstance(value, str):
            raise SourceError(
                path, _field_line(front, name), f"source metadata field {name!r} must be one line of text"
            )
        longest = MAX_FIELD.get(name, MAX_FIELD[""])
        if len(value) > longest:
            raise SourceError(
                path,
                _field_line(front, name),
                f"source metadata field {name!r} is {len(value):,} characters, more than the {longest} it may hold "
                "(it is printed in the annex, the method page and, for the label, at every citation)",
            )
        if name in LABEL_FIELDS:
            _refuse_statement(path, front, name, value)
        hidden = next(hidden_in(value), None)  # written as a YAML escape, the bytes were clean
        if hidden:
            raise SourceError(
                path,
                _field_line(front, name),
                f"source metadata field {name!r} holds U+{ord(hidden):04X} {unicodedata.name(hidden, '')}".rstrip()
                + ", which hides or reorders text in the annex and the method page; remove it",
            )
    missing = [name for name in REQUIRED_FIELDS if not header.get(name, "").strip()]
    if missing:
        raise SourceError(path, 1, f"source metadata lacks required field(s): {', '.join(missing)}")
    meta = {key: value.strip() for key, value in header.items()}
    if not VALID_ID.match(meta["id"]):
        raise SourceError(
            path, _field_line(front, "id"), f"source id {meta['id']!r} must be lower-case letters, digits and '-'"
        )
    _check_date(path, front, meta["date"])
    return meta, structured


def _refuse_statement(path: Path, front: str, name: str, value: str) -> None:
    """A field that names the source may not say something about the world: a quotation or an
    amount in it would be published with no check (red team AE: an outlet "The Pentagon
    “never trained Mexican forces” and spent $900 million in 2031" printed in the annex)."""
    amount = next((q for q in quantities(value) if q.unit and q.key not in (YEAR_UNIT, DATE_UNIT)), None)
    if not _QUOTING.search(value) and amount is None:
        return
    held = f"the amount “{amount.text}”" if amount is not None else "quotation marks"
    raise SourceError(
        path,
        _field_line(front, name),
        f"source metadata field {name!r} names the source, and holds {held}, which no check reads against "
        "the text; write the name, place or kind alone, and what the source says in a chapter",
    )


def _check_date(path: Path, front: str, date: str) -> None:
    """``date`` is a real calendar date (YYYY, YYYY-MM or YYYY-MM-DD), or ``unknown``."""
    if date == UNKNOWN_DATE:
        return
    match = _HEADER_DATE.match(date)
    try:
        if match is None:
            raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
        datetime.date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
    except ValueError as exc:
        raise SourceError(
            path,
            _field_line(front, "date"),
            f"source date {date!r} is not a calendar date ({exc}); write YYYY, YYYY-MM, YYYY-MM-DD or {UNKNOWN_DATE!r}",
        ) from None


def _field_line(front: str, name: str) -> int:
    """The file line of a header field (the header starts on line 2)."""
    for number, line in enumerate(front.splitlines(), start=2):
        if line.startswith(f"{name}:"):
            return number
    return 1


def _speaker_names(path: Path, front: str, value: object) -> dict[str, tuple[str, ...]]:
    """``speaker_names``: each speaker maps to the other names that count as naming them."""
    if not isinstance(value, dict) or not all(
        isinstance(v, list) and all(isinstance(a, str) for a in v) for v in value.values()
    ):
        raise SourceError(
            path, _field_line(front, "speaker_names"), "speaker_names must map each speaker to a list of names"
        )
    return {speaker: tuple(aliases) for speaker, aliases in value.items()}


def _refuse_borrowed_names(
    path: Path, front: str, names: dict[str, tuple[str, ...]], reading: speakers.Reading
) -> None:
    """An alias in ``speaker_names`` may not be a name the article gives another speaker,
    one whose name shares no word with the header's: giving Kelly the alias "Shirk"
    published Kelly's words as Shirk's (red team H). Each speaker's own forms are gathered
    once, so the work is linear in the header."""
    owners: dict[str, str] = {}
    found = {name for paragraph in reading.sentences for sentence in paragraph for name in sentence.speakers}
    for speaker in sorted(found):
        kind = speakers.kind_of(speaker, reading.kinds)
        for form in speakers.name_forms(speaker, reading.aliases.get(speaker, ()), kind):
            owners.setdefault(speakers.name_key(form), speaker)
    for speaker, aliases in names.items():
        for alias in aliases:
            owner = owners.get(speakers.name_key(alias))
            # the same speaker under another form ("Gazette" for "newspaper Gazette") shares a word
            if owner is not None and not set(speakers.name_key(owner).split()) & set(
                speakers.name_key(speaker).split()
            ):
                raise SourceError(
                    path,
                    _field_line(front, "speaker_names"),
                    f"speaker_names gives {speaker!r} the name {alias!r}, which names {owner!r} in this source; "
                    "an alias may not be another speaker's name",
                )


def _reading(path: Path, front: str, texts: list[str], corrections: object) -> speakers.Reading:
    """Who speaks in each sentence, after the header's corrections (``attribution``)."""
    if not isinstance(corrections, dict):
        raise SourceError(path, _field_line(front, "attribution"), "attribution must map paragraph numbers to speakers")
    reading = speakers.read_source(texts)
    try:
        corrected = speakers.unify(speakers.correct(reading.sentences, corrections, reading.kinds))
    except speakers.AttributionError as exc:
        raise SourceError(path, _field_line(front, "attribution"), str(exc)) from None
    kinds = {**reading.kinds, **{key(s.voice.name): s.voice.kind for p in corrected for s in p if s.voice.name}}
    return speakers.Reading(corrected, kinds, reading.aliases)


def _blocks(body: str, first_line: int) -> list[tuple[str, int]]:
    """Split the body into (block text, starting line) pairs, keeping text exactly."""
    blocks: list[tuple[str, int]] = []
    position, line = 0, first_line
    for match in _BLOCK_SEPARATOR.finditer(body):
        _append_block(blocks, body[position : match.start()], line)
        line += body[position : match.end()].count("\n")
        position = match.end()
    _append_block(blocks, body[position:], line)
    return blocks


def _append_block(blocks: list[tuple[str, int]], chunk: str, line: int) -> None:
    """Add a block unless it is only white space; leading blank lines shift its line."""
    stripped = chunk.strip()
    if stripped:
        leading = chunk[: len(chunk) - len(chunk.lstrip())].count("\n")
        blocks.append((stripped, line + leading))


def parse_source(path: Path, raw: bytes) -> Source:
    """Parse one source file; raise SourceError naming the line of any problem."""
    front, body, body_line = split_front_matter(path, _decode(path, raw))
    meta, structured = _parse_header(path, front)
    blocks = _blocks(body, body_line)
    if not blocks:
        raise SourceError(path, body_line, "source has no text after its metadata")
    if len(blocks) - 1 > MAX_PARAGRAPHS:
        raise SourceError(
            path,
            blocks[MAX_PARAGRAPHS + 1][1],
            f"source has {len(blocks) - 1:,} paragraphs, more than the {MAX_PARAGRAPHS:,} a source may have; "
            "split it into several sources",
        )
    headline, headline_line = blocks[0]
    if " ".join(headline.split()) != " ".join(meta["title"].split()):
        raise SourceError(path, headline_line, f"first line of the text {headline!r} must equal the title field")
    texts = [" ".join(text.split()) for text, _line in blocks[1:]]
    reading = _reading(path, front, texts, structured.get("attribution", {}))
    paragraphs = tuple(
        Paragraph(meta["id"], number, text, line, tuple(said))
        for number, ((text, line), said) in enumerate(zip(blocks[1:], reading.sentences), start=1)
    )
    names = _speaker_names(path, front, structured.get("speaker_names", {}))
    _refuse_borrowed_names(path, front, names, reading)
    word_weights = weights(sentence.text for paragraph in paragraphs for sentence in paragraph.sentences)
    return Source(
        path,
        meta,
        headline,
        paragraphs,
        names,
        speaker_kinds=reading.kinds,
        speaker_aliases=reading.aliases,
        word_weights=word_weights,
    )


def load_source(path: Path, root: Path | None = None) -> Source:
    """Load and parse a source file (a build parses each once: see :class:`Library`).

    Only a regular file inside ``root`` (by default its own folder) is read, and only
    up to a bound: a symlink to ``/etc/passwd`` or ``/dev/zero``, a hard link (a second
    name for a file outside), or a FIFO, would otherwise publish a secret, exhaust
    memory or hang the build.
    """
    root = root or path.parent
    try:
        info = os.stat(path)
    except OSError as exc:
        raise SourceError(path, 1, f"source cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(path, 1, "source is not a regular file; only plain files are read")
    if not path.resolve().is_relative_to(root.resolve()):
        raise SourceError(
            path, 1, f"source resolves to {path.resolve()}, outside {root}; only files inside it are read"
        )
    if info.st_nlink > 1:
        raise SourceError(
            path,
            1,
            f"source is a hard link ({info.st_nlink} names for one file); another name may stand outside "
            "the book: replace it with a copy (cp --no-preserve=links)",
        )
    if info.st_size > MAX_SOURCE_BYTES:
        raise SourceError(
            path, 1, f"source is {info.st_size:,} bytes, more than the {MAX_SOURCE_BYTES:,} a source may have"
        )
    return parse_source(path, path.read_bytes())


def source_files(directory: Path) -> list[Path]:
    """Every source file, sorted so that builds are reproducible."""
    return sorted(directory.glob("*.md")) if directory.is_dir() else []


@dataclass(frozen=True)
class Library:
    """The sources of one build: every readable source by id, and why the others are not."""

    sources: dict[str, Source]
    errors: tuple[SourceError, ...]
    #: Ids (file names) of the sources in a source folder that was refused whole: they
    #: failed with the folder's one error.
    unread: frozenset[str] = frozenset()

    @property
    def failed_ids(self) -> frozenset[str]:
        """Ids (file names) of sources that failed to load: their error was reported once,
        with its file and line, and every reference to them would only repeat it."""
        return frozenset(error.path.stem for error in self.errors) | self.unread

    def knows(self, source_id: str) -> bool:
        """Whether ``source_id`` is a source of the book, read or failed (its error said once)."""
        return source_id in self.sources or source_id in self.failed_ids


def scan(directory: Path, project: Path | None = None) -> Library:
    """Parse every source file of a folder; a file that cannot be used becomes an error.
    The folder itself must lie inside ``project`` when given: a source folder that is a
    symlink out of the book would read, and publish, files from anywhere. Linear in the
    total size of the files."""
    if project is not None and not directory.resolve().is_relative_to(project.resolve()):
        message = (
            f"the source folder resolves to {directory.resolve()}, outside the book; only sources inside it are read"
        )
        unread = frozenset(path.stem for path in source_files(directory))  # names only: nothing is read
        return Library({}, (SourceError(directory, 1, message),), unread)
    sources: dict[str, Source] = {}
    errors: list[SourceError] = []
    for path in source_files(directory):
        try:
            source = load_source(path, directory)
        except SourceError as exc:
            errors.append(exc)
            continue
        if source.id in sources:
            errors.append(SourceError(path, 2, f"source id {source.id!r} is also used by {sources[source.id].path}"))
            continue
        sources[source.id] = source
    return Library(sources, tuple(errors))
