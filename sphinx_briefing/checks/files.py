"""Only the book's own files are published, judged as Sphinx will resolve them.

An image or a ``{download}`` names a file that Sphinx copies into the site and the
EPUB, and whose link a reader opens on the book's own address. The name is judged
the way Sphinx resolves it, before Sphinx's collectors copy anything (``doctree-read``,
before their priority 500): a wildcard (``leak.*``, sphinx-design's ``:img-top:``,
reST's ``.. image::`` alike) is expanded with the same ``glob``, and the language
variant Sphinx prefers (``pic.en.png``) is judged too. Every file found must be:

- inside the project (``briefing.outside-file``), reached through no symlink, with one
  name only: a hard link is the same file as one that may stand outside the project;
  and a regular file, not a FIFO or a device, which would hang the build or fill the
  disk (``briefing.special-file``);
- the book's own: not in a dot-folder or dot-file (``.git/config``, ``.env``), ``_build``,
  the output or doctree folders, or a path the book excludes, and, in a git checkout, a
  file git tracks or has staged (``briefing.private-file``);
- of a type a briefing publishes: pictures, PDF and data, never a page or script a
  browser would run (``.html``, ``.xhtml``, ``.js``: ``briefing.file-type``). An EPUB
  packs pages and scripts that a reader's app runs, an office document can fetch a
  template with macros, and a ``.zip`` packs any of these past the check: none is a
  download;
- an SVG that only draws (:mod:`svg`; ``briefing.unsafe-svg``), a PDF that only shows
  (:mod:`pdf_actions`; ``briefing.active-pdf``) and a CSV whose cells are data, not
  formulas (:mod:`spreadsheet`; ``briefing.active-download``).

A refused image or download is dropped, its words kept. A ``{download}`` in a heading
is refused too (Sphinx's table of contents crashed on it: ``KeyError``).

Every file is judged again right before Sphinx copies it (``write-started``), on every
build: Sphinx re-reads a page only when a file it names is newer, and a symlink to an
old file is not, yet it copies every download (and each picture of a page it writes)
on every build. A file swapped since its page was read is left out of this build's
copies, and named, each build until it is fixed; the saved environment keeps it.

A file is judged once a build however many times the pages name it (:func:`_judged`):
its content check reads up to 50 MB, and 200 uses of one 3 MB SVG read it 200 times
(173 s).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from glob import glob
from pathlib import Path
from urllib.parse import unquote

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util.i18n import get_image_filename_for_language, search_image_for_language
from sphinx.util.matching import Matcher

from ..model.diagnostics import Check, warn
from ..model.state import state
from . import pdf_actions, spreadsheet, svg
from .git import GitCannotTell, checkout, git
from .raster import decoding, too_many_pixels

#: Pictures a web page shows.
IMAGE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})
#: Files a briefing offers for download: pictures, PDF and data, each read by a check or
#: inert; nothing a browser, an office suite or an unpacker runs.
DOWNLOAD_TYPES = IMAGE_TYPES | {".pdf", ".csv", ".json", ".txt", ".md"}
#: Folders that hold the build, never the book.
BUILD_FOLDERS = frozenset({"_build"})
_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}

Refusal = tuple[Check, str]


def refuse_unpublishable(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx's collectors: drop every image and download whose
    files, as Sphinx would resolve them, the book may not publish."""
    env = app.env
    docname = env.current_document.docname
    outputs = (Path(app.outdir), Path(app.doctreedir))
    for picture in doctree.findall(lambda node: isinstance(node, (nodes.image, nodes.figure))):
        _bound_size(picture)
    for node, target, types in files_in(doctree):
        target = _as_named(env, docname, node, target)
        if isinstance(node, addnodes.download_reference) and _in_title(node):
            warn(
                Check.HEADING_DOWNLOAD,
                f"{{download}} of {target!r} in a heading is refused; offer the download in the text",
                node,
            )
            drop(node)
            continue
        refusal = judge(env, docname, target, types, outputs)
        if refusal:
            warn(refusal[0], refusal[1], node)
            drop(node)


#: CSS pixels per unit of a length docutils accepts (a length with no unit is in pixels).
_PIXELS = {"": 1, "px": 1, "pt": 4 / 3, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4, "em": 16, "ex": 8}
#: The largest picture a page shows, in CSS pixels, and the largest scale, in percent.
MAX_PIXELS_SHOWN = 10_000
MAX_SCALE = 1_000


