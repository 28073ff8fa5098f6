"""The build's own folders hold only what builds wrote: nothing from the repository.

Sphinx loads ``environment.pickle`` from the doctree folder, and loading a pickle runs
whatever code it names; the PDF builder trusts the stamp beside a PDF it printed. A
pull request that force-adds ``_build/`` (``.gitignore`` lists it; ``git add -f``
commits it anyway) therefore ran code on the build machine, and published a planted
PDF that the stamp called unchanged (red team J). Read the Docs and CI build from a
clone, so such files are there before the first build. A committed symlink in the
folders' path would send the build's writes anywhere.

So when the extension is set up, the build stops, with one message naming what it
found, if git tracks a file inside the output or doctree folder or at any folder on the
way to them. That is the earliest moment an extension has, and it comes before Sphinx
makes the output folder: at ``config-inited`` Sphinx had already made a folder through a
committed ``_readthedocs`` link, outside the book (red team K). A book that is not a git
checkout is not asked: whoever hands over a folder hands over its ``conf.py``, which
is code anyway. A checkout git cannot read (git missing, a checkout another user owns)
stops the build too, saying why: it could not be told from one holding a saved state.
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

from ..model.diagnostics import Check, warn
from .git import GitCannotTell, checkout, git

#: How many committed files the message names before it counts the rest.
NAMED = 5
#: git's mode of a symlink.
SYMLINK = "120000"
#: The exit status of a build stopped here: Sphinx's own for an error before building.
STOPPED = 2


def tracked(srcdir: Path) -> tuple[Path, list[tuple[str, str]]]:
    """The checkout that holds ``srcdir`` (its top folder), and each file git tracks in it:
    its mode and its path from the top. The whole checkout is listed, since a book in
    ``docs/`` may build into ``../_build``. Nothing outside a checkout;
    :class:`~.git.GitCannotTell` if git cannot list it."""
    top = checkout(srcdir)
    if top is None:
        return srcdir, []
    listed = git(top, "ls-files", "-z", "-s").stdout
    entries = [entry.decode("utf-8", "replace") for entry in listed.split(b"\0") if entry]
    return top, [(entry.split(" ", 1)[0], entry.split("\t", 1)[1]) for entry in entries]


def committed_files(srcdir: Path, folders: list[Path]) -> list[Path]:
    """What git tracks inside ``folders``, and the committed symlinks they are reached
    through. Sphinx resolves the folders' paths, so a committed ``_build`` link to
    ``/etc`` shows as a folder outside the book: each committed link is resolved and
    compared. Linear in the number of tracked files."""
    top, entries = tracked(srcdir)
    root = top.resolve()
    inside = [folder.resolve() for folder in folders]
    found = []
    for mode, name in entries:
        path = root / name
        link = mode == SYMLINK and any(folder.is_relative_to(path.resolve()) for folder in inside)
        if link or any(path.is_relative_to(folder) for folder in inside):
            found.append(path)
    return found


def refuse_committed_state(app: Sphinx) -> None:
    """Stop before Sphinx makes a folder, loads a state, or writes through a folder, that the
    repository put there."""
    srcdir = Path(app.srcdir)
    try:
        committed = committed_files(srcdir, [Path(app.outdir), Path(app.doctreedir)])
    except GitCannotTell as reason:
        top = checkout(srcdir)
        warn(
            Check.GIT_UNREADABLE,
            f"the book is in a git checkout ({top}), but git cannot read it ({reason}); git says which files "
            "are the book's own, so nothing is built. Install git; if another user owns the checkout, "
            f"trust it first: git config --global --add safe.directory {top}",
            f"{srcdir / 'conf.py'}:1",
        )
        raise SystemExit(STOPPED) from None
    if not committed:
        return
    named = [_shown(path, srcdir) for path in committed[:NAMED]]
    more = f" and {len(committed) - NAMED} more" if len(committed) > NAMED else ""
    warn(
        Check.COMMITTED_BUILD,
        f"the build folders hold files committed to the repository ({', '.join(named)}{more}): "
        "Sphinx would run the code a saved environment names, and the PDF build trusts the stamp beside "
        "its PDF. Nothing is built; remove them from the repository (git rm -r --cached on the folder)",
        f"{committed[0]}:1",
    )
    raise SystemExit(STOPPED)


def _shown(path: Path, srcdir: Path) -> str:
    """A committed path as the message names it: from the book's folder, a link marked."""
    shown = os.path.relpath(path, srcdir.resolve())
    return f"{shown} (a symlink)" if path.is_symlink() else shown


def setup_build_folders(app: Sphinx) -> None:
    """Check now, not at an event: every event comes after Sphinx makes the output folder."""
    refuse_committed_state(app)
