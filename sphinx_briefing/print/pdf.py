"""The PDF book and its one-page read-ahead, typeset by Typst in-process.

The builder assembles the whole book into one doctree (as Sphinx's LaTeX builder
does), resolves every reference to a ``%docname#id`` address, translates it to
Typst markup (:mod:`typst_writer`) and prints it (:mod:`job`) with the ``typst``
package: a wheel with its own fonts, so no system library, TeX or font scan is
involved. Typst's root is the output folder: it can read only what this builder
wrote there (the page design, the generated markup and the checked pictures).
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.typing import ExtensionMetadata

from ..model.config import as_of
from ..model.diagnostics import Check, warn
from ..model.library import load_all
from ..model.state import state
from ..version import __version__
from .job import TEMPLATE, PrintJob
from .sourcemap import Located
from .typst_markup import array, dictionary, string, strings
from .typst_writer import TypstTranslator, to_typst, walk

# -- what the pages say about the book ---------------------------------------------------


def first_sentence(text: str) -> str:
    """The cover keeps a long note short: its first sentence."""
    sentence, dot, _rest = " ".join(text.split()).partition(". ")
    return sentence + ("." if dot else "")


def primary_source(builder: Builder) -> Any:
    """The source the book rests on: the configured default, else the first."""
    sources = load_all(builder.env)[0]
    return sources.get(state(builder.env).settings.default_source) or next(iter(sources.values()), None)


def source_line(builder: Builder) -> str:
    """The sources of record, as the cover names them: the book's default source first."""
    primary = primary_source(builder)
    sources = sorted(load_all(builder.env)[0].values(), key=lambda source: (source is not primary, source.id))
    described = "; ".join(
        f"“{source.headline}”" + (f" ({source.meta['date_label']})" if source.meta.get("date_label") else "")
        for source in sources
    )
    return ("Source of record: " if len(sources) == 1 else "Sources of record: ") + described if sources else ""


def cover_facts(builder: Builder) -> list[tuple[str, str]]:
    """The cover's facts: as of when and on what basis, which edition, how to handle it."""
    config = builder.config
    facts = [("As of", as_of(config))]
    source = primary_source(builder)
    if source is not None and source.meta.get("date_basis"):
        facts.append(("Date basis", first_sentence(source.meta["date_basis"])))
    facts += [("Edition", config.release or config.version), ("Handling", state(builder.env).settings.handling)]
    return [(name, value) for name, value in facts if value]


def short_date(builder: Builder) -> str:
    """The as-of date in a few words, for running heads: the source's own label (up to its
    first semicolon) when it has one."""
    source = primary_source(builder)
    label = source.meta.get("date_label", "") if source is not None else ""
    return label.split(";")[0].strip() or as_of(builder.config)


def keywords(builder: Builder) -> list[str]:
    """The glossary's terms, as the glossary spells them: the book's subject vocabulary."""
    objects = builder.env.domains.standard_domain.objects
    return sorted({name for objtype, name in objects if objtype == "term"}, key=str.lower)


def book_meta(builder: Builder, kind: str) -> dict[str, str]:
    """Everything the template prints about the book, as Typst values."""
    config, briefing = builder.config, state(builder.env).settings
    subtitle = briefing.subtitle or "Briefing book"
    facts = cover_facts(builder)
    values = {
        "kind": string(kind),
        "title": string(config.project),
        "short-title": string(briefing.short_title or config.project),
        "subtitle": string(subtitle),
        "author": string(config.author),
        "subject": string(f"{subtitle}. Edition {config.release}, as of {as_of(config)}."),
        "keywords": strings(keywords(builder)),
        "lang": string((config.language or "en").split("_")[0]),
        "paper": string(briefing.paper),
        "handling": string(briefing.handling),
        "as-of-short": string(short_date(builder)),
        "edition": string(config.release),
        "facts": array(strings(fact) for fact in facts),
        "source": string(source_line(builder)),
    }
    return values


