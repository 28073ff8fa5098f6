"""Typst's compile, run as a child process under a memory limit.

Typst is a library in this process's address space: when a book is too large for the
memory it can get (a 2,000-paragraph book needs about 4 GB; a table of 48,000 rows
more), its allocator aborts the whole process, Sphinx and all, with no message, no file
and no PDF (red team H). Run as a script in a child process whose address space is
limited, the abort ends only the child, and the build says what happened.

This file is run by path (``python typesetter.py``), not imported: it reads only the
standard library and Typst, so the child starts in a fraction of a second. The job goes
in as JSON on standard input; what Typst said comes back as JSON on standard output.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

import typst

#: Bytes in a megabyte, for the memory limit given in MB.
MEGABYTE = 1024 * 1024


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space, so Typst's allocator fails here, not in the build;
    a lower limit the build was started under is kept."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = min([megabytes * MEGABYTE, *(value for value in (soft, hard) if value != resource.RLIM_INFINITY)])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def diagnostic(item: typst.TypstError | typst.TypstWarning) -> dict[str, str]:
    """A Typst diagnostic as data the parent can read: its full text and its first message."""
    return {"diagnostic": item.diagnostic, "message": item.message}


def compile_job(job: dict) -> dict:
    """Print ``job["main"]`` under ``job["root"]`` into ``job["target"]``: the page count
    and the warnings, or no pages and the error."""
    root = Path(job["root"])
    compiler = typst.Compiler(str(root / job["main"]), root=str(root), font_paths=[], ignore_system_fonts=True)
    try:
        pdf, warnings = compiler.compile_with_warnings(
            format="pdf", pdf_standards=job["standards"], timestamp=job["timestamp"]
        )
        pages = json.loads(compiler.query("<bb-page-count>", field="value", one=True))
    except typst.TypstError as exc:
        return {"pages": None, "diagnostics": [diagnostic(exc)]}
    target = Path(job["target"])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    return {"pages": int(pages), "diagnostics": [diagnostic(warning) for warning in warnings]}


def main() -> None:
    job = json.load(sys.stdin)
    limit_memory(job["memory"])
    json.dump(compile_job(job), sys.stdout)


if __name__ == "__main__":
    main()
