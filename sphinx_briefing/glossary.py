"""Glossary discipline on top of Sphinx's own glossary and ``{term}`` role.

Sphinx already warns about a term used but not defined. This module adds the
other half (a term defined but never used fails the build), keeps each term's
definition for the hover preview, and prints under each definition the pages
that use the term, so the glossary links back to the text.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .diagnostics import Check, warn
from .domain import BriefingDomain
from .tables import doc_link, joined


def term_key(text: str) -> str:
    """Sphinx matches terms case-insensitively; so do we."""
    return " ".join(text.split()).lower()


def _domain(env: BuildEnvironment) -> BriefingDomain:
    return env.domains["brief"]  # type: ignore[return-value]


class CollectTerms(SphinxTransform):
    """Record the terms a page uses and the definitions a page's glossary gives."""

    default_priority = 881

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        domain = _domain(self.env)
        for xref in self.document.findall(addnodes.pending_xref):
            if xref.get("refdomain") == "std" and xref.get("reftype") == "term":
                domain.add("term_uses", docname, term_key(xref["reftarget"]))
        for item in self.document.findall(nodes.definition_list_item):
            if isinstance(item.parent.parent, addnodes.glossary):
                self._note_definition(domain, docname, item)

    @staticmethod
    def _note_definition(domain: BriefingDomain, docname: str, item: nodes.definition_list_item) -> None:
        definition = " ".join(item[-1].astext().split())
        for term in item.findall(nodes.term):
            entry = [term_key(term.astext()), definition, _line(term)]
            domain.add("glossary", docname, entry)
        domain.add("aggregates", docname, "glossary-uses")


def _line(node: nodes.Node) -> int:
    """The nearest line number Sphinx knows for a node (MyST gives glossaries one)."""
    while node is not None:
        if node.line:
            return node.line
        node = node.parent
    return 0


def definitions(domain: BriefingDomain) -> dict[str, str]:
    """Each defined term's definition text, for previews."""
    return {term: text for _doc, (term, text, _line) in domain.entries("glossary")}


def check_terms_used(app: object, env: BuildEnvironment) -> None:
    """A defined term that no page uses is dead weight: warn at its definition."""
    domain = _domain(env)
    used = {term for _doc, term in domain.entries("term_uses")}
    for docname, (term, _text, line) in domain.entries("glossary"):
        if term not in used:
            warn(Check.UNUSED_TERM, f"glossary term {term!r} is defined but never used with {{term}}", (docname, line))


class TermBacklinks(SphinxPostTransform):
    """Under each glossary definition, list the pages that use the term."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = _domain(self.env)
        users: dict[str, set[str]] = defaultdict(set)
        for docname, term in domain.entries("term_uses"):
            users[term].add(docname)
        docname = self.env.current_document.docname
        for glossary in self.document.findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                pages = sorted(set().union(*(users[term_key(t.astext())] for t in item.findall(nodes.term))))
                if pages:
                    links = joined([doc_link(page, docname) for page in pages])
                    item[-1] += nodes.paragraph("", "", nodes.emphasis("", "Used in: "), *links, classes=["bb-term-uses"])
