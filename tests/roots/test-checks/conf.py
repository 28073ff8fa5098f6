project = "Checks"
copyright = "2026, Tests"
version = release = "1.0"
extensions = ["myst_parser", "sphinx_design", "sphinx_briefing"]
exclude_patterns = ["source", "_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
briefing_background_target = "method"
