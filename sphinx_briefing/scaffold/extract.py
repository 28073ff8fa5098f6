"""Draft records from the article's text, each citing the paragraph it comes from.

Every record is built so that the extension's own checks can verify it at once,
and its wording is minimal: the source's words appear only as values or as
quotations (verbatim, with the speaker named in the record), everything else is
a short neutral phrase that names the paragraph.

- **People**: everyone the parser finds speaking ("said X", "X said", after the
  header's corrections) whose name is a person's, and everyone the article names with
  a role. The role and affiliation come from an appositive or title on either side of
  the name ("X, a professor at the University of Y", "Country's foreign minister, X",
  "Its chief negotiator, Deputy Minister X", "X, who heads the Z", "the hydrologist X",
  "X of the Z"). A name an appositive calls a thing ("X, a campaign"), and an outlet,
  is no person. The record cites the paragraph that first writes the whole name and
  every paragraph where they speak, and quotes one of
  their quotations (a short, self-contained one).
- **Key figures**: amounts, percentages, measures, fractions and counts (a number
  followed, within four words, by a plural noun), written as the paragraph writes them,
  whole: hedge, range and unit ("more than $1.15 billion", "between 70 and 80 percent",
  "1.2 million acre-feet"), attributed to whoever gives them. Years, dates, retracted
  numbers, adjectives ("a two-month course") and spans relative to the present
  ("Thirteen years later") are not figures.
- **Events**: one per explicit year (or "from 2010 to 2015" range) per paragraph,
  with the clause that holds it quoted.
- **Glossary terms**: acronyms spelled out ("Joint Harbor Security Office (JHSO)",
  "measles, mumps and rubella vaccine, known as MMR"), names introduced by "known as",
  names and words the article's own narration defines by apposition ("the Tarn Dam, a
  120-metre wall", "An acre-foot, the amount of water that …, is"), and acronyms used
  without expansion.

Whenever the words a record rests on are someone's (the sentence's speaker), the
record names them. Near-linear in the article: one pass over the sentences per kind
of record, names looked up by surname, each paragraph's quantities read once, and every
pattern for a name reads a bounded stretch of text wherever it is tried (a name has at
most :data:`NAME_WORDS` words, a word at most :data:`WORD_LETTERS` letters after its capital).
Limits: English news style; a number written in words is a count only when a plural
noun follows it; the checks, not this module, have the last word (see :mod:`.verify`).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ..text.addressing import MAX_ID
from ..text.lexicon import TITLES
from ..text.quantities import (
    CURRENCY_KEYS,
    DATE_UNIT,
    PERCENT_UNITS,
    YEAR_UNIT,
    Quantity,
    quantities,
    unit_key,
)
from ..text.quotemarks import find
from ..text.sentences import fold
from ..text.sources import Paragraph, Source
from ..text.speakers import PERSON as A_PERSON
from ..text.speakers import Sentence, kind_of
from .article import dateline
from .article import source_id as slug
from .dating import YEAR
from .voices import PERSON, outside_quotes, people_in, person_name, same_person

#: The role of a speaker the text gives no apposition for; the analyst writes it.
NO_ROLE = "Speaks in the article"
MAX_QUOTE_WORDS = 40
MIN_QUOTE_WORDS = 4
#: How far after a number its noun may stand ("seven Mexican army senior generals").
NOUN_REACH = 4
#: Bounds far above any real name, so that each place where a person's or a body's name
#: could start is tried in a bounded number of steps, and finding names is linear in the
#: text even in a run of a thousand capitalised words or initials, or inside one word of a
#: million letters: the letters of a word after its capital ("Wolfeschlegelsteinhausenbergerdorff"
#: has 34), the words of a name, initials and particles included ("Mohammed bin Salman bin
#: Abdulaziz Al Saud" has 7), and the initials written as one given name ("J.R.R." has 3).
WORD_LETTERS = 50
NAME_WORDS = 8
NAME_INITIALS = 5
_IRREGULAR_PLURALS = frozenset("people men women children police staff personnel troops cattle".split())
_NOT_NOUNS = frozenset("of the a an and or to in on at by for from with than that who which as is was were are".split())
#: A span of time counted from another moment, not a figure: "Thirteen years later".
_RELATIVE_AFTER = re.compile(r"\s+(?:later|ago|earlier|before|after|on)\b")
_TIME_UNITS = frozenset(
    unit_key(unit) for unit in "seconds minutes hours days weeks months years decades centuries".split()
)
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
#: A definition stops before a clause that goes on about something else.
_RELATIVE_TAIL = re.compile(r"\s+(?:and|but)\s+(?:is|was|has|it)\b.*$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_CAPITALISED = re.compile(r"^(?:[A-Z][\w'’&-]*|of|and|for|the|de|on)$")


#: Last words that make a capitalised name a thing or a body, not a person: "the Tarn Dam".
ENTITY_HEADS = frozenset(
    "accord accords act agreement agency alliance association authority bank board canal center centre "
    "college commission committee company compact convention corporation council court dam department "
    "fund group initiative institute lake law ministry office organisation organization party pact "
    "plan plant program programme project protocol reservoir river service station treaty tribunal "
    "union university".split()
)


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
    #: The article's own words that define it ("a 1987 agreement that divides the river").
    definition: str = ""
    #: The other name the article gives it ("X, known as Y": X for Y).
    alias: str = ""

    @property
    def voice(self) -> str:
        """Who gives the definition, for the glossary: the speaker, unless the speaker is the
        term itself ("the Growers Union, says": its own name is no attribution)."""
        return self.speaker if self.speaker and fold(self.speaker) != fold(self.term) else ""


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
        people=list(people(paragraphs, ids, source.speaker_kinds)),
        figures=list(figures(paragraphs, ids)),
        events=list(events(paragraphs, ids)),
        terms=list(terms(paragraphs)),
    )


class _Ids:
    """Unique record ids within the book."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        #: The last number each base was given: the next try starts after it (red team M:
        #: trying -2, -3, … from the start for each of n equal figures was quadratic).
        self.counts: dict[str, int] = {}

    def new(self, *parts: object) -> str:
        # ids follow the pattern of source ids; room is left for a "-2" that makes one unique
        base = slug("-".join(str(part) for part in parts))[: MAX_ID - 4].strip("-")
        candidate, count = base, self.counts.get(base, 1)
        while candidate in self.taken:
            count += 1
            candidate = f"{base}-{count}"
        self.counts[base] = count
        self.taken.add(candidate)
        return candidate


