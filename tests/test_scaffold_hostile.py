"""`make new` and `make add-source` on hostile names: no text runs as code, every folder works or is refused.

- An article's file name and headline are data: a name holding three quotation marks
  or a backslash cannot become code in the new book's ``conf.py``, and a headline holding
  Markdown is printed as the words it is, never as a live link.
- Every Makefile recipe passes ARTICLE, DEST and ID to the command exactly as written,
  whatever they hold (quotes, backticks, ``$(…)``, ``$$``, ``;``, newlines, spaces,
  non-ASCII, a leading ``-``): nothing reaches the shell or make's own expansion, and the
  command refuses, by name, what it cannot use.
- DEST may be relative, ``~``, or a symlink to an empty folder; a dangling symlink, a
  folder inside an existing book and a source over the size limit are refused before
  anything is drafted or written.
"""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from sphinx_briefing.scaffold import cli

from .book import sphinx_build
from .new_books import ARTICLE, PIN, REPO, run_make

#: Text that a shell or make would run, split or change if it reached them.
PAYLOADS = {
    "double quote": 'a"b',
    "single quote": "a'b",
    "backtick": "a`touch {canary}`b",
    "command substitution": "a$(touch {canary})b",
    "make's shell function": "a$(shell touch {canary})b",
    "doubled dollar": "a$$(touch {canary})b",
    "semicolon": "a;touch {canary};b",
    "newline": "a\ntouch {canary}\nb",
    "spaces": "a b  c",
    "non-ASCII": "ärtïclé–ü",
    "leading dash": "--help",
}


def payload(name: str, canary: Path) -> str:
    """The payload, its command touching the canary (named through the environment: a
    file name holds no slash)."""
    os.environ["BRIEFING_CANARY"] = str(canary)
    return PAYLOADS[name].replace("{canary}", "${BRIEFING_CANARY}")


def refusal(value: str) -> str:
    """What the command says about a name it receives exactly (a newline is named, not printed)."""
    return "U+000A" if "\n" in value else value


def new_book(tmp_path: Path, article: Path, *args: str) -> Path:
    dest = tmp_path / "book"
    assert cli.main(["new", "--toolkit", PIN, *args, str(article), str(dest)]) == 0
    return dest


# -- generated files hold text as data --------------------------------------------------


@pytest.mark.book
def test_a_file_name_with_triple_quotes_runs_no_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    canary = tmp_path / "PWNED"
    monkeypatch.setenv("BRIEFING_CANARY", str(canary))
    name = 'port"""; __import__("pathlib").Path(__import__("os").environ["BRIEFING_CANARY"]).touch(); """.txt'
    article = tmp_path / name
    article.write_bytes(ARTICLE.read_bytes())
    book = new_book(tmp_path, article)
    compile((book / "conf.py").read_bytes(), "conf.py", "exec")
    runpy.run_path(str(book / "conf.py"))
    assert not canary.exists(), "the article's file name ran as code"


def test_a_number_of_5000_digits_is_drafted_without_a_traceback(tmp_path: Path) -> None:
    """Python refuses to read an integer of more than 4,300 digits; the drafter crashed on one."""
    article = tmp_path / "big.txt"
    article.write_text(
        "Harbor pact signed\n\nOfficials counted " + "9" * 5000 + " boats on Monday, the mayor said.\n\n"
        "The mayor said the pact would help.\n",
        encoding="utf-8",
    )
    assert new_book(tmp_path, article).is_dir()


