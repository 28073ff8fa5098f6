"""sphinx_briefing: a Sphinx extension that ties a briefing book to its sources of record.

Every statement traces to the exact paragraph of a source: chapters place the
source's paragraphs verbatim, cite them inline, and declare people, events and
key figures once. The build fails on a misquote, a wrong figure or a lost
paragraph. ``setup`` only wires the pieces together; each lives in its own module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"

STATIC = Path(__file__).parent / "static"
#: Files every web page loads (briefing.css also holds the rules for printing a web page).
WEB_ASSETS = ("briefing.css", "briefing.js")


def _directives() -> dict[str, Any]:
    from .aggregates import directive_for
    from .downloads import ReadaheadDownload
    from .placement import SourceAnnex, SourceExclude, SourceParagraphs
    from .records import EventDirective, KeyFigureDirective, PersonDirective

    return {
        "source-paragraphs": SourceParagraphs,
        "source-exclude": SourceExclude,
        "source-annex": SourceAnnex,
        "person": PersonDirective,
        "event": EventDirective,
        "key-figure": KeyFigureDirective,
        "readahead-download": ReadaheadDownload,
        **{kind: directive_for(kind) for kind in ("whos-who", "timeline", "key-figures", "coverage-report")},
    }


def _copy_static(app: Sphinx) -> None:
    """Ship the stylesheet and script with every web page; nothing is fetched from outside.

    Copied when an HTML-format builder starts, so pages written later link them with
    the same checksum in clean and incremental builds, and EPUB packs them. Changing
    ``html_static_path`` instead would make every rebuild see a changed configuration.
    """
    from sphinx.util.fileutil import copy_asset_file

    if app.builder.format == "html":
        static = Path(app.outdir, "_static")
        static.mkdir(parents=True, exist_ok=True)
        for name in WEB_ASSETS:
            copy_asset_file(STATIC / name, static / name, force=True)


def setup(app: Sphinx) -> ExtensionMetadata:
    from . import aggregates, checks, containment, downloads, drafts, encoding, export, freshness, markers, reproducible, webprint, glossary, placement, previews, registry, timeline_svg
    from .citations import CiteRole, explain_unresolved
    from .config import setup_config
    from .domain import BriefingDomain

    setup_config(app)
    BriefingDomain.directives = _directives()
    BriefingDomain.roles = {**BriefingDomain.roles, "cite": CiteRole()}
    app.add_domain(BriefingDomain)
    app.add_node(aggregates.aggregate_placeholder)
    app.add_node(downloads.readahead_download)
    # The "html" visitors also serve EPUB and single-page HTML (Sphinx falls back to the
    # builder's format). Registering "epub" by name would hide every other extension's
    # html visitors from the EPUB builder.
    skip = (timeline_svg.skip, None)
    app.add_node(timeline_svg.timeline_graphic, html=(timeline_svg.visit_html, None), latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_transform(checks.ProseChecks)
    app.add_transform(glossary.CollectTerms)
    for transform in (downloads.LinkReadahead, downloads.DropReadahead, export.LinkDataFiles, aggregates.FillAggregates, glossary.TermBacklinks, previews.AttachPreviews, previews.RenderPreviews):
        app.add_post_transform(transform)
    app.connect("env-before-read-docs", registry.refresh_sources)
    app.connect("env-before-read-docs", encoding.skip_undecodable_pages)
    app.connect("env-get-outdated", freshness.remember)
    app.connect("env-updated", freshness.pages_to_rewrite)
    app.connect("env-check-consistency", placement.check_coverage)
    app.connect("env-check-consistency", glossary.check_terms_used)
    app.connect("build-finished", export.write_data)
    app.connect("build-finished", reproducible.repack_epub)
    app.connect("build-finished", downloads.ship_readahead)
    app.connect("html-page-context", webprint.add_print_banners)
    app.connect("builder-inited", _copy_static)
    app.connect("warn-missing-reference", explain_unresolved)
    markers.setup_markers(app)
    drafts.setup_drafts(app)
    containment.setup_containment(app)
    app.setup_extension("sphinx_briefing.pdf")
    app.add_css_file("briefing.css")
    app.add_js_file("briefing.js", loading_method="defer")
    return {"version": __version__, "env_version": 3, "parallel_read_safe": True, "parallel_write_safe": True}
