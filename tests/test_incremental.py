"""Incremental and parallel builds give the same bytes as clean serial builds.

The pattern of sphinxcontrib-bibtex's ``test_parallel.py``: build, change a file,
rebuild, and compare with a clean build of the changed project.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from sphinx_briefing.records import freshness

from .harness import ROOTS, SCRIPTED_SVG, SVG_OPEN, Edit, line_of, warnings_in, warnings_text

SCRIPTLESS_SVG = (SVG_OPEN + "<rect width='10' height='10'/></svg>").encode()


def outputs(outdir: Path) -> dict[str, bytes]:
    """The reader-facing outputs: pages and data files (not Sphinx's caches)."""
    files = [*outdir.rglob("*.html"), *outdir.rglob("_data/*")]
    return {str(path.relative_to(outdir)): path.read_bytes() for path in files}


def build(make_app, srcdir: Path, outdir: Path, parallel: int = 0):
    app = make_app("html", srcdir=srcdir, builddir=outdir, parallel=parallel, freshenv=False)
    app.build()
    assert warnings_text(app) == ""
    app.cleanup()  # docutils' global registries, so the next app in this test starts clean
    return app


def copy_root(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(ROOTS / "test-basic", target)
    return target


def edit_event(srcdir: Path) -> None:
    index = srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace(":title: Lee arrives", ":title: Lee arrives in town"),
        encoding="utf-8",
    )


@pytest.mark.parametrize("parallel", [2, 4])
def test_parallel_build_matches_serial(make_app, tmp_path: Path, parallel: int) -> None:
    serial = build(make_app, copy_root(tmp_path, "serial"), tmp_path / "out-serial")
    par = build(make_app, copy_root(tmp_path, "par"), tmp_path / "out-par", parallel=parallel)
    assert outputs(Path(par.outdir)) == outputs(Path(serial.outdir))


def test_editing_a_chapter_updates_the_timeline_like_a_clean_build(make_app, tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path, "incr")
    build(make_app, srcdir, tmp_path / "out-incr")
    edit_event(srcdir)
    incremental = build(make_app, srcdir, tmp_path / "out-incr")
    assert "Lee arrives in town" in (Path(incremental.outdir) / "generated.html").read_text(encoding="utf-8")
    clean_src = copy_root(tmp_path, "clean")
    edit_event(clean_src)
    clean = build(make_app, clean_src, tmp_path / "out-clean")
    assert outputs(Path(incremental.outdir)) == outputs(Path(clean.outdir))


@pytest.mark.parametrize("fresh", [False, True], ids=["saved environment", "fresh environment"])
@pytest.mark.parametrize("builder", ["html", "epub"])
def test_a_deleted_page_leaves_the_output(make_app, tmp_path: Path, builder: str, fresh: bool) -> None:
    """Sphinx forgets a deleted page but left the file it had written, which a deploy of the
    folder (or the EPUB, which packs the whole folder) then published again. With a fresh
    environment (``-E``, or the doctrees deleted) Sphinx reports nothing removed: red team H
    found the page published again that way."""
    srcdir = copy_root(tmp_path, "deleted")
    (srcdir / "secret.md").write_text(
        "---\norphan: true\n---\n# Withdrawn\n\nWithdrawn words, code name Zebrafinchword.\n", encoding="utf-8"
    )
    first = make_app(builder, srcdir=srcdir, builddir=tmp_path / "out", freshenv=False)
    first.build()
    page = Path(first.builder.get_outfilename("secret"))
    assert page.is_file()
    first.cleanup()
    (srcdir / "secret.md").unlink()
    again = make_app(builder, srcdir=srcdir, builddir=tmp_path / "out", freshenv=fresh)
    again.build()
    assert not page.exists()
    assert not [
        path
        for path in Path(again.outdir).rglob("*")
        if path.is_file()
        and (b"Withdrawn words" in path.read_bytes() or b"zebrafinchword" in path.read_bytes().lower())
    ]


@pytest.mark.parametrize("fresh", [False, True], ids=["saved environment", "fresh environment"])
@pytest.mark.parametrize("builder", ["html", "epub"])
def test_a_file_the_build_never_wrote_stays_in_the_output(make_app, tmp_path: Path, builder: str, fresh: bool) -> None:
    """The output folder may be shared: a ``gh-pages`` checkout, other versions of the site,
    a mistyped path. Red team AB found every page file there that was no page of the book
    deleted, in other projects' folders and in ``.git`` too."""
    srcdir = copy_root(tmp_path, "shared")
    outdir = tmp_path / "out" / builder
    foreign = {"landing.html": "before", "other/index.html": "before", ".git/notes.html": "before"}
    foreign_later = {"v1/index.html": "between", "docs.html": "between"}

    def plant(files: dict[str, str]) -> None:
        for name, text in files.items():
            (outdir / name).parent.mkdir(parents=True, exist_ok=True)
            (outdir / name).write_text(text, encoding="utf-8")

    plant(foreign)
    first = make_app(builder, srcdir=srcdir, builddir=tmp_path / "out", freshenv=False)
    first.build()
    first.cleanup()
    plant(foreign_later)
    again = make_app(builder, srcdir=srcdir, builddir=tmp_path / "out", freshenv=fresh)
    again.build()
    # the EPUB builder names each file it will not pack (Sphinx's own warning), and goes on
    assert [line for line in warnings_text(again).splitlines() if "[epub.unknown_project_files]" not in line] == []
    kept = {
        name: (outdir / name).read_text(encoding="utf-8")
        for name in {**foreign, **foreign_later}
        if (outdir / name).exists()
    }
    assert kept == {**foreign, **foreign_later}


def test_a_name_added_to_the_output_folders_list_deletes_nothing_the_build_did_not_write(
    make_app, tmp_path: Path
) -> None:
    """Red team AC: the list of pages was trusted as written, so a name added to it (a second
    book's list, another site's) deleted that page. A listed file is deleted only while it
    holds what the build wrote."""
    srcdir = copy_root(tmp_path, "listed")
    outdir = tmp_path / "out" / "html"
    build(make_app, srcdir, tmp_path / "out")
    manifest = outdir / ".briefing-pages"
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    listed["foreign"] = {"foreign.html": listed["index"]["index.html"], "v2/index.html": "0" * 64}
    manifest.write_text(json.dumps(listed), encoding="utf-8")
    (outdir / "v2").mkdir()
    for name in ("foreign.html", "v2/index.html"):
        (outdir / name).write_text("another site's page", encoding="utf-8")
    build(make_app, srcdir, tmp_path / "out")
    assert {name: (outdir / name).read_text(encoding="utf-8") for name in ("foreign.html", "v2/index.html")} == {
        "foreign.html": "another site's page",
        "v2/index.html": "another site's page",
    }


@pytest.mark.parametrize("folder", ["_downloads", "_images"])
def test_a_link_in_place_of_the_copies_folder_deletes_nothing_outside(make_app, tmp_path: Path, folder: str) -> None:
    """Red team AC: with ``_downloads`` replaced by a link to another folder, the sweep of
    copies no page names emptied that folder."""
    srcdir = copy_root(tmp_path, "linked")
    outdir = tmp_path / "out" / "html"
    build(make_app, srcdir, tmp_path / "out")
    victim = tmp_path / "victim"
    (victim / "sub").mkdir(parents=True)
    (victim / "precious.txt").write_text("keep", encoding="utf-8")
    (victim / "sub" / "notes.md").write_text("keep", encoding="utf-8")
    shutil.rmtree(outdir / folder, ignore_errors=True)
    (outdir / folder).symlink_to(victim, target_is_directory=True)
    build(make_app, srcdir, tmp_path / "out")
    assert sorted(path.relative_to(victim).as_posix() for path in victim.rglob("*") if path.is_file()) == [
        "precious.txt",
        "sub/notes.md",
    ]


def edit_source(srcdir: Path) -> None:
    source = srcdir / "source" / "sample.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Ann Lee arrived", "Ann Lee came"), encoding="utf-8")


