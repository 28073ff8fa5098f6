"""Quotation check: text in quotation marks must be the source's words, verbatim and whole.

In every passage of the book's own prose (see :mod:`prose`: paragraphs, headings,
titles, terms, cells, captions, record bodies and fields, attribute texts), every
quotation, in any quotation-mark style and at any depth (see :mod:`quotemarks`),
and every block quote, must appear in a paragraph that the same block cites. Only
quotation marks and white space are normalised; ``…`` (or ``...``) and
``[bracketed]`` insertions split the quotation into pieces that must appear in
order. What the cuts leave out must keep the source's meaning:

- a cut (``…``) may drop words, but not a negation ("not", "never", "no" …, and the
  words that negate by degree: "little", "few", "hardly", "seldom" …, though not "a
  little" or "a few");
- an insertion may name whom a pronoun means or mend grammar ("[Kelly]" for "he",
  "[training]" for "trained"), but may not replace a content word ("[easy]" for
  "difficult") nor add or drop a negation;
- a negation standing just before or just after the quoted words in the source
  ("not easy to repair" quoted as "easy to repair") must stand beside the
  quotation in the book too.

A quotation that matches the source in several ways is faithful if any one of
them is. A quotation whose words the source gives as the reporter's own narration,
outside any quotation marks, is the article's, not anyone else's: the sentence must
present it as the article's ("in the article's words", "what the article calls").

A quotation must close in the passage it opens in, and may not hold a link that
prints words of its own. A failure names the page and line, shows the closest text
of the cited paragraphs, and names any character the source does not have (a
Cyrillic letter that looks Latin, a zero-width space, a soft hyphen).

Bounded work. With n the length of a cited paragraph, m of a quotation and k its
pieces: finding where the pieces stand is O(n + m) per piece (:func:`occurrences`),
whether some placement of all pieces is faithful is a dynamic programme over those
places, O(k·n·log n) (:func:`unfaithful`); the closest text is a sliding window,
O(n + m) (:func:`closest`); the narration test is O(k·n·log n).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model.diagnostics import Check, excerpt, warn
from ..model.state import state
from ..text.addressing import Span
from ..text.quotemarks import ALL_MARKS, quoted_spans
from ..text.sentences import content_words, split
from ..text.sources import Paragraph, Source
from .prose import Passage, merged

#: An elision or an insertion. Linear: a bracket scan stops at the next opening bracket.
_SEPARATOR = re.compile(r"…|\.\.\.|\[[^\[\]]*\]")
#: Every quotation mark and apostrophe compares as one character: nesting styles differ.
_MARKS = str.maketrans(dict.fromkeys(ALL_MARKS, '"'))
#: How many source words next to a quotation an insertion at its edge may stand for.
_NEARBY = 8
#: How many source words before a quotation a negation may stand in and still govern it
#: ("definitely not career enhancing"); after it, only the next word.
_BEFORE, _AFTER = 2, 1
NEGATIONS = re.compile(
    r"\b(?:not|no|never|nothing|none|nor|neither|nobody|nowhere|cannot|without"
    r"|hardly|barely|scarcely|seldom|rarely|little|few)\b|n['’]t\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
#: Negations by degree that "a" turns into amounts: "a little progress", "a few generals".
_AFFIRMED_AFTER_A = frozenset({"little", "few"})
#: What may end a sentence (or open a quotation) just before its first word.
_SENTENCE_END = frozenset(".!?\"“”‘’'(")
#: The first person: in a quoted paragraph, its speaker.
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
#: Words that open a noun phrase: "the public", "their Mexican counterparts".
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our"})
#: The most words a noun phrase before a cut is read back (its determiner and head).
_PHRASE = 4
#: Prepositions: a noun phrase after one is no subject ("a visit by Pena Nieto was").
_PREPOSITIONS = frozenset({"to", "of", "in", "on", "at", "for", "with", "by", "as", "from", "than", "about", "into"})
#: Words that end no noun phrase.
_FUNCTION_WORDS = _PREPOSITIONS | {"and", "or", "but"}
#: Verbs a subject most often governs in reporting; with any word in "-ed", the words a
#: cut may not resume at once it dropped their subject ("… the White House said").
_REPORTING_VERBS = frozenset(
    {"said", "says", "say", "told", "tells", "would", "will", "was", "were", "is", "are", "has", "have", "had"}
    | {"can", "could", "should", "may", "might", "must", "did", "does", "do", "wants", "wanted", "warned"}
)
#: Punctuation that ends a clause: a negation beyond it governs other words.
_CLAUSE_END = re.compile(r"[.;:!?,—–()]")
#: Words an insertion may add where it stands for no source word: grammar, not meaning
#: ("[is]", "[the]"); a name may follow a pronoun it says whom it means ("he [Shirk] said").
_GRAMMAR = _FUNCTION_WORDS | _DETERMINERS | {"is", "are", "was", "were", "be", "been", "has", "have", "had", "s"}
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "we", "us", "i", "me", "you", "this", "that"})
#: The book's first word right after a quotation's closing mark, in the same clause.
_GOES_ON = re.compile(r"[\"”’'»]?[ \t]*(?P<word>\w+(?:['’]\w+)*)")


def normalise(text: str) -> str:
    """One character for every quotation mark and apostrophe, white space collapsed; nothing else."""
    return " ".join(text.translate(_MARKS).split())


def pieces(quotation: str) -> list[str]:
    """The verbatim pieces of a quotation once elisions and insertions are cut out, less a
    comma or period that closes it: American style sets the sentence's own mark inside the
    closing quotation mark, where the source had other punctuation (new-user review:
    "… in for a fight," was a misquote)."""
    found = [piece for piece in (normalise(p) for p in _SEPARATOR.split(quotation)) if piece]
    if found and len(found[-1]) > 1 and found[-1][-1] in ",.":
        found[-1] = found[-1][:-1].rstrip()
    return found


@dataclass(frozen=True)
class _Token:
    """A word of the source: where it stands, and what a cut may not drop of it."""

    start: int
    end: int
    text: str
    negation: bool
    stems: frozenset[str]


def _is_negation(word: str, before: str = "") -> bool:
    """Whether ``word`` negates; ``before`` is the text just before it ("a little" does not)."""
    if before.lower().endswith("a ") and word.lower() in _AFFIRMED_AFTER_A:
        return False
    return NEGATIONS.fullmatch(word) is not None or word.lower().endswith(("n't", "n’t"))


def _stems(text: str) -> frozenset[str]:
    """Content words as stems; "it's" is a pronoun and a verb, "Mexico's" a name, so
    words are split at apostrophes first."""
    return content_words(re.sub(r"['’]", " ", text))


def _token(match: re.Match[str]) -> _Token:
    word = match.group()
    before = match.string[max(0, match.start() - 2) : match.start()]
    if _contracted(match):
        return _Token(match.start(), match.end(), f"{word}’t", True, _stems(word))
    return _Token(match.start(), match.end(), word, _is_negation(word, before), _stems(word))


def _contracted(match: re.Match[str]) -> bool:
    """Whether a word is the first half of a contracted negation: normalised, "don't" reads
    "don", one mark, "t" (the apostrophe is one character with the quotation marks), so
    "n't" was never seen and "don't remember" could be quoted as "remember"."""
    after = match.string[match.end() : match.end() + 3]
    return match.group()[-1:].lower() == "n" and after[:2].lower() == '"t' and not after[2:].isalnum()


@dataclass(frozen=True)
class _Cut:
    """What the book writes between two pieces of a quotation (or before or after it)."""

    written: str
    elision: bool
    negation: str
    allowed: frozenset[str]
    words: int
    #: The capitalised words it inserts (a name), folded.
    names: frozenset[str] = frozenset()
    #: Whether those name none of the paragraph's speakers, so cannot stand for "me".
    misnames: bool = False

    @classmethod
    def of(cls, written: str) -> _Cut:
        found = NEGATIONS.search(written)
        inserted = " ".join(re.findall(r"\[([^\[\]]*)\]", written))
        return cls(
            written.strip(),
            "…" in written or "..." in written,
            found.group() if found else "",
            _stems(inserted),
            len(_TOKEN.findall(inserted)),
            frozenset(word.casefold() for word in _TOKEN.findall(inserted) if word[:1].isupper()),
        )

    def for_speakers(self, speakers: Sequence[str]) -> _Cut:
        """This cut in a paragraph whose speakers are ``speakers``: an inserted name stands
        for "I" or "me" only if it names one of them."""
        known = {word.casefold() for speaker in speakers for word in _TOKEN.findall(speaker)}
        return replace(self, misnames=bool(speakers) and bool(self.names) and not self.names <= known)

    def refuses(self, token: _Token) -> bool:
        """Whether leaving out this source word changes what the quotation says."""
        if token.negation:
            return not self.negation
        if self.misnames and token.text.casefold() in FIRST_PERSON:
            return True
        return not self.elision and not token.stems <= self.allowed

    def addition(self, previous: str = "") -> str:
        """What is wrong with this insertion where it stands for no source word, or "": it
        may add grammar, or a name right after the pronoun it says whom it means (red team
        AD: "[in theory only]" and "[for him]" added qualifiers the speaker never gave)."""
        if self.elision or not self.words:
            return ""
        inserted = " ".join(re.findall(r"\[([^\[\]]*)\]", self.written))
        words = _TOKEN.findall(inserted)
        if all(word.casefold() in _GRAMMAR for word in words):
            return ""
        if previous.casefold() in _PRONOUNS and all(word[:1].isupper() for word in words):
            return ""
        return f"the insertion “{self.written}” adds “{inserted}”, words the source does not have there"

    def problem(self, token: _Token) -> str:
        if token.negation:
            return f"the cut “{self.written}” drops “{token.text}”"
        if self.misnames and token.text.casefold() in FIRST_PERSON:
            return (
                f"the insertion “{self.written}” stands for “{token.text}”, who is the paragraph's speaker; "
                "name the speaker there"
            )
        return f"the insertion “{self.written}” stands for “{token.text}”, a word of the source it replaces"


@dataclass(frozen=True)
class _Haystack:
    """A cited paragraph as the quotation check reads it, computed once per paragraph."""

    text: str
    tokens: tuple[_Token, ...]
    ends: tuple[int, ...]
    quoted: tuple[tuple[int, int], ...]
    #: For each token, whether it is a capitalised word inside a sentence (a name, most
    #: often: "…, Trump threatened").
    mid_names: tuple[bool, ...] = ()

    def subject_before(self, start: int) -> _Token | None:
        """The first word of the subject the source gives the verb at ``start``: the name or
        noun phrase ("the White House", "the public") that ends just before it, in its
        clause; None if the words at ``start`` open with no verb (a reporting verb, a modal
        or a word in "-ed": "a little … progress" keeps its noun), a clause break or a
        function word stands between, or no such phrase stands there. At most
        :data:`_PHRASE` words are read."""
        last = bisect.bisect_right(self.ends, start) - 1
        after = bisect.bisect_left(self.ends, start + 1)
        if last < 0 or after >= len(self.tokens) or not self._joined(last, start):
            return None
        verb = self.tokens[after].text.lower()
        if not (verb in _REPORTING_VERBS or verb.endswith("ed")) or self.tokens[last].text.lower() in _FUNCTION_WORDS:
            return None
        first = self._phrase_start(last)
        if first is None or (first > 0 and self._joined(first - 1, self.tokens[first].start) and self._governed(first)):
            return None  # no phrase, or one a preposition governs ("a visit by Pena Nieto was")
        return self.tokens[first]

    def _phrase_start(self, last: int) -> int | None:
        """Where the noun phrase ending with token ``last`` starts: at its determiner, or at
        the first word of a name; None if it is neither."""
        first = last
        while first > max(0, last - _PHRASE) and self._joined(first - 1, self.tokens[first].start):
            first -= 1
            if self.tokens[first].text.lower() in _DETERMINERS:
                return first
        first = last
        while first > 0 and self.mid_names[first - 1] and self._joined(first - 1, self.tokens[first].start):
            first -= 1
        return first if self.mid_names[last] else None

    def _governed(self, first: int) -> bool:
        return self.tokens[first - 1].text.lower() in _PREPOSITIONS

    def _joined(self, index: int, start: int) -> bool:
        """Whether token ``index`` runs on to ``start`` with no clause break between."""
        return not _CLAUSE_END.search(self.text, self.tokens[index].end, start)


@lru_cache(maxsize=4096)
def _haystack(paragraph: str) -> _Haystack:
    text = normalise(paragraph)
    tokens = tuple(_token(match) for match in _TOKEN.finditer(text))
    # The marks as the source writes them (an apostrophe is not a quotation mark); the
    # positions are those of the normalised text, which maps each mark to one character.
    marks = tuple(merged(quoted_spans(" ".join(paragraph.split()))))
    names = tuple(token.text[:1].isupper() and _char_before(text, token.start) not in _SENTENCE_END for token in tokens)
    return _Haystack(text, tokens, tuple(token.end for token in tokens), marks, names)


def _char_before(text: str, start: int) -> str:
    """The last character before ``start`` that is not white space ("" at the start)."""
    index = start - 1
    while index >= 0 and text[index].isspace():
        index -= 1
    return text[index] if index >= 0 else ""


@lru_cache(maxsize=4096)
def _period(needle: str) -> int:
    """The smallest period of ``needle`` (prefix function, O(m))."""
    border = [0] * len(needle)
    for index in range(1, len(needle)):
        length = border[index - 1]
        while length and needle[index] != needle[length]:
            length = border[length - 1]
        border[index] = length + (needle[index] == needle[length])
    return len(needle) - border[-1]


def occurrences(needle: str, haystack: str) -> list[int]:
    """Every start of ``needle`` in ``haystack``, overlapping ones too, in O(n + m).

    Two occurrences closer than m − p (p the needle's period) are p apart, so a run of
    overlapping occurrences is extended p characters at a time, and the next search
    starts past it: no character is compared more than a bounded number of times.
    """
    size, period = len(needle), _period(needle)
    tail = needle[size - period :]
    found: list[int] = []
    start = haystack.find(needle)
    while start != -1:
        found.append(start)
        while haystack.startswith(tail, start + size):
            start += period
            found.append(start)
        start = haystack.find(needle, start + max(1, size - period + 1))
    return found


def _whole_at(piece: str, haystack: str, start: int) -> bool:
    """Whether ``piece`` at ``start`` stands as whole words: a piece that begins or ends with
    a letter or digit does not begin or end inside a word."""
    end = start + len(piece)
    return not (piece[:1].isalnum() and start and haystack[start - 1].isalnum()) and not (
        piece[-1:].isalnum() and end < len(haystack) and haystack[end].isalnum()
    )


def whole_occurrences(piece: str, haystack: str) -> list[int]:
    """Every start of ``piece`` in ``haystack`` where it stands as whole words. "They can"
    stood in "They cannot", and the dropped "not" passed (red team AC). O(n + m)."""
    return [start for start in occurrences(piece, haystack) if _whole_at(piece, haystack, start)]


def locate(quotation: str, paragraph: str) -> list[tuple[int, int]] | None:
    """Where each piece of the quotation first stands in the (normalised) paragraph as whole
    words, in order, or None when a piece is missing."""
    haystack, position, spans = _haystack(paragraph).text, 0, []  # normalised once a paragraph
    for piece in pieces(quotation):
        start = _next_whole(piece, haystack, position)
        if start == -1:
            return None
        spans.append((start, start + len(piece)))
        position = start + len(piece)
    return spans


def _next_whole(piece: str, haystack: str, position: int) -> int:
    """The first start of ``piece`` as whole words at or after ``position``, or -1. The first
    place found usually is one, and each piece's search goes on from the last piece's place;
    past a place inside a word, every place is listed in one linear pass (O(n + m)), not
    searched again one character on (a piece of 5,000 letters in a word of 20,000: 0.2 s)."""
    start = haystack.find(piece, position)
    if start == -1 or _whole_at(piece, haystack, start):
        return start
    rest = haystack[start + 1 :]
    return next(
        (start + 1 + found for found in occurrences(piece, rest) if _whole_at(piece, haystack, start + 1 + found)), -1
    )


def is_verbatim(quotation: str, paragraph: str) -> bool:
    """True when every piece of the quotation occurs in the paragraph, in order."""
    return locate(quotation, paragraph) is not None


def _cuts(quotation: str) -> list[_Cut]:
    """What the book writes before the first piece, between each two, and after the last."""
    parts, written = [], []
    position = 0
    for match in _SEPARATOR.finditer(quotation):
        chunk = quotation[position : match.start()]
        if normalise(chunk):
            parts.append("".join(written))
            written = []
        written.append(match.group())
        position = match.end()
    if normalise(quotation[position:]):
        parts.append("".join(written))
        written = []
    parts.append("".join(written))
    return [_Cut.of(part) for part in parts]


class _Reading:
    """One quotation weighed against one paragraph: the tests each placement must pass."""

    def __init__(self, quotation: str, paragraph: str, before: str, after: str, speakers: Sequence[str]) -> None:
        self.pieces = pieces(quotation)
        self.cuts = [cut.for_speakers(speakers) for cut in _cuts(quotation)]
        self.hay = _haystack(paragraph)
        self.book_negates_before = _negates(_words_before(before, _BEFORE))
        self.book_negates_after = _negates(_TOKEN.findall(_clause_after(after))[:_AFTER])
        self.book_goes_on = _goes_on(quotation, self.pieces, after)

    def _tokens_before(self, position: int, count: int, clause: bool = True) -> list[_Token]:
        """Up to ``count`` source words ending at or before ``position``, in the same clause."""
        last = bisect.bisect_right(self.hay.ends, position)
        chosen: list[_Token] = []
        for token in reversed(self.hay.tokens[max(0, last - count) : last]):
            boundary = self.hay.text[token.end : chosen[-1].start if chosen else position]
            if clause and _CLAUSE_END.search(boundary):
                break
            chosen.append(token)
        return chosen[::-1]

    def _tokens_after(self, position: int, count: int, clause: bool = True) -> list[_Token]:
        """Up to ``count`` source words starting at or after ``position``, in the same clause."""
        first = bisect.bisect_left(self.hay.ends, position + 1)
        chosen: list[_Token] = []
        for token in self.hay.tokens[first : first + count]:
            if token.start < position:
                continue
            boundary = self.hay.text[chosen[-1].end if chosen else position : token.start]
            if clause and _CLAUSE_END.search(boundary):
                break
            chosen.append(token)
        return chosen

    def lead_problem(self, start: int) -> str:
        """What is wrong at the quotation's start if its first piece stands at ``start``."""
        cut = self.cuts[0]
        return self._edge_problem(
            cut,
            self._tokens_before(start, max(_BEFORE, min(cut.words, _NEARBY))),
            self._tokens_before(start, _NEARBY, clause=False),
            self.book_negates_before,
            _BEFORE,
            True,
        )

    def trail_problem(self, end: int) -> str:
        """What is wrong at the quotation's end if its last piece ends at ``end``."""
        cut = self.cuts[-1]
        clause = self._tokens_after(end, max(_AFTER, min(cut.words, _NEARBY)))
        problem = self._edge_problem(
            cut, clause, self._tokens_after(end, _NEARBY, clause=False), self.book_negates_after, _AFTER, False
        )
        if problem or not clause:
            return problem or cut.addition(self._previous_word(end))
        if self.book_goes_on and _key(clause[0].text) != _key(self.book_goes_on):
            return (
                f"it stops at a word no phrase ends with, and the book's “{self.book_goes_on}” after it "
                f"finishes it: the source goes on with “{clause[0].text}”"
            )
        return ""

    def _previous_word(self, position: int) -> str:
        """The source word that ends at or before ``position``."""
        before = self._tokens_before(position, 1, clause=False)
        return before[-1].text if before else ""

    @staticmethod
    def _edge_problem(
        cut: _Cut, clause: list[_Token], nearby: list[_Token], book_negates: bool, reach: int, leading: bool
    ) -> str:
        adjacent = clause[-reach:] if leading else clause[:reach]
        negation = next((token for token in adjacent if token.negation), None)
        if negation and not cut.negation and not book_negates:
            side = "before" if leading else "after"
            return f"it leaves out “{negation.text}”, which stands just {side} these words in the source"
        if cut.negation and not any(token.negation for token in nearby):
            return f"the insertion “{cut.written}” adds “{cut.negation}”"
        if cut.words and not cut.elision:
            replaced = clause[-cut.words :] if leading else clause[: cut.words]
            dropped = next((token for token in replaced if not token.negation and cut.refuses(token)), None)
            if dropped:
                return cut.problem(dropped)
        return ""

    def gap_problem(self, index: int, end: int, start: int) -> str:
        """What is wrong with the cut between piece ``index - 1`` ending at ``end`` and
        piece ``index`` starting at ``start``."""
        cut = self.cuts[index]
        inside = self.hay.tokens[bisect.bisect_left(self.hay.ends, end + 1) : bisect.bisect_right(self.hay.ends, start)]
        inside = [token for token in inside if token.start >= end]
        refused = next((token for token in inside if cut.refuses(token)), None)
        if refused:
            return cut.problem(refused)
        added = "" if inside else cut.addition(self._previous_word(end))
        if added:
            return added
        if cut.negation and not any(token.negation for token in inside):
            return f"the insertion “{cut.written}” adds “{cut.negation}”"
        subject = self.hay.subject_before(start) if cut.elision else None
        if subject and end <= subject.start:
            phrase = self.hay.text[subject.start : self.hay.ends[bisect.bisect_right(self.hay.ends, start) - 1]]
            return f"the cut “{cut.written}” drops “{phrase}”, who does what the words after it say"
        return ""

    def bounds(self, index: int) -> Callable[[int], tuple[int, int]]:
        """For the cut before piece ``index``: given where that piece starts, the range
        (exclusive low, inclusive high) in which the previous piece may end."""
        cut = self.cuts[index]
        refused = [token for token in self.hay.tokens if cut.refuses(token)]
        refused_ends = [token.end for token in refused]
        negations = [token for token in self.hay.tokens if token.negation]
        negation_ends = [token.end for token in negations]
        adds = bool(cut.addition())

        def last_start(tokens: list[_Token], ends: list[int], start: int) -> int:
            position = bisect.bisect_right(ends, start)
            return tokens[position - 1].start if position else -1

        def bound(start: int) -> tuple[int, int]:
            high = min(start, last_start(negations, negation_ends, start)) if cut.negation else start
            low = last_start(refused, refused_ends, start)
            if adds and cut.addition(self._previous_word(start)):
                high = min(high, last_start(self.hay.tokens, self.hay.ends, start))  # it must stand for a word
            subject = self.hay.subject_before(start) if cut.elision else None
            # a cut may not drop who does what follows ("…, Trump threatened", "… the public would")
            return (max(low, subject.start) if subject else low), high

        return bound


def _goes_on(quotation: str, pieces: list[str], after: str) -> str:
    """The book's word that goes on from a quotation stopping on a word no phrase ends
    with ("… a very easy thing to" keep), in the same clause; else ""."""
    last = _TOKEN.findall(pieces[-1])[-1:] if pieces else []
    if not last or last[0].casefold() not in _FUNCTION_WORDS | _DETERMINERS or not quotation.rstrip()[-1:].isalnum():
        return ""
    following = _GOES_ON.match(after)
    return following["word"] if following else ""


def _words_before(text: str, count: int) -> list[str]:
    clause = _CLAUSE_END.split(text)[-1] if text else ""
    return _TOKEN.findall(clause)[-count:]


def _clause_after(text: str) -> str:
    return _CLAUSE_END.split(text)[0] if text else ""


def _negates(words: Sequence[str]) -> bool:
    return any(_is_negation(word) for word in words)


def unfaithful(quotation: str, paragraph: str, before: str = "", after: str = "", speakers: Sequence[str] = ()) -> str:
    """Why no placement of a verbatim quotation in the paragraph keeps the source's
    meaning, or "" when one does. ``before`` and ``after`` are the book's words beside
    the quotation: a negation the book writes there is not left out. ``speakers`` are
    the paragraph's: a name inserted for "I" or "me" must be one of theirs.

    A dynamic programme over the places each piece stands: piece i may stand at s
    when piece i − 1 ends at some reachable e with low(s) < e ≤ high(s), where low is
    the last word the cut may not leave out and high the last negation a written
    negation must stand for. The latest reachable e ≤ high(s) decides, found by
    bisection: O(k·n·log n), no placement enumerated.
    """
    reading = _Reading(quotation, paragraph, before, after, speakers)
    wanted = reading.pieces
    if not wanted:
        return ""
    places = [whole_occurrences(piece, reading.hay.text) for piece in wanted]
    crowded = next((piece for piece, found in zip(wanted, places, strict=True) if len(found) > MAX_PLACES), None)
    if crowded is not None:
        return f"its words “{excerpt(crowded, 40)}” stand more than {MAX_PLACES:,} times in the paragraph, too often to place; quote more words"
    reached = [start + len(wanted[0]) for start in places[0] if not reading.lead_problem(start)]
    for index in range(1, len(wanted)):
        bound = reading.bounds(index)
        next_reached = []
        for start in places[index]:
            low, high = bound(start)
            position = bisect.bisect_right(reached, high)
            if position and reached[position - 1] > low:
                next_reached.append(start + len(wanted[index]))
        reached = next_reached
    if any(not reading.trail_problem(end) for end in reached):
        return ""
    return _first_problem(reading, locate(quotation, paragraph) or [])


def _first_problem(reading: _Reading, spans: list[tuple[int, int]]) -> str:
    """The first thing wrong with the first placement, to say in the warning."""
    if not spans:
        return ""
    problems = [reading.lead_problem(spans[0][0])]
    problems += [reading.gap_problem(index, spans[index - 1][1], spans[index][0]) for index in range(1, len(spans))]
    problems.append(reading.trail_problem(spans[-1][1]))
    return next((problem for problem in problems if problem), "no placement of its pieces keeps the source's meaning")


def is_narration(quotation: str, paragraph: str) -> bool:
    """True when the quotation stands verbatim in the paragraph but in no placement with
    every piece inside the source's own quotation marks: the reporter's words. Greedy
    (the earliest fitting place of each piece leaves the most room): O(k·n·log n)."""
    hay = _haystack(paragraph)
    starts = [start for start, _end in hay.quoted]
    position = 0
    for piece in pieces(quotation):
        fitting = (
            s
            for s in whole_occurrences(piece, hay.text)
            if s >= position and _inside(hay.quoted, starts, s, s + len(piece))
        )
        start = next(fitting, None)
        if start is None:
            return True
        position = start + len(piece)
    return False


def _inside(spans: Sequence[tuple[int, int]], starts: Sequence[int], start: int, end: int) -> bool:
    position = bisect.bisect_right(starts, start)
    return bool(position) and spans[position - 1][1] >= end


def _key(word: str) -> str:
    return word.strip('",.;:!?()[]').lower()


def _differences(quotation: str, near: str) -> str:
    """The quotation's words that the closest source text lacks: where to look."""
    there = Counter(_key(word) for word in normalise(near).split())
    missing = []
    for word in quotation.split():
        key = _key(word.translate(_MARKS))
        if there[key] > 0:
            there[key] -= 1
        elif key:
            missing.append(word.strip('.,;:!?"“”‘’()'))
    return f" (the source has no {', '.join(f'“{w}”' for w in missing[:5])} there)" if missing else ""


def closest(quotation: str, paragraphs: list[str]) -> str:
    """The run of source words most like the quotation, to show in the warning: the
    window that shares most words with it (a sliding count, O(n + m); each paragraph's
    words are keyed once, :func:`_keyed`). The window holds half as many words again as the
    quotation (four at least, twenty at most): a quotation that drops words ("we have") matched a window
    that stopped short of its last words, and the hint then named words the source has
    ("the source has no “on”", new-user review)."""
    wanted = Counter(_key(word) for word in normalise(quotation).split())
    count = sum(wanted.values())
    size = max(1, count + min(max(4, count // 2), 20))
    best, best_score = "", -1
    for paragraph in paragraphs:
        words, keys = _keyed(paragraph)
        window: Counter[str] = Counter()
        score = 0
        full = min(size, len(keys)) - 1
        for index, key in enumerate(keys):
            window[key] += 1
            score += window[key] <= wanted[key]
            if index >= size:
                old = keys[index - size]
                score -= window[old] <= wanted[old]
                window[old] -= 1
            if index >= full and score > best_score:
                best, best_score = " ".join(words[max(0, index - size + 1) : index + 1]), score
    return best


@lru_cache(maxsize=256)
def _keyed(paragraph: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A paragraph's words as the source writes them (its apostrophes too), and each one's key."""
    words = tuple(paragraph.split())
    return words, tuple(_key(word.translate(_MARKS)) for word in words)


#: The misquotes of one page whose closest source text is searched for and shown: each
#: search reads every cited paragraph, so 2,000 misquotes of a 99 KB paragraph took 37 s
#: (red team U). Past these, a misquote is still named, without the search.
MAX_CLOSEST = 20


def _closest_shown(passage: Passage, quotation: str, cited: list[str]) -> str:
    """The closest source text, or "" once the page has had :data:`MAX_CLOSEST` searches."""
    env = getattr(getattr(passage.node.document, "settings", None), "env", None)
    if env is not None:
        searched = state(env).closest_searched
        docname = env.current_document.docname
        searched[docname] = searched.get(docname, 0) + 1
        if searched[docname] > MAX_CLOSEST:
            return ""
    return closest(quotation, cited)


def unusual_characters(quotation: str, paragraphs: list[str]) -> list[str]:
    """The characters of a quotation that no cited paragraph has and that a reader cannot
    tell apart from ordinary ones (invisible, or letters outside ASCII), each named. An
    ASCII line break or tab is a space to the reader and to the comparison, so not named."""
    seen = set("".join(paragraphs))
    named = []
    for char in dict.fromkeys(quotation):
        if char in seen or char in ALL_MARKS or (char.isascii() and (char.isprintable() or char.isspace())):
            continue
        named.append(f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}")
    return named[:5]


def cited_paragraphs(spans: list[Span], sources: Mapping[str, Source]) -> list[Paragraph]:
    """The existing paragraphs that ``spans`` name, each once, in order; worked out once for a
    block's shared scope (:class:`.prose.Scope`), which every sentence of the block asks."""
    memo = getattr(spans, "memo", None)
    if memo is not None and "paragraphs" in memo:
        return memo["paragraphs"]
    found: dict[tuple[str, int], Paragraph] = {}
    for span in spans:
        source = sources.get(span.source_id)
        for paragraph in source.paragraphs_in(span.first, span.last) if source else ():
            found.setdefault((span.source_id, paragraph.number), paragraph)
    paragraphs = list(found.values())
    if memo is not None:
        memo["paragraphs"] = paragraphs
    return paragraphs


#: The most quotations one passage may hold, nested ones counted, and the most cuts ("…")
#: one quotation may have: each quotation is placed in every paragraph the passage cites,
#: so red team L's 9,000 nested marks in one paragraph took 53 s.
MAX_QUOTATIONS = 100
MAX_CUTS = 20
#: The most places one piece of a quotation may stand in a paragraph: a piece that stands
#: more often ("a" in "a not a not …") says nothing about where the quotation is, and each
#: place is weighed against the places of the next piece. Each place costs a look at the
#: words around it, so the cost of a page is its quotations times this (red team U: 4,000
#: quotations of a piece standing 164 times in a 99 KB paragraph took 11 s).
MAX_PLACES = 100
_CUT = re.compile(r"…|\.\.\.")

#: How much of its sentence on either side of a quotation is weighed with it: the words
#: that negate it or present it as the article's stand beside it. Bounded, so a sentence of
#: thousands of quotation marks is read in linear time (8,000 took 40 s, 100,000 hours).
CONTEXT = 400

#: A sentence that names the article (its reporter, its text, the source) presents quoted
#: words as the article's own: "in the article's words", "what the article calls", "the text
#: says".
ARTICLE_WORDS = re.compile(r"\b(?:article|reporter|source|text)s?(?:['’]s?)?(?!\w)", re.IGNORECASE)


def check_quotations(passage: Passage, sources: Mapping[str, Source]) -> None:
    """Every quotation in a passage is verbatim in a paragraph its block cites, is closed
    where it opens, shows only words the check can see, keeps the source's meaning, and
    is not the reporter's narration given to someone else."""
    for position in passage.stray_marks:
        warn(
            Check.UNCLOSED_QUOTE,
            f"quotation mark {passage.text[position]!r} is not paired in this passage; a quotation must "
            "open and close in the same paragraph, list item or cell, so that it can be checked",
            passage.node,
        )
    if not passage.quoted:
        return
    paragraphs = cited_paragraphs(passage.scope, sources)
    #: Each cited paragraph's text, and its speakers (who "I" and "me" are there).
    cited = {paragraph.display_text: paragraph.speakers for paragraph in paragraphs}
    sentences = split(passage.text)
    starts = [first for first, _last in sentences]
    for start, end, quotation in passage.quoted:
        if _shows_unchecked_words(passage, start, end, quotation) or _too_many_cuts(passage, quotation):
            continue
        first, last = sentences[max(0, bisect.bisect_right(starts, start) - 1)] if sentences else (0, len(passage.text))
        before = passage.text[max(first, start - CONTEXT) : start]
        after = passage.text[end : min(last, end + CONTEXT)]
        matches = _check_words(passage, quotation, cited, before, after)
        if matches and not passage.is_block_quote(start, end):
            _check_narration(passage, quotation, matches, before + after)


def quotations_within_bounds(passage: Passage) -> bool:
    """Whether the passage holds at most :data:`MAX_QUOTATIONS` quotations; else one warning,
    and no check weighs its quotations (each check places each one in the cited text)."""
    if len(passage.quoted) <= MAX_QUOTATIONS:
        return True
    warn(
        Check.QUOTATION_COUNT,
        f"this passage holds {len(passage.quoted):,} quotations (nested ones counted), more than the checks "
        f"weigh in one paragraph, item or cell ({MAX_QUOTATIONS}); split it, or quote less",
        passage.node,
    )
    return False


def _too_many_cuts(passage: Passage, quotation: str) -> bool:
    """A quotation cut into more than :data:`MAX_CUTS` pieces is not placed (red team L: 4,000
    pieces took 182 s and 2.6 GB): its pieces are placed against each other."""
    cuts = len(_CUT.findall(quotation))
    if cuts <= MAX_CUTS:
        return False
    warn(
        Check.QUOTATION_COUNT,
        f"quotation “{excerpt(quotation, 80)}” is cut {cuts:,} times, more than the checks place ({MAX_CUTS}); "
        "quote fewer, longer stretches",
        passage.node,
    )
    return True


def _shows_unchecked_words(passage: Passage, start: int, end: int, quotation: str) -> bool:
    """A link inside a quotation that prints its target's title shows words nobody checked."""
    if any(start <= first and last <= end and not explicit for first, last, explicit in passage.xrefs):
        warn(
            Check.QUOTE_MARKUP,
            f"quotation “{quotation}” holds a cross-reference that prints its target's title; "
            "quote the source's words as text and put the link outside the quotation",
            passage.node,
        )
        return True
    return False


def _check_words(
    passage: Passage, quotation: str, cited: Mapping[str, Sequence[str]], before: str, after: str
) -> list[str]:
    """Warn unless the quotation is verbatim and faithful; return the paragraphs it stands in.
    ``cited`` maps each cited paragraph's text to its speakers."""
    if not cited:
        warn(
            Check.UNCITED_QUOTE,
            f"quotation “{excerpt(quotation, 200)}” has no {{cite}} in the same block; cite the paragraph it quotes",
            passage.node,
        )
        return []
    matches = [text for text in cited if is_verbatim(quotation, text)]
    if not matches:
        unusual = unusual_characters(quotation, list(cited))
        holds = f"; it holds {', '.join(unusual)}, which the source does not have" if unusual else ""
        near = _closest_shown(passage, quotation, list(cited))
        shown = (
            f"closest source text: “{excerpt(near, 200)}”{_differences(quotation, near)}"
            if near
            else f"compare it with the cited paragraph(s) (the closest text is shown for the first {MAX_CLOSEST} a page)"
        )
        warn(
            Check.MISQUOTE,
            f"quotation “{excerpt(quotation, 200)}” is not verbatim in the cited paragraph(s){holds}; {shown}",
            passage.node,
        )
        return []
    problems = [unfaithful(quotation, text, before, after, cited[text]) for text in matches]
    if all(problems):
        warn(Check.MISQUOTE, f"quotation “{excerpt(quotation, 200)}” changes the source: {problems[0]}", passage.node)
        return []
    return matches


def _check_narration(passage: Passage, quotation: str, matches: list[str], sentence: str) -> None:
    """Quoted words that the source gives in the reporter's own voice are the article's:
    quotation marks after "Analysts say" would make them the analysts'."""
    if ARTICLE_WORDS.search(sentence) or not all(is_narration(quotation, text) for text in matches):
        return
    warn(
        Check.QUOTED_NARRATION,
        f"quotation “{excerpt(quotation, 120)}” is the article's own narration, outside any quotation marks in "
        "the source, so it is nobody's quoted words; say it in the book's words, or present it as the "
        "article's (“in the article's words”, “what the article calls”)",
        passage.node,
    )
