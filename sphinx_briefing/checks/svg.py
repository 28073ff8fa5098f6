"""An SVG the book publishes draws, and does nothing else.

Sphinx copies an SVG image as it is and links the scaled picture to the file itself:
one click opens it as a document on the book's own address, where a ``<script>``,
an ``onload`` handler or a ``foreignObject`` holding HTML runs. An SVG is published
only if every element is a drawing element of the SVG namespace (or inert metadata
of an editor's namespace), no attribute is an event handler, and every reference
stays inside the file (``#id``; an embedded raster picture as ``data:image/…``; a
link ``<a>`` to the web). Entity declarations are refused before they expand
(entity loops), as is a stylesheet processing instruction. A picture is drawn at a size
a briefing prints: its declared size (in any unit, exponent allowed, a missing side
taken from the ``viewBox``, and any width or height its CSS sets) is at most :data:`..raster.MAX_PIXELS`, and it draws at most
:data:`MAX_SHAPES` elements, counting each ``<use>`` as what it draws again, the same
bomb as an entity loop without entities. Filters (``<filter>``, ``<fe…>``, a ``filter``
attribute or CSS property) are refused: their cost grows with their settings, not the
file (red team T: 317 bytes of ``feMorphology`` printed for over 300 s). Reading is one pass of expat over at most
:data:`MAX_BYTES`, then one count per element.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from .raster import MAX_PIXELS

MAX_BYTES = 5 * 1024 * 1024

SVG = "http://www.w3.org/2000/svg"
#: Namespaces whose elements a browser would run or render as a document inside an SVG.
ACTIVE_NAMESPACES = frozenset({"http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML"})
#: The drawing elements of SVG: no script, foreignObject, animation (which can rewrite
#: a link into ``javascript:``) or element that fetches by itself.
ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "defs",
        "title",
        "desc",
        "metadata",
        "symbol",
        "use",
        "switch",
        "view",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "image",
        "a",
        "style",
        "linearGradient",
        "radialGradient",
        "stop",
        "pattern",
        "clipPath",
        "mask",
        "marker",
    }
)
#: Why a filter is refused, in each message that names one.
FILTER_COST = (
    "(a 317-byte drawing's feMorphology kept the PDF printing past 300 s); a briefing's drawings need no filters"
)
#: CSS that filters what is drawn (``filter: blur(…)``): the same cost as a filter element.
_FILTER_CSS = re.compile(r"(?<![\w-])(?:backdrop-)?filter\s*:", re.IGNORECASE)
#: Where an ``href`` may point, by element: inside the file, an embedded raster picture, the web.
_INSIDE = re.compile(r"#")
_RASTER = re.compile(r"(#|data:image/(png|jpeg|gif|webp)[;,])", re.IGNORECASE)
_WEB = re.compile(r"(#|https?://|mailto:)", re.IGNORECASE)
HREFS = {"image": _RASTER, "a": _WEB}
#: CSS functions that fetch: only a reference inside the file (``url(#id)``) is allowed.
_FETCHING_CSS = re.compile(r"(?:url|image-set|src)\(\s*['\"]?([^)'\"]*)", re.IGNORECASE)
#: CSS that imports, runs, or hides a function name behind an escape (``\\75 rl(``).
_ACTIVE_CSS = re.compile(r"\\|@import|expression\s*\(|javascript:", re.IGNORECASE)


def fetches(value: str) -> bool:
    """A value whose CSS fetches from outside the file (``url(leak.png)``, ``image-set(…)``)."""
    return any(not match[1].strip().startswith("#") for match in _FETCHING_CSS.finditer(value))


def active_css(text: str) -> bool:
    """A stylesheet or ``style`` attribute that fetches, imports or runs something."""
    return fetches(text) or bool(_ACTIVE_CSS.search(text))


#: CSS pixels in one of each unit an SVG's width or height may use (a font's units at 16 px).
_PIXELS_PER = {
    "": 1.0,
    "px": 1.0,
    "pt": 4 / 3,
    "pc": 16.0,
    "in": 96.0,
    "cm": 96 / 2.54,
    "mm": 96 / 25.4,
    "q": 96 / 101.6,
    "em": 16.0,
    "rem": 16.0,
    "ex": 8.0,
    "ch": 8.0,
}
#: A length as CSS reads it: a number, exponent allowed ("1e5"), and a unit.
_LENGTH = re.compile(r"\s*\+?((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-zA-Z]*)\s*")
#: Sizes relative to the page that shows the picture, and none at all.
_RELATIVE = re.compile(
    r"\s*(?:auto|inherit|initial|unset|(?:min-|max-|fit-)content"
    r"|\+?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*(?:%|vw|vh|vmin|vmax))?\s*(?:!\s*important\s*)?",
    re.IGNORECASE,
)
#: A width or height set in CSS (a ``style`` attribute or a stylesheet), which wins over
#: the attribute.
_CSS_SIZE = re.compile(r"(?<![\w-])(width|height)\s*:\s*([^;}]*)", re.IGNORECASE)
#: The longest side CSS may give, the other side unknown: a picture this wide and as tall
#: as it is wide would already pass :data:`..raster.MAX_PIXELS`.
MAX_CSS_SIDE = 20_000
#: The most elements a picture may draw, counting each ``<use>`` as what it draws.
MAX_SHAPES = 1_000_000


def _pixels(value: str) -> float | None:
    """A width or height in CSS pixels; None for one relative to the page (``100%``, none)."""
    if _RELATIVE.fullmatch(value):
        return None
    length = _LENGTH.fullmatch(value)
    if not length or length[2].lower() not in _PIXELS_PER:
        raise Refusal(f"a size the check cannot read ({value[:40]!r}); write it in px, pt, mm, cm or in")
    return float(length[1]) * _PIXELS_PER[length[2].lower()]


def _declared_size(attributes: dict[str, str]) -> tuple[float | None, float | None]:
    """The size an ``<svg>`` declares in its attributes, in CSS pixels; a side left out
    follows the other in the ``viewBox``'s proportions."""
    width, height = (_pixels(attributes.get(side, "")) for side in ("width", "height"))
    ratio = _aspect(attributes.get("viewBox", ""))
    if ratio and width is None and height is not None:
        width = height / ratio
    elif ratio and height is None and width is not None:
        height = width * ratio
    return width, height


