"""Paragraph addresses as authors write them: ``12``, ``3-5``, ``2, 7``, ``other-source:4``.

One grammar serves the placement directive, the citation role and the records'
``:cite:`` option, so an address means the same thing everywhere in the book. A
span is never expanded into its numbers here: a range is only as long as the
source it names, which the registry checks before it reads a single paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GROUP = re.compile(r"^(?:¶)?(\d+)(?:\s*[-–]\s*(?:¶)?(\d+))?$")
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
        """The cross-reference target the domain resolves."""
        return f"{self.source_id}:{self.first}-{self.last}"


def parse_target(target: str) -> Span:
    """Invert :attr:`Span.target`."""
    source_id, _, numbers = target.rpartition(":")
    first, _, last = numbers.partition("-")
    return Span(source_id, int(first), int(last or first))


@dataclass(frozen=True)
class DefaultSource:
    """The source a bare number refers to on one page, or why there is none."""

    id: str = ""
    why: str = "no source given and no default source; write 'source-id:12'"


def parse_address(text: str, default: DefaultSource) -> list[Span]:
    """Parse an address list into spans; raise AddressError with a readable reason."""
    if not text.strip(" :,"):
        raise AddressError("the address is empty; write a paragraph number such as 12, 3-5 or source-id:4")
    source_id, sep, rest = text.strip().rpartition(":")
    if not sep:
        if not default.id:
            raise AddressError(default.why)
        source_id, rest = default.id, text
    source_id = source_id.strip()
    if not source_id:
        raise AddressError("no source given before ':'; write 'source-id:12'")
    spans = [_parse_group(source_id, group) for group in rest.split(",")]
    if not spans:
        raise AddressError("no paragraph numbers given")
    return spans


def _parse_group(source_id: str, group: str) -> Span:
    match = _GROUP.match(group.strip())
    if not match:
        raise AddressError(f"{group.strip()!r} is not a paragraph number or range like 3 or 3-5")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first < 1 or last < first:
        raise AddressError(f"{group.strip()!r} is not an ascending range of paragraph numbers")
    return Span(source_id, first, last)
