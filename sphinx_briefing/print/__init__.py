"""The printed book: the doctree → Typst translator, the ``briefingpdf`` builder, the page
design, and the one-page read-ahead offered on the web.
"""
