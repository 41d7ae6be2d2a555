"""Run one SPARQL query and serialise its answer: the same code in the HTTP process (memory and
remote stores) and in the killable worker processes (embedded store).

The outcome is plain data (picklable) so a worker can send it back over a pipe.

>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> out = run_query(EmbeddedStore(None), QueryJob("ASK {}", accept="application/sparql-results+json"))
>>> out.status, out.body
(200, b'{"head": {}, "boolean": true}')
>>> run_query(EmbeddedStore(None), QueryJob("SELECT ?x WHERE {", accept="text/csv")).error_kind
'syntax'
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..store.base import QueryTimeout, StoreError, StoreSyntaxError
from . import results
from .negotiation import choose


@dataclass
class QueryJob:
    sparql: str
    accept: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    union_default: bool = True
    max_rows: int | None = None
    timeout_s: float | None = None
    rows_at_most: int | None = None  # the query's own top-level LIMIT (a SELECT's), when known (cheap.py)

    def counts_rows(self) -> bool:
        """Must the answer's rows be counted against ``max_rows``? Not when the query's LIMIT is within it."""
        return self.max_rows is not None and not (self.rows_at_most is not None and self.rows_at_most <= self.max_rows)


@dataclass
class QueryOutcome:
    status: int
    media_type: str = "text/plain; charset=utf-8"
    body: bytes = b""
    rows: int = 0
    truncated: bool = False
    error_kind: str | None = None  # "syntax" | "timeout" | "store" | "not-acceptable"
    message: str = ""
    line: int | None = None
    column: int | None = None


def _query(store, job: QueryJob):
    return store.query(job.sparql, default_graphs=job.default_graphs or None, named_graphs=job.named_graphs or None,
                       union_default=job.union_default, timeout_s=job.timeout_s)


def run_query(store, job: QueryJob) -> QueryOutcome:
    """Query ``store`` (anything with the storage protocol's ``query``) and serialise the result."""
    out = _run(store, job, None, job.max_rows if job.counts_rows() else None)
    assert out is not None
    return out


def run_bounded(store, job: QueryJob, budget: int) -> QueryOutcome | None:
    """Like :func:`run_query` for a query run in the HTTP process (``inline.py``): the answer is
    written by pyoxigraph into at most ``budget`` bytes; ``None`` when it is larger, over the row
    cap, or not in a format pyoxigraph writes (the caller then runs it in a worker).

    >>> from spbe_kg.service.store.embedded import EmbeddedStore
    >>> run_bounded(EmbeddedStore(None), QueryJob("SELECT * { BIND(1 AS ?x) }", accept="text/csv"), 100).body
    b'x\\r\\n1\\r\\n'
    >>> run_bounded(EmbeddedStore(None), QueryJob("SELECT * { BIND(1 AS ?x) }", accept="text/csv"), 3) is None
    True
    """
    return _run(store, job, budget, job.max_rows if job.counts_rows() else None)


def _run(store, job: QueryJob, budget: int | None, max_rows: int | None) -> QueryOutcome | None:
    deadline = time.monotonic() + job.timeout_s if job.timeout_s else None
    try:
        result = _query(store, job)
        media = choose(job.accept, results.offers_for(result))
        if media is None:
            return QueryOutcome(406, error_kind="not-acceptable", message=", ".join(results.offers_for(result)[:6]))
        if results.native_media(result, media):  # pyoxigraph writes it; over the cap: again, capped
            native = results.serialize_native(result, media, max_rows=max_rows, budget=budget)
            if native is not None:
                return QueryOutcome(200, native.media_type, native.body, native.rows)
            if budget is not None:
                return None
            result = _query(store, job)
        elif budget is not None and not isinstance(result, ox.QueryBoolean):
            return None
        out = results.serialize(result, media, max_rows=job.max_rows, deadline=deadline)
        return QueryOutcome(200, out.media_type, out.body, out.rows, out.truncated)
    except StoreSyntaxError as e:
        return QueryOutcome(400, error_kind="syntax", message=str(e), line=e.line, column=e.column)
    except QueryTimeout:
        return QueryOutcome(503, error_kind="timeout")
    except StoreError as e:
        return QueryOutcome(500, error_kind="store", message=str(e))
    except OSError as e:  # pyoxigraph evaluation errors (e.g. a failed SERVICE call)
        return QueryOutcome(500, error_kind="store", message=str(e))
    except (ValueError, TypeError) as e:  # evaluation errors pyoxigraph raises as such
        return QueryOutcome(400, error_kind="evaluation", message=str(e))
