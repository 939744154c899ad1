"""Helpers shared by the tests."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from graph.dates import parse_date
from graph.model import Relation


def rel(rid: str, a: str, b: str, kind: str, weight: float, domain: str = "economic", **kw) -> Relation:
    """A mutual relation with the fields tests do not care about filled in."""
    for key in ("since", "until"):
        if key in kw and kw[key] is not None:
            kw[key] = parse_date(kw[key])
    return Relation(rid, a, b, kw.pop("directed", False), kind, domain, weight,
                    evidence=kw.pop("evidence", "test"), sources=("s",), **kw)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def start_tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every element a browser would create, with its decoded attributes (script bodies are text)."""
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def page_data(page: str) -> dict:
    """The nodes, edges and options the page hands to vis-network."""
    start = page.index("var DATA = ") + len("var DATA = ")
    end = page.index(";\n", start)
    return json.loads(page[start:end])
