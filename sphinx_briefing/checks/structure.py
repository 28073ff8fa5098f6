"""Structure that hides text from the checks or from the reader: code, and deep nesting.

**Code.** A briefing shows no code, and words in code are not read as claims: a
quotation or a figure in backticks would escape every check. So inline code and
code blocks are refused, each with a warning naming its line, unless the book
enables them (``briefing_code = True``); then nothing inside code is a claim.
Roles that print their text as code as a link's label (a cross-reference, a
download) are links, not code. A code block's ``:emphasize-lines:`` is checked before
Sphinx reads it: Sphinx lists every line a range names before it compares them with
the block, so ``1-9999999999`` (25 bytes) asked for about 400 GB (red team O). A line
past the block's last is a warning naming the page and line, and the option is dropped.

**Nesting.** The Markdown parser stops at a fixed depth (``maxNesting``, 20 levels,
where a list costs two and a block quote one) and silently drops everything deeper,
so a chapter could hide text from the reader and the checks alike. Lists and block
quotes nested more than :data:`MAX_DEPTH` deep are refused, well before that depth:
any cut needs at least ten. One walk of the tree: O(n).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import CodeBlock
from sphinx.util.nodes import traverse_parent

from ..model.diagnostics import Check, excerpt, warn

#: Lists and block quotes one inside another; a briefing needs three or four.
MAX_DEPTH = 8
_CODE = (nodes.literal, nodes.literal_block, nodes.doctest_block)
_LINKS = (addnodes.pending_xref, nodes.reference, addnodes.download_reference)
_NESTING = (nodes.bullet_list, nodes.enumerated_list, nodes.definition_list, nodes.block_quote)


#: The languages a code block is highlighted in: common ones, whose highlighting costs what
#: the block holds. Any other, and every block on a page that may not show code, is printed
#: as plain text: Pygments' Easytrieve lexer took 24 s on 2,000 tabs, about cubic, and a
#: refused block was still highlighted (red team O). Markdown and reST are not among them:
#: their lexers highlight each code block inside in the language it names (Easytrieve
#: again), and Markdown's is quadratic in the block's lines (red team W: 120 s, 127 s).
HIGHLIGHTED = frozenset(
    {"default", "text", "none", "python", "python3", "pycon", "bash", "sh", "shell", "console", "toml", "yaml"}
    | {"json", "ini", "make", "makefile", "html", "css", "javascript", "js"}
)


def check_code(tree: nodes.Element, allowed: bool) -> None:
    """Warn about every piece of code, unless the book enables code; highlight only blocks
    the page may show, in a language of :data:`HIGHLIGHTED`."""
    for block in tree.findall(nodes.literal_block):
        if not allowed or block.get("language", "default") not in HIGHLIGHTED:
            block["language"] = "none"
        _bound_first_line(block)
    if allowed:
        return
    for node in tree.findall(lambda n: isinstance(n, _CODE)):
        if "xref" in node.get("classes", ()) or any(
            isinstance(ancestor, _LINKS) for ancestor in traverse_parent(node.parent)
        ):
            continue
        kind = "inline code" if isinstance(node, nodes.literal) else "a code block"
        warn(
            Check.CODE,
            f"{kind} in a briefing: its words would not be checked as claims; write them as prose "
            "(quotations in quotation marks, with a citation), or set briefing_code = True in conf.py "
            "if the book must show code",
            node,
        )


def check_nesting(tree: nodes.Element) -> None:
    """Warn once for each outermost list or block quote whose nesting runs too deep."""
    for outer, depth in _too_deep(tree):
        warn(
            Check.DEEP_NESTING,
            f"lists or block quotes nested {depth} deep; the Markdown parser drops what lies deeper than "
            f"about ten levels without a word, so no more than {MAX_DEPTH} are allowed: flatten the structure",
            outer,
        )


def _too_deep(tree: nodes.Element) -> list[tuple[nodes.Element, int]]:
    """(outermost container, deepest nesting below it) for each container deeper than
    allowed. Iterative, so a deep tree cannot exhaust Python's stack."""
    deepest: dict[int, tuple[nodes.Element, int]] = {}
    stack: list[tuple[nodes.Node, int, nodes.Element | None]] = [(tree, 0, None)]
    while stack:
        current, level, outer = stack.pop()
        if isinstance(current, _NESTING):
            level += 1
            outer = outer if outer is not None else current
            if level > deepest.get(id(outer), (outer, 0))[1]:
                deepest[id(outer)] = (outer, level)
        if isinstance(current, nodes.Element):
            stack.extend((child, level, outer) for child in current.children)
    return [(outer, level) for outer, level in deepest.values() if level > MAX_DEPTH]


class BoundedCodeBlock(CodeBlock):
    """Sphinx's ``code-block``, its ``:emphasize-lines:`` checked against the block first:
    Sphinx lists every line each range names, so one range repeated 4,000 times over a
    10,000-line block took 3 GB (red team V). (The first line number of every code block
    is bounded by :func:`_bound_first_line`.)"""

    def run(self) -> list[nodes.Node]:
        lines = len(self.content)
        spec = self.options.get("emphasize-lines")
        if spec and (_past(spec, lines) or _named_lines(spec, lines) > lines):
            warn(
                Check.LINE_RANGE,
                f":emphasize-lines: {excerpt(spec)} names a line past the block's last ({lines}), or more lines "
                "than the block has; the option is dropped",
                self.get_location(),
            )
            del self.options["emphasize-lines"]
        return super().run()


#: The most digits a code block's first line number may have.
MAX_LINE_DIGITS = 9


def _bound_first_line(block: nodes.literal_block) -> None:
    """Every code block's first line number (``code-block``'s ``:lineno-start:``, ``code``'s
    ``:number-lines:``) has at most :data:`MAX_LINE_DIGITS` digits: it is printed on every
    line (red team Z: 4,000 digits made a 36 KB page 64 MB through ``code``)."""
    start = block.get("highlight_args", {}).get("linenostart")
    if start is not None and len(str(start)) > MAX_LINE_DIGITS:
        warn(
            Check.LINE_RANGE,
            f"a code block's first line number has more than {MAX_LINE_DIGITS} digits; it starts at 1",
            block,
        )
        block["highlight_args"]["linenostart"] = 1


def _named_lines(spec: str, lines: int) -> int:
    """How many lines a spec's ranges name, repeats counted, read as Sphinx's
    ``parse_line_num_spec`` reads them (an open end, ``5-`` or ``-5``, runs to the block's
    end or from its start) without listing them. A part Sphinx cannot read counts 0: it
    reports it."""
    total = 0
    for part in spec.split(","):
        ends = part.strip().split("-")
        if len(ends) == 1 and ends[0].isdigit():
            total += 1
        elif len(ends) == 2 and ends != ["", ""] and all(end.isdigit() or not end for end in ends):
            start = int(ends[0] or 1)
            total += max(0, int(ends[1] or max(start, lines)) - start + 1)
    return total


def _past(spec: str, lines: int) -> bool:
    """Whether a line-number spec ("1,3-5") names a line past ``lines``, read without listing
    what its ranges cover: linear in the spec."""
    return any(len(number) > len(str(lines)) or int(number) > lines for number in re.findall(r"\d+", spec))


def setup_structure(app: Sphinx) -> None:
    for name in ("code-block", "sourcecode"):
        app.add_directive(name, BoundedCodeBlock, override=True)
