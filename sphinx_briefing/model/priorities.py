"""When each transform of the extension runs: the order is part of the design.

Read-time transforms (``SphinxTransform``) run on a page right after MyST parses
it; Sphinx's own run between 0 and 999 (smart quotes at 750). Write-time
post-transforms run on each page as it is written; Sphinx resolves references
at 10, so anything that makes links must come before it, and anything that
reads resolved links after it.
"""

# -- read time ----------------------------------------------------------------------------
#: Raw markup goes first, before anything reads or copies the page's text.
REJECT_RAW = 200
#: Placements inside ``{only}`` are found while the ``only`` nodes still stand.
REJECT_CONDITIONAL = 210
#: Prose checks read the text as the reader will see it: after smart quotes (750).
CHECK_PROSE = 880
#: Glossary uses and definitions are collected after the checks (they do not depend on each other).
COLLECT_TERMS = 881

# -- write time (references resolve at 10) --------------------------------------------------
#: Data-file links go next to each generated-page placeholder, before it is replaced.
LINK_DATA_FILES = 4
#: In a book with several sources, citations (generated ones included) get their source's label.
LABEL_CITATIONS = 6
#: Generated pages are filled before references resolve, so their links resolve too.
FILL_AGGREGATES = 5
#: Each glossary definition lists the pages that use it, before references resolve.
TERM_BACKLINKS = 5
#: Previews are attached to the unresolved citation and term links (generated ones included).
ATTACH_PREVIEWS = 7
#: Previews are rendered around the resolved links.
RENDER_PREVIEWS = 20
#: Furo wraps every table in a container at 500 and copies the table's ids onto it; one id
#: per page is put back right after.
ONE_ID_PER_TABLE = 501
