"""The draft split: every paragraph in one draft chapter, by keyword lexicons the user can edit.

The method is meant to be read and changed, not trusted (the lexicon file, copied
into the new book as ``split.toml``, explains it to the user too):

1. A paragraph scores one point per occurrence of each keyword of a theme.
2. The article is cut into contiguous chapters in reading order, at most one per
   theme, each at least ``min_paragraphs`` long (or the whole article, if shorter).
3. Of all such cuts, the one with the most points wins; each chapter after the
   first costs ``chapter_cost`` points. Ties go to the theme listed first.

The search is a dynamic programme over (paragraph, themes used, current theme,
length of the current run, capped at ``min_paragraphs``): linear in the number of
paragraphs, and at most 2**8 theme sets, since a lexicon has at most 8 themes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..text.sentences import fold

#: File names the scaffold gives its other pages; a chapter may not take one.
RESERVED = frozenset(
    {"index", "readahead", "talking-points", "whos-who", "timeline", "key-figures", "glossary", "method", "coverage", "annex"}
)
MAX_THEMES = 8
_SLUG = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
DEFAULT_LEXICON = Path(__file__).parent / "templates" / "split.toml"


class LexiconError(Exception):
    """A lexicon file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    path: Path
    text: str
    themes: tuple[Theme, ...]
    chapter_cost: int
    min_paragraphs: int


@dataclass(frozen=True)
class Placement:
    """Where one paragraph went, and why: the keywords of its chapter's theme it contains,
    and the theme it would have scored best for alone."""

    number: int
    theme: Theme
    matched: tuple[str, ...]
    points: int
    best_alone: Theme
    best_points: int


@dataclass(frozen=True)
class Chapter:
    theme: Theme
    placements: tuple[Placement, ...]

    @property
    def numbers(self) -> list[int]:
        return [placement.number for placement in self.placements]