def speaker_at(sentence: Sentence, position: int) -> str:
    """Whose words stand at ``position`` of a sentence ("" for the article's own voice)."""
    return "; ".join(sentence.speakers_at(position))


#: Where a paragraph keeps the starts of its sentences, for :func:`_sentence_at`.
_STARTS = "extract-sentence-starts"


def _sentence_at(paragraph: Paragraph, position: int) -> tuple[Sentence, int] | None:
    """The sentence holding ``position`` of the paragraph's display text, and the offset in it:
    a binary search of where the sentences start (a search of the text for each figure was
    quadratic in a paragraph of thousands of figures, red team M)."""
    starts = paragraph.memo.get(_STARTS)
    if not isinstance(starts, list):
        starts = paragraph.memo[_STARTS] = [sentence.start for sentence in paragraph.sentences]
    index = bisect.bisect_right(starts, position) - 1
    if index < 0:
        return None
    sentence = paragraph.sentences[index]
    return (sentence, position - sentence.start) if position < sentence.start + len(sentence.text) else None


# -- people -------------------------------------------------------------------------


def people(paragraphs: list[Paragraph], ids: _Ids, kinds: Mapping[str, str]) -> Iterator[Person]:
    """Everyone who speaks and is a person, and everyone the article names with a role, each
    with role, affiliation and one quotation. One pass over the sentences: names are looked
    up by surname, never compared with every other name."""
    introduced: dict[str, int] = {}  # each name, and the paragraph that first writes it whole
    for paragraph in paragraphs:
        for named in people_in(paragraph.display_text):
            introduced.setdefault(named, paragraph.number)
    names = _Names(introduced)
    speaking: dict[str, list[int]] = {}
    for paragraph in paragraphs:
        for speaker in paragraph.speakers:
            # "the Sierra Institute for Public Opinion" speaks, but it is no person named "Public Opinion"
            name = names.person(speaker) if kind_of(speaker, kinds) == A_PERSON else None
            if name and paragraph.number not in speaking.setdefault(name, []):
                speaking[name].append(paragraph.number)
    roles = _roles(paragraphs, names)
    by_number = {paragraph.number: paragraph for paragraph in paragraphs}
    for name in [*speaking, *(name for name in roles if name not in speaking)]:
        role, affiliation, where = roles.get(name, (NO_ROLE, "", None))
        if fold(name.split()[-1]) in ENTITY_HEADS or _names_a_thing(role) or OUTLETS & {fold(w) for w in name.split()}:
            continue  # "the Tarn Dam, a 120-metre wall", "the Harwick Ledger": things and outlets, not people
        cites = speaking.get(name, [])
        # the paragraph that writes the whole name too: the record's name must be the source's
        numbers = tuple(sorted({*cites, *(n for n in (where, introduced.get(name)) if n)}))
        yield Person(ids.new(name), name, role, affiliation, numbers, _quote(name, [by_number[n] for n in cites]))


