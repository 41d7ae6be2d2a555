"""rdflib's SPARQL parser, one parse at a time in the process.

rdflib parses SPARQL with pyparsing grammars that keep state while they parse, so two threads
parsing at once corrupt each other's parse: measured here, 8 threads parsing one valid query at
once got ``ParseException``, ``AttributeError`` and ``TypeError`` in 3 of 8 parses, and a served
SERVICE query was then refused as unparsable (400) instead of outside the allow-list (403)
(tests/security/test_parser_threads.py). Every rdflib SPARQL parse of the service -- the SERVICE/LOAD
guard (``guard.py``), the cheap-query classifier (``cheap.py``) and the BIND fold (``fold.py``) --
goes through these functions, which hold one process-wide lock.

>>> type(query_algebra("SELECT * WHERE { ?s ?p ?o }")).__name__
'CompValue'
>>> len(update_algebra("CLEAR ALL ; CLEAR DEFAULT"))
2
"""

from __future__ import annotations

import threading

_LOCK = threading.Lock()


def query_algebra(text: str):
    """The algebra of a SPARQL query (rdflib's ``translateQuery(parseQuery(text)).algebra``)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    with _LOCK:
        return translateQuery(parseQuery(text)).algebra


def update_algebra(text: str) -> list:
    """The operations of a SPARQL update, as algebra (rdflib's ``translateUpdate(parseUpdate(text))``)."""
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    with _LOCK:
        return list(translateUpdate(parseUpdate(text)).algebra)
