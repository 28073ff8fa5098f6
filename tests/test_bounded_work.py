"""Bounded work: each check's cost grows with its input as its docstring says, on the worst
input known for it. Each test times the work at a size and at four times the size
(:func:`harness.growth`) and asserts the growth: linear or n·log n work grows about 4×,
quadratic 16×, exponential without bound. A growth under 6× passes; no absolute time is
asserted."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import typst
from docutils import nodes
from sphinx import addnodes

from sphinx_briefing.checks.copying import _tokens, copied
from sphinx_briefing.checks.judgments import judgments
from sphinx_briefing.checks.prose import Passage, Sentence, passages
from sphinx_briefing.checks.quotes import check_quotations, closest, is_narration, occurrences, unfaithful
from sphinx_briefing.checks.run import check_passage
from sphinx_briefing.model.nodes import cite_link
from sphinx_briefing.print.job import TEMPLATE
from sphinx_briefing.scaffold.extract import extract
from sphinx_briefing.text.addressing import Span
from sphinx_briefing.text.characters import hidden_characters
from sphinx_briefing.text.quotemarks import find
from sphinx_briefing.text.sources import Source, parse_source

from .harness import GROWTH, settled_growth


def tmp_source(paragraph: str) -> dict[str, Source]:
    """A source ``s`` whose first paragraph is ``paragraph`` (its words have no sentence
    ends, so the copy check compares the whole of it at once)."""
    text = f"---\nid: s\ntitle: T\ndateline: X\ndate: '2017'\ndate_basis: Stated.\n---\nT\n\n{paragraph}\n"
    return {"s": parse_source(Path("s.md"), text.encode())}


def nine_pieces(size: int) -> Callable[[], object]:
    """Nine pieces joined by "…", each standing everywhere in a paragraph full of negations:
    the placement search once tried every placement (over 180 s)."""
    quotation = " … ".join(["a"] * 8 + ["b"])
    paragraph = "a not " * size + "b"
    return lambda: unfaithful(quotation, paragraph)


def narration(size: int) -> Callable[[], object]:
    quotation = " … ".join(["a"] * 8 + ["b"])
    paragraph = '"a" not ' * size + "b"
    return lambda: is_narration(quotation, paragraph)


def closest_text(size: int) -> Callable[[], object]:
    """A long misquote against a long paragraph: the closest text was a difflib ratio for
    every window (85 s for three misquotes)."""
    quotation = " ".join(f"word{index % 97}" for index in range(size // 4))
    paragraph = " ".join(f"other{index % 89}" for index in range(size))
    return lambda: closest(quotation, [paragraph])


def periodic_occurrences(size: int) -> Callable[[], object]:
    """A long periodic piece in a periodic paragraph: overlapping occurrences everywhere."""
    needle = "a " * (size // 8) + "a"
    return lambda: occurrences(needle, "a " * size)


def dollar_run(size: int) -> Callable[[], object]:
    """A run of "$": the copy check's word pattern backtracked over it (110 s)."""
    text = "$" * size
    return lambda: list(_tokens(text))


def repeated_copy(size: int) -> Callable[[], object]:
    """A sentence and a cited paragraph of the same two words over and over: every word of
    one matches half the words of the other."""
    source = tmp_source("a b " * size)
    text = "a b " * size

    def work() -> None:
        passage = Passage(nodes.paragraph(), text, scope=[Span("s", 1, 1)])
        assert list(copied(Sentence(passage, 0, len(text), []), source)) == []

    return work


def quoted_numbers(size: int) -> Callable[[], object]:
    """Many quoted numbers asked about one by one, as the number check does: the quotation
    spans were rebuilt for every question (over 180 s for 20,000)."""
    text = '"12" ' * size

    def work() -> None:
        passage = Passage(nodes.paragraph(), text)
        assert all(passage.is_quoted(5 * index + 1, 5 * index + 3) for index in range(size))

    return work


def many_quotations(size: int) -> Callable[[], object]:
    """One sentence of straight quotation marks, each pair an empty quotation: each was
    weighed against the whole sentence (8,000 marks took 40 s, 100,000 over 120 s)."""
    source = tmp_source("Lee said it was a hard thing.")
    text = "Lee said " + '"' * size + "."

    def work() -> None:
        check_quotations(Passage(nodes.paragraph(), text, scope=[Span("s", 1, 1)]), source)

    return work


