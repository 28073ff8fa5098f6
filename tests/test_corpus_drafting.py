"""The drafting measured against the hand-labelled corpus (``tests/corpus``).

For each article: quantities (every one, with its range, unit, hedge and retraction), the
parts that are not news, the drafted people (with their roles), terms and key figures,
and the draft split against the paragraphs' topic labels. Each score is a precision and a
recall (``tests/corpus_scores.py`` says what counts as a match), printed with ``-s``; the
floors below sit under the measured values, so a regression fails and an improvement does not.

The split's measure: a chapter's purity is the share of its paragraphs that carry its
commonest topic; Pk (Beeferman) is how often two paragraphs a few apart are wrongly put in
the same chapter or in different ones. The corpus labels topics finer than a briefing's
chapters (up to 11 topics in 29 paragraphs), so a chapter may join two neighbouring topics.
"""

from __future__ import annotations

import pytest

from sphinx_briefing.scaffold import cli
from sphinx_briefing.scaffold.article import read_article
from sphinx_briefing.scaffold.extract import extract
from sphinx_briefing.scaffold.split import load_lexicon, split
from sphinx_briefing.text.quantities import quantities, unit_key

from . import corpus_scores as cs
from .new_books import PIN

ARTICLES = cs.articles()
NAMES = [article.name for article in ARTICLES]


@pytest.fixture(scope="module", params=ARTICLES, ids=NAMES)
def labelled(request: pytest.FixtureRequest):
    article = read_article(request.param / "article.txt")
    return request.param.name, article, cs.expected(request.param)


def found_quantities(article) -> list[cs.Found]:
    return [
        (p.number, q.low, q.high, unit_key(q.unit), q.approx, q.retracted)
        for p in article.source.paragraphs
        for q in quantities(p.display_text)
    ]


def test_the_corpus_has_three_articles() -> None:
    assert len(ARTICLES) == 3


def test_quantities_with_range_unit_hedge_and_retraction(labelled) -> None:
    name, article, data = labelled
    score = cs.score(found_quantities(article), cs.expected_quantities(data, unit_key))
    print(f"\n{name} quantities: {score}")
    assert score.precision >= 0.95 and score.recall >= 0.95


def test_parts_that_are_not_news(labelled) -> None:
    name, article, data = labelled
    score = cs.score([(a.number, a.kind) for a in article.asides], cs.kinds(data))
    corrects = {p["n"]: p.get("corrects") for p in data["paragraphs"] if p["kind"] == "correction"}
    print(f"\n{name} not news: {score}")
    assert score.precision == 1.0 and score.recall == 1.0
    assert {a.number: a.corrects for a in article.asides if a.kind == "correction"} == corrects


def drafted(article):
    return extract(article.source, {a.number for a in article.asides})


def test_drafted_people_and_their_roles(labelled) -> None:
    name, article, data = labelled
    people, wanted = drafted(article).people, data.get("people") or []
    pairs = [(p, w) for p in people for w in wanted if cs.same_name(p.name, w["name"])]
    score = cs.Score(len(people), len(wanted), len({w["name"] for _p, w in pairs}))
    roles = [cs.role_matches(p.role, w["role"]) for p, w in pairs if w["role"]]
    print(f"\n{name} people: {score}; roles as the article gives them: {sum(roles)}/{len(roles)}")
    assert score.precision >= 0.9 and score.recall >= 0.6
    assert sum(roles) >= 0.9 * len(roles)


def test_drafted_glossary_terms(labelled) -> None:
    name, article, data = labelled
    terms, wanted = drafted(article).terms, data.get("terms") or []
    score = cs.score([(cs.term_key(t.term),) for t in terms], [(cs.term_key(t["term"]),) for t in wanted])
    print(f"\n{name} terms: {score}")
    # A name defined only inside someone's statement is not drafted (the glossary entry could not
    # name them); a speaker's own description is the reporter's and is drafted. Measured: harwick
    # and rio-sal 1.00/1.00, kilbrook 0.75/0.75.
    assert score.precision >= 0.75 and score.recall >= 0.75


def test_drafted_key_figures_are_whole_quantities(labelled) -> None:
    """A figure counts when its value, read as a quantity, is one the corpus gives in its paragraph;
    years, dates and retracted numbers are no key figures, and asides give none."""
    name, article, data = labelled
    news = {p["n"] for p in data["paragraphs"] if p["kind"] == "news"}
    wanted = [
        w[:4]
        for w in cs.expected_quantities(data, unit_key)
        if w[0] in news and w[3] not in (unit_key("year"), unit_key("date")) and not w[5]
    ]
    found = []
    for figure in drafted(article).figures:
        (quantity, *_rest) = quantities(figure.value) or (None,)
        found.append(
            (figure.paragraph, quantity.low, quantity.high, unit_key(quantity.unit))
            if quantity
            else (figure.paragraph,)
        )
    score = cs.score(found, wanted)
    print(f"\n{name} key figures: {score}")
    assert score.precision >= 0.95 and score.recall >= 0.8


def test_each_drafted_chapter_holds_one_topic(labelled) -> None:
    name, article, data = labelled
    aside = {a.number for a in article.asides}
    chapters = [
        c.numbers for c in split([p for p in article.source.paragraphs if p.number not in aside], load_lexicon())
    ]
    labels = cs.topics(data)
    purity, lowest, _exact, near = cs.split_scores(chapters, labels)
    pk = cs.pk(chapters, labels)
    print(
        f"\n{name} split: {len(chapters)} chapters for {len(set(labels.values()))} topics; purity {purity:.2f} "
        f"(lowest {lowest:.2f}); Pk {pk:.2f}; boundaries within one paragraph {near}"
    )
    assert purity >= 0.65 and pk <= 0.55 and near.precision >= 0.8


def test_make_new_drafts_a_book_that_builds_strictly(labelled, tmp_path, capsys) -> None:
    """Each corpus article becomes a book whose drafted pages pass every check: the scaffold's
    own verifying build refuses nothing it wrote outside a record."""
    _name, article, _data = labelled
    assert cli.main(["new", "--toolkit", PIN, str(article.path), str(tmp_path / "book")]) == 0, capsys.readouterr().err
