"""Quotation matching: exact words, with only quote marks, white space and elisions relaxed."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest

from sphinx_briefing.booktests import need_tool
from sphinx_briefing.checks.quotes import (
    MAX_PLACES,
    _differences,
    closest,
    is_narration,
    is_verbatim,
    locate,
    unfaithful,
    unusual_characters,
)
from sphinx_briefing.text.quotemarks import ALL_MARKS, find


def quotations(text: str) -> list[str]:
    """The quoted words of ``text`` as the checks see them, nested quotations included."""
    return [text[slice(*quote.inner)] for quote in find(text)[0]]


PARAGRAPH = '"Trust is a very, very difficult thing to build, and it\'s a very easy thing to destroy."'


@pytest.mark.parametrize(
    "quotation",
    [
        "Trust is a very, very difficult thing to build",
        "Trust is a very,\n very difficult thing",  # white space
        "it’s a very easy thing to destroy",  # curly apostrophe
        "Trust is … easy thing to destroy",  # elision
        "Trust is a very, very difficult thing to build, and [trust is] a very easy thing",
        # new-user review: American style sets the sentence's comma inside the closing mark
        "it's a very easy thing to destroy,",
        "Trust is a very, very difficult thing to build.",
    ],
)
def test_verbatim_quotations_pass(quotation: str) -> None:
    assert is_verbatim(quotation, PARAGRAPH)


@pytest.mark.parametrize(
    "quotation",
    [
        "Trust is a very difficult thing to build",  # a word dropped
        "trust is a very, very difficult thing",  # case changed
        "easy thing to destroy … Trust is",  # pieces out of order
        "Trust is hard",
        "difficult thing,, and",  # only a closing comma or period may differ
        "a very easy thing to destroy!",
    ],
)
def test_misquotations_fail(quotation: str) -> None:
    assert not is_verbatim(quotation, PARAGRAPH)


def test_quotations_finds_straight_and_curly_marks() -> None:
    assert quotations('He said "one" and “two” then “three".') == ["one", "two", "three"]


@pytest.mark.parametrize(
    ("quotation", "paragraph"),
    [
        ("They can", "“They cannot trust Washington on this,” said Jane Roe."),
        ("The deal is good for no", "“The deal is good for nobody,” Roe said."),
        ("in for a fig", "“We are in for a fight,” Roe said."),
        ("annot trust", "“They cannot trust Washington,” Roe said."),
    ],
)
def test_a_quotation_that_stops_inside_a_word_is_not_verbatim(quotation: str, paragraph: str) -> None:
    """Red team AC: pieces were found as substrings, so "They can" stood in "They cannot"
    and the dropped negation passed every check."""
    assert not is_verbatim(quotation, paragraph) and locate(quotation, paragraph) is None


def test_a_closing_comma_is_faithful_too() -> None:
    """Red team AC: the closing-comma rule reached the verbatim test but not the check of
    meaning, which still failed the quotation in a real build."""
    paragraph = "“We are in for a fight. Nobody should doubt it,” Roe added."
    assert is_verbatim("in for a fight,", paragraph) and unfaithful("in for a fight,", paragraph) == ""


def test_the_hint_names_only_words_the_source_lacks() -> None:
    """New-user review: the quotation dropped "we have", the closest text stopped two words
    short, and the hint said the source had no "on" (it has "back on the bus")."""
    source = ["“This is the cheapest way we have to put people back on the bus,” the mayor said."]
    quotation = "This is the cheapest way to put people back on buses"
    near = closest(quotation, source)
    assert "back on the bus" in near
    assert _differences(quotation, near) == " (the source has no “buses” there)"


def test_closest_shows_the_source_words() -> None:
    assert "very, very difficult" in closest("Trust is a very difficult thing", [PARAGRAPH])


def test_closest_shows_the_sources_apostrophes_and_the_message_names_the_changed_word() -> None:
    source = ["He said the court’s rulings were final and binding on everyone."]
    near = closest("the court’s verdicts were final and binding", source)
    assert "court’s" in near and '"' not in near
    assert _differences("the court’s verdicts were final", near) == " (the source has no “verdicts” there)"


@pytest.mark.parametrize(
    "text",
    ["'one'", "‘one’", "«one»", "„one“", "‟one”", "＂one＂", "〝one〟", "‹one›"],
)
def test_every_quotation_mark_style_is_found(text: str) -> None:
    assert quotations(f"He said {text} there.") == ["one"]


def test_nested_quotations_are_each_found_and_apostrophes_are_not_marks() -> None:
    assert quotations("“It was ‘unprecedented’,” Mexico's army said.") == ["It was ‘unprecedented’,", "unprecedented"]
    assert quotations("It's the militaries' work in the ’90s.") == []


SOURCE = '"It was definitely not career enhancing for a Mexican officer," he said.'


@pytest.mark.parametrize(
    ("quotation", "change"),
    [
        ("It was … career enhancing", "drops “not”"),
        ("It was definitely [not] career enhancing", ""),
        ("It was [never] career enhancing", "stands for “definitely”"),
        ("[It was never] career enhancing", "stands for “definitely”"),
        ("It was definitely not career enhancing", ""),
        ("It was definitely not … for a Mexican officer", ""),
    ],
)
def test_cuts_and_insertions_may_not_change_a_negation_or_a_word(quotation: str, change: str) -> None:
    assert is_verbatim(quotation, SOURCE)
    assert change in unfaithful(quotation, SOURCE)
    assert bool(unfaithful(quotation, SOURCE)) == bool(change)


def test_an_insertion_may_not_add_a_negation() -> None:
    quotation = "Trust is a very, very difficult thing to build, and [it is not] a very easy thing"
    assert is_verbatim(quotation, PARAGRAPH)
    assert "adds “not”" in unfaithful(quotation, PARAGRAPH)


def test_an_insertion_at_the_edge_may_not_add_a_negation() -> None:
    assert "adds “not”" in unfaithful("[Trust is not] a very, very difficult thing", PARAGRAPH)
    assert unfaithful("Trust is a very, very difficult thing to build, and [it] …", PARAGRAPH) == ""


def test_a_faithful_cut_is_judged_on_the_alignment_that_fits() -> None:
    source = "Kelly said it was not a failure; it was, by any measure, a great success."
    assert unfaithful("it was … a great success", source) == ""
    assert "drops “not”" in unfaithful("Kelly said it was … a failure", source)


@pytest.mark.parametrize(
    ("quotation", "dropped"),
    [
        ("with … awareness of the complexity", "little"),
        ("It makes … sense to create enemies", "little"),
        ("Officials … trusted the convoy", "hardly"),
        ("They … met the generals", "seldom"),
    ],
)
def test_a_cut_may_not_drop_a_word_that_negates_by_degree(quotation: str, dropped: str) -> None:
    """ "with … awareness" from "with little seeming awareness" says the opposite of the
    source, as dropping "not" would; "a little" and "a few" do not negate."""
    source = (
        "Trump acts with little seeming awareness of the complexity. It makes little sense to create enemies. "
        "Officials hardly trusted the convoy. They seldom met the generals."
    )
    assert f"drops “{dropped}”" in unfaithful(quotation, source)
    assert unfaithful("made … progress", "They made a little progress.") == ""
    assert unfaithful("met … generals", "They met a few generals.") == ""


def test_a_cut_may_not_drop_who_does_what_follows_it() -> None:
    """ "President Enrique Pena Nieto … threatened to send U.S. troops" gave Trump's threat
    to the man whose visit was cancelled: the cut dropped "Trump", the subject of the words
    after it. A cut that drops a sentence's opening, or ends on a common word, is fine."""
    source = (
        "A visit by President Enrique Pena Nieto was cancelled. In a call leaked by unnamed sources, "
        "Trump threatened to send U.S. troops into Mexico."
    )
    assert "drops “Trump”" in unfaithful("President Enrique Pena Nieto … threatened to send U.S. troops", source)
    assert unfaithful("A visit … was cancelled", source) == ""
    assert unfaithful("In a call … Trump threatened to send U.S. troops", source) == ""


