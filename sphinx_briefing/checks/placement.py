"""The split: placing source paragraphs in chapters, excluding them, and the annex.

Chapters never retype the source. ``source-paragraphs`` prints the verbatim text
of the paragraphs it names; ``source-exclude`` records why a paragraph is left out;
``source-annex`` prints every paragraph with a stable anchor that citations target.
After all pages are read, every paragraph must be placed exactly once or excluded.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..domain.brief import BriefingDomain, briefing_domain
from ..model.diagnostics import Check, warn
from ..model.entries import AggregatePage, AnnexPage, Exclusion, Placement
from ..model.library import address_spans, load_all, use_paragraphs, use_source
from ..model.nodes import aggregate_placeholder, cite_link
from ..model.vocabulary import (
    ANNEX,
    ANNEX_HEADLINE,
    ANNEX_PARAGRAPH,
    EXCLUSIONS,
    PNUM,
    SOURCE_LIST,
    SOURCE_META,
    SOURCE_PARAGRAPH,
    SOURCE_PASSAGE,
    SPEAKERS,
    VERBATIM,
)
from ..text.addressing import Span
from ..text.characters import visible
from ..text.sources import Paragraph, Source
from ..text.speakers import Sentence as SourceSentence


class AddressDirective(SphinxDirective):
    """Shared parsing of a paragraph address argument into existing paragraphs."""

    required_arguments = 1
    final_argument_whitespace = True

    def domain(self) -> BriefingDomain:
        return briefing_domain(self.env)

    def spans(self, address: str) -> list[Span]:
        """The spans named by an address; a malformed address is a warning."""
        return address_spans(self.env, address, self.get_location(), "bad paragraph address") or []

    def paragraphs(self, spans: list[Span]) -> list[Paragraph]:
        """The existing paragraphs of the spans; the page now depends on their source."""
        found: list[Paragraph] = []
        for span in spans:
            found += use_paragraphs(self.env, span, self.get_location())
        return found

    def here(self) -> tuple[str, int]:
        """(docname, line) of this directive, as every domain entry records it."""
        return self.env.current_document.docname, self.lineno


class SourceParagraphs(AddressDirective):
    """Place source paragraphs in a chapter, printing their verbatim text."""

    def run(self) -> list[nodes.Node]:
        paragraphs = self.paragraphs(self.spans(self.arguments[0]))
        if not paragraphs:
            return []
        # support_smartquotes=False: Sphinx's smart quotes would turn the source's "…" into “…”,
        # -- into a dash and ... into an ellipsis; verbatim text keeps the source's characters.
        quote = nodes.block_quote(classes=[SOURCE_PASSAGE, VERBATIM], support_smartquotes=False)
        self.set_source_info(quote)
        for paragraph in paragraphs:
            if self.domain().place(Placement(*self.here(), paragraph.source_id, paragraph.number)):
                quote += _verbatim_paragraph(paragraph)
        return [quote] if quote.children else []


def _verbatim_paragraph(paragraph: Paragraph) -> nodes.paragraph:
    """One placed paragraph: its number (a link to the annex) and its exact text."""
    para = nodes.paragraph(classes=[SOURCE_PARAGRAPH])
    para += paragraph_link(paragraph)
    para += nodes.Text(" " + paragraph.display_text)
    return para


def paragraph_link(paragraph: Paragraph) -> nodes.Element:
    """``¶N``, linked to the paragraph in the annex."""
    return cite_link(Span(paragraph.source_id, paragraph.number, paragraph.number))


class SourceExclude(AddressDirective):
    """Leave paragraphs out of the chapters, with the reason written as content."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        reason = " ".join(self.content).strip()
        if not visible(reason) or not any(char.isalnum() for char in reason):
            # a reason is words: "." or "* *" left a paragraph out with nothing said (red team H)
            warn(
                Check.EXCLUDE_REASON,
                "source-exclude needs a written reason, in words, as its content",
                self.get_location(),
            )
            return []
        excluded = self.paragraphs(self.spans(self.arguments[0]))
        for paragraph in excluded:
            self.domain().note(Exclusion(*self.here(), paragraph.source_id, paragraph.number, reason))
        if not excluded:
            return []
        # the reason once, after the runs of paragraphs: a reason for each paragraph printed
        # it 2,000 times for a ten-character range
        line = nodes.paragraph(classes=[EXCLUSIONS])
        for index, run in enumerate(_consecutive(excluded)):
            line += [nodes.Text(", ")] if index else []
            line += cite_link(run)
        line += nodes.Text(f" excluded: {reason}")
        return [line]


