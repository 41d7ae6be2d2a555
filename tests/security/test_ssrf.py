"""Issue 12 item 1: SERVICE and LOAD are decided on the parsed query, never on tokens."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spbe_kg.benchmarks.servers import free_port
from tests.security.listener import SECRET, Listener

ISSUE_QUERY = ('SELECT * WHERE {{ BIND("a b" AS ?o) FILTER(?o="a b") SERVICE <{url}> {{ ?x ?y ?z }} '
               'FILTER(?o!="c d") }}')


def test_issue_query_with_string_literals_does_not_reach_a_local_port(make_client, listener):
    c = make_client()
    r = c.get("/sparql", params={"query": ISSUE_QUERY.format(url=listener.url)})
    assert r.status_code == 403, r.text
    assert listener.hits == 0 and SECRET not in r.text


def test_load_hidden_behind_a_string_is_refused(make_client, listener, auth):
    c = make_client()
    upd = (f'INSERT {{ ?s <http://b> "x" }} WHERE {{ ?s ?p ?o FILTER(?o="a b") }} ; LOAD <{listener.url}> ; '
           f'DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?o!="c d") }}')
    r = c.post("/sparql", data={"update": upd}, headers=auth)
    assert r.status_code == 403, r.text
    assert listener.hits == 0


def test_allow_listed_name_resolving_to_loopback_is_refused(make_client, listener):
    url = f"http://localhost:{listener.port}/sparql"
    c = make_client(federation_allowlist=[url])
    r = c.get("/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", "lang": "en"})
    assert r.status_code == 403 and "loopback" in r.text
    assert listener.hits == 0


def test_private_network_listed_explicitly_is_allowed(make_client, listener):
    url = f"http://localhost:{listener.port}/sparql"
    c = make_client(federation_allowlist=[url], federation_private_networks=["127.0.0.0/8", "::1/128"])
    r = c.get("/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 200 and listener.hits == 1


def test_remote_error_body_is_never_echoed(make_client):
    ln = Listener(status=500, body=f"internal admin page {SECRET}".encode(), ctype="text/plain")
    try:
        c = make_client(federation_allowlist=[ln.url])
        r = c.get("/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <{ln.url}> {{ ?s ?p ?o }} }}"})
        assert ln.hits == 1
        assert r.status_code == 502 and SECRET not in r.text and "500" not in r.text, r.text
    finally:
        ln.close()


def test_closed_port_and_open_port_answer_alike(make_client):
    ln = Listener(status=404, body=b"nope", ctype="text/plain")
    closed_url = f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there
    try:
        c = make_client(federation_allowlist=[ln.url, closed_url])
        a = c.get("/sparql", params={"query": f"SELECT * {{ SERVICE <{ln.url}> {{ ?s ?p ?o }} }}"})
        b = c.get("/sparql", params={"query": f"SELECT * {{ SERVICE <{closed_url}> {{ ?s ?p ?o }} }}"})
        assert (a.status_code, a.text.split("(")[0]) == (b.status_code, b.text.split("(")[0])
    finally:
        ln.close()


# --- property tests: SERVICE/LOAD hidden behind strings, comments, escapes, prefixes, BASE, groups ---

_text = st.text(alphabet=string.ascii_letters + " {}<>#.;", max_size=12)


def _decoy(s: str) -> st.SearchStrategy[str]:
    """Noise that mentions SERVICE/LOAD without being one."""
    lit = s.replace("\\", "\\\\").replace('"', '\\"')
    return st.sampled_from([
        f'BIND("{lit} SERVICE <{{u}}> {{ ?a ?b ?c }}" AS ?VAR)',
        f"BIND('''{lit}\nLOAD <{{u}}>''' AS ?VAR)",
        f"# SERVICE <{{u}}> {{ ?a ?b ?c }} {lit}\n",
        'FILTER(?o != "} SERVICE <{u}> {")',
        f'FILTER(?o="{lit} x")',
        f'FILTER(?o!="{lit}")',
        "?s <http://e/service> ?load .",
    ])


def _hidden_service(style: str) -> str:
    return {
        "plain": "SERVICE <{u}> { ?x ?y ?z }",
        "silent": "SERVICE SILENT <{u}> { ?x ?y ?z }",
        "lower": "service silent <{u}> { ?x ?y ?z }",
        "prefixed": "SERVICE e:sparql { ?x ?y ?z }",
        "base": "SERVICE <sparql> { ?x ?y ?z }",
        "nested": "{ OPTIONAL { { SERVICE <{u}> { ?x ?y ?z } } } }",
        "escaped": "\\u0053ERVICE <{u}> { ?x ?y ?z }",
        "exists": "FILTER EXISTS { SERVICE <{u}> { ?x ?y ?z } }",
        "subselect": "{ SELECT * WHERE { SERVICE <{u}> { ?x ?y ?z } } }",
    }[style]


STYLES = ["plain", "silent", "lower", "prefixed", "base", "nested", "escaped", "exists", "subselect"]


@st.composite
def hostile_queries(draw):
    style = draw(st.sampled_from(STYLES))
    before = draw(st.lists(_text.flatmap(_decoy), max_size=3))
    after = draw(st.lists(_text.flatmap(_decoy), max_size=3))
    body = " ".join(before) + " " + _hidden_service(style) + " " + " ".join(after)
    return "BASE <{base}> PREFIX e: <{pfx}> SELECT * WHERE { ?s ?p ?o . " + body + " }"


@st.composite
def harmless_queries(draw):
    decoys = draw(st.lists(_text.flatmap(_decoy), min_size=1, max_size=4))
    return "PREFIX e: <{pfx}> SELECT * WHERE { ?s ?p ?o . " + " ".join(decoys) + " }"


def _fill(q: str, url: str) -> str:
    base = url.rsplit("/", 1)[0] + "/"
    i = 0
    while "?VAR" in q:
        q, i = q.replace("?VAR", f"?v{i}", 1), i + 1
    return q.replace("{u}", url).replace("{base}", base).replace("{pfx}", base)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=hostile_queries())
def test_property_hidden_service_never_reaches_the_host(make_client, listener, q):
    c = make_client()
    before = listener.hits
    r = c.get("/sparql", params={"query": _fill(q, listener.url)})
    assert r.status_code in (400, 403), (q, r.status_code, r.text)
    assert listener.hits == before, q


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=harmless_queries())
def test_property_decoys_are_not_refused(make_client, listener, q):
    c = make_client()
    r = c.get("/sparql", params={"query": _fill(q, listener.url)})
    assert r.status_code == 200, (q, r.text)
    assert listener.hits == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(style=st.sampled_from(["plain", "silent", "prefixed", "escaped", "lower", "into"]),
       pre=st.lists(_text, max_size=3))
def test_property_hidden_load_never_reaches_the_host(make_client, listener, auth, style, pre):
    load = {"plain": "LOAD <{u}>", "silent": "LOAD SILENT <{u}>", "prefixed": "LOAD e:sparql",
            "escaped": "\\u004cOAD <{u}>", "lower": "load <{u}>", "into": "LOAD <{u}> INTO GRAPH <http://g>"}[style]
    data = " ".join(f'<http://a> <http://b> "{t.replace(chr(92), "")} LOAD <{{u}}>" .' for t in pre)
    upd = ("PREFIX e: <{pfx}> INSERT DATA { " + data + ' } ; DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o="a b") } ; '
           + load + ' ; DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o!="c d") }')
    c = make_client()
    before = listener.hits
    r = c.post("/sparql", data={"update": _fill(upd, listener.url)}, headers=auth)
    assert r.status_code in (400, 403), (upd, r.text)
    assert listener.hits == before


def test_service_inside_an_update_is_refused(make_client, listener, auth):
    c = make_client()
    upd = (f'PREFIX e: <{listener.url.rsplit("/", 1)[0]}/> INSERT {{ ?x <http://b> "c" }} WHERE {{ '
           f'?x ?y ?z FILTER(?z="a b") {{ SERVICE e:sparql {{ ?x ?y ?z }} }} FILTER(?z!="c d") }}')
    r = c.post("/sparql", data={"update": upd}, headers=auth)
    assert r.status_code == 403, r.text
    assert listener.hits == 0


def test_the_service_pre_check_misses_nothing_its_regex_would_see():
    """``guard.mentions_remote`` decides whether a query is parsed for SERVICE/LOAD targets; its fast
    test for ASCII texts without escapes must say yes wherever the case-insensitive regex over the
    unescaped text says yes (random texts of those letters in both cases, escapes, and non-ASCII
    letters that Unicode case-folds to ASCII ones: U+017F long s, U+0131 dotless i, U+212A Kelvin)."""
    import random

    from spbe_kg.service.sparql import guard

    r = random.Random(5)
    pieces = list("serviclodaSERVICLODA {}?<>\"") + ["\\u0053", "\\u0073", "\\U0000004C", "\\", "\u017f", "\u0131", "\u212a",
                                                    "SERVICE", "load", "LoAd", "sErViCe"]
    for _ in range(100_000):
        text = "".join(r.choice(pieces) for _ in range(r.randint(0, 10)))
        assert guard.mentions_remote(text) == bool(guard._WORDS.search(guard._unescape(text))), repr(text)