@pytest.mark.book
def test_a_backslash_in_the_file_name_and_headline_keeps_conf_py_valid(tmp_path: Path) -> None:
    headline = r"Port plan \N{x} costs more \ than \"planned\", officials warn"
    article = tmp_path / r"port\N{x}.txt"
    article.write_text(headline + "\n\n" + ARTICLE.read_text(encoding="utf-8").split("\n\n", 1)[1], encoding="utf-8")
    book = new_book(tmp_path, article)
    assert runpy.run_path(str(book / "conf.py"))["project"] == headline
    project = tomllib.loads((book / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["description"] == "Briefing book: " + headline


@pytest.mark.book
def test_a_headline_holding_markdown_is_no_live_link_in_the_title(tmp_path: Path) -> None:
    headline = "Port plan costs more [see the plan](https://evil.example/x) and <b>bold</b> *now* {book}`handling`"
    article = tmp_path / "article.txt"
    article.write_text(headline + "\n\n" + ARTICLE.read_text(encoding="utf-8").split("\n\n", 1)[1], encoding="utf-8")
    book = new_book(tmp_path, article)
    result = sphinx_build("html", tmp_path / "html", srcdir=book)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    title = page.split("<h1>", 1)[1].split('<a class="headerlink"', 1)[0]
    assert "evil.example" in title and "<a " not in title and "<b>" not in title and "<em>" not in title
    assert 'href="https://evil.example' not in page
    assert "[see the plan](https://evil.example/x)" in title and "*now*" in title
    readme = (book / "README.md").read_text(encoding="utf-8").splitlines()[0]
    assert "\\[see the plan\\]\\(https\\:" in readme


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("said John **Smith** <https://evil.example/y> Jones, the agency's director", "John **Smith**"),
        ("according to the <https://evil.example/login> Institute", "the <https://evil.example/login> Institute"),
        ("said Mary` {doc}`index` `Jones", "Mary` {doc}`index` `Jones"),
    ],
    ids=["bold and a link", "an autolink", "a backtick that closes a role"],
)
def test_a_speakers_name_holding_markup_is_refused_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], said: str, name: str
) -> None:
    """Red teams I and U: a speaker's name written with markup in the article (a link, bold, a
    backtick) was pasted into the drafted pages, where a link survived into a release, or a
    role broke and the build blamed the scaffold. No name holds markup: the article is
    refused at the sentence's line, and nothing is made."""
    article = tmp_path / "article.txt"
    article.write_text(
        f"Harbor patrol spending rose at the port\n\nOfficials said the boats were old.\n\n"
        f"The harbor agency spent more on patrols, {said}.\n",
        encoding="utf-8",
    )
    assert cli.main(["new", "--toolkit", PIN, str(article), str(tmp_path / "book")]) == 2
    message = capsys.readouterr().err
    assert f"article.txt:5: a speaker is named {name[:20]!r}"[:-1] in message, message
    assert "holds markup characters" in message and not (tmp_path / "book").exists()


# -- Makefile recipes pass names as data --------------------------------------------------


@pytest.mark.parametrize("name", PAYLOADS)
def test_make_new_passes_the_article_name_as_data(tmp_path: Path, name: str) -> None:
    canary = tmp_path / "CANARY"
    article = str(tmp_path / payload(name, canary))
    result = run_make(REPO, "new", f"ARTICLE={article}", f"DEST={tmp_path / 'book'}", f"TOOLKIT={PIN}")
    assert result.returncode == 2, result.stdout + result.stderr
    assert (
        refusal(article) in result.stderr and "cannot read the article" in result.stderr
    ) or "U+000A" in result.stderr
    assert not canary.exists() and not (tmp_path / "book").exists()


