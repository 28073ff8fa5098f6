"""The hand-labelled corpus (``tests/corpus/``) is consistent with its own articles.

The corpus is the expected answer that the source parser is measured against: who speaks in each
sentence, which quantities each paragraph states, which paragraphs are not news. A slip in it
(a sentence start that is not in its paragraph, a paragraph missed, a speaker never introduced)
would silently move the measured precision and recall, so these checks read only the corpus files
and the standard library, never the parser. ``tests/corpus/README.md`` gives the schema and rules.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

CORPUS = Path(__file__).parent / "corpus"
ARTICLES = sorted(p.parent.name for p in CORPUS.glob("*/expected.yaml"))

KINDS = {"news", "byline", "dateline", "caption", "credit", "related", "editors-note", "correction"}
VOICES = {"reporter", "person", "anonymous", "institution"}
STRUCTURES = {"straight news", "feature", "wire"}
#: Which list of the YAML names the speakers of each voice.
SPEAKER_LISTS = {"person": "people", "anonymous": "anonymous", "institution": "institutions"}
#: Number words a reader counts; each use must be a quantity or listed as not one.
NUMBER_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|half"
    r"|third|thirds|quarter|hundred|thousand|million|billion|first|second|fourth|fifth)\b",
    re.IGNORECASE,
)
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
DATE = re.compile(r"^(\d{4}|-)-\d{2}-\d{2}$")
FRACTION = re.compile(r"^\d+/\d+$")
#: A ``starts`` shorter than three words is allowed only when it is the whole sentence.
SENTENCE_END = re.compile(r"[.?!][\"”’]?$")


def flat(text: str) -> str:
    """White space normalised: what a wrapped line and an unwrapped one have in common."""
    return " ".join(text.split())


def article_paragraphs(slug: str) -> tuple[str, list[str]]:
    """The headline and the paragraphs after it: text between blank lines, white space flattened."""
    text = (CORPUS / slug / "article.txt").read_text(encoding="utf-8")
    blocks = [flat(b) for b in re.split(r"\n[ \t]*\n", text.strip("\n")) if b.strip()]
    return blocks[0], blocks[1:]


def expected(slug: str) -> dict[str, Any]:
    """The hand-written answer for one article."""
    return yaml.safe_load((CORPUS / slug / "expected.yaml").read_text(encoding="utf-8"))


def paired(slug: str) -> list[tuple[dict[str, Any], str]]:
    """Each expected paragraph with the article's text of it (the count is checked separately)."""
    _, paragraphs = article_paragraphs(slug)
    return list(zip(expected(slug)["paragraphs"], paragraphs, strict=False))


def names(answer: dict[str, Any], key: str) -> set[str]:
    """The names a speaker of one voice may take: each entry's name (its ``also`` are aliases)."""
    return {entry["name"] for entry in answer.get(key) or []}


def test_there_are_at_least_three_articles_of_different_structures() -> None:
    structures = {expected(slug)["structure"] for slug in ARTICLES}
    assert len(ARTICLES) >= 3
    assert structures == STRUCTURES


@pytest.mark.parametrize("slug", ARTICLES)
def test_title_and_paragraph_count(slug: str) -> None:
    headline, paragraphs = article_paragraphs(slug)
    answer = expected(slug)
    assert answer["title"] == headline
    assert answer["subject"].strip()
    assert answer["structure"] in STRUCTURES
    assert [p["n"] for p in answer["paragraphs"]] == list(range(1, len(paragraphs) + 1))


@pytest.mark.parametrize("slug", ARTICLES)
def test_kinds_and_topics(slug: str) -> None:
    problems = []
    for para, _ in paired(slug):
        n, kind = para["n"], para["kind"]
        if kind not in KINDS:
            problems.append(f"¶{n}: kind {kind!r}")
        if (kind == "news") != bool(para.get("topic")):
            problems.append(f"¶{n}: a topic is given for news paragraphs and only for them")
        if ("corrects" in para) != (kind == "correction"):
            problems.append(f"¶{n}: `corrects` belongs to a correction, and a correction has one")
    assert not problems, problems


@pytest.mark.parametrize("slug", ARTICLES)
def test_sentence_starts_are_in_their_paragraph_in_order(slug: str) -> None:
    problems = []
    for para, text in paired(slug):
        position = 0
        for sentence in para["sentences"]:
            starts = flat(sentence["starts"])
            words = len(starts.split())
            if not (3 <= words <= 6 or (words < 3 and SENTENCE_END.search(starts))):
                problems.append(f"¶{para['n']}: {starts!r} is not 3 to 6 words")
            if text.count(starts) != 1:
                problems.append(f"¶{para['n']}: {starts!r} occurs {text.count(starts)} times")
            found = text.find(starts, position)
            if found < 0:
                problems.append(f"¶{para['n']}: {starts!r} not found after the previous sentence")
                continue
            position = found + len(starts)
        if para["sentences"] and not text.startswith(flat(para["sentences"][0]["starts"])):
            problems.append(f"¶{para['n']}: the first sentence does not open the paragraph")
    assert not problems, problems


@pytest.mark.parametrize("slug", ARTICLES)
def test_voices_and_speakers(slug: str) -> None:
    answer = expected(slug)
    problems = []
    for para, _ in paired(slug):
        for sentence in para["sentences"]:
            voice, speaker = sentence["voice"], sentence.get("speaker")
            where = f"¶{para['n']} {sentence['starts']!r}"
            if voice not in VOICES:
                problems.append(f"{where}: voice {voice!r}")
            elif voice == "reporter":
                if speaker is not None:
                    problems.append(f"{where}: the reporter's narration has no speaker")
            elif speaker not in names(answer, SPEAKER_LISTS[voice]):
                problems.append(f"{where}: {speaker!r} is not in {SPEAKER_LISTS[voice]}")
    assert not problems, problems


