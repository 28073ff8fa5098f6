"""A new book publishes: the toolkit packages, the book installs from its pin anywhere, Read the
Docs builds it in release mode, and a second source is added in one step.

- The toolkit builds as an sdist and a wheel holding every template and asset; the wheel
  works on its own and its console script runs.
- A book made by `make new` in a toolkit checkout whose remote is a local bare repository
  is committed and cloned; with that checkout moved away, a fresh virtual environment runs
  the clone's `.readthedocs.yaml` as Read the Docs runs it (its `jobs` commands, strict,
  with `READTHEDOCS_OUTPUT`): the release build refuses the draft marks, and once they are
  resolved it publishes HTML, PDF and EPUB.
- `make add-source` adds a second article with a short id; once its paragraphs are placed
  the book builds strictly and every page that counts the sources says two.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from sphinx_briefing.scaffold import cli
from sphinx_briefing.scaffold.addsource import list_chapter
from sphinx_briefing.text.sources import load_source

from .book import sphinx_build
from .new_books import ARTICLE, PIN, REPO, SECOND_ARTICLE, resolve_drafts, run_make

pytestmark = pytest.mark.book

PACKAGE = REPO / "sphinx_briefing"
#: Files a wheel must carry besides Python modules: templates, styles, scripts, the page design.
DATA_SUFFIXES = (".tmpl", ".toml", ".css", ".js", ".html", ".typ")


def run(
    command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 900
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def git(folder: Path, *args: str) -> str:
    identity = ["-c", "user.name=Briefing tests", "-c", "user.email=tests@example.invalid"]
    return run(["git", *identity, *args], cwd=folder).stdout.strip()


def fresh_venv(folder: Path) -> dict[str, str]:
    """A virtual environment with nothing installed, and the environment that runs in it."""
    run([sys.executable, "-m", "venv", str(folder)], cwd=folder.parent)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return {**env, "PATH": f"{folder / 'bin'}{os.pathsep}{env['PATH']}", "VIRTUAL_ENV": str(folder)}


# -- the toolkit as a package -------------------------------------------------------------


def test_the_wheel_holds_the_templates_and_assets_and_works_alone(tmp_path: Path) -> None:
    """The sdist and the wheel carry every template and asset; the wheel, unpacked on its own
    (its dependencies from this environment), imports from there and its console script runs.
    That a fresh virtual environment installs the toolkit with its dependencies is proved by
    the Read the Docs test below, which installs it from a book's pin."""
    clone = tmp_path / "toolkit"
    run(["git", "clone", "-q", str(REPO), str(clone)], cwd=tmp_path)
    run([sys.executable, "-m", "build", "--outdir", str(tmp_path / "dist"), str(clone)], cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("sphinx_briefing-*.whl")
    (sdist,) = (tmp_path / "dist").glob("sphinx_briefing-*.tar.gz")
    data = sorted(
        str(path.relative_to(REPO))
        for path in PACKAGE.rglob("*")
        if path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts
    )
    assert len(data) > 25
    with zipfile.ZipFile(wheel) as archive:
        assert set(data) <= set(archive.namelist())
    listing = run(["tar", "tzf", str(sdist)], cwd=tmp_path).stdout.splitlines()
    assert {path.split("/", 1)[1] for path in listing if "/" in path} >= set(data)

    alone = tmp_path / "alone"
    run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(alone), str(wheel)], cwd=tmp_path)
    env = {**os.environ, "PYTHONPATH": str(alone)}
    found = run(
        [
            sys.executable,
            "-c",
            (
                "import sphinx_briefing, sphinx_briefing.scaffold.render as render;"
                "print(sphinx_briefing.__file__); print(len(list(render.TEMPLATES.rglob('*.tmpl'))))"
            ),
        ],
        cwd=tmp_path,
        env=env,
    ).stdout.split()
    assert found[0].startswith(str(alone)), "imported from the wheel, not the checkout"
    assert int(found[1]) == len(list((PACKAGE / "scaffold" / "templates" / "book").rglob("*.tmpl")))
    assert (
        "usage: sphinx-briefing new"
        in run([str(alone / "bin" / "sphinx-briefing"), "new", "--help"], cwd=tmp_path, env=env).stdout
    )


# -- a new book, cloned, installs and publishes as Read the Docs runs it ----------------------


