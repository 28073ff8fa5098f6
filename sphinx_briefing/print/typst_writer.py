"""The doctree → Typst translator: what each node of the book is, as Typst markup.

One ``visit_*``/``depart_*`` pair per node type, in the manner of Sphinx's text
and LaTeX writers. It is the ``briefingpdf`` builder's ``default_translator_class``
and is made through Sphinx's registry, so ``app.set_translator("briefingpdf", …)``
replaces it and ``app.add_node(node, typst=(visit, depart))`` gives it visitors for
another extension's nodes (as the timeline graphic does, in ``records.timeline_svg``).
Such a visitor writes with :meth:`TypstTranslator.call` or appends markup to
``self.body`` with its text made by ``typst_markup.text``. Nodes whose Typst form takes several separate arguments
(tables, grids of cards, definition and field lists, footnotes) render their
children into those arguments and skip the generic walk. All text goes out as
Typst strings (:mod:`typst_markup`), so nothing in the book can act as Typst code.
How things look is decided by ``templates/briefing.typ``, called here by name.

Every element id of the assembled book becomes one Typst label; links and page
references use it. A node type this module does not know is a
``briefing.pdf-node`` warning naming the node and the page; its text is still printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.locale import admonitionlabels
from sphinx.util.docutils import SphinxTranslator

from ..checks.containment import published_link
from ..model.diagnostics import Check, warn
from ..model.vocabulary import CITE, KF_GRID, SOURCE_PASSAGE
from .pictures import Pictures
from .printable import printable
from .sourcemap import Body, Located, SourceMap
from .typst_markup import array, content, label, string, strings, text

#: Containers whose children are printed side by side, with their column count on paper.
GRID_CLASSES = {"sd-row": 3, KF_GRID: 3}
#: The largest number Typst counts to (a 64-bit integer).
LARGEST_NUMBER = 2**63 - 1
_WHITESPACE = re.compile(r"\s+")
_ROW_COLUMNS = re.compile(r"^sd-row-cols-(?:lg-)?(\d+)$")


def warn_node(node: nodes.Node, message: str, check: Check = Check.PDF_NODE) -> None:
    warn(check, message, node)


class Anchors:
    """One Typst label per element with ids; every id of the element points at it.

    Ids are only unique within their own document, so each label is
    ``docname#id``. A link to a whole document lands on its first section.
    """

    def __init__(self, document: nodes.document, root: str) -> None:
        self.by_id: dict[tuple[str, str], str] = {}
        self.of_node: dict[int, str] = {}
        self.elements: dict[tuple[str, str], nodes.Element] = {}
        for node, docname in walk(document, root):
            self.elements.update(((docname, node_id), node) for node_id in node["ids"])
            if node["ids"]:
                name = f"{docname}#{node['ids'][0]}"
                self.of_node[id(node)] = name
                for node_id in node["ids"]:
                    self.by_id.setdefault((docname, node_id), name)
                if isinstance(node, nodes.section):
                    self.by_id.setdefault((docname, ""), name)

    def target(self, docname: str, node_id: str) -> str | None:
        """The label that ``docname#node_id`` refers to ("" for the document itself)."""
        return self.by_id.get((docname, node_id))


def walk(node: nodes.Node, docname: str) -> Iterator[tuple[nodes.Element, str]]:
    """Every element of an assembled book with the document it came from."""
    if isinstance(node, addnodes.start_of_file):
        docname = node["docname"]
    if isinstance(node, nodes.Element):
        yield node, docname
        for child in node.children:
            yield from walk(child, docname)


def grid_columns(node: nodes.Element) -> int | None:
    """Columns for a grid container on paper, or None when it is not a grid."""
    classes = node["classes"]
    counts = [int(match[1]) for match in map(_ROW_COLUMNS.match, classes) if match]
    for name, default in GRID_CLASSES.items():
        if name in classes:
            return min(max(counts, default=default), 4)
    return None


