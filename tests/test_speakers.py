"""Who speaks in each sentence: one test per form news copy uses, in sentences of our own.

Each form of issue 19 (titles and appositives on either side of a name, quotations that
run on, "he added" and "she said", unnamed sources, institutions and polls, the reporter's
own narration) has a test here, on made-up text about made-up people; the corpus test
(``test_speakers_corpus.py``) measures the same model on whole articles.
"""

from __future__ import annotations

import pytest

from sphinx_briefing.text.sentences import split
from sphinx_briefing.text.speakers import (
    Voice,
    correct,
    detect,
    name_forms,
    names,
    read_source,
)

PERSON, ANONYMOUS, INSTITUTION, REPORTER = "person", "anonymous", "institution", "reporter"


def voices(*paragraphs: str) -> list[list[tuple[str, str]]]:
    """(kind, name) of every sentence of every paragraph."""
    return [[(s.voice.kind, s.voice.name) for s in paragraph] for paragraph in detect(list(paragraphs))]


def sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in split(text)]


# -- titles and appositives on either side of the name ----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        '"We will not give up the harbour," said the trade minister, Ilse Varga.',
        '"We will not give up the harbour," said Norland\'s trade minister, Ilse Varga, speaking to reporters in Kessel.',
        "Ilse Varga, the trade minister, said the harbour would stay open.",
        "Ilse Varga, who has led the talks since March, said the harbour would stay open.",
        "Trade fell sharply in March, said Ilse Varga, the trade minister.",
        "At a briefing on Friday, Norland's trade minister, Ilse Varga, said the harbour would stay open.",
        "Its chief negotiator, Deputy Trade Minister Ilse Varga, said the harbour would stay open.",
        '"We will not give up the harbour," said Ilse Varga of the Norland Trade Office.',
        '"We will not give up the harbour," Trade Minister Ilse Varga told reporters.',
    ],
)
def test_the_name_wins_over_the_title_and_the_country(sentence: str) -> None:
    assert voices(sentence) == [[(PERSON, "Ilse Varga")]]


def test_a_later_surname_or_title_is_the_same_person() -> None:
    said = voices(
        "Mayor Olu Bankole, who chairs the port board, said the fees would rise.",
        '"Nobody likes it," Mr. Bankole said.',
        "The mayor said the vote would come in May.",
    )
    assert said == [[(PERSON, "Olu Bankole")], [(PERSON, "Olu Bankole")], [(PERSON, "Olu Bankole")]]


# -- quotations that run on ----------------------------------------------------------------


def test_a_quotation_keeps_its_speaker_across_sentences_and_paragraphs() -> None:
    said = voices(
        "Greta Lund, a ferry captain, has sailed the strait for 30 years. “The fog is the easy part,” she said. “The wind is not. It turns in a minute.",
        "“Then you wait, and you pray a little.”",
        "The ferry company runs four crossings a day.",
    )
    assert said[0][1:] == [(PERSON, "Greta Lund")] * 3
    assert said[1] == [(PERSON, "Greta Lund")]
    assert said[2] == [(REPORTER, "")]


def test_a_quotation_whose_tag_comes_after_it() -> None:
    said = voices('"We counted every boat. Nobody is missing," said Kofi Mensah, the harbour master.')
    assert said == [[(PERSON, "Kofi Mensah")] * 2]


def test_a_bare_quotation_takes_the_tag_of_the_next_sentence() -> None:
    said = voices(
        "The port reopened at noon.",
        'Queues formed at once. "I have waited three days." Ruth Amsel, a lorry driver from Kessel, said she had slept in her cab.',
    )
    assert said[1] == [(REPORTER, ""), (PERSON, "Ruth Amsel"), (PERSON, "Ruth Amsel")]


# -- "he added", "she said": only where the text continues the speaker -----------------------


def test_a_pronoun_continues_the_speaker_of_the_sentence_before_not_the_last_name() -> None:
    said = voices(
        'Mr. Petrov said he had called the transport secretary, Dana Whitfield, who refused to help. "So we wait," he said.',
    )
    assert said == [[(PERSON, "Petrov"), (PERSON, "Petrov")]]


def test_she_skips_a_speaker_who_is_he_for_the_last_one_who_is_she() -> None:
    said = voices(
        "The port director, Dr. Anna Kovac, said the cranes were safe. She added that inspections had been doubled.",
        '"We will talk when they are ready," Mr. Petrov said.',
        '"We sent every answer in writing," she said on Tuesday.',
    )
    assert said[2] == [(PERSON, "Anna Kovac")]


