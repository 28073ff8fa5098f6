"""The prose checks on a small book: quotations in every container, attribution, numbers, judgments.

``test-checks`` builds clean. Each case changes one thing in it and must produce
the named ``briefing.*`` warning, in ``index.md``, on the line where the change
stands (or where the record that holds it is declared, or, for a table cell, where
the table starts). Every case fails if its
check is removed, because the clean root produces no warning at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docutils import nodes

from sphinx_briefing.checks.copying import copied
from sphinx_briefing.checks.numbers import quantities
from sphinx_briefing.checks.prose import Passage, Sentence
from sphinx_briefing.text.addressing import Span
from sphinx_briefing.text.sentences import split
from sphinx_briefing.text.sources import load_source
from sphinx_briefing.text.speakers import name_forms, names

from .harness import THIS_BOOK, build, line_of


def test_the_clean_root_builds_without_warnings(make_app, project) -> None:
    assert build(make_app, project("checks")) == []


# (old text, new text, expected subtype, text whose line the warning names[, other subtypes allowed])
CASES: dict[str, tuple[str, ...]] = {
    # a changed word in a quotation, in every container
    "misquote in chapter text": (
        'Ann Lee said trust is "a very, very difficult',
        'Ann Lee said trust is "a very, very hard',
        "briefing.misquote",
        "Ann Lee said trust",
    ),
    "misquote in a heading": (
        '## Lee on trust: "a very, very difficult',
        '## Lee on trust: "a very, very hard',
        "briefing.misquote",
        "## Lee on trust",
    ),
    "misquote in an admonition": (
        'Lee says trust is "a very, very difficult',
        'Lee says trust is "a very, very hard',
        "briefing.misquote",
        "Lee says trust is",
    ),
    "misquote in a list": (
        '- Lee calls trust "a very, very difficult',
        '- Lee calls trust "a very, very hard',
        "briefing.misquote",
        "- Lee calls trust",
    ),
    # MyST gives table rows no lines of their own: a cell's warning names the table's first line.
    "misquote in a table": (
        '| Ann Lee | "a very, very difficult',
        '| Ann Lee | "a very, very hard',
        "briefing.misquote",
        "| Who | Said |",
    ),
    "misquote in a card": (
        'Lee: trust is "a very, very difficult',
        'Lee: trust is "a very, very hard',
        "briefing.misquote",
        "Lee: trust is",
    ),
    "misquote in a footnote": (
        '[^lee]: Lee said it is "a very, very difficult',
        '[^lee]: Lee said it is "a very, very hard',
        "briefing.misquote",
        "[^lee]: Lee said",
    ),
    "misquote in a person body": (
        'She says trust is "a very, very difficult',
        'She says trust is "a very, very hard',
        "briefing.misquote",
        "She says trust is",
    ),
    "misquote in an event body": (
        '"12 new schools in the city centre"',
        '"12 new schools in the town centre"',
        "briefing.misquote",
        "12 new schools in the town centre",
    ),
    "misquote in a key-figure body": (
        'gives "$40 million on training"',
        'gives "$40 million on teaching"',
        "briefing.misquote",
        'gives "$40 million on teaching"',
    ),
    "misquote in a glossary definition": (
        'spent "$40 million on training"',
        'spent "$40 million on teaching"',
        "briefing.misquote",
        'spent "$40 million on teaching"',
    ),
    "misquote in a record option": (
        ":title: The mayor opens 12 new schools",
        ':title: The mayor opens "12 new colleges"',
        "briefing.misquote",
        "```{event} schools",
    ),
    # every quotation style, quotations split across blocks, links and negations inside them
    "misquote in single quotation marks": (
        '- Lee calls trust "a very, very difficult thing to build"',
        "- Lee calls trust ‘a very, very hard thing to build’",
        "briefing.misquote",
        "- Lee calls trust",
    ),
    "misquote in guillemets": (
        '- Lee calls trust "a very, very difficult thing to build"',
        "- Lee calls trust «a very, very hard thing to build»",
        "briefing.misquote",
        "- Lee calls trust",
    ),
    "misquote nested in a quotation": (
        '- Lee calls trust "a very, very difficult thing to build"',
        "- Lee calls trust “what she called ‘a very, very hard thing’”",
        "briefing.misquote",
        "- Lee calls trust",
    ),
    "quotation split across paragraphs": (
        "Lee spoke about trust.[^lee]",
        'Lee said "a very, very difficult\n\nthing to build", said Lee {cite}`2`.[^lee]',
        "briefing.unclosed-quote",
        'Lee said "a very',
    ),
    "link inside a quotation": (
        '- Lee calls trust "a very, very difficult thing to build"',
        '- Lee calls trust "a very, very difficult {ref}`method`"',
        "briefing.quote-markup",
        "- Lee calls trust",
    ),
    "cut that drops a negation": (
        'She says trust is "a very, very difficult thing to build"',
        'She says "It is … easy to repair"',
        "briefing.misquote",
        'She says "It is',
    ),
    "insertion that adds a negation": (
        'She says trust is "a very, very difficult thing to build"',
        'She says "Trust is [not] a very, very difficult thing"',
        "briefing.misquote",
        'She says "Trust is',
    ),
    # an attributed statistic or view stated without its speaker
    "statistic without its source": (
        "According to the newspaper Gazette, the agency spent",
        "The agency spent",
        "briefing.unattributed",
        "The agency spent",
    ),
    "view without its speaker": (
        "The mayor opened 12 new schools in 2016 {cite}`3`.",
        "The new schools will need more teachers from abroad {cite}`3`.",
        "briefing.unattributed",
        "will need more teachers",
        "briefing.judgment",
    ),
    "quotation without its speaker": ("Ann Lee said trust is", "Trust is", "briefing.unattributed", 'Trust is "a very'),
    "view in a glossary definition": (
        "The city's mayor opened 12 new schools {cite}`3`.",
        "Schools that will need 300 more teachers {cite}`3`.",
        "briefing.unattributed",
        "need 300 more teachers",
        "briefing.judgment",
    ),
    "figure in a key-figure option": (
        ":measures: Training spending, according to the newspaper Gazette",
        ":measures: Training spending",
        "briefing.unattributed",
        "```{key-figure} budget",
    ),
    "the article's words quoted as someone else's": (
        "The article says the mayor opened",
        "The mayor said he opened",
        "briefing.unattributed",
        "The mayor said he opened",
        "briefing.quoted-narration",
    ),
    # the source's own wording, ten words or more, outside quotation marks
    "source's words without quotation marks": (
        "Lee spoke about trust.",
        "The mayor opened 12 new schools in the city centre in 2016 {cite}`3`.",
        "briefing.unquoted-copy",
        "The mayor opened 12 new schools in the city",
    ),
    "source's words in an event title": (
        ":title: The mayor opens 12 new schools",
        ":title: The mayor opened 12 new schools in the city centre in 2016",
        "briefing.unquoted-copy",
        "```{event} schools",
    ),
    # a relative date left unresolved
    "month without a year": (
        "Lee spoke about trust.",
        "In January, Lee spoke about trust.",
        "briefing.relative-date",
        "In January, Lee",
    ),
    "last summer": (
        "Lee spoke about trust.",
        "Lee spoke about trust last summer.",
        "briefing.relative-date",
        "Lee spoke about trust last",
    ),
    # a year or an amount the cited paragraphs do not give, unmarked
    "year not in the cited paragraph": (
        "12 new schools in 2016 {cite}",
        "12 new schools in 2017 {cite}",
        "briefing.unsupported-number",
        "12 new schools in 2017",
    ),
    "amount not in the cited paragraph": (
        "the agency spent $40 million from",
        "the agency spent $4 million from",
        "briefing.unsupported-number",
        "spent $4 million",
    ),
    "amount matched only in part": (
        "the agency spent $40 million from",
        "the agency spent $40 from",
        "briefing.unsupported-number",
        "spent $40 from",
    ),
    "a number with letters written onto it": (
        "12 new schools in 2016 {cite}",
        "12 new schools in 2016, 7777x the plan {cite}",
        "briefing.unsupported-number",
        "12 new schools in 2016, 7777x",
    ),
    "an ordinal not in the cited paragraph": (
        "12 new schools in 2016 {cite}",
        "12 new schools in 2016, its 6666th {cite}",
        "briefing.unsupported-number",
        "12 new schools in 2016, its",
    ),
    "a number written as one Roman numeral character": (
        "12 new schools in 2016 {cite}",
        "Ⅻ new schools in 2016 {cite}",
        "briefing.unsupported-number",
        "Ⅻ new schools",
    ),
    "a vulgar fraction": (
        "12 new schools in 2016 {cite}",
        "12 new schools in 2016, ½ of them {cite}",
        "briefing.unsupported-number",
        "12 new schools in 2016, ½",
    ),
    "a number in scientific notation": (
        "12 new schools in 2016 {cite}",
        "12 new schools in 2016 for 8888e5 pupils {cite}",
        "briefing.unsupported-number",
        "12 new schools in 2016 for",
    ),
    "inferred mark removed": (
        "{inferred}`the year after 2015 <method>`",
        "2016",
        "briefing.unsupported-number",
        "The schools opened in 2016",
    ),
    "number in an event title": (
        ":title: The mayor opens 12 new schools",
        ":title: The mayor opens 13 new schools",
        "briefing.unsupported-number",
        "```{event} schools",
    ),
    # records: ids, whole figures, the date a reader sees
    "record id that is not a plain name": (
        "```{person} lee",
        "```{person} Lee<b>",
        "briefing.record-id",
        "```{person} Lee<b>",
    ),
    "figure value matched only in part": (
        ":value: $40 million",
        ":value: $4",
        "briefing.figure-value",
        "```{key-figure} budget",
    ),
    "event shown with another year": (
        ":date: 2016\n",
        ":date: 2016\n:when: 1905\n",
        "briefing.event-when",
        "```{event} schools",
        "briefing.unsupported-number",
    ),
    # a forecast or a confidence level outside an assessment box
    "forecast outside an assessment": (
        "Lee spoke about trust.",
        "Lee will likely speak about trust.",
        "briefing.judgment",
        "Lee will likely speak",
    ),
    "confidence level outside an assessment": (
        "Lee spoke about trust.",
        "Lee spoke about trust (high confidence).",
        "briefing.judgment",
        "Lee spoke about trust (high",
    ),
    "assessment without a confidence level": (
        "{admonition} Assessment (moderate confidence)",
        "{admonition} Assessment",
        "briefing.assessment-confidence",
        "{admonition} Assessment",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_change_fails_with_its_subtype_on_its_line(make_app, project, case: str) -> None:
    old, new, subtype, where, *also = CASES[case]

    def edit(text: str | None) -> str:
        assert text is not None and text.count(old) == 1, f"{old!r} must occur once in the root"
        return text.replace(old, new)

    srcdir = project("checks", **{"index.md": edit})
    found = build(make_app, srcdir)
    expected = line_of(srcdir / "index.md", where)
    assert any(w.subtype == subtype and w.path.endswith("index.md") and w.line == expected for w in found), (
        f"expected {subtype} at index.md:{expected}; got {found}"
    )
    assert {w.subtype for w in found} <= {subtype, *also}, found


#: Changes that add no claim the checks should weigh; each must build clean.
CLEAN_CHANGES = {
    "a link label that the reader never sees": [
        ("## Lee on trust", "(likely-2019)=\n## Lee on trust"),
        ("Lee spoke about trust.", "Lee spoke about trust; see {ref}`likely-2019`."),
    ],
    "the cite role by its domain name": [
        ('difficult thing to build" {cite}`2`.\n\nThe mayor', 'difficult thing to build" {brief:cite}`2`.\n\nThe mayor')
    ],
    "a number spelled with hundred": [
        ("Lee spoke about trust.", "Analysts say the schools will need three hundred more teachers {cite}`3`.")
    ],
    "the source's words in quotation marks": [
        (
            "Lee spoke about trust.",
            'The article says: "The mayor opened 12 new schools in the city centre in 2016" {cite}`3`.',
        )
    ],
    "the source's words in our own": [
        ("Lee spoke about trust.", "In 2016 the mayor opened 12 new schools in the centre of the city {cite}`3`.")
    ],
}


@pytest.mark.parametrize("case", sorted(CLEAN_CHANGES))
def test_words_that_are_not_claims_build_clean(make_app, project, case: str) -> None:
    def edit(text: str | None) -> str:
        assert text is not None
        for old, new in CLEAN_CHANGES[case]:
            assert text.count(old) == 1, f"{old!r} must occur once in the root"
            text = text.replace(old, new)
        return text

    assert build(make_app, project("checks", **{"index.md": edit})) == []


CODE = (
    "Lee spoke about trust.",
    'Lee spoke about trust (set `as_of = "2017-01"` and `pages = 12`).\n\n```\nsaid "a very hard thing" in 1999\n```',
)


def test_code_is_refused_unless_the_book_enables_it(make_app, project) -> None:
    def edit(text: str | None) -> str:
        assert text is not None and text.count(CODE[0]) == 1
        return text.replace(*CODE)

    srcdir = project("checks", **{"index.md": edit})
    found = build(make_app, srcdir)
    inline, block = line_of(srcdir / "index.md", "set `as_of"), line_of(srcdir / "index.md", 'said "a very hard') - 1
    # the two pieces of inline code on one line are one warning there (said once per place)
    assert sorted((w.subtype, w.line) for w in found) == [("briefing.code", inline), ("briefing.code", block)], found


def test_in_enabled_code_nothing_is_a_claim(make_app, project) -> None:
    def edit(text: str | None) -> str:
        assert text is not None
        return text.replace(*CODE)

    srcdir = project("checks", **{"index.md": edit, "conf.py": lambda text: f"{text}\nbriefing_code = True\n"})
    assert build(make_app, srcdir) == []


def test_code_enabled_on_named_pages_is_refused_on_the_others(make_app, project) -> None:
    """Red team H: every book `make new` drafted set briefing_code = True for its method
    page's tables, so inline code anywhere carried invented figures and quotations. A book
    may enable code on the pages it names."""

    def edit(text: str | None) -> str:
        assert text is not None
        return text.replace(*CODE)

    def other(text: str | None) -> str:
        assert text is not None
        return text + "\nThe split is in `split.toml`.\n"

    conf = {"conf.py": lambda text: f'{text}\nbriefing_code = ["other"]\n'}
    srcdir = project("checks", **{"index.md": edit, "other.md": other, **conf})
    found = build(make_app, srcdir)
    assert {(w.subtype, Path(w.path).name) for w in found} == {("briefing.code", "index.md")}, found


# -- the pure parts -----------------------------------------------------------------------


def test_sentences_end_at_stops_but_not_after_abbreviations() -> None:
    text = 'Adm. William Gortney spoke at Fort Bragg, N.C., in the U.S. Army. "Can we?" Yes.'
    assert [text[a:b].strip() for a, b in split(text)] == [
        "Adm. William Gortney spoke at Fort Bragg, N.C., in the U.S. Army.",
        '"Can we?"',
        "Yes.",
    ]


def test_a_hyphenated_name_counts_as_named() -> None:
    assert names("Gabriela Sánchez-Pérez says so.", name_forms("Gabriela Sánchez-Pérez"))
    assert names("Sánchez Pérez says so.", name_forms("Gabriela Sánchez-Pérez"))


def test_a_speaker_is_named_by_surname_without_accents() -> None:
    forms = name_forms("Raul Benitez Manaut")
    assert names("Benítez Manaut warns of nationalism", forms)
    assert names("In the view of benitez-manaut", forms)
    assert not names("A Mexican expert warns", forms)


def test_numbers_are_whole_quantities() -> None:
    given = quantities(
        "It bought more than $1.15 billion worth, including 21 Black Hawk helicopters and seven generals."
    )
    assert [q.text for q in given] == ["$1.15 billion", "21", "seven"]

    def supported(text: str) -> bool:
        return all(any(q.matches(g) for g in given) for q in quantities(text))

    assert supported("$1.15 billion") and supported("21 Black Hawk") and supported("7 generals")
    assert not supported("$1.1") and not supported("5 billion") and not supported("1 Black Hawk")
    assert not supported("9,00") and not supported("$21")


def test_names_and_titles_are_not_copying_but_prose_is(tmp_path: Path) -> None:
    """A run of ten source words is copying only when it holds three ordinary words: a
    name and its title hold fewer, a clause of the reporter's ("the government denied the
    report, and the White House said the") holds three."""
    source = tmp_path / "s.md"
    source.write_text(
        "---\nid: s\ntitle: T\ndateline: X\ndate: '2017'\ndate_basis: Stated.\n---\nT\n\n"
        "Evan Ellis, a professor at the U.S. Army War College in Carlisle, spoke. "
        "The training focused on special tactics and anti-narcotics operations across the country. "
        "Even though the government denied the report and the White House said the comments were light, it hurt.\n",
        encoding="utf-8",
    )
    sources = {"s": load_source(source)}

    def runs(text: str) -> list[str]:
        passage = Passage(nodes.paragraph(), text, scope=[Span("s", 1, 1)])
        return list(copied(Sentence(passage, 0, len(text), []), sources))

    assert runs("We met Evan Ellis, a professor at the U.S. Army War College in Carlisle.") == []
    assert runs("Here the training focused on special tactics and anti-narcotics operations across the country.") == [
        "the training focused on special tactics and anti-narcotics operations across the country"
    ]
    assert runs("Mexico's government denied the report and the White House said the opposite.") == [
        "government denied the report and the White House said the"
    ], "three ordinary words in ten make a clause, not a name"
    assert (
        runs('Here "the training focused on special tactics" and anti-narcotics operations across the country.') == []
    )
    assert runs("Here the training focused on special tactics and operations across the country.") == [
        "the training focused on special tactics and operations across the country"
    ], "a word dropped does not make a copy the book's own"
    uncited = Passage(
        nodes.paragraph(), "The training focused on special tactics and anti-narcotics operations across the country."
    )
    assert list(copied(Sentence(uncited, 0, len(uncited.text), []), sources)) == [], (
        "compared only with the sources cited"
    )