def test_editing_the_source_rewrites_every_page_that_shows_it_like_a_clean_build(make_app, tmp_path: Path) -> None:
    """The coverage report previews each paragraph but reads no page of its own: it once
    kept the old words after a source edit, while the annex showed the new ones."""
    srcdir = copy_root(tmp_path, "src")
    build(make_app, srcdir, tmp_path / "out")
    edit_source(srcdir)
    app = build(make_app, srcdir, tmp_path / "out")
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Ann Lee came in 2004" in html
    assert "Ann Lee came in 2004" in (Path(app.outdir) / "annex.html").read_text(encoding="utf-8")
    clean_src = copy_root(tmp_path, "clean")
    edit_source(clean_src)
    clean = build(make_app, clean_src, tmp_path / "out-clean")
    assert outputs(Path(app.outdir)) == outputs(Path(clean.outdir))


def test_a_source_edit_dated_back_is_read_like_any_edit(make_app, tmp_path: Path) -> None:
    """Sphinx re-reads a page when a file it depends on is newer; a source edited and dated
    back ('not' made 'now') left the chapters and the annex with the old words."""
    srcdir = copy_root(tmp_path, "dated")
    build(make_app, srcdir, tmp_path / "out")
    source = srcdir / "source" / "sample.md"
    before = source.stat()
    edit_source(srcdir)
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns - 172_800 * 10**9))
    app = build(make_app, srcdir, tmp_path / "out")
    clean_src = copy_root(tmp_path, "clean")
    edit_source(clean_src)
    clean = build(make_app, clean_src, tmp_path / "out-clean")
    assert outputs(Path(app.outdir)) == outputs(Path(clean.outdir))


