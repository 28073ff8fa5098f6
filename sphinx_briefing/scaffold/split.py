"""The draft split: the article's news paragraphs in contiguous chapters, cut where its own
vocabulary and its voices change.

No list of a subject's words decides it, so it works on any article. The method, in
the manner of TextTiling (Hearst, 1997), is meant to be read and changed, not trusted
(the book's ``split.toml`` holds its settings and explains it to the user too):

1. **Words and voices.** Each paragraph is the set of its content words (stemmed,
   without function words or the file's ``stop_words``) and of the people and bodies
   that speak in it (each counting ``speaker_weight`` times). A word found in nearly
   every paragraph says little about where a topic changes, so each counts by its
   rarity (inverse document frequency).
2. **Cohesion.** At each gap between two paragraphs, the ``window`` paragraphs before
   it are compared with the ``window`` after it (cosine similarity): a gap inside a
   topic, or inside a quotation that runs on, shares words and voices across it.
3. **Depth.** A gap's depth is how far its cohesion falls below the highest point on
   each side (climbing at most ``climb`` gaps). Gaps deeper than the mean depth less
   ``sensitivity`` standard deviations are candidates.
4. **Lede and nut paragraph.** The first chapter opens with the lede and runs at least
   to the nut paragraph: among the first ``lead_reach`` paragraphs, the one that shares
   most with the whole article. That first chapter ends after the nut paragraph.
5. **Cuts.** The deepest candidates are cut, deepest first, while each chapter keeps at
   least ``min_paragraphs`` paragraphs and the article at most ``max_chapters`` chapters.
6. **Titles.** Each chapter is titled by the words most particular to it: frequent in
   it, rare elsewhere. Titles are drafts for the analyst to rewrite.

The file may also list the chapters themselves (``[[chapter]]`` tables with a
``slug``, a ``title`` and ``paragraphs``); a new book's file lists the chapters as
drafted, so a user edits them there and drafts again in place (``make split``).

Complexity: O(n·w) for n paragraphs of at most w distinct words and voices each
(window sums are kept as running totals, each depth climbs a bounded number of gaps,
and the cuts are taken from a sorted list): near-linear in the article.
"""

from __future__ import annotations

import itertools
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean, pstdev

from ..checks.dates import MONTHS, WEEKDAYS
from ..checks.headings import MAX_HEADING
from ..checks.run import MAX_CITED
from ..text.addressing import AddressError, DefaultSource, parse_address
from ..text.sentences import content_words, fold
from ..text.sources import MAX_PARAGRAPHS, Paragraph

#: File names the scaffold gives its other pages; a chapter may not take one.
RESERVED = frozenset(
    {
        "index",
        "readahead",
        "talking-points",
        "whos-who",
        "timeline",
        "key-figures",
        "glossary",
        "method",
        "coverage",
        "annex",
    }
)
MAX_CHAPTERS = 12
#: The largest split file read: its settings and chapter list take a few kilobytes.
MAX_LEXICON_BYTES = 1024 * 1024
#: The split lists paragraphs of the book's one source, by bare number.
_ONE_SOURCE = DefaultSource("the-source")
_SLUG = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-]){2,}")
DEFAULT_LEXICON = Path(__file__).parent / "templates" / "split.toml"
#: The settings of the method and their defaults (see the module's docstring).
SETTINGS: dict[str, float] = {
    "window": 2,
    "climb": 6,
    "sensitivity": 1.0,
    "min_paragraphs": 2,
    "max_chapters": 8,
    "lead_reach": 4,
    "speaker_weight": 1.0,
    "title_words": 2,
}
_WHOLE = frozenset({"window", "climb", "min_paragraphs", "max_chapters", "lead_reach", "title_words"})
#: The largest value each setting may take: past these the split means nothing (a title of
#: 40 words, a window of the whole article) or the draft fails its own build.
_MOST: dict[str, float] = {
    "window": 50,
    "climb": 100,
    "sensitivity": 100.0,
    "min_paragraphs": 1_000,
    "max_chapters": MAX_CHAPTERS,
    "lead_reach": 100,
    "speaker_weight": 100.0,
    "title_words": 4,
}
#: Where the drafted chapters start in a book's split file: everything after is rewritten.
CHAPTERS_MARK = "# -- The chapters as drafted. Edit them, then run `make split` to draft the book's pages again. --"
LEAD_TITLE = "The story in brief"
#: Words that make poor titles: verbs and adverbs by their endings, numbers, ordinals and times.
#: A month or a weekday in a title is a relative date the book's own check refuses.
_NOT_TITLE = re.compile(r"(?:ed|ing|ly)$")
_NUMBER_WORDS = frozenset(
    "hundred thousand million billion trillion percent dozen first second third fourth fifth last next since "
    "year years month months week weeks day days today yesterday ago later earlier while because however whether".split()
) | {name.lower() for name in (*MONTHS, *WEEKDAYS)}


