"""`sphinx-briefing new`: each heuristic on small texts, then a whole book built strictly.

The unit tests pin what each heuristic finds and what it must not: a year is no key
figure, a dateline is no acronym, a pronoun tag is resolved only where the parser
found no speaker. The end-to-end tests (``book``) scaffold the article in
``tests/fixtures/harbor-patrol.txt`` (written for these tests; not the Mexico
article) into a temporary folder, build it as HTML, PDF and EPUB with ``-W`` and
expect no warning at all, and expect a release build to fail naming every draft mark.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_briefing import booktests
from sphinx_briefing.scaffold import cli
from sphinx_briefing.scaffold.article import (
    ArticleError,
    compose,
    dateline,
    parse,
    read_article,
    source_id,
)
from sphinx_briefing.scaffold.book import compress, draft_book, short_id
from sphinx_briefing.scaffold.dating import date_evidence
from sphinx_briefing.scaffold.extract import Figure, extract
from sphinx_briefing.scaffold.render import destination
from sphinx_briefing.scaffold.split import load_lexicon
from sphinx_briefing.scaffold.verify import Problem, record_blocks, refused
from sphinx_briefing.scaffold.voices import person_name
from sphinx_briefing.text.sources import UNKNOWN_DATE

from .book import sphinx_build
from .new_books import ARTICLE, PIN, REPO, source_of, write

STRICT = ["-W", "--keep-going", "-n", "-q"]


# -- the article and its header ---------------------------------------------------------


def test_source_id_is_the_headline_in_plain_letters_cut_at_a_word() -> None:
    assert source_id("Peña Nieto's visit: “cancelled”") == "pena-nieto-s-visit-cancelled"
    long = source_id(" ".join(["cooperation"] * 12))
    assert len(long) <= 80 and long.endswith("cooperation")
    assert source_id("¿¡!?") == "article"


def test_the_default_id_is_a_few_telling_words_of_the_headline() -> None:
    assert (
        short_id("Harbor patrol pact pays off, but a fight over its budget threatens it, officials warn")
        == "harbor-patrol-pact"
    )
    assert short_id("The end of the road for a new bridge") == "end-road-bridge"
    assert short_id("A the of") == "a-the-of"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("WASHINGTON — When Stephen Kelly arrived", "WASHINGTON"),
        ("MEXICO CITY -- The army said", "MEXICO CITY"),
        ("SAN DIEGO, Calif. — A port", "SAN DIEGO, Calif."),
        ("When the war began — in 2004 — nobody", "not stated"),
        ("The mayor said so.", "not stated"),
    ],
)
def test_dateline_is_the_capitalised_place_before_the_dash(paragraph: str, expected: str) -> None:
    assert dateline(paragraph) == expected


def test_related_story_lines_are_found(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "Head\n\nOne.\n\n[Another story, $21.6 billion]\n\nTwo [not a link].\n"))
    assert [(aside.number, aside.kind) for aside in article.asides] == [(2, "related")]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("Head line\n\nA paragraph.\n".encode("utf-16"), "UTF-16"),
        (bytes(range(256)) * 20, "not UTF-8 text"),
    ],
)
def test_an_article_in_another_encoding_is_told_so(tmp_path: Path, data: bytes, words: str) -> None:
    """A UTF-16 file with a good headline, or a binary file, was told it had no headline."""
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert words in str(caught.value) and "headline" not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "the article is empty"),
        ("\n\n   \n", 1, "the article is empty"),
        ("\n\nA headline\nthat runs on\n\nA paragraph.\n", 3, "no headline"),
        ("Only a headline\n", 2, "no paragraph after it"),
        ("Head\n\nFine.\n\nBad \xff byte.\n", 5, "not valid UTF-8"),
        ("Head\n\nHidden \u202e here.\n", 3, "U+202E"),
    ],
)
def test_bad_articles_are_refused_with_their_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(text.encode("utf-8", "surrogateescape") if "\xff" not in text else text.encode("latin-1"))
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert caught.value.line == line and words in str(caught.value) and str(caught.value).startswith(f"{path}:{line}:")


def test_an_article_saved_with_a_byte_order_mark_is_read_without_it(tmp_path: Path) -> None:
    """Red team AB: Notepad's byte-order mark stood before the headline, and the article was
    refused because the headline "must equal the title field", a field the user never wrote."""
    path = tmp_path / "notepad.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"Headline here\r\n\r\nA paragraph, the county said.\r\n")
    article = read_article(path)
    assert article.headline == "Headline here" and not article.body.startswith(codecs.BOM_UTF8)


def test_the_source_of_record_is_the_article_byte_for_byte_after_its_header(tmp_path: Path) -> None:
    body = "Headline “quoted”\r\n\r\nWASHINGTON — A paragraph.\r\n\r\n\r\nAnother.".encode()
    raw = compose({"id": "x", "title": 'Headline "quoted"'}, {"2.1": "Ann Lee"}, body)
    assert raw.endswith(b"\n---\n" + body)
    assert b'title: "Headline \\"quoted\\""' in raw and b'"2.1": "Ann Lee"' in raw


# -- the date ---------------------------------------------------------------------------


def test_a_span_after_a_year_gives_the_latest_year() -> None:
    evidence = date_evidence(
        [(1, "Kelly arrived in 2004."), (3, "Thirteen years later, they cooperate."), (9, "In 2015 it ended.")]
    )
    assert (evidence.date, evidence.short) == ("2017", "2017")
    assert all(f"aragraph {number}" in evidence.basis for number in (1, 3, 9)), (
        "the basis names every paragraph it rests on"
    )
    assert '"Thirteen years later" after 2004' in evidence.basis and "off by one" in evidence.basis


def test_a_deadline_is_no_evidence_of_the_date() -> None:
    assert date_evidence([(1, "It began in 2019 and must be ready by 2024, or until 2030 at most.")]).date == "2019"


@pytest.mark.parametrize(
    "horizon",
    ["stretches past the summer of 2027", "runs through 2030", "lasts beyond the end of 2026", "by the end of 2028"],
)
def test_a_horizon_is_no_evidence_of_the_date(horizon: str) -> None:
    """New-user review: "the relief money stretches past the summer of 2027", a forecast,
    dated a new book "2027 or later"."""
    assert (
        date_evidence([(1, f"The vote came in 2025. Nobody thinks the money {horizon}, an official said.")]).date
        == "2025"
    )


def test_explicit_years_alone_give_that_year_or_later() -> None:
    evidence = date_evidence([(1, "It opened in 2012 for $2,019 and cost $2015 in 2019.")])
    assert (evidence.date, evidence.short) == ("2019", "2019 or later")
    assert evidence.best is not None and evidence.best.anchor is None


@pytest.mark.parametrize(
    ("span", "year"),
    [
        ("A decade later", "2010"),
        ("Two decades later", "2020"),
        ("5 years later", "2005"),
        ("Many years later", "2000"),
    ],
)
def test_spans_in_words_digits_and_decades(span: str, year: str) -> None:
    assert date_evidence([(1, "It began in 2000."), (2, f"{span}, it grew.")]).date == year


def test_no_year_means_an_unknown_date_the_parser_accepts(tmp_path: Path) -> None:
    evidence = date_evidence([(1, "Last month the council met."), (2, "It will meet again next year.")])
    assert evidence.date == UNKNOWN_DATE and "gives no evidence" in evidence.basis
    article = read_article(write(tmp_path, "Head\n\nLast month the council met.\n"))
    header = {"id": "t", "title": "Head", "dateline": "-", "date": evidence.date, "date_basis": evidence.basis}
    assert parse(article.path, header, {}, article.body).meta["date"] == UNKNOWN_DATE


# -- who speaks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("When Maria Okafor", "Maria Okafor"),
        ("Navy Adm. William Gortney", "William Gortney"),
        ("Health Secretary Priya Shah", "Priya Shah"),
        ("Pieter de Vries", "Pieter de Vries"),
        ("White House", None),
        ("Westbrook University", None),
        ("Mexican newspaper Milenio", None),
        ("Kelly", None),
    ],
)
def test_person_names(phrase: str, name: str | None) -> None:
    assert person_name(phrase) == name


# -- records ----------------------------------------------------------------------------


def test_people_with_role_affiliation_and_one_quotation(tmp_path: Path) -> None:
    source = source_of(
        tmp_path,
        '"Everyone likes the results, and nobody wants the bill," said Daniel Reyes, a professor at Westbrook University.',
        '"Trust is slow to build," said David Shirk of the Justice in Mexico initiative.',
        "The cut is bad, analysts say.",
        '"You don\'t save money by going blind," Park said. The mayor, Helen Park, spoke at noon.',
    )
    people = {person.name: person for person in extract(source, set()).people}
    assert set(people) == {"Daniel Reyes", "David Shirk", "Helen Park"}
    assert (people["Daniel Reyes"].role, people["Daniel Reyes"].affiliation) == ("A professor", "Westbrook University")
    assert people["Daniel Reyes"].quote.words == "Everyone likes the results, and nobody wants the bill"
    assert people["David Shirk"].affiliation == "Justice in Mexico initiative"
    assert (people["Helen Park"].role, people["Helen Park"].cites) == ("The mayor", (4,))


def test_key_figures_are_amounts_percentages_and_counts_as_written(tmp_path: Path) -> None:
    source = source_of(
        tmp_path,
        "It was created in 2012 with a budget of $4.5 million and a staff of 38 analysts.",
        "Seizures rose by 40 percent, and 21 Black Hawk helicopters and seven senior army generals came.",
        "Thirteen years later, a 100-fold increase followed in 2015; 3 of them left.",
        "It evacuated 212 people over 19 hours, for £40m and €2.5bn.",
    )
    figures = extract(source, set()).figures
    assert [(f.paragraph, f.value) for f in figures] == [
        (1, "$4.5 million"),
        (1, "38 analysts"),
        (2, "40 percent"),
        (2, "21 Black Hawk helicopters"),
        (2, "seven senior army generals"),
        (4, "212 people"),
        (4, "19 hours"),
        (4, "£40m"),
        (4, "€2.5bn"),
    ]
    assert all(
        re.search(rf"(?<![\w$]){re.escape(f.value)}(?!\w)", source.paragraphs[f.paragraph - 1].display_text)
        for f in figures
    )


def test_a_figure_in_someones_words_names_them(tmp_path: Path) -> None:
    source = source_of(tmp_path, "The Pentagon spent $60 million, according to an analysis by the newspaper Gazette.")
    (figure,) = extract(source, set()).figures
    assert figure.speaker == "Gazette"


def test_events_from_years_and_ranges_with_their_clause(tmp_path: Path) -> None:
    source = source_of(
        tmp_path,
        "When Kelly arrived in Mexico City in 2004, nobody met him.",
        "He served from 2004 to 2006, and in 2004 he left once; in 1999-2001 he studied.",
        "It cost $2015 and 2,019 people came.",
    )
    events = extract(source, set()).events
    assert [(e.paragraph, e.date) for e in events] == [(1, "2004"), (2, "2004/2006"), (2, "2004"), (2, "1999/2001")]
    assert events[0].quote == "When Kelly arrived in Mexico City in 2004"


def test_glossary_terms_from_acronyms_and_known_as(tmp_path: Path) -> None:
    source = source_of(
        tmp_path,
        "WASHINGTON — The Joint Harbor Security Office (JHSO) met NATO officials after World War II.",
        "The JHSO, known as Harbor Watch, grew.",
    )
    terms = [(t.term, t.expansion, t.paragraph) for t in extract(source, set()).terms]
    assert terms == [("JHSO", "Joint Harbor Security Office", 1), ("NATO", "", 1), ("Harbor Watch", "", 2)]


def test_excluded_paragraphs_give_no_records(tmp_path: Path) -> None:
    source = source_of(tmp_path, "Fine.", "[Wall to cost $21.6 billion in 2020, says Ann Lee]")
    assert extract(source, {2}) == extract(source_of(tmp_path, "Fine."), set())


# -- the split (tests/test_drafting.py) -----------------------------------------------------


# -- the draft, its files and its verification -------------------------------------------


def test_compressed_addresses_skip_excluded_paragraphs() -> None:
    assert compress([1, 2, 3, 5, 7, 8]) == "1-3, 5, 7-8"


def test_template_names_become_file_names() -> None:
    assert destination("dot-ci/run.tmpl") == ".ci/run"
    assert destination("docs/method.md.tmpl") == "docs/method.md"
    assert destination("dot-readthedocs.yaml.tmpl") == ".readthedocs.yaml"


def test_warnings_inside_a_record_or_glossary_entry_name_it(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "c.md"
    page.parent.mkdir()
    page.write_text(
        "# C\n\n```{key-figure} fig-1\n:value: $1\n:cite: 1\n```\n\n```{glossary}\nJHSO\n   Short for it.\n\nPSA\n   Other.\n```\n",
        encoding="utf-8",
    )
    assert record_blocks(tmp_path)[page.resolve()] == [(3, 6, "fig-1"), (9, 10, "term:JHSO"), (12, 13, "term:PSA")]
    assert record_blocks(tmp_path)[(tmp_path / "index.md").resolve()] == [(1, 1, "title")]
    problems = [
        Problem(page.resolve(), 4, "bad value"),
        Problem(page.resolve(), 13, "bad term"),
        Problem(page.resolve(), 1, "title"),
    ]
    keys, others = refused(problems, tmp_path)
    assert keys == {"fig-1": "a warning", "term:PSA": "a warning"} and [p.message for p in others] == ["title"]
    named = [Problem(page.resolve(), 4, "bad value [briefing.wrong-figure]")]
    assert refused(named, tmp_path)[0] == {"fig-1": "briefing.wrong-figure"}


def test_dest_that_exists_and_is_not_empty_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "book" / "keep.txt").parent.mkdir()
    (tmp_path / "book" / "keep.txt").write_text("mine", encoding="utf-8")
    assert cli.main(["new", "--toolkit", PIN, str(ARTICLE), str(tmp_path / "book")]) == 2
    assert "exists and is not an empty folder" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "book").iterdir()] == ["keep.txt"]


def test_a_bad_article_is_reported_with_file_and_line_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = write(tmp_path, "A headline\nthat runs on\n\nText.\n")
    assert cli.main(["new", "--toolkit", PIN, str(article), str(tmp_path / "book")]) == 2
    assert f"{article}:1: no headline" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


# -- whole books -------------------------------------------------------------------------


def sphinx(book: Path, builder: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return sphinx_build(builder, out / builder, *extra, srcdir=book)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("scaffold") / "book"
    assert cli.main(["new", "--toolkit", PIN, str(ARTICLE), str(dest)]) == 0
    return dest


@pytest.mark.book
def test_the_book_has_every_page_and_file(scaffolded: Path) -> None:
    expected = {
        "conf.py",
        "Makefile",
        "pyproject.toml",
        ".readthedocs.yaml",
        ".ci/run",
        "README.md",
        "tests/test_book.py",
        "index.md",
        "split.toml",
        "constraints.txt",
        "docs/readahead.md",
        "docs/talking-points.md",
        "docs/whos-who.md",
        "docs/timeline.md",
        "docs/key-figures.md",
        "docs/glossary.md",
        "docs/method.md",
        "docs/coverage.md",
        "docs/annex.md",
    }
    files = {str(p.relative_to(scaffolded)) for p in scaffolded.rglob("*") if p.is_file()}
    assert expected <= files
    assert len([f for f in files if f.startswith("source/")]) == 1
    assert (scaffolded / ".ci" / "run").stat().st_mode & 0o111
    assert (scaffolded / "constraints.txt").read_bytes() == (REPO / "constraints.txt").read_bytes()
    (source,) = (scaffolded / "source").glob("*.md")
    assert source.name == "harbor-patrol-pact.md"
    assert source.read_bytes().endswith(b"\n---\n" + ARTICLE.read_bytes())
    assert b'\nlabel: "Harbor"\n' in source.read_bytes()


@pytest.mark.book
def test_the_book_installs_the_toolkit_from_one_immutable_pin_and_holds_no_local_path(scaffolded: Path) -> None:
    """pyproject.toml holds the one pin; the Makefile, CI and Read the Docs install the book
    project (and so the pin) and name no other source of the toolkit, nor any local path."""
    import tomllib

    project = tomllib.loads((scaffolded / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["dependencies"] == [f"sphinx-briefing @ {PIN}"]
    for name in ("Makefile", ".ci/run", ".readthedocs.yaml", "README.md", "conf.py", "pyproject.toml"):
        text = (scaffolded / name).read_text(encoding="utf-8")
        assert str(REPO.resolve()) not in text and str(scaffolded.parent) not in text and "/tmp/" not in text, name
        assert "sphinx-briefing==" not in text, name
    assert '-e ".[test]"' in (scaffolded / "Makefile").read_text(encoding="utf-8")
    assert " git " in (scaffolded / ".ci" / "run").read_text(encoding="utf-8"), "pip needs git to install the pin"


@pytest.mark.book
@pytest.mark.parametrize("builder", ["html", "briefingpdf", "epub"])
def test_the_book_builds_strictly_with_no_warning(scaffolded: Path, tmp_path: Path, builder: str) -> None:
    result = sphinx(scaffolded, builder, tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr


@pytest.mark.book
def test_drafted_records_are_all_declared_and_the_split_places_every_paragraph(
    scaffolded: Path, tmp_path: Path
) -> None:
    import json

    assert sphinx(scaffolded, "html", tmp_path).returncode == 0
    data = tmp_path / "html" / "_data"
    names = {row["name"] for row in json.loads((data / "persons.json").read_text(encoding="utf-8"))}
    assert names == {"Maria Okafor", "Daniel Reyes", "Helen Park", "Samuel Grant", "Lena Moritz"}
    values = {row["value"] for row in json.loads((data / "key_figures.json").read_text(encoding="utf-8"))}
    assert {"$4.5 million", "$11.2 million a year", "40 percent", "25 percent", "1,300 officers"} <= values
    dates = [row["date"] for row in json.loads((data / "events.json").read_text(encoding="utf-8"))]
    assert dates == ["2009", "2012", "2014", "2015", "2018", "2019"]
    coverage = json.loads((data / "coverage.json").read_text(encoding="utf-8"))
    assert [row["paragraph"] for row in coverage if row["excluded"]] == [6, 14]
    assert all(len(row["placed_in"]) == 1 for row in coverage if not row["excluded"])


@pytest.mark.book
def test_a_release_build_fails_naming_every_draft_mark(scaffolded: Path, tmp_path: Path) -> None:
    result = sphinx(scaffolded, "html", tmp_path, "-D", "briefing_release=1")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) > 20
    marks = [re.match(r"^(?P<path>/\S+\.md):(?P<line>\d+): WARNING: .* \[briefing\.draft\]$", line) for line in lines]
    assert all(marks), [line for line, mark in zip(lines, marks) if not mark]
    warned = {(Path(mark["path"]).resolve(), int(mark["line"])) for mark in marks}
    drafted = {
        (page.resolve(), number)
        for page in [scaffolded / "index.md", *scaffolded.glob("docs/**/*.md")]
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1)
        if "{draft}" in line
    }
    assert warned == drafted


def test_what_the_scaffold_guessed_is_marked_for_review(scaffolded: Path) -> None:
    """New-user review: a release passed with a forecast's year as the book's date and a wrong
    speaker beside a read-ahead figure, because neither carried a draft mark. The date's
    reasoning and the read-ahead's figures each do now, so `make release` names them."""
    method = (scaffolded / "docs" / "method.md").read_text(encoding="utf-8")
    dating = method[method.index("(source-date)=") : method.index("(not-news)=")]
    readahead = (scaffolded / "docs" / "readahead.md").read_text(encoding="utf-8")
    figures = readahead[readahead.index("## Key figures") : readahead.index("## What to watch")]
    assert "{draft}`Check that the year given above dates the article" in dating
    assert "{draft}`Check each figure" in figures


