"""The book's own words: a long run of a source's words outside quotation marks is copying.

The briefing summarises in its own words; the source's text appears only where a
chapter places it or a sentence quotes it. A sentence that carries a long run of a
cited paragraph's words, outside quotation marks, presents the article's prose as
the book's: the reader cannot tell which words are whose, and the quotation check
never sees them.

A run is the source's words in the source's order, at least :data:`RUN` of them. It
may skip up to :data:`GAP` words on either side between stretches of two or more
matching words, so dropping or swapping a word ("U.S.-bound trucks on Mexican soil"
for "U.S.-bound trucks entering the country on Mexican soil") does not make a copy
the book's own. Words are compared folded (case, accents, curly or straight
apostrophes), and a run never crosses a quotation, an inline mark or code.

Names and titles are the source's words too, and rightly so ("a professor at the
U.S. Army War College who specializes in Latin America"). A run is copying only
when it holds at least :data:`ORDINARY` ordinary words: lower-case words of more
than three letters that are not among the commonest function words. A person's
role and affiliation say who someone is in the source's own terms, so a record
marks them :data:`IDENTIFYING` and they are not weighed.

Bounded work: words are read in one pass (a run of "$" once); a paragraph's pairs of
words are indexed once; the stretches a sentence of n words shares with it are
followed from at most :data:`SEEDS` places per pair, :data:`STRETCH` words each, and
chained in one sweep: O(n) per cited paragraph, however long or repetitive either is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

from ..model.diagnostics import Check, excerpt, warn
from ..model.vocabulary import IDENTIFYING
from ..text.sentences import fold
from ..text.sources import Source
from .prose import Sentence, merged
from .quotes import cited_paragraphs

#: Source words, in the source's order, that make a run.
RUN = 10
#: Words a run may skip, in the book or in the source, between two matching stretches.
GAP = 2
#: Ordinary words a run must hold to be copied prose rather than a name or a title.
ORDINARY = 3
#: A word: a run of word characters with the punctuation inside it ("U.S.-bound", "$1.15"),
#: matched possessively and trimmed to its last word character, so a run of "$" or "."
#: is read once (backtracking over it took 110 s on a long run).
_WORD = re.compile(r"[\w$%][\w$%.,'’-]*+")
_TRAILING = "$%.,'’-"
_FUNCTION_WORDS = frozenset(
    "that this with from have been were their they them which what when where there about into than then "
    "also said says would could will while after before over under some such".split()
)

Word = tuple[int, int, str]


def _tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each word, ending at a word character. O(n)."""
    for match in _WORD.finditer(text):
        word = match.group().rstrip(_TRAILING)
        if word:
            yield match.start(), match.start() + len(word), word


def _words(text: str) -> list[Word]:
    """(start, end, folded form) of each word: "U.S.-bound," is ``u.s.-bound``."""
    return [(start, end, _folded(word)) for start, end, word in _tokens(text)]


@lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    """One word as it is compared; the same few thousand words recur through a book."""
    return fold(word).replace("’", "'").strip(".,")


def _ordinary(word: str) -> bool:
    """A lower-case word of more than three letters that is not a function word: what
    prose is made of, as against names, titles and glue."""
    return len(word) > 3 and word.islower() and word not in _FUNCTION_WORDS


def _own_stretches(sentence: Sentence) -> Iterator[list[Word]]:
    """The sentence's words in stretches that no quotation, mark or code interrupts."""
    passage, stretch = sentence.passage, []
    for start, end, word in _words(sentence.text):
        if not passage.is_weighed(sentence.start + start, sentence.start + end):
            if stretch:
                yield stretch
            stretch = []
        else:
            stretch.append((start, end, word))
    if stretch:
        yield stretch


#: Places of one pair of words in a paragraph that are tried as the start of a copy: a pair
#: that recurs more often is not prose anyone copies (a paragraph of "a b a b …" is an attack).
SEEDS = 16
#: Words one stretch is followed for before a new stretch takes over on the same diagonal;
#: a longer copy is a chain of stretches, so no pair of places is compared twice.
STRETCH = 48

