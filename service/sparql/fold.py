"""Constant BINDs folded into the pattern, for queries run in the HTTP process (issue 13).

A client that fills a query template often names its anchor with a BIND:
``CONSTRUCT { ?s ?p ?o } WHERE { BIND(<app> AS ?s) ?s ?p ?o }``. pyoxigraph 0.5 evaluates the BIND
as a join with a one-row table, which cost ~35% more CPU than the same query written with the IRI
in the pattern (``CONSTRUCT { <app> ?p ?o } WHERE { <app> ?p ?o }``: a median 354 against 261 µs per
description at national scale, benchmarks/results/profile-sparql.md, run G). Both queries have the
same answer: a BIND of a constant binds its variable to that constant in every solution, and a
variable bound by a BIND cannot have been used before it in its group (SPARQL 1.1, section 18.2.1,
https://www.w3.org/TR/sparql11-query/#sparqlGrammar note 12). So the text is rewritten: the BIND is
removed and every other occurrence of its variable, in the pattern and the CONSTRUCT template,
becomes the constant.

The rewrite is planned once per query *shape* (``cheap.py``): texts of one shape have the same
tokens except the contents of IRIs and strings, so a plan by token position holds for all of them.
It is made only where it cannot change the answer, and checked on the text it was planned from:

- the query is one the event loop may run (``cheap.Decision.loop``: one triple pattern, BINDs of
  constants, no FILTER, OPTIONAL, UNION, subquery, ...);
- the BIND's expression is one IRI (``<...>`` or a prefixed name): an IRI may stand in any place of
  a triple pattern or a template, a literal may not;
- a SELECT must not project the variable (``SELECT *`` or ``SELECT ?s``): the rewritten query would
  lose the column;
- the rewritten text, parsed by rdflib, has no BIND of that variable and mentions it nowhere, and is
  still of the same form with one triple pattern.

>>> q = "CONSTRUCT { ?s ?p ?o } WHERE { BIND(<http://e/a> AS ?s) ?s ?p ?o }"
>>> f = plan(q)
>>> apply(q, f)
'CONSTRUCT { <http://e/a> ?p ?o } WHERE {  <http://e/a> ?p ?o }'
>>> apply("CONSTRUCT { ?s ?p ?o } WHERE { BIND(<http://e/b> AS ?s) ?s ?p ?o }", f)  # same shape, same plan
'CONSTRUCT { <http://e/b> ?p ?o } WHERE {  <http://e/b> ?p ?o }'
>>> apply("BASE <http://h/> " + q, f)  # the endpoint's BASE before the text
'BASE <http://h/> CONSTRUCT { <http://e/a> ?p ?o } WHERE {  <http://e/a> ?p ?o }'
>>> plan("SELECT * WHERE { BIND(<http://e/a> AS ?s) ?s ?p ?o }") is None  # ?s is projected
True
>>> plan('CONSTRUCT { ?s ?p ?o } WHERE { BIND("x" AS ?o) ?s ?p ?o }') is None  # a literal
True
"""

from __future__ import annotations

from dataclasses import dataclass

from ..store.sparql_text import tokens
from .parsing import query_algebra

IRI_KINDS = ("iri", "pname")


@dataclass(frozen=True)
class Fold:
    """Token positions (comments not counted): ``drop`` are removed, ``put[i] = j`` writes token ``j`` at ``i``."""

    drop: frozenset
    put: tuple  # ((target index, source index), ...)
    n_tokens: int  # the plan holds for texts with exactly this many tokens (a check, not a guess)


