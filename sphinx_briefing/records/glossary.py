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
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..domain.brief import BriefingDomain, briefing_domain
from ..model import priorities
from ..model.diagnostics import Check, excerpt, warn
from ..model.entries import AggregatePage, GlossaryEntry, TermUse
from ..model.vocabulary import TERM_USES
from .tables import doc_link, joined


def term_key(text: str) -> str:
    """Sphinx matches terms case-insensitively; so do we."""
    return " ".join(text.split()).lower()


def _domain(env: BuildEnvironment) -> BriefingDomain:
    return briefing_domain(env)


class CollectTerms(SphinxTransform):
    """Record the terms a page uses and the definitions a page's glossary gives."""

    default_priority = priorities.COLLECT_TERMS

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.current_document.docname
        domain = _domain(self.env)
        for xref in self.document.findall(addnodes.pending_xref):
            if xref.get("refdomain") == "std" and xref.get("reftype") == "term":
                domain.note(TermUse(docname, _line(xref), term_key(xref["reftarget"])))
        for item in self.document.findall(nodes.definition_list_item):
            if isinstance(item.parent.parent, addnodes.glossary):
                self._note_definition(domain, docname, item)

    @staticmethod
    def _note_definition(domain: BriefingDomain, docname: str, item: nodes.definition_list_item) -> None:
        definition = " ".join(item[-1].astext().split())
        terms = list(item.findall(nodes.term))
        for index, term in enumerate(terms):
            line = _term_line(item, index, len(terms))
            domain.note(GlossaryEntry(docname, line, term_key(term.astext()), definition))
            _refuse_index_key(term, f"{domain.env.doc2path(docname)}:{line}")
        domain.note(AggregatePage(docname, _line(item), "glossary-uses"))


def _refuse_index_key(term: nodes.term, location: str) -> None:
    """``Term : key`` files the term under ``key`` in the general index, which prints the key
    as a heading that no check reads ("900 lost by Mexico in 2016" went out green). The
    key is refused and dropped."""
    for index in term.findall(addnodes.index):
        keys = [entry[4] for entry in index["entries"] if len(entry) > 4 and entry[4]]
        if keys:
            warn(
                Check.GLOSSARY_KEY,
                f"glossary term {term.astext()!r} carries the index key {excerpt(keys[0], 60)!r}; write the term "
                "alone (the index lists it under its first letter)",
                location,
            )
            index["entries"] = [(*entry[:4], None) for entry in index["entries"]]


def _term_line(item: nodes.definition_list_item, index: int, count: int) -> int:
    """The file line of a glossary entry's ``index``-th term.

    MyST hands the glossary its content with lines counted from the directive, so
    a term's own line is relative; its definition's first paragraph has the true
    line, and the entry's terms stand on the lines just above it.
    """
    first = next(iter(item[-1].findall(nodes.paragraph)), None)
    term_line = item.children[index].line or 0
    glossary_line = _line(item.parent)
    if first is not None and first.line and term_line < glossary_line:
        return first.line - count + index
    return term_line or glossary_line


def _line(node: nodes.Node) -> int:
    """The nearest line number Sphinx knows for a node (MyST gives glossaries one)."""
    while node is not None:
        if node.line:
            return node.line
        node = node.parent
    return 0


def definitions(domain: BriefingDomain) -> dict[str, str]:
    """Each defined term's definition text, for previews."""
    return {entry.term: entry.definition for entry in domain.glossary_entries()}


def check_terms_used(app: object, env: BuildEnvironment) -> None:
    """A defined term that no page uses is dead weight: warn at its definition."""
    domain = _domain(env)
    used = {use.term for use in domain.term_uses()}
    for entry in domain.glossary_entries():
        if entry.term not in used:
            warn(
                Check.UNUSED_TERM,
                f"glossary term {entry.term!r} is defined but never used with {{term}}",
                (entry.docname, entry.lineno),
            )


class TermBacklinks(SphinxPostTransform):
    """Under each glossary definition, list the pages that use the term."""

    default_priority = priorities.TERM_BACKLINKS

    def run(self, **kwargs: Any) -> None:
        domain = _domain(self.env)
        users: dict[str, set[str]] = defaultdict(set)
        for use in domain.term_uses():
            users[use.term].add(use.docname)
        docname = self.env.current_document.docname
        for glossary in self.document.findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                pages = sorted(set().union(*(users[term_key(t.astext())] for t in item.findall(nodes.term))))
                if pages:
                    links = joined([doc_link(page, docname) for page in pages])
                    item[-1] += nodes.paragraph("", "", nodes.emphasis("", "Used in: "), *links, classes=[TERM_USES])


def setup_glossary(app: Sphinx) -> None:
    """Collect terms as pages are read, check them after, and link definitions back."""
    app.add_transform(CollectTerms)
    app.add_post_transform(TermBacklinks)
    app.connect("env-check-consistency", check_terms_used)
