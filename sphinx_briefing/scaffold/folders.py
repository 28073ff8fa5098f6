"""Where a new book may be written, where an existing book is, and what may be read into one.

A folder is named by the user, often through ``make`` and a shell, so it is taken as
they meant it (``~`` expanded, relative to the folder they ran the command in, a
symlink to an empty folder followed) or refused with the reason: a name that make
would have changed on its way here, a symlink to nowhere, or a folder inside another
book, whose pages that book's build would then read as its own.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from ..text.sources import MAX_SOURCE_BYTES

#: Room left in a source for the header the scaffold writes above the article.
HEADER_ROOM = 16_000
#: The file that makes a folder a Sphinx project (every briefing book has one).
CONF = "conf.py"


class FolderError(Exception):
    """A folder or file name the scaffold cannot use; the message says why and what to do."""


def plain_name(text: str, what: str) -> str:
    """Refuse a name that cannot pass through make and a shell unchanged: one starting or
    ending with a space (make drops leading spaces from a value on its command line), or
    holding a control character such as a newline (every line-based tool splits it)."""
    if not text:
        raise FolderError(f"give the {what}")
    if text != text.strip():
        raise FolderError(
            f"the {what} {text!r} starts or ends with a space, which make drops on its way here; rename it"
        )
    control = next((char for char in text if unicodedata.category(char) == "Cc"), None)
    if control is not None:
        raise FolderError(f"the {what} {text!r} holds the control character U+{ord(control):04X}; rename it")
    return text


def new_book_folder(text: str) -> Path:
    """The absolute folder a new book goes to: it must not exist or be an empty folder
    (a symlink to one is followed), and must not be inside another book."""
    path = Path(os.path.abspath(os.path.expanduser(plain_name(text, "new book's folder (DEST)"))))
    if path.is_symlink():
        target = path.resolve()
        if not target.is_dir():
            raise FolderError(
                f"{text}: a symbolic link to {target}, which is not a folder; remove the link or make the folder it names"
            )
        path = target
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise FolderError(f"{text}: exists and is not an empty folder; choose a new one (nothing was written)")
    outer = enclosing_book(path.parent.resolve())
    if outer is not None:
        raise FolderError(
            f"{text}: inside the book in {outer}, whose build would read the new book's pages as its own; "
            "choose a folder outside it (for example beside it: ../my-book)"
        )
    return path


def enclosing_book(folder: Path) -> Path | None:
    """The nearest folder, ``folder`` itself or above it, that holds a book's ``conf.py``."""
    return next((candidate for candidate in (folder, *folder.parents) if (candidate / CONF).is_file()), None)


def existing_book(text: str) -> Path:
    """The absolute folder of an existing book (it holds ``conf.py``)."""
    path = Path(os.path.abspath(os.path.expanduser(plain_name(text, "book's folder"))))
    if not (path / CONF).is_file():
        raise FolderError(f"{text}: not a briefing book (no {CONF}); run this in the book's folder")
    return path


def article_file(text: str) -> Path:
    """The article to read, checked before anything is read from it: a regular file (reading
    ``/dev/zero`` filled memory, and a FIFO blocked ``make new`` for ever), and not too big."""
    path = Path(os.path.expanduser(plain_name(text, "article (ARTICLE)")))
    try:
        info = path.stat()
    except OSError as exc:
        raise FolderError(f"{text}:1: cannot read the article: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise FolderError(
            f"{text}:1: the article is not a regular file (a device, a pipe or a folder); "
            "save it as a plain text file and pass that (nothing was written)"
        )
    size = info.st_size
    if size > MAX_SOURCE_BYTES - HEADER_ROOM:
        raise FolderError(
            f"{text}:1: the article is {size:,} bytes; a source may have at most {MAX_SOURCE_BYTES:,} with its header, "
            "and the book's build would refuse more. Split it into several sources (nothing was written)"
        )
    return path


#: The most of a folder's name its hidden staging sibling repeats: the sibling's name adds a
#: purpose and a process id, and must stay under the 255 bytes a file system allows.
_STAGING_NAME = 100


def staging_beside(folder: Path, purpose: str) -> Path:
    """A fresh hidden folder beside ``folder`` where a draft is written and verified before it
    takes ``folder``'s place (on the same file system, so the move is one rename). Its name
    repeats at most :data:`_STAGING_NAME` characters of ``folder``'s: a destination named
    near the limit once failed with "File name too long" on the staging folder."""
    staging = folder.parent / f".{folder.name[:_STAGING_NAME]}.sphinx-briefing-{purpose}-{os.getpid()}"
    staging.mkdir()  # the user's umask, as for any folder they make; mkdtemp's is private
    return staging


def first_link(book: Path, path: Path) -> Path | None:
    """The first symlink on the way from ``book`` to ``path`` (``path`` itself included, a
    dangling link too), or None: a file the scaffold writes is the book's own, and a
    committed link would send the write anywhere (red team L)."""
    steps = [path, *path.parents]
    inside = [step for step in steps if step != book and step.is_relative_to(book)]
    return next((step for step in reversed(inside) if step.is_symlink()), None)
