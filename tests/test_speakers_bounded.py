"""Bounded work: reading speakers, cutting sentences and matching names grow linearly.

Issue 17's red team found quadratic time: the speaker patterns took over 180 s on 120 KB
of capitalised words, and name matching 97 s on a 66 KB source. Each test here times one
function on an input and on one four times as large, of the same shape, and asserts that
the time grows less than six-fold (a quadratic function grows sixteen-fold). The best of
three runs is taken, so a busy machine does not decide the result.
"""

from __future__ import annotations

import random
import string
from functools import partial

import pytest

from sphinx_briefing.text.sentences import split
from sphinx_briefing.text.speakers import name_forms, names, read_source

from .harness import GROWTH, settled_growth


def capitalised(size: int) -> str:
    """Capitalised words and nothing else: the red team's input for the name patterns."""
    rnd = random.Random(size)
    words: list[str] = []
    while sum(map(len, words)) + len(words) < size:
        words.append(
            rnd.choice(string.ascii_uppercase) + "".join(rnd.choices(string.ascii_lowercase, k=rnd.randint(3, 8)))
        )
    return " ".join(words)


def tagged(size: int) -> str:
    """Sentences full of tags, appositives, acronyms, descriptions and pronouns, with every
    speaker a new one, in one paragraph."""
    parts, index = [], 0
    while sum(map(len, parts)) < size:
        parts.append(
            f'"We agree," said Name{index} Surname{index}, the minister of Place{index}, speaking to reporters. '
            f"He added that the Body{index} Authority, known as BA{index}, said so. The official said it."
        )
        index += 1
    return " ".join(parts)


def many_speakers(size: int) -> str:
    """A source of one-sentence paragraphs, each a new named speaker (one per line): the
    shape on which folding surnames into full names was quadratic."""
    rnd = random.Random(size)
    lines: list[str] = []
    while sum(map(len, lines)) < size:
        first, last = ("".join(rnd.choices(string.ascii_lowercase, k=k)).capitalize() for k in (6, 7))
        lines.append(f"{first} {last} said it was so. {last} added that it was.")
    return "\n".join(lines)


def one_quotation(size: int) -> str:
    """One quotation that never closes, of many short sentences without a tag."""
    return "“" + " ".join(f"Sentence {i} goes on." for i in range(size // 20))


def unpaired_openings(size: int) -> str:
    """Opening quotation marks that never close, two characters each (red team K: each was
    looked up in a list of the others, 400,000 characters took 96 s)."""
    return "“a " * (size // 3)


def dots(size: int) -> str:
    """A run of initials without spaces ("A.B.C.…"), then more of them with spaces."""
    return "A." * (size // 4) + " B." * (size // 6)


CASES = {
    "speakers on 120 KB of capitalised words": (lambda text: read_source([text]), capitalised, 30_000),
    "speakers on capitalised words in many paragraphs": (
        lambda text: read_source(text.split(" X")),
        capitalised,
        30_000,
    ),
    "speakers on tags, acronyms and pronouns": (lambda text: read_source([text]), tagged, 30_000),
    "speakers inside one long quotation": (lambda text: read_source([text]), one_quotation, 30_000),
    "sentences of initials and dots": (split, dots, 30_000),
    "speakers among unpaired opening quotation marks": (lambda text: read_source([text]), unpaired_openings, 20_000),
    "name matching on a 66 KB text": (
        lambda text: names(text, name_forms("Xavier Quintero Lopez")),
        capitalised,
        16_500,
    ),
    "speakers and their names across a 66 KB source": (
        lambda text: read_source(text.split("\n")),
        many_speakers,
        16_500,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_work_grows_linearly(case: str) -> None:
    function, make, size = CASES[case]
    ratio = settled_growth(lambda n: partial(function, make(n)), size)
    assert ratio < GROWTH, f"{case}: 4× the input took {ratio:.1f}× the time"
