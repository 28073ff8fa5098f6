"""The PDF book and its one-page read-ahead, typeset by Typst in-process.

The builder assembles the whole book into one doctree (as Sphinx's LaTeX builder
does), resolves every reference to a ``%docname#id`` address, translates it to
Typst markup (:mod:`typst_writer`) and compiles it with the ``typst`` package: a
wheel with its own fonts, so no system library, TeX or font scan is involved.
Typst's root is the output folder: it can read only what this builder wrote
there (the page design, the generated markup and copied images).

Nothing is printed again unless something that shapes the PDF changed: a stamp
file in the output folder holds a digest of the generated markup (the doctree as
printed), the configuration, this package's code and templates, and the Typst version.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Iterable, Set
from pathlib import Path
from typing import Any

import typst
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.display import progress_message
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.typing import ExtensionMetadata

from ..model.config import as_of, settings, source_date_epoch
from ..model.diagnostics import Check, warn
from ..model.library import load_all
from ..records.freshness import code_digest
from ..version import __version__
from .typst_markup import array, dictionary, string, strings
from .typst_writer import TypstTranslator, to_typst

logger = logging.getLogger(__name__)

TEMPLATE = Path(__file__).parent / "templates" / "briefing.typ"
PDF_STANDARDS = ["ua-1"]
STAMP = ".briefing-stamp"
#: Config values that never change what is printed (where the output goes, verbosity).
UNPRINTED_CONFIG = frozenset({"html_baseurl"})


# -- what the pages say about the book ---------------------------------------------------


def first_sentence(text: str) -> str:
    """The cover keeps a long note short: its first sentence."""
    sentence, dot, _rest = " ".join(text.split()).partition(". ")
    return sentence + ("." if dot else "")


def primary_source(builder: Builder) -> Any:
    """The source the book rests on: the configured default, else the first."""
    sources = load_all(builder.env)[0]
    return sources.get(settings(builder.config).default_source) or next(iter(sources.values()), None)


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
    facts += [("Edition", config.release or config.version), ("Handling", settings(config).handling)]
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
    config = builder.config
    subtitle = settings(config).subtitle or "Briefing book"
    facts = cover_facts(builder)
    values = {
        "kind": string(kind),
        "title": string(config.project),
        "subtitle": string(subtitle),
        "author": string(config.author),
        "subject": string(f"{subtitle}. Edition {config.release}, as of {as_of(config)}."),
        "keywords": strings(keywords(builder)),
        "lang": string((config.language or "en").split("_")[0]),
        "paper": string(settings(config).paper),
        "handling": string(settings(config).handling),
        "as-of-short": string(short_date(builder)),
        "edition": string(config.release),
        "facts": array(strings(fact) for fact in facts),
        "source": string(source_line(builder)),
    }
    return values


def main_file(function: str, meta: dict[str, str], body: str) -> str:
    """A complete Typst document: the design imported, the settings applied, the body."""
    return f'#import "{TEMPLATE.name}": *\n#show: {function}.with({dictionary(meta)})\n\n{body}'


# -- compiling ---------------------------------------------------------------------------


def compile_pdf(root: Path, main: str, target: Path) -> int | None:
    """Typeset ``root/main`` into ``target``; return its page count, or None when Typst failed
    or warned. A PDF that warned is written but not stamped as current, so the next build
    prints it again and the warning comes back until it is fixed.

    Typst reads nothing outside ``root``, uses only its bundled fonts, and its
    warnings and errors become ``briefing.pdf`` warnings (``-W`` fails the build).
    """
    compiler = typst.Compiler(str(root / main), root=str(root), font_paths=[], ignore_system_fonts=True)
    try:
        pdf, warnings = compiler.compile_with_warnings(
            format="pdf", pdf_standards=PDF_STANDARDS, timestamp=source_date_epoch()
        )
        pages = json.loads(compiler.query("<bb-page-count>", field="value", one=True))
    except typst.TypstError as exc:
        warn(Check.PDF, f"Typst could not print {main}: {exc.message}\n{exc.diagnostic}", None)
        return None
    for warning in warnings:
        warn(Check.PDF, f"Typst, in {main}: {warning.message}", None)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    return None if warnings else int(pages)


def _stable(value: Any) -> Any:
    """A form of a config value whose text is the same in every run (sets sorted)."""
    if isinstance(value, dict):
        return sorted((str(key), _stable(item)) for key, item in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(repr(item) for item in value)
    if isinstance(value, (list, tuple)):
        return [_stable(item) for item in value]
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def config_digest(config: Config) -> str:
    """A digest of the settings a build's output depends on."""
    values = {item.name: _stable(item.value) for item in config if item.rebuild and item.name not in UNPRINTED_CONFIG}
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def stamp(config: Config, files: dict[str, str], pictures: dict[str, Path]) -> str:
    """What the printed PDFs are made from, as one digest: Typst and how it is called, the
    code and templates, the settings, the markup, and the bytes of every picture."""
    digest = hashlib.sha256()
    compiler = f"{typst.__version__} {PDF_STANDARDS} {source_date_epoch()}"
    for part in (compiler, code_digest(), config_digest(config), *(f"{n}\0{t}" for n, t in sorted(files.items()))):
        digest.update(part.encode("utf-8") + b"\0")
    for name, path in sorted(pictures.items()):
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def pictures(builder: Builder, doctree: nodes.document) -> dict[str, Path]:
    """The pictures a doctree shows, by their name in ``_images/``, with their files.

    Sphinx's own image step picks each picture's best format for the builder; Typst
    then finds each one beside the markup, the only place it may read.
    """
    builder.post_process_images(doctree)
    uris = {node["uri"] for node in doctree.findall(nodes.image)}
    return {name: Path(builder.srcdir, uri) for uri, name in builder.images.items() if uri in uris}