class LexiconError(Exception):
    """A split file that cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Theme:
    """What a chapter is about: its file name, its title and the words that gave it."""

    slug: str
    title: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Listed:
    """A chapter as the split file lists it."""

    theme: Theme
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Lexicon:
    """A split file: the method's settings, the words it ignores, and any chapters it lists."""

    path: Path
    text: str
    settings: dict[str, float]
    stop_words: frozenset[str] = frozenset()
    chapters: tuple[Listed, ...] = ()

    def setting(self, name: str) -> float:
        return self.settings.get(name, SETTINGS[name])

    def whole(self, name: str) -> int:
        return int(self.setting(name))

    def with_chapters(self, chapters: Sequence[Chapter]) -> Lexicon:
        """The same file with its chapter list replaced by ``chapters``: what a book keeps."""
        head = re.split(rf"^(?:{re.escape(CHAPTERS_MARK)}|\[\[chapter\]\])", self.text, maxsplit=1, flags=re.M)[0]
        head = head.rstrip() + "\n\n" + CHAPTERS_MARK + "\n"
        tables = [
            f'\n[[chapter]]\nslug = "{c.theme.slug}"\ntitle = {_toml_string(c.theme.title)}\nparagraphs = "{compress(c.numbers)}"\n'
            for c in chapters
        ]
        return replace(
            self, text=head + "".join(tables), chapters=tuple(Listed(c.theme, tuple(c.numbers)) for c in chapters)
        )


@dataclass(frozen=True)
class Placement:
    """Where one paragraph went, and why: the cohesion and depth of the gap after it, whether
    a chapter ends there, and the words and voices it shares with its neighbours."""

    number: int
    cohesion: float | None = None
    depth: float | None = None
    cut: bool = False
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chapter:
    theme: Theme
    placements: tuple[Placement, ...]

    @property
    def numbers(self) -> list[int]:
        return [placement.number for placement in self.placements]