def test_he_added_after_a_quotation() -> None:
    said = voices('"Nobody will lose a job," said Arno Veld, the union\'s president. He added that talks would resume.')
    assert said == [[(PERSON, "Arno Veld")] * 2]


def test_a_pronoun_with_nobody_before_it_is_a_guess() -> None:
    (sentence,) = detect(['"It will not happen again," she said.'])[0]
    assert sentence.voice.unsure


# -- unnamed sources --------------------------------------------------------------------


def test_an_unnamed_source_after_a_named_envoy_is_not_the_envoy() -> None:
    said = voices(
        '"The dam will be shared," said the envoy, Marc Albury.',
        "Albury met both governments on Monday.",
        "A senior Norland official, who spoke on condition of anonymity because the talks are secret, said the dam would not be shared.",
        '"There is no deal," the official said.',
    )
    assert said[2] == [(ANONYMOUS, "a senior Norland official")]
    assert said[3] == [(ANONYMOUS, "a senior Norland official")]


def test_an_unnamed_source_keeps_a_pronoun_after_it() -> None:
    said = voices(
        "Aida Ruiz, a dock worker, said the night shift was cut.",
        'One crane operator, who asked not to be named, said the cut came without notice. "We heard it on the radio," she said.',
    )
    assert said[1] == [(ANONYMOUS, "one crane operator")] * 2


def test_a_quoted_unnamed_source_with_the_tag_after_the_quotation() -> None:
    assert voices('"We will not sign," a senior diplomat said.') == [[(ANONYMOUS, "a senior diplomat")]]


# -- institutions, ministries, reports, polls and outlets ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The harbour handles a third of the country's grain, according to port officials.", "port officials"),
        ("The transport ministry has estimated that the closure cost 4 million euros.", "the transport ministry"),
        ("The agriculture ministry has said that the harvest fell by half.", "the agriculture ministry"),
        (
            "A poll by the Lindqvist Institute, published in May, found that most residents opposed the fees.",
            "the Lindqvist Institute",
        ),
        ("According to the newspaper the Kessel Herald, the board met twice in secret.", "the Kessel Herald"),
        (
            "Traffic fell by a fifth last year, the Port Authority of Kessel said in its annual report.",
            "the Port Authority of Kessel",
        ),
        ("Shipping experts say the fees will drive trade to other ports.", "shipping experts"),
    ],
)
def test_institutions_polls_and_outlets_speak_as_institutions(sentence: str, name: str) -> None:
    assert voices(sentence) == [[(INSTITUTION, name)]]


def test_its_ministry_is_the_ministry_of_the_place_just_named() -> None:
    said = voices("Norland has its own worries. Its finance ministry has estimated that fees will fall.")
    assert said == [[(REPORTER, ""), (INSTITUTION, "Norland's finance ministry")]]


def test_an_acronym_and_a_description_name_the_body_given_before() -> None:
    said = voices(
        "The ferry strike stopped all crossings, according to the Strait Shipping Commission, known as SSC.",
        "SSC says the strike cost a million euros a day.",
        "The commission said it would publish the figures.",
    )
    assert {name for paragraph in said for _kind, name in paragraph} == {"the Strait Shipping Commission"}


def test_the_report_is_the_last_report_named() -> None:
    said = voices(
        "The board's own safety review, published in June, is blunt. Cranes were left unchecked for months, the review says."
    )
    assert said == [[(REPORTER, ""), (INSTITUTION, "the board's own safety review")]]


# -- the reporter's own narration ---------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The harbour reopened on Tuesday after a week of fog.",
        "The woman who said it, a teacher from Kessel, gave only her first name.",
        "Dock workers were told to stay home for the rest of the week.",
        "A spokesman for the port declined to comment.",
        "When Marc Albury arrived in Kessel in 2009, he found the port half empty.",
        "The mayor's insistence that fees would rise led to a strike.",
    ],
)
def test_narration_is_the_reporters(sentence: str) -> None:
    assert voices(sentence) == [[(REPORTER, "")]]


