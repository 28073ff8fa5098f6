"""sphinx_briefing: a Sphinx extension that ties a briefing book to its sources of record.

Every statement traces to the exact paragraph of a source: chapters place the
source's paragraphs verbatim, cite them inline, and declare people, events and
key figures once. The build fails on a misquote, a wrong figure, a lost
paragraph, an unattributed view or an unmarked inference.

``setup`` only wires the features together: each module registers its own
directives, roles, nodes, transforms and event handlers in ``setup_<feature>``
(the pattern of sphinx-design), and modules are imported when Sphinx loads the
extension, not before. A book needs no ``primary_domain``.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"

STATIC = Path(__file__).parent / "static"
#: Accessibility fixes to the web theme's page markup, for every book that loads the extension.
WEB_TEMPLATES = Path(__file__).parent / "templates" / "web"
#: Files every web page loads (briefing.css also holds the rules for printing a web page).
WEB_CSS, WEB_JS = "briefing.css", "briefing.js"


def add_web_assets(app: Sphinx) -> None:
    """Ship the stylesheet and script with every web page (HTML-format builders only, as
    sphinx-design does): Sphinx copies them with its own static files, before pages are
    written, so every page links them with the same checksum."""
    if app.builder.format != "html":
        return
    app.add_css_file(WEB_CSS)
    app.add_js_file(WEB_JS, loading_method="defer")


def add_web_folders(app: Sphinx, config: Config) -> None:
    """The folders of the web assets and of the accessibility fixes to the theme's page
    markup (navigation captions get a heading level, side landmarks distinct names, the
    search page a heading: axe-core's findings on Furo); the book's own templates win.

    Added when the configuration is read, before Sphinx compares it with the saved
    one: added later, the settings differ on every run, and Sphinx writes every page
    again (and backs up its build info) even when nothing changed."""
    for setting, folder in (("html_static_path", STATIC), ("templates_path", WEB_TEMPLATES)):
        if str(folder) not in config[setting]:
            config[setting] = [*config[setting], str(folder)]


def setup(app: Sphinx) -> ExtensionMetadata:
    from . import (
        aggregates, checks, citations, config, containment, domain, downloads, drafts, encoding, export,
        freshness, glossary, lasting_warnings, markers, placement, previews, records, registry, reproducible,
        searchindex, timeline_svg, webprint,
    )

    config.setup_config(app)
    app.add_domain(domain.BriefingDomain)
    for setup_feature in (
        registry.setup_registry, encoding.setup_encoding, containment.setup_containment,
        placement.setup_placement, citations.setup_citations, records.setup_records,
        markers.setup_markers, drafts.setup_drafts, checks.setup_checks, glossary.setup_glossary,
        aggregates.setup_aggregates, timeline_svg.setup_timeline_graphic, export.setup_export,
        previews.setup_previews, downloads.setup_downloads, freshness.setup_freshness,
        reproducible.setup_reproducible, webprint.setup_webprint, searchindex.setup_searchindex,
        lasting_warnings.setup_lasting_warnings,
    ):
        setup_feature(app)
    app.connect("builder-inited", add_web_assets)
    app.connect("config-inited", add_web_folders)
    app.setup_extension("sphinx_briefing.pdf")
    return {
        "version": __version__, "env_version": freshness.env_version(),
        "parallel_read_safe": True, "parallel_write_safe": True,
    }