def link_kind(node: nodes.reference) -> str:
    """How a link in the book shows where it leads (see ``ref-to`` in the template)."""
    if CITE in node["classes"]:
        return "cite"
    if "sd-stretched-link" in node["classes"]:
        return "card"
    if any("std-term" in child["classes"] for child in node.findall(nodes.inline)):
        return "term"
    return "ref"


class TypstTranslator(SphinxTranslator):
    """Writes the book's body as Typst markup into ``self.body``.

    ``standalone`` is for the read-ahead, a page printed without the book:
    its links into the book are printed as plain text. What the walk needs to
    remember (the section depth of each enclosing page, which open links print as
    plain text) is kept here, never on the nodes.
    """

    def __init__(self, document: nodes.document, builder: Builder, standalone: bool = False) -> None:
        super().__init__(document, builder)
        root = document.get("docname", builder.config.root_doc)
        self.standalone = standalone
        self.anchors = Anchors(document, root)
        self.docnames = [root]
        self.section_level = 0
        self.outer_levels: list[int] = []
        self.plain_links: list[bool] = []
        self.pending: list[str] = []
        self.footnotes_done: set[str] = set()
        #: A note's text is being printed: a note it refers to is printed where it stands.
        self.in_note = False
        self.sources = SourceMap()
        self.body: list[str] = Body(self.sources)
        self.pictures = Pictures(builder, document)

    def astext(self) -> str:
        """The markup, still carrying the marks of :mod:`sourcemap` (see :func:`to_typst`)."""
        return "".join(self.body).strip() + "\n"

    # -- plumbing ---------------------------------------------------------------------

    @property
    def docname(self) -> str:
        return self.docnames[-1]

    def render(self, children: Iterable[nodes.Node]) -> str:
        """Markup for some nodes, written aside from the body (for arguments)."""
        saved, self.body = self.body, Body(self.sources)
        for child in children:
            child.walkabout(self)
        self.flush_anchors()
        markup, self.body = "".join(self.body).strip(), saved
        return markup

    def block(self, markup: str) -> None:
        self.body.append(markup + "\n\n")

    def call(self, function: str, *args: str, **named: str) -> None:
        """A block that calls a function of the page design with text arguments, each
        passed as a Typst string (``call("svg-figure", svg, alt="…")``)."""
        values = [string(arg) for arg in args] + [f"{name}: {string(value)}" for name, value in named.items()]
        self.block(f"#{function}({', '.join(values)})")

    def mended(self, value: str, node: nodes.Node) -> str:
        """Text of the book as the PDF can print it; a ``briefing.pdf-text`` warning at the
        node says what had to change (see :mod:`printable`)."""
        printed, problem = printable(value)
        if problem:
            warn_node(node, f"the PDF cannot print this text as written: {problem}", Check.PDF_TEXT)
        return printed

    def close(self, closing: str) -> None:
        """End a content block without the paragraph break its last child left."""
        while self.body and not self.body[-1].strip():
            self.body.pop()
        if self.body:
            self.body[-1] = self.body[-1].rstrip()
        self.body.append(closing)

    def dispatch_visit(self, node: nodes.Node) -> None:
        """Note the node's anchor before it is printed; it goes out with its first text.
        A section's anchor follows its title; a note's goes with its text, where it is
        referenced. The node's first markup carries its place in the sources."""
        if isinstance(node, nodes.Element) and not isinstance(node, (nodes.section, nodes.footnote, nodes.citation)):
            name = self.anchors.of_node.get(id(node))
            if name:
                self.pending.append(name)
        self.sources.note(node)
        super().dispatch_visit(node)

    def flush_anchors(self) -> None:
        """Place waiting anchors here: where an element's first text is printed."""
        for name in self.pending:
            self.body.append(f"#metadata(none)#{label(name)};")
        self.pending.clear()

    def unknown_visit(self, node: nodes.Node) -> None:
        warn_node(node, f"the PDF has no rendering for node {node.__class__.__name__!r} on page {self.docname!r}")

    def unknown_departure(self, node: nodes.Node) -> None:
        pass

    def skip(self, node: nodes.Node) -> None:
        raise nodes.SkipNode

    # -- document structure -----------------------------------------------------------

    def visit_document(self, node: nodes.document) -> None:
        pass

    def depart_document(self, node: nodes.document) -> None:
        self.flush_anchors()

    def visit_start_of_file(self, node: addnodes.start_of_file) -> None:
        self.docnames.append(node["docname"])
        self.outer_levels.append(self.section_level)
        self.section_level = 0

    def depart_start_of_file(self, node: addnodes.start_of_file) -> None:
        self.docnames.pop()
        self.section_level = self.outer_levels.pop()

    def visit_section(self, node: nodes.section) -> None:
        self.section_level += 1
        if self.section_level == 1 and not self.standalone:
            title = node.next_node(nodes.title)
            self.call("chapter", printable(_WHITESPACE.sub(" ", title.astext() if title else "").strip())[0])

    def depart_section(self, node: nodes.section) -> None:
        self.section_level -= 1

    def visit_title(self, node: nodes.title) -> None:
        if not isinstance(node.parent, nodes.section):
            self.visit_rubric(node)
            return
        self.flush_anchors()
        self.body.append(f"#heading(level: {min(self.section_level, 6)})[")

    def depart_title(self, node: nodes.title) -> None:
        if not isinstance(node.parent, nodes.section):
            self.depart_rubric(node)
            return
        name = self.anchors.of_node.get(id(node.parent))
        self.block("]" + (f"#{label(name)};" if name else ""))

    def visit_subtitle(self, node: nodes.subtitle) -> None:
        self.visit_rubric(node)

    def depart_subtitle(self, node: nodes.subtitle) -> None:
        self.depart_rubric(node)

    def visit_rubric(self, node: nodes.Element) -> None:
        function = "tab-label" if "sd-tab-label" in node["classes"] else "rubric"
        self.body.append(f"#{function}[")

    def depart_rubric(self, node: nodes.Element) -> None:
        self.close("]\n\n")

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        if node["classes"]:
            self.body.append(f"#para(classes: {strings(node['classes'])})[")

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        if node["classes"]:
            self.close("]")
        self.body.append("\n\n")

    def visit_compound(self, node: nodes.compound) -> None:
        pass

    def depart_compound(self, node: nodes.compound) -> None:
        pass

    visit_glossary = visit_compound
    depart_glossary = depart_compound

    def visit_transition(self, node: nodes.transition) -> None:
        self.block("#rule()")
        raise nodes.SkipNode

    # -- text -------------------------------------------------------------------------

    def visit_Text(self, node: nodes.Text) -> None:
        self.flush_anchors()
        self.body.append(text(self.mended(_WHITESPACE.sub(" ", node.astext()), node)))

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    def _wrap(self, function: str) -> None:
        self.body.append(f"#{function}[")

    def _unwrap(self, node: nodes.Node) -> None:
        self.body.append("]")

    def visit_emphasis(self, node: nodes.Element) -> None:
        self._wrap("emph")

    depart_emphasis = _unwrap
    visit_literal_emphasis = visit_emphasis
    depart_literal_emphasis = _unwrap
    visit_title_reference = visit_emphasis
    depart_title_reference = _unwrap

    def visit_strong(self, node: nodes.Element) -> None:
        self._wrap("strong")

    depart_strong = _unwrap
    visit_literal_strong = visit_strong
    depart_literal_strong = _unwrap

    def visit_subscript(self, node: nodes.Element) -> None:
        self._wrap("sub")

    depart_subscript = _unwrap

    def visit_superscript(self, node: nodes.Element) -> None:
        self._wrap("super")

    depart_superscript = _unwrap

    def visit_literal(self, node: nodes.literal) -> None:
        self.flush_anchors()
        self.body.append(f"#raw({string(self.mended(node.astext(), node))});")
        raise nodes.SkipNode

    def visit_math(self, node: nodes.math) -> None:
        self.visit_literal(node)

    def visit_inline(self, node: nodes.Element) -> None:
        if node["classes"]:
            self.body.append(f"#span(classes: {strings(node['classes'])})[")

    def depart_inline(self, node: nodes.Element) -> None:
        if node["classes"]:
            self.body.append("]")

    visit_abbreviation = visit_inline
    depart_abbreviation = depart_inline
    visit_PassthroughTextElement = visit_inline
    depart_PassthroughTextElement = depart_inline
    visit_problematic = visit_inline
    depart_problematic = depart_inline
    visit_pending_xref = visit_inline
    depart_pending_xref = depart_inline
    visit_download_reference = visit_inline
    depart_download_reference = depart_inline

    # -- links and anchors -------------------------------------------------------------

    def visit_target(self, node: nodes.target) -> None:
        if not node.children:
            self.flush_anchors()
            raise nodes.SkipNode

    def depart_target(self, node: nodes.target) -> None:
        pass

    def visit_reference(self, node: nodes.reference) -> None:
        uri = node.get("refuri", "")
        if published_link(uri):
            self.plain_links.append(False)
            self.body.append(f"#link({string(uri)})[")
            return
        destination = self.internal_target(node)
        self.plain_links.append(destination is None)
        if destination is not None:
            self.body.append(f"#ref-to({label(destination)}, kind: {string(link_kind(node))})[")

    def depart_reference(self, node: nodes.reference) -> None:
        if not self.plain_links.pop():
            self.body.append("]")

    visit_number_reference = visit_reference
    depart_number_reference = depart_reference

    def internal_target(self, node: nodes.reference) -> str | None:
        """The label a link into the book leads to; None (printed as text) if there is none."""
        if self.standalone:
            return None
        uri = node.get("refuri", "")
        if "refid" in node:
            docname, fragment = self.docname, node["refid"]
        elif uri.startswith("%"):
            docname, _, fragment = uri[1:].partition("#")
        else:
            if uri:
                warn_node(node, f"link to {uri!r} cannot be followed on paper; printed as text", Check.PDF_LINK)
            return None
        found = self.anchors.target(docname, fragment)
        if found is None:
            warn_node(node, f"link to {docname}#{fragment}, which is not in the book", Check.PDF_LINK)
        return found

    # -- blocks -----------------------------------------------------------------------

    def visit_admonition(self, node: nodes.Element) -> None:
        title: str | None = None
        if node.children and isinstance(node[0], nodes.title):
            title = self.render(node[0].children)
        elif node.tagname in admonitionlabels:
            title = text(admonitionlabels[node.tagname])
        classes = [node.tagname, *node["classes"]]
        heading = content(title) if title is not None else "none"
        self.body.append(f"#admonition(classes: {strings(classes)}, title: {heading})[")
        for child in node.children[1:] if title is not None and isinstance(node[0], nodes.title) else node.children:
            child.walkabout(self)
        self.close("]\n\n")
        raise nodes.SkipNode

    visit_attention = visit_caution = visit_danger = visit_error = visit_hint = visit_admonition
    visit_important = visit_note = visit_tip = visit_warning = visit_seealso = visit_admonition

    def visit_topic(self, node: nodes.Element) -> None:
        self.visit_admonition(node)

    visit_sidebar = visit_topic

    def visit_block_quote(self, node: nodes.block_quote) -> None:
        function = "source-passage" if SOURCE_PASSAGE in node["classes"] else "quotation"
        self.body.append(f"#{function}[")

    def depart_block_quote(self, node: nodes.block_quote) -> None:
        self.close("]\n\n")

    def visit_attribution(self, node: nodes.attribution) -> None:
        self.body.append(text("— "))

    def depart_attribution(self, node: nodes.attribution) -> None:
        self.body.append("\n\n")

    def visit_container(self, node: nodes.container) -> None:
        columns = grid_columns(node)
        if columns is not None:
            cells = ", ".join(content(self.render([child])) for child in node.children)
            self.block(f"#cards(columns: {columns}, {cells})")
            raise nodes.SkipNode
        self.body.append(f"#container(classes: {strings(node['classes'])})[")

    def depart_container(self, node: nodes.container) -> None:
        self.close("]\n\n")

    def visit_literal_block(self, node: nodes.Element) -> None:
        self.flush_anchors()
        language = node.get("language")
        lang = f", lang: {string(language)}" if language and language != "default" else ""
        self.block(f"#code({string(self.mended(node.astext(), node))}{lang})")
        raise nodes.SkipNode

    visit_doctest_block = visit_literal_block
    visit_math_block = visit_literal_block

    def visit_line_block(self, node: nodes.line_block) -> None:
        self.body.append("#block[")

    def depart_line_block(self, node: nodes.line_block) -> None:
        self.close("]\n\n")

    def visit_line(self, node: nodes.line) -> None:
        pass

    def depart_line(self, node: nodes.line) -> None:
        self.body.append("#linebreak();")

    # -- lists ------------------------------------------------------------------------

    def visit_bullet_list(self, node: nodes.bullet_list) -> None:
        self.body.append("#list(")

    def depart_bullet_list(self, node: nodes.Element) -> None:
        self.block(")")

    def visit_enumerated_list(self, node: nodes.enumerated_list) -> None:
        """A numbered list, from its first number; one Typst cannot count from is refused."""
        start = int(node.get("start", 1))
        if not 0 <= start <= LARGEST_NUMBER - len(node.children):
            warn_node(
                node,
                f"the PDF cannot number a list from {start} (at most {LARGEST_NUMBER:,}); numbered from 1",
                Check.PDF_TEXT,
            )
            start = 1
        self.body.append(f"#enum(start: {start}, ")

    depart_enumerated_list = depart_bullet_list

    def visit_list_item(self, node: nodes.list_item) -> None:
        self.body.append("[")

    def depart_list_item(self, node: nodes.list_item) -> None:
        self.close("], ")

    def visit_definition_list(self, node: nodes.definition_list) -> None:
        items = []
        for item in node.children:
            terms = [self.render([term]) for term in item.children if isinstance(term, nodes.term)]
            definition = self.render([item.next_node(nodes.definition)])
            items.append(f"({content('#linebreak();'.join(terms))}, {content(definition)})")
        self.block(f"#definitions({', '.join(items)})")
        raise nodes.SkipNode

    def visit_field_list(self, node: nodes.field_list) -> None:
        items = [f"({content(self.render([field[0]]))}, {content(self.render([field[1]]))})" for field in node.children]
        self.block(f"#fields({', '.join(items)})")
        raise nodes.SkipNode

    visit_option_list = visit_field_list

    def visit_part(self, node: nodes.Element) -> None:
        """A part of a construct its parent has laid out (a term, a cell): just its content."""

    def depart_part(self, node: nodes.Element) -> None:
        pass

    visit_term = visit_definition = visit_field_name = visit_field_body = visit_entry = visit_part
    depart_term = depart_definition = depart_field_name = depart_field_body = depart_entry = depart_part

    # -- tables -----------------------------------------------------------------------

    def visit_table(self, node: nodes.table) -> None:
        group = node.next_node(nodes.tgroup)
        widths = [spec.get("colwidth", 1) for spec in group.findall(nodes.colspec)]
        head = group.next_node(nodes.thead)
        body = group.next_node(nodes.tbody)
        header = [cell for row in (head.children if head else []) for cell in self.cells(row)]
        rows = [array(self.cells(row)) for row in (body.children if body else [])]
        titles = [child for child in node.children if isinstance(child, nodes.title)]
        caption = content(self.render(titles[0].children)) if titles else "none"
        self.block(
            f"#data-table(columns: {array(f'{width}fr' for width in widths)}, header: {array(header)}, "
            f"rows: {array(rows)}, caption: {caption})"
        )
        raise nodes.SkipNode

    def cells(self, row: nodes.Element) -> list[str]:
        """A row's cells; spanning cells say how far they span."""
        cells = []
        for entry in row.children:
            markup = content(self.render([entry]))
            spans = {"colspan": entry.get("morecols", 0) + 1, "rowspan": entry.get("morerows", 0) + 1}
            if spans != {"colspan": 1, "rowspan": 1}:
                markup = f"table.cell(colspan: {spans['colspan']}, rowspan: {spans['rowspan']}, {markup})"
            cells.append(markup)
        return cells

    # -- notes ------------------------------------------------------------------------

    def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
        """The note's text goes where it is first referenced; later references point to it.
        A reference inside a note's text prints the note's label, and that note is printed
        where it stands: a chain of notes, each referring to the next, was printed one inside
        another, one recursion a note, until Python's limit (red team O: 400 notes)."""
        refid = node.get("refid", "")
        note = self.anchors.elements.get((self.docname, refid))
        name = self.anchors.of_node.get(id(note))
        if note is None or name is None or (self.in_note and refid not in self.footnotes_done):
            self.body.append(text(f"[{node.astext()}]"))
        elif refid in self.footnotes_done:
            self.body.append(f"#footnote({label(name)});")
        else:
            self.footnotes_done.add(refid)
            self.in_note = True
            try:
                body = self.render(child for child in note.children if not isinstance(child, nodes.label))
            finally:
                self.in_note = False
            self.body.append(f"#footnote[{body}]{label(name).join(['#', ';'])}")
        raise nodes.SkipNode

    def visit_footnote(self, node: nodes.footnote) -> None:
        """Printed where referenced, with its own label; a note nobody references, or one
        referenced only from another note's text, is printed in place."""
        if node.get("backrefs") and not self.footnotes_done.isdisjoint(node["ids"]):
            raise nodes.SkipNode
        name = self.anchors.of_node.get(id(node))
        if name:
            self.pending.append(name)
        self.body.append(text(f"[{node[0].astext()}] "))
        self.body.append(self.render(node.children[1:]))
        self.body.append("\n\n")
        raise nodes.SkipNode

    visit_citation = visit_footnote

    def visit_citation_reference(self, node: nodes.Element) -> None:
        self.body.append(text(f"[{node.astext()}]"))
        raise nodes.SkipNode

    # -- pictures ---------------------------------------------------------------------

    def visit_image(self, node: nodes.image) -> None:
        """A picture copied into the build folder (the only place Typst may read)."""
        uri = node["uri"]
        alt = self.mended(node.get("alt") or PurePosixPath(uri).stem, node)
        name = self.pictures.name(uri)
        if name is None:
            warn_node(node, f"image {uri!r} {self.pictures.why_not(uri)}; printed as its description", Check.PDF_IMAGE)
            self.body.append(text(f"[{alt}]"))
            raise nodes.SkipNode
        width = node.get("width", "")
        size = f", width: {width}" if re.fullmatch(r"\d+(\.\d+)?%", width) else ""
        picture = f"#picture({string('_images/' + name)}, alt: {string(alt)}{size})"
        self.body.append(picture + ";" if isinstance(node.parent, nodes.TextElement) else picture + "\n\n")
        raise nodes.SkipNode

    def visit_figure(self, node: nodes.figure) -> None:
        """The picture with its caption under it, then the legend, as on the web."""
        captions = [child for child in node.children if isinstance(child, nodes.caption)]
        caption = content(self.render(captions[0].children)) if captions else "none"
        picture = self.render(child for child in node.children if not isinstance(child, (nodes.caption, nodes.legend)))
        self.block(f"#figure(kind: image, supplement: none, caption: {caption}, {content(picture)})")
        for legend in (child for child in node.children if isinstance(child, nodes.legend)):
            legend.walkabout(self)
        raise nodes.SkipNode

    def visit_legend(self, node: nodes.legend) -> None:
        pass

    def depart_legend(self, node: nodes.legend) -> None:
        pass

    # -- nodes with nothing to print ---------------------------------------------------

    visit_index = visit_comment = visit_substitution_definition = visit_raw = skip
    visit_system_message = visit_meta = visit_tabular_col_spec = visit_toctree = skip
    visit_label = visit_desc_signature_line = skip

    def visit_versionmodified(self, node: nodes.Element) -> None:
        self.body.append("#emph[")

    def depart_versionmodified(self, node: nodes.Element) -> None:
        self.close("]\n\n")


def to_typst(translator: TypstTranslator) -> Located:
    """The Typst body of the translator's resolved doctree, and where each part came from."""
    translator.document.walkabout(translator)
    return translator.sources.locate(translator.astext())
