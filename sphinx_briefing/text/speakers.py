"""Who speaks in each sentence of a source: the basis of the attribution check.

A news article gives facts in its own voice and views in someone else's ("said
Kelly", "analysts say", "according to ... Milenio"). When the source is parsed,
each sentence is given the speakers of its view and of its quoted words, found
by a few transparent patterns; the source's header can correct any paragraph or
sentence (``attribution``) and add the other names a speaker goes by
(``speaker_names``). The book must then name that speaker wherever it uses the view.

Pure text functions; no Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .quotemarks import find as find_quotes
from .sentences import fold, split

#: Header value meaning "the article's own voice": nobody to name.
NARRATION = frozenset({"article", "narration", "none"})
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|del|la))*"
#: Verbs of speech that tag a quotation or a view (the scaffold's voice finder uses them too).
SPEECH = (
    r"(?:(?:has |have |had )?said|says|say|told|tells|points out|pointed out|called|calls|argues|argued"
    r"|warns|warned|added|noted|notes|denied|denies)"
)
_GROUP = (
    r"(?:(?:former|some|other|many|several|unnamed|senior|the|Mexican|American|U\.S\.)\s+)*"
    r"(?:officials|analysts|experts|sources|government|administration)"
    r"(?:\s+and\s+(?:officials|analysts|experts))?"
)
_PATTERNS = (
    # "…, said Kelly." or "said Shirk of …": the name ends its clause or takes an affiliation;
    # in "said Mexico has…" the name is the object, not a speaker.
    re.compile(rf"\bsaid\s+(?P<name>{_NAME})(?=\s*(?:[,.;:!?]|$)|\s+(?:of|from|at|who|in)\b)"),
    re.compile(rf"(?P<name>{_NAME}),?\s+{SPEECH}\b"),
    re.compile(rf"(?P<name>{_GROUP})\s+{SPEECH}\b"),
    re.compile(
        rf"\b[Aa]ccording to\s+(?:(?:an?|the)\s+(?:analysis|report|study)\s+by\s+)?"
        rf"(?P<name>(?:the\s+)?(?:[A-Z][\w.-]*\s+)?(?:[a-z]+\s+){{0,2}}{_NAME})"
    ),
    re.compile(r"\bleaked by\s+(?P<name>(?:unnamed|anonymous)\s+sources)"),
)
_PRONOUN = re.compile(
    r"\b(?:(?:he|she|they)\s+(?:said|says|added|noted)|said\s+(?:he|she)|according to the (?:report|analysis))\b",
    re.IGNORECASE,
)
#: Capitalised words a speech pattern can catch that never name a speaker ("He said", "said Tuesday").
_NOT_NAMES = frozenset(
    "he she they it we i you this that there monday tuesday wednesday thursday friday saturday sunday".split()
)
#: Titles and ranks before a name, folded and without their full stop ("Navy Adm." → navy, adm).
TITLES = frozenset(
    "mayor president navy army adm gen general dr mr mrs ms sir professor prof sen senator rep gov governor "
    "minister secretary director chief judge justice councilman councilwoman officer captain capt col lt sgt".split()
)
#: Last words too general to stand for a speaker on their own ("the White House" is not "House").
_GENERIC = frozenset({"house", "government", "command", "department", "university", "sources", "administration"})


class AttributionError(ValueError):
    """A header correction that names no sentence of the source; the message says which."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of a source paragraph, with whose view and whose words it carries."""

    number: int
    text: str
    view: tuple[str, ...] = ()
    #: (start, end) of each quotation in the sentence, and whose words each one is.
    quoted: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    quotes: tuple[tuple[str, ...], ...] = ()

    def speakers_at(self, position: int) -> tuple[str, ...]:
        """The speakers of the words at ``position``: the quotation's, inside one."""
        for (start, end), speakers in zip(self.quoted, self.quotes):
            if start <= position < end:
                return speakers
        return self.view

    @property
    def speakers(self) -> tuple[str, ...]:
        """Everyone whose view or words the sentence carries."""
        return tuple(dict.fromkeys([*self.view, *(name for names in self.quotes for name in names)]))


def _clean(name: str) -> str:
    """A speaker's name without titles and trailing punctuation ("Navy Adm. William Gortney")."""
    words = name.strip(" ,.").split()
    while words and fold(words[0]).rstrip(".") in TITLES | {"the"}:
        words = words[1:]
    return " ".join(words)


def _detect(frame: str) -> list[str]:
    """Speakers named by the speech patterns in a sentence whose quotations are blanked."""
    found: list[str] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(frame):
            name = _clean(match.group("name"))
            if name and fold(name) not in _NOT_NAMES and name not in found:
                found.append(name)
    return found


