"""The ``brief`` domain and the roles that write into it: citations, marks, drafts.

Imports :mod:`model` and :mod:`text` only.
"""
