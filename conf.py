"""Sphinx configuration of the briefing book: metadata, extensions, theme, briefing settings.

Everything that is logic lives in the ``sphinx_briefing`` package; this file only
chooses. The repository root is Sphinx's source directory (as on Read the Docs).
The book's identity (title, file name, handling line, as-of date, paper) is set
here once: the Makefile, Read the Docs, the tests and the pages ({book} roles)
read it from here.
"""

import os

project = "U.S.–Mexico Security Cooperation"
author = "Briefing book team"
copyright = "Briefing book team (this compilation); the source article is quoted for analysis"
release = version = "1.0"
language = "en"
# No translation catalogs: Sphinx reads them before any extension can check them, and the
# theme prints their strings unescaped into every page.
locale_dirs: list[str] = []
today_fmt = "%d %B %Y"

extensions = ["myst_parser", "sphinx_design", "sphinx_briefing"]
root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = [
    "README.md",
    "tests",
    ".venv",
    "_build",
    "_readthedocs",
    "source",
    ".ci",
    ".github",
    ".pytest_cache",
    ".hypothesis",
    "*.egg-info",
    "**/.pytest_cache",
]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings: list[str] = []

html_theme = "furo"
html_title = project
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False

# Briefing settings (sphinx_briefing); see the README's table of settings.
briefing_source_dir = "source"
briefing_default_source = "mexico-military-trust"
briefing_pdf_basename = "us-mexico-security-cooperation"
briefing_paper = os.environ.get("PAPER", "letter")
briefing_subtitle = "Military and security cooperation, and the risks to it"
briefing_as_of = "2017 (inferred from the article's text)"
briefing_handling = "UNCLASSIFIED — open-source briefing"
briefing_readahead_doc = "docs/readahead"

epub_basename = briefing_pdf_basename
epub_show_urls = "no"
