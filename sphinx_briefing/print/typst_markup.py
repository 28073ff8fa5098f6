"""Typst source text built safely: every piece of the book's text becomes a Typst string.

Typst markup gives meaning to ``#``, ``[``, ``*``, ``_``, ``$``, ``<``, ``@``, ``=``
and more; escaping each of them is easy to get wrong. So no text from a page,
a source or the configuration is ever written as markup: it is written as a
string literal (``#"..."`` in markup), which Typst prints and never evaluates.
Only the characters that end or escape a string need care, and control
characters are spelled as Unicode escapes. ``#read("/etc/passwd")`` in a
chapter prints exactly those characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def _escapes() -> dict[int, str]:
    """Every character that ends or escapes a string, or that is invisible, and its spelling.

    Built once as a ``str.translate`` table: the PDF writer calls ``string`` for
    every run of text in the book, so one C-level pass beats a per-character loop.
    """
    invisible = [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
    table = {code: f"\\u{{{code:x}}}" for code in invisible}
    spelled = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    table.update({ord(char): escape for char, escape in spelled.items()})
    return table


_ESCAPES = _escapes()


def string(text: str) -> str:
    """``text`` as a Typst string literal."""
    return '"' + text.translate(_ESCAPES) + '"'


def text(value: str) -> str:
    """Markup that prints ``value`` literally. The ``;`` ends the embedded expression,
    so whatever markup follows can never continue it (``.`` or ``(`` after a string)."""
    return f"#{string(value)};" if value else ""


def label(name: str) -> str:
    """A Typst label for any id; the function form accepts characters that ``<...>`` does not."""
    return f"label({string(name)})"


def array(items: Iterable[str]) -> str:
    """A Typst array of already-formed values; one item keeps its trailing comma."""
    items = list(items)
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def strings(values: Iterable[str]) -> str:
    """A Typst array of strings."""
    return array(string(value) for value in values)


def dictionary(values: Mapping[str, str]) -> str:
    """A Typst dictionary of already-formed values, keyed by plain identifiers."""
    if not values:
        return "(:)"
    return "(" + ", ".join(f"{key}: {value}" for key, value in values.items()) + ")"


def content(markup: str) -> str:
    """A content block around already-formed markup."""
    return f"[{markup}]"
