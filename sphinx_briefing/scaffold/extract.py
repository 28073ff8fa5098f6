"""Draft records from the article's text, each citing the paragraph it comes from.

Every record is built so that the extension's own checks can verify it at once,
and its wording is minimal: the source's words appear only as values or as
quotations (verbatim, with the speaker named in the record), everything else is
a short neutral phrase that names the paragraph.

- **People**: everyone the parser finds speaking ("said X", "X said", after the
  header's corrections) whose name is a person's (two to four capitalised words;
  a surname alone is completed from the text). Their role comes from an apposition
  ("X, a professor at ...", "the mayor, X,"), their affiliation from "X of the ...".
  The record cites every paragraph where they speak and quotes one of their
  quotations (a short, self-contained one).
- **Key figures**: money amounts, percentages and counts (a number followed, within
  four words, by a plural noun), written exactly as in the paragraph. Years and
  spans relative to the present ("Thirteen years later") are not figures.
- **Events**: one per explicit year (or "from 2010 to 2015" range) per paragraph,
  with the clause that holds it quoted.
- **Glossary terms**: acronyms defined in parentheses ("Joint Harbor Security Office
  (JHSO)"), names introduced by "known as", and acronyms used without expansion.

Whenever the words a record rests on are someone's (the sentence's speaker), the
record names them. Limits: English news style; a number written in words is a
count only when a plural noun follows it; the checks, not this module, have the
last word (see :mod:`.verify`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..text.addressing import MAX_ID
from ..text.quantities import CURRENCY_KEYS, DATE_UNIT, PERCENT_UNITS, YEAR_UNIT, Quantity, quantities, unit_key
from ..text.quotemarks import find
from ..text.sources import Paragraph, Source
from ..text.speakers import Sentence
from .article import dateline
from .article import source_id as slug
from .dating import YEAR
from .voices import people_in, person_name, same_person

#: The role of a speaker the text gives no apposition for; the analyst writes it.
NO_ROLE = "Speaks in the article"
MAX_QUOTE_WORDS = 40
MIN_QUOTE_WORDS = 4
#: How far after a number its noun may stand ("seven Mexican army senior generals").
NOUN_REACH = 4
_IRREGULAR_PLURALS = frozenset("people men women children police staff personnel troops cattle".split())
_NOT_NOUNS = frozenset("of the a an and or to in on at by for from with than that who which as is was were are".split())
#: A span of time counted from another moment, not a figure: "Thirteen years later".
_RELATIVE_AFTER = re.compile(r"\s+(?:later|ago|earlier|before|after|on)\b")
_TIME_UNITS = frozenset(unit_key(unit) for unit in "seconds minutes hours days weeks months years decades centuries".split())
_Y = r"(?:19|20)\d\d"
_RANGE = re.compile(
    rf"\b(?:from|between)\s+(?P<a>{_Y})\s+(?:to|and|through|until)\s+(?P<b>{_Y})\b"
    rf"|(?<![\w$.,])(?P<c>{_Y})\s*[-–]\s*(?P<d>{_Y})\b"
)
#: Up to five words right after a number, with only a space (or a hyphen: "100-fold") before each.
_FOLLOWING = re.compile(r"(?:[ -][A-Za-z][\w'’]*){1,5}")
_WORD = re.compile(r"[ -][A-Za-z][\w'’]*")
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:]|\s—|—\s|\s–\s)\s*")
_DEFINED_ACRONYM = re.compile(r"\((?P<acronym>[A-Z][A-Z0-9&]{1,7})\)")
_ACRONYM = re.compile(r"(?<![\w.])(?P<acronym>[A-Z][A-Z0-9&]{1,7})(?:s)?(?![\w.]|\.\w)")
_KNOWN_AS = re.compile(r"\b(?:known as|so-called)\s+(?:the\s+)?(?P<term>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4})")
_ROMAN = re.compile(r"^[IVXLC]+$")
_CAPITALISED = re.compile(r"^(?:[A-Z][\w'’&-]*|of|and|for|the|de|on)$")


@dataclass(frozen=True)
class Quote:
    paragraph: int
    words: str


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    role: str
    affiliation: str
    cites: tuple[int, ...]
    quote: Quote | None

    @property
    def paragraph(self) -> int:
        return self.cites[0]


@dataclass(frozen=True)
class Figure:
    id: str
    value: str
    paragraph: int
    speaker: str = ""
    #: The unit as the paragraph writes it ("percent", "acre-feet", "dollars"), or "" for a count.
    unit: str = ""

    @property
    def is_amount(self) -> bool:
        """A sum of money or a percentage, rather than a count."""
        return unit_key(self.unit) in PERCENT_UNITS | CURRENCY_KEYS


@dataclass(frozen=True)
class Event:
    id: str
    date: str
    paragraph: int
    speaker: str = ""
    quote: str = ""

    @property
    def label(self) -> str:
        return self.date.replace("/", " to ")


@dataclass(frozen=True)
class Term:
    term: str
    paragraph: int
    expansion: str = ""
    speaker: str = ""


@dataclass
class Records:
    """Everything drafted from one source, in reading order per kind."""

    people: list[Person] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


def extract(source: Source, excluded: set[int]) -> Records:
    """Draft every kind of record from the paragraphs that are not excluded."""
    paragraphs = [p for p in source.paragraphs if p.number not in excluded]
    ids = _Ids()
    return Records(
        people=list(people(paragraphs, ids)),
        figures=list(figures(paragraphs, ids)),
        events=list(events(paragraphs, ids)),
        terms=list(terms(paragraphs)),
    )


class _Ids:
    """Unique record ids within the book."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def new(self, *parts: object) -> str:
        # ids follow the pattern of source ids; room is left for a "-2" that makes one unique
        base = slug("-".join(str(part) for part in parts))[: MAX_ID - 4].strip("-")
        candidate, count = base, 1
        while candidate in self.taken:
            count += 1
            candidate = f"{base}-{count}"
        self.taken.add(candidate)
        return candidate