def read_the_docs(book: Path, job: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """One job of the book's `.readthedocs.yaml`, each command in a shell as Read the Docs
    runs them, stopping at the first that fails; returns the last process."""
    config = yaml.safe_load((book / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["sphinx"]["fail_on_warning"] is True
    jobs = config["build"]["jobs"]
    commands = jobs["install"] if job == "install" else jobs["build"][job]
    for command in commands:
        result = subprocess.run(["bash", "-c", command], cwd=book, env=env, capture_output=True, text=True, timeout=900)
        if result.returncode:
            break
    return result


def test_a_cloned_book_installs_from_its_pin_and_read_the_docs_publishes_it_released(tmp_path: Path) -> None:
    remote = tmp_path / "remote" / "sphinx-briefing.git"
    run(["git", "clone", "-q", "--bare", str(REPO), str(remote)], cwd=tmp_path)
    toolkit = tmp_path / "toolkit"
    run(["git", "clone", "-q", str(remote), str(toolkit)], cwd=tmp_path)
    book = tmp_path / "made" / "harbor"
    made = run_make(toolkit, "new", f"ARTICLE={ARTICLE}", f"DEST={book}", env={"PYTHONPATH": str(toolkit)})
    assert made.returncode == 0, made.stdout + made.stderr
    head = git(toolkit, "rev-parse", "HEAD")
    assert f"sphinx-briefing @ git+file://localhost{remote.resolve()}@{head}" in (book / "pyproject.toml").read_text(
        encoding="utf-8"
    )

    toolkit.rename(tmp_path / "moved-away")
    git(book, "init", "-q")
    git(book, "add", ".")
    git(book, "commit", "-q", "-m", "A new book")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(book), str(clone))
    shutil.rmtree(book)

    out = tmp_path / "readthedocs"
    env = {**fresh_venv(tmp_path / "rtd-venv"), "READTHEDOCS": "True", "READTHEDOCS_OUTPUT": str(out)}
    installed = read_the_docs(clone, "install", env)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    origin = run(
        ["python", "-c", "import sphinx_briefing; print(sphinx_briefing.__file__)"], cwd=tmp_path, env=env
    ).stdout
    assert origin.startswith(str(tmp_path / "rtd-venv")), origin
    direct = run(
        [
            "python",
            "-c",
            "import importlib.metadata as m; print(m.distribution('sphinx-briefing').read_text('direct_url.json'))",
        ],
        cwd=tmp_path,
        env=env,
    )
    assert json.loads(direct.stdout)["vcs_info"]["commit_id"] == head

    for job in ("html", "pdf", "epub"):
        drafted = read_the_docs(clone, job, env)
        assert drafted.returncode != 0 and "[briefing.draft]" in drafted.stderr, (
            f"{job} published a draft:\n{drafted.stderr[-3000:]}"
        )
    resolve_drafts(clone)
    for job, suffix in (("html", "index.html"), ("pdf", ".pdf"), ("epub", ".epub")):
        result = read_the_docs(clone, job, env)
        assert result.returncode == 0 and result.stderr == "", (
            f"{job}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
        assert any(path.name.endswith(suffix) for path in (out / job).iterdir()), job


# -- release mode -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def new_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("publish") / "book"
    assert cli.main(["new", "--toolkit", PIN, str(ARTICLE), str(dest)]) == 0
    return dest


def test_make_builds_the_draft_and_make_release_refuses_it(new_book: Path) -> None:
    makefile = (new_book / "Makefile").read_text(encoding="utf-8")
    assert (
        "SPHINXOPTS ?= -W --keep-going -n -q" in makefile and "release: SPHINXOPTS += -D briefing_release=1" in makefile
    )
    assert "briefing_release" not in makefile.split("release:", 1)[0]


# -- a second source ------------------------------------------------------------------------------


def unplaced(stderr: str) -> set[int]:
    return (
        {int(number) for number in re.findall(r"¶(\d+) of source 'island-ferry-link'", stderr)}
        if "[briefing.unplaced]" in stderr
        else set()
    )


def test_make_add_source_adds_a_second_article_with_a_short_id(new_book: Path, tmp_path: Path) -> None:
    book = tmp_path / "book"
    shutil.copytree(new_book, book)
    added = run_make(book, "add-source", f"ARTICLE={SECOND_ARTICLE}")
    assert added.returncode == 0, added.stdout + added.stderr
    source = book / "source" / "island-ferry-link.md"
    assert source.is_file() and f"Added source/{source.name}" in added.stdout
    header = source.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    for field in ('id: "island-ferry-link"', 'label: "Island"', 'date: "2021"', "date_basis:"):
        assert field in header
    # The speaker model reads the appositions itself: the header needs no correction, and the
    # report shows the reading so the maintainer can check it.
    assert "attribution:" not in header
    assert "sentences whose speaker is a guess (settle them in the header's attribution): none" in added.stdout
    read = {f"{p.number}.{s.number}": s.view for p in load_source(source).paragraphs for s in p.sentences if s.view}
    assert (read["2.1"], read["6.1"]) == (("Rosa Delgado",), ("Tomas Berg",))

    before = sphinx_build("html", tmp_path / "before", srcdir=book)
    assert before.returncode != 0
    assert all("[briefing.unplaced]" in line for line in before.stderr.strip().splitlines()), before.stderr
    blocks = re.findall(r"^```\{source-(?:paragraphs|exclude)\}.*?^```$", added.stdout, flags=re.S | re.M)
    assert blocks[0] == "```{source-paragraphs} island-ferry-link:1-3, 5-6\n```" and blocks[1].startswith(
        "```{source-exclude} island-ferry-link:4\n"
    )

    (book / "docs" / "ferry.md").write_text("# The ferry link\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    assert list_chapter(book / "index.md", "docs/ferry", "Island ¶1–3, ¶5–6")
    after = sphinx_build("html", tmp_path / "after", srcdir=book)
    assert after.returncode == 0 and after.stderr == "", after.stderr
    counted = {
        page.relative_to(tmp_path / "after").as_posix(): page.read_text(encoding="utf-8")
        for page in (tmp_path / "after").rglob("*.html")
    }
    assert "two sources" in counted["index.html"] and "two sources" in counted["docs/method.html"]
    assert not [
        name for name, text in counted.items() if re.search(r"\bone (?:news )?(?:source|article)\b", text, flags=re.I)
    ]


def test_make_add_source_drafts_a_chapter_that_builds(new_book: Path, tmp_path: Path) -> None:
    book = tmp_path / "book"
    shutil.copytree(new_book, book)
    added = run_make(book, "add-source", f"ARTICLE={SECOND_ARTICLE}", "ID=ferry", "CHAPTER=1")
    assert added.returncode == 0, added.stdout + added.stderr
    index = (book / "index.md").read_text(encoding="utf-8")
    assert "drafted docs/ferry.md" in added.stdout and "docs/ferry\n" in index
    assert "- {doc}`docs/ferry`: " in index.split("## Chapters", 1)[1], "the root page lists the new chapter"
    page = (book / "docs" / "ferry.md").read_text(encoding="utf-8")
    assert "```{source-paragraphs} ferry:1-3, 5-6\n```" in page and "```{source-exclude} ferry:4\n" in page
    for builder in ("html", "briefingpdf"):
        result = sphinx_build(builder, tmp_path / builder, srcdir=book)
        assert result.returncode == 0 and result.stderr == "", result.stderr


def test_a_headline_that_cannot_head_the_chapter_gives_it_a_generic_title(
    new_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Red team AB: add-source titled the chapter with the headline, and a headline holding a
    relative date ("next month") made the whole chapter fail as "a scaffold bug". As `new`
    does for the root page, the chapter is titled without it, and the report says so."""
    book = tmp_path / "book"
    shutil.copytree(new_book, book)
    article = tmp_path / "ferry.txt"
    article.write_text(
        "Ferry service to resume next month\n\n"
        "The ferry service between Alder Point and Brill Island will resume next month, officials said on Monday.\n\n"
        "The service stopped after a storm damaged the Alder Point pier, the county said.\n",
        encoding="utf-8",
    )
    assert cli.main(["add-source", "--chapter", str(article), str(book)]) == 0, capsys.readouterr().err
    report = capsys.readouterr().out
    page = next(page for page in (book / "docs").glob("ferry*.md"))
    assert page.read_text(encoding="utf-8").startswith("# The Ferry article\n")
    assert "the headline cannot head the chapter" in report and "'The Ferry article'" in report
    result = sphinx_build("html", tmp_path / "html", srcdir=book)
    assert all("[briefing.unplaced]" not in line for line in result.stderr.splitlines()), result.stderr


CORRECTED = (
    "Drivers ratify a new contract\n\n"
    "The transit drivers' union ratified a three-year contract on Monday, its president said.\n\n"
    "The local has about 410 members, the union said.\n\n"
    "Correction: An earlier version of this article gave the wrong number of union members. "
    "The local has about 310 members, not 410.\n"
)


@pytest.mark.parametrize("chapter", [True, False], ids=["with its chapter", "placed by hand"])
def test_a_second_article_with_a_correction_places_it(
    new_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], chapter: bool
) -> None:
    """New-user review: add-source drafted no place for a correction, so the chapter failed as
    "a scaffold bug" with ¶8 placed nowhere, and the printed directives never named ¶8."""
    book = tmp_path / "book"
    shutil.copytree(new_book, book)
    article = tmp_path / "drivers.txt"
    article.write_text(CORRECTED, encoding="utf-8")
    args = ["add-source", "--id", "drivers", *(["--chapter"] if chapter else []), str(article), str(book)]
    assert cli.main(args) == 0, capsys.readouterr().err
    report = capsys.readouterr().out
    if chapter:
        page = (book / "docs" / "drivers.md").read_text(encoding="utf-8")
        assert "```{source-paragraphs} drivers:3\n```" in page and "correction in ¶3 corrects ¶2" in page
    else:
        blocks = re.findall(r"^```\{source-(?:paragraphs|exclude)\}.*?^```$", report, flags=re.S | re.M)
        assert "```{source-paragraphs} drivers:3\n```" in blocks, report
        (book / "docs" / "drivers.md").write_text("# Drivers\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
        assert list_chapter(book / "index.md", "docs/drivers", "Drivers ¶1–3")
    result = sphinx_build("html", tmp_path / "html", srcdir=book)
    assert "[briefing.unplaced]" not in result.stderr, result.stderr


@pytest.mark.parametrize("planted", ["runs", "breaks"])
def test_add_source_verifies_with_no_module_the_book_plants(
    new_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], planted: str
) -> None:
    """Red team L: add-source verified its chapter with ``python -m sphinx`` in the book, so a
    ``sphinx_design.py`` at the book's root ran; and when it broke the build, the chapter that
    was never built counted as verified. The build now imports nothing from the book, and a
    build that stops fails add-source."""
    book = tmp_path / "book"
    shutil.copytree(new_book, book)
    canary = tmp_path / "RAN"
    body = f"import pathlib\npathlib.Path({str(canary)!r}).touch()\n" if planted == "runs" else ""
    (book / "sphinx_design.py").write_text(body, encoding="utf-8")
    if planted == "breaks":
        (book / "conf.py").write_text((book / "conf.py").read_text(encoding="utf-8") + "\nraise SystemExit(3)\n")
    code = cli.main(["add-source", "--chapter", "--id", "ferry", str(SECOND_ARTICLE), str(book)])
    assert not canary.exists(), "a module the book planted ran"
    if planted == "breaks":
        assert code == 1 and "the book does not build" in capsys.readouterr().err
        assert not (book / "docs" / "ferry.md").exists()


@pytest.mark.parametrize("link", ["source", "docs/ferry.md"])
def test_add_source_writes_through_no_symlink(
    new_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], link: str
) -> None:
    """Red team L: a committed ``source`` folder linked outside the book, or a dangling link
    where the chapter goes, and add-source wrote the article or the chapter outside it."""
    book = tmp_path / "book"
    shutil.copytree(new_book, book)
    outside = tmp_path / "outside"
    outside.mkdir()
    if link == "source":
        shutil.copytree(book / "source", outside / "source")
        shutil.rmtree(book / "source")
        (book / "source").symlink_to(outside / "source")
    else:
        (book / link).symlink_to(outside / "ferry.md")
    code = cli.main(["add-source", "--chapter", "--id", "ferry", str(SECOND_ARTICLE), str(book)])
    assert code != 0 and "is a symlink" in capsys.readouterr().err
    assert not (outside / "ferry.md").exists() and not (outside / "source" / "ferry.md").exists()


def test_add_source_refuses_an_id_the_book_has(new_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["add-source", "--id", "harbor-patrol-pact", str(SECOND_ARTICLE), str(new_book)]) == 2
    assert "the book has a source 'harbor-patrol-pact' already" in capsys.readouterr().err
    assert [path.name for path in (new_book / "source").iterdir()] == ["harbor-patrol-pact.md"]


def test_add_source_excludes_each_part_that_is_not_news_with_its_own_reason(
    new_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book"
    shutil.copytree(new_book, book)
    article = SECOND_ARTICLE.read_text(encoding="utf-8").split("\n\n", 1)
    with_byline = tmp_path / "bylined.txt"
    with_byline.write_text(article[0] + "\n\nBy Dana Okafor, Staff Writer\n\n" + article[1], encoding="utf-8")
    assert cli.main(["add-source", "--id", "ferry", str(with_byline), str(book)]) == 0
    out = capsys.readouterr().out
    assert "exclude the parts that are not news" in out and "related-story links" not in out
    assert (
        "```{source-exclude} ferry:1\nThe byline:" in out
        and "```{source-exclude} ferry:5\nA link to another story" in out
    )
