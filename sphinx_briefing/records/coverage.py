"""Where each paragraph of each source is placed and cited, or why it is excluded.

The annex notes and the coverage report name, under each paragraph, the pages that
cite it. A page cites ranges, and one line can cite a thousand paragraphs: naming
every citing page under every paragraph made output of pages × paragraphs (red team
N: 100 one-line pages citing ¶1–1000 wrote two 9 MB pages in 96 s). So a paragraph
names at most :data:`SHOWN` pages, in name order, and counts the rest; the counts come
from the ranges themselves, never from a list of every page of every paragraph.

Cost: O(c log c + p · SHOWN) for ``c`` citations and ``p`` paragraphs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..domain.brief import BriefingDomain
from ..model.entries import Citation
from ..model.library import load_all

#: The most citing pages a paragraph names; a briefing book has fewer pages than this.
SHOWN = 20


@dataclass
class Coverage:
    """Where one paragraph is placed and cited, or why it is excluded."""

    placed: list[str] = field(default_factory=list)
    #: The first :data:`SHOWN` pages that cite it, in name order.
    cited: list[str] = field(default_factory=list)
    #: How many pages cite it.
    cited_count: int = 0
    excluded: str = ""

    @property
    def status(self) -> str:
        if self.excluded:
            return "excluded"
        return {0: "unplaced", 1: "placed"}.get(len(self.placed), "check")

    @property
    def uncited_names(self) -> int:
        """How many citing pages are counted but not named."""
        return self.cited_count - len(self.cited)


def coverage_by_paragraph(domain: BriefingDomain) -> dict[tuple[str, int], Coverage]:
    """Every paragraph of every source, by (source id, number): one the book forgot to
    place is listed as unplaced, not left out of the report and the data."""
    found: dict[tuple[str, int], Coverage] = {}
    sizes = {source.id: len(source.paragraphs) for source in load_all(domain.env)[0].values()}
    for source_id, size in sizes.items():
        for number in range(1, size + 1):
            found[source_id, number] = Coverage()
    for placement in domain.placements():
        found.setdefault((placement.source_id, placement.number), Coverage()).placed.append(placement.docname)
    for exclusion in domain.exclusions():
        found.setdefault((exclusion.source_id, exclusion.number), Coverage()).excluded = exclusion.reason
    for source_id, size in sizes.items():
        _fill_citations(found, source_id, size, domain.citations())
    return found


def _fill_citations(
    found: dict[tuple[str, int], Coverage], source_id: str, size: int, all_: Iterable[Citation]
) -> None:
    """Each paragraph's citing pages (the first :data:`SHOWN`) and their count, for one source."""
    ranges = _ranges_by_page(citation for citation in all_ if citation.source_id == source_id)
    counts = [0] * (size + 2)
    room = list(range(size + 2))  # room[n]: a paragraph at or after n that can name one more page
    for docname in sorted(ranges):
        for first, last in ranges[docname]:
            first, last = max(first, 1), min(last, size)
            if first > last:
                continue
            counts[first] += 1
            counts[last + 1] -= 1
            number = _with_room(room, first)
            while number <= last:
                named = found[source_id, number].cited
                named.append(docname)
                if len(named) == SHOWN:
                    room[number] = number + 1
                number = _with_room(room, number + 1)
    running = 0
    for number in range(1, size + 1):
        running += counts[number]
        found[source_id, number].cited_count = running


def _ranges_by_page(citations: Iterable[Citation]) -> dict[str, list[tuple[int, int]]]:
    """Each page's cited ranges, merged: a page cites a paragraph once however many lines cite it."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for citation in citations:
        spans[citation.docname].append((citation.first, citation.last))
    merged: dict[str, list[tuple[int, int]]] = {}
    for docname, pieces in spans.items():
        merged[docname] = []
        for first, last in sorted(pieces):
            if merged[docname] and first <= merged[docname][-1][1] + 1:
                merged[docname][-1] = (merged[docname][-1][0], max(last, merged[docname][-1][1]))
            else:
                merged[docname].append((first, last))
    return merged


def _with_room(room: list[int], number: int) -> int:
    """The first paragraph at or after ``number`` that names fewer than :data:`SHOWN` pages
    (a disjoint-set "next" pointer with path halving: each full paragraph is skipped in
    near-constant time)."""
    while room[number] != number:
        room[number] = room[room[number]]
        number = room[number]
    return number