def test_a_source_header_fixed_after_a_failed_build_builds_clean(make_app, tmp_path: Path) -> None:
    """A build with a broken source header fails; once the header is fixed, the next build
    (not only a clean one) is clean: every page read while the source failed is read again."""
    srcdir = copy_root(tmp_path, "header")
    source = srcdir / "source" / "sample.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("title: Sample headline", "title: [broken"), encoding="utf-8")
    broken = make_app("html", srcdir=srcdir, builddir=tmp_path / "out", freshenv=False)
    broken.build()
    assert "[briefing.source]" in warnings_text(broken)
    broken.cleanup()
    source.write_text(good, encoding="utf-8")
    build(make_app, srcdir, tmp_path / "out")


def test_a_changed_setting_shown_by_book_reaches_every_page(make_app, tmp_path: Path) -> None:
    """{book} prints a setting into the page as it is read: changing it must re-read the page."""
    srcdir = copy_root(tmp_path, "src")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nHandling: {book}`handling`.\n", encoding="utf-8")
    for handling in ("FIRST HANDLING", "SECOND HANDLING"):
        app = make_app(
            "html",
            srcdir=srcdir,
            builddir=tmp_path / "out",
            freshenv=False,
            confoverrides={"briefing_handling": handling},
        )
        app.build()
        assert warnings_text(app) == ""
        app.cleanup()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "SECOND HANDLING" in html and "FIRST HANDLING" not in html


def test_a_changed_extension_rewrites_every_page(make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new toolkit version (its env_version is a digest of its code) reads and writes
    every page again; the same code rewrites nothing."""
    srcdir = copy_root(tmp_path, "ext")
    first = build(make_app, srcdir, tmp_path / "out")
    page = Path(first.outdir) / "index.html"
    page.write_text("stale", encoding="utf-8")
    build(make_app, srcdir, tmp_path / "out")
    assert page.read_text(encoding="utf-8") == "stale", "unchanged code left the page alone"
    monkeypatch.setattr(freshness, "env_version", lambda: 1)
    changed = build(make_app, srcdir, tmp_path / "out")
    assert changed.extensions["sphinx_briefing"].metadata["env_version"] == 1
    assert page.read_text(encoding="utf-8") != "stale", "a code change rewrote the page"


def test_the_env_version_is_a_digest_of_the_code(tmp_path: Path) -> None:
    package = freshness.PACKAGE
    copy = shutil.copytree(package, tmp_path / "package", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "checks" / "run.py").write_text(
        (copy / "checks" / "run.py").read_text(encoding="utf-8") + "\n# a change\n", encoding="utf-8"
    )
    assert freshness.code_digest(copy) != freshness.code_digest(package)
    assert freshness.env_version() == int(freshness.code_digest()[:15], 16)


def warned_build(make_app, srcdir: Path, outdir: Path, parallel: int = 0) -> set[str]:
    """Build incrementally; the subtypes of the warnings it gave."""
    app = make_app("html", srcdir=srcdir, builddir=outdir, parallel=parallel, freshenv=False)
    app.build()
    found = set(re.findall(r"\[(briefing\.[\w-]+)\]", warnings_text(app)))
    app.cleanup()
    return found


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_warning_comes_back_on_every_build_until_it_is_fixed(make_app, tmp_path: Path, parallel: int) -> None:
    """Sphinx warns only about pages it reads, so a strict build that failed on a misquote
    used to pass when simply run again."""
    srcdir = copy_root(tmp_path, "warned")
    index = srcdir / "index.md"
    good = index.read_text(encoding="utf-8")
    index.write_text(good.replace('"a very, very difficult thing', '"a very, very easy thing'), encoding="utf-8")
    for _run in range(3):
        assert warned_build(make_app, srcdir, tmp_path / "out", parallel) == {"briefing.misquote"}
    index.write_text(good, encoding="utf-8")
    assert warned_build(make_app, srcdir, tmp_path / "out", parallel) == set()
    assert warned_build(make_app, srcdir, tmp_path / "out", parallel) == set()
    assert not list((tmp_path / "out").rglob("briefing-warned.json")), "a clean build leaves no record"


def test_a_whole_book_warning_comes_back_too(make_app, tmp_path: Path) -> None:
    """A paragraph placed nowhere is named at the source file, not at a page: the root page
    is read again, and with it the whole-book checks run again."""
    srcdir = copy_root(tmp_path, "unplaced")
    source = srcdir / "source" / "sample.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA paragraph nobody placed.\n", encoding="utf-8")
    for _run in range(2):
        assert "briefing.unplaced" in warned_build(make_app, srcdir, tmp_path / "out")


def test_a_build_stopped_by_its_first_warning_keeps_the_pages_owed_a_read(make_app, tmp_path: Path) -> None:
    """``--exception-on-warning`` stops at the first warning, before the environment is
    saved and with no pages recorded: the next build still warns (Sphinx reads the page
    again because the stopped build left it unfinished)."""
    srcdir = copy_root(tmp_path, "stopped")
    index = srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace('"a very, very difficult thing', '"a very, very easy thing'),
        encoding="utf-8",
    )
    assert warned_build(make_app, srcdir, tmp_path / "out") == {"briefing.misquote"}
    stopped = make_app("html", srcdir=srcdir, builddir=tmp_path / "out", freshenv=False, exception_on_warning=True)
    with pytest.raises(Exception, match=r"misquote|quotation"):
        stopped.build()
    stopped.cleanup()
    assert warned_build(make_app, srcdir, tmp_path / "out") == {"briefing.misquote"}


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_a_picture_or_download_no_page_names_leaves_the_output(make_app, tmp_path: Path, builder: str) -> None:
    """Sphinx copies what pages name but never removes a copy: a withdrawn picture and
    download stayed on the site and in the EPUB."""
    srcdir = copy_root(tmp_path, "withdrawn")
    index = srcdir / "index.md"
    plain = index.read_text(encoding="utf-8")
    index.write_text(plain + "\n![A map](map.svg)\n\nData: {download}`data.csv`.\n", encoding="utf-8")
    (srcdir / "map.svg").write_bytes(SCRIPTLESS_SVG)
    (srcdir / "data.csv").write_bytes(b"a,b\nWITHDRAWN-MARKER\n")
    first = make_app(builder, srcdir=srcdir, builddir=tmp_path / "out", freshenv=False)
    first.build()
    copies = [path for path in Path(first.outdir).rglob("*") if path.name in ("map.svg", "data.csv")]
    # while a page names them, both are published (red team I: the download was deleted
    # as soon as it was copied, Sphinx 9 naming it with a path type that equals no string)
    published = {"map.svg", "data.csv"} if first.builder.download_support else {"map.svg"}
    assert {path.name for path in copies} == published, copies
    first.cleanup()
    index.write_text(plain, encoding="utf-8")
    again = make_app(builder, srcdir=srcdir, builddir=tmp_path / "out", freshenv=False)
    again.build()
    assert [path for path in copies if path.exists()] == []


#: A file the book names, and what replaces it after the page that names it was read.
SWAPS = {
    "download for a link out": ("Data: {download}`data.csv`.", "data.csv", b"a,b\n1,2\n", "link"),
    "picture for a link out": ("![A map](map.svg)", "map.svg", SCRIPTLESS_SVG, "link"),
    "download for a scripted SVG": ("Logo: {download}`logo.svg`.", "logo.svg", SCRIPTLESS_SVG, "script"),
}


@pytest.mark.parametrize("swap", SWAPS)
def test_a_file_swapped_after_its_page_was_read_is_judged_again_before_it_is_copied(
    make_app, tmp_path: Path, swap: str
) -> None:
    """Sphinx re-reads a page only when a file it names is newer, and a link to an old file
    is not; it copies every download, and every picture of a page it writes, each build. A
    file swapped for a link out of the book (or for a scripted SVG dated back) once went out
    unjudged."""
    line, name, content, kind = SWAPS[swap]
    srcdir = copy_root(tmp_path, "swap")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    (srcdir / name).write_bytes(content)
    build(make_app, srcdir, tmp_path / "out")
    secret = tmp_path / f"secret{Path(name).suffix}"
    if kind == "link":
        secret.write_bytes(content.replace(b"1", b"9") + b"<!-- SECRET-MARKER -->")
        (srcdir / name).unlink()
        (srcdir / name).symlink_to(secret)
    else:
        (srcdir / name).write_bytes(SCRIPTED_SVG.encode().replace(b"alert", b"SECRET-MARKER"))
    os.utime(secret if kind == "link" else srcdir / name, (946_684_800, 946_684_800))  # 2000: older than the build
    again = make_app(
        "html", srcdir=srcdir, builddir=tmp_path / "out", freshenv=False, confoverrides={"html_title": "Again"}
    )
    again.build()
    found = warnings_in(again)
    assert [(w.subtype, Path(w.path).name, w.line) for w in found] == [
        ("briefing.outside-file" if kind == "link" else "briefing.unsafe-svg", "index.md", line_of(index, line))
    ], found
    published = [
        path for path in Path(again.outdir).rglob("*") if path.is_file() and b"SECRET-MARKER" in path.read_bytes()
    ]
    assert published == []


def test_a_generated_page_moved_to_a_page_read_earlier_builds_clean(make_app, tmp_path: Path) -> None:
    """A book prints each generated page once, and a page read before the one that printed it
    last time sees that page's entries until it is read again: moved from ``generated`` to
    ``annex`` (read first), the timeline was refused as printed twice."""
    srcdir = copy_root(tmp_path, "moved")
    build(make_app, srcdir, tmp_path / "out")
    generated, annex = srcdir / "generated.md", srcdir / "annex.md"
    generated.write_text(generated.read_text(encoding="utf-8").replace("```{timeline}\n```\n", ""), encoding="utf-8")
    annex.write_text(annex.read_text(encoding="utf-8") + "\n```{timeline}\n```\n", encoding="utf-8")
    build(make_app, srcdir, tmp_path / "out")
    assert "bb-timeline" in (tmp_path / "out" / "html" / "annex.html").read_text(encoding="utf-8")


def incremental_like_clean(make_app, tmp_path: Path, prepare: Edit, change: Edit) -> Path:
    """Build the prepared root, change it and build again: the output folder of that
    incremental build, asserted byte for byte equal to a clean build of the changed root."""
    srcdir = copy_root(tmp_path, "incr")
    prepare(srcdir)
    build(make_app, srcdir, tmp_path / "out-incr")
    change(srcdir)
    incremental = Path(build(make_app, srcdir, tmp_path / "out-incr").outdir)
    clean_src = copy_root(tmp_path, "clean")
    prepare(clean_src)
    change(clean_src)
    assert outputs(incremental) == outputs(Path(build(make_app, clean_src, tmp_path / "out-clean").outdir))
    return incremental


def add_named_pages(srcdir: Path) -> None:
    """A page whose heading and title others name, and a page that names them."""
    (srcdir / "named.md").write_text("# Harbour open\n\n(sec)=\n## Ports stay open\n\nPlain words.\n", encoding="utf-8")
    (srcdir / "naming.md").write_text("# Naming\n\nSee {ref}`sec` and {doc}`named`.\n", encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("annex\n```", "annex\nnamed\nnaming\n```"), encoding="utf-8"
    )


def retitle(srcdir: Path) -> None:
    named = srcdir / "named.md"
    text = named.read_text(encoding="utf-8")
    named.write_text(text.replace("Harbour open", "Harbour shut").replace("stay open", "are closed"), encoding="utf-8")


def test_a_changed_title_reaches_every_page_that_shows_it(make_app, tmp_path: Path) -> None:
    """Red team R: a corrected heading or page title kept its old words in other pages' links
    and every page's navigation after an incremental build, until a clean build: Sphinx
    writes again only the pages it reads."""
    outdir = incremental_like_clean(make_app, tmp_path, add_named_pages, retitle)
    naming = (outdir / "naming.html").read_text(encoding="utf-8")
    assert "Ports are closed" in naming and "Harbour shut" in naming
    assert "Ports stay open" not in naming and "Harbour open" not in naming


def test_an_edit_that_changes_no_title_writes_only_its_page(make_app, tmp_path: Path) -> None:
    """The other side of the test above: prose edited under the same headings writes the
    edited page only, as plain Sphinx does, not every page."""
    srcdir = copy_root(tmp_path, "incr")
    add_named_pages(srcdir)
    first = build(make_app, srcdir, tmp_path / "out")
    naming = Path(first.outdir) / "naming.html"
    written = naming.stat().st_mtime_ns
    named = srcdir / "named.md"
    named.write_text(named.read_text(encoding="utf-8").replace("Plain words.", "Plain prose."), encoding="utf-8")
    again = build(make_app, srcdir, tmp_path / "out")
    assert "Plain prose." in (Path(again.outdir) / "named.html").read_text(encoding="utf-8")
    assert naming.stat().st_mtime_ns == written


def add_term_use(srcdir: Path) -> None:
    (srcdir / "uses.md").write_text("---\norphan: true\n---\n# Uses\n\nSee {term}`TV`.\n", encoding="utf-8")


def redefine(srcdir: Path) -> None:
    index = srcdir / "index.md"
    old = "Testville, where the sample is datelined"
    index.write_text(
        index.read_text(encoding="utf-8").replace(old, "Testville, the sample's dateline"), encoding="utf-8"
    )


def test_an_edited_definition_reaches_every_preview_of_its_term(make_app, tmp_path: Path) -> None:
    """Red team V: a term's preview on another page kept the old definition after an
    incremental build, until a clean build."""
    outdir = incremental_like_clean(make_app, tmp_path, add_term_use, redefine)
    uses = (outdir / "uses.html").read_text(encoding="utf-8")
    assert "Testville, the sample" in uses and "datelined" not in uses, uses[-2000:]