def compress(numbers: Iterable[int]) -> str:
    """[1, 2, 3, 5] → "1-3, 5"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- the file ---------------------------------------------------------------------------------


def load_lexicon(path: Path = DEFAULT_LEXICON) -> Lexicon:
    """Read and check a split file: a regular file only (a FIFO there blocked `split` for
    ever, red team I), and no larger than a split file needs."""
    if path.exists() and not path.is_file():
        raise LexiconError(f"{path}: is not a regular file; the split file is a TOML file of the book")
    if path.is_file() and path.stat().st_size > MAX_LEXICON_BYTES:
        raise LexiconError(f"{path}: is over {MAX_LEXICON_BYTES // 1024} KB, more than a split file holds")
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read the split file: {exc}") from None
    except RecursionError:  # red team K: stop_words nested 2,000 arrays deep
        raise LexiconError(f"{path}: cannot read the split file: its values are nested too deep") from None
    method = data.get("method", {})
    if not isinstance(method, dict):
        raise LexiconError(f"{path}: [method] must be a table of settings")
    settings = {name: _setting(path, name, value) for name, value in method.items()}
    stop = data.get("stop_words", [])
    if not isinstance(stop, list) or not all(isinstance(word, str) for word in stop):
        raise LexiconError(f"{path}: stop_words must be a list of words")
    listed = _listed_chapters(path, data.get("chapter", []))
    slugs = [chapter.theme.slug for chapter in listed]
    if len(set(slugs)) != len(slugs):
        raise LexiconError(f"{path}: two chapters share a slug; each becomes its own file")
    return Lexicon(path, text, settings, frozenset(stem for word in stop for stem in content_words(word)), listed)


def _setting(path: Path, name: str, value: object) -> float:
    if name not in SETTINGS:
        raise LexiconError(f"{path}: [method] has no setting {name!r}; the settings are {', '.join(SETTINGS)}")
    whole = name in _WHOLE
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value <= _MOST[name]  # false for nan; inf is past every bound
        or (whole and (not isinstance(value, int) or value < 1))
    ):
        kind = "a whole number from 1" if whole else "a number from 0"
        raise LexiconError(f"{path}: {name} must be {kind} to {_MOST[name]:g}, not {value!r}")
    return float(value)


def _listed_chapters(path: Path, entries: object) -> tuple[Listed, ...]:
    """The chapters the file lists. Their paragraphs are counted before any range is
    expanded, and together may name no more than a source holds: red team J's 230 KB of
    long overlapping ranges expanded to 80 million numbers (3.7 GB) before any check."""
    if not isinstance(entries, list):
        raise LexiconError(f"{path}: chapter must be a list of [[chapter]] tables")
    if len(entries) > MAX_CHAPTERS:
        raise LexiconError(f"{path}: at most {MAX_CHAPTERS} chapters, not {len(entries)}")
    listed: list[Listed] = []
    owner: dict[int, int] = {}
    for index, entry in enumerate(entries, start=1):
        chapter = _listed(path, index, entry, MAX_PARAGRAPHS - sum(len(chapter.numbers) for chapter in listed))
        _claim(path, listed, chapter, index, owner)
        listed.append(chapter)
    return tuple(listed)


def _claim(path: Path, listed: list[Listed], chapter: Listed, index: int, owner: dict[int, int]) -> None:
    """Record ``chapter``'s paragraphs in ``owner`` (paragraph → chapter), refusing one that a
    chapter already names: a paragraph belongs to one chapter, and one named again was moved
    or dropped without a word (red team AE: chapters "1-5" and "3-8" left the first with 1-2)."""
    where = f"{path}: chapter {index} ({chapter.theme.slug!r}) names"
    mine: set[int] = set()
    for number in chapter.numbers:
        if number in mine:
            raise LexiconError(f"{where} ¶{number} twice")
        if number in owner:
            first = owner[number]
            raise LexiconError(
                f"{where} ¶{number}, which chapter {first} ({listed[first - 1].theme.slug!r}) names too; "
                "each paragraph belongs to one chapter"
            )
        mine.add(number)
    owner.update(dict.fromkeys(mine, index))


def _listed(path: Path, index: int, entry: object, room: int) -> Listed:
    """One chapter of the file, which may name at most ``room`` paragraphs."""
    where = f"{path}: chapter {index}"
    if not isinstance(entry, dict):
        raise LexiconError(f"{where} must be a [[chapter]] table")
    slug, title, paragraphs = entry.get("slug"), entry.get("title"), entry.get("paragraphs")
    if not isinstance(slug, str) or not _SLUG.match(slug) or slug in RESERVED:
        raise LexiconError(
            f"{where}: slug {slug!r} must be lower-case letters, digits and '-', and not one of {', '.join(sorted(RESERVED))}"
        )
    if not isinstance(title, str) or not title.strip():
        raise LexiconError(f"{where}: needs a title")
    if len(" ".join(title.split())) > MAX_HEADING:
        raise LexiconError(
            f"{where}: its title is {len(' '.join(title.split())):,} characters; a title heads its page, the sidebar and the printed "
            f"running head, so it has at most {MAX_HEADING}"
        )
    try:
        spans = parse_address(str(paragraphs), _ONE_SOURCE)
    except AddressError:
        spans = []
    if not isinstance(paragraphs, str) or not spans or any(span.source_id != _ONE_SOURCE.id for span in spans):
        raise LexiconError(f'{where}: paragraphs must be an address such as "3-5, 8"')
    count = sum(span.last - span.first + 1 for span in spans)
    if count > room:
        raise LexiconError(
            f"{where}: paragraphs names {count:,} paragraphs, more than are left of the {MAX_PARAGRAPHS:,} a "
            "source may have (each paragraph belongs to one chapter)"
        )
    numbers = tuple(number for span in spans for number in range(span.first, span.last + 1))
    return Listed(Theme(slug, " ".join(title.split())), numbers)


# -- the split --------------------------------------------------------------------------------


def split(paragraphs: Sequence[Paragraph], lexicon: Lexicon) -> list[Chapter]:
    """Draft chapters for the news paragraphs, in reading order: the file's own chapters when
    it lists them (paragraphs it does not list are kept with the one before), else the method's."""
    if not paragraphs:
        return []
    if lexicon.chapters:
        return _as_listed(paragraphs, lexicon)
    bags = [_bag(paragraph, lexicon) for paragraph in paragraphs]
    weights = _rarity(bags)
    cohesion = _cohesion(bags, weights, lexicon.whole("window"))
    depth = _depths(cohesion, lexicon.whole("climb"))
    nut = _nut(bags, weights, lexicon.whole("lead_reach"))
    cuts = _within_size(_cuts(depth, nut, len(paragraphs), lexicon), [len(p.text) for p in paragraphs], depth)
    return _chapters(paragraphs, bags, weights, cohesion, depth, cuts, nut, lexicon)


