"""A page cannot change how the book is built: what a page may write is an allowlist.

Configuration lives in ``conf.py``. A page reaches further than its own text in four
ways, each closed here:

- **Front matter.** MyST merges a page's ``myst:`` key into its configuration: one
  page could switch on the ``substitution`` extension, whose ``{{ … }}`` runs an
  unsandboxed Jinja template on the build machine (it printed ``/etc/passwd`` into
  every output), or set ``html_meta`` (a refresh to an outside site). Front matter
  may set only Sphinx's file-wide metadata (:data:`FRONT_MATTER`); any other key is
  a warning naming its line, and its lines are blanked before MyST reads the page
  (``source-read``, Sphinx's hook for the text before parsing), so line numbers stay.
- **MyST extensions.** ``myst_enable_extensions`` is an allowlist too
  (:data:`MYST_EXTENSIONS`): ``substitution``, the HTML ones, and math (MathJax from
  a CDN, the last outside fetch) are switched off with a warning naming ``conf.py``.
- **Directives and roles.** Every name docutils, Sphinx, MyST and sphinx-design know
  is looked up once, when the configuration is read, and every name outside
  :data:`DIRECTIVES` and :data:`ROLES` is registered again as a refusal: ``{meta}``,
  ``{math}``, ``{role}``, ``{default-domain}``, ``{py:function}`` and the rest are one
  warning each, by name, before they run. The extension's own, and those of any other
  extension a book's ``conf.py`` loads, are the book's choice and stay.
  The same lookup serves reST inside ``{eval-rst}``, so ``.. meta::`` there is
  refused too. Aliases (``section-numbering``, ``url``, a language's own names) are
  registered with the names they stand for.
- **Deep reST.** docutils recurses once per level of indentation; reST nested about a
  hundred levels deep (in ``{eval-rst}`` or an ``.rst`` page) raised RecursionError.
  Deeper than :data:`REST_DEPTH` levels is a warning, and the block is not parsed.
- **Deep directives.** MyST parses a directive's body by recursion too: 300 fenced
  directives one inside another raised RecursionError, which Sphinx reports with no
  file or line. Deeper than :data:`FENCE_DEPTH` is a warning, and the outermost fence
  that holds them is not parsed.
"""

from __future__ import annotations

import re
import reprlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from docutils.parsers.rst import directives, roles
from docutils.parsers.rst.languages import get_language
from myst_parser.config.main import TopmatterReadError, read_topmatter
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import FiletypeNotFoundError
from sphinx.util import get_filetype
from sphinx.util.docutils import SphinxDirective

from ..model.diagnostics import Check, excerpt, warn
from ..text.fences import OPENING, closes

#: The packages whose directives and roles a page may use only through the allowlists.
GOVERNED = frozenset({"docutils", "sphinx", "myst_parser", "sphinx_design"})

