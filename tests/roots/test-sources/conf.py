project = "Two sources"
copyright = "2026, Tests"
version = release = "1.0"
extensions = ["myst_parser", "sphinx_briefing"]
exclude_patterns = ["source", "extra", "_build"]
briefing_default_source = "sample"