class _Names:
    """People's names by surname: "Park" is the "Helen Park" met first."""

    def __init__(self, named: Iterable[str]) -> None:
        self.by_surname: dict[str, str] = {}
        for name in named:
            self.by_surname.setdefault(fold(name.split()[-1]), name)

    def person(self, speaker: str) -> str | None:
        """The person a speaker is: someone already met, or the speaker's own name if a person's."""
        own = person_name(speaker) or _initialled(speaker)
        full = own or speaker
        met = self.by_surname.get(fold(full.split()[-1])) if full.split() else None
        if met is not None and same_person(met, full):
            return met
        if own:
            self.by_surname.setdefault(fold(own.split()[-1]), own)
        return own


#: A given name, or initials ("P. J.", "J.R."), and names with an apostrophe ("O’Driscoll").
#: Each is read whole (``+``): a run of initials is one given name, never also two or more;
#: else each of the spaces in a run of n initials could fall inside a given name or between
#: two, and a run that no surname ends was tried all 2^(n-1) ways.
_GIVEN = rf"(?:[A-Z](?:[a-z]|['’][A-Z])[\w'’-]{{0,{WORD_LETTERS}}}+|[A-Z]\.(?:\s?[A-Z]\.){{0,{NAME_INITIALS - 1}}}+)"
_SURNAME = rf"[A-Z](?:[a-z]|['’][A-Z])[\w'’-]{{0,{WORD_LETTERS}}}"
_NAME = rf"{_GIVEN}(?:\s+(?:{_GIVEN}|de|del|la|van|von|bin)){{0,{NAME_WORDS - 2}}}?\s+{_SURNAME}"
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"})
_OWNER = rf"(?:[A-Z][\w.’'-]{{0,{WORD_LETTERS}}}\s+){{0,3}}[A-Z][\w.’'-]{{0,{WORD_LETTERS}}}['’]s"
#: "Jane Roe, the foreign minister," / "Jane Roe, Ruritania's foreign minister," / "Jane Roe, a professor at …"
_ROLE_AFTER = re.compile(
    rf"(?P<name>{_NAME}),\s+(?P<role>(?:a|an|the|{_OWNER})\s+[^,;\"“”]{{2,160}}?)(?=\s*(?:,|;|[.?!]?$))"
)
#: "the foreign minister, Jane Roe" / "Its chief negotiator, Deputy Energy Minister Piet Aalders"
_ROLE_BEFORE = re.compile(
    rf"(?P<role>\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|{_OWNER})\s+[a-z][^,;\"“”]{{1,80}}?),\s+"
    rf"(?P<name>(?:[A-Z][\w.’'-]{{0,{WORD_LETTERS}}}\s+){{0,4}}?{_NAME})(?=\s*(?:,|;|[.?!]|$|\s+(?:said|says|told|added)\b))"
)
#: "the hydrologist E. M. Sandoval": a role written right before the name.
_ROLE_AHEAD = re.compile(rf"\bthe\s+(?P<role>[a-z]+(?:\s+[a-z]+)?)\s+(?P<name>{_NAME})\b")
#: "Andrés Belmonte, who heads the Federation of Río Sal Irrigators"
_WHO_HEADS = re.compile(
    rf"(?P<name>{_NAME}),\s+who\s+(?P<verb>heads|leads|runs|chairs|directs|founded)\s+(?:the\s+)?(?P<org>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|and|for|the|de|del))*)"
)
#: "Amara Osei, who studies vaccine hesitancy at the same university,": what someone does, as a role.
_DOES = (
    r"(?:studies|teaches|researches|represents|advises|coaches|manages|owns|trains|treats|covers|edits|organi[sz]es)\s"
)
_WHO_DOES = re.compile(rf"(?P<name>{_NAME}),\s+who\s+(?P<role>{_DOES}[^,;\"“”]{{2,80}}?)(?=\s*(?:,|;|[.?!]?$))")
#: "at the same university": a place that means nothing out of its sentence.
_VAGUE_PLACE = re.compile(r"\s+(?:at|with|in|for)\s+(?:the|a|an|this|that)\s+[a-z][^,]*$")
_HEADS_AS = {
    "heads": "Head",
    "leads": "Leader",
    "runs": "Head",
    "chairs": "Chair",
    "directs": "Director",
    "founded": "Founder",
}
#: "Piet Aalders of the Joint River Commission"
_AFFILIATION = re.compile(
    rf"(?P<name>{_NAME})\s+of\s+(?:the\s+)?(?P<org>[A-Z][^,;\"“”]{{2,120}}?)(?=\s*(?:,|;|[.?!]?$))"
)
#: "at the University of Orvale", "with the conservation group Agua Viva": the body a role belongs to.
_ROLE_BODY = re.compile(
    r"\s+(?:at|of|with|for)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}?(?P<org>[A-Z][\w'’.-]*(?:\s+(?:[A-Z0-9][\w'’.-]*|of|and|for|the|de|del))*)"
)
_RELATIVE = re.compile(r"\s+(?:who|which|that|whose|where)\b.*$")
_POSSESSIVE = re.compile(rf"^(?P<owner>{_OWNER})\s+(?P<rest>.+)$")
#: What makes an appositive describe a thing or a place rather than a person ("a €40 million campaign").
THINGS = ENTITY_HEADS | frozenset(
    "campaign plan scheme policy bill report study survey poll group firm newspaper outlet charity lobby coalition "
    "network deal city town village capital region province county district state country port wall building "
    "vaccine programme drug company".split()
)


