"""Index entries in the search index survive an incremental build.

Sphinx 9.0 keeps each page's index entries for the search index in the build
environment, but fills them while pages are written, after the environment is
saved, and does not load them back from ``searchindex.js``. An incremental build
therefore drops the index entries ("$1.15 billion — …") of every page it does
not write again, and search finds less than after a clean build. Before the
index is written, the entries of pages not written in this build are restored
from the index domain, which holds the same ``index`` nodes as read, computed as
Sphinx computes them for a page it writes. Entries of pages that no longer exist are
dropped: Sphinx's pruning of the loaded index keeps them, and writing it then fails.

The same pruning keeps every word of a deleted page as a term with no page, so a word
only that page held (an internal code name) stayed published in ``searchindex.js``;
words that no page holds any longer are dropped too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.index_entries import split_index_msg


def _entries(raw: list[tuple[str, str, str, str, str | None]]) -> Iterator[tuple[str, str, str]]:
    """(entry, target id, main) for each index entry of a page, as the search index lists them."""
    for entry_type, value, target_id, main, _category in raw:
        try:
            parts = split_index_msg(entry_type, value)
        except ValueError:
            continue
        if entry_type in {"see", "seealso"}:
            yield parts[0], target_id or "", main
        yield from ((part, target_id or "", main) for part in parts)


def restore_index_entries(app: Sphinx) -> list[Any]:
    """``html-collect-pages``: give pages not written this build their index entries back."""
    kept = getattr(getattr(app.builder, "indexer", None), "_index_entries", None)
    if kept is None:
        return []
    for docname, raw in app.env.domains.index_domain.entries.items():
        if docname not in kept:
            kept[docname] = sorted(set(_entries(raw)))
    # Sphinx's pruning of the loaded index leaves the entries of a page removed since the last
    # build (``make split`` renames chapters), and freezing the index then fails on its name.
    in_page_order = sorted((docname, entries) for docname, entries in kept.items() if docname in app.env.all_docs)
    kept.clear()
    kept.update(in_page_order)
    _drop_orphan_words(app.builder.indexer)
    return []


def _drop_orphan_words(indexer: Any) -> None:
    """Remove the words that no page holds any longer (left by Sphinx's pruning)."""
    for mapping in (indexer._mapping, indexer._title_mapping):
        for word in [word for word, pages in mapping.items() if not pages]:
            del mapping[word]


def setup_searchindex(app: Sphinx) -> None:
    app.connect("html-collect-pages", restore_index_entries)