def main_file(function: str, meta: dict[str, str], body: Located) -> Located:
    """A complete Typst document: the design imported, the settings applied, the body."""
    return body.shifted(f'#import "{TEMPLATE.name}": *\n#show: {function}.with({dictionary(meta)})\n\n')


# -- printing ------------------------------------------------------------------------------


def print_readahead(translator: TypstTranslator, root: Path, target: Path) -> None:
    """The one-page read-ahead, from a translator made for its resolved doctree; a second
    page fails the build.

    Used by the PDF builder and by the web build, which ships the PDF as a download.
    """
    meta = book_meta(translator.builder, "Read-ahead")
    located = main_file("readahead", meta, to_typst(translator))
    job = PrintJob(root, "readahead.typ", located, translator.pictures, target)
    job.run(translator.builder.config, translator.document.get("docname", ""))


def readahead_doctree(builder: Builder, offered: bool = False) -> nodes.document | None:
    """The read-ahead page resolved for ``builder``; None when the book has none (a warning
    when it names a page that does not exist, or when a page ``offered`` it for download)."""
    docname = state(builder.env).settings.readahead_doc
    if (docname or offered) and docname not in builder.env.all_docs:
        missing = (
            f"{docname!r} is not a document of the book" if docname else "is not set, but a page offers the read-ahead"
        )
        warn(Check.READAHEAD_MISSING, f"briefing_readahead_doc {missing}; no read-ahead written", None)
    if docname not in builder.env.all_docs:
        return None
    doctree = builder.env.get_and_resolve_doctree(docname, builder, tags=builder.tags)
    doctree["docname"] = docname
    return doctree


# -- the builder -----------------------------------------------------------------------------


class BriefingPDFBuilder(Builder):
    """The whole book as one Typst document, and the read-ahead as another."""

    name = "briefingpdf"
    format = "typst"
    default_translator_class = TypstTranslator
    epilog = "The PDF book and its read-ahead are in %(outdir)s."
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg", "image/gif"]
    supported_remote_images = False

    @property
    def basename(self) -> str:
        """File name of the book PDF without ``.pdf``; the read-ahead adds ``-readahead``."""
        return state(self.env).settings.pdf_basename

    def get_outdated_docs(self) -> str:
        """Always the whole book; the stamp decides whether anything is printed."""
        return "all documents"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """Every page is in one document: an address is the page's name (as in the LaTeX builder)."""
        return "%" + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def write_documents(self, docnames: Set[str]) -> None:
        translator = self.create_translator(self.assemble_doctree(), self)
        located = main_file("book", book_meta(self, "Briefing book"), to_typst(translator))
        target = Path(self.outdir, f"{self.basename}.pdf")
        PrintJob(Path(self.outdir), "book.typ", located, translator.pictures, target).run(self.config)
        readahead = readahead_doctree(self)
        if readahead is not None:
            root = Path(self.outdir, "readahead")
            translator = self.create_translator(readahead, self, True)
            print_readahead(translator, root, Path(self.outdir, f"{self.basename}-readahead.pdf"))

    def assemble_doctree(self) -> nodes.document:
        """Every page in reading order under the root, references resolved across pages.

        Each reference is resolved from the page it is on (its ``refdoc``), not from the
        root the tree hangs from: a link from a chapter to the root page is a link to
        another page, whose anchor is the root page's.
        """
        root = self.config.root_doc
        tree = inline_all_toctrees(self, set(), root, self.env.get_doctree(root), lambda text: text, [root])
        tree["docname"] = root
        for node, docname in walk(tree, root):
            if isinstance(node, addnodes.pending_xref):
                node.setdefault("refdoc", docname)
        self.env.resolve_references(tree, root, self)
        return tree


def readahead_translator(app: Sphinx, doctree: nodes.document) -> TypstTranslator:
    """The PDF builder's translator, as Sphinx's registry makes it, for printing the
    read-ahead from another builder (the web's)."""
    return app.registry.create_translator(BriefingPDFBuilder, doctree, app.builder, True)  # type: ignore[return-value]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_builder(BriefingPDFBuilder)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