# -- quoted narration, on this book's own article (issue F12) -----------------------------------------

F12 = (
    "Analysts say that working with Mexico to secure its own southern border, with Guatemala, would do more "
    'than a wall "to stem the problem Trump is worried about" {cite}`31`.'
)


def article_book(tmp_path: Path, sentence: str) -> Path:
    """A one-page book on this book's source: the sentence, then every paragraph placed."""

    root = tmp_path / "f12"
    (root / "source").mkdir(parents=True)
    shutil.copy(THIS_BOOK, root / "source")
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_briefing"]\nexclude_patterns = ["source", "_build"]\n', encoding="utf-8"
    )
    (root / "index.md").write_text(
        f"# Quoted narration\n\n{sentence}\n\n```{{source-paragraphs}} 1-32\n```\n\n```{{source-annex}}\n```\n",
        encoding="utf-8",
    )
    return root


@pytest.mark.content
@pytest.mark.parametrize(
    ("sentence", "subtypes"),
    [
        (F12, {"briefing.quoted-narration"}),
        (F12.replace("Analysts say that working", "In the article's words, analysts say that working"), set()),
        (
            'Some of Trump\'s campaign comments cast the government as an economic "moocher" {cite}`9`.',
            {"briefing.quoted-narration", "briefing.unattributed"},
        ),
        ('The article says Trump\'s campaign comments cast the government as an economic "moocher" {cite}`9`.', set()),
    ],
    ids=["F12", "F12 as the article's words", "one word of narration", "one word as the article's"],
)
def test_the_reporters_narration_in_quotation_marks_is_the_articles(
    make_app, tmp_path: Path, sentence: str, subtypes: set[str]
) -> None:
    found = build(make_app, article_book(tmp_path, sentence))
    assert {w.subtype for w in found} == subtypes, found
    assert all(w.line == 3 for w in found), found


