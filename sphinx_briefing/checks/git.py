"""What git says of the book's checkout: asked one way, and failing closed.

Git decides which files are the book's own: a build folder nothing commits
(:mod:`.build_folders`), a picture or download git tracks, a page git does not ignore
(:mod:`.files`). Each answer once failed open: when git could not read the checkout
(not installed; a checkout another user owns, which git refuses as "dubious
ownership" in a CI container running as root), every untracked file counted as the
book's, and an ignored credential was published, green (red team S). And a path was
read as a pattern: an untracked ``a[b].png`` passed because ``ab.png`` is tracked.

So a checkout is recognised without git (a ``.git`` in the book's folder or above it),
every path is literal (``--literal-pathspecs``), and when git cannot answer in a
checkout, :class:`GitCannotTell` says why, in git's own first line.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

#: How long one git command may take.
TIMEOUT = 60


class GitCannotTell(Exception):
    """The book is in a git checkout, and git cannot say what it holds."""


def checkout(folder: Path) -> Path | None:
    """The top folder of the git checkout that holds ``folder``, found without git, as git
    finds it: a ``.git`` folder that holds a ``HEAD``, or a worktree's ``.git`` file; None
    outside a checkout (a stray ``.git/config`` makes none, for git or here)."""
    here = folder.resolve()
    return next((place for place in (here, *here.parents) if _is_git(place / ".git")), None)


def _is_git(path: Path) -> bool:
    return path.is_file() or (path / "HEAD").is_file()


def git(
    folder: Path, *arguments: str, accepted: tuple[int, ...] = (0,), stdin: bytes | None = None, literal: bool = True
) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``folder``, every path literal (``literal``: ``check-ignore`` takes paths,
    not patterns, and refuses the option); its result when its exit status is one of
    ``accepted``, else :class:`GitCannotTell` with git's reason."""
    command = ["git", *(["--literal-pathspecs"] if literal else []), "-C", str(folder), *arguments]
    try:
        done = subprocess.run(command, input=stdin, capture_output=True, check=False, timeout=TIMEOUT)
    except FileNotFoundError as error:
        raise GitCannotTell("git is not installed") from error
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitCannotTell(f"git did not run: {error}") from error
    if done.returncode not in accepted:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitCannotTell(said[0] if said else f"git stopped with status {done.returncode}")
    return done
