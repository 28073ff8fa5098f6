"""YAML read strictly, for source headers: what the author wrote is what the book prints.

PyYAML's ``safe_load`` quietly turns ``Yes`` into ``True``, ``012`` into ``10`` and
``3.2`` into a float, keeps the last of two equal keys, and expands aliases without
bound. A source header is a record of provenance, so every scalar stays the string
that was written, a repeated key is an error, and aliases are refused. Nesting is bounded
(:data:`MAX_DEPTH`): PyYAML composes a document by recursion, and a header of 5,000 nested
brackets exhausted Python's stack.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode

#: Collections one inside another that a header may hold; a header needs three.
MAX_DEPTH = 30


class StrictYAMLError(yaml.YAMLError):
    """A header that is valid YAML but not allowed here; carries the line of the problem."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class StrictLoader(yaml.BaseLoader):
    """Strings only (BaseLoader resolves no types); no aliases; no repeated keys.

    An anchor alone (``&name``) is harmless and accepted; only its use, an alias, repeats text.
    """

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise StrictYAMLError("aliases (*name) are not allowed in a source header", event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise StrictYAMLError(f"lists or mappings nested more than {MAX_DEPTH} deep", self.peek_event().start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _value in node.value:
            key = str(key_node.value)
            if key in seen:
                raise StrictYAMLError(f"key {key!r} appears twice; keep one", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=True)


def load(text: str) -> Any:
    """Parse one YAML document strictly; raises ``yaml.YAMLError`` with a mark on failure."""
    return yaml.load(text, Loader=StrictLoader)  # StrictLoader builds strings only
