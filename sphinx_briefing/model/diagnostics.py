"""One place for the extension's warnings: the catalogue of checks, and how each is said.

Every problem is a Sphinx warning of type ``briefing`` with a subtype naming the
check (``briefing.misquote``, ``briefing.unplaced`` ...), from the :class:`Check`
catalogue below, so that every check speaks the same way and the README can list
them all. Under ``-W`` the build fails, and ``suppress_warnings`` can silence one
check by name if ever needed (``suppress_warnings = ["briefing.judgment"]``).

A warning is said once per place: the same check, at the same file and line, with the
same words, is one warning however often the text repeats it (one line of 40,000
"Jan." gave 40,000 identical warnings, a 14 MB log). The same mistake on another line
or page is still reported there. The filter, :class:`OncePerPlace`, lives for one build
(:mod:`.lasting_warnings` attaches it when reading starts and removes it at the end).
"""

from __future__ import annotations

import enum
import logging as std_logging
import unicodedata
from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.logging import get_node_location

logger = logging.getLogger("sphinx_briefing")

WARNING_TYPE = "briefing"

Location = nodes.Node | tuple[str, int | None] | str | None


class Check(enum.Enum):
    """Every ``briefing.*`` warning, with what it means. The value is the subtype."""

    def __init__(self, subtype: str, meaning: str) -> None:
        self.subtype = subtype
        self.meaning = meaning

    # the sources of record
    SOURCE = ("source", "a source file cannot be used (header, encoding, hidden characters, not a regular file)")
    UNKNOWN_SOURCE = ("unknown-source", "an address names a source id that no file in the source folder has")
    UNKNOWN_PARAGRAPH = ("unknown-paragraph", "an address names a paragraph the source does not have")
    ADDRESS = (
        "address",
        "a paragraph address cannot be read (write 12, 3-5 or source-id:4), or a bare number on a page that places two sources",
    )
    UNRESOLVED_CITE = (
        "unresolved-cite",
        "a citation has nothing to link to: no page prints its source with {source-annex}",
    )
    # the split
    UNPLACED = ("unplaced", "a paragraph of a source is placed in no chapter and not excluded")
    PLACED_TWICE = ("placed-twice", "a paragraph is placed (or excluded) more than once")
    PRINTED_TWICE = (
        "printed-twice",
        "a source's annex, a generated page (who's who, timeline, key figures, coverage) or the list of sources is printed twice, or tables of contents list a page or an address twice, the page itself, or in a circle",
    )
    EXCLUDE_REASON = ("exclude-reason", "an exclusion gives no visible reason")
    CONDITIONAL_PLACEMENT = (
        "conditional-placement",
        "a placement, exclusion or record sits inside {only}, so some outputs lack it",
    )
    HIDDEN_CONTENT = (
        "hidden-content",
        "a class that hides text on the web (sd-d-none, only-dark …) or fixes its colour (sd-text-white …) is set on part of a page the PDF prints",
    )
    # quotations
    MISQUOTE = ("misquote", "a quotation is not the cited paragraph's words, or its cuts change a negation")
    UNCITED_QUOTE = ("uncited-quote", "a quotation has no citation in its block to check it against")
    UNCLOSED_QUOTE = ("unclosed-quote", "a quotation mark is not paired in its paragraph, list item or cell")
    QUOTE_MARKUP = ("quote-markup", "a quotation holds a link that prints words the check cannot see")
    QUOTATION_COUNT = (
        "quotation-count",
        "a paragraph, list item or cell holds more quotations (100), or a quotation more cuts (20), than the checks weigh",
    )
    UNQUOTED_COPY = (
        "unquoted-copy",
        "ten or more of a cited paragraph's words, in its order, stand outside quotation marks",
    )
    QUOTED_NARRATION = (
        "quoted-narration",
        "a quotation gives the reporter's own narration as someone's words, and the sentence does not name the article",
    )
    # meaning
    UNATTRIBUTED = ("unattributed", "a sentence uses someone's statement or view without naming them")
    UNSURE_SPEAKER = (
        "unsure-speaker",
        "a sentence rests on a source sentence whose speaker the parser could only guess; settle it in the source header",
    )
    MISATTRIBUTED = ("misattributed", "a sentence gives a speaker's quoted words to someone else")
    UNSUPPORTED_NUMBER = (
        "unsupported-number",
        "a number, amount or year is in no cited paragraph and not marked {inferred}",
    )
    LOOKALIKE_DIGIT = (
        "lookalike-digit",
        "a number is written with a letter that looks like a digit (O for 0, l for 1), which the checks read as the digit",
    )
    RELATIVE_DATE = ("relative-date", "a relative date (last month, In January) stands without the year it resolves to")
    JUDGMENT = ("judgment", "a forecast or confidence word stands outside an assessment box")
    ASSESSMENT_CONFIDENCE = ("assessment-confidence", "an assessment box gives no confidence level")
    # records
    RECORD_ID = ("record-id", "a record id is not lower-case letters, digits and '-'")
    RECORD_CITE = ("record-cite", "a record has no :cite: option")
    RECORD_FIELD = ("record-field", "a record lacks a field its kind needs")
    DUPLICATE_ID = ("duplicate-id", "a record id is declared more than once")
    UNKNOWN_RECORD = ("unknown-record", "a reference names a record id that no page declares")
    PERSON_NAME = ("person-name", "a person's :name: has a word that no paragraph the person cites writes")
    FIGURE_VALUE = (
        "figure-value",
        "a key figure's value is not written, as a whole figure, in a paragraph it cites, or does not say what it counts",
    )
    FIGURE_MEASURE = (
        "figure-measure",
        "a key figure's :measures: shares no word with the sentence of the source that gives its value",
    )
    EVENT_DATE = ("event-date", "an event's :date: is not YYYY, YYYY-MM or YYYY/YYYY")
    EVENT_WHEN = ("event-when", "an event's :when: shows a year other than its :date:")
    UNSUPPORTED_DATE = (
        "unsupported-date",
        "an event's year or month is in no cited paragraph and the event has no :inferred:",
    )
    # glossary and marks
    UNUSED_TERM = ("unused-term", "a glossary term is defined but never used")
    GLOSSARY_KEY = (
        "glossary-key",
        "a glossary term carries an index key (term : key), which the general index prints unchecked",
    )
    MARKER_TARGET = ("marker-target", "an {inferred} or {background} mark does not say where its reasoning is")
    BOOK_FACT = ("book-fact", "{book} names a setting the book does not have")
    CONFIG = ("config", "a setting has a value the extension does not know")
    DRAFT = (
        "draft",
        "a draft mark, or a word that says text is unfinished (TODO, FIXME, TBD, XXX, [DRAFT]), "
        "is left in a build with briefing_release set",
    )
    # untrusted content
    ENCODING = ("encoding", "a page is not valid UTF-8")
    HIDDEN_CHARACTER = (
        "hidden-character",
        "a page holds a NUL, a bidirectional control or an invisible word splitter that hides, reorders or splits text",
    )
    RAW_MARKUP = ("raw-markup", "raw HTML (or another raw format) in a page or record")
    OPTION_MARKUP = ("option-markup", "a record option holds a role, which an option prints as written")
    BROKEN_PICTURE = ("broken-picture", "a picture cannot be decoded: a damaged or truncated file")
    ACTIVE_PDF = ("active-pdf", "a PDF download runs JavaScript, launches, submits, embeds or calls out by itself")
    ACTIVE_DOWNLOAD = ("active-download", "a CSV download holds a cell a spreadsheet runs as a formula")
    RECORD_FILE = ("record-file", "a record body holds an image or download, which the generated pages cannot publish")
    FILE_INSERTION = ("file-insertion", "{include} or {literalinclude}: the book reads no file by name")
    OUTSIDE_FILE = ("outside-file", "an image, download or page is a URL or resolves outside the project")
    UNSAFE_LINK = ("unsafe-link", "a link uses a scheme other than http, https, mailto or tel")
    PATH_LINK = ("path-link", "a link names a file by its path, which no check resolves, instead of a cross-reference")
    CODE = ("code", "inline code or a code block in a book that does not enable code (briefing_code)")
    LINE_RANGE = ("line-range", "a code block's :emphasize-lines: names a line past the block's last")
    HEADING_COUNT = (
        "heading-count",
        "a page has more headings than a briefing page holds (1,000), or a heading, or a table of contents' caption or entry text, longer than one (300 letters)",
    )
    UNCLOSED = (
        "unclosed",
        "a fenced block is never closed, or a directive opens inside another with a fence as long as the outer one's, so the block takes in what follows",
    )
    UNREAD_ROLE = (
        "unread-role",
        "a role MyST could not read (empty, or its backticks unpaired) is printed as written",
    )
    DEEP_NESTING = (
        "deep-nesting",
        "lists, block quotes or directives nested deeper than the parser keeps, so text would be cut",
    )
    PASSAGE_LENGTH = (
        "passage-length",
        "a paragraph, list item or table cell too long to read or check (over 20,000 characters)",
    )
    CITED_LENGTH = (
        "cited-length",
        "a paragraph, list item or table cell cites more source text than a statement rests on (over 100,000 characters)",
    )
    STACKED_MARKS = ("stacked-marks", "a character carries more combining marks than a letter needs")
    FRONT_MATTER = (
        "front-matter",
        "a page's front matter sets more than orphan, tocdepth, nocomments or nosearch (MyST options, html_meta, substitutions)",
    )
    REFUSED_SYNTAX = (
        "refused-syntax",
        "a directive, role or MyST extension outside the book's allowlist (math, meta, role, another domain's …)",
    )
    DEEP_REST = (
        "deep-rest",
        "reST or a line block (in {eval-rst}, {line-block} or an .rst page) nested deeper than 20 levels, blank, or with a line longer than docutils reads (10,000 characters)",
    )
    SPECIAL_FILE = (
        "special-file",
        "an image or download is a symlink, a FIFO, a device or anything but a regular file",
    )
    PRIVATE_FILE = (
        "private-file",
        "an image, download or page is not the book's own file (a dot-folder, _build, the outputs, an excluded path; an image or download git does not track, a page git ignores)",
    )
    FILE_TYPE = ("file-type", "an image or download is of a type a briefing does not publish (.html, .xhtml, .js …)")
    UNSAFE_SVG = (
        "unsafe-svg",
        "an SVG holds a script, an event handler, foreignObject, animation or an outside reference",
    )
    HEADING_DOWNLOAD = ("heading-download", "a {download} stands in a heading")
    COMMITTED_BUILD = (
        "committed-build",
        "the output or doctree folder holds files committed to the repository; the build stops before reading them",
    )
    GIT_UNREADABLE = (
        "git-unreadable",
        "the book is in a git checkout that git cannot read (git missing, a checkout another user owns); the build stops",
    )
    PICTURE_SIZE = (
        "picture-size",
        "a picture has more pixels than a briefing publishes (40 million), or a size that fits no page (a width over 100%, a length over 10,000 pixels, a scale over 1,000%)",
    )
    PAGE_NAME = (
        "page-name",
        "a page's, picture's or download's file name holds a character no EPUB or Windows file name may hold (double quotes, *, :, <, >, ?, backslash, bar, controls), or a page has a name the build writes itself (`genindex`, `search`, `nav`, a root folder starting with `_`)",
    )
    # print
    PDF = ("pdf", "Typst reported a problem while printing the PDF")
    PDF_NODE = ("pdf-node", "the PDF has no rendering for a node; its text is printed plain")
    PDF_LINK = ("pdf-link", "a link cannot be followed on paper, or points outside the book")
    PDF_IMAGE = (
        "pdf-image",
        "an image is not in the project, or not a picture the PDF can print (a link, a FIFO, damaged, too large, an SVG past the 10 MB the PDF draws in all); the PDF prints its description",
    )
    READAHEAD_LENGTH = ("readahead-length", "the read-ahead runs over one printed page")
    READAHEAD_MISSING = ("readahead-missing", "the read-ahead document named in the settings does not exist")
    PDF_TEXT = (
        "pdf-text",
        "text the PDF cannot print as written: a noncharacter, a letter under more than 8 combining marks, a list number past 2⁶³",
    )


