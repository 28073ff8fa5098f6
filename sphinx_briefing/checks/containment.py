"""The build touches only the tree: no markup runs, no file from outside is published.

A briefing book is built by CI and by Read the Docs, often from pull requests, so
a chapter is untrusted input. These doors are closed here:

- **Raw markup.** A ``<script>``, an ``<img onerror>`` or a ``{raw}`` block would run
  in every reader's browser. Raw nodes are removed from pages as they are read,
  each one a warning naming its line; the ``raw`` directive is switched off.
- **File insertion.** ``{include}``, ``{literalinclude}``, ``csv-table :file:`` and
  ``raw :file:`` read any file the build can read (``/etc/passwd``, ``/dev/zero``)
  before any check could run: the include directives (and ``raw``) are refused by
  name (:mod:`syntax`), and docutils' ``file_insertion_enabled`` is off for the rest.
- **Links that run.** A ``javascript:``, ``data:`` or ``file:`` link is dropped, its
  words kept as text; so is a link to a file by its path (a card's ``:link-type: url``),
  which no cross-reference check resolves.
- **Pages from outside.** Sphinx follows symlinks when it finds pages, so a page (or a
  folder of pages) that is a symlink out of the book would publish any file the build can
  read; so would a hard link, a second name for a file outside, and a symlink to a private
  file inside (``.git/config``). A page whose file resolves outside the book, is a
  symlink, a FIFO or a device, or has another name, is not read, with a warning.
- **Hidden folders.** No page is read from a dot-folder or dot-file (``.github/``):
  they are added to ``exclude_patterns``.
- **Files.** Which images and downloads may be published is :mod:`files`' concern;
  a record body may hold none (its generated pages are never collected).

Placements, exclusions and records inside ``{only}`` are reported too: they count
as placed while appearing in some outputs only.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx_design.shared import PassthroughTextElement

from ..model import priorities
from ..model.diagnostics import Check, warn
from ..model.vocabulary import EXCLUSIONS, PREVIEW, PRINT_BANNER, RECORD, SOURCE_PASSAGE
from .files import UNSAFE_NAME, drop, file_kind, files_in, ignored_by_git, other_names

#: Link schemes a published page may carry.
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Classes of the nodes that count a paragraph as placed or excluded, or declare a record.
COUNTED_CLASSES = frozenset({SOURCE_PASSAGE, EXCLUSIONS, RECORD})


def close_file_insertion(app: Sphinx) -> None:
    """No directive reads a file by name, and the ``raw`` directive is off.

    These are docutils settings, and a ``docutils.conf`` beside ``conf.py`` (or in the
    working folder, or the user's ``~/.docutils``) overrides what the build sets: red team
    J's ``file_insertion_enabled: yes`` there published ``/tmp`` files as a table. So docutils
    reads no configuration file in a briefing build (the book is configured in ``conf.py``),
    and a ``docutils.conf`` in the book is named."""
    app.env.settings["file_insertion_enabled"] = False
    app.env.settings["raw_enabled"] = False
    os.environ["DOCUTILSCONFIG"] = os.devnull
    unread = Path(app.confdir) / "docutils.conf"
    if unread.exists():
        warn(
            Check.CONFIG,
            "docutils.conf is not read: a briefing book is configured in conf.py only, and docutils settings "
            "could reopen file insertion or raw HTML; remove the file",
            f"{unread}:1",
        )


def reject_raw(tree: nodes.Element) -> None:
    """Drop raw HTML (or any raw format) from a tree, with a warning per node."""
    for raw in list(tree.findall(nodes.raw)):
        warn(
            Check.RAW_MARKUP,
            f"raw {raw.get('format', '')} markup is not allowed in the book (it could run a script "
            "in readers' browsers); write it in MyST instead",
            raw,
        )
        raw.parent.remove(raw)


class RejectRawMarkup(SphinxTransform):
    """Raw markup on a page is dropped as the page is read (record bodies: see records)."""

    default_priority = priorities.REJECT_RAW

    def apply(self, **kwargs: Any) -> None:
        reject_raw(self.document)


#: Classes that hide what carries them on the web, by the stylesheets a book loads
#: (sphinx-design's display utilities, Furo's colour-scheme, layout and screen-reader
#: classes, this extension's own hidden parts); the PDF and EPUB print it all the same.
#: ``tests/test_bad_input.py`` reads the shipped stylesheets and fails when a class they hide
#: is neither here nor among the classes that hide only in passing (a tab not chosen).
HIDING_CLASSES = frozenset(
    {
        *(PREVIEW, PRINT_BANNER),
        *("only-dark", "only-light", "no-toc", "visually-hidden", "hidden", "sr-only", "sd-sr-only"),
        *("sd-text-transparent", "sd-hide-link-text", "mobile-header", "sidebar-toggle", "toctree-checkbox"),
        *("sidebar-drawer", "toc-drawer", "overlay", "back-to-top", "skip-to-content", "related-pages"),
        *("theme-toggle-container", "theme-toggle-content", "theme-icon-when-auto-light", "headerlink"),
        *("content-icon-container", "toc-content-icon", "nav-overlay-icon", "toc-overlay-icon", "copybtn"),
        *("left-details", "rst-current-version"),
    }
)
_HIDING = re.compile(r"(?:sd-)?d-(?:(?:sm|md|lg|xl)-)?none")
#: sphinx-design's colour utilities: a text or background colour fixed by the page can make
#: the words unreadable on the web (white on white; dark on Furo's dark scheme) while the PDF
#: prints them (red team AE hid seven placed paragraphs in ``sd-text-white``).
_COLOURING = re.compile(
    r"sd-(?:text|bg|bg-text)-(?:primary|secondary|success|info|warning|danger|light|muted|dark|black|white|transparent)"
)


def _link_text(node: nodes.Element, name: str) -> bool:
    """sphinx-design's own hidden text of a card that is a link (its stretched link, which
    repeats words the card shows): a reference or cross-reference, or the card's own
    pass-through wrapper of one, also classed ``sd-stretched-link``; not a page's block."""
    stretched = "sd-stretched-link" in node.get("classes", [])
    carrier = isinstance(node, (nodes.reference, addnodes.pending_xref, PassthroughTextElement))
    return name == "sd-hide-link-text" and stretched and carrier