def _bound_size(picture: nodes.Element) -> None:
    """A picture's (or figure's) size lies within a page: a width in percent within 1–100 %,
    a length within :data:`MAX_PIXELS_SHOWN` pixels, a scale within :data:`MAX_SCALE` %.
    ``99999999%``, ``99999999px`` or ``:scale: 99999999`` drew it a million pages wide,
    green (red teams X and Z). A size outside is dropped, with a warning."""
    for option in ("width", "height", "scale"):
        value = str(picture.get(option, ""))
        if value and not _fits(option, value):
            warn(Check.PICTURE_SIZE, f"a picture's {option} of {value} does not fit a page; it is dropped", picture)
            del picture[option]


def _fits(option: str, value: str) -> bool:
    found = re.fullmatch(r"([0-9.eE+-]+)\s*(%|[a-z]*)", value.strip())
    if not found or found[2] not in {*_PIXELS, "%"}:
        return True  # docutils has refused it already
    number = float(found[1])
    if option == "scale":
        return 0 < number <= MAX_SCALE
    if found[2] == "%":
        return 0 < number <= 100
    return 0 < number * _PIXELS[found[2]] <= MAX_PIXELS_SHOWN


def refuse_before_copying(app: Sphinx, builder: Builder) -> None:
    """``write-started``: judge again every picture and download the environment holds,
    and leave out of this build's copies each one it may no longer publish."""
    env = app.env
    outputs = (Path(app.outdir), Path(app.doctreedir))
    for table, types in ((env.images, IMAGE_TYPES), (env.dlfiles, DOWNLOAD_TYPES)):
        for name in sorted(table):
            refusal = _judge_path(env, Path(env.srcdir, name), types, outputs)
            if refusal:
                docname = sorted(table[name][0])[0]
                warn(refusal[0], f"{name!r} changed since its page was read: {refusal[1]}", _naming(env, docname, name))
                del table[name]  # this build's copy only: the environment was saved before writing


def _naming(env: BuildEnvironment, docname: str, name: str) -> str:
    """``file:line`` of the first line of the page that names the file (or the page alone)."""
    page = Path(env.doc2path(docname))
    lines = page.read_text(encoding="utf-8", errors="replace").splitlines() if page.is_file() else []
    number = next((index for index, line in enumerate(lines, 1) if Path(name).name in line), None)
    return f"{page}:{number}" if number else str(page)


#: Characters the EPUB container (OCF) and Windows forbid in a file name, controls, "#"
#: and "%", which Sphinx's search writes into result links unencoded (a hit on "faq#1%41"
#: opened "faq" at a fragment), and a space, "'" and "&", which left the EPUB's spine
#: pointing at items its manifest does not have. Pages, pictures and downloads alike.
UNSAFE_NAME = re.compile(r'["*:<>?\\|#%\s\'&\x00-\x1f\x7f]')


def _as_named(env: BuildEnvironment, docname: str, node: nodes.Element, target: str) -> str:
    """The file the author named: MyST writes a link's non-ASCII letters and spaces
    percent-encoded (``é.png`` as ``%C3%A9.png``), and Sphinx then looked for a file the
    author never wrote and said so (red team AB). Where no file has the encoded name and one
    has the decoded name, the node names that one."""
    decoded = unquote(target)
    if decoded == target or "://" in target or _as_written(env, docname, target).exists():
        return target
    if not _as_written(env, docname, decoded).exists():
        return target
    node["uri" if isinstance(node, nodes.image) else "reftarget"] = decoded
    return decoded


def files_in(tree: nodes.Element) -> list[tuple[nodes.Element, str, frozenset[str]]]:
    """Every image and download in ``tree``: the node, the file it names, the types it may have."""
    found = [(node, node["uri"], IMAGE_TYPES) for node in tree.findall(nodes.image)]
    downloads = [
        (node, node["reftarget"], DOWNLOAD_TYPES)
        for node in tree.findall(addnodes.download_reference)
        if node.get("reftarget")
    ]
    return found + downloads


def judge(
    env: BuildEnvironment, docname: str, target: str, types: frozenset[str], outputs: tuple[Path, ...]
) -> Refusal | None:
    """Why the file ``target`` (written in ``docname``) may not be published, or None.
    ``outputs`` are the build's own folders (output, doctrees), never published."""
    if "://" in target or target.startswith(("data:", "//")):
        return (
            Check.OUTSIDE_FILE,
            f"{target!r} is a URL; the build fetches nothing and publishes only the project's files",
        )
    for path in sorted(candidates(env, docname, target, image=types is IMAGE_TYPES)):
        refusal = _judged(env, path, types, outputs)
        if refusal:
            return refusal[0], f"{target!r}: {refusal[1]}"
    return None


