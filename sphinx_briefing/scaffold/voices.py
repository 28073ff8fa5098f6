"""Who speaks, for the scaffold: people's names in the text, and the sentences whose
speaker the parser could only guess.

The extension's speaker model (:mod:`sphinx_briefing.text.speakers`) reads who speaks in
every sentence, appositions and pronouns included, so a new book's header needs no
drafted corrections. Where the model only guesses (a quotation with nobody named before
or after it), the scaffold lists the sentences so that the analyst can settle them in the
header's ``attribution``; the drafted records name the model's guess, which the build
accepts until the header says otherwise.

The person finder is the scaffold's own: plain capitalised names only (two to four
words); titles and place or organisation words are not names.
"""

from __future__ import annotations

import re

from ..text.lexicon import TITLES
from ..text.sentences import fold
from ..text.sources import Source
from ..text.speakers import Sentence

_WORD = r"[A-Z][a-z][\w'’-]*"
#: Two or more capitalised words (a leading sentence word or title is trimmed later).
PERSON = re.compile(rf"{_WORD}(?:\s+(?:{_WORD}|(?:de|del|la|van|von|bin)\b))+")
#: Words that open a sentence before a name ("When Maria Okafor ...").
_LEADING = frozenset(
    "the a an some many most every when but and in on at after before since as if while although despite though so yet for".split()
)
#: Words that make a capitalised phrase a place, body or thing rather than a person.
_NOT_PERSON = frozenset(
    "city county state fort hurricane storm saint states street avenue road river bay sea ocean island islands port harbor harbour mount lake "
    "university college school institute center centre academy hospital embassy ministry department agency "
    "office council court house senate congress parliament command army navy force forces guard police service "
    "association authority company corporation group bank party times post news press journal network "
    "initiative foundation fund program programme project committee commission union league war north south east "
    "west northern southern eastern western american national federal international united republic kingdom "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december".split()
)


def outside_quotes(sentence: Sentence) -> str:
    """The sentence with its quotations blanked: a tag is never inside the quoted words."""
    text = sentence.text
    for start, end in sentence.quoted:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def person_name(phrase: str) -> str | None:
    """The person a capitalised phrase names ("When Maria Okafor" → "Maria Okafor", "Health
    Secretary Priya Shah" → "Priya Shah"), or None."""
    words = phrase.split()
    while words and fold(words[0]).strip(".") in _LEADING:
        words = words[1:]
    titles = [index for index, word in enumerate(words[:-2]) if fold(word).strip(".") in TITLES]
    words = words[titles[-1] + 1 :] if titles else words
    name = " ".join(words)
    if not 2 <= len(words) <= 4 or not PERSON.fullmatch(name) or any(_bare(w) in _NOT_PERSON for w in words):
        return None
    return name


def _bare(word: str) -> str:
    """A word folded, without a possessive ending ("Diego's" → "diego")."""
    return re.sub(r"['’]s?$", "", fold(word))


def people_in(text: str) -> list[str]:
    """Every person's name in ``text``, in order of appearance."""
    return [name for name in map(person_name, (m.group() for m in PERSON.finditer(text))) if name]


def same_person(name: str, other: str) -> bool:
    """ "Okafor" and "Maria Okafor" are one person; "Park" and "Grant" are not."""
    a, b = fold(name), fold(other)
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def unsure(source: Source) -> list[str]:
    """The sentences whose speaker the parser only guessed, as "¶18.2 (perhaps Jane Roe)"."""
    return [
        f"¶{paragraph.number}.{sentence.number} (perhaps {sentence.voice.name})"
        for paragraph in source.paragraphs
        for sentence in paragraph.sentences
        if sentence.unsure
    ]


def guesses(source: Source) -> str:
    """The report's line of guessed speakers: ``make new`` and ``make add-source`` print it
    so the maintainer settles each in the header before a chapter cites it."""
    return f"  sentences whose speaker is a guess (settle them in the header's attribution): {', '.join(unsure(source)) or 'none'}"
