"""A build runs nothing the repository planted: no build state it holds (red team J), no
module named like one the build imports (red team K).

A pull request can force-add ``_build/``: a saved environment whose unpickling runs a
command, a PDF with a stamp that calls it unchanged, a symlink that sends the build's
writes elsewhere. Each book here is a git checkout; the build must stop before reading
any of it, with one warning naming what is committed.
"""

from __future__ import annotations

import os
import pickle
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sphinx_briefing.booktests import sphinx_command

from .harness import REPO, warnings_text


def committed_book(srcdir: Path, *planted: str) -> Path:
    """A test project made a git checkout, with ``planted`` paths force-added."""
    git = ["git", "-C", str(srcdir), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    if planted:
        subprocess.run([*git, "add", "-f", "--", *planted], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "book"], check=True)
    return srcdir


def stopped_build(srcdir: Path, builder: str = "html", build: Path | None = None) -> str:
    """The messages of a strict build, as ``make`` runs it into ``_build/`` (or ``build``),
    that must stop before it starts: exit status 2, no traceback."""
    command = sphinx_command(srcdir, builder, (build or srcdir / "_build") / builder)
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    return result.stderr


class Touch:
    """Unpickled, it creates the file it names: code a saved environment runs when loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


def test_a_committed_environment_is_never_loaded(project, tmp_path: Path) -> None:
    canary = tmp_path / "RAN"
    srcdir = project("checks")
    doctrees = srcdir / "_build" / "html-doctrees"
    doctrees.mkdir(parents=True)
    (doctrees / "environment.pickle").write_bytes(pickle.dumps(Touch(canary)))
    committed_book(srcdir, "_build/html-doctrees/environment.pickle")
    warning = stopped_build(srcdir)
    assert not canary.exists(), "a committed environment ran its code"
    assert re.search(r"environment\.pickle:1: WARNING: .*the build folders hold files committed to the repo", warning)


def test_a_book_in_a_folder_of_its_repository_is_guarded_too(project, tmp_path: Path) -> None:
    """A book in ``docs/`` that builds into the repository's ``_build``: the whole checkout is
    looked at, not only the book's folder."""
    canary = tmp_path / "RAN"
    book = project("checks")
    repository = book.parent / "repository"
    repository.mkdir()
    srcdir = book.rename(repository / "docs")
    doctrees = repository / "_build" / "html-doctrees"
    doctrees.mkdir(parents=True)
    (doctrees / "environment.pickle").write_bytes(pickle.dumps(Touch(canary)))
    committed_book(repository, "_build/html-doctrees/environment.pickle")
    warning = stopped_build(srcdir, build=repository / "_build")
    assert not canary.exists() and "../_build/html-doctrees/environment.pickle" in warning


def test_a_committed_pdf_and_stamp_stop_the_build_naming_them(project) -> None:
    srcdir = project("checks")
    pdf = srcdir / "_build" / "briefingpdf"
    pdf.mkdir(parents=True)
    (pdf / "briefing.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (x) >> >> endobj\n")
    (pdf / ".briefing-stamp").write_text("0" * 128, encoding="utf-8")
    committed_book(srcdir, "_build/briefingpdf/briefing.pdf", "_build/briefingpdf/.briefing-stamp")
    warning = stopped_build(srcdir, "briefingpdf")
    assert "_build/briefingpdf/.briefing-stamp" in warning and "_build/briefingpdf/briefing.pdf" in warning
    assert "[briefing.committed-build]" in warning


