"""Issue 13: provably cheap queries run in the HTTP process (service/sparql/cheap.py, inline.py);
everything else, adversarial shapes above all, keeps the killable worker path."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from spbe_kg.benchmarks.servers import app_server
from spbe_kg.service.app import create_app
from spbe_kg.service.logging import flush_access_log
from spbe_kg.service.sparql import cheap
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings

E = "http://example.org/"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

CHEAP = [
    f"SELECT ?p ?o WHERE {{ <{E}app/1> ?p ?o }}",
    f"BASE <http://127.0.0.1:8000/sparql> SELECT ?p ?o WHERE {{ <{E}app/1> ?p ?o }}",
    f"SELECT ?s WHERE {{ ?s a <{E}App> }} LIMIT 1000",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}app/1> AS ?s) ?s ?p ?o }}",
    f"ASK {{ <{E}app/1> <{E}p0> ?o }}",
    f'SELECT * WHERE {{ ?s <{E}p0> "v0" FILTER(regex(str(?s), "v")) }}',  # FILTER over anchored rows
    f"PREFIX e: <{E}> SELECT ?o WHERE {{ e:app\\/1 e:p1 ?o }} OFFSET 2 LIMIT 5",
]

ADVERSARIAL = {
    # joins from a hub multiply fan-outs and may write no row (lead's review: these ran in-process before)
    "chain from a constant": f"SELECT * WHERE {{ <{E}app/1> ?p ?x . ?x ?q ?y . ?y ?r ?z }}",
    "chain from a hub under FILTER(false)": f"SELECT * WHERE {{ ?s a <{E}App> . ?s ?p ?o . ?o ?q ?r FILTER(false) }}",
    "star from a hub": f"SELECT * WHERE {{ ?s a <{E}App> ; ?p ?o ; ?q ?r ; ?x ?y }} LIMIT 1",
    "two anchored patterns": f"SELECT ?s ?p ?o WHERE {{ ?s a <{E}App> ; ?p ?o }} LIMIT 1000",
    "cross product": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }",
    "cross product beside an anchored pattern": f"SELECT * WHERE {{ <{E}app/1> ?p ?o . ?d ?e ?f }}",
    "counted cross product": RUNAWAY,
    "unbound scan": "SELECT * WHERE { ?s ?p ?o }",
    "FILTER regex over an unbound scan": 'SELECT * WHERE { ?s ?p ?o FILTER(regex(str(?o), "(a+)+$")) }',
    "path *": f"SELECT ?o WHERE {{ <{E}app/1> <{E}p0>* ?o }}",
    "path +": f"SELECT ?o WHERE {{ <{E}app/1> (<{E}p0>|<{E}p1>)+ ?o }}",
    "path sequence": f"SELECT ?o WHERE {{ <{E}app/1> <{E}p0>/<{E}p1> ?o }}",
    "inverse path": f"SELECT ?o WHERE {{ <{E}app/1> ^<{E}p0> ?o }}",
    "nested OPTIONALs": f"SELECT * WHERE {{ <{E}app/1> ?p ?o OPTIONAL {{ ?a ?b ?c OPTIONAL {{ ?d ?e ?f }} }} }}",
    "huge VALUES": "SELECT * WHERE { VALUES ?s { " + " ".join(f"<{E}app/{i}>" for i in range(2000)) + " } ?s ?p ?o }",
    "small VALUES": f"SELECT * WHERE {{ VALUES ?s {{ <{E}app/1> }} ?s ?p ?o }}",
    "deep UNIONs": "SELECT * WHERE { " + " UNION ".join(f"{{ <{E}app/{i}> ?p ?o }}" for i in range(50)) + " }",
    "subquery": f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ ?s ?p ?o }} }} <{E}app/1> ?q ?s }}",
    "aggregate": f"SELECT (COUNT(*) AS ?n) WHERE {{ <{E}app/1> ?p ?o }}",
    "ORDER BY": f"SELECT * WHERE {{ <{E}app/1> ?p ?o }} ORDER BY ?o",
    "DISTINCT": f"SELECT DISTINCT ?o WHERE {{ <{E}app/1> ?p ?o }}",
    "SERVICE": f"SELECT * WHERE {{ SERVICE <{E}sparql> {{ <{E}app/1> ?p ?o }} }}",
    "GRAPH": f"SELECT * WHERE {{ GRAPH ?g {{ <{E}app/1> ?p ?o }} }}",
    "MINUS": f"SELECT * WHERE {{ <{E}app/1> ?p ?o MINUS {{ ?s ?p ?o }} }}",
    "FILTER NOT EXISTS": f"SELECT * WHERE {{ <{E}app/1> ?p ?o FILTER NOT EXISTS {{ ?a ?b ?c }} }}",
    "BIND of an unbound variable": "SELECT * WHERE { BIND(?q AS ?s) ?s ?p ?o }",
    "blank node subject and object": "SELECT * WHERE { [] ?p [] }",
    "DESCRIBE": f"DESCRIBE <{E}app/1>",
    "not parseable": "SELECT ?o WHERE { <x> ?p ",
    "long text": f"SELECT ?o WHERE {{ <{E}app/1> ?p ?o }} #" + "x" * cheap.MAX_TEXT,
}


@pytest.mark.parametrize("query", CHEAP)
def test_cheap_queries_are_recognised(query):
    assert cheap.decide(query).cheap, query


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_queries_take_the_killable_path(name):
    assert not cheap.decide(ADVERSARIAL[name]).cheap, name


def test_the_limit_is_read_from_the_algebra():
    assert cheap.decide(f"SELECT ?o WHERE {{ <{E}a> ?p ?o }} LIMIT 7").limit == 7
    assert cheap.decide(f"SELECT ?o WHERE {{ <{E}a> ?p ?o }}").limit is None


def test_shape_blanks_constants_but_keeps_structure():
    a = cheap.shape(f'SELECT ?o {{ <{E}a> ?p "x" }} LIMIT 5')
    assert a == cheap.shape(f'SELECT ?o {{ <{E}b> ?p "yy" }} LIMIT 5')
    assert a != cheap.shape(f'SELECT ?o {{ <{E}a> ?p "x" }} LIMIT 500')  # numbers stay
    assert a != cheap.shape('SELECT ?o { ?s ?p "x" } LIMIT 5')  # a constant is not a variable
    assert cheap.shape("x" * (cheap.MAX_TEXT + 1)) is None


def _shape_by_matches(sparql: str) -> str:
    """The shape as the classifier first computed it, one match object per token (the reference)."""
    from spbe_kg.service.store.sparql_text import TOKEN

    out = []
    for m in TOKEN.finditer(sparql):
        kind, text = m.lastgroup, m.group()
        if kind == "comment":
            continue
        if kind == "iri" and "?" not in text and "$" not in text:
            out.append("<>")
        elif kind == "str":
            out.append('""')
        else:
            out.append(text)
    return " ".join(out)


def test_shape_equals_the_match_by_match_reference_on_random_texts():
    """``shape`` reads ``findall``'s tuples (issue 13): the same key as one match object per token,
    on 100,000 random texts of SPARQL's awkward characters (a different key would let one query
    reuse another's decision)."""
    import random

    alphabet = list("<>?$\"'#\n \t{}().,;:aZ_-\\é/=*+!&|^`0123456789") + [
        "SELECT", f"<{E}a>", "'''", '"""', "?x", "e:a", "FILTER", "<?x>", "BIND"]
    rnd = random.Random(13)
    for _ in range(100_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        assert cheap.shape(text) == _shape_by_matches(text), text
    for q in CHEAP:
        assert cheap.shape(q) == _shape_by_matches(q)


def test_classifier_learns_shapes_in_the_background_and_demotes():
    c = cheap.Classifier()
    q1, q2 = f"SELECT ?o WHERE {{ <{E}a> ?p ?o }}", f"SELECT ?o WHERE {{ <{E}b> ?p ?o }}"
    assert c.lookup(q1) is None  # unknown: the worker path while it is parsed
    c.wait_idle()
    d = c.lookup(q2)  # same shape, other constant
    assert d.cheap and d.loop and "SELECT" in d.words
    c.off_loop(q2)
    d = c.lookup(q1)
    assert d.cheap and not d.loop  # out of the event loop, still in-process
    c.demote(q2)
    assert not c.lookup(q1).cheap
    assert c.lookup(ADVERSARIAL["cross product"]) is None
    c.wait_idle()
    assert not c.lookup(ADVERSARIAL["cross product"]).cheap
    c.close()


def _fill(store, n=20_000):
    g = ox.NamedNode(E + "g")
    store.add_quads(ox.Quad(ox.NamedNode(f"{E}app/{i // 4}"), ox.NamedNode(f"{E}p{i % 4}"), ox.Literal(f"v{i}"), g)
                    for i in range(n))
    store.add_quads(ox.Quad(ox.NamedNode(E + "hub"), ox.NamedNode(E + "has"), ox.NamedNode(f"{E}app/{i}"), g)
                    for i in range(300))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    d = tmp_path_factory.mktemp("inline")
    store = EmbeddedStore(d / "store")
    _fill(store)
    app = create_app(Settings(store="embedded", data_dir=d / "store", query_timeout_s=2.0, query_workers=2,
                              max_result_rows=50, sparql_client_concurrency=20), store=store)
    with app_server(app) as url:
        yield url, app
    store.close()


def _inline(app):
    return app.state.cache["admission"].inline


def _unbar(app):
    """Tests of the in-process path start with no client barred from the loop or penalised (an earlier test's big
    answer bars 127.0.0.1 from the loop; on a loaded machine an earlier short-lane query can time out, and its
    client then takes neither the loop nor the threads for a while)."""
    adm = app.state.cache.get("admission")  # made by the app's first query
    if adm is not None:
        adm.loop_barred.clear()
        adm.penalty.clear()


def _learn(url, app, query):
    """Have ``query``'s shape classified (cheap.py learns one shape at a time: a shape met while another is being
    learned is only scheduled when met again)."""
    if "admission" not in app.state.cache:  # made by the app's first query
        _get(url, "ASK {}")
    inline = _inline(app)
    for _ in range(200):
        if inline.decision(query) is not None:
            return
        inline.classifier.wait_idle()
    raise AssertionError(f"shape of {query!r} not learned")


def _get(url, query, accept="text/csv"):
    return httpx.get(url + "/sparql", params={"query": query}, headers={"Accept": accept}, timeout=30)


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"])
def test_a_cheap_lookup_is_answered_in_process_with_the_workers_answer(served, accept):
    url, app = served
    _unbar(app)
    first = _get(url, f"SELECT ?p ?o WHERE {{ <{E}app/3> ?p ?o }}", accept)  # unknown shape: a worker answers
    _inline(app).classifier.wait_idle()
    runs = _inline(app).runs
    again = _get(url, f"SELECT ?p ?o WHERE {{ <{E}app/3> ?p ?o }}", accept)
    assert _inline(app).runs == runs + 1
    assert first.status_code == again.status_code == 200
    assert again.headers["content-type"] == first.headers["content-type"]
    if accept == "text/csv":  # rows in the same order from the same engine
        assert again.content == first.content
    assert again.content.count(b"v1") == first.content.count(b"v1") > 0


def test_construct_in_process(served):
    url, app = served
    _unbar(app)
    q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}app/9> AS ?s) ?s ?p ?o }}"
    _get(url, q, "application/n-triples")
    _inline(app).classifier.wait_idle()
    runs = _inline(app).runs
    r = _get(url, q, "application/n-triples")
    assert r.status_code == 200 and _inline(app).runs == runs + 1
    assert len(r.content.strip().splitlines()) == 4


