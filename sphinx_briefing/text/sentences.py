"""Sentences and content words: the units in which the book and its source are compared.

Pure text functions with no Sphinx in them, shared by the source parser (which
records who speaks in each sentence of the article) and by the prose checks
(which ask what each sentence of the book rests on). Both sides must cut text
the same way, or a sentence of the book could never line up with its source.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .lexicon import SPEECH

#: Abbreviations whose full stop does not end a sentence ("Adm. William Gortney").
ABBREVIATIONS = frozenset(
    {
        "adm",
        "gen",
        "col",
        "capt",
        "lt",
        "sgt",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "ga",
        "n.c",
        "p",
        "pp",
        "fig",
        "approx",
        "ca",
        "prof",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "supt",
        "cmdr",
        "maj",
        "mt",
        "ft",
        "calif",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
#: How far back a full stop's word is read: an abbreviation is short.
_ABBREVIATION_LENGTH = 12
_END = re.compile(r"[.?!…]+[\"”’')\]]*")
#: The tag after a quotation: a name or a description, an optional appositive, a verb of speech.
_TAG_AFTER = re.compile(
    rf"(?:(?:[A-ZÀ-Þ][\w’'.-]*|the|a|an|one)\s+){{1,6}}(?:[^.?!\"“”]{{0,160}}?,\s+)?(?:{SPEECH.pattern})"
    rf"|(?:he|she|they|it|He|She|They|It)\s+(?:{SPEECH.pattern})"
)
_NEXT_START = re.compile(r"\s+(?=[\"“‘'(\[]?[A-Z0-9¶$])")
#: A word in any alphabet: "Achával" and "Río" are one word each, not "Ach" and "val".
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*")
_STOPWORDS = frozenset(
    """
a about above after again against all also although am an and any are as at be because been
before being between both but by can could did do does doing down during each even every few for
from further had has have having he her here hers him his how however i if in into is it its
itself just me more most much my no nor not now of off on once only or other our out over own
same she should so some such than that the their them then there these they this those through
to too under until up upon very was we were what when where which while who whom why will with
would you your says said say saying told according also still yet very made make makes one two
""".split()
)


def fold(text: str) -> str:
    """Lower case without accents, so that Benítez matches the source's Benitez."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _ends_abbreviation(text: str, stop: int) -> bool:
    """True when the full stop at ``stop`` closes an abbreviation or an initial (Adm., U.S., N.C.).

    Reads at most :data:`_ABBREVIATION_LENGTH` characters back, so a run of dots costs no more
    than a word; a letter after an apostrophe ends a contraction ("isn’t."), not an initial.
    """
    start = stop
    while start > max(0, stop - _ABBREVIATION_LENGTH) and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’"):
        return False
    word = text[start:stop].lower()
    return word in ABBREVIATIONS or len(word) == 1 or "." in word


def _tag_follows(text: str, position: int) -> bool:
    """A quotation that ends in "?" or "!" runs on into its tag: “Come in!” the nurse calls."""
    return bool(_TAG_AFTER.match(text, position, position + 240))


def boundaries(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (the first is always 0).

    A sentence ends at ``.``, ``?``, ``!`` or ``…`` (with any closing quote or
    bracket) followed by white space and a capital, a digit, ``¶``, ``$`` or an
    opening quote. A full stop after an abbreviation or an initial does not end one,
    nor does a quotation ending in ``?`` or ``!`` that its tag follows ("…?” she asked).

    Linear: each stop is judged on a bounded window around it.
    """
    starts = [0]
    for match in _END.finditer(text):
        gap = _NEXT_START.match(text, match.end())
        if gap is None:
            continue
        if match.group().startswith(".") and len(match.group()) == 1 and _ends_abbreviation(text, match.start()):
            continue
        if match.group()[-1] in "\"”’'" and match.group()[0] in "?!" and _tag_follows(text, gap.end()):
            continue
        starts.append(gap.end())
    return starts


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, covering the whole text."""
    starts = boundaries(text)
    ends = [*starts[1:], len(text)]
    return [(start, end) for start, end in zip(starts, ends) if text[start:end].strip()]


def stem(word: str) -> str:
    """A crude stem: enough to let "trained" meet "training" and "officers" meet "officer"."""
    word = fold(word).strip("'’-")
    for suffix in ("ing", "ed", "es", "s", "'s", "’s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:7]


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning (no function words, nothing shorter than 3 letters).

    Remembered per text (bounded): every sentence of the book is compared with every
    sentence of the paragraphs it cites, so the source's sentences come back often.
    """
    return frozenset(stem(word) for word in _WORD.findall(text) if len(word) > 2 and fold(word) not in _STOPWORDS)


def weights(texts: Iterable[str]) -> dict[str, float]:
    """How telling each content word is across a source's sentences (inverse document
    frequency): "Tijuana" says more about which sentence is meant than "Mexico"."""
    documents = [content_words(text) for text in texts]
    counts = Counter(word for words in documents for word in words)
    total = len(documents) + 1
    return {word: math.log(total / count) for word, count in counts.items()}