def test_a_committed_symlink_to_the_build_folder_stops_the_build(project, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    srcdir = project("checks")
    (srcdir / "_build").symlink_to(elsewhere)
    committed_book(srcdir, "_build")
    assert "(_build (a symlink))" in stopped_build(srcdir)
    assert not list(elsewhere.iterdir()), "the build wrote through the symlink"


def test_a_build_folder_nothing_commits_builds(make_app, project) -> None:
    """The ordinary case: a checkout whose build folder git ignores builds clean."""
    srcdir = committed_book(project("checks"))
    app = make_app("dummy", srcdir=srcdir, builddir=srcdir / "_build")
    app.build()
    assert not warnings_text(app)


PLANTED = 'import pathlib, os\npathlib.Path(os.environ["BRIEFING_CANARY"]).touch()\n'


@pytest.mark.parametrize("name", ["sphinx_design.py", "myst_parser.py", "typst.py"])
def test_a_module_in_the_book_never_shadows_what_the_build_imports(project, tmp_path: Path, name: str) -> None:
    """``python -m`` puts the working folder first on ``sys.path``, so a ``sphinx_design.py``
    at the book's root ran in place of the installed package (red team K). The build runs
    ``python -P -m sphinx``, as ``make`` and Read the Docs do."""
    canary = tmp_path / "RAN"
    srcdir = project("checks")
    (srcdir / name).write_text(PLANTED, encoding="utf-8")
    command = sphinx_command(srcdir, "html", tmp_path / "html")
    env = {**os.environ, "BRIEFING_CANARY": str(canary)}
    subprocess.run(command, cwd=srcdir, env=env, capture_output=True, check=False, timeout=300)
    assert not canary.exists(), f"{name} in the book ran as code"


def test_every_command_that_builds_or_installs_runs_python_without_the_working_folder() -> None:
    """The Makefile, Read the Docs' jobs and a new book's copies of both; the tests too, which build
    the book (new-user review: a book's `make test` ran `python -m pytest`)."""
    templates = REPO / "sphinx_briefing" / "scaffold" / "templates" / "book"
    files = [REPO / "Makefile", REPO / ".readthedocs.yaml", templates / "Makefile.tmpl"]
    files.append(templates / "dot-readthedocs.yaml.tmpl")
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not re.search(r"python -m (?:sphinx|pip|pytest)\b", line), f"{path.name}: {line.strip()}"


def built_offering(make_app, srcdir: Path, name: str, content: str) -> tuple[Any, str]:
    """``srcdir`` with a file ``name`` holding ``content``, offered as a download, built:
    the app, and its warnings."""
    (srcdir / name).write_text(content, encoding="utf-8")
    with (srcdir / "other.md").open("a", encoding="utf-8") as page:
        page.write(f"\nThe {{download}}`file <{name}>` is offered.\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    return app, warnings_text(app)


def test_a_file_git_does_not_track_is_not_published_until_it_is_added(make_app, project) -> None:
    """Red team N: a file neither committed nor ignored (a credential a CI step wrote under a
    fixed name, a local note) was published as a download. Staged, it is the book's."""
    srcdir = committed_book(project("checks"))
    app, warnings = built_offering(make_app, srcdir, "notes.txt", "SECRET-UNTRACKED")
    assert re.search(r"other\.md:\d+: WARNING: 'notes\.txt': notes\.txt is not the book's own file", warnings), warnings
    assert not [path for path in app.outdir.rglob("*") if path.is_file() and b"SECRET" in path.read_bytes()]
    app.cleanup()
    subprocess.run(["git", "-C", str(srcdir), "add", "notes.txt"], check=True)
    staged = make_app("html", srcdir=srcdir, freshenv=True)
    staged.build()
    assert not warnings_text(staged)


def test_a_file_git_ignores_is_not_published(make_app, project) -> None:
    """Red team K: a credential a CI step wrote, listed in .gitignore and never committed, was
    published as a download; a local note git ignores would have been published as a page."""
    srcdir = project("checks")
    (srcdir / ".gitignore").write_text("key.json\nscratch.md\n", encoding="utf-8")
    committed_book(srcdir)
    (srcdir / "scratch.md").write_text("---\norphan: true\n---\n# Scratch\n\nSECRET-NOTE\n", encoding="utf-8")
    app, warnings = built_offering(make_app, srcdir, "key.json", '{"token": "SECRET-CANARY"}')
    assert re.search(r"other\.md:\d+: WARNING: 'key\.json': key\.json is not the book's own file", warnings), warnings
    assert re.search(r"scratch\.md:1: WARNING: page is a file git ignores", warnings), warnings
    published = [path.read_bytes() for path in app.outdir.rglob("*") if path.is_file()]
    assert not [data for data in published if b"SECRET-CANARY" in data or b"SECRET-NOTE" in data]


def test_a_name_git_would_read_as_a_pattern_is_judged_as_written(make_app, project) -> None:
    """Red team S: git read the path as a pattern, so an untracked ``a[b].txt`` passed as
    tracked because ``ab.txt`` is."""
    srcdir = project("checks")
    (srcdir / "ab.txt").write_text("tracked words\n", encoding="utf-8")
    committed_book(srcdir)
    app, warnings = built_offering(make_app, srcdir, "a[b].txt", "SECRET-UNTRACKED")
    assert re.search(r"WARNING: 'a\[b\]\.txt': a\[b\]\.txt is not the book's own file", warnings), warnings
    assert not [path for path in app.outdir.rglob("*") if path.is_file() and b"SECRET" in path.read_bytes()]


def test_a_checkout_git_cannot_read_stops_the_build_saying_why(project, tmp_path: Path) -> None:
    """Red team S: with git missing (or refusing a checkout another user owns), every
    untracked file counted as the book's, and an ignored credential was published, green."""
    srcdir = project("checks")
    (srcdir / ".gitignore").write_text("key.json\n", encoding="utf-8")
    committed_book(srcdir)
    (srcdir / "key.json").write_text('{"token": "SECRET-CANARY"}', encoding="utf-8")
    with (srcdir / "other.md").open("a", encoding="utf-8") as page:
        page.write("\nThe {download}`file <key.json>` is offered.\n")
    no_git = tmp_path / "bin"  # a PATH with no git on it; the command names Python by its full path
    no_git.mkdir()
    command = sphinx_command(srcdir, "html", srcdir / "_build" / "html")
    result = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=300, env={**os.environ, "PATH": str(no_git)}
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert re.search(r"conf\.py:1: WARNING: .*the book is in a git checkout .*git is not installed", result.stderr)
    assert "[briefing.git-unreadable]" in result.stderr
    assert not (srcdir / "_build" / "html").exists()
