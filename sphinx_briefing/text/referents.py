"""Who and what an article has mentioned so far: what a pronoun, a surname, an acronym or
"the official" refers back to.

As the speaker model reads an article in order, it notes here every person, body and
unnamed source it meets, with the words a later description may use for them: the title
before a name ("Mayor Alan Whitcombe" → the mayor), the appositive after it ("the Federal
Mediation and Conciliation Service, a U.S. government agency" → the agency), an acronym
("known as HATA", "(RSBC)"), a document's author ("a poll by the Carrow Institute" → the
poll), and a person's "he" or "she" where an honorific or a pronoun has said which.

Cost: a mention is filed under each of its words, a lookup reads only the entries filed
under one word and at most :data:`RECENT` of them, so noting and resolving are linear in
the length of the article.

Pure text functions; no Sphinx.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .lexicon import DOCUMENT_HEADS, INSTITUTION_HEADS, TITLES
from .sentences import fold
from .tags import INSTITUTION, PERSON, person_name

#: How many entries filed under one word a lookup reads, most recent first.
RECENT = 50
_TOKEN = re.compile(r"[^\s,;:()\[\]]+[,;:)\]]?|[(\[]")
_CONNECTORS = frozenset("of and for de del la the on".split())
_APPOSITIVE_AFTER = re.compile(r"^,\s+(?:an?|the)\s+(?P<words>[^,;.]{2,100}?)(?=,|;|\.(?:\s|$)|$)")
_ALIAS = re.compile(r"^(?:,\s+known as\s+|\s*\()(?P<alias>[A-Z][A-Za-z&.]{1,9})\b")
_DOCUMENT = re.compile(rf"\b[Tt]he\s+(?P<words>(?:[\w’'-]+\s+){{1,4}}(?:{'|'.join(sorted(DOCUMENT_HEADS))}))\b")


def key(name: str) -> str:
    """How names are compared: folded, apostrophes alike, without a leading "the"."""
    return re.sub(r"^the\s+", "", " ".join(fold(name).replace("’", "'").replace("‘", "'").split()))


@dataclass
class Entity:
    """Someone or something the article has mentioned."""

    name: str
    kind: str
    #: Folded words a definite description may use for it ("agency", "minister").
    words: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    gender: str = ""
    spoke: bool = False
    #: The order in which entities were last mentioned (higher is more recent).
    seen: int = 0


class Referents:
    """Everyone and everything mentioned so far, filed for lookup."""

    def __init__(self) -> None:
        self.by_key: dict[str, Entity] = {}
        self.by_word: dict[str, list[Entity]] = defaultdict(list)
        self.history: list[tuple[int, Entity]] = []
        self.clock = 0

    def entity(self, name: str, kind: str, words: Iterable[str] = ()) -> Entity:
        """The entity of this name, created if new, marked as just seen."""
        found = self.by_key.get(key(name))
        if found is None and kind == PERSON and len(name.split()) == 1:
            found = self.person_by_surname(name)
        if found is None:
            found = Entity(name, kind)
            self.by_key[key(name)] = found
        self.describe(found, [*key(found.name).split(), *words])
        self.seen(found)
        return found

    def seen(self, entity: Entity) -> None:
        """Mark ``entity`` as the most recently mentioned."""
        self.clock += 1
        entity.seen = self.clock
        self.history.append((self.clock, entity))

    def describe(self, entity: Entity, words: Iterable[str]) -> None:
        """File ``entity`` under more words a description may use."""
        for word in words:
            word = fold(word).strip(".,'’")
            if word and word not in entity.words:
                entity.words.add(word)
                self.by_word[word].append(entity)

    def alias(self, entity: Entity, alias: str) -> None:
        """An acronym or other name that stands for ``entity``."""
        entity.aliases.add(alias)
        self.by_key.setdefault(key(alias), entity)

    def person_by_surname(self, surname: str) -> Entity | None:
        """The most recent person whose name ends in ``surname``."""
        last = key(surname)
        for entity in reversed(self.by_word.get(last, [])[-RECENT:]):
            if entity.kind == PERSON and key(entity.name).split()[-1] == last:
                return entity
        return None

    def described(self, description: str) -> Entity | None:
        """The most recent entity every word of ``description`` fits ("the official" → "a
        senior official at the ministry"; "the report" → a poll's institute)."""
        wanted = [w for w in key(description).split() if w not in ("the", "its", "their")]
        if not wanted:
            return None
        candidates = self.by_word.get(wanted[-1], [])[-RECENT:]
        fitting = [e for e in candidates if all(w in e.words for w in wanted) and key(e.name) != key(description)]
        return max(fitting, key=lambda e: e.seen) if fitting else None

    def recent(self, kinds: tuple[str, ...], since: int) -> list[Entity]:
        """Entities of these kinds seen since ``since``, most recent first; only the last
        :data:`RECENT` mentions are read."""
        found: list[Entity] = []
        for clock, entity in reversed(self.history[-RECENT:]):
            if clock == entity.seen > since and entity.kind in kinds:
                found.append(entity)
        return found

    # -- noting what a sentence mentions -------------------------------------------

    def note(self, frame: str) -> None:
        """File the people and bodies a sentence (quotations blanked) mentions, with the
        titles, appositives, acronyms and documents that describe them."""
        for start, end, phrase in _capitalised_runs(frame):
            rest = frame[end : end + 160]
            person = person_name(phrase)
            if person and len(person[0].split()) == 1 and not person[1]:
                person = None  # one capitalised word ("Mexican") is a person only with "Mr.", "Dr." …
            alias = _ALIAS.match(rest)
            if person:
                name, gender = person
                titles = [w for w in phrase.split()[: -len(name.split())] if fold(w).strip(".") in TITLES]
                entity = self.entity(name, PERSON, titles)
                entity.gender = entity.gender or gender
            elif alias or _is_body(phrase, rest):
                entity = self.entity(_body_name(frame, start, phrase, rest), INSTITUTION)
                if alias:
                    self.alias(entity, alias["alias"])
            else:
                continue
            appositive = _APPOSITIVE_AFTER.match(rest)
            if appositive and not person_name(appositive["words"]):
                self.describe(entity, appositive["words"].split())
        for match in _DOCUMENT.finditer(frame):
            self.entity("the " + match["words"], INSTITUTION)


def _capitalised_runs(frame: str) -> list[tuple[int, int, str]]:
    """Runs of capitalised words, initials and name particles ("Federation of Río Sal
    Irrigators", "Dr. Priya Raman"), at most eight words each, with their offsets."""
    runs: list[tuple[int, int, str]] = []
    current: list[re.Match[str]] = []

    def close() -> None:
        while current and fold(current[-1].group().rstrip(",;:)]")) in _CONNECTORS:
            current.pop()
        if current:
            text = " ".join(m.group().rstrip(",;:)]") for m in current)
            runs.append((current[0].start(), current[-1].start() + len(current[-1].group().rstrip(",;:)]")), text))
        current.clear()

    for match in _TOKEN.finditer(frame):
        token = match.group()
        word = token.rstrip(",;:)]")
        capital = word[:1].isupper()
        if (capital or (current and fold(word) in _CONNECTORS)) and len(current) < 8:
            current.append(match)
            if word != token:
                close()
        else:
            close()
    close()
    return runs


def _is_body(phrase: str, rest: str) -> bool:
    """A capitalised phrase of two words or more that names a body ("Harwick Area Transit
    Authority", "the Harwick Public Schools district")."""
    words = phrase.split()
    heads = {fold(words[-1]).strip("."), *_following_head(rest)}
    return len(words) >= 2 and not heads.isdisjoint(INSTITUTION_HEADS)


def _following_head(rest: str) -> list[str]:
    """A lower-case head noun right after a capitalised phrase ("Public Schools district")."""
    match = re.match(r"\s+([a-z]+)\b", rest)
    return [match[1]] if match and match[1] in INSTITUTION_HEADS else []


def _body_name(frame: str, start: int, phrase: str, rest: str) -> str:
    """A body's name as the article gives it: with the "the" before it and the lower-case
    head after it ("the Harwick Public Schools district")."""
    name = " ".join([phrase, *_following_head(rest)])
    if name.startswith("The "):
        return "the " + name[4:]
    return "the " + name if frame[max(0, start - 4) : start].lower() == "the " else name