def lines_citing_the_whole_source(size: int) -> Callable[[], object]:
    """A source of ``size`` paragraphs of twelve short sentences, and ``size`` lines of the
    book, each quoting it and citing all of it: each line was weighed against every sentence
    of the source (red team J: 2.2 s a line for 2,000 paragraphs)."""
    words = "army navy border trade police court budget river harbor school".split()
    paragraphs = [
        " ".join(f"The {words[n % 10]} {words[(n + k) % 10]} {words[k % 10]} grew." for k in range(12))
        for n in range(size)
    ]
    text = "---\nid: s\ntitle: T\ndateline: X\ndate: '2017'\ndate_basis: Stated.\n---\nT\n\n"
    source = {"s": parse_source(Path("s.md"), (text + "\n\n".join(paragraphs) + "\n").encode())}
    lines = [f'The article says "{" ".join(paragraphs[n].split()[1:4])}".' for n in range(size)]

    def work() -> None:
        for line in lines:
            check_passage(Passage(nodes.paragraph(), line, scope=[Span("s", 1, size)]), source, frozenset())

    return work


def _passage_against(paragraph: str, text: str) -> Callable[[], object]:
    """The prose checks of one passage ``text`` citing a source whose one paragraph is ``paragraph``."""
    source = tmp_source(paragraph)
    return lambda: check_passage(Passage(nodes.paragraph(), text, scope=[Span("s", 1, 1)]), source, frozenset())


def nested_quotations(size: int) -> Callable[[], object]:
    """Quotation marks nested ``size`` deep: each quotation was placed whole (red team L: 53 s)."""
    return _passage_against("Lee said a.", "The article says " + "“‘" * size + "a" + "’”" * size + ".")


def many_short_quotations(size: int) -> Callable[[], object]:
    """Many quotations of a word that stands everywhere in the paragraph (red team L: 88 s)."""
    return _passage_against('Lee said "a a a a" ' * size, "Lee said " + '"a" ' * size)


def many_cuts(size: int) -> Callable[[], object]:
    """One quotation in ``size`` pieces, each standing everywhere (red team L: 182 s, 2.6 GB)."""
    return _passage_against("Lee said " + "a not " * (4 * size) + "b.", 'Lee said "' + "a … " * size + 'b".')


def lines_citing_a_dense_paragraph(size: int) -> Callable[[], object]:
    """``size`` lines each citing one paragraph that gives ``size`` figures: each line read all
    the paragraph's figures again (red team M: 0.19 s a line for 30,000)."""
    source = tmp_source("The audit listed " + "5% " * size + "in all.")
    lines = [Passage(nodes.paragraph(), "The audit lists rates.", scope=[Span("s", 1, 1)]) for _ in range(size)]
    return lambda: [check_passage(line, source, frozenset()) for line in lines]


def figures_in_another_unit(size: int) -> Callable[[], object]:
    """A passage of ``size`` bare numbers citing a paragraph that gives each only as a
    percentage: every number was compared with every figure of its value, none matching
    (red team N: 46 s for 800 numbers against 4,000 figures; killed at 300 s for 6,000)."""
    return _passage_against("The audit listed " + "5% " * size + "in all.", "The audit lists " + "5, " * size + "5.")


def figures_the_paragraph_gives(size: int) -> Callable[[], object]:
    """The same, each number given: who gives it was asked of every figure of the paragraph,
    for each number (red team N: a green build killed at 300 s)."""
    return _passage_against("The audit listed " + "5% " * size + "in all.", "The audit lists " + "5%, " * size + "5%.")


def index_roles(size: int) -> Callable[[], object]:
    """One paragraph of ``size`` ``{index}`` roles, each an index node, a target and its word:
    the whole paragraph's text was read again for each (red team O: 42 s for 4,000)."""
    paragraph = nodes.paragraph()
    for number in range(size):
        entries = [("single", f"entry{number}", f"index-{number}", "", None)]
        paragraph += [addnodes.index(entries=entries), nodes.target(), nodes.Text(f"word{number} ")]
    tree = nodes.section("", paragraph)
    return lambda: list(passages(tree))


def paragraphs_of_one_list_item(size: int) -> Callable[[], object]:
    """A list item of ``size`` paragraphs restating a speaker named in its first: each
    sentence read every paragraph before it again for the name (red team P: 79 s for 4,000)."""
    source = tmp_source("Kelly said meeting diplomats hurt officers.")
    item = nodes.list_item("", nodes.paragraph("", "Stephen Kelly recalled the early years."))
    for _ in range(size):
        item += nodes.paragraph("", "", nodes.Text("Meeting diplomats hurt officers "), cite_link(Span("s", 1, 1)))
    tree = nodes.section("", nodes.bullet_list("", item))
    return lambda: [check_passage(passage, source, frozenset()) for passage in passages(tree)]


