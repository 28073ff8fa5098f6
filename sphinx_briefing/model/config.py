"""Every setting of the extension in one dataclass: name, type, neutral default and meaning.

A book sets them in ``conf.py`` with the ``briefing_`` prefix (``briefing_paper = "a4"``).
The defaults are neutral: no handling line, no read-ahead, no default source. What
this book chooses lives in its own ``conf.py``. Settings that change what pages
say are ``env`` (pages are read again); settings that only change how the book is
printed are ``html`` (pages are written again, never re-read).

Choices are checked when the configuration is read: an unknown value is one
``briefing.config`` warning naming the setting (``-W`` makes it an error), and the
default is used. So is a file name that is a path (``"../../x"``, ``"/tmp/x"``): the
build writes that file, and a path would put it outside the output folder.
"""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.i18n import format_date

from .diagnostics import Check, warn

PREFIX = "briefing_"


def _setting(
    default: str | bool,
    rebuild: str,
    doc: str,
    choices: tuple[str, ...] = (),
    file_name: bool = False,
    types: tuple[type, ...] = (),
) -> Any:
    metadata = {"rebuild": rebuild, "doc": doc, "choices": choices, "file_name": file_name, "types": types}
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class BriefingConfig:
    """The extension's settings, read from ``conf.py`` (each as ``briefing_<name>``)."""

    source_dir: str = _setting("source", "env", "Folder, relative to the project, that holds the sources of record.")
    default_source: str = _setting(
        "",
        "env",
        "Source id that bare paragraph numbers refer to on a page that places no other source's paragraphs; empty means the only source.",
    )
    background_target: str = _setting(
        "background-knowledge", "env", "Label of the section that explains {background} marks."
    )
    pdf_basename: str = _setting(
        "briefing",
        "html",
        "File name of the PDF book without .pdf; the read-ahead adds -readahead.",
        file_name=True,
    )
    pdf_memory: int = _setting(
        4096,
        "html",
        "Memory, in MB, that Typst may use to print one PDF; a book that needs more fails with a "
        "message naming its largest page, not by the build being killed.",
    )
    paper: str = _setting("letter", "html", "Paper size of the PDF.", choices=("letter", "a4"))
    subtitle: str = _setting("", "env", "Subtitle on the PDF cover and in its metadata.")
    handling: str = _setting(
        "", "env", "Handling line on the cover and every page of the PDF, and on printed web pages; empty means none."
    )
    as_of: str = _setting(
        "", "env", "The book's as-of date; empty means the day of the build (SOURCE_DATE_EPOCH when set)."
    )
    readahead_doc: str = _setting(
        "", "html", "Document printed as the one-page read-ahead PDF; empty means no read-ahead."
    )
    release: bool = _setting(
        False, "env", "A release build: any draft mark left ({draft}) fails it. make release sets it."
    )
    code: bool | tuple[str, ...] = _setting(
        False,
        "env",
        "The book may show inline code and code blocks: True on every page, or a list of the pages "
        "(docnames) that may; off, each is refused. Nothing in code is a claim the checks weigh.",
        types=(bool, list, tuple),
    )
    short_title: str = _setting(
        "",
        "html",
        "The book's title as the PDF's running feet and the read-ahead's head line show it; empty means the title, cut at a word where it does not fit.",
    )

    @classmethod
    def of(cls, config: Config) -> BriefingConfig:
        """The settings as the book configured them: made once a build, as the build state's
        snapshot (:attr:`sphinx_briefing.model.state.BuildState.settings`)."""
        values = {setting.name: config[PREFIX + setting.name] for setting in dataclasses.fields(cls)}
        return cls(**{name: tuple(value) if isinstance(value, list) else value for name, value in values.items()})

    @property
    def readahead_name(self) -> str:
        """The file name of the one-page read-ahead the web build offers."""
        return f"{self.pdf_basename}{READAHEAD_SUFFIX}.pdf"

    def code_on(self, docname: str) -> bool:
        """Whether the page ``docname`` may show code."""
        return self.code is True or (isinstance(self.code, tuple) and docname in self.code)


