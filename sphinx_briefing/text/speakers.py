"""Who speaks in each sentence of a source: the basis of the attribution check.

A news article gives facts in its own voice and views in someone else's. When a source
is parsed, every sentence gets a :class:`Voice`: a kind (the reporter, a person, an
unnamed source, an institution), a name, and a confidence with the reason for it. The
model reads the article in order, as a reader does:

1. **Tags** (:mod:`.tags`): "said the foreign minister, Jane Roe", "Jane Roe, the foreign
   minister, said", "a senior official, who spoke on condition of anonymity, said",
   "according to …", "a poll by … found", "the ministry has estimated". A name is sure.
2. **References** (:mod:`.referents`): a surname, an acronym, "the official", "the agency",
   "its finance ministry" are resolved to whoever the article named before.
3. **Pronouns**: "he said", "she added" continue the speaker of the sentence before when
   the pronoun fits; otherwise the most recent speaker known to be "he" or "she"; never a
   person merely named (an anonymous official after a named envoy stays anonymous).
4. **Quotations** that run on across sentences and paragraphs keep their speaker; a bare
   quotation takes the speaker of the sentence before it in the paragraph, or of the tag
   that follows it ("…" Ana Ferreira, an aide, said …).
5. Anything else is the reporter's own narration.

Where the reading rests on a guess (a bare quotation with nobody before or after it, a
pronoun that fits nobody), the voice is *unsure*: the attribution check then asks the
maintainer to settle it in the source's header instead of demanding a name it guessed.

The header corrects any paragraph or sentence (``attribution``) and adds the other names
a speaker goes by (``speaker_names``); the README gives its syntax.

Cost: each sentence is read once, each tag in a bounded window, and each reference looked
up in the bounded lists of :mod:`.referents`, so reading a source is linear in its length.

Pure text functions; no Sphinx.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from .characters import hidden_in
from .lexicon import DOCUMENT_HEADS, GROUP_NOUNS, INSTITUTION_HEADS, PERSON_NOUNS
from .quantities import Quantity, quantities
from .quotemarks import find as find_quotes
from .referents import Entity, Referents, key
from .sentences import content_words, fold, split
from .tags import (
    ACRONYM,
    ANONYMOUS,
    DEFINITE,
    INSTITUTION,
    NAME,
    PERSON,
    POSSESSIVE,
    PRONOUN,
    REPORTER,
    SURNAME,
    Mention,
    read,
)

#: Header value meaning "the article's own voice": nobody to name.
NARRATION = frozenset({"article", "narration", "none", "reporter"})
#: Every kind of voice, as the header and the annex write them.
KINDS = (REPORTER, PERSON, ANONYMOUS, INSTITUTION)

#: Confidence of each way of finding a speaker; below :data:`SURE` the voice is unsure.
NAMED, CARRIED, NEAR, RESOLVED, GUESSED = 1.0, 0.9, 0.8, 0.6, 0.3
SURE = 0.5
#: How many paragraphs back a pronoun or a guess may look for its speaker, and how far for
#: the last speaker known to be "he" or "she"; how many speakers that look reads at most.
LOOKBACK, FAR, RECENT_SPEAKERS = 3, 8, 40
#: How many sentences on a quotation's tag may stand.
TAG_REACH = 20
_PRONOUN_KINDS = {
    "he": (PERSON, ANONYMOUS),
    "she": (PERSON, ANONYMOUS),
    "i": (PERSON, ANONYMOUS),
    "it": (INSTITUTION,),
    "they": (PERSON, ANONYMOUS, INSTITUTION),
}
#: Last words too general to stand for a speaker on their own ("the White House" is not "House").
_GENERIC = frozenset({"house", "government", "command", "department", "university", "sources", "administration"})
#: Words that name an unnamed source in the book ("an official who asked not to be named").
_ANONYMOUS_FORMS = ("anonymous", "anonymity", "unnamed", "not to be named", "unidentified", "source", "sources")


class AttributionError(ValueError):
    """A header correction that names no sentence of the source; the message says which."""


@dataclass(frozen=True)
class Voice:
    """Who speaks in a sentence: a kind, a name (none for the reporter), and how sure."""

    kind: str = REPORTER
    name: str = ""
    confidence: float = NAMED
    #: How the speaker was found: "named", "quotation", "pronoun", "reference", "guess",
    #: "header" or "narration"; the annex prints it for an unsure voice.
    basis: str = "narration"

    @property
    def unsure(self) -> bool:
        """The reading rests on a guess; the header should settle it."""
        return self.confidence < SURE


_REPORTER = Voice()
#: A quotation nobody can be found for: a guess the header must settle.
_UNKNOWN = Voice(ANONYMOUS, "an unidentified speaker", GUESSED / 2, "guess")
_TOPIC = re.compile(r"\s*((?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*)\s+(?:has|have|is|are|was|were|will|had)\b")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a source paragraph, with whose view and whose words it carries."""

    number: int
    text: str
    view: tuple[str, ...] = ()
    #: (start, end) of each quotation in the sentence, and whose words each one is.
    quoted: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    quotes: tuple[tuple[str, ...], ...] = ()
    #: Who speaks: the kind, name and confidence of the first speaker of ``view``.
    voice: Voice = _REPORTER
    #: Where the sentence starts in its paragraph's text (white space flattened).
    start: int = field(default=0, compare=False)
    #: (start, end) of words in the reporter's own voice in a sentence that also reports a
    #: view: "Ann Lee arrived in 2004" in "Ann Lee arrived in 2004 and said …".
    narrated: tuple[tuple[int, int], ...] = ()

    def speakers_at(self, position: int) -> tuple[str, ...]:
        """The speakers of the words at ``position``: the quotation's, inside one; nobody's in
        a stretch of narration."""
        for (start, end), speakers in zip(self.quoted, self.quotes):
            if start <= position < end:
                return speakers
        if any(start <= position < end for start, end in self.narrated):
            return ()
        return self.view

    @property
    def entirely_view(self) -> bool:
        """The sentence is someone's statement or view, not a clause of the reporter's own
        with a view added ("Ann Lee arrived in 2004 and said …"); a description of the
        speaker ("said Kelly, who served as …") does not count against it."""
        return bool(self.view) and not any(start == 0 for start, _end in self.narrated)

    def parts(self) -> tuple[str, str]:
        """(the words of the view, the reporter's words) of the sentence."""
        own = "".join(self.text[start:end] for start, end in self.narrated)
        view, last = [], 0
        for start, end in sorted(self.narrated):
            view.append(self.text[last:start])
            last = max(last, end)
        view.append(self.text[last:])
        return "".join(view), own

    @property
    def speakers(self) -> tuple[str, ...]:
        """Everyone whose view or words the sentence carries."""
        return tuple(dict.fromkeys([*self.view, *(name for names in self.quotes for name in names)]))

    # Every sentence of the book is weighed against every sentence it cites, so what the
    # checks read of a source sentence is read once and kept with it for the build: a
    # bounded cache of texts thrashed on a range of 40,000 sentences (red team J, 2.2 s for
    # each sentence of the book that cited it).

    @cached_property
    def view_words(self) -> frozenset[str]:
        """The content words of the view the sentence reports (none if it reports none)."""
        return content_words(self.parts()[0]) if self.view else frozenset()

    @cached_property
    def own_words(self) -> frozenset[str]:
        """The content words of the reporter's own words in the sentence."""
        return content_words(self.parts()[1] if self.view else self.text)

    @cached_property
    def figures(self) -> tuple[Quantity, ...]:
        """The quantities the sentence gives."""
        return quantities(self.text)

    @property
    def unsure(self) -> bool:
        """Whether who speaks here is a guess the header should settle."""
        return self.voice.unsure