def equal_figures(size: int) -> Callable[[], object]:
    """Drafting a paragraph of one figure written ``size`` times, then as many sentences: each
    id tried -2, -3, … from the start, and each figure's sentence was searched for from the
    paragraph's start (red team M: 9 s for 8,000)."""
    return drafted("The audit listed " + "5% " * size + "in all. " + "It rose 5%. " * size)


def judgment_words(size: int) -> Callable[[], object]:
    """One long sentence of judgment words: each searched its sentence from the start for a
    word of reporting (red team L: 14.7× the time for 4× the text)."""
    text = "likely will probably may well expects " * (size // 38 + 1)
    return lambda: judgments(Passage(nodes.paragraph(), text))


def stacked_marks(size: int) -> Callable[[], object]:
    text = "a" + "\u0301" * size + " b" * size
    return lambda: list(hidden_characters(text))


def open_marks(size: int) -> Callable[[], object]:
    text = "“" * size
    return lambda: find(text)


def running_head(size: int) -> Callable[[], object]:
    """A running head of ``size`` words, fitted by the PDF template: it once measured the
    whole text once per word it dropped (10,000 letters of a handling line: 99 s, 3.8 GB,
    then Typst aborted). Each call sets new words, so Typst's memo cannot answer it."""
    folder = Path(tempfile.mkdtemp(prefix="running-head-"))
    shutil.copy(TEMPLATE, folder / TEMPLATE.name)
    calls = itertools.count()

    def work() -> object:
        main = folder / f"main{next(calls)}.typ"
        main.write_text(f'#import "{TEMPLATE.name}": fit\n#context fit("{main.stem}word " * {size}, 200pt)\n')
        return typst.Compiler(str(main), root=str(folder), font_paths=[], ignore_system_fonts=True).compile()

    return work


def drafted(paragraph: str) -> Callable[[], object]:
    """Drafting a new book's records from an article whose one paragraph is ``paragraph``."""
    source = tmp_source(paragraph)["s"]
    return lambda: extract(source, set())


def initials_before_a_role(size: int) -> Callable[[], object]:
    """A run of initials that no surname ends: each space in it could fall inside a given
    name or between two, and the name patterns tried every way (20 initials took 2 s, and
    each one more doubled it)."""
    return drafted("Officials met the envoy " + "A. " * size + "said on Monday, and left.")


def capitalised_words(size: int) -> Callable[[], object]:
    """A run of capitalised words before an appositive: a name could start at every word,
    and each was read to the comma (2,000 words took 2 s, growing sixteen-fold)."""
    return drafted("Officials met " + " ".join(f"Ab{chr(97 + i % 26)}" for i in range(size)) + ", a man.")


def one_long_word(size: int) -> Callable[[], object]:
    """One hyphenated word before a name: a name or a body's name could start at each of its
    capitals, and each was read to the word's end (2,000 parts took 2 s)."""
    return drafted("Officials met " + "Ab-" * size + "Cd Ef, a man.")


@pytest.mark.parametrize(
    ("make", "size"),
    [
        (running_head, 4_000),
        (nine_pieces, 5_000),
        (narration, 5_000),
        (closest_text, 20_000),
        (periodic_occurrences, 100_000),
        (dollar_run, 2_000_000),
        (quoted_numbers, 5_000),
        (repeated_copy, 5_000),
        (many_quotations, 2_000),
        (lines_citing_the_whole_source, 400),
        (nested_quotations, 250),
        (many_short_quotations, 1_000),
        (many_cuts, 1_000),
        (judgment_words, 4_000),
        (lines_citing_a_dense_paragraph, 1_000),
        (equal_figures, 1_000),
        (index_roles, 2_000),
        (paragraphs_of_one_list_item, 500),
        (figures_in_another_unit, 500),
        (figures_the_paragraph_gives, 500),
        (stacked_marks, 100_000),
        (open_marks, 50_000),
        (initials_before_a_role, 2_000),
        (capitalised_words, 2_000),
        (one_long_word, 2_000),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)),
)
def test_work_grows_with_the_input_not_faster(make: Callable[[int], Callable[[], object]], size: int) -> None:
    ratio = settled_growth(make, size)
    assert ratio < GROWTH, f"{make.__name__}: 4× the input took {ratio:.1f}× the time"