def _bag(paragraph: Paragraph, lexicon: Lexicon) -> Counter[str]:
    """A paragraph's content words, and its voices (weighted), as one bag."""
    bag: Counter[str] = Counter(
        word for word in content_words(paragraph.display_text) if word not in lexicon.stop_words
    )
    for speaker in paragraph.speakers:
        bag["@" + fold(speaker)] += lexicon.setting("speaker_weight")
    return bag


def _rarity(bags: list[Counter[str]]) -> dict[str, float]:
    """How telling each word is: log(n / number of paragraphs that hold it)."""
    counts = Counter(word for bag in bags for word in bag)
    return {word: math.log((len(bags) + 1) / count) for word, count in counts.items()}


def _cohesion(bags: list[Counter[str]], weights: dict[str, float], window: int) -> list[float]:
    """Cosine similarity of the ``window`` paragraphs before and after each gap, kept as running sums."""
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for bag in bags[:window]:
        right.update(bag)
    result = []
    for gap in range(len(bags) - 1):
        left.update(bags[gap])
        if gap - window >= 0:
            left -= bags[gap - window]  # drops words that leave the window: each sum stays window-sized
        right -= bags[gap]
        if gap + window < len(bags):
            right.update(bags[gap + window])
        result.append(_cosine(left, right, weights))
    return result


def _cosine(a: Counter[str], b: Counter[str], weights: dict[str, float]) -> float:
    dot = sum(count * b[word] * weights[word] ** 2 for word, count in a.items() if word in b)
    norm_a = math.sqrt(sum((count * weights[word]) ** 2 for word, count in a.items()))
    norm_b = math.sqrt(sum((count * weights[word]) ** 2 for word, count in b.items()))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def _depths(cohesion: list[float], climb: int) -> list[float]:
    """How far each gap's cohesion falls below the highest point within ``climb`` gaps on each side."""
    depths = []
    for gap, value in enumerate(cohesion):
        left = max(cohesion[max(0, gap - climb) : gap + 1])
        right = max(cohesion[gap : gap + climb + 1])
        depths.append((left - value) + (right - value))
    return depths


def _nut(bags: list[Counter[str]], weights: dict[str, float], reach: int) -> int:
    """The index of the nut paragraph: of the first ``reach``, the one closest to the whole article."""
    whole: Counter[str] = Counter()
    for bag in bags:
        whole.update(bag)
    candidates = range(min(reach, len(bags)))
    return max(candidates, key=lambda index: (_cosine(bags[index], whole - bags[index], weights), -index))