#: Front-matter keys a page may set: Sphinx's file-wide metadata, which changes nothing
#: but that page's place in the navigation and search.
FRONT_MATTER = frozenset({"orphan", "tocdepth", "nocomments", "nosearch"})
#: MyST syntax extensions a briefing book may switch on in ``conf.py``.
MYST_EXTENSIONS = frozenset(
    {"colon_fence", "deflist", "fieldlist", "tasklist", "strikethrough", "smartquotes", "replacements"}
)
#: Directives a briefing book uses, besides the extension's own (``include``,
#: ``literalinclude`` and ``raw`` are the extension's own refusals, with their reasons).
DIRECTIVES = frozenset(
    {
        "admonition",
        "attention",
        "caution",
        "danger",
        "error",
        "hint",
        "important",
        "note",
        "tip",
        "warning",
        "seealso",
        "topic",
        "sidebar",
        "rubric",
        "epigraph",
        "highlights",
        "pull-quote",
        "compound",
        "container",
        "line-block",
        "table",
        "list-table",
        "csv-table",
        "figure",
        "image",
        "figure-md",
        "code",
        "code-block",
        "sourcecode",
        "highlight",
        "parsed-literal",
        "toctree",
        "only",
        "glossary",
        "index",
        "grid",
        "grid-item",
        "grid-item-card",
        "card",
        "card-header",
        "card-footer",
        "card-carousel",
        "dropdown",
        "tab-set",
        "tab-item",
    }
)
#: Roles a briefing book uses, besides the extension's own.
ROLES = frozenset(
    {
        "emphasis",
        "strong",
        "literal",
        "code",
        "subscript",
        "superscript",
        "abbreviation",
        "abbr",
        "acronym",
        "title-reference",
        "index",
        "term",
        "ref",
        "doc",
        "download",
        "dfn",
        "kbd",
        "guilabel",
        "menuselection",
    }
)
#: Sphinx's domain whose names a briefing page may use, through the names above (the
#: extension's own domain is governed by its checks; every other domain is refused).
DOMAINS = frozenset({"std"})
_MATH = "math is typeset by MathJax fetched from a CDN, a fetch from outside the book"
#: Why some names are refused, when the general reason says too little.
REASONS = {
    "meta": "it sets the page's HTML metadata (a refresh to an outside site)",
    "math": _MATH,
    "eq": _MATH,
    "role": "it changes how every later page is read",
    "default-role": "it changes how every later page is read",
    "default-domain": "it changes how every later page is read",
    "numref": "a briefing does not number its figures, and Sphinx reads the target's whole page again for each use",
}
#: Why some MyST extensions are refused.
MYST_REASONS = {
    "substitution": "its {{ … }} runs a Jinja template on the build machine",
    "dollarmath": _MATH,
    "amsmath": _MATH,
    "html_image": "it turns raw HTML into images",
    "html_admonition": "it turns raw HTML into admonitions",
}
#: How deep reST may nest (docutils recurses per level; ~95 levels exhausted Python's stack).
REST_DEPTH = 20
#: The longest line docutils reads (its ``line_length_limit``): past it, it stops with an
#: error that names no line of the page (red team T).
REST_LINE = 10_000
#: The opening line of an ``{eval-rst}`` block, inside any container (list, quote, directive).
#: Fenced directives one inside another; a briefing needs three or four (a grid, a card).
FENCE_DEPTH = 20


# -- front matter ---------------------------------------------------------------------------


def refuse_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: warn about each front-matter key a page may not set, and blank its
    lines before MyST reads them (the page keeps its line numbers)."""
    if not markdown_page(app, docname):
        return
    lines = source[0].split("\n")
    end = _front_matter_end(lines)
    if end is None:
        return
    if not _DASHES.fullmatch(lines[end]):
        _refuse_odd_end(docname, source, lines, end)
        return
    alias = _first_alias("\n".join(lines[1:end]))
    if alias is not None:
        warn(
            Check.FRONT_MATTER,
            "front matter uses a YAML alias (*name), which repeats what an anchor names: nested, nine "
            "lines grow to a billion values (red team K); write each value out (the front matter is ignored)",
            (docname, alias + 2),
        )
        source[0] = "\n".join([""] * (end + 1) + lines[end + 1 :])
        return
    try:
        data = read_topmatter(source[0]) or {}
    except TopmatterReadError:
        return  # MyST reports malformed front matter itself, and then uses none of it
    refused = [str(key) for key in data if key not in FRONT_MATTER]
    key_lines = _key_lines(lines, end)
    if "tocdepth" in data and not _small_depth(data["tocdepth"]):
        warn(
            Check.FRONT_MATTER,
            f"front matter tocdepth must be a whole number from 1 to {MAX_TOCDEPTH}, not "
            f"{excerpt(reprlib.repr(data['tocdepth']), 40)}; "
            "Sphinx ignores any other value without a word",
            (docname, key_lines.get("tocdepth", 1)),
        )
    for number, key in enumerate(refused[:MAX_KEY_WARNINGS], start=1):
        more = len(refused) - number if number == MAX_KEY_WARNINGS else 0
        warn(
            Check.FRONT_MATTER,
            f"front matter key {key!r} is refused: a page may set only {', '.join(sorted(FRONT_MATTER))}; "
            "the book's configuration (MyST options, html_meta, substitutions) lives in conf.py"
            + (f" ({more:,} more refused keys follow it)" if more > 0 else ""),
            (docname, key_lines.get(key, 1)),
        )
    if refused:
        source[0] = "\n".join(_without_keys(lines, set(refused), end))


#: The most refused front-matter keys named one by one; the last says how many follow.
MAX_KEY_WARNINGS = 20
#: The deepest table of contents a page may ask for (Sphinx's own headings go six deep).
MAX_TOCDEPTH = 6


def _small_depth(value: object) -> bool:
    """A ``tocdepth`` Sphinx uses: a whole number from 1 to :data:`MAX_TOCDEPTH` (YAML gives an int)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_TOCDEPTH