Pairs = Mapping[tuple[str, str], tuple[int, ...]]


@lru_cache(maxsize=4096)
def _paragraph(text: str) -> tuple[tuple[str, ...], frozenset[str], Pairs]:
    """A cited paragraph's folded words, the set of them, and where each pair of words
    stands (read once, cited often; immutable, since the cache hands the same value to
    every caller)."""
    words = tuple(word for *_at, word in _words(text))
    pairs: dict[tuple[str, str], list[int]] = {}
    for index in range(len(words) - 1):
        places = pairs.setdefault((words[index], words[index + 1]), [])
        if len(places) < SEEDS:
            places.append(index)
    return words, frozenset(words), {pair: tuple(places) for pair, places in pairs.items()}


def _stretches(ours: list[str], theirs: tuple[str, ...], pairs: Pairs) -> list[tuple[int, int, int]]:
    """(our start, their start, length) of each stretch of two or more words in a row that
    both texts share, started from a shared pair and followed for at most :data:`STRETCH`
    words. O(SEEDS · STRETCH · n) for n of our words, whatever the paragraph repeats."""
    found = []
    reached: dict[int, int] = {}  # diagonal (our place minus theirs) → our place followed to
    for index in range(len(ours) - 1):
        for place in pairs.get((ours[index], ours[index + 1]), ()):
            diagonal = index - place
            if reached.get(diagonal, -1) > index:
                continue  # inside a stretch already followed
            size = 2
            while (
                size < STRETCH
                and index + size < len(ours)
                and place + size < len(theirs)
                and ours[index + size] == theirs[place + size]
            ):
                size += 1
            reached[diagonal] = index + size
            found.append((index, place, size))
    return found


def _runs(ours: list[str], theirs: tuple[str, ...], pairs: Pairs) -> list[tuple[int, int]]:
    """(first, past last) of our words in each run of at least :data:`RUN` of theirs: the
    stretches chained in both texts' order with at most :data:`GAP` words skipped between
    them on either side. A chain is scored from the stretches that end just before it
    (at most GAP + 1 places), so the work is linear in the stretches."""
    ending: dict[int, list[tuple[int, int, int]]] = {}  # our end → (their end, words matched, our first)
    spans = []
    for start, place, size in sorted(_stretches(ours, theirs, pairs)):
        before = [
            (matched, first)
            for end in range(max(0, start - GAP), start + 1)
            for their_end, matched, first in ending.get(end, ())
            if place - GAP <= their_end <= place
        ]
        matched, first = max(before, default=(0, start))
        ending.setdefault(start + size, []).append((place + size, matched + size, first))
        if matched + size >= RUN:
            spans.append((first, start + size))
    return list(merged(spans))


def copied(sentence: Sentence, sources: Mapping[str, Source]) -> Iterator[str]:
    """The text of each run a sentence copies from a paragraph its passage cites."""
    paragraphs = [_paragraph(p.display_text) for p in cited_paragraphs(sentence.passage.scope, sources)]
    for stretch in _own_stretches(sentence):
        ours = [word for *_at, word in stretch]
        for theirs, vocabulary, pairs in paragraphs:
            if sum(1 for word in ours if word in vocabulary) < RUN:
                continue  # too few of its words to hold a run: most sentences end here
            for first, last in _runs(ours, theirs, pairs):
                text = sentence.text[stretch[first][0] : stretch[last - 1][1]]
                if sum(1 for *_at, word in _tokens(text) if _ordinary(word)) >= ORDINARY:
                    yield text


def check_copying(sentence: Sentence, sources: Mapping[str, Source]) -> None:
    """Warn about each run of a source's prose that a sentence carries unquoted."""
    if IDENTIFYING in sentence.passage.node.get("classes", ()):
        return
    for run in dict.fromkeys(copied(sentence, sources)):
        warn(
            Check.UNQUOTED_COPY,
            f"“{excerpt(run, 120)}” is the source's own wording outside quotation marks; "
            f"say it in the book's words, or quote it and name whose words they are",
            sentence.passage.node,
        )
