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
the speaker expected and the paragraph and sentence, so the fix is plain.

Three more ways a sentence can get its speaker wrong are refused:

- where the source parser could only guess who speaks (:attr:`Voice.unsure`), the check
  does not demand its guess: unless the sentence names the guessed speaker, it asks the
  maintainer to settle the source sentence ("¶18.2") in the source header's
  ``attribution`` (``briefing.unsure-speaker``);
- quoted words that the sentence's own tag gives to someone else ("Lee said "…"" for
  words that are Park's) fail even when the sentence names the real speaker elsewhere
  (``briefing.misattributed``);
- a sentence whose tag names someone ("…, Kelly said") while it restates the article's
  own narration, which nobody in the article says, gives that person words that are not
  theirs (``briefing.misattributed``). The sentence it restates is found as rule 2
  finds a view, with its quoted words left out (rule 3 weighs those); a source sentence
  that names the person may report them in a form the parser misses ("with Mexico
  saying …"), and is let be.

Cost: a sentence is compared with the sentences of the paragraphs it rests on, once
each; names are matched in time linear in the sentence (:func:`.speakers.names`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..model.diagnostics import Check, excerpt, warn
from ..text import tags
from ..text.lexicon import TITLES
from ..text.quantities import Quantity
from ..text.sentences import content_words
from ..text.sources import Paragraph, Source
from ..text.speakers import Sentence as SourceSentence
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
#: The plain verbs of speech: a tag of one over the article's narration gives it to someone.
_PLAIN = frozenset({"said", "says", "told", "tells", "added", "adds", "wrote", "writes", "stated", "according to"})
#: The verbs and shapes of a tag that gives quoted words to someone: the plain verbs, the
#: verbs that say how the words were said, and the tags of no verb (red team AD: "…?" Kelly
#: asked, "…," Kelly warned and "as Kelly put it" gave Shirk's words to Kelly unread). They
#: are not read over narration: "…, the report said, and Shirk asked whether …" gives the
#: narration to the report and only the question to Shirk.
_SAYING = _PLAIN | frozenset(
    {"asked", "asks", "warned", "warns", "argued", "argues", "insisted", "insists", "noted", "notes"}
    | {"explained", "explains", "replied", "replies", "responded", "responds", "put it", "in the words of", ":", "—"}
)
#: Content words a sentence needs to restate a whole paragraph's statement while citing nothing
#: itself (a name or a title states none).
MIN_WORDS = 4
#: Content words any sentence needs to restate someone's view: two nouns ("Authority and
#: contraband", a chapter's title) name a topic, they state nothing.
MIN_VIEW_WORDS = 3


@dataclass(frozen=True)
class Requirement:
    """Someone the sentence must name, why, and the source sentence that says so."""

    speakers: tuple[str, ...]
    paragraph: Paragraph
    reason: str
    said: SourceSentence | None = None
    #: The words are quoted: a tag in the sentence must give them to their speaker.
    quotes: bool = False

    @property
    def address(self) -> str:
        """ "¶18.2": the paragraph and sentence, as the header's ``attribution`` keys them."""
        return f"{self.paragraph.label}.{self.said.number}" if self.said else self.paragraph.label

    @property
    def unsure(self) -> bool:
        return self.said is not None and self.said.unsure


def _paragraph_speakers(paragraph: Paragraph) -> tuple[str, ...]:
    """The speakers of a paragraph that is someone's view in every sentence, else none."""
    if paragraph.sentences and all(sentence.entirely_view for sentence in paragraph.sentences):
        return tuple(dict.fromkeys(name for s in paragraph.sentences for name in s.view))
    return ()


def _rests_on_narration(sentence: Sentence, paragraph: Paragraph) -> bool:
    """Rule 1 gives way where the sentence restates only the reporter's own words inside a
    statement, such as the description of a speaker ("said Carmen Lisboa, a biologist with
    the conservation group Agua Viva"): at least two of its content words are the
    narration's, and none is a word of anyone's view (the speakers' own names aside)."""
    words = content_words(sentence.text)
    narrated: set[str] = set()
    spoken: set[str] = set()
    for said in paragraph.sentences:
        view, own = said.parts()
        narrated |= content_words(own)
        spoken |= content_words(view) - content_words(" ".join(said.speakers))
    return len(words & narrated) >= 2 and not words & spoken


def _least_sure(paragraph: Paragraph) -> SourceSentence | None:
    """The sentence of a paragraph whose speaker is the least sure (an unsure one first)."""
    return min(paragraph.sentences, key=lambda s: s.voice.confidence, default=None)


def _best_view(sentence: Sentence, paragraphs: list[Paragraph], weights: Mapping[str, float]) -> Requirement | None:
    """Rule 2: the paragraph sentence this sentence most resembles, if it is a view."""
    words = content_words(sentence.text)
    best_view: tuple[float, Paragraph | None, SourceSentence | None] = (0.0, None, None)
    best_narration = 0.0
    for paragraph in paragraphs:
        for said in paragraph.sentences:
            score = sum(weights.get(word, 0.0) for word in words & said.view_words)
            if said.view and score > best_view[0]:
                best_view = (score, paragraph, said)
            best_narration = max(best_narration, sum(weights.get(word, 0.0) for word in words & said.own_words))
    score, paragraph, said = best_view
    if paragraph is None or said is None or score < MIN_SCORE or score < best_narration + MARGIN:
        return None
    return Requirement(said.view, paragraph, "it restates their view", said)


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
                    yield Requirement(speakers, paragraph, f"it quotes “{words}”", said, quotes=True)


def _is_name(words: str) -> bool:
    """A nickname in quotation marks ("El Chapo") names someone; it is nobody's statement."""
    parts = words.split()
    return 0 < len(parts) <= 3 and all(part[:1].isupper() for part in parts)


def _numbers(sentence: Sentence, paragraphs: list[Paragraph]) -> Iterator[Requirement]:
    """Rule 4: a number the paragraphs give only in someone's words. Who gives a kind of
    quantity (:attr:`Quantity.kind`) is worked out once per passage, from each paragraph's
    figures of that value (:func:`_figures_by_value`): a passage of 3,200 "5%"s citing a
    paragraph of 16,000 compared every pair (red team N)."""
    holders_of: dict[object, list[tuple[Paragraph, SourceSentence, tuple[str, ...]]]]
    holders_of = sentence.passage.memo.setdefault(_HOLDERS, {})  # type: ignore[assignment]
    for quantity in quantities(sentence.text, ordinary_words=False):
        if quantity.kind not in holders_of:
            holders_of[quantity.kind] = _holders(quantity, paragraphs)
        holders = holders_of[quantity.kind]
        if holders and all(speakers for _paragraph, _said, speakers in holders):
            paragraph, said, speakers = holders[0]
            yield Requirement(speakers, paragraph, f"it gives their figure “{quantity.text}”", said)


#: Where a passage keeps who gives each kind of quantity its sentences hold.
_HOLDERS = "attribution-holders"
#: Where a paragraph keeps its sentences' figures by value.
_BY_VALUE = "attribution-figures"


def _holders(
    quantity: Quantity, paragraphs: list[Paragraph]
) -> list[tuple[Paragraph, SourceSentence, tuple[str, ...]]]:
    """Each figure of ``paragraphs`` that supports ``quantity``: its paragraph, sentence and speakers."""
    value = (quantity.low, quantity.high)
    return [
        (paragraph, said, _whose_figure(said, found))
        for paragraph in paragraphs
        for said, found in _figures_by_value(paragraph).get(value, ())
        if quantity.matches(found)
    ]


def _figures_by_value(paragraph: Paragraph) -> dict[object, list[tuple[SourceSentence, Quantity]]]:
    """A paragraph's figures by their range, with the sentence of each: made once a build."""
    index = paragraph.memo.get(_BY_VALUE)
    if not isinstance(index, dict):
        index = paragraph.memo[_BY_VALUE] = {}
        for said in paragraph.sentences:
            for found in said.figures:
                index.setdefault((found.low, found.high), []).append((said, found))
    return index


def requirements(sentence: Sentence, sources: Mapping[str, Source]) -> Iterator[Requirement]:
    """Everyone this sentence must name, by the four rules."""
    own = cited_paragraphs(sentence.cites, sources)
    for paragraph in own:
        speakers = _paragraph_speakers(paragraph)
        if speakers and not _rests_on_narration(sentence, paragraph):
            yield Requirement(speakers, paragraph, "the paragraph is their statement", _least_sure(paragraph))
    basis = own or cited_paragraphs(sentence.passage.scope, sources)
    # A paragraph that is someone's statement throughout is rule 1's where the sentence cites
    # it; a statement that cites nothing itself may still restate it, naming the speaker
    # only in the sentence after (a question or a bare name states nothing).
    size = len(content_words(sentence.text))
    states = not own and not sentence.text.rstrip().endswith("?") and size >= MIN_WORDS
    for source_id in dict.fromkeys(paragraph.source_id for paragraph in basis if size >= MIN_VIEW_WORDS):
        weights = sources[source_id].word_weights
        candidates = [p for p in basis if p.source_id == source_id and (states or not _paragraph_speakers(p))]
        found = _best_view(sentence, candidates, weights)
        if found is not None:
            yield found
    yield from _quoted(sentence, basis)
    yield from _numbers(sentence, basis)


def _whose_figure(said: SourceSentence, found: Quantity) -> tuple[str, ...]:
    """Who gives a number: the speakers of the words it stands in, unless it is part of a
    speaker's name ("2023" in "the authority's 2023 ridership report said")."""
    speakers = said.speakers_at(found.start)
    return () if any(found.text in speaker for speaker in speakers) else speakers


def check_attribution(sentence: Sentence, sources: Mapping[str, Source]) -> None:
    """Warn once per speaker that a sentence leaves unnamed, once per source sentence whose
    speaker is only guessed, and once per quotation its tag gives to someone else."""
    warned: set[str] = set()
    tagged = _tagged(sentence, _SAYING)
    told = _strangers(sentence, tagged, sources) or _narration_told_by(sentence, _tagged(sentence, _PLAIN), sources)
    if told:
        _warn_once(warned, "narration", Check.MISATTRIBUTED, sentence, told)
    for need in requirements(sentence, sources):
        source = sources[need.paragraph.source_id]
        forms = [ARTICLE_FORMS if speaker == ARTICLE else source.name_forms(speaker) for speaker in need.speakers]
        named = any(sentence.names(speaker_forms) for speaker_forms in forms)
        who = " or ".join(need.speakers)
        if named and need.quotes and tagged and not any(names(t, f) for t in tagged for f in forms if f):
            _warn_once(
                warned,
                f"misattributed {who}",
                Check.MISATTRIBUTED,
                sentence,
                f"this sentence gives to {' and '.join(tagged)} the words of {who} ({need.address}: {need.reason}); "
                f"say whose they are (e.g. “according to {need.speakers[0]}, …”)",
            )
        elif named:
            continue
        elif need.unsure:
            _warn_once(
                warned,
                f"unsure {need.address}",
                Check.UNSURE_SPEAKER,
                sentence,
                f"this sentence rests on {need.address}, whose speaker the source parser could only guess "
                f"(perhaps {who}: {need.said.voice.basis}); name who speaks, and settle it in the source "
                f'header: attribution: {{"{need.address[1:]}": <speaker>}}',
            )
        else:
            _warn_once(
                warned,
                who,
                Check.UNATTRIBUTED,
                sentence,
                f"this sentence rests on {need.address}, which the source gives to {who} ({need.reason}), "
                f"but does not name them; attribute it (e.g. “according to {need.speakers[0]}, …”)",
            )


def _strangers(sentence: Sentence, tagged: list[str], sources: Mapping[str, Source]) -> str:
    """The warning for a sentence whose tag names someone that no paragraph it cites names
    or has speak ("Zed said …" over a paragraph with no Zed), or "": the source is the only
    place a speaker comes from. A paragraph's speakers count, since "he said" there is the
    person the parser resolved; a speaker's surname with another given name ("Gene Kelly"
    over Stephen Kelly's words) names someone else. Linear in the cited paragraphs' length
    (their words are remembered)."""
    cited = cited_paragraphs(sentence.cites, sources)
    written = frozenset().union(*(paragraph.words for paragraph in cited))
    forms = [sources[paragraph.source_id].name_forms(speaker) for paragraph in cited for speaker in paragraph.speakers]
    strangers = [
        name
        for name in tagged
        if content_words(name)
        and (
            (not content_words(name) & written and not any(names(name, f) for f in forms if f))
            or _another_given_name(name, [form for f in forms for form in f], written)
        )
    ]
    if not cited or not strangers:
        return ""
    return (
        f"this sentence gives words to {' and '.join(strangers)}, whom the paragraph(s) it cites "
        f"({', '.join(paragraph.label for paragraph in cited)}) never name; a speaker is named as the source names them"
    )


def _another_given_name(name: str, forms: list[str], written: frozenset[str]) -> bool:
    """Whether ``name`` gives a cited speaker's name (one of ``forms``) a capitalised word
    that is no title, none of the speaker's names and nowhere in the cited paragraphs."""
    if not any(names(name, [form]) for form in forms):
        return False
    known = {word for form in forms for word in content_words(form)} | written
    words = [word.strip(".,;:") for word in name.split()]
    return any(word[:1].isupper() and word.lower() not in TITLES and content_words(word) - known for word in words)


def _narration_told_by(sentence: Sentence, tagged: list[str], sources: Mapping[str, Source]) -> str:
    """The warning for a sentence whose tag gives the article's own narration to someone, or ""."""
    if not tagged or names(sentence.text, ARTICLE_FORMS):
        return ""  # untagged, or the narration is given to the article as well
    basis = cited_paragraphs(sentence.cites, sources) or cited_paragraphs(sentence.passage.scope, sources)
    named = {word for name in tagged for word in content_words(name)}
    words = content_words(_unquoted(sentence)) - named
    best: tuple[float, Paragraph | None, SourceSentence | None] = (0.0, None, None)
    best_view = 0.0
    for paragraph in basis:
        weights = sources[paragraph.source_id].word_weights
        for said in paragraph.sentences:
            best_view = max(best_view, sum(weights.get(word, 0.0) for word in words & said.view_words))
            score = sum(weights.get(word, 0.0) for word in words & said.own_words)
            if score > best[0]:
                best = (score, paragraph, said)
    score, paragraph, said = best
    if paragraph is None or said is None or score < MIN_SCORE or score < best_view + MARGIN:
        return ""
    if named & content_words(said.text):
        return ""  # the sentence names them: it may report their words in a form the parser misses
    need = Requirement((ARTICLE,), paragraph, "the article's own narration", said)
    return (
        f"this sentence gives to {' and '.join(tagged)} what {need.address} says in the article's own voice, "
        "not in anyone's words; say it as the article's (“the article reports …”), or give "
        f"{' and '.join(tagged)}'s own words"
    )


def _unquoted(sentence: Sentence) -> str:
    """The sentence with its quoted words blanked."""
    chars = list(sentence.text)
    for start, end, _words in sentence.passage.quoted:
        for index in range(max(start + 1, sentence.start), min(end - 1, sentence.end)):
            chars[index - sentence.start] = " "
    return " ".join("".join(chars).split())


def _warn_once(warned: set[str], key: str, check: Check, sentence: Sentence, message: str) -> None:
    if key not in warned:
        warned.add(key)
        warn(check, f"{message}: “{excerpt(sentence.text)}”", sentence.passage.node)


def _tagged(sentence: Sentence, verbs: frozenset[str]) -> list[str]:
    """Whom the sentence's own tags name ("Lee said", "according to the Gazette"), read by the
    source parser's tag reader with the quotations blanked; pronouns and descriptions are
    left out, since the sentence alone cannot say whom they mean."""
    frame = _unquoted(sentence)
    return [m.text for m in tags.read(frame) if m.form in (tags.NAME, tags.SURNAME) and m.verb in verbs]
