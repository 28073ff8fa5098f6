"""Paragraph addresses: one grammar, and every error names the rule it breaks."""

from __future__ import annotations

import pytest

from sphinx_briefing.model.library import placed_sources
from sphinx_briefing.model.state import PageSources
from sphinx_briefing.text.addressing import (
    MAX_GROUPS,
    AddressError,
    DefaultSource,
    Span,
    parse_address,
)

PAGE = DefaultSource("page")


@pytest.mark.parametrize(
    ("address", "spans"),
    [
        ("12", [Span("page", 12, 12)]),
        ("3-5, 8", [Span("page", 3, 5), Span("page", 8, 8)]),
        ("a:2, a:5", [Span("a", 2, 2), Span("a", 5, 5)]),
        ("a:2, 5", [Span("a", 2, 2), Span("a", 5, 5)]),
        ("2, a:5, 6", [Span("page", 2, 2), Span("a", 5, 5), Span("a", 6, 6)]),
        ("a:2, b:5-6", [Span("a", 2, 2), Span("b", 5, 6)]),
        ("¶4–¶6", [Span("page", 4, 6)]),
    ],
)
def test_an_address_gives_its_spans(address: str, spans: list[Span]) -> None:
    assert parse_address(address, PAGE) == spans


@pytest.mark.parametrize(
    ("address", "default", "rule"),
    [
        ("", PAGE, "the address is empty; write a paragraph number"),
        ("a:", PAGE, "'' is not a paragraph number or range like 3 or 3-5"),
        (":3", PAGE, "':3' gives no source before ':'"),
        ("5-3", PAGE, "'5-3' is not an ascending range"),
        ("0", PAGE, "'0': paragraphs are numbered from 1"),
        ("0-4", PAGE, "'0-4': paragraphs are numbered from 1"),
        ("1-1, 1-1", PAGE, "cites '1-1' twice"),
        ("a:3, 4, a:3", PAGE, "cites 'a:3' twice"),
        ("Big:3", PAGE, "'Big' is not a source id (lower-case letters, digits and '-')"),
        ("three", PAGE, "'three' is not a paragraph number or range"),
        ("\u0661", PAGE, "'\u0661' is not a paragraph number or range"),
        ("\uff12", PAGE, "'\uff12' is not a paragraph number or range"),
        ("9" * 5000, PAGE, "is not a paragraph number or range"),
        ("3", DefaultSource(why="the book has several sources"), "the book has several sources"),
    ],
)
def test_an_address_error_names_the_rule(address: str, default: DefaultSource, rule: str) -> None:
    with pytest.raises(AddressError, match=rule.replace("(", r"\(").replace(")", r"\)")):
        parse_address(address, default)


def test_a_citation_holds_at_most_forty_groups() -> None:
    """Each group is a link with its own preview: 20,000 repeats of "1-1" made a 9 MB page.
    A placement may list as many groups as a chapter needs."""
    address = ", ".join(str(number) for number in range(1, 42))
    with pytest.raises(AddressError, match=r"41 groups, more than one citation may hold \(40\)"):
        parse_address(address, PAGE, MAX_GROUPS)
    assert len(parse_address(address, PAGE)) == 41


@pytest.mark.parametrize(
    ("page", "placed"),
    [
        ("```{source-paragraphs} 1-3\n```\n", PageSources(frozenset(), True)),
        ("```{source-paragraphs} other:1-3\n```\n{cite}`third:2`\n", PageSources(frozenset({"other"}), False)),
        ("```{source-paragraphs} other:1, 4\n```\n", PageSources(frozenset({"other"}), False)),
        ("```{source-paragraphs} 2, other:1\n```\n", PageSources(frozenset({"other"}), True)),
        (
            ":::{source-exclude} a:1\nreason\n:::\n```{source-paragraphs} b:1\n```\n",
            PageSources(frozenset({"a", "b"}), False),
        ),
        ("````text\n```{source-paragraphs} shown:1\n```\n````\n", PageSources()),
        # red team S: no code block opens here, and the scan skipped the rest of the page
        ("```a`b\n\n```{source-paragraphs} other:1\n```\n", PageSources(frozenset({"other"}), False)),
        ("    ```\n\n```{source-paragraphs} other:1\n```\n", PageSources(frozenset({"other"}), False)),
        ("```{note}\nWords.\n```\n```{source-paragraphs} other:1\n```\n", PageSources(frozenset({"other"}), False)),
    ],
)
def test_a_page_places_the_sources_its_placements_name(page: str, placed: PageSources) -> None:
    assert placed_sources(page) == placed
