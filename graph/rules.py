"""The field rules every reader applies: ids, reserved names, weights, kinds, dates, confidence, did-you-mean.

Each rule is written here once. The readers (YAML datasets and scenarios, CSV edge lists,
spreadsheets) call it and place its verdict in their own words: a YAML field is named by its
record and key (``relation x: weight 1.7 is outside (0, 1]``), a cell by its row and column
(``row 2, column 'weight': '1.7' is outside (0, 1]``); the part after the name comes from here.
"""

from __future__ import annotations

import difflib
import functools
import math
import os
import re
from typing import Callable, Iterable, Mapping

from .dates import FIRST_DAY, PartialDate, parse_date

__all__ = [
    "WEB_URL",
    "JS_RESERVED", "ID_PATTERN", "id_rule", "id_hint", "ID_CELL_HINT", "fresh_id", "guess_actor_kind",
    "MIN_WEIGHT", "weight_problem", "WEIGHT_OUTSIDE", "weight_below", "weight_number",
    "KIND_ALIASES", "SIGN_PATTERN", "minus_hint", "match_choice", "not_one_of", "DEFAULT_CONFIDENCE",
    "DATE_HINT", "bad_date", "cell_dates", "out_of_order", "not_after", "UNTIL_HINT", "did_you_mean", "number_text",
    "unknown_value",
    "abbreviate", "MAX_INTEGER", "integer_outside", "ASCII_DIGITS_HINT", "SURROGATE", "replace_surrogates",
]

#: A source address a page may link to: http(s), with no character that could leave an attribute
#: (any other address, ``javascript:`` and the like, is shown as text).
WEB_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)

#: Names that every JavaScript object already has. The page's vis-network keeps nodes and edges in
#: plain objects keyed by id, so an actor with one of these ids silently vanishes from the page and
#: a relation with one stops the page from drawing at all: they are not ids.
JS_RESERVED = frozenset({"constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toString",
                         "toLocaleString", "valueOf", "__proto__", "__defineGetter__", "__defineSetter__",
                         "__lookupGetter__", "__lookupSetter__"})
#: Ids are short codes: they reach HTML, file names and command lines, so keep them plain.
ID_PATTERN = re.compile(r"^(?!(?:%s)$)[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$" % "|".join(sorted(JS_RESERVED)))
#: The hint for an actor id in a cell that is not one.
ID_CELL_HINT = "use a code such as AZE or nstc"

#: The weakest weight a relation may have: 1/weight is a distance, and weights near the smallest
#: float (5e-324) make distances infinite and PageRank diverge.
MIN_WEIGHT = 1e-6
#: What a weight outside the scale is, after the weight as written.
WEIGHT_OUTSIDE = "is outside (0, 1]"

#: Words people write for relation kinds (lower case → the kind meant).
KIND_ALIASES = {
    "positive": "alignment", "alliance": "alignment", "ally": "alignment", "cooperation": "alignment",
    "friend": "alignment", "+": "alignment",
    "negative": "tension", "hostility": "tension", "hostile": "tension", "conflict": "tension",
    "rivalry": "tension", "enemy": "tension", "-": "tension",
}
#: A sign cell: 1 or -1 (1.0 and +1 too).
SIGN_PATTERN = re.compile(r"^[+-]?1(?:\.0*)?$")
#: The confidence of a relation that states none.
DEFAULT_CONFIDENCE = "medium"

DATE_HINT = "write YYYY, YYYY-MM or YYYY-MM-DD"
UNTIL_HINT = "until is exclusive: the relation holds from since up to the day before until"

# ASCII digits only: float() also reads ٥ and ５ as 5
_NUMBER_RE = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)
#: The hint for a number or date written with digits other than ASCII 0-9 (Arabic-Indic, full-width …).
ASCII_DIGITS_HINT = "write the digits as ASCII 0-9"
#: Integers geograph reads are below 2**63 in size: what GEXF's and GraphML's ``long`` hold, and what
#: every tool reading them (Gephi, igraph, pandas) keeps exactly.
MAX_INTEGER = 2**63 - 1
_STATE_ID = re.compile(r"^[A-Z]{3}$")


# -- ids ------------------------------------------------------------------------------------


