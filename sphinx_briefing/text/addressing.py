"""Paragraph addresses as authors write them: ``12``, ``3-5``, ``2, 7``, ``other-source:4``.

One grammar serves the placement directive, the citation role and the records'
``:cite:`` option, so an address means the same thing everywhere in the book:
groups separated by commas, each a number or an ascending range, each optionally
prefixed with its source's id; a group without a prefix takes the one before it
(``a:2, 5`` and ``a:2, a:5`` are the same), and the first group without one takes
the page's source (see :mod:`sphinx_briefing.model.library`). A span is never
expanded into its numbers here: a range is only as long as the source it names,
which is checked before a single paragraph is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A paragraph number has at most nine digits (Python refuses to read 4,300 or more, and a
#: 5,000-digit citation crashed the build).
_GROUP = re.compile(r"^(?:¶)?([0-9]{1,9})(?:\s*[-–]\s*(?:¶)?([0-9]{1,9}))?$")
#: The longest id a source or a record may have.
MAX_ID = 80
#: A source or record id: lower-case letters, digits and '-', safe in a URL, a file name and HTML.
ID = rf"[a-z0-9][a-z0-9-]{{0,{MAX_ID - 1}}}"
VALID_ID = re.compile(rf"^{ID}$")


def paragraph_anchor(source_id: str, number: int) -> str:
    """The HTML id of a paragraph in its source's annex; every citation links to it."""
    return f"{source_id}-p{number}"


class AddressError(ValueError):
    """An address that cannot be parsed; the message says what was expected."""


@dataclass(frozen=True)
class Span:
    """A run of consecutive paragraphs of one source (a single paragraph or a range)."""

    source_id: str
    first: int
    last: int

    @property
    def label(self) -> str:
        """¶12 or ¶12–14, as printed in the book."""
        return f"¶{self.first}" if self.first == self.last else f"¶{self.first}–{self.last}"

    @property
    def target(self) -> str:
        """The span as Sphinx names a link target in its own messages (never parsed back)."""
        return f"{self.source_id}:{self.first}-{self.last}"


@dataclass(frozen=True)
class DefaultSource:
    """The source a bare number refers to on one page, or why there is none."""

    id: str = ""
    why: str = "no source given and no default source; write 'source-id:12'"
    #: The reason holds for the whole page: say it once, at the page's first bare number.
    once: bool = False


#: The most groups one citation may hold: each is a link with its own preview, so 20,000
#: repeats of "1-1" made a 9 MB page.
MAX_GROUPS = 40


def parse_address(text: str, default: DefaultSource, max_groups: int | None = None) -> list[Span]:
    """Parse an address list into spans; raise AddressError naming the rule broken (a group
    cited twice, more than ``max_groups`` groups). Linear in the address's length."""
    if not text.strip(" :,"):
        raise AddressError("the address is empty; write a paragraph number such as 12, 3-5 or source-id:4")
    groups = text.split(",")
    if max_groups is not None and len(groups) > max_groups:
        raise AddressError(
            f"the address has {len(groups):,} groups, more than one citation may hold ({max_groups}); "
            "cite a range (3-9) or split the sentence"
        )
    spans: list[Span] = []
    seen: set[Span] = set()
    current = ""
    for group in groups:
        prefix, colon, numbers = group.rpartition(":")
        if colon:
            current = prefix.strip()
            if not current:
                raise AddressError(f"{group.strip()!r} gives no source before ':'; write 'source-id:12'")
            if not VALID_ID.match(current):
                raise AddressError(f"{current!r} is not a source id (lower-case letters, digits and '-')")
        elif not current:
            if not default.id:
                raise AddressError(default.why)
            current = default.id
        span = _parse_group(current, numbers)
        if span in seen:
            raise AddressError(f"the address cites {group.strip()!r} twice; cite each paragraph once")
        seen.add(span)
        spans.append(span)
    return spans


def _parse_group(source_id: str, group: str) -> Span:
    match = _GROUP.match(group.strip())
    if not match:
        raise AddressError(f"{group.strip()!r} is not a paragraph number or range like 3 or 3-5")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first < 1:
        raise AddressError(f"{group.strip()!r}: paragraphs are numbered from 1 (¶1 follows the headline)")
    if last < first:
        raise AddressError(f"{group.strip()!r} is not an ascending range of paragraph numbers")
    return Span(source_id, first, last)
