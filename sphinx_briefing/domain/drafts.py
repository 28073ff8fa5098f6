"""Draft marks: what is not finished yet is visibly marked, and a release build refuses it.

``sphinx-briefing new`` drafts a whole book from an article: a split, records and
placeholders where an analyst's judgment is needed. Everything it drafts carries
one of two marks, and an analyst may use them too:

- the ``{draft}`` directive, a box titled "Draft" (or "Draft: <title>") around
  drafted content such as records that still need checking;
- the ``{draft}`` role, an inline placeholder printed as "[DRAFT] text".

Both are generic docutils nodes (an admonition; an inline with a strong label and
emphasised text), so every builder prints them with no visitor of its own. The box
carries Furo's ``admonition-todo`` class (its to-do style: grey, a pencil icon and an
upper-case title) and ``bb-draft``, which the PDF design styles.

``briefing_release`` (default False; ``make release`` sets ``-D briefing_release=1``)
turns every remaining mark into a ``briefing.draft`` warning naming its file and
line, so a strict release build fails until each draft is resolved and unmarked. The
words writers leave in plain text for the same purpose (TODO, FIXME, TBD, XXX, a
hand-typed [DRAFT]) are marks too: a release reads every text node of the book's own
words for them, since a mark need not have been made with the role.
The setting is ``env``: changing it reads every page again, so no mark is missed.
"""

from __future__ import annotations

import re
import unicodedata

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..model.diagnostics import Check, excerpt, warn
from ..model.nodes import own_text
from ..model.state import state
from ..model.vocabulary import DRAFT

#: How many draft boxes enclose the directive being read (the page's reading state).
_DRAFT_DEPTH = "briefing_draft_depth"
#: Furo's style for to-do boxes; other themes ignore the class.
TODO_CLASS = "admonition-todo"
LABEL = "[DRAFT]"
#: Words that say, in plain text, that text is unfinished: FIXME, TBD and XXX upper case and
#: whole, as left; "to do" and "[draft]" in any case. Read on the text folded to plain
#: letters (NFKC, no combining marks), so "ＴＯＤＯ" or "TO\u034fDO" is still "TODO".
UNFINISHED = re.compile(r"(?<![\w\[])(?:FIXME|TBD|XXX)(?!\w)|(?i:(?<!\w)to-?do(?!\w)|\[draft\])")
#: What a release does not read for those words: a mark made with the role (flagged
#: already) and text shown as written (code, raw output, comments).
NOT_PROSE = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment)


def in_draft(env: BuildEnvironment) -> bool:
    """Whether the directive being read stands inside a draft box: its content is drafted
    for an analyst to finish, and a release refuses the box whatever it holds."""
    return env.temp_data.get(_DRAFT_DEPTH, 0) > 0


def flag_in_release(env: BuildEnvironment, what: str, location: str | nodes.Node) -> None:
    """In a release build, a draft mark is a warning that names its file and line."""
    if state(env).settings.release:
        warn(
            Check.DRAFT,
            f"{what} is still marked draft; resolve it and remove the mark before release "
            "(this build sets briefing_release)",
            location,
        )


def plain_letters(text: str) -> str:
    """``text`` as plain letters: compatibility forms folded (full-width letters), marks and
    format characters dropped (a grapheme joiner inside "TO͏DO")."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(char for char in folded if unicodedata.category(char) not in ("Mn", "Me", "Cf"))


def flag_unfinished_text(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, in a release: one warning per text node holding a word that says
    the text is unfinished, naming each such word. Linear in the page's text."""
    if not state(app.env).settings.release:
        return
    for text in own_text(doctree, skip=lambda node: isinstance(node, NOT_PROSE) or DRAFT in node["classes"]):
        words = dict.fromkeys(match.group() for match in UNFINISHED.finditer(plain_letters(text.astext())))
        if words:
            flag_in_release(app.env, "the text " + ", ".join(f"“{word}”" for word in words), text.parent)


class DraftDirective(SphinxDirective):
    """``{draft} [title]``: a box around drafted content, titled "Draft" or "Draft: title"."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        title = "Draft" + (f": {self.arguments[0]}" if self.arguments else "")
        box = nodes.admonition(classes=[TODO_CLASS, DRAFT])
        self.set_source_info(box)
        box += nodes.title(title, title)
        depth = self.env.temp_data.get(_DRAFT_DEPTH, 0)
        self.env.temp_data[_DRAFT_DEPTH] = depth + 1
        try:
            box += self.parse_content_to_nodes()
        finally:
            self.env.temp_data[_DRAFT_DEPTH] = depth
        flag_in_release(self.env, f"the box {title!r}", self.get_location())
        return [box]


class DraftRole(SphinxRole):
    """``{draft}`text```: an inline placeholder, printed "[DRAFT] text"."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        mark = nodes.inline(self.rawtext, "", classes=[DRAFT])
        self.set_source_info(mark)
        mark += nodes.strong(LABEL, LABEL)
        mark += nodes.Text(" ")
        mark += nodes.emphasis(self.text, self.text)
        flag_in_release(self.env, f"the placeholder “{excerpt(self.text, 60)}”", self.get_location())
        return [mark], []


def setup_drafts(app: Sphinx) -> None:
    """Register the draft box and the inline placeholder (``briefing_release`` is in :mod:`config`)."""
    app.add_directive("draft", DraftDirective)
    app.add_role("draft", DraftRole())
    app.connect("doctree-read", flag_unfinished_text)
