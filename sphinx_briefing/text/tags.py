"""Reading the attribution tags of one sentence: who it says is speaking, as written.

News copy names a speaker in a few shapes, and this module reads each of them from a
sentence whose quotations are blanked (so "said" inside quoted words is never a tag):

- the speaker before the verb: "Reyes said", "the ministry has estimated", "A poll by
  the Carrow Institute found", "Jane Roe, the foreign minister, said" (the name, not the
  appositive), "At a news conference, the manager, Dr. Priya Raman, said";
- the verb before the speaker: "…," said the foreign minister, Jane Roe, speaking to
  reporters (the name wins over the title that precedes it);
- "according to …", "leaked by …";
- a shape with no verb of speech: "as X put it", "in X's words", "X: “…”", "“…” — X";
- a view held rather than spoken: "Dr. Moriarty is not persuaded", "X has no doubt".

Each tag gives a :class:`Mention`: the words that name the speaker and what they look like
(a person's name, a pronoun, an unnamed source, a group, an institution, a definite
description such as "the official" that the document must resolve). Resolving pronouns and
descriptions needs the sentences before; that is :mod:`.speakers`' work.

Cost: every step scans the sentence once or looks at a bounded window (at most
:data:`WINDOW` words) around a verb, so reading a sentence is linear in its length.

Pure text functions; no Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .lexicon import (
    ANONYMITY,
    AUXILIARIES,
    DOCUMENT_HEADS,
    GROUP_NOUNS,
    HONORIFIC_GENDER,
    INSTITUTION_HEADS,
    NOT_A_TAG_BEFORE,
    NOT_PERSON_WORDS,
    OUTLET_DESCRIPTORS,
    PERSON_NOUNS,
    PRONOUNS,
    SPEECH,
    STANCE,
    TITLES,
)
from .sentences import fold

_NOUNS = INSTITUTION_HEADS | PERSON_NOUNS | GROUP_NOUNS

#: How many words before or after a verb a speaker's phrase may take.
WINDOW = 40
PERSON, ANONYMOUS, INSTITUTION, REPORTER = "person", "anonymous", "institution", "reporter"
#: Forms a mention can take before it is resolved.
NAME, SURNAME, PRONOUN, DEFINITE, POSSESSIVE, ACRONYM = (
    "name",
    "surname",
    "pronoun",
    "definite",
    "possessive",
    "acronym",
)
_DETERMINERS = frozenset("the a an its their his her this that these those our your my one some own".split())
_SUBORDINATORS = frozenset("even though although when while because as if but and so yet whereas since".split())
_COORDINATORS = frozenset("and but so yet as even".split())
#: "that officials", "which the ministry" before a verb of speech; not "that the ministry released".
_OBJECT_RELATIVE = re.compile(r"\b(?:that|which)\s+(?P<subject>(?:[\w’'-]+\s+){0,2}[\w’'-]+(?<!ed)(?<!ing))$")
#: First words of a part that is a clause, time or place rather than a speaker.
_MODIFIERS = frozenset(
    "who which whose where when at in on after before during speaking known published conducted released despite "
    "like unlike standing holding under with without by for from as according adding writing".split()
)
_CUT = re.compile(
    r",?\s+\b(?:who|whom|whose|which|that|speaking|according|adding|known|published|conducted|writing)\b.*$", re.DOTALL
)
_PARENTHESIS = re.compile(r"\s*\([^()]{0,80}\)")
#: When, written between a speaker and the verb ("Officials on Tuesday announced", "Police
#: yesterday said"): it dates the words, it names nobody (red team AE: make new drafted
#: "Officials on Tuesday" as a name, and the relative date with it).
_WHEN = re.compile(
    r"\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today|tonight"
    r"|(?:last|this|earlier\s+this|later\s+this)\s+(?:week|weekend|month|year|morning|afternoon|evening|night)"
    r"|last\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))$",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[A-Z]\.|(?:de|del|la|van|von|bin|da|dos|du|le|der|di|al)$)$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,9}$")
#: "according to X" and the passive "leaked by X": the speaker follows.
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+|\b(?:leaked|provided|obtained|disclosed) by\s+")
#: "a poll by X", "an analysis by the newspaper X": the speaker is X.
_BY = re.compile(
    rf"^(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}(?P<doc>{'|'.join(sorted(DOCUMENT_HEADS))})\s+by\s+(?P<who>.+)$",
    re.IGNORECASE,
)
_QUOTE_END = "\"”’'»"
#: Tags made by their shape rather than by a verb of speech (red team AD: each gave quoted
#: words to someone unread): "As Kelly put it", "Kelly put it bluntly:", "in Kelly's words",
#: "Kelly: “…”" and "“…” — Kelly". Each phrase opens with a letter and is bounded, and so is
#: each run of spaces, so a scan is linear (a frame of blanked quotations is mostly spaces).
_SHAPES = re.compile(
    r"(?<![\w])[Aa]s\s{1,8}(?P<as>[^\s,;:“”\"][^,;:“”\"]{0,79}?)\s{1,8}(?:put|puts|has\s{1,8}put|phrased)\s{1,8}it\b"
    r"|(?P<put>[^\s,;:“”\"][^,;:“”\"]{0,79}?)\s{1,8}(?:put|puts)\s{1,8}it(?:\s{1,8}\w{1,20}ly|\s{1,8}this\s{1,8}way)?\s{0,8}:"
    r"|(?<![\w])[Ii]n\s{1,8}(?P<words>[^\s,;:“”\"][^,;:“”\"]{0,79}?)['’]s?\s{1,8}(?:own\s{1,8})?words\b"
    r"|(?P<colon>[^\s,;:“”\"][^,;:“”\"]{0,79}?):\s{0,8}[“\"]"
    r"|[”\"]\s{0,8}[—–]\s{0,8}(?P<dash>[^\s,;:.“”\"—–][^,;:.“”\"—–]{0,79})"
)
#: The verb each shape stands for in a :class:`Mention`.
_SHAPE_VERBS = {"as": "put it", "put": "put it", "words": "in the words of", "colon": ":", "dash": "—"}
#: Where a speaker's phrase after its verb ends: a stop that ends the sentence, a semicolon
#: or colon, a quotation (a full stop after an initial or "U.S." does not end it).
_PHRASE_END = re.compile(r"[;:!?](?:\s|$)|\.\s*$|\s[\"“]")
#: What follows a name to describe the person: an appositive, an affiliation, a relative clause.
_DESCRIPTION = re.compile(r",\s+(?:an?|the|who|whose|which)\s|\s+(?:of|at|from|with)\s+(?:the\s+)?[A-Z]")
_COORDINATED = re.compile(r"\s+(?:and|but)\s+(?:(?:also|then|later)\s+)?$")
#: Words that make a part a clause of its own rather than a speaker's phrase.
_CLAUSE = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|can|could|did|does|do)\b")


@dataclass(frozen=True)
class Mention:
    """The words a tag names its speaker with, and their form."""

    text: str
    form: str
    #: "he" or "she" where an honorific or the pronoun says so.
    gender: str = ""
    #: The verb or phrase that makes the tag ("said", "according to").
    verb: str = ""
    #: Where the verb stands in the sentence.
    at: int = 0
    #: A tag whose speaker was read only from a view held ("is not persuaded").
    stance: bool = False
    #: What the phrase is: a document (poll, report) names its author's view.
    head: str = ""
    #: (start, end) of the words around the tag that are the reporter's own: the clause
    #: before "and said" ("Ann Lee arrived in 2004 and said …") and the description of the
    #: speaker ("said Kelly, who served as deputy chief of mission …").
    narrated: tuple[tuple[int, int], ...] = ()

    @property
    def kind(self) -> str:
        """The kind of speaker the words name, before any resolution."""
        if self.form in (NAME, SURNAME):
            return PERSON
        if self.form == ANONYMOUS:
            return ANONYMOUS
        return INSTITUTION


def words(text: str) -> list[str]:
    return text.split()


def _clean(phrase: str) -> str:
    """A phrase without a parenthesis, surrounding punctuation and spare white space."""
    return " ".join(_PARENTHESIS.sub("", phrase).split()).strip(" ,;:—–-" + _QUOTE_END + "“‘")


def strip_titles(tokens: list[str]) -> tuple[list[str], str]:
    """A name without the titles before it ("Navy Adm. William Gortney" → William Gortney),
    and the gender an honorific gives ("Ms." → she)."""
    gender = ""
    while len(tokens) > 1 and fold(tokens[0]).rstrip(".") in TITLES:
        gender = HONORIFIC_GENDER.get(fold(tokens[0]).rstrip("."), gender)
        tokens = tokens[1:]
    return tokens, gender


def person_name(phrase: str) -> tuple[str, str] | None:
    """(name, gender) when ``phrase`` is a person's name, with or without titles: one to five
    capitalised words or initials, none of them a place or body word; else None."""
    tokens = words(_clean(phrase))
    while tokens and fold(tokens[0]) in _SUBORDINATORS | {
        "when",
        "in",
        "on",
        "at",
        "after",
        "before",
        "despite",
        "for",
        "with",
    }:
        tokens = tokens[1:]
    if not tokens or fold(tokens[0]) in _DETERMINERS:
        return None
    tokens, gender = strip_titles(tokens)
    if not 1 <= len(tokens) <= 5 or not all(_NAME_WORD.match(token) for token in tokens):
        return None
    if not tokens[0][:1].isupper() or not tokens[-1][:1].isupper() or tokens[-1].endswith("."):
        return None
    bare = [re.sub(r"['’]s$", "", fold(token)).strip(".") for token in tokens]
    if any(
        word in NOT_PERSON_WORDS or word in TITLES or word in GROUP_NOUNS or word in PERSON_NOUNS for word in bare
    ) or any(_ACRONYM.match(t) and "." not in t for t in tokens):
        return None
    return " ".join(tokens), gender


def _head(phrase: str) -> str:
    """The head noun of a noun phrase: its last word before a preposition ("a senior official
    at the ministry" → official)."""
    tokens = re.split(r"\s+(?:at|of|on|in|for|from|with|near|inside|outside|by)\s+", phrase, maxsplit=1)[0].split()
    return fold(tokens[-1]).strip(".,") if tokens else ""


def classify(phrase: str, verb: str = "", at: int = 0, stance: bool = False) -> Mention | None:
    """What a speaker's phrase is: a person's name, a pronoun, an unnamed source, a group,
    a definite description or an institution; None when it names nobody."""
    anonymous = bool(ANONYMITY.search(phrase))
    phrase = _WHEN.sub("", _clean(_CUT.sub("", phrase)))
    by = _BY.match(phrase)
    if by:
        who = _outlet(_clean(by["who"]))
        return Mention(who, INSTITUTION, verb=verb, at=at, stance=stance, head=by["doc"].lower()) if who else None
    tokens = words(phrase)
    if not tokens or len(tokens) > 14:
        return None
    first = fold(tokens[0])
    if len(tokens) == 1 and first in PRONOUNS:
        return Mention(phrase, PRONOUN, PRONOUNS[first], verb, at, stance)
    if first in ("its", "their") and len(tokens) > 1:
        return Mention(" ".join(tokens[1:]), POSSESSIVE, verb=verb, at=at, stance=stance, head=_head(phrase))
    name = person_name(phrase)
    if name:
        return Mention(name[0], SURNAME if len(name[0].split()) == 1 else NAME, name[1], verb, at, stance)
    if len(tokens) == 1 and _ACRONYM.match(tokens[0]):
        return Mention(tokens[0], ACRONYM, verb=verb, at=at, stance=stance)
    head = _head(phrase)
    if first in ("a", "an", "one") and (head in PERSON_NOUNS or anonymous or head not in INSTITUTION_HEADS):
        return Mention(phrase[0].lower() + phrase[1:], ANONYMOUS, verb=verb, at=at, stance=stance, head=head)
    if anonymous or (first in ("unnamed", "anonymous") and head in GROUP_NOUNS):
        return Mention(phrase[0].lower() + phrase[1:], ANONYMOUS, verb=verb, at=at, stance=stance, head=head)
    if first == "the" and len(tokens) <= 4 and not any(t[:1].isupper() for t in tokens[1:]):
        return Mention(_outlet(phrase), DEFINITE, verb=verb, at=at, stance=stance, head=head)
    if head in GROUP_NOUNS and not any(t[:1].isupper() for t in tokens[1:]):
        return Mention(phrase[0].lower() + phrase[1:], INSTITUTION, verb=verb, at=at, stance=stance, head=head)
    if first in _DETERMINERS - {"the"} or not (tokens[0][:1].isupper() or first == "the"):
        return None
    if not (head in INSTITUTION_HEADS or any(t[:1].isupper() for t in tokens[1:]) or tokens[0][:1].isupper()):
        return None
    return Mention(_outlet(phrase), INSTITUTION, verb=verb, at=at, stance=stance, head=head)


def _outlet(phrase: str) -> str:
    """A body by its name as a sentence inside the text would write it ("The ministry" → the
    ministry), and an outlet without the description before it ("the newspaper El Sur" → El
    Sur, "the Mexican newspaper Milenio" → Milenio)."""
    if phrase.startswith("The "):
        phrase = "the " + phrase[4:]
    tokens = words(phrase)
    for index, token in enumerate(tokens[:4]):
        if (
            fold(token) in OUTLET_DESCRIPTORS
            and index + 1 < len(tokens)
            and tokens[index + 1][:1].isupper() | (fold(tokens[index + 1]) == "the")
        ):
            return " ".join(tokens[index + 1 :])
    return phrase


def _before(frame: str, start: int) -> list[str]:
    """The words before ``start``, at most :data:`WINDOW`, back to the last clause boundary
    that cannot sit inside a speaker's phrase (a quotation, a semicolon, a dash)."""
    window = frame[max(0, start - 12 * WINDOW) : start]
    cut = max(window.rfind(mark) for mark in (";", ":", "—", "–", '"', "“", "”", "  "))
    return window[cut + 1 :].split()[-WINDOW:]


def _segments(text: str) -> list[str]:
    """Comma-separated parts of a phrase (not the comma inside "1,400")."""
    return [part.strip() for part in re.split(r",\s+|,$", text) if part.strip()]


def _subject_before(frame: str, start: int) -> str | None:
    """The speaker's phrase before a verb: the name in "X, appositive, said", the last clause
    in "…, the commission said", the words before a relative clause in "a member who … said"."""
    tokens = _before(frame, start)
    while tokens and fold(tokens[-1]) in AUXILIARIES:
        tokens.pop()
    if (
        not tokens
        or fold(tokens[-1]) in NOT_A_TAG_BEFORE
        or fold(tokens[-1]) in _DETERMINERS
        or tokens[-1].endswith("'s")
    ):
        return None
    chunk = " ".join(tokens)
    if chunk.endswith(","):
        return _appositive_subject(chunk)
    if fold(tokens[-1]) in ("and", "but", "or"):
        clauses = _segments(" ".join(tokens[:-1]))
        return _clause_subject(clauses[-1]) if clauses else None
    parts = _segments(chunk)
    if not parts:
        return None
    last = parts[-1]
    last = re.split(r"\s+and\s+(?=(?:the|a|an)\s|[A-Z])", last)[-1]
    return _trailing_phrase(last)


def _clause_subject(clause: str) -> str | None:
    """The subject of a clause a verb of speech is coordinated with ("Ann Lee arrived in 2004
    and said …" → Ann Lee): its opening name or determiner and the nouns after it."""
    tokens = clause.split()
    while tokens and fold(tokens[0]) in _SUBORDINATORS:
        tokens = tokens[1:]
    subject: list[str] = []
    for token in tokens[:8]:
        if token[:1].isupper() or (not subject and fold(token) in _DETERMINERS) or fold(token).strip(",") in _NOUNS:
            subject.append(token)
        else:
            break
    return " ".join(subject) or None


def _appositive_subject(chunk: str) -> str | None:
    """The speaker in "X, appositive, said": the last person's name among the parts, else the
    first part when it is a short noun phrase; None when the parts are a clause (then the
    verb comes before its subject: "…, said X"). A lone part with no name is such a clause too:
    "Rainfall fell, said Ann Lee" has no appositive, so its speaker follows the verb."""
    segments = _segments(chunk)
    parts = [p for p in segments if not _is_modifier(p)]
    names = [_name_prefix(p) for p in parts if _name_prefix(p)]
    if names:
        return names[-1]
    if len(segments) > 1 and parts and len(parts[0].split()) <= 12 and not _CLAUSE.search(parts[0]):
        first = fold(parts[0].split()[0])
        if first in _DETERMINERS or parts[0][:1].isupper():
            return parts[0]
    return None


def _is_modifier(part: str) -> bool:
    """A comma-separated part that is no speaker: a relative or participle clause, a time or
    place ("who served…", "published in January", "At a news conference on Monday")."""
    first = fold(part.split()[0])
    return first in _MODIFIERS


def _trailing_phrase(segment: str) -> str:
    """The noun phrase that ends a clause: "something Kelly" → Kelly, "In most of them, he" →
    he; a phrase that opens with a determiner or a capital is kept whole, less a leading
    subordinator ("Even though the government" → the government)."""
    # "a project that officials [say]": a short phrase after "that" is the verb's own subject
    # (after "a member who [spoke …]", the relative pronoun is, and the clause is cut)
    own = _OBJECT_RELATIVE.search(segment)
    tokens = own["subject"].split() if own else _CUT.sub("", segment).split()
    # "who asked not to be named because she [feared]": the subject follows the last subordinator
    last = max((i for i, token in enumerate(tokens) if fold(token) in _SUBORDINATORS - _COORDINATORS), default=-1)
    tokens = tokens[last + 1 :]
    while tokens and fold(tokens[0]) in _SUBORDINATORS:
        tokens = tokens[1:]
    if not tokens:
        return ""
    if fold(tokens[0]) in _DETERMINERS or fold(tokens[0]) in PRONOUNS or tokens[0][:1].isupper():
        return " ".join(tokens)
    capitals: list[str] = []
    for token in reversed(tokens):
        if not token[:1].isupper():
            break
        capitals.insert(0, token)
    return " ".join(capitals) if capitals else " ".join(tokens)


def _subject_after(frame: str, end: int) -> str | None:
    """The speaker's phrase after a verb in "…," said the minister, Jane Roe, speaking …:
    the first name among the first three parts, else the first part."""
    rest = frame[end : end + 12 * WINDOW]
    stop = _PHRASE_END.search(rest)
    rest = rest[: stop.start()] if stop else rest
    parts = _segments(rest)[:3]
    if not parts or fold(parts[0].split()[0]) in ("that", "to", "it", "so", "in", "on", "at", "of"):
        return None
    parts = [p for p in parts if not _is_modifier(p)]
    names = [_name_prefix(p) for p in parts if _name_prefix(p)]
    return names[0] if names else (parts[0] if parts else None)


def _name_prefix(part: str) -> str | None:
    """The person's name a part opens with, before an affiliation ("David Shirk of the
    University of San Diego" → David Shirk), or None."""
    piece = re.split(r"\s+(?:of|at|from|with|in|for|on|who|whose)\s+", _CUT.sub("", part), maxsplit=1)[0]
    return piece if person_name(piece) else None


def read(frame: str) -> list[Mention]:
    """Every speaker a sentence's tags name, in order; ``frame`` has its quotations blanked."""
    found: list[Mention] = []
    for mention in _tags(frame):
        if mention is not None and all(m.text != mention.text for m in found):
            found.append(mention)
    return found


def _tags(frame: str) -> Iterator[Mention | None]:
    for match in _ACCORDING.finditer(frame):
        rest = frame[match.end() : match.end() + 12 * WINDOW]
        phrase = re.split(rf",\s|{_PHRASE_END.pattern}", rest, maxsplit=1)[0]
        yield classify(phrase, match.group().strip(), match.start())
    for pattern, stance in ((SPEECH, False), (STANCE, True)):
        for match in pattern.finditer(frame):
            yield _tag(frame, match, stance)
    for match in _SHAPES.finditer(frame):
        shape = match.lastgroup or ""
        phrase = match[shape].strip()
        if shape == "colon" and " " not in phrase and not frame[: match.start(shape)].strip():
            continue  # "Quoted: “…”", "Update: “…”": one word opening the sentence is a label
        yield classify(phrase, _SHAPE_VERBS[shape], match.start(shape))


def _narrated(frame: str, match: re.Match[str], mention: Mention) -> tuple[tuple[int, int], ...]:
    """The reporter's words around a tag: a clause coordinated before it, and the
    description that follows a person's name ("…, who served as …", ", a professor at …")."""
    spans = []
    coordinated = _COORDINATED.search(frame, max(0, match.start() - 20), match.start())
    if coordinated:
        spans.append((0, coordinated.start()))
    if mention.form in (NAME, SURNAME, INSTITUTION):
        name = re.sub(r"^the\s+", "", mention.text)  # "the Harwick Riders Alliance" opens a sentence as "The …"
        after = frame.find(name, match.end(), match.end() + 12 * WINDOW)
        before = frame.rfind(name, max(0, match.start() - 12 * WINDOW), match.start())
        if after >= 0 and _DESCRIPTION.match(frame, after + len(name)):
            spans.append((after + len(name), len(frame.rstrip())))
        elif before >= 0 and _DESCRIPTION.match(frame, before + len(name)):
            spans.append((before + len(name), match.start()))
    return tuple(spans)


def _tag(frame: str, match: re.Match[str], stance: bool) -> Mention | None:
    """The mention one verb makes, or None when the verb tags nobody here."""
    verb = " ".join(match.group().split())
    if verb in ("added", "adds", "add") and frame[match.end() :].startswith(" to "):
        return None
    before = frame[: match.start()].rstrip()
    phrase = None
    if not before.endswith(tuple(_QUOTE_END)):
        phrase = _subject_before(frame, match.start())
    if phrase is None and not stance and (not before or before[-1] in "," + _QUOTE_END):
        phrase = _subject_after(frame, match.end())
    mention = classify(phrase, verb, match.start(), stance) if phrase else None
    if mention is not None:
        mention = replace(mention, narrated=_narrated(frame, match, mention))
    if (
        mention is not None
        and verb in ("found", "finds", "find")
        and mention.head not in DOCUMENT_HEADS | INSTITUTION_HEADS
    ):
        return None
    if mention is not None and mention.form == PRONOUN and _in_relative_clause(frame, match.start()):
        return None  # "…, who asked not to be named because she feared …": the reporter describing a speaker
    return mention


def _in_relative_clause(frame: str, position: int) -> bool:
    """The words at ``position`` stand in a clause that describes someone ("…, who …")."""
    clause = frame[frame.rfind(",", 0, position) + 1 : position].split()
    return bool(clause) and fold(clause[0]) in ("who", "whose")