def _cuts(depth: list[float], nut: int, count: int, lexicon: Lexicon) -> list[int]:
    """The gaps to cut after (gap i lies after paragraph i), deepest first, within the bounds."""
    minimum, most = max(lexicon.whole("min_paragraphs"), 1), lexicon.whole("max_chapters")
    if count < 2 * minimum or most < 2:
        return []
    cutoff = mean(depth) - lexicon.setting("sensitivity") * pstdev(depth) if depth else 0.0
    cuts = [nut] if minimum - 1 <= nut < count - minimum else []
    order = sorted(range(len(depth)), key=lambda gap: (-depth[gap], gap))
    for gap in order:
        if len(cuts) + 1 >= most or depth[gap] <= max(cutoff, 0.0):
            break
        if gap < nut or not _room(sorted([*cuts, gap]), count, minimum):
            continue
        cuts.append(gap)
    return sorted(set(cuts))


#: The most source text a drafted chapter places, in characters: half of what one passage may
#: cite (:data:`..checks.run.MAX_CITED`), since a chapter's heading rests on all of it and the
#: analyst's own passages cite it again. A 1,990-paragraph article drafted chapters of 148,000
#: characters, which the build refused, and ``make new`` failed as "a scaffold bug" (red team AB).
MAX_CHAPTER_TEXT = MAX_CITED // 2


def _within_size(cuts: list[int], sizes: list[int], depth: list[float]) -> list[int]:
    """``cuts``, with more wherever a chapter would place more than :data:`MAX_CHAPTER_TEXT`
    characters: at the deepest gap that leaves the first part within the bound (or after the
    paragraph that fills it); a paragraph longer than the bound is a chapter of its own."""
    bounded: list[int] = []
    for first, last in itertools.pairwise([-1, *cuts, len(sizes) - 1]):
        start = first + 1
        while start < last and sum(sizes[start : last + 1]) > MAX_CHAPTER_TEXT:
            reach, held = start, sizes[start]
            while reach + 1 < last and held + sizes[reach + 1] <= MAX_CHAPTER_TEXT:
                reach += 1
                held += sizes[reach]
            gap = max(range(start, reach + 1), key=lambda gap: (depth[gap], gap))
            bounded.append(gap)
            start = gap + 1
        if last < len(sizes) - 1:
            bounded.append(last)
    return bounded


def _room(cuts: list[int], count: int, minimum: int) -> bool:
    """Every chapter the cuts make keeps at least ``minimum`` paragraphs."""
    edges = [-1, *cuts, count - 1]
    return all(later - earlier >= minimum for earlier, later in itertools.pairwise(edges))


def _chapters(
    paragraphs: Sequence[Paragraph],
    bags: list[Counter[str]],
    weights: dict[str, float],
    cohesion: list[float],
    depth: list[float],
    cuts: list[int],
    nut: int,
    lexicon: Lexicon,
) -> list[Chapter]:
    edges = [-1, *cuts, len(paragraphs) - 1]
    taken: set[str] = set()
    chapters = []
    for first, last in itertools.pairwise(edges):
        members = range(first + 1, last + 1)
        placements = tuple(
            Placement(
                paragraphs[i].number,
                cohesion[i] if i < len(cohesion) else None,
                depth[i] if i < len(depth) else None,
                i in cuts,
                _shared(bags, i) if i < len(cohesion) else (),
            )
            for i in members
        )
        lead = first == -1 and last == nut and len(edges) > 2
        theme = _theme(paragraphs, bags, weights, members, taken, lexicon.whole("title_words"), lead)
        chapters.append(Chapter(theme, placements))
    return chapters


def _shared(bags: list[Counter[str]], gap: int) -> tuple[str, ...]:
    """The words and voices paragraph ``gap`` shares with the next one."""
    return tuple(sorted(word for word in bags[gap] if word in bags[gap + 1]))[:6]


