"""The words the code branches on: class names, citation targets and node markers.

Directives write these classes onto generic docutils nodes; checks, transforms,
translators, the stylesheet (``web/static/briefing.css``), the script and the Typst
page design (``print/templates/briefing.typ``) read them. Keeping them in one module
that imports nothing of the package means a check can test a class without loading
the module that writes it, and a test can hold every class the styles use against
this list (``tests/test_architecture.py``).
"""

from __future__ import annotations

# -- what the checks read: text that is not the book's own prose, and boxes of judgment ----

#: Text copied verbatim from a source (placed paragraphs, the annex): not the book's prose.
VERBATIM = "bb-verbatim"
#: Boxes that hold the book's judgments (an admonition class authors write).
ASSESSMENT = "assessment"
#: A citation whose address could not be read (already a warning): nothing to check against.
CITE_ERROR = "bb-cite-error"
#: A value the book worked out ({inferred}).
INFERRED_VALUE = "bb-inferred-value"
#: General reference knowledge ({background}).
BACKGROUND = "bb-background"
#: The legend that defines the confidence levels ({confidence-legend}).
CONFIDENCE_LEGEND = "bb-confidence-legend"
#: One of the book's own settings ({book}).
BOOK_FACT = "bb-book-fact"
#: The small link after a marked value; never read as prose.
MARK = "bb-mark"
#: A record option that may keep the source's wording (a person's role and affiliation).
IDENTIFYING = "bb-identifying"
#: A card of sphinx-design: a citation scope and a naming context, like a list item.
CARD = "sd-card"

# -- citations ----------------------------------------------------------------------------

#: The ``brief`` domain's name and the reference type of a citation.
DOMAIN = "brief"
CITE_REFTYPE = "cite"
#: The node attribute that holds a citation's :class:`~sphinx_briefing.text.addressing.Span`,
#: on the link before resolution and on the reference after it.
SPAN_ATTRIBUTE = "bb_span"
#: A citation link, and the wrapper around a role's links.
CITE = "bb-cite"
CITATION = "bb-citation"

# -- records and generated pages ------------------------------------------------------------

RECORD = "bb-record"
#: The class of a record box by its kind.
RECORD_KIND_CLASS = {"person": "bb-person", "event": "bb-event", "key-figure": "bb-key-figure"}
PERSON_NAME = "bb-person-name"
WHOS_WHO_ENTRY = "bb-whos-who-entry"
MENTIONS = "bb-mentions"
EVENT_DATE = "bb-event-date"
KF_GRID = "bb-kf-grid"
KF_CARD = "bb-kf-card"
KF_VALUE = "bb-kf-value"
KF_LABEL = "bb-kf-label"
KF_META = "bb-kf-meta"
KF_TABLE = "bb-kf-table"
TIMELINE_TABLE = "bb-timeline-table"
TIMELINE_FIGURE = "bb-timeline-figure"
TIMELINE_SVG = "bb-timeline-svg"
TL_AXIS = "bb-tl-axis"
TL_DOT = "bb-tl-dot"
TL_WHEN = "bb-tl-when"
TL_TITLE = "bb-tl-title"
TL_DESC = "bb-tl-desc"
COVERAGE_TABLE = "bb-coverage-table"
COVERAGE_NOTE = "bb-coverage-note"
TERM_USES = "bb-term-uses"
DATA_LINKS = "bb-data-links"
DATA_LINK = "bb-data-link"

# -- the split and the annex ----------------------------------------------------------------

SOURCE_PASSAGE = "bb-source-passage"
SOURCE_PARAGRAPH = "bb-source-paragraph"
EXCLUSIONS = "bb-exclusions"
SOURCE_LIST = "bb-source-list"
SOURCE_META = "bb-source-meta"
ANNEX = "bb-annex"
ANNEX_HEADLINE = "bb-annex-headline"
ANNEX_PARAGRAPH = "bb-annex-paragraph"
PNUM = "bb-pnum"
SPEAKERS = "bb-speakers"

# -- marks and web furniture ----------------------------------------------------------------

INFERRED = "bb-inferred"
DRAFT = "bb-draft"
READAHEAD_DOWNLOAD = "bb-readahead-download"
PREVIEW = "bb-preview"
PREVIEW_HOST = "bb-preview-host"
#: Set by ``briefing.js`` on a preview the reader dismissed with Escape.
DISMISSED = "bb-dismissed"
#: The handling line printed below a web page (``web/webprint.py``).
#: ``-top`` and ``-bottom`` are added to the class for the two edges.
PRINT_BANNER = "bb-print-banner"
#: The as-of date and handling line at the top of every web page, on screen and in print.
AS_OF_BANNER = "bb-as-of"
#: The page count on the PDF's cover (the Typst template's own label).
PAGE_COUNT = "bb-page-count"