def _consecutive(paragraphs: list[Paragraph]) -> list[Span]:
    """Paragraphs as runs of consecutive numbers of one source: 1, 2, 3, 7 → ¶1–3, ¶7."""
    runs: list[Span] = []
    for paragraph in paragraphs:
        last = runs[-1] if runs else None
        if last and last.source_id == paragraph.source_id and paragraph.number == last.last + 1:
            runs[-1] = Span(last.source_id, last.first, paragraph.number)
        else:
            runs.append(Span(paragraph.source_id, paragraph.number, paragraph.number))
    return runs


class SourceAnnex(SphinxDirective):
    """Print a source in full: metadata, then every paragraph with its anchor."""

    optional_arguments = 1
    option_spec = {"class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        wanted = self.arguments or sorted(load_all(self.env)[0])
        result: list[nodes.Node] = []
        for source_id in wanted:
            source = use_source(self.env, source_id, self.get_location())
            if source is None:
                continue
            page = AnnexPage(self.env.current_document.docname, self.lineno, source.id)
            if briefing_domain(self.env).prints(page):
                result.append(self._render(source))
        return result

    def _render(self, source: Source) -> nodes.container:
        box = nodes.container(classes=[ANNEX, *self.options.get("class", [])], ids=[f"source-{source.id}"])
        box += nodes.rubric(
            source.headline, source.headline, classes=[ANNEX_HEADLINE, VERBATIM], support_smartquotes=False
        )
        box += _metadata_list(source)
        for paragraph in source.paragraphs:
            box += _annex_paragraph(paragraph)
        return box


class SourceList(SphinxDirective):
    """``{source-list}``: the book's sources, one line each (headline, dateline, date), so
    a page that describes the sources is generated from them, never typed by hand."""

    def run(self) -> list[nodes.Node]:
        page = AggregatePage(self.env.current_document.docname, self.lineno, "source-list")
        if not briefing_domain(self.env).prints(page):
            return []  # each copy listed every source again (red team P)
        items = nodes.bullet_list(classes=[SOURCE_LIST])
        for source in load_all(self.env)[0].values():
            self.env.note_dependency(str(source.path))
            line = nodes.paragraph()
            line += nodes.emphasis(source.headline, source.headline)
            facts = ", ".join(
                filter(
                    None,
                    [
                        source.meta.get("kind", ""),
                        source.meta["dateline"],
                        source.meta.get("date_label") or source.meta["date"],
                    ],
                )
            )
            line += nodes.Text(f" ({facts})")
            items += nodes.list_item("", line)
        return [items]


def _metadata_list(source: Source) -> nodes.field_list:
    """The source's metadata as printed above its text."""
    fields = nodes.field_list(classes=[SOURCE_META, VERBATIM], support_smartquotes=False)
    for name, value in source.meta.items():
        if name == "title":
            continue
        label = name.replace("_", " ").capitalize()
        fields += nodes.field("", nodes.field_name(label, label), nodes.field_body("", nodes.paragraph(value, value)))
    return fields


def _annex_paragraph(paragraph: Paragraph) -> nodes.container:
    """A numbered, linkable paragraph; the anchor is what every citation targets.

    Under it: who speaks in each of its sentences, numbered as the source header's
    ``attribution`` numbers them (what the attribution check expects the book to name),
    then where the book places and cites it.
    """
    box = nodes.container(classes=[ANNEX_PARAGRAPH, VERBATIM], ids=[paragraph.anchor], support_smartquotes=False)
    para = nodes.paragraph()
    para += nodes.strong(paragraph.label, paragraph.label, classes=[PNUM])
    para += nodes.Text(" " + paragraph.display_text)
    box += para
    if paragraph.sentences:
        box += _who_speaks(paragraph)
    box += coverage_placeholder(paragraph)
    return box


#: How many words of a sentence the annex shows to say which sentence a number is.
OPENING_WORDS = 5


def _who_speaks(paragraph: Paragraph) -> nodes.paragraph:
    """ "Who speaks: ¶24.1 “In what the then-head…”: the article, quoting William Gortney; …":
    each sentence's number, its opening words and its speaker, in words (a guess says so),
    so the header can be written from the page; sentences in a row with one voice share an
    entry ("¶7.2–3")."""
    line = nodes.paragraph(classes=[SPEAKERS])
    line += nodes.Text("Who speaks: ")
    for index, (first, last) in enumerate(_runs(paragraph.sentences)):
        if index:
            line += nodes.Text("; ")
        number = f"{paragraph.label}.{first.number}" + (f"–{last.number}" if last is not first else "")
        line += nodes.strong(number, number)
        words = first.text.split()
        opening = " ".join(words[:OPENING_WORDS]) + ("…" if len(words) > OPENING_WORDS else "")
        line += nodes.Text(f" “{opening.strip(chr(34) + '“”')}”: {_speaker_label(first)}")
        if first.unsure:
            note = f"a guess ({first.voice.basis}): settle it in the source header"
            line += nodes.Text(" ")
            line += nodes.emphasis(note, note)
    return line


def _runs(sentences: tuple[SourceSentence, ...]) -> list[tuple[SourceSentence, SourceSentence]]:
    """Consecutive sentences with the same voice and quotations, as (first, last) pairs."""
    runs: list[tuple[SourceSentence, SourceSentence]] = []
    for sentence in sentences:
        if runs and not sentence.unsure and _same_voice(runs[-1][1], sentence):
            runs[-1] = (runs[-1][0], sentence)
        else:
            runs.append((sentence, sentence))
    return runs


def _same_voice(one: SourceSentence, other: SourceSentence) -> bool:
    return (one.view, set(one.quotes), one.unsure) == (other.view, set(other.quotes), other.unsure)


#: How the annex calls each kind of speaker that is not a person.
_KIND_WORDS = {"anonymous": "unnamed source", "institution": "institution"}


def _speaker_label(sentence: SourceSentence) -> str:
    """The sentence's speakers in words: "the article", "Milenio (institution)", "the article,
    quoting William Gortney"."""
    view = (
        "; ".join(
            name
            + (
                f" ({_KIND_WORDS[sentence.voice.kind]})"
                if name == sentence.voice.name and sentence.voice.kind in _KIND_WORDS
                else ""
            )
            for name in sentence.view
        )
        or "the article"
    )
    quoted = [name for names in sentence.quotes for name in names if name not in sentence.view]
    return view + (f", quoting {'; '.join(dict.fromkeys(quoted))}" if quoted else "")


def coverage_placeholder(paragraph: Paragraph) -> nodes.Element:
    """Filled late with where the paragraph is placed and cited (see aggregates)."""
    return aggregate_placeholder(kind="paragraph-coverage", source=paragraph.source_id, number=paragraph.number)


def check_coverage(app: object, env: BuildEnvironment) -> None:
    """Every paragraph of every source is placed exactly once or excluded with a reason."""
    domain = briefing_domain(env)
    uses: dict[tuple[str, int], list[Placement]] = defaultdict(list)
    for use in domain.in_reading_order(itertools.chain(domain.placements(), domain.exclusions())):
        uses[use.source_id, use.number].append(use)  # sorted once: each list keeps reading order
    reached = domain.reading_order()
    for source in load_all(env)[0].values():
        for paragraph in source.paragraphs:
            found = uses.get((source.id, paragraph.number), [])
            _check_paragraph(env, source, paragraph, found)
            _check_reached(env, source, paragraph, found, reached)


def _check_reached(
    env: BuildEnvironment, source: Source, paragraph: Paragraph, uses: list[Placement], reached: dict[str, int]
) -> None:
    """A paragraph placed only on a page no table of contents reaches is missing from the
    PDF and the EPUB, which print the book in its reading order (red team H: the web
    build was green, and the PDF blamed only the links to that page)."""
    placed = [use for use in uses if not isinstance(use, Exclusion)]
    if placed and not any(use.docname in reached for use in uses):
        warn(
            Check.UNPLACED,
            f"{paragraph.label} of source {source.id!r} is placed only on {env.doc2path(placed[0].docname)}, "
            "a page no table of contents reaches, so the PDF and EPUB leave it out: list the page in a "
            "toctree, or place the paragraph in a chapter",
            (placed[0].docname, placed[0].lineno),
        )


def _check_paragraph(env: BuildEnvironment, source: Source, paragraph: Paragraph, uses: list[Placement]) -> None:
    """Placed once, or excluded once; a second use names the first in reading order."""
    if not uses:
        warn(
            Check.UNPLACED,
            f"{paragraph.label} of source {source.id!r} is placed in no chapter and not excluded "
            f"(text: {paragraph.display_text[:60]!r}…)",
            f"{source.path}:{paragraph.line}",
        )
        return
    first, *later = uses
    for use in later:
        warn(
            Check.PLACED_TWICE,
            f"{paragraph.label} of source {source.id!r} is already "
            f"{'excluded' if isinstance(first, Exclusion) else 'placed'} at "
            f"{env.doc2path(first.docname)}:{first.lineno}",
            (use.docname, use.lineno),
        )


def setup_placement(app: Sphinx) -> None:
    """The split's directives, and the whole-book check that every paragraph has one home."""
    app.add_directive("source-paragraphs", SourceParagraphs)
    app.add_directive("source-exclude", SourceExclude)
    app.add_directive("source-annex", SourceAnnex)
    app.add_directive("source-list", SourceList)
    app.connect("env-check-consistency", check_coverage)
