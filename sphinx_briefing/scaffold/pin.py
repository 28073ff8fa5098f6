"""Which ``sphinx-briefing`` a new book installs: one immutable reference, never a bare index pin.

The toolkit is not published on a package index, and a bare ``sphinx-briefing==1.0.0``
would install whoever registers that name first. A book therefore depends on the
toolkit as a Python project depends on any library it does not get from an index: by
a direct reference that cannot change under it (PEP 440's ``name @ url``), a git URL
with its full commit, or an archive URL with its SHA-256. The reference is taken from
the toolkit checkout (its remote and HEAD commit) or named by the user; a checkout
that a book's machines could not install from (no remote, uncommitted changes, a
commit no remote branch holds) is refused with the command that fixes it.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

PACKAGE_NAME = "sphinx-briefing"
#: ``git+<url>@<40 hex digits>``: a commit, not a branch or tag that can move. No ``#``: pip
#: reads nothing after one, so ``….git@main#@<hex>`` installed the branch (red team Y).
_GIT = re.compile(r"^git\+(?:https|ssh|file)://[^@\s#]*(?:@[^@\s#]*)?@[0-9a-f]{40}$")
#: ``https://…/sphinx_briefing-1.0.0.tar.gz#sha256=<64 hex digits>``: an archive by its hash.
_ARCHIVE = re.compile(r"^https://\S+#sha256=[0-9a-f]{64}$")
#: Characters no URL needs, and which TOML, YAML, Markdown or a shell would read.
_UNSAFE = re.compile(r"[\s\"'`<>{}|\\^]")
#: ``git@host:owner/repo.git``, git's short form for ssh.
_SCP = re.compile(r"^(?P<user>[\w.-]+)@(?P<host>[\w.-]+):(?P<path>[^/].*)$")
HOW = (
    "name the toolkit to install instead: make new TOOLKIT=git+https://host/owner/sphinx-briefing.git@<commit> "
    "(sphinx-briefing new --toolkit …)"
)


class PinError(Exception):
    """No immutable reference can be given to the new book; the message says how to give one."""


def requirement(reference: str) -> str:
    """The dependency line for a reference named by the user (``--toolkit``/``TOOLKIT=``).

    Refuses a version, a branch, a tag or a short commit: only a full commit or an
    archive's hash cannot change under the book. Refuses a URL holding a password, a
    token or a query string (where tokens and signatures ride), which the book would publish."""
    unsafe = _UNSAFE.search(reference)
    if unsafe:
        char = unsafe.group()
        shown = repr(char) if char.isprintable() else f"U+{ord(char):04X}"
        raise PinError(f"the toolkit reference holds {shown}, which no URL needs and a shell, TOML or pip would read")
    if urlsplit(reference.removeprefix("git+")).netloc.rpartition("@")[2].startswith("-"):
        raise PinError("the toolkit reference is refused: its host starts with '-', which git would read as an option")
    if not (_GIT.match(reference) or _ARCHIVE.match(reference)):
        raise PinError(
            f"the toolkit reference {reference!r} is not immutable; give a git URL with a full commit "
            "(git+https://host/owner/sphinx-briefing.git@<40 hex digits>) or an archive URL with its hash (https://…#sha256=<64 hex digits>)"
        )
    location = urlsplit(reference.removeprefix("git+"))
    if location.password:
        raise PinError(
            "the toolkit reference holds a password or token, which the new book would publish; use a URL without it"
        )
    if location.username and location.scheme != "ssh":
        # ssh names its account (git@host); over https a user name is how a token is given
        raise PinError(
            "the toolkit reference holds a user name or token before '@', which the new book would publish; "
            "use a URL without it"
        )
    if location.query:
        # red team H: a GitLab private_token or an S3 signature rides in the query string
        raise PinError(
            "the toolkit reference holds a query string ('?…'), where URLs carry tokens and signatures, "
            "which the new book would publish; use a URL without one"
        )
    # A requirement's URL needs a host (packaging refuses git+file:///…); git reads localhost.
    return f"{PACKAGE_NAME} @ {reference.replace('git+file:///', 'git+file://localhost/', 1)}"


def from_checkout(checkout: Path) -> str:
    """The dependency line for the toolkit checkout's HEAD on its remote."""
    head = _git(checkout, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if head is None:
        raise PinError(
            f"{checkout} is not a git checkout with a commit, so a new book cannot install it from anywhere; {HOW}"
        )
    remote, shown = _remote(checkout), shlex.quote(str(checkout))  # pasted into a shell: quoted
    if _git(checkout, "status", "--porcelain", "--untracked-files=no"):
        raise PinError(
            f"the toolkit checkout {checkout} has uncommitted changes, which a new book could not install; "
            f"commit and push them (git -C {shown} commit -a && git -C {shown} push), or {HOW}"
        )
    if not _git(checkout, "branch", "--remotes", "--contains", head):
        raise PinError(
            f"commit {head[:12]} of the toolkit checkout {checkout} is on no branch of its remote {remote!r} that git knows of; "
            f"push it first (git -C {shown} push {remote} HEAD), or {HOW}"
        )
    url = _git(checkout, "remote", "get-url", remote) or ""
    return requirement(f"git+{_pip_url(url, checkout)}@{head}")


def _remote(checkout: Path) -> str:
    """The remote of the current branch, else ``origin``, else the only one."""
    names = (_git(checkout, "remote") or "").split()
    upstream = _git(checkout, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}") or ""
    for name in (upstream.split("/", 1)[0], "origin", *names[:1]):
        if name in names:
            return name
    shown = shlex.quote(str(checkout))  # pasted into a shell: quoted
    raise PinError(
        f"the toolkit checkout {checkout} has no git remote, so a new book could only install it from this machine. "
        f"Push it to a repository that the book's machines (and Read the Docs) can reach: "
        f"git -C {shown} remote add origin <url> && git -C {shown} push origin HEAD; or {HOW}"
    )


def _pip_url(url: str, checkout: Path) -> str:
    """A remote URL as pip reads it: scp-like ssh and local paths become URLs."""
    scp = _SCP.match(url)
    if scp:
        return f"ssh://{scp['user']}@{scp['host']}/{scp['path']}"
    if "://" not in url:
        return (checkout / url).resolve().as_uri()
    return url


def _git(checkout: Path, *args: str) -> str | None:
    """git's output, stripped; None when git fails (or is not installed)."""
    try:
        result = subprocess.run(["git", "-C", str(checkout), *args], capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None
