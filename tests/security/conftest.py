"""Fixtures for the hardening regression tests (issue 12): a local HTTP listener that counts
connections (the "internal host" an attacker aims SERVICE/LOAD at) and app builders."""

from __future__ import annotations

import contextlib
import socket
import threading

import pytest
from fastapi.testclient import TestClient

from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings
from spbe_test_servers import TOKEN

SECRET = "rahasia-internal-7731"
RESULTS = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"' + SECRET.encode() + b'"}}]}}'


class Listener:
    """A TCP server on 127.0.0.1 answering every request with ``status`` and ``body``; counts hits."""

    def __init__(self, status: int = 200, body: bytes = RESULTS, ctype: str = "application/sparql-results+json") -> None:
        self.status, self.body, self.ctype = status, body, ctype
        self.hits = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.hits += 1
            with contextlib.suppress(OSError):
                conn.settimeout(2)
                with contextlib.suppress(OSError):
                    conn.recv(65536)
                head = (f"HTTP/1.1 {self.status} X\r\nContent-Type: {self.ctype}\r\n"
                        f"Content-Length: {len(self.body)}\r\nConnection: close\r\n\r\n").encode()
                conn.sendall(head + self.body)
            conn.close()

    def close(self) -> None:
        self._stop = True
        self.sock.close()


@pytest.fixture
def listener():
    ln = Listener()
    yield ln
    ln.close()


@pytest.fixture
def make_client():
    """``make_client(**settings)`` -> a TestClient over a fresh memory store (updates on, TOKEN)."""
    clients = []

    def make(**kw):
        base = dict(store="memory", enable_updates=True, write_token=TOKEN, query_timeout_s=5.0)
        base.update(kw)
        c = TestClient(create_app(Settings(**base), store=EmbeddedStore(None)))
        c.__enter__()
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def auth():
    return {"Authorization": f"Bearer {TOKEN}"}
