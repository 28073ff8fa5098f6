"""A book's own small extension: a node with an HTML and a Typst visitor, and a Typst
translator of its own, both given to Sphinx the ordinary way."""

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinx_briefing.print.typst_markup import text
from sphinx_briefing.print.typst_writer import TypstTranslator


class boxed_note(nodes.General, nodes.Element):
    pass


class BoxedNote(SphinxDirective):
    has_content = True

    def run(self):
        node = boxed_note()
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def visit_typst(self, node):
    self.body.append("#block(stroke: 0.5pt, inset: 4pt)[" + text("Boxed by the extension's Typst visitor: "))


def depart_typst(self, node):
    self.close("]\n\n")


def visit_html(self, node):
    self.body.append('<div class="boxed">')


def depart_html(self, node):
    self.body.append("</div>")


class SignedTranslator(TypstTranslator):
    """The PDF's translator, replaced: it signs the end of every document it prints."""

    def depart_document(self, node):
        super().depart_document(node)
        self.body.append(text("Signed by the extension's own translator."))


def setup(app):
    app.add_node(boxed_note, html=(visit_html, depart_html), typst=(visit_typst, depart_typst))
    app.add_directive("boxed-note", BoxedNote)
    app.set_translator("briefingpdf", SignedTranslator)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
