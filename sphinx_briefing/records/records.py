"""Briefing records: people, events and key figures, each declared once with its sources.

A record directive stores a :class:`model.Record` in the ``brief`` domain, checks
it against the paragraphs it cites (a figure's value must be written there; an
event's date must be there unless an inference note says how it was worked out),
checks its content and every field a reader sees like any prose (a figure's value
is the source's own words, checked whole against them instead), and prints a
compact card where it is declared. The who's who, timeline and key-figures pages are
generated from these records (see :mod:`aggregates`).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx

from ..checks.containment import guard_record_body
from ..checks.dates import MONTHS, YEAR
from ..checks.placement import AddressDirective
from ..checks.quotes import normalise
from ..checks.run import check_record
from ..domain.brief import RecordRole, declaration_anchor
from ..domain.drafts import in_draft
from ..model.diagnostics import Check, excerpt, warn
from ..model.entries import RECORD_KINDS, Record
from ..model.library import failed_ids
from ..model.nodes import cite_link, detached
from ..model.vocabulary import (
    EVENT_DATE,
    IDENTIFYING,
    INFERRED,
    INFERRED_VALUE,
    KF_LABEL,
    KF_META,
    KF_VALUE,
    RECORD,
    RECORD_KIND_CLASS,
)
from ..text.addressing import VALID_ID, Span
from ..text.quantities import Quantity, quantities
from ..text.sentences import content_words, fold
from ..text.sources import Paragraph

#: An event's ``:date:``: a year, a year and month, or a span of years.
_DATE = re.compile(r"^(?P<start>\d{4})(?:-(?P<month>0[1-9]|1[0-2]))?(?:/(?P<end>\d{4}))?$")
#: A number or a month as an inference note writes it: the date and the values it works out.
_WORKED_OUT = re.compile(
    r"(?:US\$|\$|€|£)?\d(?:[\d,.]*\d)?(?:\s+(?:hundred|thousand|million|billion|trillion)\b)?%?"
    rf"|\b(?:{'|'.join(MONTHS)})\b"
)


def cite_nodes(record: Record) -> list[nodes.Node]:
    """Citation links for a record's sources, comma-separated."""
    result: list[nodes.Node] = []
    for index, span in enumerate(record.cites):
        result += [nodes.Text(", ")] if index else []
        result.append(cite_link(span))
    return result


def sort_key(date: str) -> str:
    """A string that sorts events chronologically: 2005 < 2010-01 < 2010/2015."""
    match = _DATE.match(date)
    if not match:
        return date
    return f"{match['start']}-{match['month'] or '00'}-{match['end'] or match['start']}"


def chronological(events: list[Record]) -> list[Record]:
    """Events by date; events on the same date keep their reading order."""
    return sorted(events, key=lambda event: event.sort)


def date_label(date: str) -> str:
    """A reader's form of an ISO-like date: 2017-01 → January 2017, 2010/2015 → 2010–2015."""
    match = _DATE.match(date)
    if not match:
        return date
    if match["end"]:
        return f"{match['start']}–{match['end']}"
    if match["month"]:
        return f"{MONTHS[int(match['month']) - 1]} {match['start']}"
    return match["start"]


#: A word of a name: letters, with the apostrophes and hyphens names hold inside.
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
#: A MyST role, as written: ``{name}`text```.
_ROLE = re.compile(r"\{[\w.:+-]+\}`[^`]*`?")