#: Words in the names of newspapers and broadcasters, which speak in articles but are no people.
OUTLETS = frozenset(
    "ledger courier herald heraldo tribune gazette journal chronicle observer telegraph examiner inquirer "
    "bulletin times diario correo nacion globe".split()
)


def _names_a_thing(role: str) -> bool:
    """The role's first few words hold a word for a thing or a place, not a person's job
    ("studies vaccine hesitancy" is what a person does, whatever it names)."""
    if re.match(_DOES, role, flags=re.IGNORECASE):
        return False
    head = re.split(r"\s+(?:of|at|by|for|with|in|that|which|who)\s+", role, maxsplit=1)[0]
    return any(fold(word).rstrip("s") in THINGS or fold(word) in THINGS for word in head.split()[:5])


def _initialled(name: str) -> str | None:
    """A name the shared name patterns do not read ("P. J. Costigan", "Siobhán O’Driscoll"), without
    an honorific, when it is a person's name and not a body's."""
    words = [word for word in name.split() if fold(word).strip(".") not in _HONORIFICS]
    bare = " ".join(words)
    if not re.fullmatch(_NAME, bare) or fold(words[-1]) in THINGS:
        return None
    return bare


def _roles(paragraphs: list[Paragraph], names: _Names) -> dict[str, tuple[str, str, int]]:
    """Each person's (role, affiliation, paragraph) from the first appositive or title that
    gives one: "X, a …", "X, Country's minister", "the minister, X", "Minister X", "X of the …";
    a later appositive adds an affiliation the first lacked."""
    found: dict[str, tuple[str, str, int]] = {}
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            text = outside_quotes(sentence)
            for name, role, affiliation in _appositives(text):
                person = names.person(name)
                if not person or not _unquoted(role + affiliation) or _names_a_thing(role):
                    continue
                if person not in found:
                    found[person] = (_capital(role) if role else NO_ROLE, affiliation, paragraph.number)
                elif found[person][0] == NO_ROLE and role:
                    found[person] = (_capital(role), found[person][1] or affiliation, found[person][2])
                elif affiliation and not found[person][1]:
                    found[person] = (found[person][0], affiliation, found[person][2])
    return found


