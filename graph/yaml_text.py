"""Writing YAML a person would write: one rule for scalars, numbers and quoting, for every YAML geograph writes.

``geograph import`` (:mod:`graph.importer`) and ``geograph ingest`` (:mod:`graph.ingest.fragment`)
write their datasets with these functions, so a value reads back the same from either.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Mapping

import yaml

from .dates import PartialDate

__all__ = ["scalar", "quoted", "plain_ok", "flow", "flow_map", "one_line"]

#: Words that YAML 1.1 reads as booleans or null, in any of its readers (PyYAML leaves y and n as text).
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "<<", "="}
_PLAIN = re.compile(r"[\w(][\w .()/&+'’–—-]*")
_NUMERIC = re.compile(r"[-+.]?[0-9][0-9a-fA-F_xXoObB.,:+\-eE]*|[-+]?\.(?:inf|nan|Inf|NaN|INF|NAN)")
_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff\"\\\\]")
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_STR_TAG = "tag:yaml.org,2002:str"


def quoted(text: str) -> str:
    """Text in double quotes, every character that YAML would not keep as it is escaped.

    >>> quoted('say "hi"\\n')
    '"say \\\\"hi\\\\"\\\\n"'
    """
    def escape(m: re.Match) -> str:
        ch = m.group()
        if ch in _ESCAPES:
            return _ESCAPES[ch]
        return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"

    return '"' + _ESCAPE.sub(escape, text) + '"'


@lru_cache(maxsize=1 << 16)  # a fragment repeats its keys and ids thousands of times; the answer is pure
def plain_ok(text: str) -> bool:
    """Whether text can be written without quotes and read back as the same text by any YAML reader.

    >>> plain_ok("Azerbaijan"), plain_ok("NO"), plain_ok("2020-11")
    (True, False, False)
    """
    if not _PLAIN.fullmatch(text) or text != text.strip() or text.lower() in _YAML_WORDS:
        return False
    if _NUMERIC.fullmatch(text):
        return False
    return yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


def scalar(value: Any) -> str:
    """One YAML scalar that every YAML reader reads back as ``value``.

    Numbers as Python writes them (shortest round trip; an exponent as YAML 1.1 wants it), dates as
    data/README.md asks (a month quoted), text plain when no reader could misread it, else quoted.

    Examples
    --------
    >>> [scalar(v) for v in ("AZE", "NO", "a: b", 0.5, 3, 1e-07, True)]
    ['AZE', '"NO"', '"a: b"', '0.5', '3', '1.0e-07', 'true']
    """
    if isinstance(value, PartialDate):
        text = str(value)
        # a year (not 0001) and a full day read back as written; "2025-02" is quoted as data/README.md asks
        if value.precision == 3 or (value.precision == 1 and not text.startswith("0")):
            return text
        return f'"{text}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(float(value))  # a numpy float's repr names its type
        if "e" in text:  # YAML 1.1 reads 1e-05 as text: it wants 1.0e-05
            mantissa, exp = text.split("e")
            text = f"{mantissa if '.' in mantissa else mantissa + '.0'}e{exp if exp[0] in '+-' else '+' + exp}"
        return text
    return value if plain_ok(value) else quoted(value)


def flow(items: Iterable[Any]) -> str:
    """A one-line flow list of scalars.

    >>> flow(["AZE", "NO"])
    '[AZE, "NO"]'
    """
    return "[" + ", ".join(scalar(v) for v in items) + "]"


def flow_map(items: Mapping[str, Any]) -> str:
    """A one-line flow mapping of scalars, keys written as :func:`scalar` writes text (plain where safe).

    >>> flow_map({"id": "NO", "weight": 0.5, "a: b": 1})
    '{id: "NO", weight: 0.5, "a: b": 1}'
    """
    return "{" + ", ".join(f"{scalar(str(k))}: {scalar(v)}" for k, v in items.items()) + "}"


#: What a comment cannot hold as it is: a line break (YAML 1.1's too) ends the comment and starts a
#: line of YAML; a character no YAML reader accepts anywhere (controls, BOM, U+FFFE, surrogates).
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]+")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")


def one_line(text: str) -> str:
    r"""Text for a comment: line breaks become spaces, characters YAML refuses are written as escapes.

    A line break would end the comment and make the rest a line of YAML (``title: Injected``);
    a control character would make every YAML reader refuse the file.

    >>> one_line("two\nlines"), one_line("bell\x07")
    ('two lines', 'bell\\x07')
    """
    text = _LINE_BREAKS.sub(" ", text)
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", text)
