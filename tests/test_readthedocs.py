"""Read the Docs runs the same builds: the configuration's own commands, run here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .book import REPO, copy_book

CONFIG = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))


def test_configuration_builds_sphinx_strictly_from_the_root() -> None:
    assert CONFIG["version"] == 2
    assert CONFIG["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}
    assert "apt_packages" not in CONFIG["build"], "the PDF engine is a wheel: no system packages"
    assert any("constraints.txt" in command for command in CONFIG["build"]["jobs"]["install"])


def test_what_read_the_docs_publishes_is_released() -> None:
    """Every build command sets briefing_release, so a draft mark left fails it."""
    builds = [
        command
        for job in ("html", "pdf", "epub")
        for command in CONFIG["build"]["jobs"]["build"][job]
        if "-m sphinx" in command
    ]
    assert len(builds) == 3 and all("-D briefing_release=1" in command for command in builds)


@pytest.mark.book
@pytest.mark.parametrize(("job", "suffix"), [("pdf", ".pdf"), ("epub", ".epub")])
def test_publish_jobs_leave_exactly_one_file(tmp_path: Path, job: str, suffix: str) -> None:
    """Each job's commands, run as Read the Docs runs them on a fresh copy of the book,
    leave one file of the right kind in its output folder."""
    book = copy_book(tmp_path / "book")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"  # `python` is the test's Python
    env = {**os.environ, "READTHEDOCS_OUTPUT": str(tmp_path), "PATH": path}
    for command in CONFIG["build"]["jobs"]["build"][job]:
        result = subprocess.run(["bash", "-c", command], cwd=book, env=env, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
    published = list((tmp_path / job).iterdir())
    assert [path.suffix for path in published] == [suffix]
    assert published[0].stat().st_size > 10_000


def test_no_command_runs_a_setting_from_conf_py() -> None:
    """The PDF job once pasted conf.py's raw briefing_pdf_basename into its copy command; the
    build refuses a name that is not a file name and writes the default, so the job copies
    what the build wrote instead."""
    commands = [command for job in CONFIG["build"]["jobs"]["build"].values() for command in job]
    assert not [command for command in commands if "conf.py" in command or "briefing_pdf_basename" in command]


def test_no_pre_build_step_is_needed() -> None:
    """The HTML build prints the read-ahead it offers; the PDF job prints the book."""
    assert "pre_build" not in CONFIG["build"]["jobs"]
    assert any("-b briefingpdf" in command for command in CONFIG["build"]["jobs"]["build"]["pdf"])


@pytest.mark.book
def test_read_the_docs_html_command_succeeds_on_a_fresh_copy(tmp_path: Path) -> None:
    """The HTML job's command (strict, released), on a copy of the book with nothing built
    before it: the web build stands alone and prints the read-ahead it offers."""
    book = copy_book(tmp_path / "book")
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    env = {**os.environ, "READTHEDOCS_OUTPUT": str(tmp_path), "PATH": path}
    for command in CONFIG["build"]["jobs"]["build"]["html"]:
        result = subprocess.run(["bash", "-c", command], cwd=book, env=env, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "html"
    assert (out / "index.html").is_file()
    assert list((out / "_downloads").glob("*-readahead.pdf"))