class PrintJob:
    """Typst sources and pictures written into one folder, compiled only when their stamp changed."""

    def __init__(self, root: Path, config: Config, files: dict[str, str], images: dict[str, Path]) -> None:
        self.root = root
        self.files = files
        self.images = images
        self.digest = stamp(config, files, images)

    def current(self, targets: Iterable[Path]) -> bool:
        stamp_file = self.root / STAMP
        return all(t.is_file() for t in targets) and stamp_file.is_file() and stamp_file.read_text() == self.digest

    def write_sources(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATE, self.root / TEMPLATE.name)
        for name, markup in self.files.items():
            (self.root / name).write_text(markup, encoding="utf-8")
        for name, path in self.images.items():
            (self.root / "_images").mkdir(exist_ok=True)
            shutil.copyfile(path, self.root / "_images" / name)

    def done(self) -> None:
        (self.root / STAMP).write_text(self.digest, encoding="utf-8")


def print_readahead(translator: TypstTranslator, root: Path, target: Path) -> None:
    """The one-page read-ahead, from a translator made for its resolved doctree; a second
    page fails the build.

    Used by the PDF builder and by the web build, which ships the PDF as a download.
    """
    builder, doctree = translator.builder, translator.document
    images = pictures(builder, doctree)
    job = PrintJob(root, builder.config, {"readahead.typ": readahead_markup(translator)}, images)
    if job.current([target]):
        logger.info("%s is unchanged; not printed again", target.name)
        return
    job.write_sources()
    if typeset(root, "readahead.typ", target, doctree.get("docname", "")):
        job.done()


def readahead_markup(translator: TypstTranslator) -> str:
    return main_file("readahead", book_meta(translator.builder, "Read-ahead"), to_typst(translator))


def typeset(root: Path, main: str, target: Path, readahead_doc: str = "") -> bool:
    """Compile, report pages, size and time; for a read-ahead, insist on one page."""
    started = time.perf_counter()
    pages = compile_pdf(root, main, target)
    if pages is None:
        return False
    elapsed = time.perf_counter() - started
    logger.info("%s: %d pages, %d KB in %.2f s", target.name, pages, target.stat().st_size // 1024, elapsed)
    if readahead_doc and pages != 1:
        warn(Check.READAHEAD_LENGTH, f"the read-ahead fills {pages} pages; it must fit on one (shorten it)", readahead_doc)
        return False
    return True


def readahead_doctree(builder: Builder, offered: bool = False) -> nodes.document | None:
    """The read-ahead page resolved for ``builder``; None when the book has none (a warning
    when it names a page that does not exist, or when a page ``offered`` it for download)."""
    docname = settings(builder.config).readahead_doc
    if (docname or offered) and docname not in builder.env.all_docs:
        missing = f"{docname!r} is not a document of the book" if docname else "is not set, but a page offers the read-ahead"
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
        return settings(self.config).pdf_basename

    def get_outdated_docs(self) -> str:
        """Always the whole book; the stamp decides whether anything is printed."""
        return "all documents"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """Every page is in one document: an address is the page's name (as in the LaTeX builder)."""
        return "%" + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def write_documents(self, docnames: Set[str]) -> None:
        book = self.assemble_doctree()
        images = pictures(self, book)
        markup = main_file("book", book_meta(self, "Briefing book"), to_typst(self.create_translator(book, self)))
        job = PrintJob(Path(self.outdir), self.config, {"book.typ": markup}, images)
        target = Path(self.outdir, f"{self.basename}.pdf")
        if job.current([target]):
            logger.info("%s is unchanged; not printed again", target.name)
        else:
            job.write_sources()
            with progress_message("typesetting the PDF book"):
                if typeset(Path(self.outdir), "book.typ", target):
                    job.done()
        readahead = readahead_doctree(self)
        if readahead is not None:
            root = Path(self.outdir, "readahead")
            translator = self.create_translator(readahead, self, True)
            print_readahead(translator, root, Path(self.outdir, f"{self.basename}-readahead.pdf"))

    def assemble_doctree(self) -> nodes.document:
        """Every page in reading order under the root, references resolved across pages."""
        root = self.config.root_doc
        tree = inline_all_toctrees(self, set(), root, self.env.get_doctree(root), lambda text: text, [root])
        tree["docname"] = root
        self.env.resolve_references(tree, root, self)
        return tree


def readahead_translator(app: Sphinx, doctree: nodes.document) -> TypstTranslator:
    """The PDF builder's translator, as Sphinx's registry makes it, for printing the
    read-ahead from another builder (the web's)."""
    return app.registry.create_translator(BriefingPDFBuilder, doctree, app.builder, True)  # type: ignore[return-value]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_builder(BriefingPDFBuilder)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
