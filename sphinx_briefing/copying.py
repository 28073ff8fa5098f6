"""The book's own words: a long run of a source's words outside quotation marks is copying.

The briefing summarises in its own words; the source's text appears only where a
chapter places it or a sentence quotes it. A sentence that carries
:data:`RUN` or more words in a row exactly as a source has them, outside
quotation marks, presents the article's prose as the book's: the reader cannot
tell which words are whose, and the quotation check never sees them.

Names and titles are the source's words too, and rightly so ("a professor at the
U.S. Army War College who specializes in Latin America"). A run is copying only
when it holds at least :data:`ORDINARY` ordinary words: lower-case words of more
than three letters that are not among the commonest function words. Words are
compared folded (case, accents, curly or straight apostrophes), and a run never
crosses a quotation, an inline mark or code. A person's role and affiliation say who
someone is in the source's own terms, so a record marks them :data:`IDENTIFYING`
and they are not weighed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from .diagnostics import Check, excerpt, warn
from .prose import Sentence
from .sentences import fold
from .sources import Source

#: The class of a record field that identifies someone as the source does (see records).
IDENTIFYING = "bb-identifying"
#: Words in a row, as the source has them, that make a run.
RUN = 10
#: Ordinary words a run must hold to be copied prose rather than a name or a title.
ORDINARY = 4
_WORD = re.compile(r"[\w$%][\w$%.,'’-]*\w|\w")
_FUNCTION_WORDS = frozenset(
    "that this with from have been were their they them which what when where there about into than then "
    "also said says would could will while after before over under some such".split()
)


def _words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded form) of each word: "U.S.-bound," is ``u.s.-bound``."""
    return [(m.start(), m.end(), fold(m.group()).replace("’", "'").strip(".,")) for m in _WORD.finditer(text)]


def _ordinary(word: str) -> bool:
    """A lower-case word of more than three letters that is not a function word: what
    prose is made of, as against names, titles and glue."""
    return len(word) > 3 and word.islower() and word not in _FUNCTION_WORDS


#: Runs by source, for the sources of the current build: (the source, its runs) by id().
#: A Source holds dicts and cannot be hashed; it is kept here so its id() is not reused.
_RUNS: dict[int, tuple[Source, frozenset[tuple[str, ...]]]] = {}


def _runs_of(source: Source) -> frozenset[tuple[str, ...]]:
    """Every :data:`RUN` words in a row of each paragraph of ``source``, computed once
    per parsed source (an edited source is a new object, read afresh)."""
    cached = _RUNS.get(id(source))
    if cached is None or cached[0] is not source:
        if len(_RUNS) > 1024:
            _RUNS.clear()
        found: set[tuple[str, ...]] = set()
        for paragraph in source.paragraphs:
            words = [word for _start, _end, word in _words(paragraph.display_text)]
            found.update(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))
        cached = _RUNS[id(source)] = (source, frozenset(found))
    return cached[1]


def _own_stretches(sentence: Sentence) -> Iterator[list[tuple[int, int, str]]]:
    """The sentence's words in stretches that no quotation, mark or code interrupts."""
    passage, stretch = sentence.passage, []
    for start, end, word in _words(sentence.text):
        at, to = sentence.start + start, sentence.start + end
        if passage.is_quoted(at, to) or passage.is_marked(at, to):
            if stretch:
                yield stretch
            stretch = []
        else:
            stretch.append((start, end, word))
    if stretch:
        yield stretch


def copied(sentence: Sentence, sources: Mapping[str, Source]) -> Iterator[str]:
    """The text of each copied run of a sentence, overlapping matches merged into one.
    A sentence is compared with the sources its passage cites, as the other checks are."""
    cited = dict.fromkeys(span.source_id for span in sentence.passage.scope)
    known = [_runs_of(sources[source_id]) for source_id in cited if source_id in sources]
    for stretch in _own_stretches(sentence):
        words = [word for _start, _end, word in stretch]
        hits = [i for i in range(len(words) - RUN + 1) if any(tuple(words[i : i + RUN]) in runs for runs in known)]
        for first, last in _merged(hits):
            text = sentence.text[stretch[first][0] : stretch[last - 1][1]]
            if sum(1 for word in _WORD.findall(text) if _ordinary(word)) >= ORDINARY:
                yield text


def _merged(hits: list[int]) -> list[tuple[int, int]]:
    """Overlapping runs starting at ``hits`` as (first word, past last word)."""
    merged: list[list[int]] = []
    for hit in hits:
        if merged and hit <= merged[-1][1]:
            merged[-1][1] = hit + RUN
        else:
            merged.append([hit, hit + RUN])
    return [(first, last) for first, last in merged]


def check_copying(sentence: Sentence, sources: Mapping[str, Source]) -> None:
    """Warn about each run of a source's prose that a sentence carries unquoted."""
    if IDENTIFYING in sentence.passage.node.get("classes", ()):
        return
    for run in copied(sentence, sources):
        warn(
            Check.UNQUOTED_COPY,
            f"“{excerpt(run, 120)}” is the source's own wording outside quotation marks; "
            f"say it in the book's words, or quote it and name whose words they are",
            sentence.passage.node,
        )