#: The only line that ends front matter for MyST's parser (markdown-it's front_matter rule).
_DASHES = re.compile(r"-{3,}[ \t]*")


def _refuse_odd_end(docname: str, source: list[str], lines: list[str], end: int) -> None:
    """Sphinx's reader ends the front matter at any line starting ``---`` or ``...``; MyST's
    parser only at a line of dashes alone, and uses the keys it read up to there: the keys
    between were never checked ("---x: 1" let ``hide-toc`` through). The whole front matter,
    to the parser's end, is refused and blanked."""
    closing = next((index for index in range(1, len(lines)) if _DASHES.fullmatch(lines[index])), end)
    warn(
        Check.FRONT_MATTER,
        f"front matter line {excerpt(lines[end], 40)!r} ends it for Sphinx but not for MyST's parser, "
        "which reads on; close the front matter with a line of three dashes alone (the front matter is ignored)",
        (docname, end + 1),
    )
    source[0] = "\n".join([""] * (closing + 1) + lines[closing + 1 :])


def _first_alias(text: str) -> int | None:
    """The 0-based line of the first YAML alias in ``text`` (None if none, or if it is not
    YAML: MyST reports that itself). Read as events, so nothing is expanded; linear."""
    try:
        return next((event.start_mark.line for event in yaml.parse(text) if isinstance(event, yaml.AliasEvent)), None)
    except yaml.YAMLError:
        return None


