"""Scoring a speaker model and a sentence splitter against hand-labelled articles.

The answers are the corpus's ``expected.yaml`` files (schema: ``tests/corpus/README.md``) and,
for this book's own article, ``tests/fixtures/mexico-military-trust.expected.yaml``. Each
expected sentence is found by its opening words; the model's sentence that holds that
position gives the model's answer for it.

- **Speakers**, per sentence with a voice other than the reporter's: a hit is the right kind
  and the right speaker (the expected name or one of its ``also``, compared without case,
  accents, a leading "the" or the difference between straight and curly apostrophes).
  Precision counts every sentence the model gives a non-reporter voice; recall every
  sentence the answer does. Reporter sentences must come out as the reporter's: their
  share is given too.
- **Sentence boundaries**: the start of every sentence but a paragraph's first; precision
  and recall of the starts the splitter finds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TESTS = Path(__file__).parent
CORPUS = TESTS / "corpus"
THIS_BOOK_ANSWER = TESTS / "fixtures" / "mexico-military-trust.expected.yaml"
THIS_BOOK_SOURCE = TESTS.parent / "source" / "mexico-military-trust.md"
REPORTER = "reporter"
_LISTS = {"person": "people", "anonymous": "anonymous", "institution": "institutions"}


@dataclass(frozen=True)
class Voice:
    """Who speaks in one sentence: a kind, and a name unless it is the reporter."""

    kind: str
    name: str = ""


#: A speaker model: paragraphs → for each, (start offset, voice) of every sentence it finds.
Model = Callable[[list[str]], list[list[tuple[int, Voice]]]]
#: A sentence splitter: a paragraph → the start offset of every sentence.
Splitter = Callable[[str], list[int]]


@dataclass
class Article:
    """One labelled article: its paragraphs (white space flattened) and the answer."""

    name: str
    paragraphs: list[str]
    answer: dict[str, Any]

    def expected(self) -> list[list[tuple[int, Voice]]]:
        """(start offset, voice) of every labelled sentence, per paragraph."""
        result = []
        for para, text in zip(self.answer["paragraphs"], self.paragraphs, strict=True):
            found, position = [], 0
            for sentence in para["sentences"]:
                start = text.index(" ".join(sentence["starts"].split()), position)
                found.append((start, Voice(sentence["voice"], sentence.get("speaker", ""))))
                position = start + 1
            result.append(found)
        return result

    def spellings(self, voice: Voice) -> set[str]:
        """Every accepted spelling of an expected speaker, normalised."""
        names = {voice.name}
        for entry in self.answer.get(_LISTS.get(voice.kind, ""), None) or []:
            if entry["name"] == voice.name:
                names.update(entry.get("also", []))
        return {normal(name) for name in names}


def normal(name: str) -> str:
    """A name compared loosely: no case, accents, leading "the", or apostrophe style."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return re.sub(r"^the\s+", "", " ".join(plain.split()))


def _blocks(text: str) -> list[str]:
    return [" ".join(block.split()) for block in re.split(r"\n[ \t]*\n", text.strip("\n")) if block.strip()]


def corpus_articles() -> list[Article]:
    """The corpus's articles, each with its answer."""
    articles = []
    for answer_path in sorted(CORPUS.glob("*/expected.yaml")):
        blocks = _blocks((answer_path.parent / "article.txt").read_text(encoding="utf-8"))
        articles.append(
            Article(answer_path.parent.name, blocks[1:], yaml.safe_load(answer_path.read_text(encoding="utf-8")))
        )
    return articles


def this_book_article() -> Article:
    """This book's own article, without its header, with the answer written for it."""
    text = THIS_BOOK_SOURCE.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    answer = yaml.safe_load(THIS_BOOK_ANSWER.read_text(encoding="utf-8"))
    return Article("mexico-military-trust (this book)", _blocks(body)[1:], answer)


@dataclass
class Score:
    """Hits, and the counts precision and recall are taken over."""

    hits: int = 0
    found: int = 0
    expected: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        self.hits += other.hits
        self.found += other.found
        self.expected += other.expected
        for key, value in other.extra.items():
            self.extra[key] = self.extra.get(key, 0) + value


def _at(position: int, sentences: Sequence[tuple[int, Voice]]) -> Voice:
    """The voice of the model's sentence that holds ``position``."""
    voice = Voice(REPORTER)
    for start, candidate in sentences:
        if start > position:
            break
        voice = candidate
    return voice


def score_speakers(article: Article, model: Model, *, kinds: bool = True) -> Score:
    """Precision and recall of non-reporter voices; ``extra`` counts reporter sentences kept."""
    score = Score(extra={"reporter": 0, "reporter kept": 0})
    found = model(article.paragraphs)
    for expected, predicted in zip(article.expected(), found, strict=True):
        for start, want in expected:
            got = _at(start, predicted)
            if want.kind == REPORTER:
                score.extra["reporter"] += 1
                score.extra["reporter kept"] += got.kind == REPORTER
            else:
                score.expected += 1
            if got.kind != REPORTER:
                score.found += 1
                right_kind = got.kind == want.kind or not kinds
                score.hits += want.kind != REPORTER and right_kind and normal(got.name) in article.spellings(want)
    return score


def score_boundaries(article: Article, splitter: Splitter) -> Score:
    """Precision and recall of the sentence starts inside paragraphs."""
    score = Score()
    for expected, text in zip(article.expected(), article.paragraphs, strict=True):
        want = {start for start, _voice in expected} - {0}
        got = set(splitter(text)) - {0}
        score.hits += len(want & got)
        score.found += len(got)
        score.expected += len(want)
    return score


def table(rows: list[tuple[str, Score]]) -> str:
    """Rows of scores as a plain table, one line each."""
    lines = [f"{'':58} {'P':>6} {'R':>6}  hits/found/expected"]
    for label, score in rows:
        extra = "".join(f"  {key} {value}" for key, value in score.extra.items())
        lines.append(
            f"{label:58} {score.precision:6.1%} {score.recall:6.1%}  {score.hits}/{score.found}/{score.expected}{extra}"
        )
    return "\n".join(lines)