def load_lexicon(path: Path = DEFAULT_LEXICON) -> Lexicon:
    """Read and check a lexicon file."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read the lexicon: {exc}") from None
    themes = tuple(_theme(path, index, entry) for index, entry in enumerate(data.get("theme", []), start=1))
    if not 1 <= len(themes) <= MAX_THEMES:
        raise LexiconError(f"{path}: a lexicon needs 1 to {MAX_THEMES} [[theme]] tables, not {len(themes)}")
    slugs = [theme.slug for theme in themes]
    if len(set(slugs)) != len(slugs):
        raise LexiconError(f"{path}: two themes share a slug; each becomes its own file")
    return Lexicon(path, text, themes, _whole(path, data, "chapter_cost", 1), max(_whole(path, data, "min_paragraphs", 3), 1))


def _whole(path: Path, data: dict[str, object], name: str, default: int) -> int:
    value = data.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise LexiconError(f"{path}: {name} must be a whole number of at least 0")
    return value


def _theme(path: Path, index: int, entry: object) -> Theme:
    where = f"{path}: theme {index}"
    if not isinstance(entry, dict):
        raise LexiconError(f"{where} must be a [[theme]] table")
    slug, title, keywords = entry.get("slug"), entry.get("title"), entry.get("keywords")
    if not isinstance(slug, str) or not _SLUG.match(slug) or slug in RESERVED:
        raise LexiconError(f"{where}: slug {slug!r} must be lower-case letters, digits and '-', and not one of {', '.join(sorted(RESERVED))}")
    if not isinstance(title, str) or not title.strip():
        raise LexiconError(f"{where}: needs a title")
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
        raise LexiconError(f"{where}: keywords must be a list of words or phrases")
    return Theme(slug, " ".join(title.split()), tuple(" ".join(k.split()) for k in keywords))


def _pattern(keyword: str) -> re.Pattern[str]:
    """A keyword as a whole-word pattern on folded text; a trailing * takes any ending."""
    stem = fold(keyword).rstrip("*")
    body = r"\s+".join(re.escape(word) for word in stem.split())
    ending = r"\w*" if keyword.endswith("*") else ""
    return re.compile(rf"(?<!\w){body}{ending}(?!\w)")


def matches(theme: Theme, text: str) -> tuple[tuple[str, ...], int]:
    """The keywords of ``theme`` found in ``text``, and the points they give."""
    folded = fold(text)
    found = [(keyword, len(_pattern(keyword).findall(folded))) for keyword in theme.keywords]
    return tuple(keyword for keyword, count in found if count), sum(count for _keyword, count in found)


def split(paragraphs: list[tuple[int, str]], lexicon: Lexicon) -> list[Chapter]:
    """Draft chapters for the numbered paragraphs to place, in reading order."""
    if not paragraphs:
        return []
    themes = lexicon.themes
    scores = [[matches(theme, text) for theme in themes] for _number, text in paragraphs]
    choice = _best_cut([[points for _kw, points in row] for row in scores], lexicon)
    chapters: list[Chapter] = []
    for (number, _text), row, theme_index in zip(paragraphs, scores, choice):
        best = max(range(len(themes)), key=lambda t: (row[t][1], -t))
        placement = Placement(number, themes[theme_index], row[theme_index][0], row[theme_index][1], themes[best], row[best][1])
        if chapters and chapters[-1].theme == themes[theme_index]:
            chapters[-1] = Chapter(chapters[-1].theme, (*chapters[-1].placements, placement))
        else:
            chapters.append(Chapter(themes[theme_index], (placement,)))
    return chapters


State = tuple[int, int, int]  # (themes used as a bit mask, current theme, run length capped)


def _best_cut(points: list[list[int]], lexicon: Lexicon) -> list[int]:
    """The theme of each paragraph in the best cut (see the module's docstring)."""
    count, minimum = len(points), min(lexicon.min_paragraphs, len(points))
    layers: list[dict[State, tuple[int, State | None]]] = [
        {(1 << t, t, 1): (points[0][t], None) for t in range(len(lexicon.themes))}
    ]
    for row in points[1:]:
        layer: dict[State, tuple[int, State | None]] = {}
        for state, (value, _parent) in layers[-1].items():
            mask, theme, run = state
            _offer(layer, (mask, theme, min(run + 1, minimum)), value + row[theme], state)
            if run < minimum:
                continue
            for other in range(len(lexicon.themes)):
                if not mask >> other & 1:
                    _offer(layer, (mask | 1 << other, other, 1), value + row[other] - lexicon.chapter_cost, state)
        layers.append(layer)
    finals = [(value, state) for state, (value, _p) in layers[-1].items() if state[2] >= minimum]
    state: State | None = max(finals, key=lambda item: item[0])[1]
    chosen = []
    for layer in reversed(layers):
        assert state is not None
        chosen.append(state[1])
        state = layer[state][1]
    assert len(chosen) == count
    return chosen[::-1]


def _offer(layer: dict[State, tuple[int, State | None]], state: State, value: int, parent: State) -> None:
    """Keep the better way to reach ``state``; the first one found wins a tie."""
    if state not in layer or value > layer[state][0]:
        layer[state] = (value, parent)


def report(chapters: list[Chapter]) -> str:
    """Which paragraph went where and why, as a plain-text table for the method page:
    its chapter, the points it scored there, the theme it scores best for on its own,
    and the keywords of its chapter's theme that it contains."""
    lines = [f"{'¶':>3}  {'chapter':<14}{'points':>6}  {'best alone':<16}keywords found"]
    for chapter in chapters:
        for p in chapter.placements:
            alone = f"{p.best_alone.slug} ({p.best_points})" if p.best_points else "-"
            found = ", ".join(p.matched) or "none (kept with its neighbours)"
            lines.append(f"{p.number:>3}  {chapter.theme.slug:<14}{p.points:>6}  {alone:<16}{found}")
    return "\n".join(lines)