def plan(sparql: str) -> Fold | None:
    """The fold of ``sparql``'s constant BINDs, or None when none can be folded (module doc)."""
    toks = list(tokens(sparql))
    text = [m.group() for m in toks]
    kinds = [m.lastgroup for m in toks]
    upper = [t.upper() if k == "word" else t for t, k in zip(text, kinds)]
    drop: set[int] = set()
    put: list[tuple[int, int]] = []
    form = next((w for w, k in zip(upper, kinds) if k == "word" and w in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")), None)
    if form not in ("SELECT", "CONSTRUCT", "ASK"):
        return None
    projection = _projection(upper, kinds) if form == "SELECT" else set()
    for i, w in enumerate(upper):
        # BIND ( <iri> AS ?v )  [ . ]
        if not (kinds[i] == "word" and w == "BIND" and i + 5 < len(text) and text[i + 1] == "("
                and kinds[i + 2] in IRI_KINDS and upper[i + 3] == "AS" and kinds[i + 4] == "var" and text[i + 5] == ")"):
            continue
        name = text[i + 4][1:]
        if name in projection or "*" in projection:
            continue
        span = set(range(i, i + 6))
        if i + 6 < len(text) and text[i + 6] == ".":
            span.add(i + 6)
        uses = [j for j, (t, k) in enumerate(zip(text, kinds)) if k == "var" and t[1:] == name and j not in span]
        drop |= span
        put.extend((j, i + 2) for j in uses)
    if not drop:
        return None
    fold = Fold(frozenset(drop), tuple(sorted(put)), len(toks))
    return fold if _checked(sparql, apply(sparql, fold), {text[i + 4][1:] for i in drop if upper[i] == "BIND"}) else None


def _projection(upper: list[str], kinds: list) -> set[str]:
    """Variable names (and ``*``) between SELECT and the first ``{`` or WHERE; ``(`` marks an expression."""
    out: set[str] = set()
    start = upper.index("SELECT")
    for t, k in zip(upper[start + 1:], kinds[start + 1:]):
        if t in ("{", "WHERE", "FROM"):
            break
        out.add(t[1:] if k == "var" else t)
    if "(" in out:  # an expression in the projection: fold nothing
        out.add("*")
    return out


def apply(sparql: str, fold: Fold) -> str:
    """``sparql`` with ``fold`` applied (see :func:`plan`), also when the endpoint put its ``BASE`` before
    the text; unchanged when its tokens do not fit the plan."""
    toks = list(tokens(sparql))
    skip = len(toks) - fold.n_tokens  # 2 when the endpoint put ``BASE <...>`` before the text planned from
    if not (skip == 0 or (skip == 2 and toks[0].group().upper() == "BASE" and toks[1].lastgroup == "iri")):
        return sparql
    put = {i + skip: j + skip for i, j in fold.put}
    drop = {i + skip for i in fold.drop}
    out: list[str] = []
    pos = 0
    for i, m in enumerate(toks):
        if i in drop:
            if i - 1 not in drop:
                out.append(sparql[pos:m.start()])
            pos = m.end()
            continue
        out.append(sparql[pos:m.start()])
        out.append(toks[put[i]].group() if i in put else m.group())
        pos = m.end()
    out.append(sparql[pos:])
    return "".join(out)


def _checked(before: str, after: str, names: set[str]) -> bool:
    """Is ``after`` still one triple pattern of the same form, with no trace of the folded variables?"""
    try:
        a = query_algebra(before)  # one rdflib parse at a time (parsing.py)
        b = query_algebra(after)
    except Exception:
        return False
    if a.name != b.name:
        return False
    seen: set[str] = set()
    triples: list = []
    _walk(b, seen, triples)
    if a.name == "ConstructQuery":
        for t in b.template or []:
            seen.update(str(x) for x in t if type(x).__name__ == "Variable")
    return not (names & seen) and len(triples) == 1


def _walk(node, seen: set[str], triples: list) -> None:
    """Variables named anywhere in the algebra (BIND targets included) and the triple patterns."""
    stack = [node]
    while stack:
        e = stack.pop()
        if type(e).__name__ == "Variable":
            seen.add(str(e))
        elif isinstance(e, dict):
            if getattr(e, "name", None) == "BGP":
                triples.extend(e["triples"])
            stack.extend(v for k, v in e.items() if k not in ("_vars", "PV", "_"))
        elif isinstance(e, list | tuple | set | frozenset):
            stack.extend(e)
