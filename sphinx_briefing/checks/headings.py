"""A page holds at most :data:`MAX_HEADINGS` headings, each at most :data:`MAX_HEADING`
letters long: a chapter has tens of short headings, not thousands, nor one of pages.

A heading's text is printed again wherever it is named: by every ``{ref}`` and ``{doc}``
without a title of its own, and in every page's navigation. A heading of 2,000 words,
named 2,000 times, made a 36 KB page print 28 MB (red team Q). A longer heading loses its
heading marks, as the headings past the count do.

MyST gives each heading an anchor, and a title the page has used already gets the first
free suffix, found by trying ``-1``, ``-2``, … in turn: 20,000 headings of one title
(120 KB of page) took 108 s, quadratic in the page (red team O). So at ``source-read``,
before MyST parses the page, the headings past the limit lose their heading marks: an
ATX heading its ``#``s, a setext heading its underline. Their words stay, as a paragraph,
and one warning names the first. One pass over the lines. Lines in code blocks count
too: a line scan cannot tell every code block, and one that skipped what it took for
code skipped the rest of a page behind "```a`b" (red team S; see :mod:`..text.fences`).

Other titles are not headings but are named the same way: a ``{ref}`` with no title of
its own prints the caption of the figure, table or code block it names, or the rubric,
whole, and those may be long (red team R: an 18 KB caption named 2,000 times made a
36 MB page, and the PDF ran out of memory at 500). So a reference shows at most
:data:`MAX_HEADING` letters of any title (:class:`ShortTitles`); the title itself is
printed whole where it stands. A table of contents' caption and the titles its entries
are given are printed in every page's navigation: longer than :data:`MAX_HEADING`
letters, they are cut, with a warning (:func:`short_listings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import FiletypeNotFoundError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import get_filetype

from ..domain.brief import shortened
from ..model.diagnostics import Check, warn

#: The most headings a page may have; a briefing chapter has tens.
MAX_HEADINGS = 1_000
#: The longest heading, in letters (its marks and the line's spaces counted).
MAX_HEADING = 300
#: An ATX heading: up to three spaces, one to six ``#``, then a space or the line's end.
_ATX = re.compile(r"^ {0,3}#{1,6}(?=[ \t]|$)")
#: A setext heading's underline, under a line of text.
_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")


def bound_headings(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: the headings of a Markdown page past :data:`MAX_HEADINGS`, and those
    longer than :data:`MAX_HEADING`, become paragraphs, with one warning naming the first."""
    try:
        markdown = get_filetype(app.config.source_suffix, app.env.doc2path(docname)) == "markdown"
    except FiletypeNotFoundError:
        markdown = False
    if not markdown:
        return
    lines = source[0].split("\n")
    found = list(_headings(lines))
    extra = found[MAX_HEADINGS:]
    long = [index for index in found[:MAX_HEADINGS] if len(_heading_text(lines, index)) > MAX_HEADING]
    demoted = {
        f"a page of more than {MAX_HEADINGS:,} headings ({len(found):,}); the ones from here on are printed "
        "as paragraphs: split the page": extra,
        f"a heading of more than {MAX_HEADING} letters is printed as a paragraph ({len(long)} on this page): "
        "every link to it and every page's navigation would print it whole; shorten it": long,
    }
    for message, indices in demoted.items():
        if indices:
            warn(Check.HEADING_COUNT, message, (docname, indices[0] + 1))
    if not extra and not long:
        return
    for index in [*long, *extra]:
        lines[index] = "" if _UNDERLINE.match(lines[index]) else _ATX.sub("", lines[index], count=1)
    source[0] = "\n".join(lines)


def _headings(lines: list[str]) -> Iterator[int]:
    """The index of each heading mark: an ATX heading's line, a setext heading's underline."""
    for index in range(_body_start(lines), len(lines)):
        line = lines[index]
        if _ATX.match(line) or (
            _UNDERLINE.match(line) and index and lines[index - 1].strip() and not _ATX.match(lines[index - 1])
        ):
            yield index


