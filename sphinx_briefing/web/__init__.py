"""The web output: previews, the search index, printing a web page, reproducible EPUB,
and the assets and templates every web page loads.
"""