@pytest.mark.parametrize(
    ("quotation", "source", "dropped"),
    [
        (
            "the Mexican government … said the comments were meant to be",
            "Even though the Mexican government denied the report and the White House said the comments "
            "were meant to be lighthearted, they added to the tension.",
            "the White House",
        ),
        (
            "For a long time the U.S. military … pointed to the imperialist attitude of the American forces",
            "For a long time the U.S. military complained about the Mexicans, and the Mexican side pointed "
            "to the imperialist attitude of the American forces.",
            "the Mexican side",
        ),
        (
            "Mexico … would never agree to Americans carrying weapons in their country",
            "Mexico proposed a deal. It fell through, with officials saying the public would never agree to "
            "Americans carrying weapons in their country.",
            "the public",
        ),
    ],
    ids=["a name inside one sentence", "a noun phrase inside one sentence", "a noun phrase in the next sentence"],
)
def test_a_cut_may_not_drop_the_subject_of_the_words_it_resumes(quotation: str, source: str, dropped: str) -> None:
    """Red team H: cuts inside one sentence, or ending on a common noun, gave a verb to
    another actor: the U.S. military was made to accuse American forces of imperialism."""
    assert f"drops “{dropped}”" in unfaithful(quotation, source)


@pytest.mark.parametrize(
    ("quotation", "source"),
    [
        ("the deal … was signed", "the deal, struck in Mexico City, was signed."),
        ("officials said … and Mexico agreed", "officials said the plan failed and Mexico agreed."),
        ("Kelly … said", "Kelly met the generals often and said"),
    ],
    ids=["a name set off by commas", "a cut that resumes at a conjunction", "a cut that ends on a verb"],
)
def test_a_cut_that_keeps_the_subject_is_faithful(quotation: str, source: str) -> None:
    assert unfaithful(quotation, source) == ""