def test_an_answer_over_the_budget_goes_to_a_worker_with_the_row_cap_and_demotes_its_shape(served):
    url, app = served
    _unbar(app)
    q = f"SELECT ?spill WHERE {{ <{E}hub> ?p ?spill }}"  # anchored, 300 rows; the row cap is 50; a shape of its own
    _learn(url, app, q)
    spilled = _inline(app).spilled
    r = _get(url, q)
    assert r.status_code == 200 and r.headers.get("x-result-truncated") == "true"
    assert len(r.text.strip().splitlines()) == 51  # header + the capped rows
    assert _inline(app).spilled == spilled + 1
    assert not _inline(app).decision(q).cheap  # demoted under the shape it was looked up by (the text without the router's BASE)


def test_runaway_with_the_in_process_path_on_is_still_killed(served):
    url, app = served
    _get(url, "SELECT ?o WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 1")  # shape learned (not cheap)
    _inline(app).classifier.wait_idle()
    runs = _inline(app).runs
    r = _get(url, RUNAWAY)
    _inline(app).classifier.wait_idle()
    r2 = _get(url, RUNAWAY)
    assert r.status_code == r2.status_code == 503
    assert _inline(app).runs == runs


def test_errors_in_process_are_the_workers(served):
    url, app = served
    q = f"SELECT ?o WHERE {{ <{E}app/2> ?p ?o }}"
    _get(url, q)
    _inline(app).classifier.wait_idle()
    r = _get(url, q, "text/turtle")  # solutions cannot be Turtle
    assert r.status_code == 406