def speaker_at(sentence: Sentence, position: int) -> str:
    """Whose words stand at ``position`` of a sentence ("" for the article's own voice)."""
    return "; ".join(sentence.speakers_at(position))


def _sentence_at(paragraph: Paragraph, position: int) -> tuple[Sentence, int] | None:
    """The sentence holding ``position`` of the paragraph's display text, and the offset in it."""
    text, start = paragraph.display_text, 0
    for sentence in paragraph.sentences:
        start = text.find(sentence.text, start)
        if start <= position < start + len(sentence.text):
            return sentence, position - start
        start += len(sentence.text)
    return None


# -- people -------------------------------------------------------------------------


def people(paragraphs: list[Paragraph], ids: _Ids) -> Iterator[Person]:
    """Everyone who speaks and is a person, with role, affiliation and one quotation."""
    named = people_in(" ".join(p.display_text for p in paragraphs))
    speaking: dict[str, list[int]] = {}
    for paragraph in paragraphs:
        for speaker in paragraph.speakers:
            name = _person(speaker, named, speaking)
            if name and paragraph.number not in speaking.setdefault(name, []):
                speaking[name].append(paragraph.number)
    for name, cites in speaking.items():
        role, affiliation, where = _role(name, paragraphs)
        numbers = tuple(sorted({*cites, *([where] if where else [])}))
        yield Person(ids.new(name), name, role, affiliation, numbers, _quote(name, paragraphs, cites))


def _person(speaker: str, named: list[str], known: Iterable[str]) -> str | None:
    """The person a speaker is, by one name: someone already met, the speaker's own name if
    it is a person's, or the full name the text gives for a surname ("Park" → "Helen Park")."""
    full = person_name(speaker) or next((name for name in named if same_person(name, speaker)), None)
    return None if full is None else next((name for name in known if same_person(name, full)), full)