def hides(name: str) -> bool:
    """Whether the class ``name`` hides what carries it on the web."""
    return name in HIDING_CLASSES or bool(_HIDING.fullmatch(name))


class RejectConditionalCounts(SphinxTransform):
    """A placement, exclusion or record inside ``{only}`` is missing from some outputs; a
    class that hides part of a page on the web (red team J placed three paragraphs in a
    ``sd-d-none`` container: gone from the web chapter, counted placed, printed in the PDF)
    makes the outputs disagree on anything it hides."""

    default_priority = priorities.REJECT_CONDITIONAL

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.Element):
            hiding = [name for name in node.get("classes", []) if hides(name) and not _link_text(node, name)]
            colouring = [name for name in node.get("classes", []) if _COLOURING.fullmatch(name)]
            if hiding:
                warn(
                    Check.HIDDEN_CONTENT,
                    f"the class {hiding[0]!r} hides this on the web while the PDF and EPUB print it, and the "
                    "checks count it as read; remove the class",
                    node,
                )
            elif colouring:
                warn(
                    Check.HIDDEN_CONTENT,
                    f"the class {colouring[0]!r} fixes a colour, which can make this unreadable on the web (white "
                    "on white, or dark on the dark scheme) while the PDF prints it; the theme sets colours, so "
                    "remove the class",
                    node,
                )
        for only in self.document.findall(addnodes.only):
            for node in only.findall(nodes.Element):
                if not COUNTED_CLASSES.isdisjoint(node.get("classes", [])):
                    warn(
                        Check.CONDITIONAL_PLACEMENT,
                        f"this placement or record is inside {{only}} `{only['expr']}`, so some outputs lack "
                        "it while the book counts it; move it outside",
                        node,
                    )


def _scheme(uri: str) -> str:
    """The scheme of a link, lower-cased ("" for a relative link)."""
    scheme, colon, _rest = uri.partition(":")
    return scheme.lower().strip() if colon and "/" not in scheme else ""


def _unsafe_scheme(uri: str) -> bool:
    """A link a browser would run or open locally (``javascript:``, ``data:``, ``file:``)."""
    return _scheme(uri) not in {"", *SAFE_SCHEMES}


def published_link(uri: str) -> bool:
    """A link out of the book that every output may carry (web, mail, telephone)."""
    return _scheme(uri) in SAFE_SCHEMES


def drop_unsafe_links(app: Sphinx, doctree: nodes.document) -> None:
    """Links that would run a script or open a local file are dropped, their words kept."""
    _drop_unsafe_links(doctree)