def id_rule(value: str, what: str = "id ") -> str:
    """Why ``value`` is not an id (it fails :data:`ID_PATTERN`), as the middle of a message.

    ``what`` names the value (``"id "``, ``"source id "``); a cell, named by its row and column,
    passes ``""``.

    >>> id_rule("toString")
    "id 'toString' is a name that every JavaScript object has, and the page could not draw it"
    """
    if value in JS_RESERVED:
        return f"{what}'{value}' is a name that every JavaScript object has, and the page could not draw it"
    return f"{what}'{abbreviate(value)}' is not a short code (a letter or digit, then letters, digits, _ . -; at most 40)"


def id_hint(value: str) -> str:
    """How to mend an id that :func:`id_rule` refused.

    >>> id_hint("valueOf")
    'use another id, such as VALUEOF or valueOf-1'
    """
    if value in JS_RESERVED:
        return f"use another id, such as {value.upper()} or {value}-1"
    return "use a code such as AZE or nstc; put the full name in 'name'"


def fresh_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … when taken; the id returned is then taken too.

    >>> taken = {"a-b"}
    >>> fresh_id("a-b", taken), fresh_id("a-b", taken)
    ('a-b-2', 'a-b-3')
    """
    new_id, n = base, 2
    while new_id in taken:
        new_id, n = f"{base}-{n}", n + 1
    taken.add(new_id)
    return new_id


def guess_actor_kind(aid: str) -> str:
    """The kind of an actor known only by its id: three upper-case letters are a state, else a group.

    >>> guess_actor_kind("AZE"), guess_actor_kind("nstc")
    ('state', 'group')
    """
    return "state" if _STATE_ID.match(aid) else "group"


# -- weights --------------------------------------------------------------------------------


def weight_problem(value: float) -> str | None:
    """Which rule a weight breaks: ``negative``, ``zero``, ``below`` (under :data:`MIN_WEIGHT`),
    ``above`` (over 1), or None for a weight in [MIN_WEIGHT, 1].

    >>> [weight_problem(w) for w in (0.5, 1, 1.7, 0, -0.5, 1e-9)]
    [None, None, 'above', 'zero', 'negative', 'below']
    """
    if MIN_WEIGHT <= value <= 1:
        return None
    if value > 1:
        return "above"
    if value < 0:
        return "negative"
    return "zero" if value == 0 else "below"


def weight_below() -> str:
    """What a weight under :data:`MIN_WEIGHT` is, after the weight as written.

    >>> weight_below()
    'is below 1e-06, the weakest tie geograph analyses'
    """
    return f"is below {MIN_WEIGHT:g}, the weakest tie geograph analyses"


def weight_number(text: str, problem: Callable[[str, str, str], None], example: str = "0.5 or -3") -> float | None:
    """The finite number in a weight cell, or None after reporting why it is not one.

    Whether the number is a usable weight is the reader's scale (:func:`weight_problem` for (0, 1]).

    ``problem(code, message, hint)`` records a problem; ``example`` is the number the hint suggests.

    >>> weight_number("0,5", lambda code, message, hint: print(code, message, hint))
    not-number '0,5' is not a number write a decimal point, not a comma: 0.5
    """
    finite_hint = "give the strength as an ordinary number"
    shown = abbreviate(text)
    if not text.isascii() and any(ch.isdigit() for ch in text):
        problem("not-number", f"'{shown}' is not a number: its digits are not ASCII", ASCII_DIGITS_HINT)
        return None
    if not _NUMBER_RE.match(text):
        try:
            value = float(text)  # nan, inf, infinity …
        except ValueError:
            value = None
        if value is not None and not math.isfinite(value):
            problem("not-number", f"'{shown}' is not a finite number", finite_hint)
            return None
        if re.match(r"^[+-]?\d*,\d+$", text):
            hint = "write a decimal point, not a comma: 0.5"
        else:
            hint = minus_hint(text) or f"write a number such as {example}"
        problem("not-number", f"'{shown}' is not a number", hint)
        return None
    value = float(text)
    if not math.isfinite(value):  # 1e400
        problem("not-number", f"'{shown}' is not a finite number", finite_hint)
        return None
    return value


def minus_hint(text: str) -> str:
    """A hint for a minus sign typed as a dash (a spreadsheet's −, – or —), or ``""``.

    >>> minus_hint("\u22121")
    "write the minus sign as a plain '-'"
    """
    return "write the minus sign as a plain '-'" if any(ch in text for ch in "\u2212\u2013\u2014") else ""


def number_text(value: float) -> str:
    """A number as a person writes it: 254 rather than 254.0, 2.5 as is.

    >>> number_text(254.0), number_text(2.5)
    ('254', '2.5')
    """
    return str(int(value)) if value == int(value) else repr(value)


def abbreviate(value: object, limit: int = 60) -> str:
    """A value as written, cut short for a message: a weight of 5,000 digits is not echoed whole.

    Every message that repeats a value the user wrote goes through this one helper. An integer too
    long for ``str`` (more than 4,300 digits) is named by its size.

    >>> abbreviate("0.5"), abbreviate("9" * 5000)
    ('0.5', '9999999999999999999999999999999999999999… (5,000 characters)')
    >>> abbreviate(16 ** 5000)
    'an integer of about 6,021 digits'
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4000:
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 20]}… ({len(text):,} characters)"