def test_no_in_process_path_when_switched_off(tmp_path):
    store = EmbeddedStore(tmp_path / "store")
    _fill(store, 400)
    app = create_app(Settings(store="embedded", data_dir=tmp_path / "store", query_workers=1, sparql_inline_threads=0),
                     store=store)
    try:
        with app_server(app) as url:
            for _ in range(2):
                assert _get(url, f"SELECT ?o WHERE {{ <{E}app/1> ?p ?o }}").status_code == 200
            assert app.state.cache["admission"].inline is None
    finally:
        store.close()


def test_a_star_from_a_hub_that_writes_no_row_is_killed_not_run_in_process(served):
    """Lead's review: an *anchored* join (here 300 hub members x 4^10 property combinations, a FILTER no row passes)
    was called cheap; its second run went in-process, where nothing can stop it. Joins now take the
    killable path: 503 within the limit, and never an in-process run."""
    url, app = served
    star = " ".join(f"?a ?p{i} ?o{i} ." for i in range(10))
    q = f"SELECT * WHERE {{ <{E}hub> <{E}has> ?a . {star} FILTER(STRLEN(STR(?o9)) < 0) }}"
    first = _get(url, q)  # the first run of a shape always takes a worker
    _inline(app).classifier.wait_idle()
    runs = _inline(app).runs
    again = httpx.get(url + "/sparql", params={"query": q}, headers={"Accept": "text/csv"}, timeout=10)
    assert first.status_code == again.status_code == 503
    assert _inline(app).runs == runs