@pytest.mark.parametrize("slug", ARTICLES)
def test_people_sources_and_terms_are_where_they_are_said_to_be(slug: str) -> None:
    answer = expected(slug)
    _, paragraphs = article_paragraphs(slug)
    problems = []
    for person in answer["people"]:
        text = paragraphs[person["first"] - 1]
        if person["name"] not in text:
            problems.append(f"{person['name']!r} not in ¶{person['first']}")
        if any(person["name"] in p for p in paragraphs[: person["first"] - 1]):
            problems.append(f"{person['name']!r} is named before ¶{person['first']}")
        if not {"role", "affiliation"} <= person.keys():
            problems.append(f"{person['name']!r}: role and affiliation ('' if none)")
    for key in ("institutions", "anonymous"):
        for source in answer.get(key) or []:
            text = paragraphs[source["first"] - 1]
            spellings = [source["name"], *source.get("also", [])]
            if not any(s.casefold() in text.casefold() for s in spellings):
                problems.append(f"{key}: none of {spellings} in ¶{source['first']}")
    for term in answer.get("terms") or []:
        text = paragraphs[term["paragraph"] - 1]
        if term["term"] not in text or term["means"] not in text:
            problems.append(f"term {term['term']!r}: term or meaning not in ¶{term['paragraph']}")
    assert not problems, problems


def check_quantity(q: dict[str, Any]) -> str | None:
    """What is wrong with one quantity's fields, if anything."""
    if set(q) != {"text", "low", "high", "unit", "approx", "retracted"}:
        return f"fields {sorted(q)}"
    if not isinstance(q["approx"], bool) or not isinstance(q["retracted"], bool):
        return "approx and retracted are true or false"
    low, high = q["low"], q["high"]
    if q["unit"] == "date":
        return None if DATE.match(str(low)) and low == high else "a date is --MM-DD or YYYY-MM-DD"
    if isinstance(low, str):
        if not (FRACTION.match(low) and FRACTION.match(str(high))):
            return "a fraction is written as a string '1/3'"
        low, high = Fraction(low), Fraction(high)
    elif not isinstance(low, int | float) or not isinstance(high, int | float):
        return "low and high are numbers"
    if q["unit"] == "year" and not (isinstance(low, int) and 1000 <= low <= 2999):
        return "a year is a whole number"
    return None if low <= high else "low is above high"


@pytest.mark.parametrize("slug", ARTICLES)
def test_quantities_are_in_their_paragraph(slug: str) -> None:
    problems = []
    for para, text in paired(slug):
        for q in para.get("quantities") or []:
            if flat(q["text"]) not in text:
                problems.append(f"¶{para['n']}: {q['text']!r} not in the paragraph")
            if (wrong := check_quantity(q)) is not None:
                problems.append(f"¶{para['n']}: {q['text']!r}: {wrong}")
    assert not problems, problems


def uncovered(text: str, covered: list[str], pattern: re.Pattern[str]) -> list[str]:
    """Matches of ``pattern`` in ``text`` that no listed text (quantity or not) covers."""
    spans = []
    for phrase in covered:
        start = text.find(flat(phrase))
        while start >= 0:
            spans.append((start, start + len(flat(phrase))))
            start = text.find(flat(phrase), start + 1)
    return [m.group() for m in pattern.finditer(text) if not any(a <= m.start() and m.end() <= b for a, b in spans)]


@pytest.mark.parametrize("slug", ARTICLES)
def test_every_number_is_a_quantity_or_said_not_to_be(slug: str) -> None:
    """Every numeral and number word is accounted for: no quantity forgotten by the labeller."""
    problems = []
    for para, text in paired(slug):
        covered = [q["text"] for q in para.get("quantities") or []]
        covered += [x["text"] for x in para.get("not_quantities") or []]
        for pattern in (DIGITS, NUMBER_WORDS):
            for missed in uncovered(text, covered, pattern):
                problems.append(f"¶{para['n']}: {missed!r}")
        for x in para.get("not_quantities") or []:
            if flat(x["text"]) not in text or not x.get("why"):
                problems.append(f"¶{para['n']}: not_quantities {x['text']!r} needs text and why")
    assert not problems, problems


def value(q: dict[str, Any]) -> tuple[Any, Any, str]:
    return q["low"], q["high"], q["unit"]


@pytest.mark.parametrize("slug", ARTICLES)
def test_corrections_point_at_the_corrected_figure(slug: str) -> None:
    answer = expected(slug)
    problems = []
    for para in answer["paragraphs"]:
        if para["kind"] != "correction":
            continue
        quantities = para.get("quantities") or []
        wrong = [value(q) for q in quantities if q["retracted"]]
        right = [value(q) for q in quantities if not q["retracted"]]
        target = answer["paragraphs"][para["corrects"] - 1]
        shown = [value(q) for q in target.get("quantities") or []]
        if not wrong or not right:
            problems.append(f"¶{para['n']}: a correction retracts one value and gives another")
        if para["corrects"] >= para["n"] or not set(right) & set(shown):
            problems.append(f"¶{para['n']}: ¶{para['corrects']} does not show the right figure")
        if set(wrong) & set(shown):
            problems.append(f"¶{para['n']}: ¶{para['corrects']} still shows the retracted one")
    assert not problems, problems