# -- reading a whole source -------------------------------------------------------------


@dataclass
class _Quotations:
    """Where the quotations of one paragraph run, including one left open at its end."""

    spans: list[tuple[int, int]]
    runs_on: bool

    @classmethod
    def of(cls, text: str) -> _Quotations:
        quotes, stray = find_quotes(text)
        spans = [(q.start, q.end) for q in quotes if q.depth == 0]
        openers = [i for i in stray if text[i] in "\"“«„‘'"]
        closers = [i for i in stray if text[i] not in "\"“«„‘'"]  # a test per mark: linear (red team K)
        if closers and not openers:
            spans.append((0, closers[0] + 1))
        if openers:
            spans.append((openers[0], len(text)))
        spans.sort()
        return cls(spans, bool(openers))

    def holding(self, position: int) -> tuple[int, int] | None:
        """The quotation that ``position`` lies in, if any (a binary search)."""
        index = bisect_right(self.spans, (position, math.inf)) - 1
        if index >= 0 and self.spans[index][0] <= position < self.spans[index][1]:
            return self.spans[index]
        return None

    def blank(self, text: str, start: int, end: int) -> str:
        """``text[start:end]`` with every quoted word blanked (the marks stay); only the
        quotations that overlap the stretch are read."""
        chars = list(text[start:end])
        first = max(0, bisect_right(self.spans, (start, 0)) - 1)
        for quote_start, quote_end in self.spans[first:]:
            if quote_start >= end:
                break
            for index in range(max(quote_start + 1, start), min(quote_end - 1, end)):
                chars[index - start] = " "
        return "".join(chars)


