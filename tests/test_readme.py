"""The README's reference tables list every warning, every setting, every directive and role."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from sphinx_briefing.checks.syntax import REFUSED, Refused, refused_role
from sphinx_briefing.model.config import PREFIX, BriefingConfig
from sphinx_briefing.model.diagnostics import Check

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("check", list(Check), ids=lambda check: check.subtype)
def test_every_warning_is_in_the_catalogue(check: Check) -> None:
    assert f"| `briefing.{check.subtype}` | {check.meaning} |" in README


@pytest.mark.parametrize("setting", dataclasses.fields(BriefingConfig), ids=lambda setting: setting.name)
def test_every_setting_is_in_the_table(setting: dataclasses.Field) -> None:
    assert f"| `{PREFIX}{setting.name}` | `{setting.default!r}` | {setting.metadata['rebuild']} |" in README


def authoring_table() -> str:
    """The rows of the README's "Directives and roles" table, and nothing else of the README."""
    section = README.split("### Directives and roles", 1)[1]
    rows = section.split("\n\n", 2)[1]
    assert rows.startswith("| you write |"), rows[:40]
    return rows


def test_every_directive_and_role_is_in_the_table(make_app, project) -> None:
    """Everything the extension registers for authors, each in the form authors write it:
    ```` ```{name} ```` for a directive, ``{name}` `` for a role. The directives it refuses
    (``{include}``, ``{raw}`` ...) are in the warning catalogue instead."""
    from docutils.parsers.rst import directives, roles

    app = make_app("html", srcdir=project())
    ours_directives = {name for name, cls in directives._directives.items() if _ours(cls) and cls is not Refused}
    ours_roles = {name for name, role in roles._roles.items() if _ours(role) and role is not refused_role}
    assert set(REFUSED) <= {name for name, cls in directives._directives.items() if cls is Refused}
    assert {"source-paragraphs", "person", "draft"} <= ours_directives and {"cite", "inferred", "book"} <= ours_roles
    table = authoring_table()
    assert ours_directives == set(re.findall(r"```\{([\w-]+)\}", table))
    listed_roles = set(re.findall(r"``\{([\w-]+)\}`", table))
    assert ours_roles <= listed_roles
    assert listed_roles - ours_roles <= set(app.env.domains.standard_domain.roles), (
        "the table lists a role no one registers"
    )


def _ours(registered: object) -> bool:
    """Registered by the extension: a class, an instance or a plain function of ours."""
    module = getattr(registered, "__module__", None) or type(registered).__module__
    return module.startswith("sphinx_briefing")
