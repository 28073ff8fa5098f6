"""The pictures a printed document shows, each checked before Typst reads it.

Sphinx's image step picks each picture's best format for the builder; the Typst
translator then asks here, picture by picture, whether it can be printed. A picture
is printed only if it is a regular file inside the project (no symbolic link, FIFO
or device: reading a FIFO would wait forever), of at most :data:`MAX_BYTES` and
:data:`~sphinx_briefing.checks.raster.MAX_PIXELS`, and Typst itself prints it without a word, tried alone in a
folder of its own. Otherwise the PDF prints the picture's description, and the
reason is a ``briefing.pdf-image`` warning at the image. The reason never quotes the file:
Typst's message about a file that is not a picture can hold a line of it.

Typst stores a raster picture once however often it is shown, but draws an SVG again
at every use: 200 uses of one 3 MB drawing made a 137 MB PDF. A document draws at
most :data:`MAX_DRAWN` bytes of SVG in all; a use past that prints its description.

The bytes read here are the ones hashed into the print stamp and written beside
the markup, so what was checked is what is printed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path, PurePosixPath

from docutils import nodes
from sphinx.builders import Builder

from ..checks.raster import decoding, too_many_pixels
from ..checks.svg import MAX_BYTES as MAX_SVG_BYTES

#: The largest picture file printed (the most pixels: :data:`..checks.raster.MAX_PIXELS`).
MAX_BYTES = 20 * 2**20
#: The most SVG one document draws, counted at every use: the largest drawing twice.
MAX_DRAWN = 2 * MAX_SVG_BYTES


class Pictures:
    """The pictures of one printed document: name in ``_images/``, checked bytes, or why not."""

    def __init__(self, builder: Builder, document: nodes.document) -> None:
        builder.post_process_images(document)
        self.project = Path(builder.srcdir).resolve()
        self.names: dict[str, str] = dict(getattr(builder, "images", {}))
        self.accepted: dict[str, bytes] = {}
        self.refused: dict[str, str] = {}
        self.drawn = 0

    def name(self, uri: str) -> str | None:
        """The picture's name in ``_images/`` if it can be printed at this use, else None
        (see :meth:`why_not`)."""
        name = self.names.get(uri)
        if name is None or uri in self.refused:
            return None
        if name not in self.accepted:
            data, problem = read_picture(self.project, uri)
            problem = problem or typst_problem(data, PurePosixPath(name).suffix)
            if problem:
                self.refused[uri] = problem
                return None
            self.accepted[name] = data
        return name if self._drawable(uri, name) else None

    def _drawable(self, uri: str, name: str) -> bool:
        """Whether this use of the picture stays within :data:`MAX_DRAWN`; once past it,
        every later use of an SVG is refused (a raster picture costs nothing again)."""
        if PurePosixPath(name).suffix.lower() != ".svg":
            return True
        self.drawn += len(self.accepted[name])
        if self.drawn <= MAX_DRAWN:
            return True
        self.refused[uri] = (
            f"is not printed here: the PDF has drawn {MAX_DRAWN // 2**20} MB of SVG, the most it draws "
            "(Typst draws a drawing again at each use); show it fewer times, or as a PNG"
        )
        return False

    def why_not(self, uri: str) -> str:
        """Why a picture is not printed."""
        return self.refused.get(uri, "is not in the project")

    def digests(self) -> dict[str, str]:
        """The printed pictures' contents, by name, for the print stamp."""
        return {name: hashlib.sha256(data).hexdigest() for name, data in self.accepted.items()}

    def write(self, folder: Path) -> None:
        """Put the printed pictures where the markup names them."""
        for name, data in self.accepted.items():
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)


def read_picture(project: Path, uri: str) -> tuple[bytes, str]:
    """The picture file's bytes, or why it may not be read. Looks before it reads: a
    symbolic link is never followed, a FIFO or a device never read from, and no more
    than the limit is read."""
    path = project / uri
    if path.is_symlink():
        return b"", "is a symbolic link; the PDF prints only the project's own files"
    if not path.resolve().is_relative_to(project):
        return b"", "lies outside the project"
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return b"", "cannot be read"
    with open(descriptor, "rb") as file:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return b"", "is not a regular file (a FIFO, a device or a folder)"
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return b"", f"is larger than {MAX_BYTES // 2**20} MB"
    return data, too_many_pixels(data, path.suffix)


def typst_problem(data: bytes, suffix: str) -> str:
    """Why Typst cannot print this picture, or may print it wrongly, tried alone; "" when
    it prints it without a word (see :func:`..checks.raster.decoding`)."""
    error, warning = decoding(data, suffix)
    if error:
        return f"is not a picture the PDF can print ({error})"
    return f"is a picture the PDF may print wrongly ({warning})" if warning else ""