class _Reader:
    """Reads the sentences of an article in order, keeping what a reader keeps in mind."""

    def __init__(self) -> None:
        self.referents = Referents()
        #: The voice of the sentence just read, and of the last one not the reporter's.
        self.previous: Voice = _REPORTER
        self.last_speaker: Voice = _REPORTER
        self.last_paragraph = 0
        #: The voice of a quotation the previous paragraph left open.
        self.run_on: Voice | None = None
        #: The place or body the last sentence opened with, for a later "its".
        self.topic = ""
        #: The referents' clock at the start of each paragraph, for looking back.
        self.paragraph_clock: list[int] = []
        self.entities: dict[str, Entity] = {}
        #: (paragraph, voice) of every sentence not the reporter's, in order.
        self.spoken: list[tuple[int, Voice]] = []

    def paragraph(self, text: str) -> list[Sentence]:
        """The sentences of one paragraph, each with its voice."""
        self.paragraph_clock.append(self.referents.clock)
        quotations = _Quotations.of(text)
        cuts = split(text)
        frames = [quotations.blank(text, start, end) for start, end in cuts]
        tags = [read(frame) for frame in frames]
        voices: list[Voice | None] = []
        named: list[list[str]] = []
        narrated: list[tuple[tuple[int, int], ...]] = []
        pending: dict[int, int] = {}
        for index in range(len(cuts)):
            found = [self._resolve(mention) for mention in tags[index]]
            speaking = [voice for voice in found if voice.kind != REPORTER]
            named.append(list(dict.fromkeys(voice.name for voice in speaking)))
            voice = speaking[0] if speaking else self._untagged(text, quotations, cuts, tags, index, voices, pending)
            if speaking:
                first = next(m for m, v in zip(tags[index], found) if v.kind != REPORTER)
                lead = len(frames[index]) - len(frames[index].lstrip())
                narrated.append(tuple((max(0, a - lead), max(0, b - lead)) for a, b in first.narrated))
            else:
                narrated.append(())
            voices.append(voice)
            if voice is not None:
                self._remember(voice)
            self.referents.note(frames[index])
            self._topic(frames[index])
        for index, target in pending.items():
            carried = voices[target] or _REPORTER
            voices[index] = replace(carried, confidence=min(NEAR, carried.confidence), basis="quotation")
        self.run_on = voices[-1] if quotations.runs_on and voices else None
        return [
            replace(self._sentence(text, number, cut, voice or _REPORTER, more), narrated=plain)
            for number, (cut, voice, more, plain) in enumerate(zip(cuts, voices, named, narrated), start=1)
        ]

    @staticmethod
    def _sentence(text: str, number: int, cut: tuple[int, int], voice: Voice, named: list[str]) -> Sentence:
        start, end = cut
        sentence = text[start:end]
        stripped = sentence.strip()
        offset = start + len(sentence) - len(sentence.lstrip())
        quotes, _stray = find_quotes(stripped)
        quoted = tuple((q.start, q.end) for q in quotes if q.depth == 0)
        names = tuple(dict.fromkeys([voice.name, *named])) if voice.kind != REPORTER else ()
        return Sentence(number, stripped, names, quoted, (names,) * len(quoted), voice, offset)

    def _untagged(
        self,
        text: str,
        quotations: _Quotations,
        cuts: list[tuple[int, int]],
        tags: list[list[Mention]],
        index: int,
        voices: list[Voice | None],
        pending: dict[int, int],
    ) -> Voice | None:
        """The voice of a sentence without a tag: the reporter's, unless it is quoted words
        (then the quotation's speaker, or None while a later tag will say)."""
        start, end = cuts[index]
        first = start + len(text[start:end]) - len(text[start:end].lstrip())
        quotation = quotations.holding(first)
        if quotation is None:
            return _REPORTER
        if quotation[0] < first:
            began = bisect_right(cuts, (quotation[0], math.inf)) - 1
            if 0 <= began < index and voices[began] is not None and voices[began].kind != REPORTER:
                return replace(voices[began], confidence=min(CARRIED, voices[began].confidence), basis="quotation")
        if index == 0 and self.run_on is not None and self.run_on.kind != REPORTER:
            return replace(self.run_on, confidence=min(CARRIED, self.run_on.confidence), basis="quotation")
        later = _tag_after(quotation, cuts, tags, index)
        if later is not None:
            pending[index] = later
            return None
        before = voices[-1] if voices else None
        if before is not None and before.kind != REPORTER:
            return replace(before, confidence=min(NEAR, before.confidence), basis="quotation")
        if self.last_speaker.kind != REPORTER and len(self.paragraph_clock) - self.last_paragraph <= LOOKBACK:
            return replace(self.last_speaker, confidence=GUESSED, basis="guess")
        return _UNKNOWN

    def _remember(self, voice: Voice) -> None:
        self.previous = voice
        if voice.kind != REPORTER:
            self.spoken.append((len(self.paragraph_clock), voice))
            self.last_speaker = voice
            self.last_paragraph = len(self.paragraph_clock)

    def _topic(self, frame: str) -> None:
        """The place or body a sentence opens with, for a later "its" ("Valle Hondo has …")."""
        match = _TOPIC.match(frame)
        if match and fold(match[1].split()[0]) not in ("the", "it", "he", "she", "they", "but", "and"):
            self.topic = match[1]

    # -- resolving what a tag names -------------------------------------------------

    def _resolve(self, mention: Mention) -> Voice:
        """The voice a tag's mention stands for, resolved against what came before."""
        if mention.form == PRONOUN:
            return self._pronoun(mention)
        confidence = NEAR if mention.stance else NAMED
        if mention.form in (NAME, SURNAME):
            entity = self.referents.entity(mention.text, PERSON)
        elif mention.form == ACRONYM:
            entity = self.referents.by_key.get(key(mention.text)) or self.referents.entity(mention.text, INSTITUTION)
        elif mention.form == DEFINITE:
            entity = self.referents.described(mention.text)
            if entity is None:
                kind = (
                    ANONYMOUS if mention.head in PERSON_NOUNS and mention.head not in INSTITUTION_HEADS else INSTITUTION
                )
                entity = self.referents.entity(mention.text, kind)
                confidence = min(confidence, RESOLVED if kind == ANONYMOUS else NAMED)
            else:
                self.referents.seen(entity)
                confidence = min(confidence, NEAR)
        elif mention.form == POSSESSIVE:
            owner = self.topic or (self.last_speaker.name if self.last_speaker.kind == INSTITUTION else "")
            if not owner:
                return Voice(INSTITUTION, "its " + mention.text, GUESSED, "reference")
            entity = self.referents.entity(f"{owner}'s {mention.text}", INSTITUTION)
            confidence = min(confidence, RESOLVED)
        else:
            entity = self.referents.by_key.get(key(mention.text)) or self.referents.entity(mention.text, mention.kind)
            if mention.kind == ANONYMOUS and entity.kind != ANONYMOUS:
                entity = self.referents.entity(mention.text, ANONYMOUS)
        if mention.head:
            # "a poll by X" makes X what a later "the report" or "the survey" may mean
            self.referents.describe(entity, [mention.head, *(DOCUMENT_HEADS if mention.head in DOCUMENT_HEADS else ())])
        if mention.kind == ANONYMOUS or entity.kind == ANONYMOUS:
            self.referents.describe(entity, mention.text.split())
        entity.gender = entity.gender or mention.gender
        entity.spoke = True
        self.entities[entity.name] = entity
        basis = "reference" if mention.form in (DEFINITE, POSSESSIVE, ACRONYM) else "named"
        return Voice(entity.kind, entity.name, confidence, basis)

    def _pronoun(self, mention: Mention) -> Voice:
        """ "He said", "she added", "it called", "they say": the speaker of the sentence before
        when the pronoun fits; else the latest speaker known to be "he" or "she"; else, while
        nobody has spoken yet, the one person the article has named; else a guess."""
        pronoun = mention.gender
        kinds = _PRONOUN_KINDS[pronoun]
        previous = self.previous
        if previous.kind in kinds and self._fits(previous.name, pronoun):
            self._learn(previous.name, pronoun)
            return replace(previous, confidence=min(CARRIED, previous.confidence), basis="pronoun")
        recent = self._recent_speakers(kinds, FAR)
        known = (
            [voice for voice in recent if self._gender(voice.name) == pronoun]
            if pronoun in ("he", "she")
            else recent[:1]
        )
        if known:
            return replace(known[0], confidence=min(RESOLVED, known[0].confidence), basis="pronoun")
        fitting = [voice for voice in self._recent_speakers(kinds, LOOKBACK) if self._fits(voice.name, pronoun)]
        if fitting:
            return replace(fitting[0], confidence=GUESSED, basis="pronoun")
        if self.last_speaker.kind == REPORTER and pronoun in ("he", "she"):
            since = self.paragraph_clock[max(0, len(self.paragraph_clock) - LOOKBACK - 1)]
            named = [e for e in self.referents.recent((PERSON,), since) if self._fits(e.name, pronoun)]
            if named:
                self._learn(named[0].name, pronoun)
                return Voice(PERSON, named[0].name, RESOLVED if len(named) == 1 else GUESSED, "pronoun")
        return _REPORTER if pronoun == "it" else _UNKNOWN

    def _recent_speakers(self, kinds: tuple[str, ...], paragraphs: int) -> list[Voice]:
        """Speakers of the last ``paragraphs`` paragraphs, most recent first, each once (at
        most :data:`RECENT_SPEAKERS` voices are read)."""
        first = len(self.paragraph_clock) - paragraphs
        found: dict[str, Voice] = {}
        for paragraph, voice in reversed(self.spoken[-RECENT_SPEAKERS:]):
            if paragraph >= first and voice.kind in kinds and voice.confidence >= SURE:
                found.setdefault(voice.name, voice)
        return list(found.values())

    def _gender(self, name: str) -> str:
        entity = self.referents.by_key.get(key(name))
        return entity.gender if entity is not None else ""

    def _fits(self, name: str, pronoun: str) -> bool:
        entity = self.referents.by_key.get(key(name))
        return entity is None or not entity.gender or pronoun not in ("he", "she") or entity.gender == pronoun

    def _learn(self, name: str, pronoun: str) -> None:
        entity = self.referents.by_key.get(key(name))
        if entity is not None and pronoun in ("he", "she") and not entity.gender:
            entity.gender = pronoun


