"""The README's reference tables list every warning, every setting, every directive and role."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sphinx_briefing.config import PREFIX, BriefingConfig
from sphinx_briefing.diagnostics import Check

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("check", list(Check), ids=lambda check: check.subtype)
def test_every_warning_is_in_the_catalogue(check: Check) -> None:
    assert f"| `briefing.{check.subtype}` | {check.meaning} |" in README


@pytest.mark.parametrize("setting", dataclasses.fields(BriefingConfig), ids=lambda setting: setting.name)
def test_every_setting_is_in_the_table(setting: dataclasses.Field) -> None:
    assert f"| `{PREFIX}{setting.name}` | `{setting.default!r}` | {setting.metadata['rebuild']} |" in README


def test_every_directive_and_role_is_in_the_table(make_app, project) -> None:
    """Everything the extension registers for authors, by the names authors write."""
    from docutils.parsers.rst import directives, roles

    app = make_app("html", srcdir=project())
    ours = {name for name, cls in directives._directives.items() if getattr(cls, "__module__", "").startswith("sphinx_briefing")}
    ours |= {name for name, role in roles._roles.items() if type(role).__module__.startswith("sphinx_briefing")}
    assert app is not None and len(ours) >= 20
    missing = sorted(name for name in ours if f"{{{name}}}" not in README)
    assert missing == []