@pytest.mark.parametrize(
    ("quotation", "speakers", "faithful"),
    [
        ("For [Shirk], the untold story is the respect", ("Evan Ellis",), False),
        ("For [Ellis], the untold story is the respect", ("Evan Ellis",), True),
        ("For [Evan Ellis], the untold story is the respect", ("Evan Ellis",), True),
        ("For [Shirk], the untold story is the respect", (), True),
    ],
    ids=["another person", "the speaker", "the speaker's full name", "a paragraph with no known speaker"],
)
def test_an_insertion_for_i_or_me_names_the_paragraphs_speaker(
    quotation: str, speakers: tuple[str, ...], faithful: bool
) -> None:
    """Red team H: "For [Shirk], the untold story …" gave Ellis's own experience to Shirk:
    any name could stand for a pronoun. "Me" is the speaker of the paragraph."""
    source = "\u201cFor me, the untold story is the respect that has grown within U.S. forces,\u201d he said."
    problem = unfaithful(quotation, source, speakers=speakers)
    assert (problem == "") is faithful, problem
    if not faithful:
        assert "“[Shirk]” stands for “me”" in problem


@pytest.mark.parametrize(
    ("quotation", "source", "dropped"),
    [
        (
            "remember that we invaded Mexico at least three times",
            "Most Americans don't remember that we invaded Mexico at least three times.",
            "don’t",
        ),
        (
            "Most Americans … remember that we invaded Mexico",
            "Most Americans don’t remember that we invaded Mexico.",
            "don’t",
        ),
        ("be forgotten easily", "Trump's remarks won't be forgotten easily, Shirk said.", "won’t"),
    ],
    ids=["left out before the quotation", "cut by an ellipsis", "left out before a verb"],
)
def test_a_contracted_negation_is_a_negation(quotation: str, source: str, dropped: str) -> None:
    """Red team H: "n't" was never read as a negation (the apostrophe is normalised with the
    quotation marks), so "don't remember" could be quoted as "remember"."""
    assert dropped in unfaithful(quotation, source)


# -- every quotation mark Unicode defines ------------------------------------------------------


def unicode_quotation_marks() -> set[str]:
    """The characters with Unicode's ``Quotation_Mark`` property, as Perl's regular
    expressions know them (Python's ``re`` and ``unicodedata`` do not expose the property)."""
    perl = need_tool("perl", install="apt-get install perl")
    program = r"for my $c (0..0x10FFFF) { next if $c >= 0xD800 && $c <= 0xDFFF; print chr($c) if chr($c) =~ /\p{Quotation_Mark}/ }"
    return set(
        subprocess.run(
            [perl, "-CO", "-e", program], capture_output=True, text=True, check=True, encoding="utf-8"
        ).stdout
    )


