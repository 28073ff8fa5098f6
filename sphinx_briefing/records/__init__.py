"""Records declared once (people, events, key figures, glossary terms) and the pages and
data generated from them.

Imports checks and the layers below.
"""