LOOP = [f"SELECT ?p ?o WHERE {{ <{E}app/1> ?p ?o }}", f"ASK {{ <{E}app/1> <{E}p0> ?o }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}app/1> AS ?s) ?s ?p ?o }}",
        f"SELECT ?s WHERE {{ ?s a <{E}App> }} LIMIT 1000",
        f"SELECT ?o ?k WHERE {{ <{E}app/1> ?p ?o BIND(\"k\" AS ?k) }}"]
NOT_LOOP = {  # cheap, but may read a whole range and write nothing: a thread, never the event loop
    "FILTER": f'SELECT * WHERE {{ ?s <{E}p0> "v0" FILTER(regex(str(?s), "v")) }}',
    "OFFSET": f"SELECT ?o WHERE {{ <{E}app/1> ?p ?o }} OFFSET 100000",
    "CONSTRUCT of a constant triple": f"CONSTRUCT {{ <{E}x> <{E}y> <{E}z> }} WHERE {{ ?s a <{E}App> }}",
    "CONSTRUCT dropping a variable": f"CONSTRUCT {{ ?s <{E}y> <{E}z> }} WHERE {{ ?s ?p <{E}App> }}",
    "BIND computed per row": f"SELECT ?o (STRLEN(?o) AS ?n) WHERE {{ <{E}app/1> ?p ?o }}",
}


@pytest.mark.parametrize("query", LOOP)
def test_queries_bounded_by_their_answer_may_run_on_the_event_loop(query):
    d = cheap.decide(query)
    assert d.cheap and d.loop, query


@pytest.mark.parametrize("name", sorted(NOT_LOOP))
def test_cheap_queries_that_may_read_without_writing_stay_off_the_event_loop(name):
    d = cheap.decide(NOT_LOOP[name])
    assert d.cheap and not d.loop, name


