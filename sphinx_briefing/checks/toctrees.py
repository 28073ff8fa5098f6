"""The tables of contents make one tree: each page is listed once in the book, and no
listing closes a circle.

A listing prints the listed page's whole tree of headings, on the page and in every
page's navigation, and Sphinx walks the listings to order the pages. So a page listed
again costs its headings again: 80 tables of contents of 30 bytes on one page, each
listing one page of 1,000 headings, wrote 33 MB (red team Q). And a circle (a page
listing one that lists it back) stopped Sphinx with a recursion error that names no
page; so did ten pages each listing ``*`` with ``:glob:``.

Two steps, each linear in the listings:

- **On a page** (``doctree-read``, before Sphinx notes its tables of contents): a page
  that a table of contents on this page lists already is dropped from every later one.
- **In the book** (``env-updated``, once every page is read, before Sphinx saves the
  environment and walks the listings): each page keeps the first listing met in the
  book's reading order, a walk from the root page; a later listing, or one that closes a
  circle, is dropped from the pages' tables of contents and from the navigation, with
  a ``briefing.printed-twice`` warning at the table of contents. A warned page is read
  again by the next build, so what it lists is judged afresh.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..model.diagnostics import Check, warn


def list_each_page_once(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx notes the page's tables of contents: an entry that a
    table of contents on this page lists already, a page or a web address, is dropped from
    every later listing, and the page itself (``self``) from every listing, one warning a
    table of contents. Each repeat printed its title again in every page's navigation,
    and a ``self`` made Sphinx write an EPUB that lists the page twice, which EPUBCheck
    refuses (red team T)."""
    listed: set[str] = set()
    for toctree in doctree.findall(addnodes.toctree):
        entries, dropped = [], []
        for title, ref in toctree["entries"]:
            if ref == "self" or ref in listed:
                dropped.append(ref)
            else:
                entries.append((title, ref))
                listed.add(ref)
        if not dropped:
            continue
        warn(Check.PRINTED_TWICE, _why_dropped(dropped[0]), toctree)
        kept = {ref for _title, ref in entries}
        toctree["entries"] = entries
        toctree["includefiles"] = list(dict.fromkeys(name for name in toctree["includefiles"] if name in kept))


def _why_dropped(ref: str) -> str:
    if ref == "self":
        return (
            "a table of contents lists the page itself (self): the EPUB would list the page twice, "
            "which makes it invalid; the entry is dropped"
        )
    return f"{ref!r} is listed already by a table of contents on this page; it is listed once"


def prune(toctree: addnodes.toctree, kept: set[str]) -> None:
    """Drop from one table of contents the pages it lists that are not ``kept`` (a link
    to a web address, or to the page itself, is no page listed and stays)."""
    pages = set(toctree["includefiles"])
    toctree["entries"] = [(title, ref) for title, ref in toctree["entries"] if ref not in pages or ref in kept]
    toctree["includefiles"] = [name for name in toctree["includefiles"] if name in kept]


def extra_listings(includes: dict[str, list[str]], root: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The listings to drop, by listing page, and the page that keeps each listed page.
    A depth-first walk in reading order, from the root page, then from each page no page
    lists, then from any page left (only circles are left), in name order: a page met
    again is a listing to drop. O(pages + listings), with no recursion."""
    listed = {child for children in includes.values() for child in children}
    starts = [root, *sorted(page for page in includes if page not in listed), *sorted(includes)]
    seen: set[str] = set()
    kept_by: dict[str, str] = {}
    dropped: dict[str, list[str]] = {}
    for start in starts:
        if start in seen:
            continue
        seen.add(start)
        walk: list[tuple[str, Iterator[str]]] = [(start, iter(includes.get(start, ())))]
        while walk:
            parent, children = walk[-1]
            child = next(children, None)
            if child is None:
                walk.pop()
            elif child in seen:
                dropped.setdefault(parent, []).append(child)
            else:
                seen.add(child)
                kept_by[child] = parent
                walk.append((child, iter(includes.get(child, ()))))
    return dropped, kept_by


def list_each_page_once_in_the_book(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: drop every listing past a page's first, and every listing that
    closes a circle, from the listing pages' tables of contents and from the
    navigation Sphinx builds from them, each with a warning at its page."""
    dropped, kept_by = extra_listings(env.toctree_includes, env.config.root_doc)
    for page, children in sorted(dropped.items()):
        kept = set(env.toctree_includes[page]) - set(children)
        env.toctree_includes[page] = [name for name in env.toctree_includes[page] if name in kept]
        for toctree in env.tocs[page].findall(addnodes.toctree) if page in env.tocs else ():
            prune(toctree, kept)
        warn(Check.PRINTED_TWICE, _why(children[0], kept_by, env.config.root_doc), _listing(env, page, children[0]))


def _why(child: str, kept_by: dict[str, str], root: str) -> str:
    if child == root:
        return f"the root page {child!r} is listed by a table of contents; the book starts there, listed by none"
    if child in kept_by:
        return (
            f"{child!r} is listed already by a table of contents on {kept_by[child]!r}; a page is listed once "
            "in a book (each listing prints its headings again)"
        )
    return f"{child!r} lists this page, directly or through others: tables of contents may not make a circle"


def _listing(env: BuildEnvironment, page: str, child: str) -> Any:
    """The table of contents on ``page`` that lists ``child``, to name its line; the page if none."""
    found = (toctree for toctree in env.get_doctree(page).findall(addnodes.toctree) if child in toctree["includefiles"])
    return next(found, None) or (page, 1)


class ListedOnce(SphinxPostTransform):
    """Before Sphinx prints a page's tables of contents: the pages it lists are those the
    book keeps for it (:func:`list_each_page_once_in_the_book`). One pass over the page."""

    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        kept = set(self.env.toctree_includes.get(self.env.current_document.docname, ()))
        for toctree in self.document.findall(addnodes.toctree):
            prune(toctree, kept)


def setup_toctrees(app: Sphinx) -> None:
    app.connect("doctree-read", list_each_page_once, priority=400)
    app.connect("env-updated", list_each_page_once_in_the_book)
    app.add_post_transform(ListedOnce)