def _tag_after(
    quotation: tuple[int, int], cuts: list[tuple[int, int]], tags: list[list[Mention]], index: int
) -> int | None:
    """A later sentence of the paragraph that tags this quotation: the one where the quotation
    closes (at most :data:`TAG_REACH` sentences on), or the next one when it names someone
    ("…" Ana Ferreira, an aide, said …)."""
    for later in range(index + 1, min(len(cuts), index + 1 + TAG_REACH)):
        if cuts[later][0] >= quotation[1]:
            break
        if quotation[1] <= cuts[later][1] + 1 and tags[later]:
            return later
    following = index + 1
    if following < len(cuts) and tags[following] and tags[following][0].form in (NAME, SURNAME, ANONYMOUS):
        return following
    return None


@dataclass(frozen=True)
class Reading:
    """A source read for its speakers: each paragraph's sentences, and every speaker's kind
    and other names (acronyms the article defines)."""

    sentences: list[list[Sentence]]
    #: Kinds by :func:`.referents.key` of the speaker's name.
    kinds: dict[str, str]
    aliases: dict[str, tuple[str, ...]]


def read_source(paragraphs: Sequence[str]) -> Reading:
    """Read every paragraph (white space already flattened) for who speaks in each sentence.

    Linear in the length of the text: see the module's docstring.
    """
    reader = _Reader()
    sentences = [reader.paragraph(text) for text in paragraphs]
    kinds = {key(entity.name): entity.kind for entity in reader.entities.values()}
    aliases = {entity.name: tuple(sorted(entity.aliases)) for entity in reader.entities.values() if entity.aliases}
    return Reading(unify(sentences), kinds, aliases)