def _appositives(text: str) -> Iterator[tuple[str, str, str]]:
    """(name, role, affiliation) for every appositive, title or "of the" in a sentence."""
    for match in _ROLE_AFTER.finditer(text):
        yield (match["name"], *_role_and_body(match["role"]))
    for match in _ROLE_BEFORE.finditer(text):
        name = person_name(match["name"]) or _initialled(match["name"]) or match["name"]
        title = " ".join(
            w for w in match["name"][: match["name"].rfind(name)].split() if fold(w).strip(".") not in _HONORIFICS
        )
        role, body = _role_and_body(match["role"])
        yield name, ", ".join(filter(None, [title, role])), body
    for match in _WHO_HEADS.finditer(text):
        yield match["name"], _HEADS_AS[match["verb"]], match["org"]
    for match in _WHO_DOES.finditer(text):
        role, body = _role_and_body(match["role"])
        yield match["name"], _VAGUE_PLACE.sub("", role), body
    for match in _ROLE_AHEAD.finditer(text):
        yield match["name"], match["role"], ""
    for match in PERSON.finditer(text):
        name = person_name(match.group())
        title = match.group()[: match.group().rfind(name)].strip() if name else ""
        if name and title and any(fold(word).strip(".") in TITLES for word in title.split()):
            yield name, title, ""
    for match in _AFFILIATION.finditer(text):
        yield match["name"], "", match["org"]


def _role_and_body(words: str) -> tuple[str, str]:
    """ "a hydrologist at the University of Orvale who studies it" → ("a hydrologist", "University
    of Orvale"); "Sudmark's water minister" → ("water minister", "Sudmark"); "its chief …" → "chief …"."""
    words = _RELATIVE.sub("", words.strip())
    words = re.sub(r"^(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+", "", words)
    possessive = _POSSESSIVE.match(words)
    if possessive:
        return possessive["rest"], re.sub(r"['’]s$", "", possessive["owner"])
    body = _ROLE_BODY.search(words)
    return (words[: body.start()], re.sub(r"['’]s$", "", body["org"])) if body else (words, "")


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


def _unquoted(text: str) -> bool:
    """No quotation mark (nor one left open) in ``text``: a role is the article's words."""
    quotes, stray = find(text)
    return not quotes and not stray