def _theme(
    paragraphs: Sequence[Paragraph],
    bags: list[Counter[str]],
    weights: dict[str, float],
    members: range,
    taken: set[str],
    words: int,
    lead: bool,
) -> Theme:
    """A chapter's title from the words most particular to it, as the article writes them."""
    inside: Counter[str] = Counter()
    for index in members:
        inside.update(word for word in bags[index] if not word.startswith("@"))
    surface = _surface_forms(paragraphs, members, list(inside))
    fit = [
        word for word in inside if not _NOT_TITLE.search(surface[word]) and surface[word].lower() not in _NUMBER_WORDS
    ]
    # A word several of the chapter's paragraphs share names its topic better than one
    # paragraph's rare word: the score grows with the square of the paragraphs that hold it.
    held = Counter(word for index in members for word in bags[index])
    ranked = sorted(fit or inside, key=lambda word: (-(held[word] ** 2) * weights[word], word))
    chosen = ranked[: max(words, 1)]
    words_of_title = " and ".join(surface[word] for word in chosen) or "chapter"
    title = LEAD_TITLE if lead else words_of_title[:1].upper() + words_of_title[1:]
    base = _slugify(title) or "chapter"
    slug, count = base, 1
    while slug in taken or slug in RESERVED:
        count += 1
        slug = f"{base}-{count}"
    taken.add(slug)
    return Theme(slug, title, tuple(chosen))


def _surface_forms(paragraphs: Sequence[Paragraph], members: range, stems: list[str]) -> dict[str, str]:
    """The word as the chapter writes it most often for each stem ("negotiat" → "negotiations")."""
    seen: dict[str, Counter[str]] = {stem: Counter() for stem in stems}
    for index in members:
        for word in _WORD.findall(paragraphs[index].display_text):
            for stem in content_words(word) & seen.keys():
                form = re.sub(r"['’]s?$", "", word)
                seen[stem][form] += 1
    return {stem: _as_in_prose(forms) if forms else stem for stem, forms in seen.items()}


def _as_in_prose(forms: Counter[str]) -> str:
    """The commonest form of a word, in lower case unless the article always capitalises it
    (a name: "Sudmark"), as it would stand inside a sentence."""
    word = max(forms, key=lambda form: (forms[form], form.islower()))
    if word.isupper() or all(form[:1].isupper() for form in forms):
        return word
    return word.lower()


def _slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")[:40].strip("-")
    return slug if _SLUG.match(slug) else ""


def _as_listed(paragraphs: Sequence[Paragraph], lexicon: Lexicon) -> list[Chapter]:
    """The file's chapters, in the order of their first paragraph; a news paragraph the file
    does not list joins the chapter before it (or the first one), so every paragraph has a home."""
    home = {number: chapter for chapter in lexicon.chapters for number in chapter.numbers}
    first = lexicon.chapters[0]
    members: dict[Listed, list[int]] = {chapter: [] for chapter in lexicon.chapters}
    current = first
    for paragraph in paragraphs:
        current = home.get(paragraph.number, current)
        members[current].append(paragraph.number)
    ordered = sorted(
        (chapter for chapter in lexicon.chapters if members[chapter]), key=lambda chapter: members[chapter][0]
    )
    return [Chapter(chapter.theme, tuple(Placement(number) for number in members[chapter])) for chapter in ordered]


def report(chapters: list[Chapter]) -> str:
    """Which paragraph went where, and why, as a plain-text table for the method page: the
    cohesion of the gap after it, its depth, whether a chapter ends there, and the words and
    voices it shares with the next paragraph."""
    lines = [f"{'¶':>4}  {'chapter':<24}{'cohesion':>9}{'depth':>7}  {'cut':<4}shared with the next"]
    for chapter in chapters:
        for p in chapter.placements:
            cohesion = f"{p.cohesion:.2f}" if p.cohesion is not None else "-"
            depth = f"{p.depth:.2f}" if p.depth is not None else "-"
            shared = ", ".join(word.lstrip("@") for word in p.shared) or "-"
            lines.append(
                f"{p.number:>4}  {chapter.theme.slug[:23]:<24}{cohesion:>9}{depth:>7}  {'yes' if p.cut else '':<4}{shared}"
            )
    return "\n".join(lines)