def guard_record_body(body: nodes.Element) -> None:
    """A record's body is parsed apart from its page and printed on generated pages that
    Sphinx's image and download collectors never see: refuse raw markup, unsafe links,
    and any image or download in it (the page around the record may hold them)."""
    reject_raw(body)
    _drop_unsafe_links(body)
    for node, target, _types in files_in(body):
        warn(
            Check.RECORD_FILE,
            f"{target!r} in a record body cannot be published on the generated pages; "
            "put the image or download in the chapter, outside the record",
            node,
        )
        drop(node)


def _drop_unsafe_links(tree: nodes.Element) -> None:
    for link in list(tree.findall(nodes.reference)):
        uri = link.get("refuri", "")
        if _unsafe_scheme(uri):
            _refuse_link(uri, link)
            drop(link)
        elif _path_link(uri):
            _refuse_path(uri, link)
            drop(link)
    for toctree in tree.findall(addnodes.toctree):
        _drop_unsafe_entries(toctree)


def _drop_unsafe_entries(toctree: addnodes.toctree) -> None:
    """A toctree entry may be a URL (``Title <javascript://…>``); Sphinx prints it as a link in
    the page and, from the root page, in every page's sidebar, so it is checked as a link is."""
    kept = []
    for title, ref in toctree["entries"]:
        if ref not in toctree["includefiles"] and _unsafe_scheme(ref):
            _refuse_link(ref, toctree)
        else:
            kept.append((title, ref))
    toctree["entries"] = kept


def _path_link(uri: str) -> bool:
    """A link, as the author wrote it, to a file by its path ("page.html", "../x"): a card's
    or a button's ``:link-type: url`` makes one that no cross-reference check resolves, so
    a broken or outside path was published as written (red team AD). Read before Sphinx
    resolves references, when every relative link is the author's."""
    return bool(uri) and not _scheme(uri) and not uri.startswith("#")


def _refuse_path(uri: str, node: nodes.Element) -> None:
    warn(
        Check.PATH_LINK,
        f"link to {uri!r} names a file by its path, which no check resolves; link a page by its "
        "cross-reference (a card's :link-type: doc or ref, a Markdown link to the .md file) and a "
        "file with {download}",
        node,
    )


def _refuse_link(uri: str, node: nodes.Element) -> None:
    warn(
        Check.UNSAFE_LINK,
        f"link to {uri!r} is refused: only http, https, mailto and tel links are published",
        node,
    )


def skip_outside_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """A page whose file resolves outside the book is neither read nor published; a page
    whose name no EPUB can hold is refused (it is still read, so its own checks run)."""
    root = Path(env.srcdir).resolve()
    for docname in docnames:
        if UNSAFE_NAME.search(docname):
            warn(
                Check.PAGE_NAME,
                f"page name {docname!r} holds a character an EPUB, Windows or a search link cannot hold "
                "(\" * : < > ? \\ | # % ' & a space or a control character); rename the file",
                (docname, 1),
            )
    for docname in docnames:
        if _written_by_the_build(env, docname):
            warn(
                Check.PAGE_NAME,
                f"page name {docname!r} is a name the build writes itself (its index, search page, EPUB "
                "navigation, or a folder of copied files such as _images): the build would print its own page "
                "over this one, or delete it; rename the file",
                (docname, 1),
            )
    for docname in docnames:
        twins = _spelled_twice(Path(env.doc2path(docname)))
        if twins:
            warn(
                Check.PAGE_NAME,
                f"{len(twins)} files are named {env.doc2path(docname, False)}, spelled in different Unicode forms "
                f"(composed and decomposed, as macOS writes names): Sphinx reads only one of them; rename or remove "
                "the others",
                (docname, 1),
            )
    ignored = ignored_by_git(Path(env.srcdir), [Path(env.doc2path(docname)) for docname in docnames])
    for docname in list(docnames):
        refusal = _unreadable_page(Path(env.srcdir), Path(env.doc2path(docname)), root)
        if Path(env.doc2path(docname)) in ignored:
            refusal = (
                Check.PRIVATE_FILE,
                "is a file git ignores, not the book's own; it is not read (commit it, or remove it)",
            )
        if refusal:
            warn(refusal[0], f"page {refusal[1]}", (docname, 1))
            docnames.remove(docname)
            env.project.docnames.discard(docname)


#: The pages a builder writes beside the book's own, at the root: the general index (and
#: its split parts), the search page, EPUB 3's navigation and cover.
BUILT_PAGES = frozenset({"genindex", "genindex-all", "search", "nav", "epub-cover"})