@pytest.mark.book
def test_the_books_own_tests_pass(scaffolded: Path) -> None:
    """`make test` in the new book, without the venv: the toolkit's book-agnostic checks."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--color=no"],
        capture_output=True,
        text=True,
        cwd=scaffolded,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    checks = [name for name in booktests.__all__ if name.startswith("test_")]
    assert re.search(rf"\b{len(checks)} passed\b", result.stdout), result.stdout


@pytest.mark.book
def test_a_record_the_checks_refuse_is_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # as CI services set it: the build's messages must still parse
    draft = draft_book(read_article(ARTICLE), load_lexicon(), cli.toolkit(PIN))
    wrong = Figure("figure-7-99-million", "$99 million", 7)
    records = dataclasses.replace(draft.records, figures=[*draft.records.figures, wrong])
    staging = tmp_path / "staging"
    staging.mkdir()
    kept, dropped = cli.verified(dataclasses.replace(draft, records=records), staging, tmp_path / "book")
    assert list(dropped) == ["figure-7-99-million"] and dropped["figure-7-99-million"].startswith("briefing.")
    assert kept.records.figures == draft.records.figures


@pytest.mark.book
def test_an_article_with_nothing_to_draft_still_builds(tmp_path: Path) -> None:
    article = write(
        tmp_path,
        "A reading room opens at night\n\nThe library keeps one room open at night.\n\nReaders may borrow books there.\n",
    )
    assert cli.main(["new", "--toolkit", PIN, str(article), str(tmp_path / "book")]) == 0
    method = (tmp_path / "book" / "docs" / "method.md").read_text(encoding="utf-8")
    assert "names no year" in method
    for builder in ("html", "briefingpdf"):
        result = sphinx(tmp_path / "book", builder, tmp_path / "out")
        assert result.returncode == 0 and result.stderr == "", result.stderr


def test_toolkit_constraints_are_this_checkouts() -> None:
    assert cli.toolkit(PIN).constraints == REPO.resolve() / "constraints.txt"
