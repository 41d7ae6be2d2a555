"""Which queries are provably cheap enough to run in the HTTP process (issue 13).

pyoxigraph cannot interrupt a query, so the endpoint runs queries in killable worker processes
(``workers.py``). The hop to a worker costs more CPU than a lookup itself
(benchmarks/results/profile-sparql.md), so a query this module calls *cheap* runs in a thread of
the HTTP process instead (``inline.py``). The test is static, on rdflib's algebra of the query,
and conservative: anything it does not recognise is not cheap.

A query is cheap when it is a SELECT, ASK or CONSTRUCT whose pattern is ONE triple pattern, with
FILTERs without EXISTS and BINDs, under an optional projection and LIMIT/OFFSET -- no OPTIONAL,
UNION, MINUS, GRAPH, VALUES, SERVICE, subquery, aggregate, grouping, ordering, DISTINCT or property
path -- and that pattern is *anchored*: its subject or its object is a constant, or a variable bound
by a BIND of a constant. It is then one index range read from a known term: its cost is bounded by
the triples around that term (at most the store's size, once), whatever the FILTER. Joins are not
cheap, even anchored ones: a chain or a star from a hub term (``?s a <Class> . ?s ?p ?o . ?o ?q
?r FILTER(false)``) multiplies fan-outs and can run for minutes without writing a row, and a query
in this process cannot be killed. ``inline.py`` also caps the bytes an answer may write and demotes
a query shape that used too much CPU.

Some cheap queries may even run *on the event loop* (``Decision.loop``; ``inline.py`` runs them
with a small answer budget), because their work is bounded by the answer they write: a SELECT or
ASK with no FILTER and no OFFSET writes one row per triple it reads (or stops at the first, for
ASK), and a CONSTRUCT whose template holds a triple with every variable of the pattern writes one
triple per distinct triple it reads. A FILTER or an OFFSET can make a query read a whole range
and write nothing, and a BIND computed from the row's terms can cost any amount per row, so those
stay in a thread.

Parsing with rdflib costs milliseconds, so decisions are kept per query *shape*: the text's
tokens with IRIs and string literals blanked (``<>``, ``""``); numbers, variables, keywords and
operators stay. Two texts of one shape differ only in their constants, which never change whether
a pattern is anchored. An unknown shape is not cheap until it has been parsed; parsing happens in
one background thread at a time (``schedule``), so a flood of new shapes costs at most one parse
at a time and the requests themselves take the worker path meanwhile.

>>> decide("SELECT ?p ?o WHERE { <http://e/a> ?p ?o }").cheap
True
>>> decide("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }").cheap  # a cross product
False
>>> decide("SELECT ?o WHERE { <http://e/a> <http://e/p>* ?o }").cheap  # a path
False
>>> decide("SELECT ?s WHERE { ?s a <http://e/C> } LIMIT 10").limit
10
>>> decide("SELECT ?p ?o WHERE { <http://e/a> ?p ?o }").loop
True
>>> decide("CONSTRUCT { ?s ?p ?o } WHERE { BIND(<http://e/a> AS ?s) ?s ?p ?o }").fold is not None  # fold.py
True
>>> decide("SELECT ?o WHERE { <http://e/a> ?p ?o FILTER(?o = 1) }").loop  # reads all, may write nothing
False
>>> decide("CONSTRUCT { <http://e/x> <http://e/y> <http://e/z> } WHERE { ?s a <http://e/C> }").loop  # one triple
False
>>> sorted(decide("SELECT * FROM <http://g> { <http://e/a> ?p ?o }").words)
['FROM', 'SELECT']
>>> decide("SELECT * WHERE { ?s a <http://e/C> . ?s ?p ?o . ?o ?q ?r FILTER(false) }").cheap  # a join
False
>>> shape('SELECT ?o { <http://e/a> ?p "x" } LIMIT 5') == shape('SELECT ?o { <http://e/b> ?p "y" } LIMIT 5')
True
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from ..store.sparql_text import TOKEN
from .fold import Fold, plan
from .parsing import query_algebra

MAX_TEXT = 4096  # longer texts are never classified (nor cached): the worker path
MAX_SHAPES = 2048  # decisions kept (least recently used dropped)
LOOP_STRIKES = 3  # slow runs in a row on the event loop after which a shape leaves it
FORMS = {"SelectQuery", "AskQuery", "ConstructQuery"}
#: keywords that make a query not cheap without parsing it
NOT_CHEAP_WORDS = {"OPTIONAL", "UNION", "MINUS", "GRAPH", "VALUES", "SERVICE", "EXISTS",
                   "COUNT", "SUM", "AVG", "MIN", "MAX", "GROUP_CONCAT", "SAMPLE", "GROUP", "ORDER", "HAVING",
                   "DISTINCT", "REDUCED", "DESCRIBE", "LOAD", "INSERT", "DELETE", "CLEAR", "DROP"}


@dataclass(frozen=True)
class Decision:
    cheap: bool
    limit: int | None = None  # a SELECT's top-level LIMIT: its answer has at most that many rows
    loop: bool = False  # bounded by its answer: may run on the event loop (module doc)
    words: frozenset = frozenset()  # the query's keywords (sparql_text.keywords): the same for every text of a shape
    shape: str | None = None  # the key the classifier keeps it under (demotions go there)
    fold: Fold | None = None  # constant BINDs folded into the pattern before it runs here (``fold.py``)


NOT_CHEAP = Decision(False)


def shape(sparql: str) -> str | None:
    """The text with its IRIs and strings blanked (the cache key), or None for a long text.
    (``findall``'s tuples, one per token, not match objects: a third of the time, issue 13.)"""
    if len(sparql) > MAX_TEXT:
        return None
    out = []
    for comment, string, iri, var, pname, word, other in TOKEN.findall(sparql):  # one group is set per token
        if iri:
            out.append(iri if "?" in iri or "$" in iri else "<>")  # "<?x>" may be operators around a variable
        elif string:
            out.append('""')
        elif not comment:
            out.append(var or pname or word or other)
    return " ".join(out)


def decide(sparql: str) -> Decision:
    """Parse ``sparql`` (rdflib) and decide; blocking, milliseconds: never on the event loop.
    Not-cheap decisions still tell a SELECT's top-level LIMIT (``limit``): an answer bounded by it
    within the row cap need not be counted (``execute.QueryJob.rows_at_most``).

    >>> d = decide("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 10")
    >>> d.cheap, d.limit, sorted(d.words)
    (False, 10, ['BY', 'LIMIT', 'ORDER', 'SELECT', 'WHERE'])
    >>> decide("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 10").limit is None  # triples, not rows: unbounded
    True
    """
    if len(sparql) > MAX_TEXT:
        return NOT_CHEAP
    words = [m.group().upper() for m in TOKEN.finditer(sparql) if m.lastgroup == "word"]
    try:
        algebra = query_algebra(sparql)  # one rdflib parse at a time (parsing.py)
        node, limit, offset = _slice(algebra)
        if NOT_CHEAP_WORDS.intersection(words) or words.count("SELECT") > 1:  # > 1: a subquery
            return Decision(False, limit, words=frozenset(words))
        d = _verdict(algebra, node, limit, offset, frozenset(words))
        return replace(d, fold=plan(sparql)) if d.loop and "BIND" in words else d
    except Exception:  # unparseable by rdflib, or anything unexpected: not cheap
        return NOT_CHEAP


def _slice(q) -> tuple:
    """(the pattern under the top-level projection and slice, a SELECT's LIMIT, the OFFSET)."""
    node: Any = getattr(q, "p", None)
    limit, offset, sliced = None, 0, False
    while getattr(node, "name", None) in ("Slice", "Project"):
        if node.name == "Slice":
            if sliced:  # nested slices: returned as the pattern, which is then not cheap
                return node, None, 1
            sliced, limit, offset = True, node.length, node.start or 0
        node = node.p
    return node, int(limit) if limit is not None and getattr(q, "name", None) == "SelectQuery" else None, offset


def _verdict(q, node, limit: int | None, offset: int, words: frozenset = frozenset()) -> Decision:
    if getattr(q, "name", None) not in FORMS:
        return Decision(False, limit, words=words)
    triples: list = []
    binds: list = []
    filters: list = []
    if (not _collect(node, triples, binds, filters) or len(triples) != 1 or not _anchored(triples, binds)
            or (q.name == "ConstructQuery" and any(not isinstance(t, tuple) for t in q.template or []))):
        return Decision(False, limit, words=words)
    loop = (not filters and not offset and all(not needs for _, needs in binds)  # BINDs of constants only
            and (q.name != "ConstructQuery" or _covers(q.template or [], triples[0])))
    return Decision(True, limit, loop, words)


def _covers(template: list, pattern) -> bool:
    """Does one template triple hold every variable of the pattern (one triple out per triple read)?"""
    need = {x for x in pattern if _is_var(x)}
    return any(need <= {x for x in t if _is_var(x)} for t in template)


def _collect(node, triples: list, binds: list, filters: list) -> bool:
    """Flatten BGP / Join / Filter / Extend into triple patterns, binds and filters; False on anything else."""
    from rdflib.paths import Path

    name = getattr(node, "name", None)
    if name == "BGP":
        for t in node.triples:
            if len(t) != 3 or isinstance(t[1], Path):
                return False
            triples.append(t)
        return True
    if name == "Join":
        return _collect(node.p1, triples, binds, filters) and _collect(node.p2, triples, binds, filters)
    if name == "Filter":
        filters.append(node.expr)
        return not _has_pattern(node.expr) and _collect(node.p, triples, binds, filters)
    if name == "Extend":
        if _has_pattern(node.expr):
            return False
        binds.append((node.var, _variables(node.expr)))
        return _collect(node.p, triples, binds, filters)
    return False


def _is_var(term) -> bool:
    from rdflib.term import BNode, Variable

    return isinstance(term, Variable | BNode)


def _variables(expr) -> set:
    """Variables an expression reads (rdflib CompValues are dicts; lists nest)."""
    found: set = set()
    stack = [expr]
    while stack:
        e = stack.pop()
        if _is_var(e):
            found.add(e)
        elif isinstance(e, dict):
            stack.extend(v for k, v in e.items() if k != "_vars")
        elif isinstance(e, list | tuple):
            stack.extend(e)
    return found


def _has_pattern(expr) -> bool:
    """Does an expression hold a graph pattern (EXISTS / NOT EXISTS) or an aggregate?"""
    stack = [expr]
    while stack:
        e = stack.pop()
        if isinstance(e, dict):
            name = str(getattr(e, "name", ""))
            if "EXISTS" in name.upper() or name.startswith("Aggregate"):
                return True
            stack.extend(v for k, v in e.items() if k != "_vars")
        elif isinstance(e, list | tuple):
            stack.extend(e)
    return False


def _anchored(triples: list, binds: list) -> bool:
    """Does every triple pattern reach a constant (see the module doc)? A fixpoint over patterns."""
    bound: set = set()
    pending = list(triples)
    todo_binds = list(binds)
    changed = True
    while changed:
        changed = False
        for var, needs in list(todo_binds):
            if needs <= bound:
                bound.add(var)
                todo_binds.remove((var, needs))
                changed = True
        for t in list(pending):
            s, _, o = t
            if not _is_var(s) or s in bound or not _is_var(o) or o in bound:
                bound.update(x for x in t if _is_var(x))
                pending.remove(t)
                changed = True
    return not pending


class Classifier:
    """Decisions per shape, parsed in one background thread (see the module doc)."""

    def __init__(self) -> None:
        self._known: OrderedDict[str, Decision] = OrderedDict()
        self._strikes: dict[str, int] = {}  # slow runs on the event loop per shape (:meth:`strike`)
        self._lock = threading.Lock()
        self._busy = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spbe-cheap")

    def lookup(self, sparql: str) -> Decision | None:
        """The decision for ``sparql``'s shape, or None (unknown yet: it is scheduled)."""
        key = shape(sparql)
        if key is None:
            return NOT_CHEAP
        with self._lock:
            d = self._known.get(key)
            if d is not None:
                self._known.move_to_end(key)
                return d
            if self._busy:
                return None
            self._busy = True
        self._pool.submit(self._classify, key, sparql)
        return None

    def _classify(self, key: str, sparql: str) -> None:
        try:
            self.remember(key, decide(sparql))
        finally:
            with self._lock:
                self._busy = False

    def remember(self, key: str, d: Decision) -> None:
        d = replace(d, shape=key)
        with self._lock:
            self._known[key] = d
            self._known.move_to_end(key)
            while len(self._known) > MAX_SHAPES:
                self._known.popitem(last=False)

    def demote(self, sparql: str, d: Decision | None = None) -> None:
        """A shape that turned out costly (``inline.py``): never in-process again. ``d``: the decision
        it ran under (its shape key; a text with the endpoint's BASE added has another)."""
        key = d.shape if d is not None and d.shape else shape(sparql)
        if key is not None:
            self.remember(key, NOT_CHEAP)

    def off_loop(self, sparql: str, d: Decision | None = None) -> None:
        """A shape whose answer outgrew the event loop's budget (``inline.py``): threads from now on."""
        key = d.shape if d is not None and d.shape else shape(sparql)
        if key is None:
            return
        with self._lock:
            known = self._known.get(key)
        if known is not None and known.loop:
            self.remember(key, replace(known, loop=False))

    def struck(self, d: Decision) -> bool:
        """Has ``d``'s shape slow runs counted against it (a fast run should clear them)?"""
        return d.shape is not None and d.shape in self._strikes

    def strike(self, sparql: str, d: Decision | None = None, slow: bool = True) -> bool:
        """A run on the event loop was ``slow`` (``inline.py``): after :data:`LOOP_STRIKES` slow
        runs in a row the shape leaves the loop (True then); a run that was not slow clears the
        count. One slow run is not enough: a cold cache or the scheduler can make any run slow."""
        key = d.shape if d is not None and d.shape else shape(sparql)
        if key is None:
            return False
        with self._lock:
            if not slow:
                self._strikes.pop(key, None)
                return False
            n = self._strikes[key] = self._strikes.get(key, 0) + 1
            if len(self._strikes) > MAX_SHAPES:
                self._strikes.pop(next(iter(self._strikes)))
        if n < LOOP_STRIKES:
            return False
        self.off_loop(sparql, d)
        return True

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block until a scheduled parse is done (tests and warm-up)."""
        self._pool.submit(lambda: None).result(timeout)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