def test_a_clause_of_narration_before_the_tag_is_the_reporters() -> None:
    (sentence,) = detect(["Marc Albury arrived in Kessel in 2009 and said the port had 40 cranes."])[0]
    assert sentence.view == ("Marc Albury",) and not sentence.entirely_view
    assert sentence.speakers_at(sentence.text.index("2009")) == ()
    assert sentence.speakers_at(sentence.text.index("40")) == ("Marc Albury",)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The council will borrow $41 million, a project that officials say will take ten years.", "officials"),
        (
            "Public health researchers have long warned that partial replacements raise lead levels.",
            "public health researchers",
        ),
        ("The report that the ministry released said costs would rise.", "the report"),
        # red team AE: the time was read into the speaker ("Officials on Tuesday"), and make new
        # drafted it, unquoted, into three pages as a name
        ("Officials on Tuesday announced a plan.", "officials"),
        ("The ministry last week warned of delays.", "the ministry"),
        ("Police yesterday said the road was closed.", "Police"),
    ],
)
def test_the_subject_of_the_verb_not_the_noun_a_clause_hangs_on(sentence: str, speaker: str) -> None:
    assert detect([sentence])[0][0].view == (speaker,)


def test_a_speakers_description_is_the_reporters_for_a_named_body_too() -> None:
    (sentence,) = detect(["The Kessel Dockers Guild, a union of crane drivers, said the port had 40 cranes."])[0]
    assert sentence.view == ("the Kessel Dockers Guild",)
    assert sentence.speakers_at(sentence.text.index("a union")) == ()
    assert sentence.speakers_at(sentence.text.index("40")) == ("the Kessel Dockers Guild",)


# -- confidence, and the header that settles a guess --------------------------------------


def test_a_named_speaker_is_sure_a_bare_quotation_with_nobody_near_is_a_guess() -> None:
    paragraphs = detect(
        [
            "The port reopened at noon.",
            '"Said Kessel Harbour Partners in a statement: we are pleased," said Nia Oduya.',
            "Cargo moved again.",
            "The fog lifted.",
            "The cranes turned.",
            "The ships left.",
            '"Nobody told us anything."',
        ]
    )
    assert paragraphs[1][0].voice.confidence == 1.0 and not paragraphs[1][0].unsure
    assert paragraphs[6][0].unsure and paragraphs[6][0].voice.basis == "guess"


def test_the_header_settles_a_guess_with_a_kind() -> None:
    reading = read_source(['"Nobody told us anything."'])
    fixed = correct(reading.sentences, {"1.1": {"view": "a dock worker", "kind": "anonymous"}}, reading.kinds)
    assert fixed[0][0].voice == Voice(ANONYMOUS, "a dock worker", 1.0, "header")
    fixed = correct(reading.sentences, {"1": "Kessel Harbour Partners"}, reading.kinds)
    assert fixed[0][0].voice.kind == PERSON and fixed[0][0].voice.basis == "header"


# -- sentence boundaries ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“Is anyone there?” the captain shouted from the bridge. Nobody was.",
            ["“Is anyone there?” the captain shouted from the bridge.", "Nobody was."],
        ),
        (
            "“Run!” Ilse Varga, the minister, called from the quay.",
            ["“Run!” Ilse Varga, the minister, called from the quay."],
        ),
        ("“It isn’t. Not today.”", ["“It isn’t.", "Not today.”"]),
        (
            "Prof. Lund and Gov. Amsel met on Jan. 5 at No. 3 Quay. They agreed.",
            ["Prof. Lund and Gov. Amsel met on Jan. 5 at No. 3 Quay.", "They agreed."],
        ),
        (
            "The crane was built by E. M. Sandberg in 1958. It still works.",
            ["The crane was built by E. M. Sandberg in 1958.", "It still works."],
        ),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# -- the two bugs: a name across a line break, and apostrophes ------------------------------


def test_a_name_broken_across_a_line_of_markdown_is_named() -> None:
    forms = name_forms("a senior Norland official", kind=ANONYMOUS)
    assert names("A senior Norland\nofficial said the dam would not be shared.", forms)
    assert names("Trade Minister Ilse\nVarga says so.", name_forms("Ilse Varga"))


@pytest.mark.parametrize(
    ("header", "book"),
    [
        ("Norland's government", "Norland’s government says the talks failed."),
        ("Norland’s government", "Norland's government says the talks failed."),
        ("Siobhan O'Neill", "O’Neill says the talks failed."),
    ],
)
def test_straight_and_curly_apostrophes_name_the_same_speaker(header: str, book: str) -> None:
    assert names(book, name_forms(header))


def test_naming_an_unnamed_source_or_a_ministry() -> None:
    assert names("An official who asked not to be named disagrees.", name_forms("a senior official at the ministry"))
    assert names("The agriculture ministry says so.", name_forms("the national agriculture ministry"))
    assert not names("The minister disagrees.", name_forms("a senior official at the ministry"))
