"""``make bench``: build timings of the book and of synthetic libraries, against a baseline.

Every figure is measured in the same run side by side with a baseline: the same
pages built by plain Sphinx + MyST (+ sphinx-design, which the pages use) with no
briefing extension, where our directives and roles are simply unknown. This is a
report, not a test: it prints a table and checks the goals, but never fails CI.

Goals: cold HTML ≤ 1.25× baseline; one-chapter rebuild ≤ 0.35× the cold build;
per-chapter time at 200 chapters ≤ 1.2× that at 20; ``-j 2`` output identical to ``-j 1``;
the PDF book ≤ 1.0× the cold HTML build of the same book; ``make`` (HTML, PDF and
EPUB, each a fresh process) after editing one chapter ≤ 3 s. A LaTeX PDF of the same
book (``sphinx -b latex`` + ``latexmk``) is timed beside ours where TeX is installed.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sphinx_briefing.booktests import sphinx_command

from .book import copy_book, tree_outputs

BASELINE_CONF = """
project = "baseline"
extensions = ["myst_parser", "sphinx_design"]
html_theme = "furo"
exclude_patterns = ["source", "_build", "_templates"]
myst_enable_extensions = ["colon_fence", "deflist"]
suppress_warnings = ["myst", "docutils", "ref", "toc", "misc"]
"""


#: Runs one build in a fresh interpreter and prints its duration. Python's start-up and
#: Sphinx's import are left out of the timing: they are the same for both sides and
#: would otherwise swamp the small book's figures.
TIMED_BUILD = (
    "import sys, time\n"
    "from sphinx.cmd.build import build_main\n"
    "start = time.perf_counter()\n"
    "code = build_main(sys.argv[1:])\n"
    "print(time.perf_counter() - start)\n"
    "sys.exit(code)\n"
)


def run(srcdir: Path, outdir: Path, builder: str = "html", *extra: str, strict: bool = True) -> float:
    """Seconds for one sphinx-build; the build must succeed."""
    flags = ["-W", "--keep-going", "-n"] if strict else []
    args = ["-q", "-b", builder, *flags, "-d", str(outdir) + "-doctrees", *extra, str(srcdir), str(outdir)]
    result = subprocess.run([sys.executable, "-c", TIMED_BUILD, *args], capture_output=True, text=True)
    if strict and result.returncode != 0:
        raise SystemExit(f"build failed: sphinx-build {' '.join(args)}\n{result.stderr}")
    return float(result.stdout.strip().splitlines()[-1])


def as_baseline(project: Path) -> Path:
    """The same pages with a plain Sphinx + MyST configuration."""
    (project / "conf.py").write_text(BASELINE_CONF, encoding="utf-8")
    return project


# -- synthetic library ---------------------------------------------------------------


def synthetic_source(number: int) -> str:
    paragraphs = "\n\n".join(
        f'The programme {p} ran in {2000 + p}, spending ${p * 10} million. "It worked well," said Official Reyes.'
        for p in range(1, 11)
    )
    meta = f"---\nid: src-{number}\ntitle: Story {number}\ndateline: PLACE\ndate: '2017'\ndate_basis: stated\n---\n"
    return f"{meta}Story {number}\n\n{paragraphs}\n"


def synthetic_chapter(number: int) -> str:
    sid = f"src-{number}"
    return f"""# Chapter {number}

Official Reyes said "It worked well" {{cite}}`{sid}:1`. See {{person}}`p{number}`
and {{event}}`e{number}`, {{key-figure}}`f{number}` and {{term}}`T{number}`.

```{{person}} p{number}
:name: Official Reyes
:role: Official
:cite: {sid}:1
Said "It worked well" {{cite}}`{sid}:2`.
```

```{{event}} e{number}
:title: Event {number}
:date: 2003
:cite: {sid}:3
```

```{{key-figure}} f{number}
:value: $40 million
:measures: Spending {number}
:cite: {sid}:4
```