class _Size:
    """The largest width and height the picture is given, by its attributes or its CSS:
    60,000 × 60,000 with a filter is 3.6 billion pixels that a browser or Typst
    rasterises, from a file of 400 bytes."""

    def __init__(self) -> None:
        self.width = self.height = 0.0

    def note(self, width: float | None, height: float | None) -> None:
        self.width, self.height = max(self.width, width or 0.0), max(self.height, height or 0.0)
        if self.width * self.height > MAX_PIXELS:
            raise Refusal(
                f"it declares {self.width:,.0f} × {self.height:,.0f} pixels, more than a briefing publishes ({MAX_PIXELS:,})"
            )

    def note_css(self, text: str) -> None:
        """Note each width and height a stylesheet or ``style`` attribute sets."""
        for side, value in _CSS_SIZE.findall(text):
            pixels = _pixels(value)
            if pixels is not None and pixels > MAX_CSS_SIDE:
                raise Refusal(f"its CSS sets a {side.lower()} of {pixels:,.0f} pixels, more than {MAX_CSS_SIDE:,}")
            wide = side.lower() == "width"
            self.note(pixels if wide else None, None if wide else pixels)


def _aspect(view_box: str) -> float | None:
    """Height over width of a ``viewBox`` ("0 0 400 300" is 0.75), or None if it has none."""
    numbers = re.split(r"[\s,]+", view_box.strip())
    try:
        width, height = (float(number) for number in numbers[2:4]) if len(numbers) == 4 else (0.0, 0.0)
    except ValueError:
        return None
    return height / width if width > 0 and height > 0 else None


class Refusal(Exception):
    """What makes an SVG unsafe to publish, with the line of the SVG where it stands."""


def svg_problem(data: bytes) -> str | None:
    """Why ``data`` may not be published as an SVG ("line 3: a <script> element"), or None."""
    if len(data) > MAX_BYTES:
        return f"it is over {MAX_BYTES // 2**20} MB, too large to check"
    parser = expat.ParserCreate(namespace_separator=" ")
    reader = _Reader(parser)
    try:
        parser.Parse(data, True)
    except Refusal as refusal:
        return f"line {parser.CurrentLineNumber}: {refusal}"
    except expat.ExpatError as error:
        return f"it is not well-formed XML ({expat.errors.messages.get(error.code, error)}, line {error.lineno})"
    return reader.drawing.problem()


