"""Characters: strict UTF-8, and the characters that change what a text says or costs.

A NUL byte swallows the character after it, and the bidirectional controls
(U+202A–U+202E, U+2066–U+2069 and the marks) reorder text on screen, so "2004" can
display as "4002". A letter carrying thousands of combining marks shows as one
smudge and costs the typesetter gigabytes (4,000 marks on one letter took Typst
1.1 GB): no language puts more than :data:`MAX_MARKS` on one letter. Pure
functions, each one linear pass, used for sources (``text.sources``), pages
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
#: so EPUB, does not allow them. And a lone surrogate (U+D800–U+DFFF), which no UTF-8 file
#: holds but a YAML escape ("\ud800") makes: it stopped the PDF with a traceback and made
#: an EPUB that EPUBCheck refuses (red team U).
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ud800-\udfff"
    + "".join(chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF))
    + "]"
)


#: Invisible characters that split a word without a trace on screen: a soft hyphen, a zero
#: width space or word joiner, a byte order mark. "wi\u00adll" displays as "will" and hides
#: the word from every check, so a page's text may not hold them.
SPLITTERS = frozenset("\u00ad\u200b\u2060\ufeff")
_SPLITTERS = re.compile(f"[{''.join(sorted(SPLITTERS))}]")


def hidden_in(text: str) -> Iterator[str]:
    """Every character of ``text`` that hides, reorders or splits what it shows."""
    for match in _HIDDEN.finditer(text):
        yield match.group()
    for match in _SPLITTERS.finditer(text):
        yield match.group()


#: Combining marks one character may carry (Vietnamese stacks two, some scripts three).
MAX_MARKS = 4
#: Runs that might hold too many marks: marks are neither word characters nor spaces.
_MARK_RUN = re.compile(rf"[^\w\s]{{{MAX_MARKS + 1},}}")


def name(char: str) -> str:
    """A character as a message names it: "U+0430 CYRILLIC SMALL LETTER A"."""
    category = unicodedata.category(char)
    fallback = {"Cc": "CONTROL", "Cs": "SURROGATE (half of a pair, no character alone)"}.get(category, "UNNAMED")
    return f"U+{ord(char):04X} {unicodedata.name(char, fallback)}"


def invisible_characters(text: str) -> Iterator[tuple[int, str]]:
    """(line, name) of the first character on each line that would make the text read
    differently from how it displays. Line by line, so a file full of them costs one
    pass and one warning per line, not one per character."""
    for number, line in enumerate(text.split("\n"), start=1):
        match = _HIDDEN.search(line)
        if match:
            yield number, name(match.group())


def stacked_marks(text: str) -> Iterator[tuple[int, str]]:
    """(line, description) of the first character on each line that carries more than
    :data:`MAX_MARKS` combining marks."""
    for number, line in enumerate(text.split("\n"), start=1):
        found = next(
            filter(None, (_overloaded(line, match.start(), match.end()) for match in _MARK_RUN.finditer(line))), ""
        )
        if found:
            yield number, found


def _overloaded(line: str, start: int, end: int) -> str:
    """The first character in ``line[start:end]`` (or just before it) with too many marks."""
    run = 0
    for index in range(start, end + 1):
        if index < end and unicodedata.category(line[index])[0] == "M":
            run += 1
            continue
        if run > MAX_MARKS:
            base = index - run - 1
            carrier = name(line[base]) if base >= 0 else "the start of the line"
            return f"{carrier} with {run:,} combining marks (a letter needs at most {MAX_MARKS})"
        run = 0
    return ""


def hidden_characters(text: str) -> Iterator[tuple[int, str]]:
    """(line, description) of every line whose text would read or cost differently from
    how it displays: invisible controls, and letters buried under combining marks."""
    yield from sorted([*invisible_characters(text), *stacked_marks(text)])


def visible(text: str) -> bool:
    """True when ``text`` has a character a reader can see (a reason made only of a
    zero-width space is no reason)."""
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc", "Zs") for ch in text)


def clean_text(raw: bytes) -> str:
    """Decoded text with a byte-order mark dropped and Windows or old-Mac line ends made
    plain, which editors add without asking and which change nothing a reader sees."""
    return raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
