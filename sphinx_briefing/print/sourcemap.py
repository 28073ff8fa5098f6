"""Where each part of the generated Typst came from, so Typst's messages name the page and line.

Typst reports a problem at a line and column of the generated ``book.typ``, a file
the author never wrote. While translating, the markup a node starts with carries an
invisible mark naming that node; the marks are taken out before Typst sees the
file, and their offsets kept. A diagnostic's place in the file then leads back to
the last node marked before it, whose source file and line Sphinx knows.

A mark is a NUL, a number and a NUL. No other NUL can be in the markup:
``typst_markup`` writes every control character of the book's text as an escape.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from docutils import nodes
from docutils.utils import get_source_line

_MARK = re.compile("\x00(\\d+)\x00")


@dataclass
class SourceMap:
    """The nodes whose markup has been marked, and the node waiting for its first markup."""

    nodes: list[nodes.Node] = field(default_factory=list)
    waiting: nodes.Node | None = None

    def note(self, node: nodes.Node) -> None:
        """``node`` is about to be printed; its first markup will carry its mark."""
        if getattr(node, "line", None):
            self.waiting = node

    def claim(self) -> str:
        """The mark of the node waiting for markup ("" if none), which no longer waits."""
        if self.waiting is None:
            return ""
        self.nodes.append(self.waiting)
        self.waiting = None
        return f"\x00{len(self.nodes) - 1}\x00"

    def locate(self, markup: str) -> Located:
        """``markup`` without its marks, and where each marked node's markup starts in it."""
        parts = _MARK.split(markup)
        text, starts, marked = [parts[0]], [], []
        offset = len(parts[0])
        for index, chunk in zip(parts[1::2], parts[2::2]):
            starts.append(offset)
            marked.append(self.nodes[int(index)])
            text.append(chunk)
            offset += len(chunk)
        return Located("".join(text), starts, marked)


class Body(list[str]):
    """A translator's markup, piece by piece: the first piece that is not blank after a
    node is visited carries that node's mark."""

    def __init__(self, sources: SourceMap) -> None:
        super().__init__()
        self.sources = sources

    def append(self, markup: str) -> None:
        super().append(self.sources.claim() + markup if markup.strip() else markup)


@dataclass(frozen=True)
class Located:
    """Generated markup, and the nodes its parts were printed from."""

    markup: str
    starts: list[int]
    marked: list[nodes.Node]

    def node_at(self, line: int, column: int) -> nodes.Node | None:
        """The node printed at a 1-based line and column (Typst's) of the markup, if any."""
        lines = self.markup.split("\n")
        if not 1 <= line <= len(lines):
            return None
        offset = sum(len(text) + 1 for text in lines[: line - 1]) + column
        found = bisect.bisect_right(self.starts, offset) - 1
        return self.marked[found] if found >= 0 else None

    def shifted(self, prefix: str) -> Located:
        """The same markup after ``prefix`` (a main file's preamble) is put before it."""
        return Located(prefix + self.markup, [start + len(prefix) for start in self.starts], self.marked)

    def heaviest(self) -> tuple[nodes.Node | None, int]:
        """The first node of the page printed with the most markup, and how many characters
        it printed: where to look when a book is too large to print."""
        sizes: dict[str, int] = {}
        first: dict[str, nodes.Node] = {}
        ends = [*self.starts[1:], len(self.markup)]
        for node, start, end in zip(self.marked, self.starts, ends):
            page = str(get_source_line(node)[0])
            sizes[page] = sizes.get(page, 0) + end - start
            first.setdefault(page, node)
        if not sizes:
            return None, 0
        page = max(sizes, key=sizes.__getitem__)
        return first[page], sizes[page]