def test_a_lookup_runs_on_the_event_loop_and_a_filtered_one_in_a_thread(served):
    url, app = served
    lookup = f"SELECT ?p ?o WHERE {{ <{E}app/5> ?p ?o }}"
    filtered = f'SELECT ?p ?o WHERE {{ <{E}app/5> ?p ?o FILTER(?o != "x") }}'
    worker = [_get(url, q) for q in (lookup, filtered)]  # unknown shapes: workers answer
    _inline(app).classifier.wait_idle()
    _unbar(app)
    for q in (lookup, filtered):
        _get(url, q)
        _inline(app).classifier.wait_idle()
    inl = _inline(app)
    runs, loop_runs = inl.runs, inl.loop_runs
    here = [_get(url, q) for q in (lookup, filtered)]
    assert inl.runs == runs + 2 and inl.loop_runs == loop_runs + 1  # the lookup on the loop, the FILTER in a thread
    assert [r.content for r in here] == [r.content for r in worker]


def test_an_answer_too_big_for_the_event_loop_leaves_it_for_a_thread(tmp_path):
    from spbe_kg.service.sparql import inline

    store = EmbeddedStore(tmp_path / "store")
    g, hub = ox.NamedNode(E + "g"), ox.NamedNode(E + "bighub")
    n = inline.LOOP_BUDGET // 40 + 100  # rows of > 40 bytes: over the loop's budget, within a thread's
    store.add_quads(ox.Quad(hub, ox.NamedNode(E + "has"), ox.NamedNode(f"{E}member/with-a-long-name/{i:08d}"), g) for i in range(n))
    app = create_app(Settings(store="embedded", data_dir=tmp_path / "store", query_workers=1,
                              max_result_rows=10 * n), store=store)
    q = f"SELECT ?o WHERE {{ <{E}bighub> ?p ?o }}"
    try:
        with app_server(app) as url:
            first = _get(url, q)  # a worker while the shape is parsed (or, parsed in time, as below)
            inl = _inline(app)
            inl.classifier.wait_idle()
            again = _get(url, q)
            assert inl.decision(q).cheap and not inl.decision(q).loop  # tried on the loop once, left it
            assert inl.runs >= 1 and inl.loop_runs == 0 and inl.spilled == 0  # answered by a thread
            assert again.content == first.content and len(again.content) > inline.LOOP_BUDGET
    finally:
        store.close()


def test_relative_iris_resolve_against_the_host_the_client_named(served):
    """The endpoint's URL (the BASE of a query) is memoised per Host; the memo is bounded."""
    from spbe_kg.service.sparql import router

    url, app = served
    q = "SELECT ?x WHERE { BIND(<rel> AS ?x) }"
    for host in ("a.example:8000", "b.example"):
        r = httpx.get(url + "/sparql", params={"query": q}, headers={"Accept": "text/csv", "Host": host}, timeout=30)
        assert r.text.splitlines()[1] == f"http://{host}/rel"
    for i in range(300):
        httpx.get(url + "/sparql", params={"query": q}, headers={"Accept": "text/csv", "Host": f"h{i}.example"}, timeout=30)
    assert 0 < len(router._ENDPOINTS) <= 256


def test_a_construct_limit_does_not_bound_its_triples(served):
    """Review of the LIMIT shortcut: a CONSTRUCT's LIMIT counts solutions, its answer is triples (two per
    solution here): the row cap (50) must still hold for LIMIT 40."""
    url, app = served
    q = (f"CONSTRUCT {{ ?s ?p ?o . ?o <{E}back> ?s }} WHERE {{ BIND(<{E}hub> AS ?s) ?s ?p ?o }} LIMIT 40")
    assert cheap.decide(q).limit is None
    for _ in range(2):  # the worker, then in-process
        r = _get(url, q, "application/n-triples")
        _inline(app).classifier.wait_idle()
        assert r.status_code == 200 and r.headers.get("x-result-truncated") == "true"
        assert len(r.content.strip().splitlines()) == 50


