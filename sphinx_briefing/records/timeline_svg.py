"""The timeline graphic: an SVG drawn at build time from the event records.

The graphic is a ``timeline_graphic`` node, and each format's visitor is registered
here with ``add_node``. The web prints it as inline SVG (themeable by CSS); the PDF
as the same SVG, vector, set in the book's own font. EPUB gets the SVG as an image
file, because Sphinx's EPUB manifest cannot declare inline SVG. Other writers skip
it: the table that follows it on the page is its full text alternative. The SVG
also carries its own ``<title>`` and ``<desc>``.
"""

from __future__ import annotations

import textwrap
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..model.entries import Record
from ..model.nodes import timeline_graphic
from ..model.vocabulary import (
    TIMELINE_FIGURE,
    TIMELINE_SVG,
    TL_AXIS,
    TL_DESC,
    TL_DOT,
    TL_TITLE,
    TL_WHEN,
)

WIDTH, TOP, FONT = 720, 20, 13
#: Average advance of a 13 px sans-serif character, which sets where titles wrap.
CHAR = 7.4
#: Line height, the space between events, and the most lines a title gets.
LINE, SPACE, MAX_LINES = 17, 12, 3
AXIS_X = 24
ACCENT, AXIS, TEXT = "#1f3a60", "#9aa5b1", "#1a1a1a"
EPUB_IMAGE = "bb-timeline.svg"
#: The SVG names generic families; on paper it uses the book's own font, whose average
#: 13 px character is narrower than a sans-serif's, so its titles wrap later.
PRINT_FONT, PRINT_CHAR = "Libertinus Serif", 6.2
PRINT_ALT = "Timeline graphic; the table that follows lists every event"


def timeline_node(events: list[Record]) -> timeline_graphic:
    return timeline_graphic(events=[(event.option("when"), event.title) for event in events])


def render_svg(rows: list[tuple[str, str]], font: str = "sans-serif", char: float = CHAR) -> str:
    """One entry per event along a vertical axis: a dot, the date in bold, the title under it.

    Date and title both get the full width, so a long inferred date ("2017 (inferred:
    thirteen years after Kelly's arrival)") takes no room from the titles. A title
    wraps onto up to :data:`MAX_LINES` lines (a longer one ends in "…"; the table below
    gives every title in full). The web uses the reader's sans-serif; the PDF passes
    the font it embeds and that font's average character advance (``char``).
    """
    x = AXIS_X + 16
    wrapped = [_wrap(title, int((WIDTH - x - 16) / char)) for _when, title in rows]
    heights = [LINE * (1 + len(lines)) + SPACE for lines in wrapped]
    height = TOP * 2 + (sum(heights) - SPACE if rows else LINE)
    summary = "; ".join(f"{when}: {title}" for when, title in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{TIMELINE_SVG}" role="img" '
        f'aria-labelledby="{TL_TITLE} {TL_DESC}" viewBox="0 0 {WIDTH} {height}" width="100%">',
        f'<title id="{TL_TITLE}">Timeline of events reported in the source</title>',
        f'<desc id="{TL_DESC}">{escape(summary)}</desc>',
        f'<line x1="{AXIS_X}" y1="{TOP}" x2="{AXIS_X}" y2="{height - TOP}" class="{TL_AXIS}" stroke="{AXIS}" stroke-width="2"/>',
    ]
    top = TOP
    for (when, _title), lines, row_height in zip(rows, wrapped, heights):
        baseline = top + LINE - 4
        title = "".join(f'<tspan x="{x}" dy="{LINE}">{escape(line)}</tspan>' for line in lines)
        parts += [
            f'<circle cx="{AXIS_X}" cy="{baseline - 5}" r="6" class="{TL_DOT}" fill="{ACCENT}"/>',
            f'<text x="{x}" y="{baseline}" class="{TL_WHEN}" fill="{ACCENT}" '
            f'font-family="{escape(font)}" font-size="{FONT}" font-weight="bold">{escape(when)}</text>',
            f'<text x="{x}" y="{baseline}" class="{TL_TITLE}" fill="{TEXT}" '
            f'font-family="{escape(font)}" font-size="{FONT}">{title}</text>',
        ]
        top += row_height
    parts.append("</svg>")
    return "".join(parts)


def _wrap(title: str, width: int) -> list[str]:
    """A title in lines of at most ``width`` characters, :data:`MAX_LINES` at most; the
    last ends in "…" if the title runs on (the table below has the full wording)."""
    lines = textwrap.wrap(title, width) or [""]
    if len(lines) > MAX_LINES:
        last = textwrap.shorten(" ".join(lines[MAX_LINES - 1 :]), width, placeholder="…")
        lines = [*lines[: MAX_LINES - 1], last]
    return lines


def visit_html(self: HTML5Translator, node: timeline_graphic) -> None:
    svg = render_svg(node["events"])
    if self.builder.name == "epub":
        images = Path(self.builder.outdir, self.builder.imagedir)
        images.mkdir(parents=True, exist_ok=True)
        (images / EPUB_IMAGE).write_text(svg, encoding="utf-8")
        alt = escape("Timeline graphic; the table below lists every event", quote=True)
        svg = f'<img src="{self.builder.imgpath}/{EPUB_IMAGE}" alt="{alt}" class="{TIMELINE_SVG}"/>'
    self.body.append(f'<figure class="{TIMELINE_FIGURE}">{svg}</figure>')
    raise nodes.SkipNode


def visit_typst(self: Any, node: timeline_graphic) -> None:
    """The PDF's graphic: the Typst translator's ``svg-figure`` (see ``print.typst_writer``),
    which takes the drawing as a string, so nothing in an event title can act as code."""
    self.call("svg-figure", render_svg(node["events"], font=PRINT_FONT, char=PRINT_CHAR), alt=PRINT_ALT)
    raise nodes.SkipNode


def skip(self: object, node: timeline_graphic) -> None:
    """Writers without SVG rely on the timeline table that follows."""
    raise nodes.SkipNode


def setup_timeline_graphic(app: Sphinx) -> None:
    """The "html" visitor also serves EPUB and single-page HTML (Sphinx falls back to the
    builder's format); registering "epub" by name would hide every other extension's html
    visitors from the EPUB builder. "typst" is the PDF builder's format, so the visitor
    also serves a translator another extension sets for it. Text-only writers skip the graphic."""
    skipped = (skip, None)
    app.add_node(
        timeline_graphic,
        html=(visit_html, None),
        typst=(visit_typst, None),
        latex=skipped,
        text=skipped,
        man=skipped,
        texinfo=skipped,
    )