def test_the_marks_are_unicodes_quotation_marks_and_their_look_alikes() -> None:
    defined = unicode_quotation_marks()
    assert len(defined) >= 30 and defined <= ALL_MARKS
    extras = {unicodedata.name(char) for char in ALL_MARKS - defined}
    assert extras and all("QUOTATION MARK ORNAMENT" in name or name.endswith("DOUBLE PRIME") for name in extras), extras


def test_every_mark_that_opens_has_a_mark_that_closes_it() -> None:
    for opening in sorted(ALL_MARKS):
        if unicodedata.category(opening) == "Pe":
            continue
        closing = [char for char in ALL_MARKS if quotations(f"He said {opening}one{char} there.") == ["one"]]
        assert closing, f"U+{ord(opening):04X} {unicodedata.name(opening)} opens no quotation"


@pytest.mark.parametrize(
    "text",
    [
        "❝one❞",
        "「one」",
        "『one』",
        "″one″",
        "‹one›",
        "‚one‘",
        "»one«",
        "”one”",
        "｢one｣",
        "﹁one﹂",
        "🙶one🙷",
        "⹂one”",
        "＇one＇",
    ],
)
def test_quotation_marks_beyond_the_common_ones_are_found(text: str) -> None:
    assert quotations(f"He said {text} there.") == ["one"]


def test_primes_and_apostrophes_are_marks_only_where_they_can_be() -> None:
    assert quotations("A 12″ screen, 5′ 3″ tall, in the ’90s; Mexico’s army.") == []


# -- what a cut or an insertion may leave out ----------------------------------------------------

REPAIR = '"Trust is a very, very difficult thing to build," he said. "It is not easy to repair. We never gave up."'


@pytest.mark.parametrize(
    ("quotation", "before", "problem"),
    [
        ("easy to repair", "he says it is ", "leaves out “not”, which stands just before"),
        ("easy to repair", "he says it is not ", ""),
        ("It is", "", "leaves out “not”, which stands just after"),
        ("gave up", "they ", "leaves out “never”"),
        ("It is not easy to repair", "", ""),
        ("… easy to repair", "", "leaves out “not”"),
        ("[it was] easy to repair", "", "leaves out “not”"),
        ("Trust is a very, very [easy] thing to build", "", "stands for “difficult”"),
        ("Trust is a very, very [hard] thing to build", "", "stands for “difficult”"),
        ("[Lee] said", "", ""),
        ("[Lee] said. “It is not easy", "", ""),
        ("Trust is a very, very difficult thing [to create]", "", "stands for “build”"),
    ],
)
def test_a_quotation_keeps_the_negations_and_words_beside_and_between_its_pieces(
    quotation: str, before: str, problem: str
) -> None:
    assert is_verbatim(quotation, REPAIR)
    found = unfaithful(quotation, REPAIR, before=before)
    assert problem in found and bool(found) == bool(problem), found


def test_an_insertion_may_mend_grammar() -> None:
    source = "The marines had been specially trained by American forces for years."
    assert unfaithful("had been specially [training] by American forces", source) == ""
    assert unfaithful("[The Mexican marines] had been specially trained", source) == ""
    assert "stands for “marines”" in unfaithful("[they] had been specially trained", source)


def test_look_alike_and_invisible_characters_are_named() -> None:
    for quotation, name in [
        ("a very, very difficult thing to build", "U+0430 CYRILLIC SMALL LETTER A"),
        ("a very, very diffi\u200bcult thing", "U+200B ZERO WIDTH SPACE"),
        ("a very, very dif\u00adficult thing", "U+00AD SOFT HYPHEN"),
    ]:
        quotation = quotation.replace("a very", "\u0430 very", 1) if "CYRILLIC" in name else quotation
        assert not is_verbatim(quotation, PARAGRAPH)
        assert unusual_characters(quotation, [PARAGRAPH]) == [name]
    assert unusual_characters("a very, very hard thing", [PARAGRAPH]) == []


