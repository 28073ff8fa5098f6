"""Who speaks: people's names in the text, and the header corrections the speaker patterns need.

The extension's parser finds speakers with a few patterns (:mod:`sphinx_briefing.speakers`)
that the source header can correct (``attribution``). Two common news forms slip
past those patterns, and the scaffold drafts a correction for each, naming the
paragraph and sentence (``"N.S": Name``):

- a tag behind an apposition: "Samuel Grant, a councilman who ..., said";
- a pronoun tag with no speaker before it: "..., she said" opening an article, where
  the person was named in the previous paragraph without speaking.

A correction is drafted only where the parser's own answer differs. The second form
takes the person named most recently before the sentence (within two paragraphs),
preferring one who speaks elsewhere in the article. Limits: plain capitalised
names only (two to four words); titles and place or organisation words are not
names; a pronoun that refers further back is left to the analyst.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..text.sentences import fold
from ..text.speakers import SPEECH, TITLES, Sentence, detect

_WORD = r"[A-Z][a-z][\w'’-]*"
#: Two or more capitalised words (a leading sentence word or title is trimmed later).
PERSON = re.compile(rf"{_WORD}(?:\s+(?:{_WORD}|(?:de|del|la|van|von|bin)\b))+")
#: Words that open a sentence before a name ("When Maria Okafor ...").
_LEADING = frozenset("the a an some many most every when but and in on at after before since as if while although despite though so yet for".split())
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
_APPOSITION_TAG = re.compile(rf"(?P<name>{PERSON.pattern}),\s+[^,\"“”]{{3,160}}?,\s+{SPEECH}\b")
_PRONOUN_TAG = re.compile(r"\b(?:he|she)\s+(?:said|says|added)\b|\bsaid\s+(?:he|she)\b")
#: How many paragraphs back a pronoun's person may have been named.
LOOKBACK = 2


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
    """"Okafor" and "Maria Okafor" are one person; "Park" and "Grant" are not."""
    a, b = fold(name), fold(other)
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def outside_quotes(sentence: Sentence) -> str:
    """The sentence with its quotations blanked: a tag is never inside the quoted words."""
    text = sentence.text
    for start, end in sentence.quoted:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def corrections(paragraphs: Sequence[str]) -> dict[str, str]:
    """Header ``attribution`` entries ("N.S": name) where the patterns above find a speaker
    that the parser's own patterns miss or get wrong. Where the parser carried a wrong
    speaker on to the next sentence ("..., she said"), the correction is carried too."""
    detected = detect(list(paragraphs))
    speaking = [name for paragraph in detected for sentence in paragraph for name in sentence.speakers]
    found: dict[str, str] = {}
    carried: tuple[tuple[str, ...], str] = ((), "")  # (the parser's wrong view, who it stands for)
    for index, sentences in enumerate(detected):
        for sentence in sentences:
            name = (
                _tagged(sentence) or _pronoun_referent(sentence, paragraphs, index, speaking)
                or (carried[1] if sentence.view and sentence.view == carried[0] and _untagged(sentence) else None)
            )
            if name and not any(same_person(name, speaker) for speaker in sentence.view):
                found[f"{index + 1}.{sentence.number}"] = name
                carried = (sentence.view, name) if sentence.view else carried
            elif sentence.view != carried[0]:
                carried = ((), "")
    return found


def _untagged(sentence: Sentence) -> bool:
    """A sentence that takes its speaker from the one before: a pronoun tag, or a quotation
    that continues."""
    return bool(_PRONOUN_TAG.search(outside_quotes(sentence))) or sentence.text.startswith(('"', "“"))


def _tagged(sentence: Sentence) -> str | None:
    """A speaker named by an apposition tag."""
    match = _APPOSITION_TAG.search(outside_quotes(sentence))
    return person_name(match["name"]) if match else None


def _pronoun_referent(sentence: Sentence, paragraphs: Sequence[str], index: int, speaking: Iterable[str]) -> str | None:
    """For "..., she said" with no speaker found: the person named most recently before."""
    if sentence.view or not _PRONOUN_TAG.search(outside_quotes(sentence)):
        return None
    before = paragraphs[max(index - LOOKBACK, 0) : index] + [paragraphs[index][: paragraphs[index].find(sentence.text)]]
    named = people_in(" ".join(before))
    speakers = list(speaking)
    preferred = [name for name in named if any(same_person(name, speaker) for speaker in speakers)]
    return (preferred or named or [None])[-1]
