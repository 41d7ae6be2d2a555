"""Accept negotiation with q-values (its own module), plus the doctests of the service modules."""

from __future__ import annotations

import doctest
import importlib

import pytest

from spbe_kg.service.sparql.negotiation import choose, parse_accept, quality

SOLUTIONS = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"]
GRAPHS = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"]

CASES = [
    (None, SOLUTIONS, "application/sparql-results+json"),
    ("", SOLUTIONS, "application/sparql-results+json"),
    ("*/*", GRAPHS, "text/turtle"),
    ("text/csv", SOLUTIONS, "text/csv"),
    ("text/csv;q=0.5, text/tab-separated-values", SOLUTIONS, "text/tab-separated-values"),
    ("application/sparql-results+xml;q=0.9, application/sparql-results+json;q=0.8", SOLUTIONS, "application/sparql-results+xml"),
    ("text/*", SOLUTIONS, "text/csv"),
    ("text/*, text/csv;q=0", SOLUTIONS, "text/tab-separated-values"),
    ("*/*;q=0.1, application/n-triples", GRAPHS, "application/n-triples"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", SOLUTIONS, "application/sparql-results+json"),
    ("image/png", SOLUTIONS, None),
    ("*/*;q=0", GRAPHS, None),
    ("APPLICATION/LD+JSON", GRAPHS, "application/ld+json"),
    ("application/rdf+xml; charset=utf-8; q=0.7, text/turtle; q=0.6", GRAPHS, "application/rdf+xml"),
    ("text/turtle;q=bad", GRAPHS, "text/turtle"),
    ("garbage, , ;;", GRAPHS, "text/turtle"),  # unreadable Accept counts as absent
]


@pytest.mark.parametrize("accept,offers,expected", CASES)
def test_choose(accept, offers, expected):
    assert choose(accept, offers) == expected


def test_most_specific_range_decides():
    ranges = parse_accept("text/*;q=0.2, text/turtle;q=0.9, */*;q=0.1")
    assert quality(ranges, "text/turtle") == 0.9
    assert quality(ranges, "text/csv") == 0.2
    assert quality(ranges, "application/json") == 0.1


@pytest.mark.parametrize("module", [
    "spbe_kg.service.app", "spbe_kg.service.security", "spbe_kg.service.store.embedded",
    "spbe_kg.service.sparql.negotiation", "spbe_kg.service.sparql.results", "spbe_kg.service.sparql.execute",
    "spbe_kg.service.sparql.description", "spbe_kg.service.store", "spbe_kg.service.store.dialects",
    "spbe_kg.service.store.sparql_text", "spbe_kg.service.store.base", "spbe_kg.service.store.remote",
])
def test_doctests(module):
    res = doctest.testmod(importlib.import_module(module))
    assert res.failed == 0 and res.attempted > 0
