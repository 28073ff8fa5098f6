"""Text made safe to typeset, and what had to change: Typst is never handed text that
would fail the PDF or make its cost explode.

- **Noncharacters** (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two code points of
  every plane) have no glyph in any font, so a tagged PDF (PDF/UA-1) cannot show them
  and Typst stops. They print as U+FFFD.
- **Letters under a pile of combining marks.** Typst shapes a letter and all its marks
  as one cluster, and its memory grows with the square of the pile: 4,000 marks on one
  letter took 1.1 GB, 50,000 more than 23 GB; 8,000 letters of 30 marks each, 600 MB.
  No script stacks more than a few marks on a letter, so the PDF prints at most
  :data:`MAX_MARKS`: at that height a letter costs Typst about what a short word does.

Linear: one regular-expression pass over the text, and a look at each suspect run.
"""

from __future__ import annotations

import re
import unicodedata

#: The most combining marks in a row the PDF prints on one letter.
MAX_MARKS = 8
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
#: What may need mending: a noncharacter, or a long run of characters that are neither
#: letters, digits nor spaces (combining marks are none of these); each run is then read
#: character by character, so ordinary text costs one regular-expression pass.
_SUSPECT = re.compile(f"[{_NONCHARACTERS}]|[^\\w\\s]{{{MAX_MARKS + 1},}}")


def noncharacter(char: str) -> bool:
    code = ord(char)
    return code & 0xFFFE == 0xFFFE or 0xFDD0 <= code <= 0xFDEF


def printable(text: str) -> tuple[str, str]:
    """``text`` as the PDF prints it, and what was changed ("" when nothing was)."""
    problems: list[str] = []

    def mend(match: re.Match[str]) -> str:
        kept, marks = [], 0
        for char in match.group():
            marks = marks + 1 if unicodedata.category(char).startswith("M") else 0
            if noncharacter(char):
                problems.append(f"the noncharacter U+{ord(char):04X} (printed as U+FFFD)")
                kept.append("\ufffd")
            elif marks == MAX_MARKS + 1:
                problems.append(
                    f"a letter under more than {MAX_MARKS} combining marks (printed with the first {MAX_MARKS})"
                )
            elif marks <= MAX_MARKS:
                kept.append(char)
        return "".join(kept)

    mended = _SUSPECT.sub(mend, text)
    return mended, "; ".join(dict.fromkeys(problems))