class _Drawing:
    """The elements of a picture as a tree, and what each ``<use>`` (or ``<feImage>``)
    draws again: nine groups of ten ``<use>`` each draw a billion rectangles from a
    kilobyte, and a reader's browser never finishes. Counted once per element, linear."""

    def __init__(self) -> None:
        self.children: list[list[int]] = []
        self.reuses: dict[int, list[str]] = {}
        self.ids: dict[str, int] = {}
        self.open: list[int] = []

    def start(self, local: str, attributes: dict[str, str]) -> None:
        element = len(self.children)
        self.children.append([])
        if self.open:
            self.children[self.open[-1]].append(element)
        self.open.append(element)
        names = {name.rpartition(" ")[2]: value for name, value in attributes.items()}
        if "id" in names:
            self.ids.setdefault(names["id"], element)
        if local == "use":
            # Every reference counts, ``href`` and ``xlink:href`` alike: browsers follow the
            # first, and red team K hid a billion shapes behind it with a harmless second.
            targets = [value.strip() for name, value in attributes.items() if name.rpartition(" ")[2] == "href"]
            self.reuses[element] = [target[1:] for target in targets if target.startswith("#")]

    def end(self) -> None:
        self.open.pop()

    def problem(self) -> str | None:
        """Why the picture draws too much, or None."""
        shapes: dict[int, int] = {}
        for root in range(len(self.children)):
            if root not in shapes and self._count(root, shapes) is None:
                return "a <use> draws itself (through the element it refers to)"
        total = shapes.get(0, 0)
        return f"it draws more than {MAX_SHAPES:,} shapes through <use>" if total > MAX_SHAPES else None

    def _count(self, root: int, shapes: dict[int, int]) -> int | None:
        """How many elements ``root`` draws, each count capped past :data:`MAX_SHAPES`
        (kept in ``shapes``); None if a reference leads back to an element on the way."""
        on_the_way, stack = {root}, [(root, iter(self._parts(root)))]
        while stack:
            element, parts = stack[-1]
            part = next((part for part in parts if part not in shapes), None)
            if part in on_the_way:
                return None
            if part is not None:
                on_the_way.add(part)
                stack.append((part, iter(self._parts(part))))
                continue
            stack.pop()
            on_the_way.discard(element)
            shapes[element] = min(MAX_SHAPES + 1, 1 + sum(shapes[part] for part in self._parts(element)))
        return shapes[root]

    def _parts(self, element: int) -> list[int]:
        """What ``element`` draws: its children, and the elements its references name."""
        targets = [self.ids.get(name) for name in self.reuses.get(element, [])]
        return self.children[element] + [target for target in targets if target is not None]


class _Reader:
    """expat handlers that raise :class:`Refusal` at the first thing an SVG may not hold."""

    def __init__(self, parser: expat.XMLParserType) -> None:
        self.drawing = _Drawing()
        self.size = _Size()
        self.in_style = 0
        #: A stylesheet's text, whole: expat hands it over in pieces, split at every
        #: character reference ("u", "r", "l(…" for ``u&#114;l(``), so no piece alone shows url().
        self.style: list[str] = []
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.EntityDeclHandler = self.entity
        parser.ExternalEntityRefHandler = self.entity
        parser.ProcessingInstructionHandler = self.instruction
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.text

    @staticmethod
    def entity(*_args: object) -> None:
        raise Refusal("an entity declaration (it can expand without bound or read another file)")

    @staticmethod
    def instruction(target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            raise Refusal("a stylesheet processing instruction (it fetches or transforms)")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace in ACTIVE_NAMESPACES:
            raise Refusal(f"an element of {namespace} ({local}), which a browser renders and runs inside the picture")
        if namespace in ("", SVG) and (local == "filter" or local.startswith("fe")):
            raise Refusal(f"a <{local}> filter: a filter's cost grows with its settings without bound {FILTER_COST}")
        if namespace in ("", SVG) and local not in ELEMENTS:
            raise Refusal(f"a <{local}> element (only drawing elements: no script, foreignObject or animation)")
        for attribute, value in attributes.items():
            _check_attribute(local, attribute.rpartition(" ")[2], value)
        if local == "svg":
            self.size.note(*_declared_size(attributes))
        self.size.note_css(attributes.get("style", ""))
        self.in_style += local == "style"
        self.drawing.start(local, attributes)

    def end(self, name: str) -> None:
        self.drawing.end()
        if name.rpartition(" ")[2] == "style":
            self.in_style -= 1
            if active_css("".join(self.style)):
                raise Refusal("a style that fetches, imports or runs something (url(), @import, an escape)")
            if _FILTER_CSS.search("".join(self.style)):
                raise Refusal(f"a style that filters the drawing {FILTER_COST}")
            self.size.note_css("".join(self.style))
            self.style.clear()

    def text(self, data: str) -> None:
        if self.in_style:
            self.style.append(data)


def _check_attribute(element: str, attribute: str, value: str) -> None:
    if attribute.lower().startswith("on"):
        raise Refusal(f"an event handler ({attribute} on <{element}>)")
    if attribute == "base":  # xml:base: every reference below it is read against it (red team M)
        raise Refusal(f"an xml:base ({value[:60]!r} on <{element}>), which moves where the picture's references point")
    if attribute == "href" and not HREFS.get(element, _INSIDE).match(value.strip()):
        raise Refusal(f"a reference outside the file ({attribute}={value[:60]!r} on <{element}>)")
    if attribute == "filter" or (attribute == "style" and _FILTER_CSS.search(value)):
        raise Refusal(f"a filter ({attribute} on <{element}>) {FILTER_COST}")
    # every presentation attribute (fill, mask …) is a CSS value, escapes included
    if attribute != "href" and active_css(value):
        raise Refusal(f"a reference outside the file ({attribute}={value[:60]!r} on <{element}>)")
