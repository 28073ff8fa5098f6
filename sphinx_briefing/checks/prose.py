"""The book's own prose as the checks read it: passages, their sentences and what they cite.

A *passage* is one text-bearing element of a page: a paragraph, a heading, an
admonition or card title, a glossary term, a caption, a table cell's paragraph,
a record's body or one of its options. Its text is what a reader sees, minus the
citation links, with note of where each citation stands, which stretches are
marked as inferred or as background, and which are quoted. Each passage knows:

- its *citation scope*: the block whose citations support it (its list item,
  table row, glossary entry, card, box, or, for a section heading, the section);
- its *naming context*: the text before it in the same list item, cell, glossary
  entry or footnote (plus a record's own name), where a speaker may be named once
  for the sentences that follow (:class:`Naming`: each earlier passage is read once
  for each speaker asked about, not again for every sentence);
- whether it stands inside an assessment box, where judgments belong.

A paragraph inside a block quote is a quotation as a whole, quotation marks or
not: its words up to its last citation are checked verbatim like any quotation.

Every prose check (quotations, numbers, attribution, judgments) works on these
objects, so each check covers every container the same way. Whether a stretch is
quoted, marked or code is answered by bisection over spans computed once per
passage: O(log q) for q spans, however many numbers or words ask.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from docutils import nodes
from sphinx import addnodes
from sphinx.util.nodes import traverse_parent

from ..model.nodes import cited_span, is_citation
from ..model.vocabulary import (
    ASSESSMENT,
    BACKGROUND,
    BOOK_FACT,
    CARD,
    CITE_ERROR,
    CONFIDENCE_LEGEND,
    EXCLUSIONS,
    INFERRED_VALUE,
    MARK,
    RECORD,
    SOURCE_LIST,
    VERBATIM,
)
from ..text import quotemarks
from ..text.addressing import Span
from ..text.sentences import split
from ..text.speakers import names

#: Generated from options that are checked on their own (record cards, exclusion lists).
SKIP_CLASSES = frozenset({VERBATIM, RECORD, EXCLUSIONS, SOURCE_LIST, MARK})
#: Elements whose text is not prose: code, markup for other formats, targets, labels.
_NOT_PROSE = (
    nodes.literal_block,
    nodes.doctest_block,
    nodes.math_block,
    nodes.raw,
    nodes.comment,
    nodes.substitution_definition,
    nodes.target,
    nodes.label,
    nodes.system_message,
    nodes.footnote_reference,
    nodes.citation_reference,
    addnodes.index,
    addnodes.toctree,
)
#: Ancestors whose citations support everything inside them.
_CITATION_BLOCKS = (
    nodes.list_item,
    nodes.row,
    nodes.definition_list_item,
    nodes.field,
    nodes.footnote,
    nodes.Admonition,
    nodes.topic,
    nodes.sidebar,
    nodes.figure,
    nodes.table,
    nodes.block_quote,
)
#: Ancestors in which a speaker named once counts for the sentences after it.
_NAMING_BLOCKS = (nodes.list_item, nodes.row, nodes.definition_list_item, nodes.field, nodes.footnote)


def merged(spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Overlapping spans as one, in order. O(s log s)."""
    current: list[int] = []
    for start, end in sorted(spans):
        if current and start < current[1]:
            current[1] = max(current[1], end)
            continue
        if current:
            yield current[0], current[1]
        current = [start, end]
    if current:
        yield current[0], current[1]