def detect(paragraphs: Sequence[str]) -> list[list[Sentence]]:
    """Sentences of every paragraph with their speakers (see :func:`read_source`)."""
    return read_source(paragraphs).sentences


# -- the header's corrections ---------------------------------------------------------


def kind_of(name: str, kinds: Mapping[str, str] | None = None) -> str:
    """The kind of a speaker: as the article's reading knows it (``kinds``, keyed by
    :func:`.referents.key`), else by
    its form ("a senior official" is unnamed; "the ministry" and lower-case groups are
    institutions; a capitalised name is a person)."""
    if kinds and key(name) in kinds:
        return kinds[key(name)]
    words = name.split()
    first = fold(words[0]) if words else ""
    if first in ("a", "an", "one", "unnamed", "anonymous"):
        return ANONYMOUS
    if first == "the" or not name[:1].isupper() or fold(words[-1]) in INSTITUTION_HEADS | GROUP_NOUNS or name.isupper():
        return INSTITUTION
    return PERSON


def _parse_speakers(value: object) -> tuple[str, ...]:
    """A header value as speakers: "Kelly; White House", or an article-voice word for none."""
    text = str(value).strip()
    if fold(text) in NARRATION:
        return ()
    return tuple(part.strip() for part in text.split(";") if part.strip())