@pytest.mark.parametrize("name", PAYLOADS)
def test_make_new_passes_the_destination_as_data(tmp_path: Path, name: str) -> None:
    canary = tmp_path / "CANARY"
    dest = tmp_path / payload(name, canary)
    if "\n" not in name:
        dest.mkdir()
        (dest / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_make(REPO, "new", f"ARTICLE={ARTICLE}", f"DEST={dest}", f"TOOLKIT={PIN}")
    assert result.returncode == 2, result.stdout + result.stderr
    expected = "U+000A" if "\n" in str(dest) else f"{dest}: exists and is not an empty folder"
    assert expected in result.stderr
    assert not canary.exists()


@pytest.mark.parametrize("name", PAYLOADS)
def test_make_new_passes_the_id_as_data(tmp_path: Path, name: str) -> None:
    canary = tmp_path / "CANARY"
    identifier = payload(name, canary)
    result = run_make(
        REPO, "new", f"ARTICLE={ARTICLE}", f"DEST={tmp_path / 'book'}", f"ID={identifier}", f"TOOLKIT={PIN}"
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"the source id {identifier!r} must be" in result.stderr
    assert not canary.exists() and not (tmp_path / "book").exists()


@pytest.mark.parametrize("name", ["command substitution", "make's shell function", "backtick", "newline"])
def test_make_new_passes_the_toolkit_reference_as_data(tmp_path: Path, name: str) -> None:
    canary = tmp_path / "CANARY"
    result = run_make(
        REPO, "new", f"ARTICLE={ARTICLE}", f"DEST={tmp_path / 'book'}", f"TOOLKIT={PIN}{payload(name, canary)}"
    )
    assert result.returncode == 2 and "which no URL needs" in result.stderr, result.stderr
    assert not canary.exists()


@pytest.mark.parametrize("name", PAYLOADS)
def test_make_add_source_passes_the_article_name_as_data(tmp_path: Path, name: str) -> None:
    """This book's own `make add-source`: refused before anything is written into it."""
    canary = tmp_path / "CANARY"
    article = str(tmp_path / payload(name, canary))
    result = run_make(REPO, "add-source", f"ARTICLE={article}")
    assert result.returncode == 2, result.stdout + result.stderr
    assert refusal(article) in result.stderr
    assert not canary.exists()


def test_make_refuses_a_name_that_make_would_change(tmp_path: Path) -> None:
    """make drops a value's leading spaces; a name that starts or ends with one is refused
    whichever way it comes (here: a trailing space, and a leading one from the environment)."""
    result = run_make(REPO, "new", f"ARTICLE={ARTICLE}", f"DEST={tmp_path / 'book '}", f"TOOLKIT={PIN}")
    assert result.returncode == 2 and "starts or ends with a space" in result.stderr, result.stderr
    result = run_make(REPO, "new", f"DEST={tmp_path / 'book'}", f"TOOLKIT={PIN}", env={"ARTICLE": f" {ARTICLE}"})
    assert result.returncode == 2 and "starts or ends with a space" in result.stderr, result.stderr


def test_make_new_without_its_names_says_what_to_give() -> None:
    result = run_make(REPO, "new")
    assert result.returncode == 2 and "make new: give the article and the new book's folder" in result.stderr


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_book(tmp_path_factory.mktemp("hostile"), ARTICLE)


@pytest.mark.book
@pytest.mark.parametrize("name", PAYLOADS)
def test_the_new_books_add_source_passes_names_as_data(book: Path, tmp_path: Path, name: str) -> None:
    canary = tmp_path / "CANARY"
    article = str(tmp_path / payload(name, canary))
    result = run_make(book, "add-source", f"ARTICLE={article}")
    assert result.returncode == 2 and refusal(article) in result.stderr, result.stdout + result.stderr
    identifier = payload(name, canary)
    result = run_make(book, "add-source", f"ARTICLE={ARTICLE}", f"ID={identifier}")
    assert result.returncode == 2 and f"the source id {identifier!r} must be" in result.stderr, result.stderr
    assert not canary.exists()
    assert [path.name for path in (book / "source").iterdir()] == ["harbor-patrol-pact.md"]


# -- destinations ------------------------------------------------------------------------


@pytest.mark.book
def test_a_relative_destination_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new", "--toolkit", PIN, str(ARTICLE), "books/harbor"]) == 0
    assert (tmp_path / "books" / "harbor" / "conf.py").is_file()


@pytest.mark.book
def test_a_destination_named_near_the_limit_works(tmp_path: Path) -> None:
    """Red team H: a destination of 235 letters failed with "File name too long" and a
    traceback, on the hidden staging folder whose name repeated it whole."""
    dest = tmp_path / ("b" * 235)
    assert cli.main(["new", "--toolkit", PIN, str(ARTICLE), str(dest)]) == 0
    assert (dest / "conf.py").is_file()
    assert [p.name for p in tmp_path.iterdir()] == [dest.name], "no staging folder is left behind"


@pytest.mark.book
def test_a_tilde_destination_is_the_home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cli.main(["new", "--toolkit", PIN, str(ARTICLE), "~/harbor"]) == 0
    assert (tmp_path / "harbor" / "conf.py").is_file() and not Path("~").exists()


@pytest.mark.book
def test_a_symlink_to_an_empty_folder_is_followed(tmp_path: Path) -> None:
    target = tmp_path / "real"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    assert cli.main(["new", "--toolkit", PIN, str(ARTICLE), str(link)]) == 0
    assert link.is_symlink() and (target / "conf.py").is_file()


@pytest.mark.parametrize("case", ["dangling", "to a file", "to a full folder"])
def test_a_symlink_to_nowhere_or_to_something_is_refused(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "link"
    target = tmp_path / "target"
    if case == "to a file":
        target.write_text("x", encoding="utf-8")
    elif case == "to a full folder":
        target.mkdir()
        (target / "keep.txt").write_text("x", encoding="utf-8")
    link.symlink_to(target)
    assert cli.main(["new", "--toolkit", PIN, str(ARTICLE), str(link)]) == 2
    error = capsys.readouterr().err
    assert str(link) in error and ("symbolic link" in error or "not an empty folder" in error), error
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        ["link", *(["target"] if case != "dangling" else [])]
    )


@pytest.mark.parametrize("inside", ["a new book", "the toolkit's own book"])
def test_a_destination_inside_a_book_is_refused(
    tmp_path: Path, inside: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outer = tmp_path / "outer"
    if inside == "a new book":
        (outer / "docs").mkdir(parents=True)
        (outer / "conf.py").write_text("project = 'x'\n", encoding="utf-8")
    else:
        outer = REPO
    dest = outer / "docs" / "nested" / "book"
    assert cli.main(["new", "--toolkit", PIN, str(ARTICLE), str(dest)]) == 2
    assert f"inside the book in {outer.resolve()}" in capsys.readouterr().err
    assert not (outer / "docs" / "nested").exists()


def test_a_source_over_the_size_limit_is_refused_before_drafting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "big.txt"
    paragraph = "The harbor office counted boats again today. " * 40
    article.write_text("Headline\n\n" + "\n\n".join([paragraph] * 1200), encoding="utf-8")
    assert article.stat().st_size > 2_000_000
    assert cli.main(["new", "--toolkit", PIN, str(article), str(tmp_path / "book")]) == 2
    assert (
        f"{article}:1: the article is {article.stat().st_size:,} bytes; a source may have at most 2,000,000"
        in capsys.readouterr().err
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == ["big.txt"]


@pytest.mark.parametrize("kind", ["device", "FIFO", "folder"])
@pytest.mark.parametrize("command", ["new", "add-source"])
def test_an_article_that_is_not_a_regular_file_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, command: str
) -> None:
    """``/dev/zero`` filled memory until the process died; a FIFO blocked for ever."""
    article = {"device": Path("/dev/zero"), "FIFO": tmp_path / "pipe", "folder": tmp_path / "dir"}[kind]
    if kind == "FIFO":
        os.mkfifo(article)
    elif kind == "folder":
        article.mkdir()
    args = [str(article), str(tmp_path / "book") if command == "new" else str(REPO)]
    assert cli.main([command, *(["--toolkit", PIN] if command == "new" else []), *args]) == 2
    assert f"{article}:1: the article is not a regular file" in capsys.readouterr().err
    assert not (tmp_path / "book").exists()


def test_a_path_given_in_the_environment_is_not_expanded_by_make(tmp_path: Path) -> None:
    """A value from the environment holding make syntax is not expanded either."""
    canary = tmp_path / "CANARY"
    result = run_make(
        REPO, "new", f"DEST={tmp_path / 'book'}", f"TOOLKIT={PIN}", env={"ARTICLE": f"$(shell touch {canary})"}
    )
    assert result.returncode == 2 and f"$(shell touch {canary}):1: cannot read the article" in result.stderr, (
        result.stderr
    )
    assert not canary.exists()
    assert os.environ.get("ARTICLE") is None


#: The Makefiles that render the PDF for review: this book's and the one `make new` writes.
MAKEFILES = {
    "this book": REPO / "Makefile",
    "a new book": REPO / "sphinx_briefing" / "scaffold" / "templates" / "book" / "Makefile.tmpl",
}


def small_book(tmp_path: Path, makefile: str) -> Path:
    """The small test book with one of the Makefiles."""
    book = tmp_path / "book"
    shutil.copytree(REPO / "tests" / "roots" / "test-basic", book, ignore=shutil.ignore_patterns("_build"))
    shutil.copy(MAKEFILES[makefile], book / "Makefile")
    return book


@pytest.mark.book
@pytest.mark.parametrize("makefile", MAKEFILES)
@pytest.mark.parametrize("name", ["command substitution", "make's shell function", "backtick", "semicolon"])
def test_make_pdf_passes_the_paper_as_data(tmp_path: Path, makefile: str, name: str) -> None:
    """PAPER was pasted into the PDF recipe's shell line: 'a4 -D x=$$(id>…)' ran id."""
    book = small_book(tmp_path, makefile)
    canary = tmp_path / "CANARY"
    result = run_make(book, "pdf", f"PAPER=a4 {payload(name, canary)}", "SPHINXOPTS=-q")
    assert not canary.exists(), result.stdout + result.stderr
    assert "briefing_paper must be one of" in result.stderr, result.stdout + result.stderr


@pytest.mark.book
@pytest.mark.parametrize("makefile", MAKEFILES)
def test_make_review_never_pastes_a_conf_value_into_the_shell(tmp_path: Path, makefile: str) -> None:
    """A PDF name in conf.py that is not a file name is refused by the build, which writes
    the default name; `make review` renders what the build wrote, never running the setting
    (it once pasted conf.py's raw value into a shell line) or looking for a file not written."""
    book = small_book(tmp_path, makefile)
    canary = tmp_path / "CANARY"
    with (book / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"briefing_pdf_basename = 'x;touch {canary};#'\n")
    result = run_make(book, "review", "SPHINXOPTS=-q")
    assert not canary.exists(), result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert "briefing_pdf_basename must be a file name" in result.stderr
    pages = {path.name.rsplit("-", 1)[0] for path in (book / "_build" / "review").glob("*.png")}
    assert pages == {"briefing"}, "the PDF the build wrote, under the name it used"


def test_the_printed_next_step_quotes_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Red team Y: "Next: cd DEST && make" printed the folder as given, so pasting the line
    into a shell ran the ``$(…)`` a folder name held."""
    canary = tmp_path / "PWNED"
    dest = tmp_path / f"book$(touch {canary})"
    assert cli.main(["new", "--toolkit", PIN, str(ARTICLE), str(dest)]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("Next: "))
    pasted = line.removeprefix("Next: ").split(" && make", 1)[0]
    subprocess.run(["bash", "-c", f"{pasted} && pwd"], check=True, capture_output=True, timeout=60)
    assert not canary.exists()