class _Cover:
    """Spans that are nested or disjoint (they come from a tree, or from paired marks),
    kept as the outermost ones in order, so that "does one span hold [start, end)?"
    is one bisection."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        outermost = list(merged(spans))
        self.starts = [start for start, _end in outermost]
        self.ends = [end for _start, end in outermost]

    def holds(self, start: int, end: int) -> bool:
        position = bisect.bisect_right(self.starts, start)
        return bool(position) and end <= self.ends[position - 1]


@dataclass
class Passage:
    """One text-bearing element of the book, flattened for the checks."""

    node: nodes.Element
    text: str = ""
    cites: list[tuple[int, Span]] = field(default_factory=list)
    #: Spans whose words are not claims the checks weigh: {inferred}, {background} and
    #: {book} marks, inline code, and the placeholder of a link that prints its target's title.
    marked: list[tuple[int, int]] = field(default_factory=list)
    #: Spans of inline code: quotation marks there are code, not quotations.
    code: list[tuple[int, int]] = field(default_factory=list)
    #: (start, end, explicit title?) of every cross-reference other than a citation.
    xrefs: list[tuple[int, int, bool]] = field(default_factory=list)
    scope: list[Span] = field(default_factory=list)
    #: The passages before it in its block, and its place among them (see :func:`passages`).
    block: Naming = field(default_factory=lambda: Naming())
    place: int = 0
    judged: bool = False
    #: A citation of the passage could not be read: its words cannot be checked against it.
    unverifiable: bool = False
    #: The passage stands in a block quote: its words are a quotation as a whole.
    block_quote: bool = False
    _covers: dict[str, tuple[int, _Cover]] = field(default_factory=dict, repr=False, compare=False)
    #: What a check gathers once for all the passage's sentences, by the check's name.
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def _marks(self) -> tuple[list[quotemarks.Quote], list[int]]:
        """Quotations and unpaired marks, leaving out those inside inline code."""
        quotes, stray = quotemarks.find(self.text)
        return [q for q in quotes if not self.is_code(q.start, q.end)], [i for i in stray if not self.is_code(i, i + 1)]

    @cached_property
    def _block(self) -> tuple[int, int] | None:
        """The words of a block-quoted passage, up to its last citation, as one quotation."""
        if not self.block_quote:
            return None
        end = max((position for position, _span in self.cites), default=len(self.text))
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text[:end].rstrip())
        return (start, end) if end > start else None

    @cached_property
    def quoted(self) -> list[tuple[int, int, str]]:
        """(start, end, words) of every quotation in the passage, nested ones too; a block
        quote's whole text first."""
        block = [(*self._block, self.text[slice(*self._block)])] if self._block else []
        return block + [(q.start, q.end, self.text[slice(*q.inner)]) for q in self._marks[0]]

    def is_block_quote(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` is the block-quoted text of the passage, not a quotation in it."""
        return self._block == (start, end)

    def _cover(self, name: str, spans: list[tuple[int, int]]) -> _Cover:
        """The spans of ``name`` ready for bisection, rebuilt only if spans were added."""
        cached = self._covers.get(name)
        if cached is None or cached[0] != len(spans):
            cached = self._covers[name] = (len(spans), _Cover(spans))
        return cached[1]

    @property
    def stray_marks(self) -> list[int]:
        """Positions of quotation marks opened and never closed, or closed and never opened."""
        return self._marks[1]

    def sentences(self) -> list[Sentence]:
        """The passage cut into sentences, each with the citations it carries itself."""
        cut = split(self.text)
        result = []
        for index, (start, end) in enumerate(cut):
            own = [
                span for position, span in self.cites if start < position <= end or (index == 0 and position <= start)
            ]
            result.append(Sentence(self, start, end, own))
        return result

    def is_marked(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside a span the checks do not weigh (see ``marked``). O(log q)."""
        return self._cover("marked", self.marked).holds(start, end)

    def is_code(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside inline code. O(log q)."""
        return self._cover("code", self.code).holds(start, end)

    @cached_property
    def _quoted_cover(self) -> _Cover:
        return _Cover([(first, last) for first, last, _words in self.quoted])

    def is_quoted(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside a quotation. O(log q): the spans are
        computed once per passage, however many numbers or words ask."""
        return self._quoted_cover.holds(start, end)

    def is_weighed(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` is the book's own claim: neither quoted nor marked."""
        return not self.is_quoted(start, end) and not self.is_marked(start, end)


@dataclass
class Sentence:
    """One sentence of a passage: where it stands and the citations it gives itself."""

    passage: Passage
    start: int
    end: int
    cites: list[Span]

    @property
    def text(self) -> str:
        return self.passage.text[self.start : self.end]

    def names(self, forms: Iterable[str]) -> bool:
        """Whether a speaker is named, in one of ``forms``, where this sentence may name them:
        in its passage up to its end, or in the passages before it in its block."""
        return names(self.passage.text[: self.end], forms) or self.passage.block.names(forms, self.passage.place)


class Scope(list[Span]):
    """The citations a block's passages rest on, each once, shared by those passages, with
    what is worked out from them once (:attr:`memo`: the paragraphs they name, their
    length). Each paragraph of a list item of thousands had its own copy of every
    citation of the item, read again for each sentence (red team P)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        super().__init__(dict.fromkeys(spans))
        self.memo: dict[str, object] = {}


@dataclass
class Naming:
    """The texts of one block in reading order (a record's name first), asked whether those
    before a passage name someone. Each text is read once for each set of name forms asked
    about: a list item of 4,000 paragraphs read every paragraph before each sentence again
    (red team P: 79 s, quadratic)."""

    texts: list[str] = field(default_factory=list)
    #: For each set of forms: how many texts are read, and the first that names one.
    read: dict[frozenset[str], tuple[int, int | None]] = field(default_factory=dict)

    def names(self, forms: Iterable[str], before: int) -> bool:
        """Whether one of the first ``before`` texts names a speaker in one of ``forms``."""
        key = frozenset(forms)
        count, first = self.read.get(key, (0, None))
        while first is None and count < before:
            first = count if names(self.texts[count], key) else None
            count += 1
        self.read[key] = (count, first)
        return first is not None and first < before


class _Flattener:
    """Walks one text element and records its words, citations and marks."""

    def __init__(self, passage: Passage) -> None:
        self.passage = passage
        self.parts: list[str] = []
        self.length = 0

    def add_text(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def walk(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            self.add_text(str(node))
        elif isinstance(node, _NOT_PROSE) or _skipped(node):
            return
        elif isinstance(node, nodes.Element) and CITE_ERROR in node.get("classes", []):
            self.passage.unverifiable = True
        elif is_citation(node):
            self.passage.cites.append((self.length, cited_span(node)))
        elif isinstance(node, addnodes.pending_xref):
            start = self.length
            self._walk_element(node)
            # Without an explicit title a link prints its target's title (a term prints as written);
            # the words typed here are a label the reader never sees.
            shows_own_words = bool(node.get("refexplicit")) or node.get("reftype") == "term"
            self.passage.xrefs.append((start, self.length, shows_own_words))
            if not shows_own_words:
                self.passage.marked.append((start, self.length))
        elif isinstance(node, nodes.literal):
            start = self.length
            self._walk_element(node)
            self.passage.code.append((start, self.length))
            self.passage.marked.append((start, self.length))
        elif isinstance(node, nodes.Element):
            self._walk_element(node)

    def _walk_element(self, node: nodes.Element) -> None:
        start = self.length
        for child in node.children:
            self.walk(child)
        classes = node.get("classes", [])
        if not {INFERRED_VALUE, BACKGROUND, BOOK_FACT}.isdisjoint(classes):
            self.passage.marked.append((start, self.length))


def _skipped(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and not SKIP_CLASSES.isdisjoint(node.get("classes", []))


def _is_text_root(node: nodes.Element) -> bool:
    """A text element not nested in another, outside any skipped or non-prose ancestor."""
    if isinstance(node, _NOT_PROSE) or _skipped(node):
        return False
    return not any(isinstance(a, (nodes.TextElement, *_NOT_PROSE)) or _skipped(a) for a in traverse_parent(node.parent))


def citation_scope(node: nodes.Element) -> nodes.Element:
    """The block whose citations support ``node``: a section for its heading, else the
    nearest list item, cell, glossary entry, box or card, else the element itself."""
    if isinstance(node, nodes.title) and isinstance(node.parent, nodes.section):
        return node.parent
    for ancestor in traverse_parent(node.parent):
        if isinstance(ancestor, _CITATION_BLOCKS) or CARD in ancestor.get("classes", []):
            return ancestor
    return node


def naming_block(node: nodes.Element) -> nodes.Element | None:
    """The list item, cell, glossary entry or footnote a sentence's speaker may be named in."""
    return next(
        (a for a in traverse_parent(node.parent) if isinstance(a, _NAMING_BLOCKS) or CARD in a.get("classes", [])), None
    )


def _is_judged(node: nodes.Element) -> bool:
    return any(
        ASSESSMENT in a.get("classes", []) or CONFIDENCE_LEGEND in a.get("classes", []) for a in traverse_parent(node)
    )


def flatten(node: nodes.Element) -> Passage:
    """One element as a passage, without its scope and context (see :func:`passages`)."""
    passage = Passage(node)
    flattener = _Flattener(passage)
    for child in node.children:
        flattener.walk(child)
    passage.text = "".join(flattener.parts)
    return passage


def _citations(block: nodes.Element, known: dict[int, list[Span]]) -> list[Span]:
    """Every citation inside ``block``, remembered in ``known`` so each block is walked once."""
    if id(block) not in known:
        known[id(block)] = [cited_span(x) for x in block.findall(is_citation)]
    return known[id(block)]


#: Attributes whose text a reader sees (as alt text, a tooltip, an expansion or a caption), checked as prose.
_TEXT_ATTRIBUTES = {
    nodes.image: ("alt", "title"),
    nodes.reference: ("reftitle", "title"),
    nodes.abbreviation: ("explanation",),
    addnodes.toctree: ("caption", "entries"),
}


def _attribute_texts(node: nodes.Element, names: tuple[str, ...]) -> Iterator[str]:
    """Each text the attributes hold; a table of contents' ``entries`` are (title, page)
    pairs, whose titles written in the page every page's navigation prints (red team S)."""
    for name in names:
        if name == "entries":
            yield from (title for title, _page in node.get(name, ()) if title)
        elif node.get(name):
            yield str(node[name])


def _index_texts(node: addnodes.index, positions: dict[int, int]) -> Iterator[str]:
    """The entries of an index node a reader sees in the index, unless the page shows
    them already, beside the node: the glossary term it indexes, or the words an {index}
    role shows (the role's nodes are the index, a target and the words). Only what stands
    beside it is read: the whole paragraph, read again for each of 4,000 roles, took 42 s
    (red team O). ``positions`` holds each sibling's place, found once a parent."""
    shown = node.parent.astext() if isinstance(node.parent, nodes.term) else _beside(node, positions)
    for entry in node.get("entries", []):
        if entry[1] and entry[1] not in shown:
            yield entry[1]


def _beside(node: nodes.Element, positions: dict[int, int]) -> str:
    """The text of the two nodes after ``node``, unless one is another index entry."""
    parent = node.parent
    if parent is None:
        return ""
    if id(node) not in positions:
        positions.update((id(child), place) for place, child in enumerate(parent.children))
    following = parent.children[positions[id(node)] + 1 : positions[id(node)] + 3]
    return "".join(n.astext() for n in itertools.takewhile(lambda n: not isinstance(n, addnodes.index), following))


def _attribute_passages(tree: nodes.Element) -> Iterator[tuple[nodes.Element, Passage]]:
    """Every text held in an attribute, as a passage of its own."""
    kinds = (*_TEXT_ATTRIBUTES, addnodes.index)
    positions: dict[int, int] = {}
    for node in tree.findall(lambda n: isinstance(n, kinds)):
        if _skipped(node) or any(_skipped(a) for a in traverse_parent(node.parent)):
            continue
        if isinstance(node, addnodes.index):
            texts = _index_texts(node, positions)
        else:
            texts = _attribute_texts(
                node, next(names for kind, names in _TEXT_ATTRIBUTES.items() if isinstance(node, kind))
            )
        for text in texts:
            yield node, Passage(node, text=text)


def _in_block_quote(node: nodes.Element) -> bool:
    """A paragraph of a block quote (not its attribution line) is quoted as a whole."""
    return not isinstance(node, nodes.attribution) and any(
        isinstance(a, nodes.block_quote) for a in traverse_parent(node.parent)
    )


def _text_roots(tree: nodes.Element) -> Iterator[tuple[nodes.Element, Passage]]:
    """Every text element not nested in another, then every attribute text, as passages."""
    for node in tree.findall(nodes.TextElement):
        if _is_text_root(node):
            passage = flatten(node)
            passage.block_quote = _in_block_quote(node)
            yield node, passage
    yield from _attribute_passages(tree)


def passages(tree: nodes.Element, context: str = "", scope: list[Span] | None = None) -> Iterator[Passage]:
    """Every passage of ``tree`` in document order, with its scope and naming context.

    ``context`` and ``scope`` add what a record directive knows about the tree it
    checks: the record's name and the record's own ``:cite:``.
    """
    known: dict[int, list[Span]] = {}
    scopes: dict[int, Scope] = {}
    blocks: dict[int, Naming] = {}
    for node, passage in _text_roots(tree):
        support = citation_scope(node)
        if id(support) not in scopes:
            scopes[id(support)] = Scope([*(scope or []), *_citations(support, known)])
        passage.scope = scopes[id(support)]
        block = naming_block(node)
        key = id(block) if block is not None else id(node)
        passage.block = blocks.setdefault(key, Naming([context] if context else []))
        passage.place = len(passage.block.texts)
        passage.block.texts.append(passage.text)
        passage.judged = _is_judged(node)
        yield passage
