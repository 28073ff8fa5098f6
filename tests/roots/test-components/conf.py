project = "Components"
copyright = "2026, Tests"
version = release = "1.0"
extensions = ["myst_parser", "sphinx_design", "sphinx_briefing"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
briefing_readahead_doc = "readahead"
# This project tests printing, not prose: its numbers and quotations rest on no source.
suppress_warnings = ["briefing.unsupported-number", "briefing.uncited-quote"]
# It prints code too, which a briefing must enable.
briefing_code = True
myst_url_schemes = ["http", "https", "mailto", "tel"]