def _quote(name: str, paragraphs: list[Paragraph]) -> Quote | None:
    """The first self-contained quotation of theirs in ``paragraphs`` (where they speak), short
    enough to show on a card."""
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            for (start, end), speakers in zip(sentence.quoted, sentence.quotes):
                words = sentence.text[start + 1 : end - 1].strip().rstrip(",;:")
                if any(same_person(name, s) for s in speakers) and _quotable(words):
                    return Quote(paragraph.number, words)
    return None


def _quotable(words: str, minimum: int = MIN_QUOTE_WORDS) -> bool:
    """Short, and one clean quotation once put in marks (no nested or stray marks)."""
    quotes, stray = find(f'"{words}"')
    return minimum <= len(words.split()) <= MAX_QUOTE_WORDS and len(quotes) == 1 and not stray


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
                yield Figure(
                    ids.new("figure", paragraph.number, value), value, paragraph.number, speaker, quantity.unit
                )


#: What a fraction is of: "of the voters", "of its budget", "of the agency's budget" (a
#: possessive is never the noun itself: new-user review, where the draft stopped at "agency's").
_OF_WHAT = re.compile(r"\s+of\s+(?:(?:the|its|their|his|her|our|a|an)\s+)?(?:[^\W\d_][\w-]*['’]s?\s+)?[^\W\d_][\w'’-]*")


def figure_value(quantity: Quantity, text: str) -> str:
    """The figure as written ("$4.5 million", "nearly half of the voters", "212 people"), or ""
    when the quantity is retracted, a date, a span relative to the present ("Thirteen years
    later"), an adjective ("a two-month course", "100-fold"), a count of no noun near it, or
    a fraction of nothing named ("cut by a third"): a key figure says what it counts."""
    hedge = f"{quantity.hedge} " if quantity.hedge else ""
    if quantity.retracted or quantity.low is None or quantity.key in (YEAR_UNIT, DATE_UNIT):
        return ""
    if quantity.unit:
        adjective = quantity.text[-len(quantity.unit) - 1 :].startswith("-")
        relative = quantity.key in _TIME_UNITS and _RELATIVE_AFTER.match(text, quantity.end)
        return "" if adjective or relative else hedge + quantity.text
    if quantity.tally:
        return hedge + quantity.text  # "6-3" says it is a vote or a score
    reach = NOUN_REACH
    if quantity.low.denominator != 1 or quantity.high.denominator != 1:
        of = _OF_WHAT.match(text, quantity.end)  # "a third of the loss"; "cut by a third" counts nothing
        if of:
            return hedge + quantity.text + of.group()
        reach = 1  # "one in four assaults": a share counts the noun right after it, or nothing
    following = _FOLLOWING.match(text, quantity.end)
    words = _WORD.findall(following.group()) if following else []
    for index, word in enumerate(words[:reach]):
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
            yield Event(
                ids.new("event", paragraph.number, date.replace("/", "-")), date, paragraph.number, speaker, quote
            )


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

