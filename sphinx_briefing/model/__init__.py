"""What a build knows: stored entries, node classes, the class vocabulary, settings, the
warning catalogue, transform order and the sources of one build.

Imports only :mod:`sphinx_briefing.text`.
"""