@pytest.mark.content
@pytest.mark.parametrize(
    ("sentence", "subtypes"),
    [
        ("Mexico bought 21 Black Hawk helicopters in a year, Kelly said {cite}`24`.", {"briefing.misattributed"}),
        ("Mexico bought 21 Black Hawk helicopters in a year {cite}`24`.", set()),
        ("The article reports that Mexico bought 21 Black Hawk helicopters in a year {cite}`24`.", set()),
        ("Mexico said its public would never agree to armed Americans in the country {cite}`25`.", set()),
    ],
    ids=["narration given to Kelly", "narration as narration", "narration as the article's", "named in the source"],
)
def test_the_articles_narration_is_nobodys_words(make_app, tmp_path: Path, sentence: str, subtypes: set[str]) -> None:
    """Red team: "…, Kelly said" over ¶24's narration published words Kelly never said."""
    found = build(make_app, article_book(tmp_path, sentence))
    assert {w.subtype for w in found} == subtypes, found


ALLIES = "it makes little sense to create enemies out of allies"
QUESTION = "Can we rely on an embittered Mexico to have our backs?"


@pytest.mark.content
@pytest.mark.parametrize(
    ("sentence", "subtypes"),
    [
        (f'Unlike Shirk, "{QUESTION}" Kelly asked {{cite}}`32`.', {"briefing.misattributed"}),
        (f'Unlike Shirk, "{ALLIES}," Kelly warned {{cite}}`32`.', {"briefing.misattributed"}),
        (f'Unlike Shirk, Kelly put it plainly: "{ALLIES}" {{cite}}`32`.', {"briefing.misattributed"}),
        (f'Unlike Shirk, Kelly: "{ALLIES}" {{cite}}`32`.', {"briefing.misattributed"}),
        (f'Where Shirk saw risk, "{ALLIES}" — Kelly {{cite}}`32`.', {"briefing.misattributed"}),
        (f'Unlike Shirk, as Kelly put it, "{ALLIES}" {{cite}}`32`.', {"briefing.misattributed"}),
        (f'Unlike Shirk, "{ALLIES}," in Kelly\'s words {{cite}}`32`.', {"briefing.misattributed"}),
        (f'"{QUESTION}" Shirk asked {{cite}}`32`.', set()),
        (f'"{ALLIES}," Shirk warned {{cite}}`32`.', set()),
        (f'Shirk: "{ALLIES}" {{cite}}`32`.', set()),
        (f'"{ALLIES}" — Shirk {{cite}}`32`.', set()),
        (f'As Shirk put it, "{ALLIES}" {{cite}}`32`.', set()),
        (f'In Shirk\'s words, "{ALLIES}" {{cite}}`32`.', set()),
        (f'Quoted: "{ALLIES}" {{cite}}`32`.', {"briefing.unattributed"}),
        (
            "Wall or no wall, Mexico's cooperation would stay crucial to sharing information, the report said, "
            'and David Shirk asked whether the United States could rely on "an embittered Mexico" {cite}`31-32`.',
            set(),
        ),
    ],
    ids=[
        "asked",
        "warned",
        "put it plainly:",
        "colon",
        "dash",
        "as X put it",
        "in X's words",
        *(f"{form}, the speaker's own" for form in ("asked", "warned", "colon", "dash", "as X put it", "in X's words")),
        "a label before a colon names nobody",
        "narration given to the report, a question to Shirk",
    ],
)
def test_quoted_words_are_given_to_their_speaker_in_every_form_of_tag(
    make_app, tmp_path: Path, sentence: str, subtypes: set[str]
) -> None:
    """Red team AD: Shirk's question "…" Kelly asked, and his words after "Kelly warned",
    "Kelly:", "— Kelly", "as Kelly put it" or "in Kelly's words", were published: only said,
    told, wrote and their kin were read as giving quoted words to someone."""
    found = build(make_app, article_book(tmp_path, sentence))
    assert {w.subtype for w in found} == subtypes, found


