"""Doctree snapshots of the generated pages (who's who, timeline, key figures, coverage,
annex), after references resolve: any change to what they hold shows as a diff.

As sphinx-design tests its components: the resolved doctree of each page of
``test-basic`` is compared, as pseudo-XML, with a file in ``tests/snapshots``.
After an intended change, run ``UPDATE_SNAPSHOTS=1 make test`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SNAPSHOTS = Path(__file__).parent / "snapshots"


def snapshot(app, docname: str) -> str:
    """The page as the writer receives it, with the temporary folder's path taken out."""
    tree = app.env.get_and_resolve_doctree(docname, app.builder, tags=app.builder.tags)
    return tree.pformat().replace(str(app.srcdir), "<srcdir>")


@pytest.mark.parametrize("docname", ["generated", "annex"])
def test_generated_pages_match_their_snapshots(make_app, project, docname: str) -> None:
    app = make_app("html", srcdir=project())
    app.build()
    assert app.warning.getvalue() == ""
    found = snapshot(app, docname)
    path = SNAPSHOTS / f"basic-{docname}.xml"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(found, encoding="utf-8")
    assert found == path.read_text(encoding="utf-8")