def test_a_line_break_in_a_quotation_is_not_named_as_the_difference() -> None:
    """A quotation that wraps in the page's Markdown holds a line break; the source
    has none, but a line break is a space to the reader, so the warning must point
    at the real difference instead."""
    assert unusual_characters("a very, very\ndifficult thing.\tTrust", [PARAGRAPH]) == []


# -- narration: words the source does not put in quotation marks ---------------------------------

NARRATION = 'Analysts say working with Mexico would go further to stem the problem Trump is worried about. "It is hard," Lee said.'


@pytest.mark.parametrize(
    ("quotation", "narration"),
    [
        ("to stem the problem Trump is worried about", True),
        ("further", True),
        ("It is hard,", False),
        ("It is … hard", False),
        ('hard," Lee said', True),
    ],
)
def test_words_outside_the_sources_quotation_marks_are_narration(quotation: str, narration: bool) -> None:
    assert is_verbatim(quotation, NARRATION)
    assert is_narration(quotation, NARRATION) is narration


def test_a_quotation_that_runs_over_paragraphs_is_not_narration() -> None:
    assert not is_narration("We train together", "We train together, and we trust each other,” he said.")
    assert not is_narration("We train together", "“We train together, and we trust each other.")


def test_a_piece_standing_past_the_cap_is_not_placed() -> None:
    """Red team U: each place a piece stands is weighed, so a page of quotations of a piece
    standing in a paragraph hundreds of times cost quotations × places."""
    source = "harbor ferry, " * (MAX_PLACES + 1) + "the end."
    assert "too often to place" in unfaithful("harbor ferry", source)
    assert unfaithful("harbor ferry", "harbor ferry, " * MAX_PLACES + "the end.") == ""


@pytest.mark.parametrize(
    ("quotation", "after", "problem"),
    [
        ("Trust is a very, very difficult thing to build, and it's a very easy thing to", " keep.", "“keep”"),
        ("it's a very easy thing to", " keep.", "the source goes on with “destroy”"),
        ("it's a very easy thing to", " destroy.", ""),
        ("it's a very easy thing", " to keep.", ""),
        ("it's a very easy thing to", ", he said.", ""),
        ("Trust is a very, very difficult thing to build", " slowly.", ""),
    ],
)
def test_a_quotation_cut_before_its_last_word_is_not_completed_with_the_books(
    quotation: str, after: str, problem: str
) -> None:
    """Red team AD: "… a very easy thing to" keep passed for "… easy thing to destroy": the
    quotation was verbatim, and the book's word after it, inside the same clause, finished it.
    A quotation that stops on a word no phrase ends with ("to", "the", "and") is finished by
    the source's next word or by none; one that stops at a whole phrase is the book's to go on."""
    found = unfaithful(quotation, PARAGRAPH, after=after)
    assert problem in found and bool(found) == bool(problem), found


@pytest.mark.parametrize(
    ("quotation", "problem"),
    [
        ("Trust is a very, very difficult thing to build [in theory only]", "adds “in theory only”"),
        ("Trust is a very, very difficult thing [in the U.S.] to build", "adds “in the U.S.”"),
        ("Trust is a very, very difficult thing to build [for him]", "adds “for him”"),
        ("[Trust] is a very, very difficult thing to build", ""),
        ("it's a very easy thing to destroy[,]", ""),
        ("Trust is a very, very difficult thing to build, and [trust is] a very easy thing to destroy", ""),
    ],
)
def test_an_insertion_that_stands_for_no_source_word_may_only_mend_grammar(quotation: str, problem: str) -> None:
    """Red team AD: "[in theory only]", "[in the U.S.]" and "[for him]" added a qualifier the
    speaker never gave. An insertion either stands for source words it replaces (a name for a
    pronoun: "[Lee] said") or, where it replaces none, adds only words of grammar ("[is]", "[the]")."""
    assert is_verbatim(quotation, PARAGRAPH)
    found = unfaithful(quotation, PARAGRAPH)
    assert problem in found and bool(found) == bool(problem), found
