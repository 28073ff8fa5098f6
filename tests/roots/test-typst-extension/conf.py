import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

extensions = ["myst_parser", "sphinx_briefing", "boxed_note"]
exclude_patterns = ["source", "_build"]
project = "Extension"
copyright = "2026, Tests"
version = release = "1.0"
briefing_readahead_doc = "index"
