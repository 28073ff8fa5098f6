"""Quantities as a reader reads them (``text.quantities``), the number check and the key
figure's value built on them, and their cost on the worst inputs.

The forms are the ones news writes and the ones a hostile page uses to slip a number
past the checks: ranges, whole units, fractions, hedges, retractions, letters that
look like digits, superscripts, "half a billion".
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from functools import partial
from pathlib import Path

import pytest
from docutils import nodes

from sphinx_briefing.checks.numbers import Intervals, unsupported
from sphinx_briefing.checks.prose import Passage
from sphinx_briefing.records.records import bare_number, written_in
from sphinx_briefing.text.addressing import Span
from sphinx_briefing.text.quantities import (
    APPROX,
    AT_LEAST,
    AT_MOST,
    quantities,
    reading,
    unit_key,
)
from sphinx_briefing.text.sources import load_source

from .harness import GROWTH, growth

F = Fraction


def read(text: str) -> list[tuple[str, F | None, F | None, str, str, bool]]:
    return [(q.text, q.low, q.high, q.unit, q.bound, q.retracted) for q in quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ranges are one quantity, with the unit and scale written once
        ("between 70 and 80 percent of the flow", [("between 70 and 80 percent", F(70), F(80), "percent", "", False)]),
        ("650 to 700 farmers", [("650 to 700", F(650), F(700), "", "", False)]),
        ("something like 15 to 20 percent", [("15 to 20 percent", F(15), F(20), "percent", APPROX, False)]),
        ("$2 million to $3 million", [("$2 million to $3 million", F(2_000_000), F(3_000_000), "dollars", "", False)]),
        ("2 to 3 million people", [("2 to 3 million", F(2_000_000), F(3_000_000), "", "", False)]),
        ("from 2010 to 2015", [("from 2010 to 2015", F(2010), F(2015), "year", "", False)]),
        ("in 2010–15", [("2010–15", F(2010), F(2015), "year", "", False)]),
        # a change is two values, not a range; "and" joins a range only after "between"
        (
            "fares rose from 10 to 20 percent",
            [("10", F(10), F(10), "", "", False), ("20 percent", F(20), F(20), "percent", "", False)],
        ),
        (
            "70 and 80 percent",
            [("70", F(70), F(70), "", "", False), ("80 percent", F(80), F(80), "percent", "", False)],
        ),
        # a rate written once, after the second end, belongs to both ends (new-user review: "$3 million a
        # year" was read alone, and "4% to 5% a year" was reported as "4%")
        (
            "another $1.5 million to $3 million a year",
            [("$1.5 million to $3 million a year", F(1_500_000), F(3_000_000), "dollars a year", "", False)],
        ),
        ("raises of 4% to 5% a year", [("4% to 5% a year", F(4), F(5), "percent a year", "", False)]),
        # a share written as "N in M" or "N out of M" is one fraction, hedge included (new-user review:
        # "roughly one in four assaults" was drafted as a count of "four assaults")
        ("roughly one in four assaults", [("one in four", F(1, 4), F(1, 4), "", APPROX, False)]),
        (
            "1 in 5 riders and three out of every ten",
            [
                ("1 in 5", F(1, 5), F(1, 5), "", "", False),
                ("three out of every ten", F(3, 10), F(3, 10), "", "", False),
            ],
        ),
        (
            "5 in 2 raids, 3 in 2015",
            [
                ("5", F(5), F(5), "", "", False),
                ("2", F(2), F(2), "", "", False),
                ("3", F(3), F(3), "", "", False),
                ("2015", F(2015), F(2015), "year", "", False),
            ],
        ),
        # a tally is one quantity that goes down: a vote or a score is no range and no two counts
        (
            "By a 6-3 vote, six to three",
            [("6-3", F(6), F(3), "", "", False), ("six to three", F(6), F(3), "", "", False)],
        ),
        (
            "rose from 10 to 3 in 2015-12",
            [
                ("10", F(10), F(10), "", "", False),
                ("3", F(3), F(3), "", "", False),
                ("2015", F(2015), F(2015), "year", "", False),
                ("12", F(12), F(12), "", "", False),
            ],
        ),
        # units stay whole
        (
            "410 cubic metres per second",
            [("410 cubic metres per second", F(410), F(410), "cubic metres per second", "", False)],
        ),
        ("1.2 million acre-feet", [("1.2 million acre-feet", F(1_200_000), F(1_200_000), "acre-feet", "", False)]),
        ("20 billion pesos", [("20 billion pesos", F(20_000_000_000), F(20_000_000_000), "pesos", "", False)]),
        (
            "€40 million, £40m and 2.5bn",
            [
                ("€40 million", F(40_000_000), F(40_000_000), "euros", "", False),
                ("£40m", F(40_000_000), F(40_000_000), "pounds", "", False),
                ("2.5bn", F(2_500_000_000), F(2_500_000_000), "", "", False),
            ],
        ),
        (
            "12 per cent, 3 percentage points",
            [
                ("12 per cent", F(12), F(12), "percent", "", False),
                ("3 percentage points", F(3), F(3), "percentage points", "", False),
            ],
        ),
        # fractions and approximations
        (
            "a third of it and two-thirds of the rest",
            [("a third", F(1, 3), F(1, 3), "", "", False), ("two-thirds", F(2, 3), F(2, 3), "", "", False)],
        ),
        ("nearly half of the farms", [("half", F(1, 2), F(1, 2), "", APPROX, False)]),
        ("half a billion dollars", [("half a billion dollars", F(500_000_000), F(500_000_000), "dollars", "", False)]),
        ("a quarter of a million", [("a quarter of a million", F(250_000), F(250_000), "", "", False)]),
        (
            "more than 1,000, up to 20 and at least 5",
            [
                ("1,000", F(1000), F(1000), "", AT_LEAST, False),
                ("20", F(20), F(20), "", AT_MOST, False),
                ("5", F(5), F(5), "", AT_LEAST, False),
            ],
        ),
        (
            "one hundred and fifty, twenty-one, a dozen",
            [
                ("one hundred and fifty", F(150), F(150), "", "", False),
                ("twenty-one", F(21), F(21), "", "", False),
                ("a dozen", F(12), F(12), "", "", False),
            ],
        ),
        # retracted
        (
            "It is 1.2 million acre-feet, not 1.5 million acre-feet.",
            [
                ("1.2 million acre-feet", F(1_200_000), F(1_200_000), "acre-feet", "", False),
                ("1.5 million acre-feet", F(1_500_000), F(1_500_000), "acre-feet", "", True),
            ],
        ),
        (
            "spread over 5 years instead of 3 years, and 20 percent rather than 12 percent",
            [
                ("5 years", F(5), F(5), "years", "", False),
                ("3 years", F(3), F(3), "years", "", False),
                ("20 percent", F(20), F(20), "percent", "", False),
                ("12 percent", F(12), F(12), "percent", "", False),
            ],
        ),
        (
            "misstated the volume as 40 tonnes; no more than 30 tonnes",
            [
                ("40 tonnes", F(40), F(40), "tonnes", "", True),
                ("30 tonnes", F(30), F(30), "tonnes", AT_MOST, False),
            ],
        ),
        # read as a reader reads them
        (
            "12O and l5 and ¹³ and ２０",
            [
                ("12O", F(120), F(120), "", "", False),
                ("l5", F(15), F(15), "", "", False),
                ("¹³", F(13), F(13), "", "", False),
                ("２０", F(20), F(20), "", "", False),
            ],
        ),
        # not quantities
        ("the third time, the 21st century, the 1990s, at 10:30, 3 p.m., No. 3, ¶12, twenty-first, a third term", []),
        ("a three-way race, a two-time winner, a three-pronged plan, a one-sided account", []),
        # years and dates
        (
            "On Jan. 5, 2017, and in 1500 farms",
            [
                ("Jan. 5", F(105), F(105), "date", "", False),
                ("2017", F(2017), F(2017), "year", "", False),
                ("1500", F(1500), F(1500), "year", "", False),
            ],
        ),
        ("1500 farmers came", [("1500", F(1500), F(1500), "", "", False)]),
        (
            "evacuated 212 people over 19 hours; in over a century",
            [
                ("212", F(212), F(212), "", "", False),
                ("19 hours", F(19), F(19), "hours", "", False),
            ],
        ),
    ],
)
def test_quantities_as_the_article_writes_them(text: str, expected: list) -> None:
    assert read(text) == expected


def test_a_malformed_number_matches_nothing() -> None:
    (malformed,) = quantities("9,00")
    assert malformed.low is None and not malformed.matches(malformed)


def test_reading_keeps_offsets_and_reads_lookalikes_only_beside_digits() -> None:
    assert reading("12O l5 lOl Oslo ¹²") == "120 15 lOl Oslo 12"


@pytest.mark.parametrize(
    ("book", "source", "supported"),
    [
        ("15 to 20 percent", "something like 15 to 20 percent", True),
        ("between 15 and 20 percent", "15 to 20 percent", True),
        ("20 percent", "15 to 20 percent", False),
        ("up to 20 percent", "15 to 20 percent", False),
        ("up to 20 percent", "20 percent", False),
        ("more than $1.15 billion", "more than $1.15 billion", True),
        ("$1.15 billion", "more than $1.15 billion", True),
        ("410 cubic metres", "410 cubic metres per second", False),
        ("410 cubic meters per second", "410 cubic metres per second", True),
        ("60 million", "$60 million", True),
        ("$60 million", "60 million", False),
        ("40", "40 percent", False),
        ("40%", "40 per cent", True),
        ("1.5 million acre-feet", "It is 1.2 million acre-feet, not 1.5 million acre-feet", False),
        ("1.2 million acre-feet", "It is 1.2 million acre-feet, not 1.5 million acre-feet", True),
        ("a third", "a third of the flow", True),
        ("120", "12O", True),
        ("12", "12O", False),
        ("half a billion dollars", "$500 million", True),
        ("5 billion", "$1.15 billion", False),
        # red team H: a year of the paragraph reused as a count
        ("bought 2015 Black Hawk helicopters", "in 2015 it bought 21 Black Hawk helicopters", False),
        ("bought 2015 helicopters", "in 2015 it bought 21 helicopters", False),
        ("in 2015", "in 2015 it bought 21 helicopters", True),
        ("2015 was the year", "in 2015 it bought 21 helicopters", True),
        # new-user review: a count written as a compound adjective counts its noun
        ("seven members", "a seven-member advisory panel", True),
        ("eight members", "a seven-member advisory panel", False),
        # a share is its fraction however it is written; a range's end is not the range
        ("a quarter of assaults", "roughly one in four assaults", True),
        ("four assaults", "roughly one in four assaults", False),
        ("$3 million a year", "another $1.5 million to $3 million a year", False),
        ("5% a year", "raises of 4% to 5% a year", False),
        # a vague amount is supported by the same vague amount only (red team AE: "billions of dollars"
        # passed against a paragraph that gives $60 million)
        ("billions of dollars", "the Pentagon spent $60 million", False),
        ("hundreds of millions of dollars", "the Pentagon spent $600 million", False),
        ("billions of dollars", "it cost billions of dollars", True),
        ("tens of thousands of troops", "tens of thousands of troops", True),
        ("thousands of troops", "tens of thousands of troops", False),
        # a tally is supported by the same tally only
        ("voted six to three", "By a 6-3 vote", True),
        ("a 3-6 vote", "By a 6-3 vote", False),
        ("six votes", "By a 6-3 vote", False),
    ],
)
def test_a_quantity_is_supported_only_whole(book: str, source: str, supported: bool) -> None:
    (wanted,) = quantities(book)
    assert any(wanted.matches(given) for given in quantities(source)) is supported


@pytest.mark.parametrize(
    ("value", "paragraph", "written"),
    [
        ("$40 million", "The agency spent $40 million on it.", True),
        ("$40", "The agency spent $40 million on it.", False),
        ("80 percent", "It takes between 70 and 80 percent of the water.", False),
        ("between 70 and 80 percent", "It takes between 70 and 80 percent of the water.", True),
        ("1.5 million acre-feet", "It is 1.2 million acre-feet, not 1.5 million acre-feet.", False),
        ("1.2 million acre-feet", "It is 1.2 million acre-feet, not 1.5 million acre-feet.", True),
        ("410 cubic metres", "It carried 410 cubic metres per second.", False),
        ("$1.15 billion", "It bought more than $1.15 billion worth.", True),
        ("21 Black Hawk", "including 21 Black Hawk helicopters", True),
        ("1 Black Hawk", "including 21 Black Hawk helicopters", False),
        ("over a century", "for the first time in over a century", True),
        ("6-3", "By a 6-3 vote, the council backed it.", True),
        ("6", "By a 6-3 vote, the council backed it.", False),
        ("$3 million a year", "another $1.5 million to $3 million a year", False),
    ],
)
def test_a_key_figure_value_is_a_whole_quantity_of_its_paragraph(value: str, paragraph: str, written: bool) -> None:
    assert written_in(value, paragraph) is written


@pytest.mark.parametrize(
    ("value", "bare"),
    [("21", True), ("more than 21", True), ("21 helicopters", False), ("6-3", False), ("one in four", True)],
)
def test_a_tally_says_what_it_is_and_a_bare_number_does_not(value: str, bare: bool) -> None:
    """A key figure must say what it counts, and a tally does ("6-3" is a vote or a score: new-user
    review, where `:value: 6-3` was refused as a bare number); a share still needs its noun."""
    assert bare_number(value) is bare


#: Quantities of one value written every way the comparison tells apart: unit, percent,
#: year, count, bound, retraction.
KINDS_TEXT = (
    "In 2015 it bought 2015 helicopters, 2015 percent, about 2015, more than 2015, up to 2015 and "
    "2015 metres, not 2015 dollars, $2015, 2015 per cent, at least 2015 metres and 2015."
)


def test_quantities_of_one_kind_are_supported_by_the_same_quantities() -> None:
    """The checks ask once per :attr:`Quantity.kind`: that is sound only if two quantities
    of one kind match exactly the same given quantities."""
    read = quantities(KINDS_TEXT)
    assert len({quantity.kind for quantity in read}) < len({(q.unit, q.bound, q.counted) for q in read})
    for mine, other in itertools.combinations(read, 2):
        if mine.kind == other.kind:
            assert [mine.matches(given) for given in read] == [other.matches(given) for given in read], (mine, other)


def test_units_compare_across_spellings() -> None:
    assert unit_key("cubic metres per second") == unit_key("cubic meters per second")
    assert unit_key("%") == unit_key("per cent") == unit_key("percent")
    assert unit_key("acre-feet") == unit_key("acre-foot")
    assert unit_key("metres") != unit_key("cubic metres")


def test_intervals_contain_spans() -> None:
    spans = Intervals([(10, 20), (0, 5), (12, 30)])
    assert spans.contain(0, 5) and spans.contain(13, 29) and spans.contain(10, 20)
    assert not spans.contain(4, 6) and not spans.contain(25, 31) and not Intervals([]).contain(0, 1)


# -- bounded work ----------------------------------------------------------------------------


#: Hostile texts, each made of ``n`` repeats, with the number of repeats to start the sweep at.
HOSTILE = {
    "digits and separators": (lambda n: "1," * n + "x", 20000),
    "digits after commas, glued to a word": (lambda n: "1,1" * n + "x", 20000),
    "lookalikes and digits glued to a word": (lambda n: "O1" * n + "x", 20000),
    "number words": (lambda n: "one " * n + "x", 10000),
    "hedges and retractions": (lambda n: "not more than about between 1 and " * n, 800),
    "units": (lambda n: "5 cubic metres per cubic metres per " * n, 800),
    "ranges": (lambda n: "1 to 2 to 3 - 4 " * n, 800),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_reading_quantities_is_linear_on_hostile_text(name: str) -> None:
    make, size = HOSTILE[name]
    ratio = growth(lambda n: partial(quantities.__wrapped__, make(n)), size)
    assert ratio < GROWTH, f"{name}: 4× the text took {ratio:.1f}× the time"


def test_twenty_thousand_quoted_numbers_are_checked_in_near_linear_time(tmp_path: Path) -> None:
    """Every quotation and mark of a passage is gathered once, not once per number."""
    source = tmp_path / "s.md"
    source.write_text(
        "---\nid: s\ntitle: T\ndateline: X\ndate: '2017'\ndate_basis: Stated.\n---\nT\n\nIt spent $40 million.\n",
        encoding="utf-8",
    )
    sources = {"s": load_source(source)}

    def check(n: int) -> Callable[[], None]:
        text = " ".join(f'He said "{i} things." ' for i in range(n))

        def work() -> None:
            quantities.cache_clear()  # each run reads every sentence afresh
            passage = Passage(nodes.paragraph(), text, scope=[Span("s", 1, 1)])
            assert not [q for sentence in passage.sentences() for q in unsupported(sentence, sources)]

        return work

    assert growth(check, 2500) < GROWTH


@pytest.mark.parametrize(
    ("paragraph", "supported"),
    [
        ("Staff put the annual cost of lost fares at about $4.5 million, an official said.", True),
        ("Lost fares cost about $4.5 million yearly, an official said.", True),
        ("Lost fares cost about $4.5 million, an official said. Ridership grows every year.", False),
        ("The program, which grows every year, cost about $4.5 million, an official said.", False),
        ("Lost fares cost about $4.5 million, an official said.", False),
    ],
)
def test_an_amount_its_sentence_calls_yearly_supports_an_amount_a_year(
    tmp_path: Path, paragraph: str, supported: bool
) -> None:
    """New-user review: "$4.5 million a year" was refused against "the annual cost … at about
    $4.5 million". The yearly word must stand in the amount's own sentence."""
    source = tmp_path / "s.md"
    source.write_text(
        f"---\nid: s\ntitle: T\ndateline: X\ndate: '2017'\ndate_basis: Stated.\n---\nT\n\n{paragraph}\n",
        encoding="utf-8",
    )
    sources = {"s": load_source(source)}
    passage = Passage(nodes.paragraph(), "Lost fares would cost about $4.5 million a year.", scope=[Span("s", 1, 1)])
    found = [q.text for sentence in passage.sentences() for q in unsupported(sentence, sources)]
    assert found == ([] if supported else ["$4.5 million a year"])


def test_a_name_that_holds_a_fraction_word_is_not_a_fraction_even_across_a_line() -> None:
    """A page wraps wherever it likes: "just a⏎Third World" once crashed the reader."""
    assert [q.text for q in quantities("it was not just a\nThird World problem, but a third of the budget")] == [
        "a third"
    ]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("The agency spent $6O million.", ["$6O million"]),
        ("It trained l5 pilots and 12O more.", ["l5", "12O"]),
        ("It spent $60 million on 12 million doses.", []),  # the unit's letters are no digits
        ("It trained ¹³ million pilots.", []),  # superscript digits are digits, not letters
    ],
)
def test_a_letter_written_for_a_digit_is_named(text: str, named: list[str]) -> None:
    """Red team AD: "$6O million" was read as $60 million and passed, and the page printed the typo."""
    from sphinx_briefing.checks.numbers import _lookalikes

    (sentence,) = Passage(nodes.paragraph(), text).sentences()
    assert [quantity.text for quantity in _lookalikes(sentence)] == named
