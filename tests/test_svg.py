"""An SVG the book publishes only draws, at a size a briefing prints: each way a red team
drew a picture too large for a reader's browser is refused, and drawings of every
ordinary kind (shapes reused a few times, sizes in any unit) are published."""

from __future__ import annotations

import pytest

from sphinx_briefing.checks.svg import svg_problem

OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" {size}>'


def svg(body: str, size: str = 'width="400" height="300"') -> bytes:
    return (OPEN.format(size=size) + body + "</svg>").encode()


def fan_out(depth: int, width: int = 10, link: str = "href", extra: str = "") -> bytes:
    """``depth`` groups, each drawing the one before ``width`` times: ``width ** depth``
    shapes from a file of about a kilobyte (red team G, case 3: Chromium never finished)."""
    groups = ['<rect id="a0" width="1" height="1"/>']
    for level in range(1, depth + 1):
        uses = "".join(f'<use {link}="#a{level - 1}" {extra} x="{step}"/>' for step in range(width))
        groups.append(f'<g id="a{level}">{uses}</g>')
    return svg("<defs>" + "".join(groups) + "</defs>" + f'<use {link}="#a{depth}"/>')


REFUSED = {
    "a billion shapes through <use>": fan_out(9),
    "the same through xlink:href": fan_out(9, link="xlink:href"),
    "the same with a harmless xlink:href after each href (red team K, 9)": fan_out(9, extra='xlink:href="#a0"'),
    "the same with a harmless href after each xlink:href": fan_out(9, link="xlink:href", extra='href="#a0"'),
    "a <use> that draws itself": svg('<g id="a"><use href="#a"/></g>'),
    "two that draw each other": svg('<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'),
    "a width written with an exponent (G, 2)": svg("", 'width="1e5" height="1e5"'),
    "a size in em": svg("", 'width="9000em" height="9000em"'),
    "a size the check cannot read": svg("", 'width="calc(1e5px)" height="10"'),
    "a size set in a style attribute, which wins over the attributes": svg(
        "", 'width="10" height="10" style="width:60000px;height:60000px"'
    ),
    "a size set in a stylesheet": svg("<style>svg { width: 1e5px; height: 1e5px }</style>"),
    "one side set in CSS far past any page": svg("<style>svg{width:1e9px}</style>", ""),
    # red team T: a filter's cost grows with its settings (317 bytes printed for over 300 s)
    "a morphology filter of radius 20": svg(
        '<filter id="f"><feMorphology radius="20"/></filter><rect width="400" height="300" filter="url(#f)"/>'
    ),
    "a convolution filter of order 40": svg('<filter id="f"><feConvolveMatrix order="40"/></filter>'),
    "a filter function in a style attribute": svg('<rect width="9" height="9" style="filter: blur(40px)"/>'),
    "a filter function in a stylesheet": svg("<style>rect { filter:blur(40px) }</style>"),
    "a filter attribute": svg('<rect width="9" height="9" filter="blur(40)"/>'),
}


@pytest.mark.parametrize("data", REFUSED.values(), ids=REFUSED.keys())
def test_a_picture_too_large_to_draw_is_refused(data: bytes) -> None:
    assert svg_problem(data)


def test_a_base_that_moves_every_reference_is_refused() -> None:
    """Red team M: ``xml:base`` set to a script address made ``href="#x"`` a link that runs, for
    a browser that honours it; no briefing's picture needs one."""
    data = svg('<a xml:base="java&#9;script:alert(1)//" href="#x"><rect id="x" width="9" height="9"/></a>')
    assert "xml:base" in (svg_problem(data) or "")


PUBLISHED = {
    "a shape reused a thousand times": fan_out(3),
    "a reference defined later": svg('<use href="#late"/><rect id="late" width="1" height="1"/>'),
    "a reference to nothing": svg('<use href="#none"/>'),
    "a shape drawn, then drawn again beside it": svg('<g><rect id="b" width="1" height="1"/><use href="#b"/></g>'),
    "no size": svg("", ""),
    "a size in percent": svg("", 'width="100%" height="100%"'),
    "a size in centimetres": svg("", 'width="21cm" height="29.7cm"'),
    "a size with an exponent that is small": svg("", 'width="4e2" height="3E2px"'),
    "a size the page sets in CSS": svg("<style>svg{width:100%;height:50vh !important}</style>"),
    "a shape sized in CSS": svg('<rect style="width: 20px; height: 10px; fill: red"/>'),
}


@pytest.mark.parametrize("data", PUBLISHED.values(), ids=PUBLISHED.keys())
def test_an_ordinary_drawing_is_published(data: bytes) -> None:
    assert svg_problem(data) is None


def test_a_filter_is_refused_saying_why() -> None:
    assert "a briefing's drawings need no filters" in (svg_problem(REFUSED["a morphology filter of radius 20"]) or "")


def test_the_refusal_names_the_bound_it_passed() -> None:
    assert "more than 1,000,000 shapes" in (svg_problem(fan_out(9)) or "")