def _judged(env: BuildEnvironment, path: Path, types: frozenset[str], outputs: tuple[Path, ...]) -> Refusal | None:
    """Why the file at ``path`` may not be published, judged once a build (:class:`BuildState`'s
    ``judged``): the judgment reads the file and may run git and Typst, and a page may name
    one file thousands of times. O(1) for a file judged already."""
    memo = state(env).judged
    key = (path, types)
    if key not in memo:
        memo[key] = _judge_path(env, path, types, outputs) or _undecodable(path, types)
    return memo[key]


def candidates(env: BuildEnvironment, docname: str, target: str, *, image: bool) -> set[Path]:
    """Every file Sphinx may publish for ``target``, as written (links not followed): for an
    image, the language variant Sphinx prefers (``pic.en.png``) too, and a wildcard
    (``leak.*``) expanded with the same ``glob`` Sphinx uses."""
    names = {target}
    if image:
        names |= {search_image_for_language(target, env), get_image_filename_for_language(target, env)}
    paths = {_as_written(env, docname, name) for name in names}
    if image and target.endswith(".*"):
        return {Path(found) for path in paths for found in glob(str(path))}  # as Sphinx globs
    return paths


def _as_written(env: BuildEnvironment, docname: str, name: str) -> Path:
    """``name`` as Sphinx's ``relfn2path`` reads it (``/x`` from the project's root, else from
    the page's folder; ``..`` taken lexically, as Sphinx normalises it, so ``nothere/../..``
    climbs even through a folder that does not exist), without resolving links: the links
    on the way must still be seen."""
    path = Path(name)
    if path.parts[:1] in {("/",), ("\\",)}:
        return Path(os.path.normpath(Path(env.srcdir).joinpath(*path.parts[1:])))
    return Path(os.path.normpath(Path(env.srcdir, env.doc2path(docname, base=False).parent, path)))


def _judge_path(
    env: BuildEnvironment, written: Path, types: frozenset[str], outputs: tuple[Path, ...]
) -> Refusal | None:
    """Why one file may not be published: judged as written (a link on the way) and as
    resolved (what Sphinx copies)."""
    srcdir = Path(env.srcdir).resolve()
    resolved = written.resolve()
    if not resolved.is_relative_to(srcdir):
        return Check.OUTSIDE_FILE, "it resolves outside the project; only files inside it can be published"
    kind = file_kind(Path(env.srcdir), written.relative_to(env.srcdir))
    if kind is None:
        return None  # no such file: Sphinx reports it
    relative = resolved.relative_to(srcdir)
    if kind:
        return Check.SPECIAL_FILE, f"{relative.as_posix()} is {kind}; only regular files of the project are published"
    linked = other_names(written)
    if linked:
        return Check.OUTSIDE_FILE, f"{relative.as_posix()} {linked}"
    if _private(env, resolved, relative, outputs):
        return (
            Check.PRIVATE_FILE,
            f"{relative.as_posix()} is not the book's own file (dot-folders, _build, the outputs, excluded paths "
            "and, in a git checkout, files git does not track are never published; git add the file if it is the book's)",
        )
    if UNSAFE_NAME.search(resolved.name):
        return (
            Check.PAGE_NAME,
            f"{relative.as_posix()}: its name holds a character an EPUB or Windows cannot hold in a file name "
            "(\" * : < > ? \\ | # % ' & a space or a control character); rename the file",
        )
    if resolved.suffix.lower() not in types:
        return (
            Check.FILE_TYPE,
            f"a {resolved.suffix or 'suffix-less'} file is not published (allowed: {', '.join(sorted(types))}); a browser could run it",
        )
    pixels = too_many_pixels(resolved, resolved.suffix) if types is IMAGE_TYPES else ""
    if pixels:
        return Check.PICTURE_SIZE, f"{relative.as_posix()} {pixels}; a reader's browser would decode it whole"
    return _content(resolved)


#: Each type whose content is read before it is published: its check, the most bytes it
#: reads (one more marks the file too large), and its warning.
_READERS = {
    ".svg": (svg.svg_problem, svg.MAX_BYTES, Check.UNSAFE_SVG),
    ".pdf": (pdf_actions.pdf_problem, pdf_actions.MAX_BYTES, Check.ACTIVE_PDF),
    ".csv": (spreadsheet.csv_problem, spreadsheet.MAX_BYTES, Check.ACTIVE_DOWNLOAD),
}


