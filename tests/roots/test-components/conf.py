project = "Components"
copyright = "2026, Tests"
version = release = "1.0"
extensions = ["myst_parser", "sphinx_design", "sphinx_briefing"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
briefing_readahead_doc = "readahead"
