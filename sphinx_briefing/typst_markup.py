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

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029":
        return f"\\u{{{ord(char):x}}}"
    return char


def string(text: str) -> str:
    """``text`` as a Typst string literal."""
    return '"' + "".join(_escape_char(char) for char in text) + '"'


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
