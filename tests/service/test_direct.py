"""Answers written by the HTTP protocol itself (service/direct.py), over real sockets.

First the protocol alone, on a real asyncio server with a small app, so that each rule of the narrow
case is checked where it decides: pipelined answers keep their order and only one per chunk is
answered directly, a connection whose writes are paused gets none, proxy headers and HTTP/1.0 are
handled, a failing answer function falls back to the app. Then our app on a real uvicorn as
``spbe serve`` runs it (``fastpath.http_protocol``): a lookup is answered by the protocol with the
same bytes as the app's own path, and everything else still reaches the app.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import httpx
import pytest
import uvicorn
from uvicorn.server import ServerState

from spbe_kg.service.direct import DirectHTTPProtocol, direct_protocol

ASKED: list[str] = []  # the request ids the answer function was asked for, in order
PROTOCOLS: list[DirectHTTPProtocol] = []


def _answer(scope):
    rid = dict(scope["headers"]).get(b"x-request-id", b"-").decode()
    ASKED.append(rid)
    if scope["path"] == "/boom":
        raise RuntimeError("boom")
    if scope["path"] != "/direct":
        return None
    body = f"direct {rid}".encode()
    return [(b"content-length", str(len(body)).encode()), (b"x-request-id", rid.encode())], body


async def _app(scope, receive, send):
    if scope["type"] != "http":
        return
    rid = dict(scope["headers"]).get(b"x-request-id", b"-").decode()
    body = f"app {rid} {scope['client'][0]} {scope.get('spbe.direct', False)}".encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-length", str(len(body)).encode()), (b"x-request-id", rid.encode())]})
    await send({"type": "http.response.body", "body": body})


class _Recorded(direct_protocol(_answer)):  # type: ignore[misc,valid-type]
    def connection_made(self, transport) -> None:
        PROTOCOLS.append(self)
        super().connection_made(transport)


def _request(rid: str, path: str = "/direct", version: str = "1.1", extra: str = "") -> bytes:
    return f"GET {path}?query=x HTTP/{version}\r\nHost: t\r\nX-Request-ID: {rid}\r\n{extra}\r\n".encode()


async def _read_answers(reader: asyncio.StreamReader, n: int) -> list[tuple[dict, bytes]]:
    out = []
    for _ in range(n):
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        lines = head.decode().split("\r\n")
        assert lines[0] == "HTTP/1.1 200 OK", head
        headers: dict = {}
        for line in lines[1:]:
            if line:
                k, v = line.split(": ", 1)
                headers.setdefault(k.lower(), []).append(v)
        body = await reader.readexactly(int(headers["content-length"][0]))
        out.append((headers, body))
    return out


def _serve(test):
    """Run ``test(reader, writer)`` against our protocol on a real asyncio server on 127.0.0.1."""
    async def main():
        ASKED.clear()
        PROTOCOLS.clear()
        config = uvicorn.Config(_app, log_level="warning", lifespan="off")
        config.load()
        state = ServerState()
        state.default_headers = [(b"server", b"uvicorn")]
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: _Recorded(config, state, {}), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            return await test(reader, writer)
        finally:
            writer.close()
            server.close()
            for task in list(state.tasks):
                await task
    return asyncio.run(main())


def test_pipelined_requests_keep_their_order_and_one_a_chunk_is_direct():
    async def test(reader, writer):
        writer.write(b"".join(_request(f"r{i}") for i in range(5)))  # one chunk
        return await _read_answers(reader, 5)

    answers = _serve(test)
    assert [b for _, b in answers] == [b"direct r0"] + [f"app r{i} 127.0.0.1 False".encode() for i in range(1, 5)]
    assert ASKED == ["r0"]
    assert all(h["server"] == ["uvicorn"] and "connection" not in h for h, _ in answers)


def test_requests_in_separate_chunks_are_each_answered_directly():
    async def test(reader, writer):
        out = []
        for i in range(3):
            writer.write(_request(f"s{i}"))
            out += await _read_answers(reader, 1)
        return out

    assert [b for _, b in _serve(test)] == [b"direct s0", b"direct s1", b"direct s2"]
    assert ASKED == ["s0", "s1", "s2"]


def test_not_answered_falls_back_to_the_app_which_knows_it_was_asked():
    async def test(reader, writer):
        writer.write(_request("f1", path="/other"))
        first = await _read_answers(reader, 1)
        writer.write(_request("f2", path="/boom"))  # the answer function fails: the app answers, no 400
        return first + await _read_answers(reader, 1)

    assert [b for _, b in _serve(test)] == [b"app f1 127.0.0.1 True", b"app f2 127.0.0.1 True"]
    assert ASKED == ["f1", "f2"]


def test_proxy_headers_bodies_and_other_methods_go_to_the_app():
    async def test(reader, writer):
        writer.write(_request("p1", extra="X-Forwarded-For: 203.0.113.9\r\n"))
        first = await _read_answers(reader, 1)
        writer.write(_request("p3", extra="Content-Length: 5\r\n") + b"hello")  # a body: the app's (body cap)
        second = await _read_answers(reader, 1)
        writer.write(_request("p4", extra="Transfer-Encoding: chunked\r\n") + b"5\r\nhello\r\n0\r\n\r\n")
        third = await _read_answers(reader, 1)
        writer.write(b"HEAD /direct?query=x HTTP/1.1\r\nHost: t\r\nX-Request-ID: p2\r\n\r\n")
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        return first, head, second + third

    first, head, bodies = _serve(test)
    assert [b for _, b in bodies] == [b"app p3 127.0.0.1 False", b"app p4 127.0.0.1 False"]
    # uvicorn's proxy-header middleware (trusting 127.0.0.1) gave the app the forwarded client, which a
    # direct answer would have missed
    assert first[0][1] == b"app p1 203.0.113.9 False"
    assert b"x-request-id: p2" in head and ASKED == []


def test_no_direct_answer_while_the_clients_writes_are_paused():
    async def test(reader, writer):
        writer.write(_request("w0"))
        await _read_answers(reader, 1)
        PROTOCOLS[0].flow.write_paused = True  # as when the client stopped reading its answers
        writer.write(_request("w1"))
        await asyncio.sleep(0.2)
        PROTOCOLS[0].flow.resume_writing()  # the app's answer was waiting for the drain
        return await _read_answers(reader, 1)

    assert [b for _, b in _serve(test)] == [b"app w1 127.0.0.1 False"]
    assert ASKED == ["w0"]


def test_http_1_0_gets_connection_close_and_the_connection_closes():
    async def test(reader, writer):
        writer.write(_request("c1", version="1.0"))
        answer = await _read_answers(reader, 1)
        rest = await asyncio.wait_for(reader.read(), 10)
        return answer, rest

    answer, rest = _serve(test)
    headers, body = answer[0]
    assert body == b"direct c1" and headers["connection"] == ["close"] and rest == b""


@pytest.mark.parametrize("offer", [True, False])
def test_a_direct_answer_then_offers_the_core_when_asked_and_only_then(monkeypatch, offer):
    from spbe_kg.service import direct

    offered: list[int] = []
    real = direct._sched_yield
    assert real is not None  # Linux: os.sched_yield

    def counted():
        offered.append(len(ASKED))
        real()

    monkeypatch.setattr(direct, "_sched_yield", counted)
    monkeypatch.setattr(_Recorded, "yield_after", offer)

    async def test(reader, writer):
        writer.write(_request("y1"))
        first = await _read_answers(reader, 1)
        writer.write(_request("y2", path="/other"))  # answered by the app: no offer
        return first + await _read_answers(reader, 1)

    assert [b for _, b in _serve(test)] == [b"direct y1", b"app y2 127.0.0.1 True"]
    assert offered == ([1] if offer else [])


def test_the_served_protocol_offers_the_core_unless_configured_not_to():
    from spbe_kg.service.app import create_app
    from spbe_kg.service.sparql.fastpath import http_protocol
    from spbe_kg.settings import Settings

    assert http_protocol(create_app(Settings(store="memory"))).yield_after is True
    assert http_protocol(create_app(Settings(store="memory", serve_yield=False))).yield_after is False


# --- our app, as spbe serve runs it -----------------------------------------------------------------
@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    from spbe_kg.service.app import create_app
    from spbe_kg.service.sparql.fastpath import http_protocol
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    path = tmp_path_factory.mktemp("direct") / "store"
    store = EmbeddedStore(path)
    store.update("INSERT DATA { GRAPH <http://e/g> { <http://e/a> <http://e/p> 'x', 'y' } }")
    app = create_app(Settings(store="embedded", data_dir=path, query_workers=1), store=store)
    calls: list[bool] = []
    answer_now = app.front.answer_now

    def counted(scope):
        out = answer_now(scope)
        calls.append(out is not None)
        return out

    assert http_protocol(app).__name__ == "DirectHTTPProtocol"
    sock = socket.create_server(("127.0.0.1", 0))
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", http=direct_protocol(counted)))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    end = time.monotonic() + 60
    while not srv.started and time.monotonic() < end:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", calls
    srv.should_exit = True
    thread.join(30)
    store.close()


def test_a_lookup_is_answered_by_the_protocol_as_the_app_would(app_url):
    base, calls = app_url
    lookup = "SELECT ?o WHERE { <http://e/a> ?p ?o } ORDER BY ?o"
    plain = "SELECT ?o WHERE { <http://e/a> ?p ?o }"
    with httpx.Client(base_url=base, timeout=30) as c:
        routed = c.post("/sparql", data={"query": plain}, headers={"Accept": "text/csv"})
        answers = []
        end = time.monotonic() + 30  # the shape is classified in a background thread (cheap.py): until then, the app
        while not (calls and calls[-1]) and time.monotonic() < end:
            answers.append(c.get("/sparql", params={"query": plain}, headers={"Accept": "text/csv"}))
            time.sleep(0.02)
        calls.clear()
        again = c.get("/sparql", params={"query": plain}, headers={"Accept": "text/csv", "X-Request-ID": "mine-1"})
        ordered = c.get("/sparql", params={"query": lookup}, headers={"Accept": "text/csv"})  # not cheap: a worker
    assert calls == [True, False]
    for r in answers + [again]:
        assert r.status_code == 200 and sorted(r.text.split()) == sorted(routed.text.split()) == ["o", "x", "y"]
        assert r.headers["content-type"] == routed.headers["content-type"]
        assert r.headers.get_list("date") and len(r.headers.get_list("date")) == 1
    assert again.headers["x-request-id"] == "mine-1"
    assert ordered.status_code == 200 and ordered.text.split() == ["o", "x", "y"]