class RecordDirective(AddressDirective):
    """Common behaviour of record directives: id argument, ``:cite:``, checks, card."""

    kind: ClassVar[str]
    required_arguments = 1
    final_argument_whitespace = False
    has_content = True
    fields: ClassVar[tuple[str, ...]] = ()
    required: ClassVar[tuple[str, ...]] = ()
    #: Options written in the book's own words, checked like any prose.
    prose_fields: ClassVar[tuple[str, ...]] = ()
    #: Prose fields that identify someone in the source's own terms (see :mod:`copying`).
    identifying_fields: ClassVar[tuple[str, ...]] = ()
    #: Prose fields that narrate a dated event, in the event's own tense (see :mod:`judgments`).
    dated_fields: ClassVar[tuple[str, ...]] = ()
    option_spec: ClassVar[dict[str, Any]] = {"cite": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        record_id = self.arguments[0]
        if not VALID_ID.match(record_id):
            warn(
                Check.RECORD_ID,
                f"{RECORD_KINDS[self.kind]} id {record_id!r} must be lower-case letters, digits and '-' "
                "(it becomes a web address and an HTML id)",
                self.get_location(),
            )
            return []
        if not self.options.get("cite"):
            warn(
                Check.RECORD_CITE, f"{RECORD_KINDS[self.kind]} {record_id!r} needs a :cite: option", self.get_location()
            )
            return []
        spans = self.spans(self.options["cite"])
        cited = self.paragraphs(spans)
        record = self.make_record(record_id, spans)
        if failed_ids(self.env).isdisjoint(span.source_id for span in spans):
            self._check_required(record)
            self.check(record, cited)
        named = " ".join([record.label, *record.fields.values()])
        check_record(self.env, record.body, self.option_paragraphs(record), named, spans)
        self.domain().note(record)
        card = self.card(record)
        # Inside the card: the entry repeats the record's title, which its fields' checks read.
        card.insert(0, self._index(record))
        return [card]

    def make_record(self, record_id: str, spans: list[Span]) -> Record:
        body = detached(nodes.container("", *self.parse_content_to_nodes()))
        guard_record_body(body)
        options = {name: self.options.get(name, "").strip() for name in self.fields}
        self._check_plain(options)
        title, label, sort = self.describe(record_id, options)
        docname, lineno = self.here()
        return Record(docname, lineno, self.kind, record_id, tuple(spans), title, label, options, body, sort)

    def describe(self, record_id: str, options: dict[str, str]) -> tuple[str, str, str]:
        """(title, label, sort key) of a record of this kind; may complete ``options``."""
        raise NotImplementedError

    def _check_plain(self, options: dict[str, str]) -> None:
        """An option is plain text: a role written there ({draft}`…`, {cite}`…`) is printed as
        its characters, so a placeholder would reach readers and escape the release check."""
        for name, value in options.items():
            role = _ROLE.search(value)
            if role:
                warn(
                    Check.OPTION_MARKUP,
                    f"{RECORD_KINDS[self.kind]} option :{name}: holds the role {excerpt(role.group(), 60)!r}, which an option "
                    "prints as written; write plain words there (citations go in :cite:, placeholders in the content)",
                    self.get_location(),
                )

    def _check_required(self, record: Record) -> None:
        for name in self.required:
            if not record.option(name):
                warn(Check.RECORD_FIELD, f"{RECORD_KINDS[self.kind]} {record.id!r} needs :{name}:", self.get_location())

    def check(self, record: Record, cited: list[Paragraph]) -> None:
        """Kind-specific checks against the cited paragraphs."""

    def option_paragraphs(self, record: Record) -> list[nodes.paragraph]:
        """The prose options as paragraphs located at the directive, for the prose checks."""
        result = []
        for name in self.prose_fields:
            if record.option(name):
                para = nodes.paragraph("", "", self.option_text(record, name))
                if name in self.identifying_fields:
                    para["classes"].append(IDENTIFYING)
                para["dated"] = name in self.dated_fields
                self.set_source_info(para)
                result.append(para)
        return result

    def option_text(self, record: Record, name: str) -> nodes.Node:
        return nodes.Text(record.option(name))

    def card(self, record: Record) -> nodes.Element:
        raise NotImplementedError

    def _index(self, record: Record) -> addnodes.index:
        anchor = declaration_anchor(self.kind, record.id)
        entry = ("single", f"{record.title}; {RECORD_KINDS[self.kind]}", anchor, "", None)
        return addnodes.index(entries=[entry])

    def box(self, record: Record) -> nodes.container:
        anchor = declaration_anchor(self.kind, record.id)
        box = nodes.container(classes=[RECORD, RECORD_KIND_CLASS[self.kind]], ids=[anchor])
        self.set_source_info(box)
        return box


def _options(names: tuple[str, ...]) -> dict[str, Any]:
    return {**RecordDirective.option_spec, **dict.fromkeys(names, directives.unchanged)}


class PersonDirective(RecordDirective):
    """A person, named as the source names them; the content is what they said."""

    kind = "person"
    fields = ("name", "role", "affiliation", "dates")
    required = ("name", "role")
    prose_fields = ("name", "role", "affiliation", "dates")
    identifying_fields = ("name", "role", "affiliation")
    option_spec = _options(fields)

    def describe(self, record_id: str, options: dict[str, str]) -> tuple[str, str, str]:
        name = options["name"] or record_id
        return name, name, ""

    def check(self, record: Record, cited: list[Paragraph]) -> None:
        """A person is named as the source names them: every word of the name (a nickname
        in brackets included, accents aside) is written in a paragraph the record cites, so
        a name the source never gives cannot reach the who's who."""
        missing = unwritten_words(record.option("name"), cited)
        if missing:
            warn(
                Check.PERSON_NAME,
                f"person {record.id!r}: {', '.join(repr(word) for word in missing)} of the name "
                f"{record.option('name')!r} is written in none of the cited paragraph(s) "
                f"{', '.join(p.label for p in cited) or '(none)'}; name the person as the source does, "
                "and cite a paragraph that names them",
                self.get_location(),
            )

    def card(self, record: Record) -> nodes.Element:
        box = self.box(record)
        para = nodes.paragraph()
        para += nodes.strong(record.title, record.title)
        para += nodes.Text(f" — {person_details(record)} ")
        para += cite_nodes(record)
        box += para
        return box


def unwritten_words(name: str, cited: list[Paragraph]) -> list[str]:
    """The words of ``name`` that no cited paragraph writes as a whole word, accents and
    case aside. Linear in the paragraphs' length for each word."""
    written = set(_WORD.findall(fold(" ".join(paragraph.display_text for paragraph in cited))))
    return [word for word in dict.fromkeys(_WORD.findall(name)) if fold(word) not in written]


def person_details(person: Record) -> str:
    """Role, affiliation and dates, as one line."""
    return ", ".join(filter(None, [person.option("role"), person.option("affiliation"), person.option("dates")]))


class EventDirective(RecordDirective):
    """A dated event; the date is checked against the cited paragraphs."""

    kind = "event"
    fields = ("date", "when", "title", "inferred")
    required = ("title", "date")
    prose_fields = ("title", "when", "inferred")
    dated_fields = ("title", "when")
    option_spec = _options(fields)

    def describe(self, record_id: str, options: dict[str, str]) -> tuple[str, str, str]:
        options["when"] = options["when"] or date_label(options["date"])
        title = options["title"] or record_id
        return title, title, sort_key(options["date"])

    def option_text(self, record: Record, name: str) -> nodes.Node:
        """An inferred event's date label is explained by its ``:inferred:`` note, and the
        numbers of the note are the values it works out; its other words are prose."""
        if name == "when" and record.option("inferred"):
            return nodes.inline("", record.option(name), classes=[INFERRED_VALUE])
        if name == "inferred":
            return worked_out(record.option(name))
        return super().option_text(record, name)

    def check(self, record: Record, cited: list[Paragraph]) -> None:
        date = record.option("date")
        match = _DATE.match(date)
        if date and not match:
            warn(
                Check.EVENT_DATE,
                f"event {record.id!r}: date {date!r} must be YYYY, YYYY-MM or YYYY/YYYY",
                self.get_location(),
            )
        elif match and match["end"] and match["end"] < match["start"]:
            warn(
                Check.EVENT_DATE,
                f"event {record.id!r}: date {date!r} ends before it starts; write the earlier year first",
                self.get_location(),
            )
        elif match:
            self._check_when(record, match)
            if not record.option("inferred"):
                self._check_support(record, match, " ".join(p.text for p in cited))

    def _check_when(self, record: Record, match: re.Match[str]) -> None:
        """The date a reader sees (``:when:``) shows the years of the date the timeline sorts by."""
        years = {year for year in (match["start"], match["end"]) if year}
        shown = set(YEAR.findall(record.option("when")))
        if shown - years or not shown:
            warn(
                Check.EVENT_WHEN,
                f"event {record.id!r}: :when: {record.option('when')!r} shows a year other than its :date: "
                f"{record.option('date')!r}; the timeline would print one date and sort by another",
                self.get_location(),
            )

    def _check_support(self, record: Record, match: re.Match[str], text: str) -> None:
        wanted = [year for year in (match["start"], match["end"]) if year]
        if match["month"]:
            wanted.append(MONTHS[int(match["month"]) - 1])
        missing = [token for token in wanted if not re.search(rf"\b{token}\b", text)]
        if missing:
            warn(
                Check.UNSUPPORTED_DATE,
                f"event {record.id!r}: {', '.join(missing)} does not appear in the cited paragraph(s); "
                "cite the paragraph that gives the date or explain it with :inferred:",
                self.get_location(),
            )

    def card(self, record: Record) -> nodes.Element:
        box = self.box(record)
        para = nodes.paragraph()
        para += nodes.strong(record.option("when"), record.option("when"), classes=[EVENT_DATE])
        para += nodes.Text(f" {record.title} ")
        para += cite_nodes(record)
        box += para
        if record.option("inferred"):
            box += nodes.paragraph("", f"Date inferred: {record.option('inferred')}", classes=[INFERRED])
        box += body_copy(record, self.env.current_document.docname)
        return box


class KeyFigureDirective(RecordDirective):
    """A number the source reports, written exactly as the source writes it."""

    kind = "key-figure"
    fields = ("value", "unit", "measures", "period")
    required = ("value", "measures")
    prose_fields = ("unit", "measures", "period")
    option_spec = _options(fields)

    def describe(self, record_id: str, options: dict[str, str]) -> tuple[str, str, str]:
        return f"{options['value']} — {options['measures']}".strip(" —"), options["value"] or record_id, ""

    def check(self, record: Record, cited: list[Paragraph]) -> None:
        """The value is the source's, whole; it says what it counts; and what the figure
        measures is what the sentence giving it is about (a "21" measuring marines once
        passed on the 21 helicopters of the same paragraph). A figure drafted in a draft box
        is measured by the analyst who finishes it: its placeholder measure is not checked."""
        value = record.option("value")
        if not value:
            return
        giving = [sentence.text for p in cited for sentence in p.sentences if written_in(value, sentence.text)]
        if not giving and not any(written_in(value, p.display_text) for p in cited):
            self._warn_value(
                record,
                f"is not written in the cited paragraph(s) {_labels(cited)} as a whole figure"
                f"{figure_hint(value, cited)}",
            )
        elif bare_number(value):
            self._warn_value(
                record,
                "is a bare number; write what it counts, as the paragraph does "
                f"({excerpt(giving[0] if giving else cited[0].display_text, 90)!r})",
            )
        elif (
            giving
            and not in_draft(self.env)
            and not content_words(record.option("measures")) & content_words(" ".join(giving))
        ):
            warn(
                Check.FIGURE_MEASURE,
                f"key figure {record.id!r}: :measures: {record.option('measures')!r} shares no word with the "
                f"sentence that gives {value!r} ({excerpt(giving[0], 90)!r}); say what the source counts",
                self.get_location(),
            )

    def _warn_value(self, record: Record, problem: str) -> None:
        warn(
            Check.FIGURE_VALUE,
            f"key figure {record.id!r}: value {record.option('value')!r} {problem}",
            self.get_location(),
        )

    def card(self, record: Record) -> nodes.Element:
        box = self.box(record)
        box += figure_card_body(record)
        box += body_copy(record, self.env.current_document.docname)
        return box


def worked_out(note: str) -> nodes.inline:
    """An inference note with each of its numbers and months marked as worked out: the
    note is where a relative date is resolved, so it names the month it reasons about."""
    text = nodes.inline()
    position = 0
    for match in _WORKED_OUT.finditer(note):
        text += nodes.Text(note[position : match.start()])
        text += nodes.inline("", match.group(), classes=[INFERRED_VALUE])
        position = match.end()
    text += nodes.Text(note[position:])
    return text


def body_copy(record: Record, docname: str) -> list[nodes.Node]:
    """A copy of a record's content, its references resolved from ``docname``. The content
    is always printed on the record's generated page (who's who, timeline, key figures);
    event and figure cards print it where they are declared too, while a person's card
    only names them, since the chapter around it says what they said."""
    copies = [child.deepcopy() for child in record.body.children]
    for copy in copies:
        for xref in copy.findall(addnodes.pending_xref):
            xref["refdoc"] = docname
    return copies


def _labels(cited: list[Paragraph]) -> str:
    return ", ".join(p.label for p in cited) or "(none)"


def bare_number(value: str) -> bool:
    """A value that is numbers alone ("21", "more than 21"): no unit, no word for what it counts."""
    text = normalise(value)
    found = quantities(text)
    if not found or any(quantity.unit or quantity.tally for quantity in found):
        return False  # "6-3" says it is a vote or a score
    for quantity in reversed(found):
        before = text[: quantity.start].rstrip()
        text = before.removesuffix(quantity.hedge) + text[quantity.end :]
    return not re.search(r"[^\W\d_]", text)


def written_in(value: str, text: str) -> bool:
    """True when ``value`` stands in ``text`` as whole words and whole quantities:
    "$1.15 billion" is written in "more than $1.15 billion worth"; "5 billion",
    "$1.1", "9,00" and "1 Black Hawk" are not, though their characters are; nor is
    "$40" in "$40 million", "80 percent" in "between 70 and 80 percent", or a number
    the paragraph retracts ("not 1.5 million").

    Complexity: O(len(text) + m·q) for m places the value's words stand and q quantities
    in the value, each looked up by where it starts.
    """
    wanted, written = normalise(value), normalise(text)
    given = {found.start: found for found in quantities(written)}
    for match in re.finditer(rf"(?<![\w.,$]){re.escape(wanted)}(?![\w]|[.,]\d)", written):
        if all(_same_quantity(own, given.get(match.start() + own.start), match.start()) for own in quantities(wanted)):
            return True
    return False


def _same_quantity(own: Quantity, found: Quantity | None, offset: int) -> bool:
    """``found`` (the paragraph's) is ``own`` (the value's), whole: same span, range, unit and scale."""
    return (
        found is not None
        and not found.retracted
        and found.end == offset + own.end
        and (found.low, found.high, found.key) == (own.low, own.high, own.key)
    )


def figure_hint(value: str, cited: list[Paragraph]) -> str:
    """Where a cited paragraph gives the value's number as part of a larger quantity, or retracts it."""
    numbers = {end for own in quantities(normalise(value)) for end in (own.low, own.high)} - {None}
    for paragraph in cited:
        for found in paragraph.figures:
            if {found.low, found.high} & numbers:
                verb = "retracts" if found.retracted else "gives"
                return f"; {paragraph.label} {verb} “{found.text}”: write the whole quantity, as the paragraph does"
    return ""


def figure_card_body(record: Record) -> list[nodes.Node]:
    """Value, what it measures, period and sources: shared by the card and the key-figures page."""
    value = nodes.paragraph("", "", nodes.Text(record.option("value")), classes=[KF_VALUE])
    label = nodes.paragraph("", record.option("measures"), classes=[KF_LABEL])
    meta = nodes.paragraph(classes=[KF_META])
    meta += nodes.Text(" · ".join(filter(None, [record.option("unit"), record.option("period")])) + " ")
    meta += cite_nodes(record)
    return [value, label, meta]


#: The record directives; their ``fields`` are also the columns of the data export.
RECORD_DIRECTIVES: tuple[type[RecordDirective], ...] = (PersonDirective, EventDirective, KeyFigureDirective)


def setup_records(app: Sphinx) -> None:
    """The three record directives, and a plain role for each kind (``{person}`kelly```)."""
    for directive in RECORD_DIRECTIVES:
        app.add_directive(directive.kind, directive)
        app.add_role(directive.kind, RecordRole(warn_dangling=True))