def _role(name: str, paragraphs: list[Paragraph]) -> tuple[str, str, int | None]:
    """(role, affiliation, paragraph) from "X, a …", "the …, X," or "X of the …"."""
    forms = "|".join(re.escape(form) for form in (name, name.split()[-1]))
    patterns = (
        ("role", re.compile(rf"\b(?:{forms}),\s+(?P<words>(?:a|an|the)\s+[^,;]{{3,160}}?)(?=,|;|[.?!]?$)")),
        ("role", re.compile(rf"(?P<words>\b(?:[Tt]he|[Aa]n?)\s+[^,;]{{2,60}}?),\s+(?:{forms})\b")),
        ("affiliation", re.compile(rf"\b(?:{forms})\s+of\s+(?:the\s+)?(?P<words>[A-Z][^,;]{{2,120}}?)(?=,|;|[.?!]?$)")),
    )
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            for kind, pattern in patterns:
                match = pattern.search(sentence.text.strip())
                if match and _unquoted(match["words"]):
                    words = match["words"][0].upper() + match["words"][1:]
                    return (words, "", paragraph.number) if kind == "role" else (NO_ROLE, words, paragraph.number)
    return NO_ROLE, "", None


def _unquoted(text: str) -> bool:
    """No quotation mark (nor one left open) in ``text``: a role is the article's words."""
    quotes, stray = find(text)
    return not quotes and not stray


def _quote(name: str, paragraphs: list[Paragraph], cites: list[int]) -> Quote | None:
    """The first self-contained quotation of theirs, short enough to show on a card."""
    for paragraph in paragraphs:
        if paragraph.number not in cites:
            continue
        for sentence in paragraph.sentences:
            for (start, end), speakers in zip(sentence.quoted, sentence.quotes):
                words = sentence.text[start + 1 : end - 1].strip().rstrip(",;:")
                if any(same_person(name, s) for s in speakers) and _quotable(words):
                    return Quote(paragraph.number, words)
    return None


def _quotable(words: str) -> bool:
    """Short, and one clean quotation once put in marks (no nested or stray marks)."""
    quotes, stray = find(f'"{words}"')
    return MIN_QUOTE_WORDS <= len(words.split()) <= MAX_QUOTE_WORDS and len(quotes) == 1 and not stray


# -- key figures ----------------------------------------------------------------------


def figures(paragraphs: list[Paragraph], ids: _Ids) -> Iterator[Figure]:
    """Amounts, percentages, measures, fractions and counts, each written as the paragraph
    writes it: its hedge, its whole range and its unit ("more than $1.15 billion", "between
    70 and 80 percent", "1.2 million acre-feet"), attributed to whoever gives it."""
    for paragraph in paragraphs:
        text = paragraph.display_text
        for quantity in quantities(text, ordinary_words=False):
            value = figure_value(quantity, text)
            if value:
                found = _sentence_at(paragraph, quantity.start)
                speaker = speaker_at(*found) if found else ""
                yield Figure(ids.new("figure", paragraph.number, value), value, paragraph.number, speaker, quantity.unit)


def figure_value(quantity: Quantity, text: str) -> str:
    """The figure as written ("$4.5 million", "nearly half", "212 people"), or "" when the
    quantity is retracted, a date, a span relative to the present ("Thirteen years later"),
    an adjective ("a two-month course", "100-fold"), or a count of no noun near it."""
    hedge = f"{quantity.hedge} " if quantity.hedge else ""
    if quantity.retracted or quantity.low is None or quantity.key in (YEAR_UNIT, DATE_UNIT):
        return ""
    if quantity.unit:
        adjective = quantity.text[-len(quantity.unit) - 1 :].startswith("-")
        relative = quantity.key in _TIME_UNITS and _RELATIVE_AFTER.match(text, quantity.end)
        return "" if adjective or relative else hedge + quantity.text
    if quantity.low.denominator != 1 or quantity.high.denominator != 1:
        return hedge + quantity.text  # "a third", "nearly half"
    following = _FOLLOWING.match(text, quantity.end)
    words = _WORD.findall(following.group()) if following else []
    for index, word in enumerate(words[:NOUN_REACH]):
        bare = word.strip(" -").lower()
        if bare in _NOT_NOUNS:
            return ""
        if _plural(bare):
            return hedge + quantity.text + "".join(words[: index + 1])
    return ""


