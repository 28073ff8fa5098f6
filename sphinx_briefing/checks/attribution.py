"""Attribution check: a view keeps its speaker in every sentence of ours that uses it.

The source knows who speaks in each of its sentences (:mod:`speakers`). A sentence
of the book must name a speaker (in itself, or earlier in the same list item,
cell or glossary entry, or as the record it belongs to) when it rests on that
speaker's words. It rests on them when:

1. it cites, itself, a paragraph that is entirely someone's statement or view
   (every sentence of ¶22 is Milenio's analysis);
2. of the sentences of the paragraphs it rests on, the one it shares most telling
   words with is someone's view, clearly ahead of any sentence in the article's
   own voice (the majority of Central American entrants, in ¶31, is "analysts say");
3. it quotes words that a speaker said (or the article's own words: then it
   names the article, so that a reporter's phrase is not passed off as someone's);
4. it gives a number that the source gives only inside someone's statement
   ("a 100-fold increase", in Gortney's words).

A neutral report of the article's own narration needs nothing. The warning names
the speaker expected and the paragraph, so the fix is plain.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..model.diagnostics import Check, excerpt, warn
from ..text.sentences import content_words
from ..text.sources import Paragraph, Source
from ..text.speakers import names
from .numbers import quantities
from .prose import Sentence
from .quotes import cited_paragraphs, locate

#: The speaker of the article's own words: quoting them needs "the article" (or "the reporter").
ARTICLE = "the article"
ARTICLE_FORMS = ("article", "reporter", "reported", "reports")
#: How much more telling overlap a view must have than any narration to count as the basis.
MIN_SCORE = 6.0
MARGIN = 1.5


@dataclass(frozen=True)
class Requirement:
    """Someone the sentence must name, and why."""

    speakers: tuple[str, ...]
    paragraph: Paragraph
    reason: str


def _paragraph_speakers(paragraph: Paragraph) -> tuple[str, ...]:
    """The speakers of a paragraph that is someone's view in every sentence, else none."""
    if paragraph.sentences and all(sentence.view for sentence in paragraph.sentences):
        return tuple(dict.fromkeys(name for s in paragraph.sentences for name in s.view))
    return ()


def _best_view(sentence: Sentence, paragraphs: list[Paragraph], weights: Mapping[str, float]) -> Requirement | None:
    """Rule 2: the paragraph sentence this sentence most resembles, if it is a view."""
    words = content_words(sentence.text)
    best_view: tuple[float, Paragraph | None, tuple[str, ...]] = (0.0, None, ())
    best_narration = 0.0
    for paragraph in paragraphs:
        for said in paragraph.sentences:
            score = sum(weights.get(word, 0.0) for word in words & content_words(said.text))
            if said.view and score > best_view[0]:
                best_view = (score, paragraph, said.view)
            elif not said.view:
                best_narration = max(best_narration, score)
    score, paragraph, speakers = best_view
    if paragraph is None or score < MIN_SCORE or score < best_narration + MARGIN:
        return None
    return Requirement(speakers, paragraph, "it restates their view")


def _quoted(sentence: Sentence, paragraphs: list[Paragraph]) -> Iterator[Requirement]:
    """Rule 3: quoted words belong to whoever says them where the source has them: the
    speaker of the source's quotation they stand in, else the sentence's view, else the
    article itself (its own words, quoted, are the article's, not the subject's)."""
    passage = sentence.passage
    for start, _end, words in passage.quoted:
        if not (sentence.start <= start < sentence.end) or _is_name(words):
            continue
        for paragraph in paragraphs:
            for said in paragraph.sentences:
                spans = locate(words, said.text)
                if spans:
                    speakers = said.speakers_at(spans[0][0]) or (ARTICLE,)
                    yield Requirement(speakers, paragraph, f"it quotes “{words}”")


def _is_name(words: str) -> bool:
    """A nickname in quotation marks ("El Chapo") names someone; it is nobody's statement."""
    parts = words.split()
    return 0 < len(parts) <= 3 and all(part[:1].isupper() for part in parts)


def _numbers(sentence: Sentence, paragraphs: list[Paragraph]) -> Iterator[Requirement]:
    """Rule 4: a number the paragraphs give only in someone's words."""
    for quantity in quantities(sentence.text, ordinary_words=False):
        holders = [
            (paragraph, said.speakers_at(found.start))
            for paragraph in paragraphs for said in paragraph.sentences
            for found in quantities(said.text) if quantity.matches(found)
        ]
        if holders and all(speakers for _paragraph, speakers in holders):
            paragraph, speakers = holders[0]
            yield Requirement(speakers, paragraph, f"it gives their figure “{quantity.text}”")


def requirements(sentence: Sentence, sources: Mapping[str, Source]) -> Iterator[Requirement]:
    """Everyone this sentence must name, by the four rules."""
    own = cited_paragraphs(sentence.cites, sources)
    for paragraph in own:
        speakers = _paragraph_speakers(paragraph)
        if speakers:
            yield Requirement(speakers, paragraph, "the paragraph is their statement")
    basis = own or cited_paragraphs(sentence.passage.scope, sources)
    for source_id in dict.fromkeys(paragraph.source_id for paragraph in basis):
        weights = sources[source_id].word_weights
        mixed = [p for p in basis if p.source_id == source_id and not _paragraph_speakers(p)]
        found = _best_view(sentence, mixed, weights)
        if found is not None:
            yield found
    yield from _quoted(sentence, basis)
    yield from _numbers(sentence, basis)


def check_attribution(sentence: Sentence, sources: Mapping[str, Source]) -> None:
    """Warn once per speaker that a sentence leaves unnamed."""
    context = sentence.naming_context
    warned: set[str] = set()
    for need in requirements(sentence, sources):
        source = sources[need.paragraph.source_id]
        if any(names(context, ARTICLE_FORMS if speaker == ARTICLE else source.name_forms(speaker)) for speaker in need.speakers):
            continue
        who = " or ".join(need.speakers)
        if who in warned:
            continue
        warned.add(who)
        warn(
            Check.UNATTRIBUTED,
            f"this sentence rests on {need.paragraph.label}, where {who} speaks ({need.reason}), "
            f"but does not name them; attribute it (e.g. “{need.speakers[0]} says …”, “according to …”): "
            f"“{excerpt(sentence.text)}”",
            sentence.passage.node,
        )
