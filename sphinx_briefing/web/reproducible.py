"""Reproducible EPUB: the same sources give the same bytes, and only the book's files.

Sphinx zips the EPUB with each file's modification time, so two clean builds of
identical content differ. After the EPUB is written, it is re-packed with every
entry stamped with ``SOURCE_DATE_EPOCH`` (or 1980-01-01, the earliest ZIP date),
``mimetype`` first and stored uncompressed as the EPUB standard requires.

After a settings change Sphinx keeps the old build info as ``.buildinfo.bak`` in the
output folder, and the EPUB builder packs every file it finds there: it warned
about that file's type on every later build, which fails a strict build until the
folder is deleted. The file is added to ``epub_exclude_files``.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from ..model.config import source_date_epoch

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """The timestamp every entry gets: SOURCE_DATE_EPOCH when set, in UTC."""
    epoch = source_date_epoch()
    if epoch is None:
        return _ZIP_EPOCH
    stamp = time.gmtime(max(epoch, 315532800))  # ZIP cannot store dates before 1980
    return stamp[:6]  # type: ignore[return-value]


def repack(path: Path) -> None:
    """Rewrite a ZIP with fixed timestamps and a fixed order, keeping its contents."""
    with zipfile.ZipFile(path) as original:
        entries = [(info.filename, original.read(info)) for info in original.infolist()]
    entries.sort(key=lambda entry: (entry[0] != "mimetype", entry[0]))
    stamp = zip_timestamp()
    temporary = path.with_suffix(".tmp")
    with zipfile.ZipFile(temporary, "w") as repacked:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            repacked.writestr(info, data)
    temporary.replace(path)


def repack_epub(app: Sphinx, exception: Exception | None) -> None:
    """After a successful EPUB build, make its archive reproducible."""
    if exception is None and app.builder.name == "epub":
        repack(Path(app.outdir, app.config.epub_basename + ".epub"))


#: What Sphinx leaves in the output folder that is not part of the book.
NOT_THE_BOOK = (".buildinfo.bak",)


def exclude_build_leftovers(app: Sphinx, config: Config) -> None:
    """Keep Sphinx's own leftovers out of the EPUB, whatever the book's settings list."""
    config.epub_exclude_files = [
        *config.epub_exclude_files,
        *(name for name in NOT_THE_BOOK if name not in config.epub_exclude_files),
    ]


def setup_reproducible(app: Sphinx) -> None:
    app.connect("config-inited", exclude_build_leftovers)
    app.connect("build-finished", repack_epub)
