"""Quotation matching: exact words, with only quote marks, white space and elisions relaxed."""

from __future__ import annotations

import pytest

from sphinx_briefing.checks.quotes import closest, is_verbatim, unfaithful
from sphinx_briefing.text.quotemarks import find


def quotations(text: str) -> list[str]:
    """The quoted words of ``text`` as the checks see them, nested quotations included."""
    return [text[slice(*quote.inner)] for quote in find(text)[0]]


PARAGRAPH = '"Trust is a very, very difficult thing to build, and it\'s a very easy thing to destroy."'


@pytest.mark.parametrize(
    "quotation",
    [
        "Trust is a very, very difficult thing to build",
        "Trust is a very,\n very difficult thing",  # white space
        "it’s a very easy thing to destroy",  # curly apostrophe
        "Trust is … easy thing to destroy",  # elision
        "Trust is a very, very difficult thing to build, and [trust is] a very easy thing",
    ],
)
def test_verbatim_quotations_pass(quotation: str) -> None:
    assert is_verbatim(quotation, PARAGRAPH)


@pytest.mark.parametrize(
    "quotation",
    [
        "Trust is a very difficult thing to build",  # a word dropped
        "trust is a very, very difficult thing",  # case changed
        "easy thing to destroy … Trust is",  # pieces out of order
        "Trust is hard",
    ],
)
def test_misquotations_fail(quotation: str) -> None:
    assert not is_verbatim(quotation, PARAGRAPH)


def test_quotations_finds_straight_and_curly_marks() -> None:
    assert quotations('He said "one" and “two” then “three".') == ["one", "two", "three"]


def test_closest_shows_the_source_words() -> None:
    assert "very, very difficult" in closest("Trust is a very difficult thing", [PARAGRAPH])


@pytest.mark.parametrize(
    "text",
    ["'one'", "‘one’", "«one»", "„one“", "‟one”", "＂one＂", "〝one〟", "‹one›"],
)
def test_every_quotation_mark_style_is_found(text: str) -> None:
    assert quotations(f"He said {text} there.") == ["one"]


def test_nested_quotations_are_each_found_and_apostrophes_are_not_marks() -> None:
    assert quotations("“It was ‘unprecedented’,” Mexico's army said.") == ["It was ‘unprecedented’,", "unprecedented"]
    assert quotations("It's the militaries' work in the ’90s.") == []


SOURCE = '"It was definitely not career enhancing for a Mexican officer," he said.'


@pytest.mark.parametrize(
    ("quotation", "change"),
    [
        ("It was … career enhancing", "drops “not”"),
        ("It was definitely [not] career enhancing", ""),
        ("It was [never] career enhancing", "stands for “definitely”"),
        ("[It was never] career enhancing", "stands for “definitely”"),
        ("It was definitely not career enhancing", ""),
        ("It was definitely not … for a Mexican officer", ""),
    ],
)
def test_cuts_and_insertions_may_not_change_a_negation_or_a_word(quotation: str, change: str) -> None:
    assert is_verbatim(quotation, SOURCE)
    assert change in unfaithful(quotation, SOURCE)
    assert bool(unfaithful(quotation, SOURCE)) == bool(change)


def test_an_insertion_may_not_add_a_negation() -> None:
    quotation = "Trust is a very, very difficult thing to build, and [it is not] a very easy thing"
    assert is_verbatim(quotation, PARAGRAPH)
    assert "adds “not”" in unfaithful(quotation, PARAGRAPH)


def test_an_insertion_at_the_edge_may_not_add_a_negation() -> None:
    assert "adds “not”" in unfaithful("[Trust is not] a very, very difficult thing", PARAGRAPH)
    assert unfaithful("Trust is a very, very difficult thing to build, and [it] …", PARAGRAPH) == ""


def test_a_faithful_cut_is_judged_on_the_alignment_that_fits() -> None:
    source = "Kelly said it was not a failure; it was, by any measure, a great success."
    assert unfaithful("it was … a great success", source) == ""
    assert "drops “not”" in unfaithful("Kelly said it was … a failure", source)
