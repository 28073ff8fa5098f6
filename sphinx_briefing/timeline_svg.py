"""The timeline graphic: an SVG drawn at build time from the event records.

The graphic is a ``timeline_graphic`` node. HTML-format writers (web, single
page for the PDF, EPUB) print it as inline SVG, which stays vector in the PDF;
the other writers skip it, because the table that follows it on the page is its
full text alternative. The SVG also carries its own ``<title>`` and ``<desc>``.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

WIDTH, ROW, TOP, AXIS_X = 720, 34, 28, 150


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
        f'<line x1="{AXIS_X}" y1="{TOP - 10}" x2="{AXIS_X}" y2="{height - TOP + 10}" class="bb-tl-axis"/>',
    ]
    for index, (when, title, _year_) in enumerate(rows):
        y = TOP + ROW * index + ROW // 2
        parts += [
            f'<text x="{AXIS_X - 14}" y="{y + 5}" text-anchor="end" class="bb-tl-when">{escape(when)}</text>',
            f'<circle cx="{AXIS_X}" cy="{y}" r="6" class="bb-tl-dot"/>',
            f'<text x="{AXIS_X + 16}" y="{y + 5}" class="bb-tl-title">{escape(_clip(title))}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _clip(title: str, limit: int = 72) -> str:
    """Keep each label on one line; the table below carries the full wording."""
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def visit_html(self: HTML5Translator, node: timeline_graphic) -> None:
    self.body.append(f'<figure class="bb-timeline-figure">{render_svg(node["events"])}</figure>')
    raise nodes.SkipNode


def skip(self: object, node: timeline_graphic) -> None:
    """Writers without SVG rely on the timeline table that follows."""
    raise nodes.SkipNode
