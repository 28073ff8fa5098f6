"""The toolkit's checks that every briefing book must pass, run on this book.

A book made with ``make new`` runs exactly these, from its own ``tests/``; this
repository runs them on its own book. They read nothing particular to this book.
"""

from sphinx_briefing.booktests import *  # noqa: F403
