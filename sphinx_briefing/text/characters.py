"""Characters: strict UTF-8, and the invisible characters that change what a text says.

A NUL byte swallows the character after it, and the bidirectional controls
(U+202A–U+202E, U+2066–U+2069 and the marks) reorder text on screen, so "2004" can
display as "4002". Pure functions, used for sources (``text.sources``), pages
(``checks.encoding``) and new articles (``scaffold``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator


def first_bad_line(raw: bytes) -> int | None:
    """The 1-based line of the first byte that is not UTF-8, or None if all is well."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return raw[: exc.start].count(b"\n") + 1
    return None


#: Characters that hide or reorder text: C0 controls other than tab and line ends,
#: the bidirectional embedding, override, isolate and mark characters, and the noncharacters
#: (U+FFFE, U+FFFF, U+FDD0–U+FDEF, the last two of every plane): no font shows them and XML,
#: so EPUB, does not allow them.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
    + "]"
)


def hidden_characters(text: str) -> Iterator[tuple[int, str]]:
    """(line, name) of the first character on each line that would make the text read
    differently from how it displays. Line by line, so a file full of them costs one
    pass and one warning per line, not one per character."""
    for number, line in enumerate(text.split("\n"), start=1):
        match = _HIDDEN.search(line)
        if match:
            yield number, f"U+{ord(match.group()):04X} {unicodedata.name(match.group(), 'CONTROL')}"


def visible(text: str) -> bool:
    """True when ``text`` has a character a reader can see (a reason made only of a
    zero-width space is no reason)."""
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs") for ch in text)


def clean_text(raw: bytes) -> str:
    """Decoded text with a byte-order mark dropped and Windows or old-Mac line ends made
    plain, which editors add without asking and which change nothing a reader sees."""
    return raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