def _written_by_the_build(env: BuildEnvironment, docname: str) -> bool:
    """Whether a builder writes a page of this name itself, over the book's (red team R: a
    chapter named ``genindex`` was read and checked, its paragraphs counted as placed, and
    was in no output), or whether it lies in a root folder starting with ``_``, where the
    build keeps the files it copies and deletes those no page names (``_images/note``)."""
    first, _, rest = docname.partition("/")
    if rest:
        return first.startswith("_")
    indices = {f"{domain.name}-{index.name}" for domain in env.domains.sorted() for index in domain.indices}
    written = BUILT_PAGES | indices | set(env.config.html_additional_pages)
    return first in written or first.startswith(("genindex-", "_"))


def _spelled_twice(path: Path) -> list[str]:
    """The files beside ``path`` whose names are its name in another Unicode form (NFC,
    NFD): Sphinx reads such names as one page, keeps one file, and its warning names no
    line (red team I). Only a name with a non-ASCII letter can have two forms."""
    if path.name.isascii() or not path.parent.is_dir():
        return []
    same = unicodedata.normalize("NFC", path.name)
    twins = [entry.name for entry in path.parent.iterdir() if unicodedata.normalize("NFC", entry.name) == same]
    return twins if len(twins) > 1 else []


def _unreadable_page(srcdir: Path, path: Path, root: Path) -> tuple[Check, str] | None:
    """Why a page's file is not read: it resolves outside the book; it is a symlink (to a
    private file inside, ``.github/notes.md`` or ``.git/config``, it published that file)
    or a FIFO or device (reading one blocked the build for ever); or it has another name."""
    if not path.resolve().is_relative_to(root):
        return Check.OUTSIDE_FILE, (
            f"resolves to {path.resolve()}, outside the book; only pages inside it are read "
            "(replace the symlink with the page itself)"
        )
    kind = file_kind(srcdir, path.relative_to(srcdir))
    if kind:
        return Check.SPECIAL_FILE, f"is {kind}; only the book's own regular files are read as pages (copy the page in)"
    linked = other_names(path) if kind is not None else ""
    return (Check.OUTSIDE_FILE, linked) if linked else None


#: Paths no book page stands in: dot-folders and dot-files (``.github/``, ``.private/``),
#: which Sphinx would otherwise find and publish as pages.
HIDDEN_PATHS = (".*", "**/.*")


def exclude_hidden_paths(app: Sphinx, config: Config) -> None:
    """``config-inited``: no page is read from a dot-folder or dot-file (red team I found
    ``.private/notes.md`` published, and a repository's ``.github/*.md`` would be too)."""
    config.exclude_patterns = [*config.exclude_patterns, *(p for p in HIDDEN_PATHS if p not in config.exclude_patterns)]


def refuse_catalogs(app: Sphinx, config: Config) -> None:
    """``config-inited``: a book's translation catalogs are not used. Sphinx compiles and loads
    them before any extension runs, writing the compiled file through a symlink wherever it
    points, and the theme prints their strings into every page unescaped (red team J: a
    ``sphinx.po`` put script in every page, and a linked ``sphinx.mo`` overwrote a file
    outside the book). Only ``locale_dirs = []`` in ``conf.py`` stops the first reading;
    here a book that still has catalogs is told so, and the builders translate nothing."""
    srcdir = Path(app.srcdir)
    catalogs = [path for folder in config.locale_dirs for path in sorted((srcdir / folder).rglob("*.[pm]o"))]
    config.locale_dirs = []
    if catalogs:
        warn(
            Check.CONFIG,
            f"{len(catalogs)} translation catalog(s) in the book: Sphinx compiles and reads them before any check "
            "runs, and prints their strings into every page unescaped; set locale_dirs = [] in conf.py (as new "
            "books do) and remove them",
            f"{catalogs[0]}:1",
        )


def setup_containment(app: Sphinx) -> None:
    """Register the guards; file collectors run at priority 500, ours before them."""
    app.connect("config-inited", exclude_hidden_paths)
    app.connect("config-inited", refuse_catalogs)
    app.connect("builder-inited", close_file_insertion)
    app.connect("env-before-read-docs", skip_outside_pages)
    app.add_transform(RejectRawMarkup)
    app.add_transform(RejectConditionalCounts)
    app.connect("doctree-read", drop_unsafe_links, priority=400)