def test_a_select_within_the_row_cap_by_its_own_limit_is_not_counted(monkeypatch):
    from spbe_kg.service.sparql import execute, results

    store = EmbeddedStore(None)
    _fill(store, 4000)
    q = "SELECT ?s ?o WHERE { ?s ?p ?o } LIMIT 900"
    counted = []
    real = results._count
    monkeypatch.setattr(results, "_count", lambda *a: counted.append(1) or real(*a))
    job = execute.QueryJob(q, "text/tab-separated-values", max_rows=1000)
    assert execute.run_query(store, job).rows == 900 and counted  # a tiny answer per row: counted
    counted.clear()
    job.rows_at_most = cheap.decide(q).limit
    out = execute.run_query(store, job)
    assert out.status == 200 and len(out.body.splitlines()) == 901 and not counted
    job.rows_at_most, job.max_rows = 900, 800  # over the cap: counted, and capped
    out = execute.run_query(store, job)
    assert counted and out.truncated and len(out.body.splitlines()) == 801


def test_an_answer_from_the_event_loop_has_the_routers_headers_and_access_line(served, caplog):
    import logging

    url, app = served
    q = f"SELECT ?p ?o WHERE {{ <{E}app/7> ?p ?o }}"
    json_ = "application/sparql-results+json"
    routed = _get(url, q, json_)
    _inline(app).classifier.wait_idle()
    _unbar(app)
    _get(url, q, json_)
    loop_runs = _inline(app).loop_runs
    with caplog.at_level(logging.INFO, logger="spbe.access"):
        r = httpx.get(url + "/sparql", params={"query": q}, headers={"Accept": json_, "X-Request-ID": "t-loop-1"}, timeout=30)
        flush_access_log()
    assert _inline(app).loop_runs == loop_runs + 1
    assert r.status_code == 200 and r.content == routed.content
    assert r.headers["content-type"] == routed.headers["content-type"]
    assert int(r.headers["content-length"]) == len(r.content) and r.headers["x-request-id"] == "t-loop-1"
    lines = [rec.getMessage() for rec in caplog.records if rec.name == "spbe.access"]
    assert any('"id": "t-loop-1"' in m and '"status": 200' in m for m in lines), lines


def test_a_client_whose_query_outgrew_the_event_loop_is_barred_from_it(served, monkeypatch):
    """Each new query shape may hold the event loop once (up to the loop's budget); the client that sent
    it then uses threads and workers only, so one client cannot hold the loop shape after shape."""
    from spbe_kg.service.sparql import admission, inline

    url, app = served
    adm = app.state.cache["admission"]
    big, small = f"SELECT ?o WHERE {{ <{E}hub> ?p ?o }} LIMIT 45", f"SELECT ?p ?o WHERE {{ <{E}app/11> ?p ?o }}"
    for q in (big, small):
        _get(url, q)
        _inline(app).classifier.wait_idle()
    _unbar(app)
    with monkeypatch.context() as m:
        m.setattr(inline, "LOOP_BUDGET", 1024)  # the 45 rows outgrow it
        r = _get(url, big)
    assert r.status_code == 200 and len(r.text.strip().splitlines()) == 46
    assert not adm.may_loop("127.0.0.1") and adm.may_loop("10.0.0.9")
    loop_runs, runs = _inline(app).loop_runs, _inline(app).runs
    assert _get(url, small).status_code == 200
    assert _inline(app).loop_runs == loop_runs and _inline(app).runs == runs + 1  # a thread answered
    adm.loop_barred["127.0.0.1"] = 0.0  # the bar expired
    assert adm.may_loop("127.0.0.1") and "127.0.0.1" not in adm.loop_barred
    assert admission.PENALTY_S >= 30


def test_one_slow_run_does_not_take_a_shape_off_the_event_loop():
    """Regression: on a cold national store one of the first lookups took over the loop's CPU limit, the
    shape left the loop for good and every later lookup went through a thread (twice the CPU)."""
    c = cheap.Classifier()
    q = f"SELECT ?p ?o WHERE {{ <{E}a> ?p ?o }}"
    c.lookup(q)
    c.wait_idle()
    d = c.lookup(q)
    for n in range(1, cheap.LOOP_STRIKES):
        assert not c.strike(q, d) and c.lookup(q).loop and c.struck(d), n
    assert not c.strike(q, d, slow=False) and not c.struck(d)  # a fast run: the count starts again
    for n in range(1, cheap.LOOP_STRIKES):
        assert not c.strike(q, d) and c.lookup(q).loop, n
    assert c.strike(q, d) and not c.lookup(q).loop and c.lookup(q).cheap  # slow runs in a row
    c.close()
