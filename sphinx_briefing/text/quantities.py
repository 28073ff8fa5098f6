"""Quantities as a reader reads them: the number, its range, unit and scale, its hedge, and
whether the text takes it back.

A news article writes "between 70 and 80 percent", "650 to 700", "1.2 million
acre-feet", "410 cubic metres per second", "a third", "nearly half", "half a
billion", and corrects itself: "It is 1.2 million acre-feet, not 1.5 million". A
check that reads digits alone cuts the range to one end, loses the unit and
accepts the number the text retracts. This module reads each of those as one
:class:`Quantity`:

- **range**: ``low`` and ``high`` (equal for one value); "between X and Y", "X to Y",
  "X-Y" and "from 2010 to 2015" are one quantity (a change, "rose from 10 to 20",
  is two), and a unit or scale written once ("15 to 20 percent", "2 to 3 million")
  belongs to both ends, and so does a rate written after the second ("$1.5 million to
  $3 million a year");
- **order**: "billions of dollars", "tens of thousands" give an order, not a figure: a
  range from two of its units to the next order, which only the same words support;
- **share and tally**: "one in four" and "3 out of every 10" are one fraction; a vote or
  a score ("a 6-3 vote", "six to three") is one quantity whose ends go down
  (:attr:`Quantity.tally`), so that neither end alone nor any range matches it;
- **unit**: as written, whole ("cubic metres per second", "acre-feet", "percent");
  money takes its currency's name ("$" gives "dollars"); a calendar year is "year";
  a bare count has none;
- **scale**: "million", "bn", "half a billion" are part of the value (exact
  fractions: "a third" is 1/3, never 0.333);
- **bound**: "about", "nearly" (approx), "more than", "at least" (at least), "up
  to", "fewer than" (at most);
- **retracted**: "not 1.5 million", "misstated … as 40" ("five years instead of
  three" and "rather than 20" set one figure against another: neither is withdrawn).

Numbers are read the way a reader reads them: superscript and other Unicode
digits are digits, and letters that look like digits inside a number ("12O",
"l5") are those digits. Ordinals ("the third time", "21st"), labels ("¶12",
"No. 3", "Chapter 2"), clock times and decades are not quantities.

Pure text functions, no Sphinx. Linear in the length of the text: a fixed set of
regular expressions, none of which can backtrack over more than a bounded window,
and one pass over the numbers found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache

# -- how a quantity is compared ---------------------------------------------------------------

APPROX, AT_LEAST, AT_MOST = "approx", "at least", "at most"
#: Percent and its kin: a number in percent is never the same claim as a bare number.
PERCENT_UNITS = frozenset({"percent", "percentage point"})
YEAR_UNIT = "year"
DATE_UNIT = "date"


@dataclass(frozen=True)
class Quantity:
    """One quantity as written: ``text`` at ``[start, end)`` of the text it was read from."""

    text: str
    start: int
    end: int
    #: The range it states (equal for one value); None for a malformed number ("9,00"). A
    #: calendar date is month × 100 + day ("Jan. 5" is 105), with unit :data:`DATE_UNIT`.
    low: Fraction | None
    high: Fraction | None
    #: The unit as written, lower case ("cubic metres per second", "dollars", "year", "").
    unit: str = ""
    #: "" for a plain value, else :data:`APPROX`, :data:`AT_LEAST` or :data:`AT_MOST`.
    bound: str = ""
    #: The words of the bound as written ("more than"), which stand just before ``text``.
    hedge: str = ""
    #: The text says this number is wrong ("not 1.5 million").
    retracted: bool = False
    #: Written in words ("seven", "a third"), not digits.
    spelled: bool = False
    #: A number that could be a year but counts a noun ("2015 helicopters"): no year
    #: supports it.
    counted: bool = False

    @property
    def value(self) -> Fraction | None:
        """The one value of a quantity that is not a range."""
        return self.low if self.low == self.high else None

    @property
    def tally(self) -> bool:
        """A vote or a score ("6-3"): the one quantity whose ends go down."""
        return self.low is not None and self.high is not None and self.low > self.high

    @property
    def approx(self) -> bool:
        """Hedged: "about", "nearly", "more than", "up to" …"""
        return bool(self.bound)

    @property
    def key(self) -> str:
        """The unit in a form that compares equal across spellings ("per cent", "%")."""
        return unit_key(self.unit)

    def matches(self, given: Quantity) -> bool:
        """True when ``given`` (a source's quantity) supports this one (the book's).

        The same range with the same ends, scale included ("20" never stands for "15
        to 20"); the same unit, except that a bare number may stand for an amount with
        a unit ("60 million" for "$60 million") and a year for a bare number (not one
        that counts a noun: "2015 helicopters"), but a percentage only for a percentage; a bound ("up to", "more than") only for the
        same bound; and never a number the source retracts.
        """
        if given.retracted or self.low is None or (self.low, self.high) != (given.low, given.high):
            return False
        if self.bound in (AT_LEAST, AT_MOST) and self.bound != given.bound:
            return False
        mine, theirs = self.key, given.key
        if self.counted and theirs == YEAR_UNIT:
            return False  # "2015 helicopters" is no year, whatever the paragraph says of 2015
        if mine == theirs or {mine, theirs} <= {"", YEAR_UNIT}:
            return True
        return mine in ("", YEAR_UNIT) and theirs not in PERCENT_UNITS

    @property
    def kind(self) -> tuple[object, ...]:
        """All that :meth:`matches` reads of this quantity: two of one kind are supported by
        exactly the same quantities, so a check asks once per kind. A bare number and a
        year are one kind (each stands for any quantity but a percentage); a bound counts
        only when it is "at least" or "at most". A passage of 6,000 bare "5"s against a
        paragraph of 32,000 "5%"s compared every pair, each time in vain (red team N)."""
        bound = self.bound if self.bound in (AT_LEAST, AT_MOST) else ""
        unit = "" if self.key in ("", YEAR_UNIT) else self.key
        return (self.low, self.high, bound, unit, self.counted)


@lru_cache(maxsize=4096)
def unit_key(unit: str) -> str:
    """A unit folded for comparison: lower case, singular, one spelling ("metres" and
    "meters" are "meter"; "%", "per cent" and "percent" are "percent"; "$" is "dollar")."""
    words = [_singular(word) for word in re.split(r"[\s-]+", _fold(unit).replace("%", " percent ")) if word]
    text = " ".join(words).replace("per cent", "percent")
    return _SPELLINGS.get(text, text)


def _singular(word: str) -> str:
    word = _IRREGULAR.get(word, word).replace("metre", "meter").replace("litre", "liter")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


_IRREGULAR = {
    "feet": "foot",
    "acre-feet": "acre-foot",
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
}
_SPELLINGS = {
    "$": "dollar",
    "us$": "dollar",
    "€": "euro",
    "£": "pound",
    "¥": "yen",
    "km": "kilometer",
    "kg": "kilogram",
    "mw": "megawatt",
    "gw": "gigawatt",
    "kwh": "kilowatt hour",
    "mph": "mile per hour",
    "°c": "degree celsius",
    "°f": "degree fahrenheit",
    "pct": "percent",
}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip()


# -- the vocabulary -------------------------------------------------------------------------

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SMALL = {word: value for value, word in enumerate(_ONES)} | _TENS
SCALES = {"hundred": 10**2, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
#: Short scales written onto an amount of money ("£40m", "$2.5bn").
_SHORT_SCALES = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "b": 10**9, "bln": 10**9, "tn": 10**12}
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
_CURRENCY_SIGNS = {"US$": "dollars", "$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}
_CURRENCY_WORDS = (
    "dollars euros pesos pounds crowns korun koruna yen yuan renminbi rupees francs reais rand won rubles roubles lira liras "
    "shekels dinars dirhams riyals krona kronor krone kroner zloty forints pesetas"
).split()
CURRENCY_KEYS = frozenset({*map(unit_key, _CURRENCY_WORDS), *map(unit_key, _CURRENCY_SIGNS.values())})
_TIME_UNITS = "second seconds minute minutes hour hours day days week weeks month months year years decade decades century centuries".split()
_UNIT_WORDS = [
    *_TIME_UNITS,
    *"acre-feet acre-foot kilowatt-hours kilowatt-hour megawatt-hours megawatt-hour gigawatt-hours gigawatt-hour".split(),
    *"terawatt-hours terawatt-hour metres metre meters meter kilometres kilometre kilometers kilometer".split(),
    *"centimetres centimetre centimeters centimeter millimetres millimetre millimeters millimeter".split(),
    *"miles mile feet foot inches inch yards yard acres acre hectares hectare litres litre liters liter".split(),
    *"gallons gallon barrels barrel tonnes tonne tons ton kilograms kilogram grams gram kilos kilo".split(),
    *"megawatts megawatt gigawatts gigawatt kilowatts kilowatt watts watt volts volt degrees degree knots knot".split(),
    *"calories calorie gigabytes gigabyte terabytes terabyte megabytes megabyte km kg mph MW GW kWh".split(),
]
_TIME_SINGULAR = "second minute hour day week month year decade century"
_BASE = rf"(?:(?:cubic|square)\s+)?(?:{'|'.join(map(re.escape, sorted(_UNIT_WORDS, key=len, reverse=True)))})"
_PER = rf"(?:\s+per\s+{_BASE}|\s+an?\s+(?:{_TIME_SINGULAR.replace(' ', '|')}))"
_NATIONAL = r"(?:(?:U\.S\.|US|American|Canadian|Australian|Mexican|Hong\s+Kong|New\s+Zealand|Swiss|Indian)\s+)?"

# -- the patterns (run on the *reading*: the text with its digits normalised) --------------------

_NUMBER = r"\d++(?:[.,]\d++)*+"
_SMALL_WORD = "|".join(sorted(SMALL, key=len, reverse=True))
_SPELLED_WORD = "|".join(sorted([*SMALL, *SCALES, "dozen"], key=len, reverse=True))
#: What may be written onto digits: a short scale ("40m", "2.5bn") or a unit abbreviation.
_GLUED = r"(?:mln|bln|mn|bn|tn|k|m|b|km|kg|mph|mw|gw|kwh|cm|mm)\b"
_ATOM = re.compile(
    rf"""
    (?P<sign>US\$|\$|€|£|¥)?(?P<num>(?<![\w.,])(?<![A-Za-z]-){_NUMBER}(?!(?!{_GLUED})\w|[.,]\d))
    | (?P<vague>(?<![\w-])(?:(?:tens|dozens|hundreds)\s+of\s+)?(?:dozens|hundreds|thousands|millions|billions|trillions)(?![\w-]))
    | (?P<fraction>(?<![\w-])(?:(?P<numerator>(?:{_SMALL_WORD}|an?)(?:[\s-]+))?(?P<den>{"|".join(_DENOMINATORS)}))(?![\w-]))
    | (?P<words>(?<![\w-])(?:(?:a|an|one)\s+(?:hundred|thousand|million|billion|trillion|dozen)|{_SMALL_WORD})
        (?:(?:\s+and\s+|[\s-]+)(?:{_SPELLED_WORD}))*(?![\w]))
    """,
    re.IGNORECASE | re.VERBOSE,
)
_SCALE_AFTER = re.compile(r"\s+(?P<scale>hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
_SHORT_SCALE_AFTER = re.compile(r"(?P<scale>mln|bln|mn|bn|tn|k|m|b)(?![\w])")
_OF_A_SCALE = re.compile(r"(?:\s+of)?\s+an?\s+(?P<scale>hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"(?P<unit>\s*%|\s+per\s*cent\b|\s+percentage\s+points?\b|\s+pct\b)", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    rf"(?:\s+|-|(?=[a-z]))(?P<unit>{_BASE}{_PER}?|{_NATIONAL}(?:{'|'.join(_CURRENCY_WORDS)})|°[CF]|degrees\s+(?:Celsius|Fahrenheit))(?![\w])",
    re.IGNORECASE,
)
#: A rate after an amount of money: "$19 million a year", "€5 per day".
_RATE_AFTER = re.compile(rf"\s+(?P<rate>(?:a|an|per)\s+(?:{_TIME_SINGULAR.replace(' ', '|')}))\b", re.IGNORECASE)
#: A hyphenated adjective of a number and a unit ("a two-month course", "100-fold").
_ADJECTIVE_AFTER = re.compile(r"-(?P<unit>fold)\b", re.IGNORECASE)
_CONNECTOR = re.compile(r"^(?:-|–|\s+–\s+|\s+(?:to|through|and|or)\s+)$", re.IGNORECASE)
#: "one in four", "3 out of every 10": a share of a whole, written as two counts.
_RATIO = re.compile(r"^\s+(?:in|out\s+of)\s+(?:every\s+)?$", re.IGNORECASE)
#: What may stand between the two sides of a tally: "a 6-3 vote", "won six to three".
_TALLY = re.compile(r"^(?:-|–|\s+to\s+)$", re.IGNORECASE)
_BOUNDS = (
    (
        AT_MOST,
        r"(?:a\s+little|slightly)\s+(?:under|less\s+than|below)|up\s+to|less\s+than|fewer\s+than|under|at\s+most|no\s+more\s+than|not\s+more\s+than|just\s+under|below|as\s+(?:many|much|high)\s+as",
    ),
    (
        AT_LEAST,
        r"(?:a\s+little|slightly)\s+(?:over|more\s+than|above)|more\s+than|over|at\s+least|upwards\s+of|in\s+excess\s+of|just\s+over|well\s+over|no\s+(?:fewer|less)\s+than|not\s+less\s+than|greater\s+than|above",
    ),
    (
        APPROX,
        r"about|around|roughly|nearly|almost|some|approximately|an\s+estimated|estimated|close\s+to|something\s+like|just\s+about|more\s+or\s+less|an\s+average\s+of|on\s+average",
    ),
)
#: Bound words directly before a quantity (or before "between"/"from" that opens a range).
_BOUND_BEFORE = re.compile(
    rf"(?<![\w])(?:{'|'.join(f'(?P<b{index}>{words})' for index, (_b, words) in enumerate(_BOUNDS))})\s+$",
    re.IGNORECASE,
)
_RANGE_OPENER = re.compile(r"(?<![\w])(?P<word>between|from)\s+$", re.IGNORECASE)
_RETRACTION = re.compile(
    r"(?<![\w])not\s+(?:the\s+)?$|(?:misstated|misreported|incorrectly\s+(?:said|stated|gave|reported))\b[^.;]{0,80}?\bas\s+$",
    re.IGNORECASE,
)
#: Numbers that label a part of a document or a thing, not a quantity: ¶12, Chapter 3, No. 3.
_LABEL = re.compile(
    r"¶\s*\d+(?:\s*[–-]\s*\d+)?|\b(?:[Cc]hapter|[Pp]art|[Pp]age|[Ss]ection|[Aa]nnex|[Aa]ppendix|[Tt]able|[Ff]igure|[Ss]tep|No\.|[Nn]umber|Nos\.)\s*\d+\b"
)
#: A capitalised word right before digits names a thing ("Local 402", "Route 66", "Line 5"),
#: unless it is a word that leads into a quantity or a date.
_NAMED_NUMBER = re.compile(r"\b(?P<word>[A-Z][a-z]+)\s+\d+(?![\d.,]*\s*(?:%|percent|per\s*cent))")
_LEADS_IN = frozenset(
    "in by since from to until till before after about around nearly almost some over under up more less fewer only "
    "just at on for with of and but or than all roughly approximately exactly between the another its their his her "
    "our every each about nearly barely also still even another just some than when as of".split()
) | {
    name.lower()
    for name in "January February March April May June July August September October November December".split()
}
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b|'?s\b|:\d\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b)", re.IGNORECASE)
#: The longest number read as a value: longer ones are compared as text. Python refuses to
#: convert more than 4,300 digits, and a 5,000-digit number had crashed the build.
MAX_DIGITS = 100
_WELL_FORMED = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH_BEFORE = re.compile(rf"(?<![\w])(?:{_MONTHS})\s+$")
_MONTH_AFTER = re.compile(rf"\s+(?:{_MONTHS})(?![\w])")
#: Words before a four-digit number that make it a year ("in 2015", "since 1998", "May 2016").
_YEAR_CONTEXT = re.compile(
    rf"(?<![\w])(?:in|since|by|until|till|before|after|from|to|through|of|and|between|during|early|late|mid|summer|winter|spring|autumn|fall|year|fiscal|{_MONTHS}|,)[\s-]+$|[(]\s*$",
    re.IGNORECASE,
)
#: The word a number counts: the next word, past up to two capitalised ones ("2015 Black
#: Hawk helicopters", "1500 Mexican farmers").
_NEXT_WORD = re.compile(r"\s+(?:[A-Z][\w'’-]*\s+){0,2}(?P<word>[a-z][\w'’-]*)")
#: Words ending in -s after a number that are not the things it counts ("2015 was").
_NOT_COUNTED = frozenset("was has is does goes its this thus as his hers yes us less plus versus always".split())
_WINDOW = 80
_TIME_KEYS = frozenset(unit_key(unit) for unit in _TIME_UNITS)
#: "over" before a span of time is "during", unless it follows "in" or "for" ("in over a century").
_OVER_A_TIME = re.compile(r"(?<!\bin )(?<!\bfor )\bover\s+$", re.IGNORECASE)
_HALF_OF = re.compile(r"\s+(?:of|the|a|an|its|their|his|her|our|that|this|those|these)\b", re.IGNORECASE)
#: After "a third": the nouns that make it an ordinal ("a third time", "a fourth term"), not a part
#: ("a third of", "by a third since", "a third said").
_ORDINAL_HEAD = re.compile(
    r"\s+(?:straight\s+|consecutive\s+|successive\s+|full\s+)?(?:time|times|term|round|year|day|week|month|season|party|country|"
    r"person|place|option|way|wave|dose|attempt|game|match|set|stage|phase|world|generation|floor|grade|class|"
    r"quarter|century|child|son|daughter|runway|reactor|unit|line|lane|bridge|try|visit|trip|night|consecutive|straight)\b",
    re.IGNORECASE,
)
_ORDINAL_BEFORE = re.compile(r"(?:first|second|latter|other|the|a)\s+$", re.IGNORECASE)

# -- the reading: digits as a reader reads them ----------------------------------------------

_LOOKALIKES = str.maketrans(
    {"O": "0", "o": "0", "О": "0", "о": "0", "Ο": "0", "ο": "0", "l": "1", "I": "1", "Ӏ": "1", "ı": "1"}
)
_LOOKALIKE_RUN = re.compile(r"(?<![\w.,])(?=[OoОоΟοlIӀı]*+\d)[\dOoОоΟοlIӀı]++(?:[.,][\dOoОоΟοlIӀı]++)*+(?![\w])")


def reading(text: str) -> str:
    """``text`` with every digit as the ASCII digit a reader sees, character for character
    (so offsets stay): superscripts and other Unicode digits ("¹²" is 12), and letters
    that look like digits inside a run that holds a digit ("12O" is 120, "l5" is 15)."""
    digits = "".join(
        str(unicodedata.digit(ch)) if not ch.isascii() and unicodedata.digit(ch, None) is not None else ch
        for ch in text
    )
    return _LOOKALIKE_RUN.sub(lambda match: match.group().translate(_LOOKALIKES), digits)


# -- parsing -------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def quantities(text: str, ordinary_words: bool = True) -> tuple[Quantity, ...]:
    """Every quantity in ``text``, in order. "One" alone is a word ("One nurse", "that one"), not
    a count; with ``ordinary_words=False``, "two" alone is skipped too (in prose it is mostly a
    word, "the two countries", not a claim).

    Linear in ``len(text)``; remembered per text (bounded), since a cited paragraph is
    read for every sentence that cites it.
    """
    read = reading(text)
    labels = [match.span() for match in _LABEL.finditer(read)]
    labels += [match.span() for match in _NAMED_NUMBER.finditer(read) if match["word"].lower() not in _LEADS_IN]
    atoms = [atom for atom in _atoms(text, read) if not any(start <= atom.start < end for start, end in labels)]
    found = [_qualified(text, read, quantity) for quantity in _ranges(text, read, atoms)]
    # "One nurse", "that one", "every one of them": "one" alone is a word, not a count.
    skipped = ("one",) if ordinary_words else ("one", "two")
    found = [q for q in found if not (q.spelled and _fold(q.text) in skipped)]
    return tuple(found)


def _atoms(text: str, read: str) -> Iterator[Quantity]:
    """Single values with their scale and unit, before ranges and bounds are read; a match
    inside one already read ("a billion" in "half a billion") is part of it."""
    taken = 0
    for match in _ATOM.finditer(read):
        if match.start() < taken:
            continue
        if match["num"]:
            atom = _digits(text, read, match)
        elif match["vague"]:
            atom = _vague(text, read, match)
        elif match["fraction"]:
            atom = _fraction(text, read, match)
        else:
            atom = _words(text, read, match)
        if atom is not None:
            taken = atom.end
            yield atom


def _digits(text: str, read: str, match: re.Match[str]) -> Quantity | None:
    end = match.end()
    if _ORDINAL_AFTER.match(read, end) or (match.start("num") > 0 and read[match.start("num") - 1] == ":"):
        return None  # the 1990s, 10:30, 3 p.m. (an ordinal, "21st", never matches)
    number = match["num"]
    value = Fraction(number.replace(",", "")) if len(number) <= MAX_DIGITS and _WELL_FORMED.match(number) else None
    unit = _CURRENCY_SIGNS.get(match["sign"] or "", "")
    start = match.start("sign") if match["sign"] else match.start("num")
    short = _SHORT_SCALE_AFTER.match(read, end)
    scale = _SCALE_AFTER.match(read, end) or (short if short and (unit or len(short["scale"]) > 1) else None)
    if scale:
        factor = SCALES.get(scale["scale"].lower()) or _SHORT_SCALES[scale["scale"].lower()]
        value, end = (value * factor if value is not None else None), scale.end()
    quantity = Quantity(text[start:end], start, end, value, value, unit)
    return _with_unit(text, read, quantity)


#: What a vague plural counts in: "dozens" of twelve, "thousands" of a thousand.
_VAGUE = {
    "tens": 10,
    "dozens": 12,
    "hundreds": 100,
    "thousands": 10**3,
    "millions": 10**6,
    "billions": 10**9,
    "trillions": 10**12,
}
#: Where a vague order ends: "hundreds" below a thousand, "thousands" below a million.
_NEXT_ORDER = {"tens": 100, "dozens": 144, "hundreds": 1000}
_OF_BEFORE_UNIT = re.compile(r"\s+of(?=\s)", re.IGNORECASE)


def _vague(text: str, read: str, match: re.Match[str]) -> Quantity:
    """An amount given only by its order, "billions of dollars", "tens of thousands": the range
    from two of its units up to the next order, so that no exact figure and no other order
    supports it, and only the same words do (red team AE: "billions of dollars" passed
    against a paragraph that gives $60 million)."""
    words = match.group().lower().split()
    first, scale = words[0], (_VAGUE[words[-1]] if len(words) > 1 else 1)
    low, high = Fraction(2 * _VAGUE[first] * scale), Fraction(_NEXT_ORDER.get(first, _VAGUE[first] * 1000) * scale)
    quantity = Quantity(text[match.start() : match.end()], match.start(), match.end(), low, high, spelled=True)
    of = _OF_BEFORE_UNIT.match(read, quantity.end)
    if of:  # "billions of dollars": the unit stands after "of"
        measured = _with_unit(text, read, replace(quantity, end=of.end()))
        if measured.unit:
            return replace(measured, text=text[quantity.start : measured.end])
    return _with_unit(text, read, quantity)


def _fraction(text: str, read: str, match: re.Match[str]) -> Quantity | None:
    numerator_word = " ".join((match["numerator"] or "").replace("-", " ").split()).lower()
    if match["den"][:1].isupper() and not (match["numerator"] or "")[:1].isupper():
        return None  # "a Third World country", "the Fifth Fleet": a name, not a part
    denominator = match["den"].lower()
    before = read[max(0, match.start() - _WINDOW) : match.start()]
    after = read[match.end() : match.end() + _WINDOW]
    if not numerator_word:
        # "half" alone is a quantity when hedged or followed by what it is half of; "third" alone is an ordinal.
        hedged = _BOUND_BEFORE.search(before) is not None
        if denominator != "half" or not (hedged or _HALF_OF.match(after)) or _ORDINAL_BEFORE.search(before):
            return None
    elif numerator_word in ("a", "an", "one") and not denominator.endswith("s") and _ORDINAL_HEAD.match(after):
        return None  # "a third time", "a fourth term": ordinals, not parts
    numerator = 1 if numerator_word in ("", "a", "an") else SMALL[numerator_word]
    if numerator_word == "a" and denominator == "half" and re.search(r"\d\s+and\s+$", before):
        return None  # "two and a half" is read with the whole number, not as a half
    value = Fraction(numerator, _DENOMINATORS[denominator])
    end = match.end()
    scale = _OF_A_SCALE.match(read, end)
    if scale:
        value, end = value * SCALES[scale["scale"].lower()], scale.end()
    quantity = Quantity(text[match.start() : end], match.start(), end, value, value, spelled=True)
    return _with_unit(text, read, quantity)


#: What after a hyphen makes a number word part of another word: an ordinal ("twenty-first"),
#: a fraction ("two-thirds"), or a word that is no noun it counts ("one-sided", "two-faced").
#: A count of a noun ("a seven-member panel") stays a number: the source gives seven members
#: (new-user review: "seven members" was refused against "a seven-member advisory panel").
_WORD_AFTER = re.compile(
    r"-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\w*th|halves|half|thirds?|quarters?"
    r"|\w*(?:ed|ing|ish|ly|way|off|time|fold|sided|faced|handed|minded)\b|[^a-z])",
    re.IGNORECASE,
)


def _words(text: str, read: str, match: re.Match[str]) -> Quantity | None:
    """A number in words ("twenty-one", "three hundred and fifty", "a million", "2 million")."""
    tokens = [(m.group().lower(), m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+|\d+", match.group())]
    value, used = _word_value(tokens)
    if value is None:
        return None
    start, end = match.start(), match.start() + tokens[used - 1][2]
    quantity = _with_unit(
        text, read, Quantity(text[start:end], start, end, Fraction(value), Fraction(value), spelled=True)
    )
    if quantity.end == end and _WORD_AFTER.match(read, end):
        return None  # "twenty-first", "one-sided", "two-thirds": a word, not a number
    return quantity


def _word_value(tokens: list[tuple[str, int, int]]) -> tuple[int | None, int]:
    """The value of the longest valid run of number words, and how many tokens it takes."""
    total, current, used, last = 0, 0, 0, ""
    for index, (word, _start, _end) in enumerate(tokens):
        if word == "and":
            if last not in SCALES or index + 1 >= len(tokens) or tokens[index + 1][0] not in SMALL:
                break
            last = word
            continue
        if word in ("a", "an") and index == 0:
            current, last = 1, "a"
        elif word in SMALL:
            if (last in SMALL and not (last in _TENS and SMALL[word] < 10)) or last in ("a",):
                break
            current += SMALL[word]
        elif word == "dozen":
            if last not in SMALL and last != "a":
                break
            current = (current or 1) * 12
        elif word in SCALES:
            if last not in SMALL and last != "a" and last != "hundred":
                break
            if word == "hundred":
                current = (current or 1) * 100
            else:
                total, current = total + (current or 1) * SCALES[word], 0
        else:
            break
        last, used = word, index + 1
    if used == 0 or last in ("a", "and"):
        return None, 0
    return total + current, used


def _with_unit(text: str, read: str, quantity: Quantity) -> Quantity:
    """The quantity with the percent sign, unit or currency word written after it."""
    end = quantity.end
    unit_match = _PERCENT_AFTER.match(read, end) or _UNIT_AFTER.match(read, end) or _ADJECTIVE_AFTER.match(read, end)
    if unit_match is None:
        rate = _RATE_AFTER.match(read, end) if quantity.unit else None
        if rate is None:
            return quantity  # "$19 million a year" is an amount in dollars a year
        return replace(
            quantity,
            text=text[quantity.start : rate.end()],
            end=rate.end(),
            unit=f"{quantity.unit} {rate['rate'].lower()}",
        )
    written = " ".join(unit_match["unit"].split()).lower()
    unit = written if "point" in written else "percent" if written in ("%", "pct") or "cent" in written else written
    if unit_key(unit) in CURRENCY_KEYS:
        unit = unit.split()[-1]  # "U.S. dollars" is an amount in dollars
    elif quantity.unit:
        return quantity  # "$5 a day" stays an amount in dollars
    end = unit_match.end()
    rate = _RATE_AFTER.match(read, end) if unit == "percent" else None
    if rate is not None:
        end, unit = rate.end(), f"{unit} {rate['rate'].lower()}"  # "2.5 percent a year"
    return replace(quantity, text=text[quantity.start : end], end=end, unit=unit)


def _ranges(text: str, read: str, atoms: list[Quantity]) -> Iterator[Quantity]:
    """Join "X to Y", "X-Y" and "between X and Y" into one quantity; a unit or scale written
    once belongs to both ends. "from X to Y" is a range of years, else a change (two)."""
    index = 0
    while index < len(atoms):
        first = atoms[index]
        joined = _joined(text, read, first, atoms[index + 1]) if index + 1 < len(atoms) else None
        if joined is None:
            yield _dated(text, read, first)
            index += 1
        else:
            yield joined
            index += 2


def _joined(text: str, read: str, first: Quantity, second: Quantity) -> Quantity | None:
    gap = read[first.end : second.start]
    if first.low is None or second.low is None:
        return None
    if _RATIO.match(gap):
        return _ratio(text, read, first, second)
    if not _CONNECTOR.match(gap):
        return None
    opener = _RANGE_OPENER.search(read[max(0, first.start - _WINDOW) : first.start])
    word = gap.strip().lower()
    if (word == "and") != (opener is not None and opener["word"].lower() == "between"):
        return None
    first, second = _dated(text, read, first), _dated(text, read, second)
    if first.unit == YEAR_UNIT and second.low < 100 and second.unit == "":
        century = first.low - first.low % 100
        second = replace(second, low=century + second.low, high=century + second.high, unit=YEAR_UNIT)  # 2010-15
    if opener is not None and opener["word"].lower() == "from" and first.unit != YEAR_UNIT:
        return None  # "rose from 10 to 20 percent" is a change between two values
    low, unit = first.low, first.unit or second.unit
    scale = _SCALE_AFTER.search(second.text)
    if scale and not _SCALE_AFTER.search(first.text) and low <= second.low / SCALES[scale["scale"].lower()]:
        low = low * SCALES[scale["scale"].lower()]  # "2 to 3 million"
    if low > second.high:
        return _tally(text, first, second, gap) if opener is None else None  # a range goes up
    if first.unit and second.unit and not _same_measure(first.unit, second.unit):
        return None  # two measures: "5 metres to 3 tonnes"
    start = first.start if opener is None else first.start - len(opener.group())
    return Quantity(
        text[start : second.end],
        start,
        second.end,
        low,
        second.high,
        second.unit or unit,
        spelled=first.spelled and second.spelled,
    )


def _same_measure(first: str, second: str) -> bool:
    """Whether two ends measure one thing: the same unit, or the second end's unit is the
    first's with a rate written once for both ("$1.5 million to $3 million a year", "4% to
    5% a year": new-user review, where the second end was read alone as the yearly one)."""
    mine, theirs = unit_key(first), unit_key(second)
    return mine == theirs or (theirs.startswith(f"{mine} ") and _RATE_AFTER.fullmatch(f" {theirs[len(mine) + 1 :]}"))


def _counts(quantity: Quantity) -> bool:
    """A whole number of no unit, year or date: what a share or a tally is written with."""
    value = quantity.value
    return not quantity.unit and value is not None and value.denominator == 1 and not quantity.counted


def _ratio(text: str, read: str, first: Quantity, second: Quantity) -> Quantity | None:
    """A share written as two counts, "one in four" or "3 out of every 10": the fraction, one
    quantity (new-user review: "roughly one in four assaults" was drafted as four assaults).
    Not a count of more than its whole ("5 in 2 raids"), nor a year ("3 in 2015")."""
    second = _dated(text, read, second)
    if not (_counts(first) and _counts(second)) or not 0 < first.low <= second.low:
        return None
    value = first.low / second.low
    return Quantity(
        text[first.start : second.end],
        first.start,
        second.end,
        value,
        value,
        spelled=first.spelled and second.spelled,
    )


def _tally(text: str, first: Quantity, second: Quantity, gap: str) -> Quantity | None:
    """A vote or a score, "a 6-3 vote" or "six to three": one quantity whose ends go down,
    so that no range and no single count matches it (new-user review: "6-3" was read as a 6
    and a 3, and a key figure could not give it)."""
    if not (_counts(first) and _counts(second) and _TALLY.match(gap)):
        return None
    return Quantity(
        text[first.start : second.end],
        first.start,
        second.end,
        first.low,
        second.high,
        spelled=first.spelled and second.spelled,
    )


def _dated(text: str, read: str, quantity: Quantity) -> Quantity:
    """A four-digit number read as a calendar year, or a day read as a date, where its words say so."""
    if quantity.unit or quantity.spelled or quantity.value is None or quantity.value.denominator != 1:
        return quantity
    value = int(quantity.value)
    before = read[max(0, quantity.start - _WINDOW) : quantity.start]
    ahead, after = _MONTH_BEFORE.search(before), _MONTH_AFTER.match(read, quantity.end)
    if 1 <= value <= 31 and "," not in quantity.text and (ahead or after):
        day = Fraction(_month_number((ahead or after).group()) * 100 + value)
        start = quantity.start - len(before) + ahead.start() if ahead else quantity.start
        end = after.end() if after and not ahead else quantity.end
        return Quantity(text[start:end], start, end, day, day, DATE_UNIT)
    if not (1000 <= value <= 2099) or "," in quantity.text or "." in quantity.text:
        return quantity
    if _counts_a_noun(read, quantity.end) and not _YEAR_CONTEXT.search(before):
        return replace(quantity, counted=True)  # "1500 farmers"
    return replace(quantity, unit=YEAR_UNIT)


def _counts_a_noun(read: str, end: int) -> bool:
    """A plural noun right after a number: "1500 farmers" counts farmers."""
    following = _NEXT_WORD.match(read, end)
    word = following["word"].lower() if following else ""
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word not in _NOT_COUNTED


def _month_number(words: str) -> int:
    """1 for "January" or "Jan.", … 12 for "December"."""
    return next(index for index, name in enumerate(_MONTH_NAMES, start=1) if words.strip().lower().startswith(name))


def _qualified(text: str, read: str, quantity: Quantity) -> Quantity:
    """The quantity with its bound ("about", "more than", "up to") and any retraction before it."""
    before = read[max(0, quantity.start - _WINDOW) : quantity.start]
    bound_match = _BOUND_BEFORE.search(before)
    bound, hedge = "", ""
    if bound_match is not None and _OVER_A_TIME.search(before) and quantity.key in _TIME_KEYS:
        bound_match = None  # "evacuated 212 people over 19 hours": during, not more than
    if bound_match is not None:
        bound = next(kind for index, (kind, _words) in enumerate(_BOUNDS) if bound_match[f"b{index}"])
        hedge = " ".join(text[quantity.start - len(before) + bound_match.start() : quantity.start].split())
        before = before[: bound_match.start()]
    retracted = _RETRACTION.search(before) is not None
    return replace(quantity, bound=bound, hedge=hedge, retracted=retracted)
