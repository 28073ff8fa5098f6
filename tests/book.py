"""Building the real book for tests and benchmarks: one function, the same flags as `make`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parent.parent
STRICT = ["-W", "--keep-going", "-n", "-q"]


def sphinx_build(builder: str, outdir: Path, *extra: str, srcdir: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build strictly and return the finished process (never raises)."""
    command = [sys.executable, "-m", "sphinx", "-b", builder, *STRICT, "-d", str(outdir.parent / f"{outdir.name}-doctrees"), *extra, str(srcdir), str(outdir)]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=900)


def built(builder: str, outdir: Path, *extra: str) -> Path:
    """Build and fail loudly, with Sphinx's own messages, if the build is not clean."""
    result = sphinx_build(builder, outdir, *extra)
    assert result.returncode == 0, f"{builder} build failed:\n{result.stdout}\n{result.stderr}"
    assert result.stderr.strip() == "", result.stderr
    return outdir
