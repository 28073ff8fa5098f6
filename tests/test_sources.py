"""The source parser: verbatim paragraphs, stable numbers, and errors that name the line."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_briefing.text.characters import stacked_marks
from sphinx_briefing.text.sources import SourceError, parse_source

REPO = Path(__file__).parent.parent
SEED = REPO.parent / "shared" / "seed" / "000_a690177de33db21b.txt"
SEED_SHA256 = "aefb8b161fe53430529786f048b2a8a7e6634ac5cd8b464d9f12b222f52b3ed0"
ARTICLE = REPO / "source" / "mexico-military-trust.md"
META = "---\nid: s\ntitle: Head\ndateline: X\ndate: '2017'\ndate_basis: stated\n---\n"


def parse(text: str | bytes) -> object:
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    return parse_source(Path("s.md"), raw)


@pytest.mark.content
def test_article_has_32_paragraphs_and_headline_as_metadata() -> None:
    source = parse(ARTICLE.read_bytes())
    assert source.headline.startswith("Good luck making America safe")
    assert len(source.paragraphs) == 32
    assert source.paragraphs[0].text.startswith("WASHINGTON — When Stephen Kelly")
    assert [p.number for p in source.paragraphs if p.text.startswith("[")] == [6, 15, 28]


@pytest.mark.content
def test_article_body_is_the_seed_verbatim() -> None:
    """The body is the article exactly as received: checked against the received file's
    SHA-256, so the check holds even where the seed folder is not beside the clone."""
    body = ARTICLE.read_bytes().split(b"\n---\n", 1)[1]
    assert hashlib.sha256(body).hexdigest() == SEED_SHA256
    if SEED.exists():
        assert body == SEED.read_bytes()


@pytest.mark.content
def test_paragraph_line_numbers_point_into_the_file() -> None:
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    for paragraph in parse(ARTICLE.read_bytes()).paragraphs:
        assert lines[paragraph.line - 1] == paragraph.text.splitlines()[0]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("no front matter\n", 1, "must start with '---'"),
        ("---\nid: s\n", 1, "not closed"),
        ("---\nid: [s\n---\nHead\n", 2, "not valid YAML"),
        ("---\nid: s\ntitle: Head\n---\nHead\n\nBody\n", 1, "dateline, date, date_basis"),
        ("---\nid: Bad Id\ntitle: Head\ndateline: X\ndate: '1'\ndate_basis: b\n---\nHead\n", 2, "lower-case"),
        (META + "Other headline\n\nBody\n", 8, "must equal the title"),
        (META, 8, "no text"),
        (META.encode() + b"Head\n\nCaf\xe9\n", 10, "not valid UTF-8"),
    ],
)
def test_bad_sources_name_the_line(text: str | bytes, line: int, fragment: str) -> None:
    with pytest.raises(SourceError) as info:
        parse(text)
    assert info.value.line == line
    assert fragment in info.value.message


#: Text a source may hold: anything but control, format and surrogate characters, Unicode's
#: noncharacters and a letter under more than four combining marks (which the parser refuses
#: on purpose, see test_bad_input), and the two Unicode line separators.
PLAIN = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")).filter(
    lambda char: not (0xFDD0 <= ord(char) <= 0xFDEF or ord(char) & 0xFFFE == 0xFFFE)
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(PLAIN, min_size=1).filter(lambda t: t.strip() and not list(stacked_marks(t))), max_size=8))
def test_valid_text_is_always_parsed_and_loses_nothing(blocks: list[str]) -> None:
    """Any plain text parses (a rejection fails the test), and every non-blank character
    of the body survives into a paragraph, in order."""
    body = "Head\n\n" + "\n\n".join(blocks) + "\n"
    source = parse(META + body)
    kept = "".join("".join(p.text.split()) for p in source.paragraphs)
    assert kept == "".join("".join(body.split())[len("Head") :].split())


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_source_or_a_source_error(raw: bytes) -> None:
    """Whatever the file holds, the parser answers with a source or a SourceError naming a line."""
    try:
        parse(META.encode() + b"Head\n\n" + raw)
    except SourceError as error:
        assert error.line >= 1


@pytest.mark.parametrize(
    ("header", "line", "fragment"),
    [
        ("dateline: Y\n", 7, "'dateline' appears twice"),
        ("extra: &a X\nmore: *a\n", 8, "are not allowed in a source header"),
        ("attribution:\n  '9': Someone\n", 7, "not a paragraph of this source"),
        ("attribution:\n  '1.5': Someone\n", 7, "has sentences 1–1"),
        ("speaker_names: nobody\n", 7, "speaker_names must map"),
        ('outlet: "The Gazette\\a"\n', 7, "'outlet' holds U+0007"),
        ('outlet: "WASH\\u202eNOT"\n', 7, "'outlet' holds U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("speaker_names: " + "[" * 5000 + "]" * 5000 + "\n", 7, "nested more than 30 deep"),
        # red team AE: a label printed in the annex and on the method page carried a misquote and a figure
        ("outlet: 'The Pentagon \"never trained Mexican forces\"'\n", 7, "'outlet' names the source"),
        ("outlet: The Pentagon spent $900 million in 2031\n", 7, "the amount “$900 million”"),
        ("author: Ann Lee, who says costs rose 40 percent\n", 7, "the amount “40 percent”"),
        ("kind: news “(it will collapse)”\n", 7, "'kind' names the source"),
    ],
)
def test_headers_are_read_strictly(header: str, line: int, fragment: str) -> None:
    with pytest.raises(SourceError) as info:
        parse(META[: -len("---\n")] + header + "---\nHead\n\nBody.\n")
    assert fragment in info.value.message
    assert info.value.line == line


@pytest.mark.parametrize(
    "header",
    ["outlet: Channel 4 News\n", "author: Mary O'Brien\n", "kind: wire story (AP)\n", "label: Kyiv 2022\n"],
)
def test_a_label_may_hold_a_number_and_an_apostrophe(header: str) -> None:
    assert parse(META[: -len("---\n")] + header + "---\nHead\n\nBody.\n")


def test_a_source_of_too_many_paragraphs_is_refused_at_the_first_too_many() -> None:
    """60,000 short paragraphs (1.4 MB, under the byte cap) ran the build past two minutes."""
    body = "\n\n".join(f"Para {number} said Kelly." for number in range(1, 2_002))
    with pytest.raises(SourceError) as info:
        parse(META + "Head\n\n" + body + "\n")
    assert "source has 2,001 paragraphs, more than the 2,000" in info.value.message
    assert info.value.line == META.count("\n") + 3 + 2 * 2_000
    assert len(parse(META + "Head\n\n" + body.rsplit("\n\n", 1)[0] + "\n").paragraphs) == 2_000


def test_header_values_stay_as_written() -> None:
    source = parse(META[:-4] + "kind: Yes\nissue: 012\n---\nHead\n\nBody.\n")
    assert source.meta["kind"] == "Yes" and source.meta["issue"] == "012"


@pytest.mark.content
def test_the_article_knows_who_speaks() -> None:
    source = parse(ARTICLE.read_bytes())
    views = {p.number: [s.view for s in p.sentences] for p in source.paragraphs}
    assert views[22] == [("Milenio",)] * 2
    assert views[31] == [(), ("analysts",)]
    assert views[3] == [(), ()] and source.paragraph(3).sentences[1].quotes == (("Stephen Kelly",),)
    milestone, unprecedented = source.paragraph(24).sentences[0].quotes
    assert milestone == ("William Gortney",) and unprecedented == ()
    assert views[2] == [("Stephen Kelly",)]
    assert source.paragraph(24).speakers == ("William Gortney",)
    assert not source.paragraph(16).speakers