```{{source-paragraphs}} {sid}:1-10
```
"""


def synthetic_library(root: Path, chapters: int) -> Path:
    (root / "source").mkdir(parents=True)
    (root / "docs").mkdir()
    for number in range(1, chapters + 1):
        (root / "source" / f"src-{number}.md").write_text(synthetic_source(number), encoding="utf-8")
        (root / "docs" / f"c{number}.md").write_text(synthetic_chapter(number), encoding="utf-8")
    terms = "\n\n".join(f"T{n}\n   Term {n}." for n in range(1, chapters + 1))
    generated = "".join(
        f"\n```{{{kind}}}\n```\n" for kind in ("whos-who", "timeline", "key-figures", "coverage-report")
    )
    (root / "docs" / "generated.md").write_text(f"# Generated\n{generated}", encoding="utf-8")
    (root / "docs" / "annex.md").write_text("# Annex\n\n```{source-annex}\n```\n", encoding="utf-8")
    (root / "docs" / "glossary.md").write_text(f"# Glossary\n\n```{{glossary}}\n{terms}\n```\n", encoding="utf-8")
    toc = "\n".join([*(f"docs/c{n}" for n in range(1, chapters + 1)), "docs/generated", "docs/glossary", "docs/annex"])
    (root / "index.md").write_text(f"# Library\n\n```{{toctree}}\n{toc}\n```\n", encoding="utf-8")
    (root / "conf.py").write_text(
        'project = "library"\nextensions = ["myst_parser", "sphinx_briefing"]\nprimary_domain = "brief"\n'
        'html_theme = "furo"\nexclude_patterns = ["source", "_build"]\nbriefing_default_source = "src-1"\n'
        # Speed, not prose: the generated glossary and annex numbers rest on no paragraph.
        'suppress_warnings = ["briefing.unsupported-number"]\n',
        encoding="utf-8",
    )
    return root


# -- measurements ------------------------------------------------------------------


def touch_chapter(project: Path, relative: str) -> None:
    path = project / relative
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")


def book_rows(work: Path) -> list[tuple[str, float, float | None]]:
    ours = copy_book(work / "ours")
    base = as_baseline(copy_book(work / "base"))
    pdf = (run(ours, work / "o-pdf", "briefingpdf"), run(base, work / "b-single", "singlehtml", strict=False))

    def html(project: Path, out: str) -> float:
        return run(project, work / out) if project == ours else run(project, work / out, strict=False)

    rows: list[tuple[str, float, float | None]] = [("cold HTML", html(ours, "o-html"), html(base, "b-html"))]
    rows.append(("no-change rebuild", html(ours, "o-html"), html(base, "b-html")))
    touch_chapter(ours, "docs/border.md")
    touch_chapter(base, "docs/border.md")
    rows.append(("rebuild after editing one chapter", html(ours, "o-html"), html(base, "b-html")))
    rows.append(("PDF (ours) / single-page HTML (baseline)", *pdf))
    rows.append(("EPUB", run(ours, work / "o-epub", "epub"), run(base, work / "b-epub", "epub", strict=False)))
    return rows


def print_rows(work: Path) -> tuple[list[tuple[str, float, float | None]], str]:
    """The PDF book against the cold HTML build of the same book, and against LaTeX where TeX is."""
    book = copy_book(work / "print")
    html = run(book, work / "p-html")
    rows: list[tuple[str, float, float | None]] = [
        ("PDF book (Typst) / cold HTML of the same book", run(book, work / "p-pdf", "briefingpdf"), html)
    ]
    if shutil.which("latexmk") is None:
        return rows, "LaTeX row skipped: latexmk (TeX) is not installed here."
    latex = run(book, work / "p-latex", "latex", strict=False)
    started = time.perf_counter()
    subprocess.run(["latexmk", "-pdf", "-interaction=nonstopmode", "-quiet"], cwd=work / "p-latex", capture_output=True)
    rows.append(
        ("PDF book: Typst / LaTeX (sphinx -b latex + latexmk)", rows[0][1], latex + time.perf_counter() - started)
    )
    return rows, ""


def make_after_edit(work: Path) -> float:
    """Wall-clock seconds of `make`'s three builds (fresh processes, as make runs them) after
    editing one chapter of a book built before."""
    book = copy_book(work / "make")
    builds = [("html", work / "m-html"), ("briefingpdf", work / "m-pdf"), ("epub", work / "m-epub")]
    for builder, out in builds:
        run(book, out, builder)
    touch_chapter(book, "docs/border.md")
    started = time.perf_counter()
    for builder, out in builds:
        subprocess.run(sphinx_command(book, builder, out), capture_output=True, check=True)
    return time.perf_counter() - started


def scale_rows(work: Path) -> tuple[list[tuple[str, float, float | None]], dict[str, float]]:
    """Cold builds at 20 and 200 chapters; per-chapter seconds keyed 'ours-20', 'base-200' ..."""
    rows: list[tuple[str, float, float | None]] = []
    per_chapter: dict[str, float] = {}
    for chapters in (20, 200):
        ours = synthetic_library(work / f"lib{chapters}", chapters)
        base = as_baseline(synthetic_library(work / f"base{chapters}", chapters))
        cold = run(ours, work / f"lib{chapters}-html")
        plain = run(base, work / f"base{chapters}-html", strict=False)
        per_chapter[f"ours-{chapters}"], per_chapter[f"base-{chapters}"] = cold / chapters, plain / chapters
        rows.append((f"cold HTML, {chapters} chapters", cold, plain))
    return rows, per_chapter


def parallel_row(work: Path) -> tuple[tuple[str, float, float | None], bool]:
    library = synthetic_library(work / "par", 200)
    serial = run(library, work / "par-j1")
    parallel = run(library, work / "par-j2", "html", "-j", "2")
    identical = tree_outputs(work / "par-j1") == tree_outputs(work / "par-j2")
    return (f"200 chapters, -j 2 vs -j 1 (speed-up {serial / parallel:.2f}×)", parallel, serial), identical


def table(rows: list[tuple[str, float, float | None]]) -> str:
    lines = ["| build | briefing (s) | baseline (s) | ratio |", "|---|---:|---:|---:|"]
    for name, ours, base in rows:
        ratio = f"{ours / base:.2f}×" if base else "—"
        lines.append(f"| {name} | {ours:.2f} | {base:.2f} | {ratio} |" if base else f"| {name} | {ours:.2f} | — | — |")
    return "\n".join(lines)


def goal(label: str, ok: bool, detail: str) -> str:
    return f"- {'met' if ok else 'MISSED'}: {label} ({detail})"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = book_rows(work)
        printing, latex_note = print_rows(work)
        make_seconds = make_after_edit(work)
        scale, per_chapter = scale_rows(work)
        par, identical = parallel_row(work)
    cold, rebuild = rows[0], rows[2]
    growth = per_chapter["ours-200"] / per_chapter["ours-20"]
    base_growth = per_chapter["base-200"] / per_chapter["base-20"]
    report: list[tuple[str, bool, str]] = [
        ("cold HTML ≤ 1.25× baseline", cold[1] <= 1.25 * cold[2], f"{cold[1] / cold[2]:.2f}×"),
        (
            "one-chapter rebuild ≤ 0.35× cold",
            rebuild[1] <= 0.35 * cold[1],
            f"{rebuild[1] / cold[1]:.2f}×; baseline's own {rebuild[2] / cold[2]:.2f}×",
        ),
        ("per-chapter time at 200 ≤ 1.2× at 20", growth <= 1.2, f"{growth:.2f}×; baseline's own {base_growth:.2f}×"),
        ("-j 2 output identical to -j 1", identical, "identical" if identical else "differs"),
        (
            "PDF book ≤ 1.0× cold HTML of the same book",
            printing[0][1] <= printing[0][2],
            f"{printing[0][1] / printing[0][2]:.2f}×",
        ),
        ("make after editing one chapter ≤ 3 s", make_seconds <= 3.0, f"{make_seconds:.2f} s, three fresh processes"),
    ]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"Benchmark, {date.today().isoformat()}, {machine}\n")
    print(table([*rows, *scale, par]))
    print("\nPrinting (the baseline column is the comparison named in each row):\n")
    print(table(printing))
    if latex_note:
        print(latex_note)
    print("\nGoals:")
    print("\n".join(goal(*item) for item in report))


if __name__ == "__main__":
    main()
