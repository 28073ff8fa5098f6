"""sphinx_briefing: a Sphinx extension that ties a briefing book to its sources of record.

Every statement traces to the exact paragraph of a source: chapters place the
source's paragraphs verbatim, cite them inline, and declare people, events and
key figures once. The build fails on a misquote, a wrong figure, a lost
paragraph, an unattributed view or an unmarked inference.

The package is in layers, one folder each, whose imports point down only:
``scaffold`` → ``print`` / ``web`` → ``records`` → ``checks`` → ``domain`` → ``model``
→ ``text``. ``setup`` only wires the features together: each module registers its
own directives, roles, nodes, transforms and event handlers in ``setup_<feature>``
(the pattern of sphinx-design), and modules are imported when Sphinx loads the
extension, not before. Nothing in the package imports this root module. A book
needs no ``primary_domain``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .version import __version__

if TYPE_CHECKING:  # Sphinx is imported when it loads the extension: `make new` starts without it
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    from .checks import (
        build_folders,
        containment,
        encoding,
        files,
        headings,
        placement,
        run,
        structure,
        syntax,
        toctrees,
        unclosed,
    )
    from .domain import brief, citations, drafts, markers
    from .model import config, lasting_warnings, library
    from .print import downloads
    from .records import aggregates, export, freshness, glossary, records, timeline_svg
    from .web import assets, previews, reproducible, searchindex, stale, theme_fixes, webprint

    config.setup_config(app)
    app.add_domain(brief.BriefingDomain)
    for setup_feature in (
        library.setup_registry,
        encoding.setup_encoding,
        build_folders.setup_build_folders,
        containment.setup_containment,
        files.setup_files,
        syntax.setup_syntax,
        unclosed.setup_unclosed,
        structure.setup_structure,
        toctrees.setup_toctrees,
        headings.setup_headings,
        placement.setup_placement,
        citations.setup_citations,
        records.setup_records,
        markers.setup_markers,
        drafts.setup_drafts,
        run.setup_checks,
        glossary.setup_glossary,
        aggregates.setup_aggregates,
        timeline_svg.setup_timeline_graphic,
        export.setup_export,
        previews.setup_previews,
        downloads.setup_downloads,
        freshness.setup_freshness,
        reproducible.setup_reproducible,
        webprint.setup_webprint,
        searchindex.setup_searchindex,
        lasting_warnings.setup_lasting_warnings,
        assets.setup_web_assets,
        theme_fixes.setup_theme_fixes,
        stale.setup_stale,
    ):
        setup_feature(app)
    app.setup_extension("sphinx_briefing.print.pdf")
    return {
        "version": __version__,
        "env_version": freshness.env_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
