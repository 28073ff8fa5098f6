extensions = ["myst_parser", "sphinx_briefing"]
exclude_patterns = ["source", "_build"]
project = "Sample"
copyright = "2026, Tests"
version = release = "1.0"