_HEADS = "|".join(sorted((head.capitalize() for head in ENTITY_HEADS), key=len, reverse=True))
#: "Kessa Water Accord", "Lower Kessa Growers Union", "Court of Regional Arbitration".
_ENTITY = (
    rf"(?:(?:[A-Z][\w'’.-]{{0,{WORD_LETTERS}}}\s+(?:(?:of|and|for|on|de)\s+(?:the\s+)?)?){{0,6}}(?:{_HEADS})"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w'’.-]{{0,{WORD_LETTERS}}}(?:\s+[A-Z][\w'’.-]{{0,{WORD_LETTERS}}}){{0,4}})?)\b"
)
#: "the Tarn Dam, a 120-metre wall that …" / "the Río Sal Accord of 1962, the treaty between …"
_ENTITY_DEFINED = re.compile(
    rf"\b(?:[Tt]he\s+)?(?P<term>{_ENTITY})(?:\s+of\s+\d{{4}})?,\s+(?P<words>(?:a|an|the)\s+[^,;\"“”]{{3,160}}?)(?=\s*(?:,|;|[.?!]?$))"
)
#: "Second Chance, a €40 million campaign by …" / "Carrow, the regional capital": any name an
#: appositive calls a thing or a place.
_THING_DEFINED = re.compile(
    rf"(?<![\w’'])(?P<term>[A-Z][\w'’-]{{0,{WORD_LETTERS}}}(?:\s+[A-Z][\w'’-]{{0,{WORD_LETTERS}}}){{0,3}}),\s+(?P<words>(?:a|an|the)\s+(?:(?!(?:the|a|an|has|have|had|is|was|were|are|will|would|said|says)\b)[^\s,;\"“”]+\s+){{0,4}}?"
    rf"(?:{'|'.join(sorted(THINGS, key=len, reverse=True))})s?\b(?:\s+(?:by|of|for|to|that|in|on|between|with|from)\b[^,;\"“”]{{0,120}}?)?)"
    r"(?=\s*(?:,|;|[.?!]?$))"
)
#: "the conservation group Agua Viva", "the newspaper El Heraldo": a body named after what it is.
_THING_AHEAD = re.compile(
    r"\bthe\s+(?P<words>(?:[a-z]+\s+){0,2}(?:group|organisation|organization|agency|company|firm|newspaper|charity|coalition|network|lobby|party|institute|movement|union))"
    r"\s+(?P<term>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|del|de|la)){0,3})"
)
#: "Sudmark's farm lobby, the Lower Kessa Growers Union,"
_ENTITY_DESCRIBED = re.compile(
    rf"(?P<words>\b(?:[A-Z][\w.’'-]{{0,{WORD_LETTERS}}}['’]s|[Tt]he|[Aa]n?)\s+[a-z][^,;\"“”]{{1,60}}?),\s+the\s+(?P<term>{_ENTITY})(?=\s*(?:,|;|[.?!]|$|\s+(?:said|says)\b))"
)
#: "An acre-foot, the amount of water that …, is": a common noun the article defines.
_NOUN_DEFINED = re.compile(
    r"^(?:An?|The)\s+(?P<term>[a-z][a-z-]{2,30}),\s+(?P<words>(?:a|an|the)\s+[^,;\"“”]{3,160}?),\s+(?:is|are|was|were)\b"
)
_KNOWN_AS_NAME = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:(?:of|and|for|the|de|del)\s+)*[A-Z][\w'’.-]*){0,7}),\s+(?:known|also known|better known)\s+as\s+(?:the\s+)?$"
)


def terms(paragraphs: list[Paragraph]) -> Iterator[Term]:
    """Acronyms (defined or not), names introduced by "known as", and names and words the
    article defines with an appositive, once each."""
    seen: set[str] = set()
    for paragraph in paragraphs:
        text, number = paragraph.display_text, paragraph.number
        found = [
            *_defined(text, number),
            *_known_as(text, number),
            *_described(paragraph),
            *_bare_acronyms(text, number),
        ]
        for position, term in found:
            if term.term.lower() in seen or any(other.endswith(" " + term.term.lower()) for other in seen):
                continue  # "Conciliation Service" is part of the "Federal Mediation and Conciliation Service"
            seen.add(term.term.lower())
            where = _sentence_at(paragraph, position)
            yield dataclasses.replace(term, speaker=speaker_at(*where) if where else "")


def _defined(text: str, number: int) -> Iterator[tuple[int, Term]]:
    """Acronyms spelled out before them: "the Regional Water Authority (RWA)", with where each stands."""
    for match in _DEFINED_ACRONYM.finditer(text):
        expansion = _expansion(text[: match.start()], match["acronym"])
        if expansion:
            yield match.start(), Term(match["acronym"], number, expansion)