def warn(check: Check, message: str, location: Location, **kwargs: Any) -> None:
    """Emit a typed warning that names the file and line of the problem; whatever text of the
    book's the message quotes, no control character reaches the log raw (see :func:`excerpt`)."""
    message = "\n".join("".join(_visible(char) for char in line) for line in message.split("\n"))
    logger.warning(message, type=WARNING_TYPE, subtype=check.subtype, location=_with_line(location), **kwargs)


def excerpt(text: str, limit: int = 80) -> str:
    """A message's view of some text: on one line, cut to ``limit`` characters with "…", and
    with every control or format character shown as its code (``<U+001B>``): printed raw, an
    escape sequence in a page would retitle or clear the terminal of whoever reads the log,
    and a right-to-left override would reorder the message."""
    text = "".join(_visible(char) for char in " ".join(text[: limit * 8].split()))  # bounded: a text may be long
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _visible(char: str) -> str:
    return f"<U+{ord(char):04X}>" if unicodedata.category(char) in ("Cc", "Cf") else char


def _with_line(location: Location) -> Location:
    """A node some directive left without a line (a dropdown's title) is located at its
    nearest ancestor that has one, so the warning still names a line."""
    node = location
    while isinstance(node, nodes.Node) and not node.line and node.parent is not None:
        node = node.parent
    return node


class OncePerPlace(std_logging.Filter):
    """Lets through the first of identical warnings at one place (check, file and line, words)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[tuple[object, ...]] = set()

    def filter(self, record: std_logging.LogRecord) -> bool:
        if getattr(record, "briefing_once", False):
            return True  # let through once already: Sphinx replays held records through the logger
        location = getattr(record, "location", None)
        place = get_node_location(location) if isinstance(location, nodes.Node) else location
        key = (getattr(record, "subtype", None), str(place), record.getMessage())
        if key in self.seen:
            return False
        self.seen.add(key)
        record.briefing_once = True
        return True
