"""Read the Docs runs the same builds: the configuration's own commands, run here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .book import REPO

pytestmark = pytest.mark.book

CONFIG = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))


def test_configuration_builds_sphinx_strictly_from_the_root() -> None:
    assert CONFIG["version"] == 2
    assert CONFIG["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}
    assert {"libpango-1.0-0", "libpangoft2-1.0-0"} <= set(CONFIG["build"]["apt_packages"])
    assert any("constraints.txt" in command for command in CONFIG["build"]["jobs"]["install"])


@pytest.mark.parametrize(("job", "suffix"), [("pdf", ".pdf"), ("epub", ".epub")])
def test_publish_jobs_leave_exactly_one_file(printed_book: Path, tmp_path: Path, job: str, suffix: str) -> None:
    """After the pre-build (``printed_book`` runs its command), each job's commands, run as
    Read the Docs runs them, leave one file of the right kind in its output folder."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"  # `python` is the test's Python
    env = {**os.environ, "READTHEDOCS_OUTPUT": str(tmp_path), "PATH": path}
    for command in CONFIG["build"]["jobs"]["build"][job]:
        result = subprocess.run(["bash", "-c", command], cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
    published = list((tmp_path / job).iterdir())
    assert [path.suffix for path in published] == [suffix]
    assert published[0].stat().st_size > 10_000


def test_pre_build_is_the_pdf_build_the_tests_use() -> None:
    (command,) = CONFIG["build"]["jobs"]["pre_build"]
    assert "-b briefingpdf" in command and command.endswith(" . _build/pdf")