def as_of(config: Config) -> str:
    """The as-of date: configured, else the day of the build (``SOURCE_DATE_EPOCH`` when set)."""
    return config[PREFIX + "as_of"] or format_date(config.today_fmt or "%d %B %Y", language=config.language or "en")


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` (seconds) when set to a number: the time every output claims,
    so two builds give the same bytes (the PDF's creation date, the EPUB's entries)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else None


#: The times every output can print, 1970 to 2107 (a ZIP entry, the EPUB's, holds 1980 to
#: 2107; an earlier time is stamped 1980-01-01 there, and 0 is a common reproducible epoch).
EPOCH_RANGE = range(4_354_819_200)


def check_epoch(app: Sphinx, config: Config) -> None:
    """``SOURCE_DATE_EPOCH`` is a time every output can hold: given in milliseconds (a common
    slip), it crashed the web build ("year 56899 is out of range") and the EPUB's packing
    with tracebacks. One warning names it, and this build runs without it (Sphinx's own
    dates read it too, so it leaves the process's environment)."""
    epoch = source_date_epoch()
    if epoch is None or epoch in EPOCH_RANGE:
        return
    hint = f" (in milliseconds? {epoch // 1000} seconds would be in range)" if epoch // 1000 in EPOCH_RANGE else ""
    warn(
        Check.CONFIG,
        f"SOURCE_DATE_EPOCH={epoch} is not a time in seconds from 1970 to 2107, which every output can print"
        f"{hint}; set it in seconds, or unset it (this build ignores it)",
        None,
    )
    del os.environ["SOURCE_DATE_EPOCH"]


#: The longest text a setting may hold: it is printed on every page, in one line.
MAX_TEXT = 300
#: A file name the build may write: letters, digits and ``._-``, not starting with a dot.
_FILE_NAME = re.compile(r"[\w-][\w.-]*")
#: The longest such name, in UTF-8 bytes: file systems hold 255, and the build adds
#: ``-readahead.pdf`` and the like.
MAX_FILE_NAME_BYTES = 200
#: What the read-ahead adds to the PDF's name; no book's name may end in it.
READAHEAD_SUFFIX = "-readahead"
#: Sphinx's own settings whose text the outputs print (the EPUB's package file, the PDF's
#: metadata, every page's title).
SPHINX_TEXT_SETTINGS = (
    "project",
    "author",
    "copyright",
    "version",
    "release",
    "html_title",
    "html_short_title",
    "epub_title",
    "epub_author",
    "epub_publisher",
    "epub_copyright",
    "epub_description",
)


def assigned_at(app: Sphinx, name: str) -> str | None:
    """``conf.py:LINE`` where ``name`` is last assigned, for a warning about it to name; None
    when the value is not ``conf.py``'s (a ``-D`` override, or the default)."""
    conf = Path(app.confdir) / "conf.py"
    if name in app.config.overrides or not conf.is_file():
        return None
    assignment = re.compile(rf"^{re.escape(name)}\s*[:=+]")
    lines = conf.read_text(encoding="utf-8", errors="replace").splitlines()
    found = [number for number, line in enumerate(lines, start=1) if assignment.match(line)]
    return f"{conf}:{found[-1]}" if found else None


def check_choices(app: Sphinx, config: Config) -> None:
    """An unknown choice is one warning naming the setting and what it may be; the default is used."""
    for setting in dataclasses.fields(BriefingConfig):
        _check_text(app, setting)
        _check_file_name(app, setting)
        choices = setting.metadata["choices"]
        name = PREFIX + setting.name
        value = str(config[name]).strip().lower()
        if choices and value not in choices:
            warn(
                Check.CONFIG,
                f"{name} must be one of {', '.join(choices)}, not {config[name]!r}; using {setting.default!r}",
                assigned_at(app, name),
            )
            value = setting.default
        if choices:
            config[name] = value
    _check_epub_name(app)
    _check_memory(app)
    for name in SPHINX_TEXT_SETTINGS:
        _clean_sphinx_text(app, name)


def _check_text(app: Sphinx, setting: dataclasses.Field[Any]) -> None:
    """A setting's text is printed on every page (the handling line, the as-of date): a control
    character or a noncharacter there made the EPUB's pages ill-formed XML and the PDF fail,
    and a handling line of 10,000 letters was fitted into every running head."""
    config = app.config
    name, value = PREFIX + setting.name, config[PREFIX + setting.name]
    bad = [char for char in value if _unprintable(char)] if isinstance(value, str) else []
    if isinstance(value, str) and len(value) > MAX_TEXT:
        warn(
            Check.CONFIG,
            f"{name} is {len(value):,} characters, more than a setting printed on every page may hold "
            f"({MAX_TEXT}); shorten it (using {setting.default!r})",
            assigned_at(app, name),
        )
        config[name] = setting.default
    elif bad:
        warn(
            Check.CONFIG,
            f"{name} holds {', '.join(f'U+{ord(char):04X}' for char in dict.fromkeys(bad))}, a control character "
            f"or noncharacter no output can print; remove it (using {setting.default!r})",
            assigned_at(app, name),
        )
        config[name] = setting.default


def _clean_sphinx_text(app: Sphinx, name: str) -> None:
    """Sphinx's own settings are printed too (the EPUB's package file, the PDF's metadata):
    a control character there made the EPUB ill-formed XML, published green. Such a
    character is named and dropped; the rest of the text is kept."""
    config = app.config
    value = config[name]
    texts = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
    bad = [char for text in texts if isinstance(text, str) for char in text if _unprintable(char)]
    if not bad:
        return
    warn(
        Check.CONFIG,
        f"{name} holds {', '.join(f'U+{ord(char):04X}' for char in dict.fromkeys(bad))}, a control character "
        "or noncharacter no output can print; it is dropped",
        assigned_at(app, name),
    )
    cleaned = ["".join(char for char in text if not _unprintable(char)) for text in texts]
    config[name] = cleaned[0] if isinstance(value, str) else type(value)(cleaned)


def _unprintable(char: str) -> bool:
    code = ord(char)
    return unicodedata.category(char) in ("Cc", "Cs") or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _check_file_name(app: Sphinx, setting: dataclasses.Field[Any]) -> None:
    """A setting that names a file the build writes holds a name, not a path."""
    config, name = app.config, PREFIX + setting.name
    if setting.metadata["file_name"] and not is_file_name(str(config[name])):
        warn(
            Check.CONFIG,
            f"{name} must be a file name (letters, digits, '.', '_' and '-', not starting with a dot nor ending in "
            f"{READAHEAD_SUFFIX}, at most {MAX_FILE_NAME_BYTES} bytes), not {config[name]!r}: it names a file the "
            "build writes in its output "
            f"folder; using {setting.default!r}",
            assigned_at(app, name),
        )
        config[name] = setting.default


def is_file_name(value: str) -> bool:
    """A name, not a path, that any file system can hold with the build's suffixes, and
    not one ending in the read-ahead's suffix: Read the Docs' PDF job publishes every PDF
    but ``*-readahead.pdf``, so a book named so published no PDF (red team H)."""
    return (
        bool(_FILE_NAME.fullmatch(value))
        and len(value.encode("utf-8")) <= MAX_FILE_NAME_BYTES
        and not value.endswith(READAHEAD_SUFFIX)
    )


#: The least memory, in MB, Typst is given: under it not even a one-page PDF prints.
MIN_PDF_MEMORY = 256


def _check_memory(app: Sphinx) -> None:
    """Typst's memory limit is a whole number of MB it can print in: a smaller one, or
    another type, failed every PDF with an out-of-memory message that blamed the book."""
    config = app.config
    value = config[PREFIX + "pdf_memory"]
    if isinstance(value, bool) or not isinstance(value, int) or value < MIN_PDF_MEMORY:
        default = BriefingConfig.pdf_memory
        warn(
            Check.CONFIG,
            f"{PREFIX}pdf_memory must be a whole number of MB, at least {MIN_PDF_MEMORY}, not {value!r}; "
            f"using {default}",
            assigned_at(app, PREFIX + "pdf_memory"),
        )
        config[PREFIX + "pdf_memory"] = default


def _check_epub_name(app: Sphinx) -> None:
    """The EPUB's name is Sphinx's setting, but the book's conf.py copies the PDF's name
    into it: a path there wrote the EPUB outside the output folder while the warning said
    the default name was used. It must be a file name too; else the PDF's (checked) name."""
    config = app.config
    if not is_file_name(str(config.epub_basename)):
        warn(
            Check.CONFIG,
            f"epub_basename must be a file name (letters, digits, '.', '_' and '-', not starting with a dot, "
            f"at most {MAX_FILE_NAME_BYTES} bytes), "
            f"not {config.epub_basename!r}: it names the file the EPUB build writes; using "
            f"{config[PREFIX + 'pdf_basename']!r}",
            assigned_at(app, "epub_basename"),
        )
        config.epub_basename = config[PREFIX + "pdf_basename"]


def setup_config(app: Sphinx) -> None:
    """Register every setting, with its type and meaning, and check the choices once read."""
    for setting in dataclasses.fields(BriefingConfig):
        app.add_config_value(
            PREFIX + setting.name,
            setting.default,
            setting.metadata["rebuild"],
            types=frozenset(setting.metadata["types"] or {type(setting.default)}),
            description=setting.metadata["doc"],
        )
    app.connect("config-inited", check_choices)
    app.connect("config-inited", check_epoch)
