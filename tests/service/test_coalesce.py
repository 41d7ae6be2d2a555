"""One send() per small response (service/coalesce.py), on a real uvicorn over a real TCP socket.

The server's real transport is wrapped to count what reaches it; the client is a plain socket, so
what is checked is what goes over the wire: a whole answer in one write, a head never held past
the loop turn (a streaming answer's head arrives before its late body), ``100 Continue`` not held,
and bodiless answers and closing connections intact.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import pytest
import uvicorn

from spbe_kg.service.coalesce import CoalescingHTTPProtocol, CoalescingTransport

WRITES: list[bytes] = []  # what reached the real transports, in order


class _Counted:
    """The real transport, its writes noted."""

    def __init__(self, real) -> None:
        self._real = real

    def write(self, data) -> None:
        WRITES.append(bytes(data))
        self._real.write(data)

    def __getattr__(self, name):
        return getattr(self._real, name)


class _Protocol(CoalescingHTTPProtocol):
    def connection_made(self, transport) -> None:
        super().connection_made(_Counted(transport))


async def _app(scope, receive, send):
    if scope["type"] != "http":
        return
    path = scope["path"]
    if path == "/small":
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"5")]})
        await send({"type": "http.response.body", "body": b"hello"})
    elif path == "/slow-body":  # the head goes out now, the body half a second later
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await asyncio.sleep(0.5)
        await send({"type": "http.response.body", "body": b"late"})
    elif path == "/empty":
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})
    elif path == "/echo":  # reads the body first: a client that asked for 100-continue gets it
        body = b""
        while True:
            m = await receive()
            body += m.get("body", b"")
            if not m.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


@pytest.fixture(scope="module")
def server():
    sock = socket.create_server(("127.0.0.1", 0))
    srv = uvicorn.Server(uvicorn.Config(_app, log_level="warning", lifespan="off", http=_Protocol))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    end = time.monotonic() + 20
    while not srv.started and time.monotonic() < end:
        time.sleep(0.02)
    assert srv.started
    yield sock.getsockname()[1]
    srv.should_exit = True
    thread.join(15)
    sock.close()


def _read_response(s: socket.socket, timeout: float = 5.0, head_only: bool = False) -> bytes:
    """One whole response (Content-Length, chunked, a bodiless status or ``head_only``) from ``s``."""
    s.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data:
        data += s.recv(65536)
    head, _, rest = data.partition(b"\r\n\r\n")
    lower = head.lower()
    if head_only or b" 204 " in head.split(b"\r\n")[0]:
        return head + b"\r\n\r\n"
    if b"content-length:" in lower:
        n = int(lower.split(b"content-length:")[1].split(b"\r\n")[0])
        while len(rest) < n:
            rest += s.recv(65536)
    else:
        while not rest.endswith(b"0\r\n\r\n"):
            rest += s.recv(65536)
    return head + b"\r\n\r\n" + rest


def test_a_small_answer_leaves_in_one_write(server):
    WRITES.clear()
    with socket.create_connection(("127.0.0.1", server)) as s:
        for _ in range(3):  # keep-alive: every answer on the connection
            s.sendall(b"GET /small HTTP/1.1\r\nHost: x\r\n\r\n")
            resp = _read_response(s)
            assert resp.startswith(b"HTTP/1.1 200 OK\r\n") and resp.endswith(b"\r\n\r\nhello")
    assert len(WRITES) == 3 and all(w.startswith(b"HTTP/1.1 200") and w.endswith(b"hello") for w in WRITES)


def test_the_head_of_a_slow_answer_is_not_held_for_its_body(server):
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(b"GET /slow-body HTTP/1.1\r\nHost: x\r\n\r\n")
        start = time.monotonic()
        s.settimeout(5)
        first = s.recv(65536)
        assert first.startswith(b"HTTP/1.1 200 OK\r\n") and b"late" not in first
        assert time.monotonic() - start < 0.4  # sent in its own loop turn, not with the body 0.5 s later
        rest = first
        while not rest.endswith(b"0\r\n\r\n"):
            rest += s.recv(65536)
        assert b"late" in rest


def test_100_continue_is_sent_before_the_body_is(server):
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        s.settimeout(2)
        interim = s.recv(65536)  # the client waits for it before sending its body
        assert interim.startswith(b"HTTP/1.1 100 Continue\r\n\r\n")
        s.sendall(b"ping")
        resp = interim[len(b"HTTP/1.1 100 Continue\r\n\r\n"):]
        while not resp.endswith(b"ping"):
            resp += s.recv(65536)
        assert resp.startswith(b"HTTP/1.1 200 OK\r\n")


def test_bodiless_answers_and_closing_connections_are_whole(server):
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(b"GET /empty HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _read_response(s).startswith(b"HTTP/1.1 204 No Content\r\n")
        s.sendall(b"HEAD /small HTTP/1.1\r\nHost: x\r\n\r\n")
        head = _read_response(s, head_only=True)
        assert head.startswith(b"HTTP/1.1 200 OK\r\n") and b"hello" not in head
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(b"GET /small HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        s.settimeout(5)
        data = b""
        while chunk := s.recv(65536):  # the server closes after the answer: all of it arrives first
            data += chunk
        assert data.startswith(b"HTTP/1.1 200 OK\r\n") and data.endswith(b"hello")


def test_closing_sends_what_is_held_and_order_is_kept():
    class Wire:
        def __init__(self) -> None:
            self.sends: list[bytes] = []
            self.closed = False

        def write(self, data) -> None:
            assert not self.closed
            self.sends.append(bytes(data))

        def close(self) -> None:
            self.closed = True

    async def main():
        wire = Wire()
        t = CoalescingTransport(wire)
        t.write(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n")
        t.close()  # before the loop turn ends: the head goes first
        other = Wire()
        u = CoalescingTransport(other)
        u.write(b"HTTP/1.1 200 OK\r\n\r\n")  # a body chunk that looks like a head: held, then sent in order
        u.write(b"tail")
        u.write(b"more")
        await asyncio.sleep(0)
        return wire, other

    wire, other = asyncio.run(main())
    assert wire.sends == [b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n"] and wire.closed
    assert b"".join(other.sends) == b"HTTP/1.1 200 OK\r\n\r\ntailmore"
