"""Quotation matching: exact words, with only quote marks, white space and elisions relaxed."""

from __future__ import annotations

import pytest

from sphinx_briefing.quotes import closest, is_verbatim, quotations

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