def _heading_text(lines: list[str], index: int) -> str:
    """A heading's words: an ATX heading's line, or every line of the paragraph a setext
    underline closes (CommonMark makes the whole paragraph the heading: 200 lines above
    one ``===`` made a 17.5 KB title, red team T). The walk up stops at a blank line, a
    heading or another underline, so each line is read for one heading at most: linear."""
    if not _UNDERLINE.match(lines[index]) or _ATX.match(lines[index]):
        return lines[index]
    start = index
    while (
        start > 0
        and lines[start - 1].strip()
        and not _ATX.match(lines[start - 1])
        and not _UNDERLINE.match(lines[start - 1])
    ):
        start -= 1
    return " ".join(lines[start:index])


def _body_start(lines: list[str]) -> int:
    """The index of the first line after the front matter (its closing ``---`` is no underline)."""
    if lines and lines[0].rstrip() == "---":
        return next((index + 1 for index, line in enumerate(lines[1:], start=1) if line.rstrip() == "---"), 0)
    return 0


class ShortTitles(SphinxPostTransform):
    """After Sphinx resolves references (its priority 10), the title a ``{ref}`` or
    ``{doc}`` prints is cut to :data:`MAX_HEADING` letters, on the web and in print
    alike. One pass over the page."""

    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.inline):
            if {"std-ref", "std-doc"} & set(node["classes"]) and len(text := node.astext()) > MAX_HEADING:
                node[:] = [nodes.Text(shortened(text, MAX_HEADING))]


def bound_read_headings(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx notes the page's title and headings: the caps hold
    for headings the line scan cannot see, reST's in ``{eval-rst}`` and in ``.rst`` pages
    (red team T: a 9,900-letter title in every page's navigation; 8,000 headings, green).
    A title past :data:`MAX_HEADING` letters is cut; past :data:`MAX_HEADINGS` headings
    is a warning. One walk of the page."""
    titles = [
        section[0] for section in doctree.findall(nodes.section) if section and isinstance(section[0], nodes.title)
    ]
    long = [title for title in titles if len(title.astext()) > MAX_HEADING]
    if len(titles) > MAX_HEADINGS:
        warn(
            Check.HEADING_COUNT,
            f"a page of more than {MAX_HEADINGS:,} headings ({len(titles):,}); split the page",
            titles[MAX_HEADINGS],
        )
    if long:
        warn(
            Check.HEADING_COUNT,
            f"a heading of more than {MAX_HEADING} letters is cut ({len(long)} on this page): every link to it "
            "and every page's navigation would print it whole; shorten it",
            long[0],
        )
    for title in long:
        title[:] = [nodes.Text(shortened(title.astext(), MAX_HEADING))]


def short_listings(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx copies the tables of contents into the navigation:
    a caption, or the text an entry shows (its title, or a web address given bare),
    longer than :data:`MAX_HEADING` letters is cut, one warning a table of contents
    (red teams S and T: titles and addresses of 5 to 36 KB, printed on every page)."""
    for toctree in doctree.findall(addnodes.toctree):
        pages = set(toctree["includefiles"])
        shown = [(title or ("" if ref in pages else ref), ref) for title, ref in toctree["entries"]]
        if all(len(text) <= MAX_HEADING for text in [toctree.get("caption") or "", *(text for text, _ref in shown)]):
            continue
        warn(
            Check.HEADING_COUNT,
            f"a table of contents' caption or entry text of more than {MAX_HEADING} letters is cut: "
            "every page's navigation prints it; shorten it",
            toctree,
        )
        toctree["entries"] = [
            (shortened(text, MAX_HEADING) if len(text) > MAX_HEADING else title, ref)
            for (text, ref), (title, _ref) in zip(shown, toctree["entries"], strict=True)
        ]
        if toctree.get("caption"):
            toctree["caption"] = shortened(toctree["caption"], MAX_HEADING)


def setup_headings(app: Sphinx) -> None:
    app.connect("source-read", bound_headings)
    app.connect("doctree-read", short_listings, priority=400)
    app.connect("doctree-read", bound_read_headings, priority=400)
    app.add_post_transform(ShortTitles)
