"""The stylesheet, script and page templates every web page of a book loads.

The folders join the book's ``html_static_path`` and ``templates_path`` when the
configuration is read; the files are added per builder, for HTML-format builders only
(as sphinx-design does).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).parent / "static"
#: Accessibility fixes to the web theme's page markup, for every book that loads the extension.
WEB_TEMPLATES = Path(__file__).parent / "templates"
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


def setup_web_assets(app: Sphinx) -> None:
    app.connect("builder-inited", add_web_assets)
    app.connect("config-inited", add_web_folders)
