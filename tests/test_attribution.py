"""The attribution check with the speaker model, on a small book about a made-up dam.

Each case builds ``test-checks`` with its source and page replaced: a source whose
paragraphs carry a named envoy, a farmer, an unnamed official right after the envoy, a
bare quotation nobody can be given to, and a figure in the government's words; and a page
that places them all and adds the sentence under test. The page builds clean but for that
sentence, so each case fails if its check is removed.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from .harness import Warning, warnings_in

SOURCE = """\
---
id: sample
title: Dam talks
dateline: KESSEL
date: "2020"
date_basis: Stated in the test.
{header}---
Dam talks

KESSEL — "The dam will be shared by both provinces," said the envoy, Marc Albury.

Lena Brandt, a farmer near the dam, said the talks had gone badly for the valley.

A senior Norland official, who spoke on condition of anonymity because the talks are secret, said the dam would never be shared. "There is no deal," the official said.

"Nobody told us anything about the water."

The reservoir behind the dam holds 2 billion cubic metres.
"""

PAGE = """\
# Dam talks

{sentence}

```{{source-paragraphs}} 1-5
```

```{{source-annex}}
```

```{{toctree}}
other
```
"""


def build(make_app, project, sentence: str, header: str = "", **overrides: object) -> list[Warning]:
    """Build the dam book with ``sentence`` on its page; its warnings."""
    return warnings_in(_built(make_app, project, sentence, header, **overrides))


def _built(make_app, project, sentence: str, header: str = "", **overrides: object):
    srcdir: Path = project(
        "checks",
        **{
            "source__sample.md": lambda _old: SOURCE.format(header=header),
            "index.md": lambda _old: PAGE.format(sentence=sentence),
            "other.md": lambda _old: "# Other page\n\nNothing here.\n",
        },
    )
    app = make_app("html", srcdir=srcdir, confoverrides={"nitpicky": True, **overrides})
    app.build()
    return app


def only(found: list[Warning], subtype: str) -> Warning:
    assert [w.subtype for w in found] == [subtype], found
    assert found[0].path.endswith("index.md") and found[0].line == 3, found
    return found[0]


def test_the_page_builds_clean(make_app, project) -> None:
    assert build(make_app, project, "The reservoir is large {cite}`5`.") == []


# -- an unnamed source right after a named envoy (issue 19) ---------------------------------


def test_an_unnamed_officials_view_asks_for_the_official_not_the_envoy(make_app, project) -> None:
    found = only(
        build(make_app, project, "The dam is never to be shared, for the talks are secret {cite}`3`."),
        "briefing.unattributed",
    )
    assert "a senior Norland official" in found.message and "Albury" not in found.message
    assert "¶3." in found.message


def test_naming_the_unnamed_official_is_enough(make_app, project) -> None:
    sentence = "An official who spoke on condition of anonymity says the dam will never be shared {cite}`3`."
    assert build(make_app, project, sentence) == []


# -- a guess is settled in the header, not demanded ------------------------------------------


def test_a_guessed_speaker_asks_for_the_header_naming_the_sentence(make_app, project) -> None:
    found = only(
        build(make_app, project, "Nobody told residents about the water, the book says {cite}`4`."),
        "briefing.unsure-speaker",
    )
    assert "¶4.1" in found.message and 'attribution: {"4.1": <speaker>}' in found.message


def test_naming_the_guessed_speaker_passes(make_app, project) -> None:
    assert build(make_app, project, "A Norland official says nobody told residents about the water {cite}`4`.") == []


def test_once_the_header_settles_it_the_settled_speaker_is_demanded(make_app, project) -> None:
    header = 'attribution:\n  "4.1": {view: a farmer near the dam, kind: anonymous}\n'
    found = only(
        build(make_app, project, "Nobody told residents about the water {cite}`4`.", header), "briefing.unattributed"
    )
    assert "a farmer near the dam" in found.message


def test_the_annex_says_in_words_which_speaker_is_a_guess(make_app, project) -> None:
    app = _built(make_app, project, "The reservoir is large {cite}`5`.")
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    text = " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
    assert "¶3.1 “A senior Norland official, who…”: a senior Norland official (unnamed source)" in text
    assert re.search(
        r"¶4\.1 “Nobody told us anything about…”: a senior Norland official \(unnamed source\) a guess \(guess\): settle it",
        text,
    )


# -- issue 17: evasions ---------------------------------------------------------------------


def test_a_view_in_an_uncited_sentence_before_the_one_that_names_the_expert(make_app, project) -> None:
    sentence = "The talks are secret and the dam is never to be shared. A Norland official said so {cite}`3`."
    found = only(build(make_app, project, sentence), "briefing.unattributed")
    assert "The talks are secret" in found.message


def test_the_experts_words_given_to_someone_else_who_is_also_named(make_app, project) -> None:
    sentence = 'Lena Brandt said the dam "will be shared by both provinces", as Albury had {cite}`1-2`.'
    found = only(build(make_app, project, sentence), "briefing.misattributed")
    assert "Lena Brandt" in found.message and "Marc Albury" in found.message


def test_the_experts_words_given_to_the_expert_pass(make_app, project) -> None:
    assert build(make_app, project, 'Albury said the dam "will be shared by both provinces" {cite}`1`.') == []


# -- issue 19's two bugs ----------------------------------------------------------------------


def test_a_speaker_named_across_a_line_break_is_named(make_app, project) -> None:
    header = 'attribution:\n  "3": a senior Norland official\n'
    sentence = "A senior Norland\nofficial says the dam will never be shared {cite}`3`."
    assert build(make_app, project, sentence, header) == []


@pytest.mark.parametrize(
    ("header_name", "book_name", "smartquotes"),
    [
        ("Norland's government", "Norland's government", True),
        ("Norland’s government", "Norland's government", False),
        ("Norland's government", "Norland’s government", False),
    ],
)
def test_a_header_name_matches_the_book_whatever_its_apostrophe(
    make_app, project, header_name: str, book_name: str, smartquotes: bool
) -> None:
    header = f'attribution:\n  "5": "{header_name}"\n'
    sentence = f"{book_name} says the reservoir holds 2 billion cubic metres {{cite}}`5`."
    assert build(make_app, project, sentence, header, smartquotes=smartquotes) == []


# -- the reporter's words inside a statement ----------------------------------------------------


def test_the_reporters_description_of_a_speaker_needs_no_speaker(make_app, project) -> None:
    """¶2 is Lena Brandt's statement, but "a farmer near the dam" is the reporter's description."""
    assert (
        build(make_app, project, "The article describes one of its voices as “a farmer near the dam” {cite}`2`.") == []
    )


def test_her_view_from_the_same_paragraph_still_needs_her(make_app, project) -> None:
    found = only(
        build(make_app, project, "The talks have gone badly for the valley {cite}`2`."), "briefing.unattributed"
    )
    assert "Lena Brandt" in found.message
    # new-user review: "where researchers speaks", "e.g. “researchers says …”": the advice reads
    # as English whatever the speaker's number
    assert "which the source gives to Lena Brandt" in found.message and "“according to Lena Brandt, …”" in found.message


def test_one_word_of_the_description_does_not_excuse_a_view(make_app, project) -> None:
    found = only(
        build(make_app, project, "A farmer thinks the negotiations failed {cite}`2`."), "briefing.unattributed"
    )
    assert "Lena Brandt" in found.message
