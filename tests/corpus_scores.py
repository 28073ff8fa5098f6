"""Scores of the drafting against the hand-labelled corpus (``tests/corpus``): quantities,
parts that are not news, people, terms, figures and the split, as precision and recall.

Each score compares plain tuples, so the same functions measure any parser: this
toolkit's, an earlier version's, or a library's (``quantulum3``, NLTK's TextTiling), once
its answers are put in the same form. What counts as a match is stated with each score.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import yaml

CORPUS = Path(__file__).parent / "corpus"
#: A quantity as compared: paragraph, low, high, unit (folded), hedged, retracted.
Found = tuple[int, Fraction | None, Fraction | None, str, bool, bool]


@dataclass(frozen=True)
class Score:
    """Precision and recall from counts: what was found, what was expected, what matched."""

    found: int
    expected: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def __str__(self) -> str:
        return f"P {self.precision:.2f} R {self.recall:.2f} ({self.matched}/{self.found} found, {self.matched}/{self.expected} expected)"


def articles() -> list[Path]:
    return sorted(path for path in CORPUS.iterdir() if (path / "expected.yaml").is_file())


def expected(article: Path) -> dict:
    return yaml.safe_load((article / "expected.yaml").read_text(encoding="utf-8"))


def value(raw: object) -> Fraction:
    """A corpus value as a number: 1150000000, "1/3", or a date "--01-05" as month × 100 + day."""
    text = str(raw)
    if text.startswith("--"):
        month, day = text[2:].split("-")
        return Fraction(int(month) * 100 + int(day))
    return Fraction(text)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().replace("’", "'").split())


def matched(found: Iterable[tuple], wanted: Iterable[tuple]) -> int:
    """How many of ``wanted`` are in ``found``, each found item used once."""
    left = Counter(found)
    count = 0
    for item in wanted:
        if left[item] > 0:
            left[item] -= 1
            count += 1
    return count


def score(found: Sequence[tuple], wanted: Sequence[tuple]) -> Score:
    return Score(len(found), len(wanted), matched(found, wanted))


def expected_quantities(data: dict, unit_key) -> list[Found]:
    """Every quantity the corpus gives, in the compared form."""
    return [
        (p["n"], value(q["low"]), value(q["high"]), unit_key(q["unit"]), bool(q["approx"]), bool(q["retracted"]))
        for p in data["paragraphs"]
        for q in p.get("quantities") or []
    ]


def kinds(data: dict) -> list[tuple[int, str]]:
    """(paragraph, kind) of every paragraph that is not news."""
    return [(p["n"], p["kind"]) for p in data["paragraphs"] if p["kind"] != "news"]


def topics(data: dict) -> dict[int, str]:
    return {p["n"]: p["topic"] for p in data["paragraphs"] if p["kind"] == "news"}


def split_scores(chapters: Sequence[Sequence[int]], labels: dict[int, str]) -> tuple[float, float, Score, Score]:
    """(mean purity, lowest purity, boundaries exactly, boundaries within one paragraph).

    A chapter's purity is the share of its news paragraphs that carry its commonest topic
    label; a boundary is the first news paragraph of a new chapter, compared with the first
    of each new run of one topic."""
    purities = []
    for chapter in chapters:
        tags = [labels[n] for n in chapter if n in labels]
        if tags:
            purities.append(Counter(tags).most_common(1)[0][1] / len(tags))
    order = [n for chapter in chapters for n in chapter if n in labels]
    true = {n for before, n in itertools.pairwise(order) if labels[before] != labels[n]}
    cut = {chapter[0] for chapter in chapters[1:] if chapter}
    position = {n: i for i, n in enumerate(order)}
    free = set(cut)
    close = 0
    for boundary in sorted(true):
        hit = next((c for c in sorted(free) if abs(position[c] - position[boundary]) <= 1), None)
        if hit is not None:
            free.discard(hit)
            close += 1
    exact = Score(len(cut), len(true), len(cut & true))
    return sum(purities) / len(purities), min(purities), exact, Score(len(cut), len(true), close)


def pk(chapters: Sequence[Sequence[int]], labels: dict[int, str]) -> float:
    """Beeferman's Pk: how often two news paragraphs k apart (k half the mean length of a run of
    one topic) are wrongly judged to be in the same chapter or in different ones; 0 is perfect."""
    order = [n for chapter in chapters for n in chapter if n in labels]
    chapter_of = {n: index for index, chapter in enumerate(chapters) for n in chapter}
    runs = 1 + sum(1 for a, b in itertools.pairwise(order) if labels[a] != labels[b])
    k = max(1, round(len(order) / runs / 2))
    pairs = list(zip(order, order[k:]))
    wrong = sum((labels[a] == labels[b]) != (chapter_of[a] == chapter_of[b]) for a, b in pairs)
    return wrong / len(pairs) if pairs else 0.0


def same_name(a: str, b: str) -> bool:
    """ "Reyes" and "Tomas Reyes" are one person; the folded last words agree and one contains the other."""
    x, y = fold(a), fold(b)
    return x == y or x.endswith(" " + y) or y.endswith(" " + x)


def role_matches(drafted: str, wanted: str) -> bool:
    """A role matches when every content word of the corpus's role is in the drafted one, or the
    reverse (the corpus writes "president of Local 402", a draft may write "President")."""

    def words(text):
        return {w for w in re.findall(r"[a-z0-9']+", fold(text)) if w not in {"a", "an", "the", "of", "at", "s"}}

    a, b = words(drafted), words(wanted)
    return bool(a and b) and (a <= b or b <= a)


def term_key(term: str) -> str:
    return re.sub(r"^the\s+", "", fold(term))