def correct(
    sentences: list[list[Sentence]], corrections: Mapping[str, object], kinds: Mapping[str, str] | None = None
) -> list[list[Sentence]]:
    """Apply the header's ``attribution``: ``"N"`` (a paragraph) or ``"N.S"`` (one sentence)
    maps to speakers, or to ``{view: ..., quotes: ..., kind: ...}`` where the view and the
    quoted words differ or the kind must be said; ``quotes`` may list one entry per
    quotation of the sentence. A corrected sentence is sure: the maintainer settled it."""
    fixed = [list(paragraph) for paragraph in sentences]
    for key_, value in corrections.items():
        _check_correction(str(key_), value)
        for index, number in _addressed(fixed, str(key_)):
            old = fixed[index][number - 1]
            mapping = value if isinstance(value, Mapping) else {}
            view = mapping.get("view", "article") if mapping else value
            quotes = mapping.get("quotes", view) if mapping else value
            speakers = _parse_speakers(view)
            kind = str(mapping.get("kind", "")) if mapping else ""
            if kind and kind not in KINDS:
                raise AttributionError(f"attribution {key_!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
            if kind == REPORTER:
                speakers = ()
            voice = (
                Voice(kind or kind_of(speakers[0], kinds), speakers[0], NAMED, "header")
                if speakers
                else Voice(basis="header")
            )
            fixed[index][number - 1] = replace(
                old, view=speakers, quotes=_per_quotation(str(key_), old, quotes), voice=voice
            )
    return fixed


#: The keys a correction's mapping may hold.
_CORRECTION_KEYS = frozenset({"view", "quotes", "kind"})


def _check_correction(key_: str, value: object) -> None:
    """A correction names speakers (or the article's voice) in text, or maps only ``view``,
    ``quotes`` and ``kind``: an empty value silently made a speaker's words the article's,
    and a misspelt key (``qoutes``) was dropped without a word."""
    if isinstance(value, Mapping):
        unknown = sorted(str(name) for name in value if name not in _CORRECTION_KEYS)
        if unknown:
            raise AttributionError(
                f"attribution {key_!r}: {unknown[0]!r} is not one of {', '.join(sorted(_CORRECTION_KEYS))}"
            )
        texts = [value.get("view", "article"), *_as_list(value.get("quotes", "article"))]
    else:
        texts = [value]
    for text in texts:
        names = _parse_speakers(text) if isinstance(text, str) else ()
        if not isinstance(text, str) or not (fold(text.strip()) in NARRATION or names):
            raise AttributionError(
                f"attribution {key_!r}: {text!r} names no speaker; write a name (several joined by ';') "
                f"or one of {', '.join(sorted(NARRATION))} for the article's own voice"
            )
        odd = next(
            (name for name in names if not any(char.isalpha() for char in name) or next(hidden_in(name), "")), None
        )
        if odd is not None:
            raise AttributionError(
                f"attribution {key_!r}: {odd!r} is no name (it has no letter, or a character that hides text); "
                "write the speaker's name as the article does"
            )


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _per_quotation(key_: str, sentence: Sentence, quotes: object) -> tuple[tuple[str, ...], ...]:
    """Speakers for each quotation of a sentence: one value for all, or a list, one each."""
    if not isinstance(quotes, list):
        return (_parse_speakers(quotes),) * len(sentence.quoted)
    if len(quotes) != len(sentence.quoted):
        raise AttributionError(
            f"attribution {key_!r} lists {len(quotes)} quotation(s); the sentence has {len(sentence.quoted)}"
        )
    return tuple(_parse_speakers(item) for item in quotes)


#: A paragraph or sentence number as the header writes it: ASCII digits ("٢" is not ¶2).
_DIGITS = re.compile(r"[0-9]{1,6}")


def _addressed(sentences: list[list[Sentence]], key_: str) -> Iterable[tuple[int, int]]:
    """(paragraph index, sentence number) pairs that a correction key names."""
    paragraph, _, sentence = key_.partition(".")
    if not _DIGITS.fullmatch(paragraph) or not 1 <= int(paragraph) <= len(sentences):
        raise AttributionError(f"attribution key {key_!r} is not a paragraph of this source (¶1–¶{len(sentences)})")
    index = int(paragraph) - 1
    count = len(sentences[index])
    if not sentence:
        return [(index, number) for number in range(1, count + 1)]
    if not _DIGITS.fullmatch(sentence) or not 1 <= int(sentence) <= count:
        raise AttributionError(f"attribution key {key_!r}: ¶{paragraph} has sentences 1–{count}")
    return [(index, int(sentence))]


def unify(sentences: list[list[Sentence]]) -> list[list[Sentence]]:
    """Fold every surname into the fullest name the source gives ("Kelly" → "Stephen Kelly"),
    so the annex and the warnings call each speaker one thing.

    Linear: names are filed by their last word, and each name is compared only with the
    names filed under its own last word.
    """
    by_last: dict[str, list[str]] = defaultdict(list)
    for name in dict.fromkeys(name for paragraph in sentences for s in paragraph for name in s.speakers):
        if name[:1].isupper():
            by_last[key(name).split()[-1] if key(name) else ""].append(name)

    def full(name: str) -> str:
        if not name[:1].isupper():
            return name
        folded = key(name)
        longer = [o for o in by_last.get(folded.split()[-1] if folded else "", []) if key(o).endswith(" " + folded)]
        return max(longer, key=len) if longer else name

    return [
        [
            replace(
                s,
                view=tuple(map(full, s.view)),
                quotes=tuple(tuple(map(full, q)) for q in s.quotes),
                voice=replace(s.voice, name=full(s.voice.name)) if s.voice.name else s.voice,
            )
            for s in paragraph
        ]
        for paragraph in sentences
    ]


# -- naming a speaker in the book -------------------------------------------------------


def fold_name(text: str) -> str:
    """Text as names are compared: folded, apostrophes and hyphens alike, white space (a
    line break inside a name too) made single spaces."""
    folded = fold(text).replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("-", " ")
    return " ".join(folded.split())


def name_forms(speaker: str, aliases: Iterable[str] = (), kind: str = "") -> tuple[str, ...]:
    """The folded words that count as naming a speaker: the full name, the surname (or the
    last two words of a longer name), the nouns of a group, the head noun of an unnamed
    source or an institution ("official", "ministry"), and the header's aliases."""
    kind = kind or kind_of(speaker)
    bare = re.sub(r"^(?:the|an?|one)\s+", "", speaker, flags=re.IGNORECASE)
    words = bare.split()
    forms = {fold_name(speaker), fold_name(bare)}
    if kind == PERSON and len(words) >= 2 and words[-1][:1].isupper() and fold(words[-1]) not in _GENERIC:
        forms.add(fold_name(words[-1]))
    if len(words) >= 3:
        forms.add(fold_name(" ".join(words[-2:])))
    forms.update(fold(word) for word in words if fold(word) in {"analysts", "officials", "experts"})
    if kind == ANONYMOUS:
        head = re.split(r"\s+(?:at|of|on|in|for|from|with|who|near)\s+", bare, maxsplit=1)[0].split()
        forms.update([fold_name(head[-1])] if head else [])
        forms.update(_ANONYMOUS_FORMS)
    if (
        kind == INSTITUTION
        and len(words) >= 2
        and fold(words[-1]) in INSTITUTION_HEADS
        and fold(words[-1]) not in _GENERIC
    ):
        forms.add(fold_name(" ".join(words[-2:])))
    forms.update(fold_name(alias) for alias in aliases)
    return tuple(sorted(form for form in forms if form))


def names(text: str, forms: Iterable[str]) -> bool:
    """True when ``text`` names a speaker in one of its forms (whole words; case, accents,
    apostrophe style, hyphens and line breaks ignored).

    Linear in the text: its words are cut once, and each form is looked up among the runs
    of as many words as it has.
    """
    wanted = {name_key(form) for form in forms} - {""}
    tokens = _words(fold_name(text))
    lengths = {len(form.split()) for form in wanted}
    return any(" ".join(tokens[i : i + n]) in wanted for n in lengths for i in range(len(tokens) - n + 1))


def name_key(text: str) -> str:
    """A name as :func:`names` compares it: folded words joined by single spaces."""
    return " ".join(_words(fold_name(text)))


def _words(folded: str) -> list[str]:
    """The words of folded text, without the full stops and apostrophes around them."""
    return [token.strip(".'") or token for token in re.findall(r"[\w'.&]+", re.sub(r"'s\b", "", folded))]