# -- judgments and relative dates: the vocabularies -------------------------------------------------

#: ICD 203's expressions of likelihood, each pair as the standard gives it.
ICD_203 = [
    "almost no chance",
    "remote chance",
    "very unlikely",
    "highly improbable",
    "unlikely",
    "improbable",
    "roughly even chance",
    "roughly even odds",
    "likely",
    "probable",
    "very likely",
    "highly probable",
    "almost certain",
    "almost certainly",
    "nearly certain",
]


@pytest.mark.parametrize(
    "words",
    [
        *ICD_203,
        "odds are",
        "in all probability",
        "will",
        "is poised to",
        "won't",
        "is going to",
        "is set to",
        "is doomed",
        # red team AD
        "is sure to",
        "is all but guaranteed that",
        "is destined to",
        "inevitably",
        # red team AE
        "is slated to",
        "looks set to",
        "is on track to",
        "we predict",
        "without doubt",
    ],
)
def test_every_expression_of_likelihood_is_a_judgment(words: str) -> None:
    from sphinx_briefing.checks.judgments import judgments

    text = f"In 2017, {words} Mexico keeps cooperating."
    assert judgments(Passage(nodes.paragraph(), text)), text


@pytest.mark.parametrize(
    "text",
    [
        "Trump insists he will force Mexico to pay.",
        "The article says cooperation will remain crucial.",
        'Kelly warned that "it will be harder".',
        "Benítez Manaut warns the rhetoric will make cooperation harder.",
        "The remote border crossing at Tijuana.",
        "City officials expect the work to take a decade.",
        "Kelly expects the talks to fail.",
        "The work, the article says, is expected to take a decade.",
    ],
)
def test_reported_forecasts_and_quoted_words_are_not_the_books(text: str) -> None:
    from sphinx_briefing.checks.judgments import judgments

    assert judgments(Passage(nodes.paragraph(), text)) == []


