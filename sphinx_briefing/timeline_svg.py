"""The timeline graphic: an SVG drawn at build time from the event records.

The graphic is a ``timeline_graphic`` node. The web and the single page for the
PDF print it as inline SVG (themeable by CSS, vector in the PDF). EPUB gets the
same SVG as an image file, because Sphinx's EPUB manifest cannot declare inline
SVG. Other writers skip it: the table that follows it on the page is its full
text alternative. The SVG also carries its own ``<title>`` and ``<desc>``.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

WIDTH, ROW, TOP, AXIS_X = 720, 34, 28, 150
ACCENT, AXIS, TEXT = "#1f3a60", "#9aa5b1", "#1a1a1a"
EPUB_IMAGE = "bb-timeline.svg"


class timeline_graphic(nodes.General, nodes.Element):
    """A chronological graphic of events; ``events`` holds (when, title, year) triples."""


def timeline_node(events: list[dict[str, Any]]) -> timeline_graphic:
    rows = [(event["when"], event["title"], _year(event["sort"])) for event in events]
    return timeline_graphic(events=rows)


def _year(sort_key: str) -> int:
    match = re.match(r"\d{4}", sort_key)
    return int(match.group()) if match else 0


def render_svg(rows: list[tuple[str, str, int]]) -> str:
    """One row per event: date on the left, a dot on a vertical axis, the title right."""
    height = TOP * 2 + ROW * max(1, len(rows))
    summary = "; ".join(f"{when}: {title}" for when, title, _ in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bb-timeline-svg" role="img" '
        f'aria-labelledby="bb-tl-title bb-tl-desc" viewBox="0 0 {WIDTH} {height}" width="100%">',
        '<title id="bb-tl-title">Timeline of events reported in the source</title>',
        f'<desc id="bb-tl-desc">{escape(summary)}</desc>',
        f'<line x1="{AXIS_X}" y1="{TOP - 10}" x2="{AXIS_X}" y2="{height - TOP + 10}" class="bb-tl-axis" '
        f'stroke="{AXIS}" stroke-width="2"/>',
    ]
    for index, (when, title, _year_) in enumerate(rows):
        y = TOP + ROW * index + ROW // 2
        parts += [
            f'<text x="{AXIS_X - 14}" y="{y + 5}" text-anchor="end" class="bb-tl-when" fill="{ACCENT}" '
            f'font-family="sans-serif" font-size="13" font-weight="bold">{escape(when)}</text>',
            f'<circle cx="{AXIS_X}" cy="{y}" r="6" class="bb-tl-dot" fill="{ACCENT}"/>',
            f'<text x="{AXIS_X + 16}" y="{y + 5}" class="bb-tl-title" fill="{TEXT}" '
            f'font-family="sans-serif" font-size="13">{escape(_clip(title))}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _clip(title: str, limit: int = 72) -> str:
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
