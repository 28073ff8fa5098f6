"""The timeline graphic: an SVG drawn at build time from the event records.

The graphic is a ``timeline_graphic`` node. The web and the single page for the
PDF print it as inline SVG (themeable by CSS, vector in the PDF). EPUB gets the
same SVG as an image file, because Sphinx's EPUB manifest cannot declare inline
SVG. Other writers skip it: the table that follows it on the page is its full
text alternative. The SVG also carries its own ``<title>`` and ``<desc>``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from .model import Record
from .nodes import timeline_graphic

WIDTH, ROW, TOP, FONT = 720, 34, 28, 13
#: Average advance of a 13 px sans-serif character; sizes the date column and clips titles.
CHAR = 7.4
ACCENT, AXIS, TEXT = "#1f3a60", "#9aa5b1", "#1a1a1a"
EPUB_IMAGE = "bb-timeline.svg"


def timeline_node(events: list[Record]) -> timeline_graphic:
    return timeline_graphic(events=[(event.option("when"), event.title) for event in events])


def render_svg(rows: list[tuple[str, str]], font: str = "sans-serif") -> str:
    """One row per event: date on the left, a dot on a vertical axis, the title right.

    The date column is as wide as the longest date, so no date is cut off; titles
    are clipped to the remaining width (the table below gives them in full). The web
    uses the reader's sans-serif; the PDF passes the font it embeds.
    """
    height = TOP * 2 + ROW * max(1, len(rows))
    axis_x = int(24 + CHAR * max((len(when) for when, _ in rows), default=4))
    title_chars = int((WIDTH - axis_x - 24) / CHAR)
    summary = "; ".join(f"{when}: {title}" for when, title in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bb-timeline-svg" role="img" '
        f'aria-labelledby="bb-tl-title bb-tl-desc" viewBox="0 0 {WIDTH} {height}" width="100%">',
        '<title id="bb-tl-title">Timeline of events reported in the source</title>',
        f'<desc id="bb-tl-desc">{escape(summary)}</desc>',
        f'<line x1="{axis_x}" y1="{TOP - 10}" x2="{axis_x}" y2="{height - TOP + 10}" class="bb-tl-axis" '
        f'stroke="{AXIS}" stroke-width="2"/>',
    ]
    for index, (when, title) in enumerate(rows):
        y = TOP + ROW * index + ROW // 2
        parts += [
            f'<text x="{axis_x - 14}" y="{y + 5}" text-anchor="end" class="bb-tl-when" fill="{ACCENT}" '
            f'font-family="{escape(font)}" font-size="{FONT}" font-weight="bold">{escape(when)}</text>',
            f'<circle cx="{axis_x}" cy="{y}" r="6" class="bb-tl-dot" fill="{ACCENT}"/>',
            f'<text x="{axis_x + 16}" y="{y + 5}" class="bb-tl-title" fill="{TEXT}" '
            f'font-family="{escape(font)}" font-size="{FONT}">{escape(_clip(title, title_chars))}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _clip(title: str, limit: int) -> str:
    """Keep each label on one line; the table below carries the full wording."""
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def visit_html(self: HTML5Translator, node: timeline_graphic) -> None:
    svg = render_svg(node["events"])
    if self.builder.name == "epub":
        images = Path(self.builder.outdir, self.builder.imagedir)
        images.mkdir(parents=True, exist_ok=True)
        (images / EPUB_IMAGE).write_text(svg, encoding="utf-8")
        alt = escape("Timeline graphic; the table below lists every event", quote=True)
        svg = f'<img src="{self.builder.imgpath}/{EPUB_IMAGE}" alt="{alt}" class="bb-timeline-svg"/>'
    self.body.append(f'<figure class="bb-timeline-figure">{svg}</figure>')
    raise nodes.SkipNode


def skip(self: object, node: timeline_graphic) -> None:
    """Writers without SVG rely on the timeline table that follows."""
    raise nodes.SkipNode


def setup_timeline_graphic(app: Sphinx) -> None:
    """The "html" visitor also serves EPUB and single-page HTML (Sphinx falls back to the
    builder's format); registering "epub" by name would hide every other extension's html
    visitors from the EPUB builder. Text-only writers skip the graphic."""
    skipped = (skip, None)
    app.add_node(timeline_graphic, html=(visit_html, None), latex=skipped, text=skipped, man=skipped, texinfo=skipped)