@pytest.mark.parametrize("text", ["We expect the talks to fail.", "The work is expected to take a decade."])
def test_an_expectation_nobody_is_named_for_is_the_books(text: str) -> None:
    from sphinx_briefing.checks.judgments import judgments

    assert judgments(Passage(nodes.paragraph(), text)) == ["expect" if text.startswith("We") else "expected"]


def test_will_in_a_dated_events_title_is_that_events_future() -> None:
    from sphinx_briefing.checks.judgments import judgments

    title = nodes.paragraph()
    title["dated"] = True
    assert judgments(Passage(title, "Kelly arrives; no one from the army will meet him")) == []
    assert judgments(Passage(nodes.paragraph(), "Kelly arrives; no one from the army will meet him")) == ["will"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Lee spoke last Tuesday.", ["last Tuesday"]),
        ("Lee spoke on Jan. 5 at the embassy.", ["Jan."]),
        ("Lee spoke a year ago.", ["a year ago"]),
        ("Lee spoke two decades ago.", ["two decades ago"]),
        ("Lee spoke yesterday.", ["yesterday"]),
        ("Lee spoke on Friday.", ["Friday"]),
        ("Lee spoke the past decade.", ["past decade"]),
        ("Lee spoke on Friday, 6 January 2017.", []),
        ("Lee spoke in previous years.", []),
        # red team H
        ("Lee spoke over the weekend.", ["over the weekend"]),
        ("Lee spoke in the fall.", ["in the fall"]),
        # red team AD
        ("Cooperation deepened over the summer.", ["over the summer"]),
        ("Talks went on throughout the winter.", ["throughout the winter"]),
        ("Lee spoke at Christmas.", ["at Christmas"]),
        ("Lee spoke in the summer of 2016.", []),
        ('Lee spoke "a year ago".', []),
        # new-user review: the final year of something named is no date counted from today
        ("Raises come by the last year of the contract.", []),
        ("Lee spoke in the last week of the talks.", []),
        ("Sales fell in the last year.", ["last year"]),
    ],
)
def test_relative_dates_are_found(text: str, found: list[str]) -> None:
    from sphinx_briefing.checks.dates import relative_dates

    passage = Passage(nodes.paragraph(), text)
    assert relative_dates(Sentence(passage, 0, len(text), [])) == found