def _quotations(sentence: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each outermost quotation, in every mark style ``quotemarks`` knows."""
    quotes, _stray = find_quotes(sentence)
    return tuple((quote.start, quote.end) for quote in quotes if quote.depth == 0)


def _blank_quotes(text: str, quoted: Iterable[tuple[int, int]]) -> str:
    """The sentence with its quoted words blanked, so "said" inside a quotation is not a tag."""
    for start, end in quoted:
        text = text[: start + 1] + " " * (end - start - 2) + text[end - 1 :]
    return text


class _Speakers:
    """Canonical names: a bare surname refers to the full name seen earlier ("Kelly")."""

    def __init__(self) -> None:
        self.known: list[str] = []
        self.last: tuple[str, ...] = ()

    def canonical(self, name: str) -> str:
        if not name[:1].isupper():
            return name
        for full in self.known:
            if full != name and fold(full).endswith(" " + fold(name)):
                return full
        if name not in self.known:
            self.known.append(name)
        return name


def detect(paragraphs: Sequence[str]) -> list[list[Sentence]]:
    """Sentences of every paragraph with the speakers the patterns find.

    A sentence with no tag of its own keeps the previous speaker when it continues
    a quotation or says "he said"; a speaker's later mentions by surname are folded
    into the full name given first.
    """
    names = _Speakers()
    result = []
    for text in paragraphs:
        sentences, open_quote = [], False
        for number, (start, end) in enumerate(split(text), start=1):
            sentence = text[start:end].strip()
            quoted = _quotations(sentence)
            frame = _blank_quotes(sentence, quoted)
            speakers = tuple(names.canonical(name) for name in _detect(frame))
            continues = open_quote or sentence.startswith(('"', "“"))
            if not speakers and (continues or _PRONOUN.search(frame)):
                speakers = names.last
            if speakers:
                names.last = speakers
            # An odd number of double marks opens a quotation that runs on, or closes one.
            open_quote = open_quote != ((sentence.count('"') + sentence.count("“") + sentence.count("”")) % 2 == 1)
            sentences.append(Sentence(number, sentence, speakers, quoted, (speakers,) * len(quoted)))
        result.append(sentences)
    return result


def _parse_speakers(value: object) -> tuple[str, ...]:
    """A header value as speakers: "Kelly; White House", or an article-voice word for none."""
    text = str(value).strip()
    if fold(text) in NARRATION:
        return ()
    return tuple(part.strip() for part in text.split(";") if part.strip())


def correct(sentences: list[list[Sentence]], corrections: Mapping[str, object]) -> list[list[Sentence]]:
    """Apply the header's ``attribution``: ``"N"`` (a paragraph) or ``"N.S"`` (one sentence)
    maps to speakers, or to ``{view: ..., quotes: ...}`` where the view and the quoted
    words differ; ``quotes`` may list one entry per quotation of the sentence."""
    fixed = [list(paragraph) for paragraph in sentences]
    for key, value in corrections.items():
        for index, number in _addressed(fixed, str(key)):
            old = fixed[index][number - 1]
            view = value.get("view", "article") if isinstance(value, Mapping) else value
            quotes = value.get("quotes", view) if isinstance(value, Mapping) else value
            fixed[index][number - 1] = Sentence(
                old.number, old.text, _parse_speakers(view), old.quoted, _per_quotation(str(key), old, quotes)
            )
    return fixed


def _per_quotation(key: str, sentence: Sentence, quotes: object) -> tuple[tuple[str, ...], ...]:
    """Speakers for each quotation of a sentence: one value for all, or a list, one each."""
    if not isinstance(quotes, list):
        return (_parse_speakers(quotes),) * len(sentence.quoted)
    if len(quotes) != len(sentence.quoted):
        raise AttributionError(
            f"attribution {key!r} lists {len(quotes)} quotation(s); the sentence has {len(sentence.quoted)}"
        )
    return tuple(_parse_speakers(item) for item in quotes)


def _addressed(sentences: list[list[Sentence]], key: str) -> Iterable[tuple[int, int]]:
    """(paragraph index, sentence number) pairs that a correction key names."""
    paragraph, _, sentence = key.partition(".")
    if not paragraph.isdigit() or not 1 <= int(paragraph) <= len(sentences):
        raise AttributionError(f"attribution key {key!r} is not a paragraph of this source (¶1–¶{len(sentences)})")
    index = int(paragraph) - 1
    count = len(sentences[index])
    if not sentence:
        return [(index, number) for number in range(1, count + 1)]
    if not sentence.isdigit() or not 1 <= int(sentence) <= count:
        raise AttributionError(f"attribution key {key!r}: ¶{paragraph} has sentences 1–{count}")
    return [(index, int(sentence))]


def unify(sentences: list[list[Sentence]]) -> list[list[Sentence]]:
    """Fold every surname into the fullest name the source gives ("Kelly" → "Stephen Kelly"),
    so the annex and the warnings call each speaker one thing."""
    every = {name for paragraph in sentences for s in paragraph for name in s.speakers}

    def full(name: str) -> str:
        longer = [other for other in every if other[:1].isupper() and fold(other).endswith(" " + fold(name))]
        return max(longer, key=len) if name[:1].isupper() and longer else name

    return [
        [
            Sentence(s.number, s.text, tuple(map(full, s.view)), s.quoted, tuple(tuple(map(full, q)) for q in s.quotes))
            for s in paragraph
        ]
        for paragraph in sentences
    ]


def name_forms(speaker: str, aliases: Iterable[str] = ()) -> tuple[str, ...]:
    """The folded words that count as naming a speaker: the full name, the surname (or the
    last two words of a longer name), the nouns of a group, and the header's aliases."""
    words = speaker.split()
    forms = {fold(speaker)}
    if len(words) >= 2 and words[-1][:1].isupper() and fold(words[-1]) not in _GENERIC:
        forms.add(fold(words[-1]))
    if len(words) >= 3:
        forms.add(fold(" ".join(words[-2:])))
    forms.update(fold(word) for word in words if fold(word) in {"analysts", "officials", "experts"})
    forms.update(fold(alias) for alias in aliases)
    return tuple(sorted(forms))


def names(text: str, forms: Iterable[str]) -> bool:
    """True when ``text`` names a speaker in one of its forms (whole words, accents ignored)."""
    folded = fold(text).replace("-", " ")
    return any(re.search(rf"(?<!\w){re.escape(form.replace('-', ' '))}(?!\w)", folded) for form in forms)
