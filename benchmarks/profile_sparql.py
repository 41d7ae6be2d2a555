"""Where the time of a SPARQL lookup goes (``python -m spbe_kg.benchmarks.profile_sparql --apps 5000``).

Not a ``bench_*`` module (``make bench`` does not run it); its output is kept in
benchmarks/results/profile-sparql.md. Two views of the same lookup (all properties of one
application, JSON results):

1. Layers, timed one at a time in this process (one thread, ``--n`` lookups each, µs per request):
   the engine with its own JSON writer, our ``run_query`` (Python JSON writer), the guard and
   admission classification, the worker pool's snapshot check, the round trip to a worker process,
   and the whole app called once per lookup (ASGI, no HTTP).
2. HTTP, ``--clients`` keep-alive clients (Debian's ``wrk`` when installed, else Python threads):
   a bare ASGI app and a bare FastAPI route returning fixed bytes on the same uvicorn (the
   framework's own floor), the *engine floor* (pyoxigraph behind a bare ASGI app, no safeguard: no
   Python front on this engine can do better), ``spbe serve``, and the Oxigraph server, each with
   its CPU per request; then a py-spy sample of ``spbe serve`` under that load (top frames, own time).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import gc
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

from spbe_kg.benchmarks import endpoint_peers as peers
from spbe_kg.benchmarks import wrk_client
from spbe_kg.benchmarks.bench_endpoint import hammer
from spbe_kg.benchmarks.proctree import tree_cpu_s
from spbe_kg.benchmarks.servers import free_port, stop_process, wait_http

BARE = """\
import sys
import uvicorn
BODY = b'{"head":{"vars":["p","o"]},"results":{"bindings":[]}}'
async def asgi(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/sparql-results+json")]})
    await send({"type": "http.response.body", "body": BODY})
if sys.argv[1] == "engine":  # the floor of any Python front on this engine: parse, query, write, send
    from urllib.parse import parse_qsl
    import pyoxigraph as ox
    STORE = ox.Store.read_only(sys.argv[3])
    async def engine(scope, receive, send):
        if scope["type"] != "http":
            return
        q = dict(parse_qsl(scope["query_string"].decode("latin-1"))).get("query", "ASK {}")
        body = STORE.query(q, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/sparql-results+json")]})
        await send({"type": "http.response.body", "body": body})
    app = engine
elif sys.argv[1] == "fastapi":
    from fastapi import FastAPI, Request
    from starlette.responses import Response
    app = FastAPI()
    @app.get("/sparql")
    async def sparql(request: Request):
        return Response(BODY, media_type="application/sparql-results+json")
else:
    app = asgi
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="error", access_log=False)
"""


def per_call(fn, n: int) -> float:
    """µs per call of ``fn(i)`` over ``n`` calls (after 50 warm-up calls)."""
    for i in range(50):
        fn(i)
    t0 = time.perf_counter()
    for i in range(n):
        fn(i)
    return (time.perf_counter() - t0) / n * 1e6


def layers(data: peers.Data, n: int) -> list[tuple[str, float]]:
    from spbe_kg.service.sparql import guard
    from spbe_kg.service.sparql.admission import lane_of
    from spbe_kg.service.sparql.execute import QueryJob, run_query
    from spbe_kg.service.sparql.negotiation import choose
    from spbe_kg.service.sparql.results import SOLUTION_TYPES, serialize
    from spbe_kg.service.sparql.workers import WorkerPool
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.service.store.sparql_text import keywords
    from spbe_kg.settings import Settings

    settings = Settings()
    apps = data.apps
    rnd = random.Random(1)
    qs = [f"BASE <http://127.0.0.1/sparql> SELECT ?p ?o WHERE {{ <{rnd.choice(apps)}> ?p ?o }}" for _ in range(n + 50)]
    accept = "application/sparql-results+json"
    store = EmbeddedStore(data.store_dir)
    out: list[tuple[str, float]] = []

    def engine(i: int) -> None:
        solutions = store.raw.query(qs[i], use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        solutions.serialize(format=ox.QueryResultsFormat.JSON)

    def python_writer(i: int) -> None:
        serialize(store.raw.query(qs[i], use_default_graph_as_union=True), accept, max_rows=settings.max_result_rows)

    out.append(("engine: Store.query + QuerySolutions.serialize(JSON) (pyoxigraph, no Python per term)", per_call(engine, n)))
    out.append(("Store.query + the capped Python JSON writer (results.serialize)", per_call(python_writer, n)))
    out.append(("  of which the Python JSON writer (line above minus the engine line)", float("nan")))
    out.append(("run_query: query + negotiation + writer (native since issue 13; capped before)",
                per_call(lambda i: run_query(store, QueryJob(qs[i], accept, [], [], True, settings.max_result_rows, 30.0)), n)))
    out.append(("keywords() + guard.check() + lane_of() (router and admission, per request)",
                per_call(lambda i: (keywords(qs[i]), guard.check(qs[i], update=False, settings=settings), lane_of(qs[i], settings)), n)))
    out.append(("negotiation.choose() (Accept header)", per_call(lambda i: choose(accept, list(SOLUTION_TYPES)), n)))
    store.close()
    gc.collect()
    store = EmbeddedStore(data.store_dir)
    pool = WorkerPool(store, size=1, short=0)
    try:
        def snap(i):
            w = next(iter(pool._all))
            pool._claim_snapshot(w)
            pool._prune()

        out.append(("pool: per-request snapshot claim + prune (workers.py)", per_call(snap, n)))
        out.append(("pool.run: the whole hop to a worker process (pickle, socket, worker's run_query, back)",
                    per_call(lambda i: pool.run(QueryJob(qs[i], accept, [], [], True, settings.max_result_rows, 30.0)), n)))
    finally:
        pool.close()
        store.close()
    out[2] = (out[2][0], out[1][1] - out[0][1])
    gc.collect()
    out.append(("the whole app, one ASGI call per lookup in this process (fast path on the event loop, no HTTP)",
                asyncio.run(_app_calls(data, n))))
    return out


async def _app_calls(data: peers.Data, n: int) -> float:
    """µs of CPU per GET /sparql lookup sent straight to the app (its lifespan run: worker pool, admission)."""
    from spbe_kg.service.app import create_app
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    store = EmbeddedStore(data.store_dir)
    app = create_app(Settings(store="embedded", data_dir=data.store_dir, sparql_client_concurrency=64), store=store)
    rnd = random.Random(2)
    qs = [urllib.parse.urlencode({"query": f"SELECT ?p ?o WHERE {{ <{rnd.choice(data.apps)}> ?p ?o }}"}).encode()
          for _ in range(n + 200)]

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def call(qs_: bytes) -> None:
        sent: list[dict] = []

        async def send(m):
            sent.append(m)

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
                 "path": "/sparql", "raw_path": b"/sparql", "query_string": qs_, "root_path": "",
                 "headers": [(b"host", b"127.0.0.1:8000"), (b"accept", b"application/sparql-results+json")],
                 "client": ("127.0.0.1", 5555), "server": ("127.0.0.1", 8000), "state": {}}
        await app(scope, receive, send)
        assert sent[0]["status"] == 200, sent[0]

    try:
        async with app.router.lifespan_context(app):
            for q in qs[:200]:  # warm-up: the query shape is learned (cheap.py) on the first ones
                await call(q)
            # the shape is parsed in a background thread (importing rdflib's parser the first time):
            # its CPU must not fall inside the measured window (process_time counts every thread)
            app.state.cache["admission"].inline.classifier.wait_idle()
            for q in qs[:50]:
                await call(q)
            t0 = time.process_time()
            for q in qs[200:]:
                await call(q)
            return (time.process_time() - t0) / n * 1e6
    finally:
        store.close()


def bare_server(kind: str, store: Path | None = None) -> tuple[str, subprocess.Popen]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", BARE, kind, str(port), str(store or "")], stderr=subprocess.DEVNULL)
    wait_http(f"http://127.0.0.1:{port}/sparql", proc=proc)
    return f"http://127.0.0.1:{port}/sparql", proc


def pyspy_top(pid: int, seconds: float, load) -> list[tuple[str, float]]:
    """py-spy's raw (collapsed) samples of ``pid`` while ``load()`` runs; frames by own share."""
    out = Path(tempfile.mkdtemp()) / "spy.txt"
    spy = subprocess.Popen([str(peers.BIN / "py-spy"), "record", "--pid", str(pid), "--format", "raw", "--rate", "200",
                            "--duration", str(int(seconds)), "--nonblocking", "--output", str(out)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    load()
    spy.wait(timeout=seconds + 60)
    own: collections.Counter = collections.Counter()
    incl: collections.Counter = collections.Counter()
    total = 0
    for line in out.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        c = int(count)
        if "(idle)" in frames[0] or not frames:
            continue
        total += c
        own[_short(frames[-1])] += c
        for f in {_short(f) for f in frames}:
            incl[f] += c
    shutil.rmtree(out.parent, ignore_errors=True)
    if not total:
        return []
    return [(f"own {f}", c / total * 100) for f, c in own.most_common(12)] + \
           [(f"incl {f}", c / total * 100) for f, c in incl.most_common(25)]


def _short(frame: str) -> str:
    name, _, where = frame.partition(" (")
    where = where.rstrip(")")
    path, _, line = where.rpartition(":")
    for mark in ("site-packages/", "wt-13/", "lib/python3.11/"):
        if mark in path:
            path = path.split(mark, 1)[1]
    return f"{name} ({path})"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--apps", type=int, default=5000)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=5.0)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="profile-sparql-"))
    try:
        data = peers.prepare(tmp, args.apps)
        print(f"data: {args.apps:,} applications -> {data.quads:,} quads; load average {os.getloadavg()[0]:.2f}; nproc {os.cpu_count()}")
        print("\n1. Layers, one thread, µs per lookup")
        for name, us in layers(data, args.n):
            print(f"  {us:9.1f}  {name}")
        rnd_apps = data.apps

        def lookup(r: random.Random) -> str:
            return f"SELECT ?p ?o WHERE {{ <{r.choice(rnd_apps)}> ?p ?o }}"

        accept = "application/sparql-results+json"
        load = wrk_client.hammer if wrk_client.available() else hammer
        client = "wrk" if wrk_client.available() else "Python threads"
        print(f"\n2. HTTP, {args.clients} keep-alive clients ({client}), {args.seconds:.0f} s each "
              f"(load average {os.getloadavg()[0]:.2f}); CPU: the server's process tree per answered request")
        print("| server | req/s | p50 ms | p95 ms | errors | CPU ms/req |\n|---|---:|---:|---:|---:|---:|")

        def row(name: str, url: str, pid: int) -> None:
            load(url, lookup, accept, args.clients, 1.0)
            cpu0 = tree_cpu_s(pid)
            r = load(url, lookup, accept, args.clients, args.seconds)
            cpu = 1000 * (tree_cpu_s(pid) - cpu0) / max(1, r["n"])
            print(f"| {name} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['errors']} | {cpu:.2f} |", flush=True)

        for kind, label in (("asgi", "bare ASGI on uvicorn (fixed bytes, no query)"),
                            ("fastapi", "bare FastAPI route on uvicorn (fixed bytes, no query)"),
                            ("engine", "engine floor: pyoxigraph behind a bare ASGI app (no safeguard)")):
            url, proc = bare_server(kind, data.oxi_dir)
            try:
                row(label, url, proc.pid)
            finally:
                stop_process(proc)
        for start in (peers.spbe_server, peers.oxigraph_server):
            s = start(data)
            try:
                row(s.name, s.url, s.proc.pid)
            finally:
                if s.name != "spbe serve":
                    peers.stop(s)
            if s.name == "spbe serve":
                try:
                    top = pyspy_top(s.proc.pid, args.seconds,
                                    lambda url=s.url: hammer(url, lookup, accept, args.clients, args.seconds))
                finally:
                    peers.stop(s)
                print(f"\n3. py-spy, spbe serve's main process under the same load ({args.seconds:.0f} s, % of non-idle samples)")
                for name, pct in top:
                    print(f"  {pct:5.1f}%  {name}")
                print()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