def _expansion(before: str, acronym: str) -> str:
    """The words just before "(ACRONYM)": capitalised ones starting with its first letter, or
    the words whose initials spell it ("measles, mumps and rubella (MMR)")."""
    spelled = _spelled_out(before, acronym)
    if spelled:
        return spelled
    words = before.split()
    run: list[str] = []
    while words and _CAPITALISED.match(words[-1]) and len(run) < 10:
        run.insert(0, words.pop())
    while run and (run[0][0] != acronym[0] or run[0] in {"The", "the"}):
        run.pop(0)
    return " ".join(run)


def _spelled_out(before: str, acronym: str) -> str:
    """The shortest run of words ending ``before`` whose initials (without "and", "of", "the")
    are the acronym's letters, as written ("measles, mumps and rubella")."""
    words = before.split()[-3 * len(acronym) :]
    for last in (len(words), len(words) - 1):  # "measles, mumps and rubella vaccine, known as MMR"
        for start in range(last - 1, -1, -1):
            run = words[start:last]
            initials = "".join(w[0] for w in run if w.lower().strip(",") not in {"and", "of", "the", "for", "&"})
            if initials.upper() == acronym.upper() and run[0][0].lower() == acronym[0].lower():
                return " ".join(run).strip(",")
            if len(initials) > len(acronym):
                break
    return ""


def _bare_acronyms(text: str, number: int) -> Iterator[tuple[int, Term]]:
    """Capitalised abbreviations, but not Roman numerals or the place of the dateline
    ("WASHINGTON —" opens an article; it is no acronym)."""
    opening = dateline(text)
    skip = len(opening) if text.startswith(opening) else 0
    for match in _ACRONYM.finditer(text):
        if match.start() >= skip and not _ROMAN.match(match["acronym"]):
            yield match.start(), Term(match["acronym"], number)


def _known_as(text: str, number: int) -> Iterator[tuple[int, Term]]:
    """ "X, known as Y": Y is short for X when it is an acronym, else another name for it."""
    for match in _KNOWN_AS.finditer(text):
        term = match["term"]
        before = _KNOWN_AS_NAME.search(text[max(0, match.start() - 200) : match.start("term")])
        name = re.sub(r"^(?:The|the)\s+", "", before["name"]) if before else ""
        if term.isupper() and not name:
            name = _spelled_out(
                re.sub(r",\s+(?:also\s+|better\s+)?known\s+as\s+(?:the\s+)?$", "", text[: match.start("term")]), term
            )
        if name and term.isupper():
            yield match.start("term"), Term(term, number, expansion=name)
        else:
            yield match.start("term"), Term(term, number, alias=name)


def _described(paragraph: Paragraph) -> Iterator[tuple[int, Term]]:
    """Names of bodies and things, and common nouns, that a sentence defines by apposition,
    outside quotation marks: the definition is quoted in the glossary, as the article's words."""
    text, offset = paragraph.display_text, 0
    for sentence in paragraph.sentences:
        offset = text.find(sentence.text, offset)
        plain = outside_quotes(sentence)
        for pattern in (_ENTITY_DEFINED, _ENTITY_DESCRIBED, _NOUN_DEFINED, _THING_DEFINED, _THING_AHEAD):
            for match in pattern.finditer(plain):
                words = _RELATIVE_TAIL.sub("", match["words"]).strip()
                term = re.sub(r"^The\s+", "", match["term"])
                # A glossary term cannot name whose view its words carry (the book's checks ask it
                # to): a definition is drafted from the reporter's own narration only, such as the
                # description of a speaker ("Carmen Lisboa, a biologist with the group Agua Viva, said").
                narrated = not sentence.speakers_at(match.start("words"))
                if _quotable(words, minimum=2) and words in sentence.text and narrated:
                    yield offset + match.start("term"), Term(term, paragraph.number, definition=words)
