"""The checks: each reads the book's prose (passages) against the paragraphs it cites.

One module per check; :mod:`run` applies them all to a page as it is read. Imports the
domain, model and text layers only.
"""