def _front_matter_end(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter, as MyST finds it."""
    if not lines or not lines[0].startswith("---"):
        return None
    return next((index for index in range(1, len(lines)) if lines[index].startswith(("---", "..."))), None)


def _key_lines(lines: list[str], end: int) -> dict[str, int]:
    """The 1-based line where each top-level key of the front matter stands, in one pass
    (a search per key was quadratic: 30,000 keys took 143 s)."""
    found: dict[str, int] = {}
    for index in range(1, end):
        key = _top_level_key(lines[index])
        if key is not None:
            found.setdefault(key, index + 1)
    return found


def _top_level_key(line: str) -> str | None:
    """The key a front-matter line starts, unquoted, or None for a line that starts none."""
    if not line or line[0].isspace() or line.startswith("#") or ":" not in line:
        return None
    return line.split(":", 1)[0].strip().strip("'\"")


def _without_keys(lines: list[str], keys: set[str], end: int) -> list[str]:
    """The page with the refused keys' lines blanked; if nothing is left, or what is left still
    holds a refused key (a flow mapping, an alias or a merge key), the whole front matter is."""
    kept, blanking = list(lines), False
    for index in range(1, end):
        line = lines[index]
        if line and not line[0].isspace() and not line.startswith("#"):
            blanking = _top_level_key(line) in keys
        if blanking:
            kept[index] = ""
    try:
        left = read_topmatter("\n".join(kept)) or {}
    except TopmatterReadError:
        left = {"": None}
    if not left or set(left) - FRONT_MATTER:
        kept[: end + 1] = [""] * (end + 1)  # no front matter at all, not an empty one
    return kept


# -- MyST extensions ------------------------------------------------------------------------


def refuse_myst_extensions(app: Sphinx, config: Config) -> None:
    """Switch off every MyST extension outside the allowlist, one warning each, naming
    ``conf.py`` and the line that enables it."""
    enabled = list(getattr(config, "myst_enable_extensions", None) or [])
    refused = [name for name in enabled if name not in MYST_EXTENSIONS]
    conf = Path(app.confdir, "conf.py")
    for name in refused:
        reason = MYST_REASONS.get(name, "it is not one a briefing book uses")
        warn(
            Check.REFUSED_SYNTAX,
            f"the MyST extension {name!r} is refused: {reason}; a briefing book may use {', '.join(sorted(MYST_EXTENSIONS))}",
            f"{conf}:{_setting_line(conf, 'myst_enable_extensions')}",
        )
    if refused:
        config.myst_enable_extensions = [name for name in enabled if name in MYST_EXTENSIONS]


def _setting_line(conf: Path, name: str) -> int:
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return 1
    return next((number for number, line in enumerate(lines, start=1) if line.startswith(name)), 1)


# -- directives and roles -------------------------------------------------------------------


#: Directives refused with a check and a reason of their own; every other refusal is
#: ``briefing.refused-syntax``.
_NO_FILES = (
    Check.FILE_INSERTION,
    "the book reads no file by name (it could publish a file from outside the project); place the text in the page",
)
REFUSED = {
    "include": _NO_FILES,
    "literalinclude": _NO_FILES,
    "raw": (Check.RAW_MARKUP, "raw markup could run a script in readers' browsers; write it in MyST instead"),
}


def _refusal(name: str, kind: str) -> tuple[Check, str]:
    """The check and the message that refuse a directive or role (``py:function`` too)."""
    check, reason = REFUSED.get(name, (Check.REFUSED_SYNTAX, REASONS.get(name.rpartition(":")[2], "")))
    return check, f"{{{name}}} is refused: {reason or f'it is not one of the {kind}s a briefing book uses'}"


class Refused(SphinxDirective):
    """A directive the book does not allow: one warning naming it, before it reads or emits anything."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = None  # any option: the directive is refused whatever it asks

    def run(self) -> list[nodes.Node]:
        check, message = _refusal(self.name, "directive")
        warn(check, message, self.get_location())
        return []


def refused_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """A role outside the allowlist: one warning naming it; its text stays, as plain text."""
    env = inliner.document.settings.env
    check, message = _refusal(name, "role")
    warn(check, message + "; its text is kept as plain text", (env.current_document.docname, lineno))
    return [nodes.Text(text)], []


def _governed(element: object) -> bool:
    """A directive, role or domain of the toolkit's dependencies (docutils, Sphinx, MyST,
    sphinx-design), which the allowlists govern. The extension's own are governed by its
    checks, and those of an extension a book's ``conf.py`` loads are that book's choice."""
    module = getattr(element, "__module__", None) or type(element).__module__
    return module.split(".")[0] in GOVERNED


def _aliases(registry: dict[str, Any], language_names: Iterable[dict[str, str]]) -> dict[str, str]:
    """Every name docutils resolves to a directive or role of ``registry``, with the
    canonical name it stands for (``section-numbering`` → ``sectnum``)."""
    names = {name: name for name in registry}
    for mapping in language_names:
        names.update({alias: canonical for alias, canonical in mapping.items() if alias not in names})
    return names


def _refusals(
    registered: dict[str, Any],
    registry: dict[str, Any],
    language_names: Iterable[dict[str, str]],
    allowed: frozenset[str],
) -> Iterator[str]:
    """The names to refuse among those registered and those docutils would resolve."""
    for name, canonical in _aliases(registry, language_names).items():
        if canonical not in allowed and name not in allowed and name not in registered:
            yield name
    for name, element in registered.items():
        if name not in allowed and _governed(element):
            yield name


def refuse_unlisted_syntax(app: Sphinx, config: Config) -> None:
    """Register a refusal for every directive and role outside the allowlists, once every
    extension has registered its own (``config-inited``), before any page is read."""
    languages = [get_language(code) for code in dict.fromkeys((config.language or "en", "en"))]
    for name in _refusals(
        directives._directives, directives._directive_registry, [lang.directives for lang in languages], DIRECTIVES
    ):  # type: ignore[attr-defined]
        app.add_directive(name, Refused, override=True)
    for name in _refusals(roles._roles, roles._role_registry, [lang.roles for lang in languages], ROLES):  # type: ignore[attr-defined]
        app.add_role(name, refused_role, override=True)
    for domain_name, domain in app.registry.domains.items():
        if not _governed(domain):
            continue
        for name, directive in {**domain.directives, **app.registry.domain_directives.get(domain_name, {})}.items():
            if _governed(directive) and (domain_name not in DOMAINS or name not in DIRECTIVES):
                app.add_directive_to_domain(domain_name, name, Refused, override=True)
        for name, role in {**domain.roles, **app.registry.domain_roles.get(domain_name, {})}.items():
            if _governed(role) and (domain_name not in DOMAINS or name not in ROLES):
                app.add_role_to_domain(domain_name, name, refused_role, override=True)


# -- deep reST ------------------------------------------------------------------------------


def bound_rest_depth(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: reST nested deeper than :data:`REST_DEPTH` levels (in an ``.rst`` page,
    or in an ``{eval-rst}`` block of a Markdown page) is a warning, and the top-level
    construct that holds it is blanked (the page keeps its title and line numbers); so is
    a line longer than :data:`REST_LINE`, and the line is blanked."""
    filetype = _filetype(app, docname)
    lines = source[0].split("\n")
    blocks = (
        [(0, len(lines), "")]
        if filetype == "restructuredtext"
        else list(_rest_blocks(lines))
        if filetype == "markdown"
        else []
    )
    changed = False
    for start, end, info in blocks:
        cut = False
        for index in (index for index in range(start, end) if len(lines[index]) > REST_LINE):
            warn(
                Check.DEEP_REST,
                f"a line of reST longer than {REST_LINE:,} characters is refused (docutils stops at it); break it",
                (docname, index + 1),
            )
            lines[index] = ""
            changed = cut = True
        for deep, (first, last) in _too_deep(lines[start:end]):
            warn(
                Check.DEEP_REST,
                f"reST nested more than {REST_DEPTH} levels deep is refused (it exhausts the parser); flatten it",
                (docname, start + deep + 1),
            )
            lines[start + first : start + last] = [""] * (last - first)
            changed = cut = True
        if info.startswith("{line-block}") and not any(line.strip() for line in lines[start:end]):
            if not cut:
                warn(
                    Check.DEEP_REST,
                    "a line block of blank lines only is refused (the parser stops on it)",
                    (docname, start),
                )
            stop = min(end + 1, len(lines))
            lines[start - 1 : stop] = [""] * (stop - start + 1)
            changed = True
    if changed:
        source[0] = "\n".join(lines)


#: Directives whose body docutils nests by indentation: reST, and a line block, whose
#: every deeper line opens a level (200 levels stopped the build with a recursion error,
#: 60 the PDF; red team V).
_INDENTED = ("{eval-rst}", "{line-block}")


def _rest_blocks(lines: list[str]) -> Iterator[tuple[int, int, str]]:
    """The body of every ``{eval-rst}`` and ``{line-block}`` block: (first line index, index
    after the last, the fence's info). A line block left with blank lines only, by its
    author or by a cut here, is blanked whole, fences too: MyST stops on it with a
    TypeError that names no line."""
    index = 0
    while index < len(lines):
        opening = OPENING.match(lines[index])
        index += 1
        if not opening or not opening["info"].startswith(_INDENTED):
            continue
        start = index
        while index < len(lines) and not closes(lines[index], opening["fence"]):
            index += 1
        yield start, index, opening["info"]


def _too_deep(lines: list[str]) -> Iterator[tuple[int, tuple[int, int]]]:
    """For each top-level construct that nests more than :data:`REST_DEPTH` levels of
    indentation (each deeper indent opens a level, as docutils reads it): the index of its
    first line too deep, and its span (first index, index after the last). A line of a
    reST line block (``|   words``) is as deep as the spaces after its bar. One pass."""
    widths: list[int] = []
    top, deep = 0, None
    for index, line in enumerate(lines):
        text = line.expandtabs(8)
        body = text.lstrip(" >")
        if not body.strip():
            continue
        width = len(text) - len(body)
        if body.startswith("| "):
            width += len(body) - len(body[1:].lstrip(" ")) - 1
        while widths and widths[-1] > width:
            widths.pop()
        if not widths or widths[-1] < width:
            widths.append(width)
        if len(widths) == 1:
            if deep is not None:
                yield deep, (top, index)
            top, deep = index, None
        elif len(widths) > REST_DEPTH and deep is None:
            deep = index
    if deep is not None:
        yield deep, (top, len(lines))


def bound_fence_depth(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: fenced directives of a Markdown page nested deeper than
    :data:`FENCE_DEPTH` are a warning, and the outermost fence holding them is blanked."""
    if not markdown_page(app, docname):
        return
    lines = source[0].split("\n")
    spans = list(_deep_fences(lines))
    for deep, (first, last) in spans:
        warn(
            Check.DEEP_NESTING,
            f"directives nested more than {FENCE_DEPTH} deep are refused (they exhaust the parser); "
            "flatten the structure",
            (docname, deep + 1),
        )
        lines[first:last] = [""] * (last - first)
    if spans:
        source[0] = "\n".join(lines)


def _deep_fences(lines: list[str]) -> Iterator[tuple[int, tuple[int, int]]]:
    """For each outermost fence that holds fences more than :data:`FENCE_DEPTH` deep: the
    index of the first fence too deep, and the span (first index, index after the last).
    Every fence counts, a code block's too, and in any container: a line scan cannot tell
    every code block, and counting one too many is safe (see :mod:`..text.fences`). One pass."""
    stack: list[str] = []
    top, deep = 0, None
    for index, line in enumerate(lines):
        if stack and closes(line, stack[-1]):
            stack.pop()
            if not stack and deep is not None:
                yield deep, (top, index + 1)
                deep = None
            continue
        opening = OPENING.match(line)
        if not opening:
            continue
        top = index if not stack else top
        stack.append(opening["fence"])
        if len(stack) > FENCE_DEPTH and deep is None:
            deep = index
    if deep is not None:
        yield deep, (top, len(lines))


def _filetype(app: Sphinx, docname: str) -> str:
    try:
        return get_filetype(app.config.source_suffix, app.env.doc2path(docname))
    except FiletypeNotFoundError:
        return ""


def markdown_page(app: Sphinx, docname: str) -> bool:
    """Whether the page is read as Markdown (MyST), whose fences the line scans read."""
    return _filetype(app, docname) == "markdown"


def setup_syntax(app: Sphinx) -> None:
    """The refusals of file insertion and raw markup are registered at once, the allowlists
    once every extension is loaded; pages are guarded as they are read."""
    for name in REFUSED:
        app.add_directive(name, Refused, override=True)
    app.connect("config-inited", refuse_myst_extensions)
    app.connect("config-inited", refuse_unlisted_syntax)
    app.connect("source-read", refuse_front_matter)
    app.connect("source-read", bound_rest_depth)
    app.connect("source-read", bound_fence_depth)