#: A lone surrogate: half of a UTF-16 pair, no character, and nothing UTF-8 can encode.
SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str, escape: bool = False) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, or with ``escape`` by its escape (``\\udcff``).

    ``os.fsdecode`` turns a byte of a command-line argument or a file name that is no UTF-8 into a
    lone surrogate, which no UTF-8 writer can encode: text that comes from there and is written out
    (a title, a name, a file name in a source) passes through here, as a decoder replaces a byte it
    cannot read.

    >>> replace_surrogates("Ir" + chr(0xDCFF) + "an"), replace_surrogates("Ir" + chr(0xDCFF) + "an", escape=True)
    ('Ir�an', 'Ir\\\\udcffan')
    """
    if escape:
        return SURROGATE.sub(lambda m: m.group().encode("utf-8", "backslashreplace").decode("ascii"), text)
    return SURROGATE.sub("\ufffd", text)


def integer_outside(value: object) -> bool:
    """Whether ``value`` is an integer beyond :data:`MAX_INTEGER` in size (GEXF's and GraphML's long).

    >>> integer_outside(2**63 - 1), integer_outside(-2**63), integer_outside(2.0**70)
    (False, True, False)
    """
    return isinstance(value, int) and not isinstance(value, bool) and not -MAX_INTEGER <= value <= MAX_INTEGER


# -- closed sets: kinds, domains, confidence -----------------------------------------------


def match_choice(value: str, choices: tuple[str, ...], ignore_case: bool = False) -> str | None:
    """The choice ``value`` names (spaces around it aside; case too with ``ignore_case``), or None.

    >>> match_choice(" tension ", ("alignment", "tension")), match_choice("Tension", ("tension",), True)
    ('tension', 'tension')
    """
    value = value.strip()
    if value in choices:
        return value
    if ignore_case:
        return {c.lower(): c for c in choices}.get(value.lower())
    return None


def not_one_of(value: str, choices: Iterable[str]) -> str:
    """What a value outside a closed set is.

    >>> not_one_of("tensoin", ("alignment", "tension"))
    "'tensoin' is not one of: alignment, tension"
    """
    return f"'{abbreviate(value)}' is not one of: " + ", ".join(choices)


def did_you_mean(value: str, candidates: Iterable[str], aliases: Mapping[str, str] | None = None) -> str:
    """``did you mean 'x'?`` for the candidate closest to ``value`` (case aside, or by alias), or ``""``.

    Closeness is difflib's ratio (at least 0.6). A large set of candidates (more than
    :data:`INDEXED_FROM`, such as every actor id of a big dataset) is indexed once by character
    pairs, and each value is compared with the :data:`SHORTLIST` candidates that share the most
    pairs with it, not with all of them: 10,000 unknown references against 10,000 ids cost
    10,000 small searches, not 10⁸ comparisons. The index and its answers are kept for the last
    few candidate sets; pass the same list for every reference (sorted once, not per call) and it
    is found without even rehashing the list.

    >>> did_you_mean("tensoin", ("alignment", "tension")), did_you_mean("enemy", ("tension",), KIND_ALIASES)
    ("did you mean 'tension'?", "did you mean 'tension'?")
    >>> did_you_mean("IRM", [*(f"A{i:04d}" for i in range(10_000)), "IRN"])
    "did you mean 'IRN'?"
    """
    close = _suggester_for(candidates, aliases)(value)
    return f"did you mean '{close}'?" if close else ""


def unknown_value(what: str, value: str, candidates: Iterable[str], aliases: Mapping[str, str] | None = None) -> str:
    """``unknown actor 'Iran'; did you mean 'IRN'?``: a value outside its set, with the nearest.

    ``aliases`` map other names, in lower case, to candidates (an actor's name to its id).

    >>> unknown_value("actor", "Iran", ["AZE", "IRN"], {"iran": "IRN", "azerbaijan": "AZE"})
    "unknown actor 'Iran'; did you mean 'IRN'?"
    >>> unknown_value("metric", "size", ["betweenness"])
    "unknown metric 'size'"
    """
    guess = did_you_mean(value, candidates, aliases)
    return f"unknown {what} '{value}'" + (f"; {guess}" if guess else "")


#: The suggesters of the last candidate sets used, with the very objects passed: a reader that
#: passes the same list for every reference finds its index by identity, without rehashing it.
_RECENT: list[tuple[object, object, tuple, Callable[[str], str | None]]] = []


def _suggester_for(candidates: Iterable[str], aliases: Mapping[str, str] | None) -> Callable[[str], str | None]:
    # a list changed in place is seen by its length and its ends; held here, its id stays its own
    shape = (len(candidates), candidates[0] if candidates else None, candidates[-1] if candidates else None,
             len(aliases or ())) if isinstance(candidates, (list, tuple)) else None
    for seen, seen_aliases, seen_shape, suggester in _RECENT:
        if seen is candidates and seen_aliases is aliases and shape is not None and seen_shape == shape:
            return suggester
    names = tuple(candidates)
    # keys and values apart: tuples of strings hash from the strings' cached hashes
    suggester = _suggester(names, tuple(aliases) if aliases else (), tuple(aliases.values()) if aliases else ())
    if shape is not None:
        _RECENT.insert(0, (candidates, aliases, shape, suggester))
        del _RECENT[4:]
    return suggester


#: Candidate sets larger than this are searched through an index of character pairs; smaller
#: ones (the closed sets of kinds, domains, keys, and small datasets) are compared whole.
INDEXED_FROM = 256
#: How many candidates of an indexed set, those sharing the most character pairs with a value,
#: are compared with it.
SHORTLIST = 8


@functools.lru_cache(maxsize=8)
def _suggester(candidates: tuple[str, ...], alias_names: tuple[str, ...], alias_targets: tuple[str, ...]
               ) -> Callable[[str], str | None]:
    """The closest candidate to a value, or None: a function that remembers its answers.

    Built once per candidate set (``lru_cache``): the reader that reports 10,000 unknown
    references builds it once, not 10,000 times.
    """
    lowered = {c.lower(): c for c in candidates}
    alias_of = dict(zip(alias_names, alias_targets))
    shortlist = _pair_index(candidates) if len(candidates) > INDEXED_FROM else None

    @functools.lru_cache(maxsize=65_536)
    def closest(value: str) -> str | None:
        low = value.lower()
        if low in lowered:
            return lowered[low]
        if low in alias_of:
            return alias_of[low]
        pool = candidates if shortlist is None else shortlist(low)
        found = _closest(value, pool)
        if found is None:
            low_pool = {c.lower(): c for c in pool}
            found = _closest(low, list(low_pool))
            found = low_pool[found] if found is not None else None
        return found

    return closest


def _closest(value: str, pool: Iterable[str], cutoff: float = 0.6) -> str | None:
    """``difflib.get_close_matches(value, pool, n=1)``, ties going to the longer shared start
    (``IRM`` is nearer ``IRN`` than ``ISR``, both at ratio 0.67), then as difflib breaks them."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(value)
    best: tuple[float, int, str] | None = None
    for x in pool:
        matcher.set_seq1(x)
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            score = matcher.ratio()
            if score >= cutoff:
                key = (score, len(os.path.commonprefix((x, value))), x)
                best = key if best is None or key > best else best
    return best[2] if best else None


def _pairs(text: str) -> set[str]:
    """The character pairs of ``text`` with its ends marked: ``abc`` → ``^a ab bc c$``."""
    padded = f"^{text}$"
    return {padded[i:i + 2] for i in range(len(padded) - 1)}


def _pair_index(candidates: tuple[str, ...]) -> Callable[[str], list[str]]:
    """A function giving the :data:`SHORTLIST` candidates sharing the most character pairs (case
    aside) with a lower-case value, nearest length first among equals; numpy counts the pairs."""
    import numpy as np

    postings: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        for pair in _pairs(c.lower()):
            postings.setdefault(pair, []).append(i)
    index = {pair: np.array(ids, dtype=np.int64) for pair, ids in postings.items()}
    lengths = np.array([len(c) for c in candidates], dtype=np.int64)

    def shortlist(low: str) -> list[str]:
        hits = [index[p] for p in _pairs(low) if p in index]
        if not hits:
            return []
        shared = np.bincount(np.concatenate(hits), minlength=len(candidates))
        # more shared pairs first, then the nearer length; argpartition keeps each value O(n), and
        # sorting the few kept by (rank, position) keeps the answer deterministic
        rank = shared * 1024 - np.minimum(np.abs(lengths - len(low)), 1023)
        top = np.argpartition(-rank, SHORTLIST - 1)[:SHORTLIST] if len(rank) > SHORTLIST else np.arange(len(rank))
        top = sorted((int(i) for i in top if shared[i]), key=lambda i: (-int(rank[i]), i))
        return [candidates[i] for i in top]

    return shortlist


# -- dates ----------------------------------------------------------------------------------


def bad_date(raw: object, error: ValueError) -> str:
    """What a value that is no date is.

    >>> bad_date("2025-13", ValueError("month 13"))
    "'2025-13' is not a valid date (month 13)"
    """
    return f"'{abbreviate(raw)}' is not a valid date ({error})"


def cell_dates(cells: Mapping[str, str], bad: Callable[[str, ValueError], None]
               ) -> tuple[PartialDate | None, PartialDate | None]:
    """``since`` and ``until`` from a table row's cells (absent or empty: None); a cell that is no date
    is reported with ``bad(name, error)`` and read as None.

    >>> cell_dates({"since": "2020", "until": "2020-13"}, lambda name, error: print(name, error))
    until month 13 does not exist
    (PartialDate(start=datetime.date(2020, 1, 1), precision=1), None)
    """
    dates: dict[str, PartialDate | None] = {"since": None, "until": None}
    for name in dates:
        if cells.get(name):
            try:
                dates[name] = parse_date(cells[name])
            except ValueError as exc:
                bad(name, exc)
    return dates["since"], dates["until"]


def out_of_order(since: PartialDate | None, until: PartialDate | None) -> bool:
    """Whether ``until`` (exclusive) is not after ``since``: the relation would never hold.

    An ``until`` of 0001-01-01 (:data:`graph.dates.FIRST_DAY`) is out of order with any ``since``, or
    none: its last day in force would come before the first day of the calendar.

    >>> from graph.dates import parse_date
    >>> out_of_order(parse_date("2025"), parse_date("2024")), out_of_order(parse_date("2025"), None)
    (True, False)
    >>> out_of_order(None, parse_date("0001"))
    True
    """
    if until is not None and until.start <= FIRST_DAY:
        return True
    return bool(since and until and until.start <= since.start)


def not_after(since: PartialDate | None, until: PartialDate) -> str:
    """What :func:`out_of_order` dates are, after the word ``until`` (or the cell's name).

    >>> from graph.dates import parse_date
    >>> not_after(parse_date("2025"), parse_date("2024")), not_after(None, parse_date("0001"))
    ('2024 is not after since 2025', '0001 is not after 0001-01-01, the first day geograph reads')
    """
    if until.start <= FIRST_DAY:
        return f"{until} is not after {FIRST_DAY.isoformat()}, the first day geograph reads"
    return f"{until} is not after since {since}"