def _content(path: Path) -> Refusal | None:
    """Why a file's content may not be published: an SVG that scripts, a PDF that acts, a
    CSV that runs formulas."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        return None
    problem, limit, check = reader
    with path.open("rb") as file:
        found = problem(file.read(limit + 1))
    return (check, f"the {path.suffix[1:].upper()} is not published: {found}") if found else None


def other_names(path: Path) -> str:
    """Why a file with more than one name (a hard link) is not published, or "": its other
    name may stand outside the project, and the build cannot see where."""
    names = os.lstat(path).st_nlink
    return (
        f"is a hard link ({names} names for one file); another name may stand outside the project: "
        "replace it with a copy (cp --no-preserve=links)"
        if names > 1
        else ""
    )


def _undecodable(path: Path, types: frozenset[str]) -> Refusal | None:
    """Why a raster picture (judged safe already) cannot be shown: it does not decode. Judged
    when its page is read, as the PDF judges it, not again at each copy: decoding costs a
    Typst run, and a damaged file hides nothing."""
    if types is not IMAGE_TYPES or path.suffix.lower() == ".svg" or not path.is_file():
        return None
    error, _warning = decoding(path.read_bytes(), path.suffix.lower())
    if error:
        return Check.BROKEN_PICTURE, f"{path.name} is not a picture a reader can see ({error})"
    return None


def file_kind(srcdir: Path, relative: Path) -> str | None:
    """What the file is, walking down from the project as written, following no link: ""
    for a regular file, "a symlink", "a FIFO", "a device", "a folder" …; None if it does
    not exist."""
    current, mode = srcdir, 0
    for part in relative.parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return None
        if stat.S_ISLNK(mode):
            return "a symlink" if current == srcdir / relative else f"behind a symlink ({current.name})"
    return "" if stat.S_ISREG(mode) else _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def _private(env: BuildEnvironment, path: Path, relative: Path, outputs: tuple[Path, ...]) -> bool:
    """In a dot-folder or dot-file, a build folder, the outputs, a path the book excludes
    (``exclude_patterns`` name folders: a file in one is excluded too), or, in a git
    checkout, a file git does not know (:func:`known_to_git`)."""
    if any(part.startswith(".") or part in BUILD_FOLDERS for part in relative.parts):
        return True
    excluded = Matcher(env.config.exclude_patterns)
    if any(excluded(part.as_posix()) for part in (relative, *list(relative.parents)[:-1])):
        return True
    return any(path.is_relative_to(folder.resolve()) for folder in outputs) or not known_to_git(Path(env.srcdir), path)


def known_to_git(srcdir: Path, path: Path) -> bool:
    """Whether git tracks ``path``, or has it staged (``git add``), in the checkout that
    holds ``srcdir``; True outside a checkout. A file git does not know is not the book's,
    whether ``.gitignore`` lists it or not: a credential a CI step wrote under a fixed
    name, a local note (red teams K and N published both). When git cannot tell, the
    answer is no (the build has stopped already, see :mod:`.build_folders`)."""
    if checkout(srcdir) is None:
        return True
    try:
        done = git(srcdir, "ls-files", "-z", "--error-unmatch", "--", str(path), accepted=(0, UNMATCHED))
    except GitCannotTell:
        return False
    return done.returncode == 0


#: ``git ls-files --error-unmatch``'s status for a path git does not know.
UNMATCHED = 1


def ignored_by_git(srcdir: Path, paths: list[Path]) -> set[Path]:
    """Those of ``paths`` that the checkout holding ``srcdir`` ignores (``.gitignore``, its
    ``info/exclude``) and does not track, in one call; none outside a checkout, all when
    git cannot tell. A file git ignores is not the book's: a token, a local note, a
    build's leftovers."""
    if not paths or checkout(srcdir) is None:
        return set()
    names = b"\0".join(str(path).encode() for path in paths)
    try:
        done = git(srcdir, "check-ignore", "-z", "--stdin", accepted=(0, UNMATCHED), stdin=names, literal=False)
    except GitCannotTell:
        return set(paths)
    return {Path(name.decode()) for name in done.stdout.split(b"\0") if name}


def _in_title(node: nodes.Node) -> bool:
    return any(isinstance(parent, nodes.title) for parent in _ancestors(node))


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    while node.parent is not None:
        node = node.parent
        yield node


def drop(node: nodes.Element) -> None:
    """Remove a refused node, keeping a link's words as plain text."""
    if node.children:
        node.replace_self(nodes.inline("", "", *node.children))
    else:
        node.parent.remove(node)


def setup_files(app: Sphinx) -> None:
    """Judge the files before Sphinx's image and download collectors (priority 500) note
    them, and again before any builder copies them."""
    app.connect("doctree-read", refuse_unpublishable, priority=400)
    app.connect("write-started", refuse_before_copying)
