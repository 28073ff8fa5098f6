"""A new book pins the toolkit by an immutable reference, taken from the toolkit's git checkout.

Each case is a real git repository in a temporary folder, with a local bare repository
standing in for the remote.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sphinx_briefing.scaffold.pin import PinError, from_checkout, requirement

SHA = "0123456789abcdef0123456789abcdef01234567"


def git(folder: Path, *args: str) -> str:
    result = subprocess.run(
        [
            "git",
            "-C",
            str(folder),
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A committed checkout with no remote."""
    folder = tmp_path / "toolkit"
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "one")
    return folder


def pushed(checkout: Path, tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    git(checkout, "remote", "add", "origin", str(bare))
    git(checkout, "push", "-q", "origin", "HEAD:refs/heads/main")
    git(checkout, "fetch", "-q", "origin")
    return bare


def test_the_pin_is_the_remote_and_the_commit(checkout: Path, tmp_path: Path) -> None:
    bare = pushed(checkout, tmp_path)
    head = git(checkout, "rev-parse", "HEAD")
    assert from_checkout(checkout) == f"sphinx-briefing @ git+file://localhost{bare.resolve()}@{head}"


def test_no_remote_is_refused_saying_how_to_set_one(checkout: Path) -> None:
    with pytest.raises(PinError, match=r"has no git remote.*git -C .* remote add origin <url>.*TOOLKIT=git\+"):
        from_checkout(checkout)


def test_uncommitted_changes_are_refused(checkout: Path, tmp_path: Path) -> None:
    pushed(checkout, tmp_path)
    (checkout / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    with pytest.raises(PinError, match="uncommitted changes"):
        from_checkout(checkout)


def test_a_commit_not_pushed_is_refused(checkout: Path, tmp_path: Path) -> None:
    pushed(checkout, tmp_path)
    git(checkout, "commit", "-q", "--allow-empty", "-m", "two")
    with pytest.raises(PinError, match=r"on no branch of its remote 'origin'.*git -C .* push origin HEAD"):
        from_checkout(checkout)


def test_not_a_git_checkout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PinError, match="not a git checkout"):
        from_checkout(tmp_path)


@pytest.mark.parametrize(
    "url", ["git@example.org:owner/sphinx-briefing.git", "https://example.org/owner/sphinx-briefing.git"]
)
def test_remote_urls_become_urls_pip_reads(checkout: Path, tmp_path: Path, url: str) -> None:
    pushed(checkout, tmp_path)
    git(checkout, "remote", "set-url", "origin", url)
    expected = "ssh://git@example.org/owner/sphinx-briefing.git" if url.startswith("git@") else url
    assert from_checkout(checkout) == f"sphinx-briefing @ git+{expected}@{git(checkout, 'rev-parse', 'HEAD')}"


@pytest.mark.parametrize(
    "reference",
    [
        f"git+https://example.org/o/sphinx-briefing.git@{SHA}",
        f"git+ssh://git@example.org/o/sphinx-briefing.git@{SHA}",
        f"git+file:///srv/git/sphinx-briefing.git@{SHA}",
        "https://example.org/sphinx_briefing-1.0.0.tar.gz#sha256=" + "a" * 64,
    ],
)
def test_immutable_references_are_accepted(reference: str) -> None:
    assert requirement(reference) == f"sphinx-briefing @ {reference.replace('file:///', 'file://localhost/')}"


@pytest.mark.parametrize(
    ("reference", "words"),
    [
        ("1.0.0", "not immutable"),
        ("sphinx-briefing==1.0.0", "not immutable"),
        ("git+https://example.org/o/sphinx-briefing.git@main", "not immutable"),
        ("git+https://example.org/o/sphinx-briefing.git@v1.0.0", "not immutable"),
        (f"git+https://example.org/o/sphinx-briefing.git@{SHA[:12]}", "not immutable"),
        (f"git+http://example.org/o/sphinx-briefing.git@{SHA}", "not immutable"),
        # red team Y: pip reads nothing after "#", so these install a branch
        (f"git+https://example.org/o/sphinx-briefing.git@main#@{SHA}", "not immutable"),
        (f"git+https://example.org/o/sphinx-briefing.git#egg=x@{SHA}", "not immutable"),
        (f'git+https://example.org/o/x".git@{SHA}', "holds '\"', which no URL needs"),
        (f"git+https://example.org/o/x.git@{SHA}\nmalicious = 1", "holds U\\+000A, which no URL needs"),
        (f"git+https://example.org/o/x.git@{SHA} --index-url https://evil", "holds ' ', which no URL needs"),
        (f"git+ssh://-oProxyCommand=touch/o@{SHA}", "its host starts with '-'"),
        (f"git+https://user:token@example.org/o/sphinx-briefing.git@{SHA}", "password or token"),
        (f"git+https://ghp_TOKEN@github.com/o/sphinx-briefing.git@{SHA}", "user name or token"),
        (f"https://ghp_TOKEN@example.org/sphinx_briefing-1.0.tar.gz#sha256={'a' * 64}", "user name or token"),
        (
            f"https://gitlab.example.com/sb.tar.gz?private_token=glpat-SECRET&X-Amz-Signature=beef#sha256={'a' * 64}",
            "query string",
        ),
        (f"git+https://example.org/o/sphinx-briefing.git?private_token=glpat-SECRET@{SHA}", "query string"),
    ],
)
def test_mutable_or_unsafe_references_are_refused(reference: str, words: str) -> None:
    with pytest.raises(PinError, match=words):
        requirement(reference)