def _plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith("ss") and len(word) > 3)


# -- events ---------------------------------------------------------------------------


def events(paragraphs: list[Paragraph], ids: _Ids) -> Iterator[Event]:
    """One event per explicit year or range of years in each paragraph."""
    for paragraph in paragraphs:
        for date, position in _dates(paragraph.display_text):
            found = _sentence_at(paragraph, position)
            speaker = speaker_at(*found) if found else ""
            quote = _clause(found[0].text, found[1]) if found else ""
            yield Event(ids.new("event", paragraph.number, date.replace("/", "-")), date, paragraph.number, speaker, quote)


def _dates(text: str) -> list[tuple[str, int]]:
    """Each distinct date of a paragraph ("2004", "2010/2015") with where it first stands."""
    found: dict[str, int] = {}
    covered: list[tuple[int, int]] = []
    for match in _RANGE.finditer(text):
        first, last = (match["a"], match["b"]) if match["a"] else (match["c"], match["d"])
        if int(first) < int(last):
            found.setdefault(f"{first}/{last}", match.start())
            covered.append(match.span())
    for match in YEAR.finditer(text):
        if not any(start <= match.start() < end for start, end in covered):
            found.setdefault(match["year"], match.start())
    return sorted(found.items(), key=lambda item: item[1])


def _clause(sentence: str, position: int) -> str:
    """The clause of ``sentence`` around ``position``, if it can be quoted cleanly."""
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(sentence) if m.end() <= position)]
    start = bounds[-1]
    stop = next((m.start() for m in _CLAUSE_BREAK.finditer(sentence, position)), len(sentence))
    words = sentence[start:stop].strip().rstrip(".?!")
    return words if _quotable(words) else ""


# -- glossary -------------------------------------------------------------------------


def terms(paragraphs: list[Paragraph]) -> Iterator[Term]:
    """Acronyms (defined or not) and names introduced by "known as", once each."""
    seen: set[str] = set()
    for paragraph in paragraphs:
        text = paragraph.display_text
        for term, expansion, position in [*_defined(text), *_bare_acronyms(text), *_known_as(text)]:
            if term.lower() in seen:
                continue
            seen.add(term.lower())
            found = _sentence_at(paragraph, position)
            yield Term(term, paragraph.number, expansion, speaker_at(*found) if found else "")


def _defined(text: str) -> Iterator[tuple[str, str, int]]:
    for match in _DEFINED_ACRONYM.finditer(text):
        expansion = _expansion(text[: match.start()], match["acronym"])
        if expansion:
            yield match["acronym"], expansion, match.start()


def _expansion(before: str, acronym: str) -> str:
    """The capitalised words just before "(ACRONYM)", starting with its first letter."""
    words = before.split()
    run: list[str] = []
    while words and _CAPITALISED.match(words[-1]) and len(run) < 10:
        run.insert(0, words.pop())
    while run and (run[0][0] != acronym[0] or run[0] in {"The", "the"}):
        run.pop(0)
    return " ".join(run)


def _bare_acronyms(text: str) -> Iterator[tuple[str, str, int]]:
    """Capitalised abbreviations, but not Roman numerals or the place of the dateline
    ("WASHINGTON —" opens an article; it is no acronym)."""
    opening = dateline(text)
    skip = len(opening) if text.startswith(opening) else 0
    for match in _ACRONYM.finditer(text):
        if match.start() >= skip and not _ROMAN.match(match["acronym"]):
            yield match["acronym"], "", match.start()


def _known_as(text: str) -> Iterator[tuple[str, str, int]]:
    for match in _KNOWN_AS.finditer(text):
        yield match["term"], "", match.start("term")
