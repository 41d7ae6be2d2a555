"""Answers written by the HTTP protocol itself, without an ASGI cycle (issue 13).

For every request uvicorn builds a request/response cycle, starts an asyncio task for it, runs the
app's coroutine and turns its ``send`` messages back into bytes; for a fixed answer that is about
half of what a request costs (measured here: 45,000 against 85,000 answers a second from one
process). A lookup that ``cheap.py`` proves cheap is run on the event loop anyway
(``inline.py``), synchronously, so the protocol can ask for its answer as soon as the request is
complete and write it at once. :func:`direct_protocol` makes such a protocol from a function
``answer(scope) -> (headers, body) | None`` (``fastpath.SparqlFastPath.answer_now``,
``reader.ReaderApp.answer_now``): the scope is the one uvicorn built; ``None`` sends the request
through the app as usual, with the same scope.

Only a narrow case is answered here; everything else is uvicorn's own path, unchanged:

- a ``GET`` without an upgrade, on a TCP connection (the serving process's private socket, over
  which the reader processes forward requests, keeps the app's path: ``proxy.TrustReaders``);
- no ``X-Forwarded-For`` / ``X-Forwarded-Proto`` (uvicorn's proxy-header middleware would rewrite the
  client address or the scheme), no body announced (``Content-Length``, ``Transfer-Encoding``: the app's
  body cap reads it), no ``limit_concurrency``;
- no earlier request of the connection still being answered (pipelined answers keep their order);
- the connection's writes not paused (a client that does not read its answers gets no more of
  them written: uvicorn's flow control waits for it as before);
- at most one request per chunk of bytes received: a client that pipelines many requests in one
  write has the rest answered by uvicorn, one task each, so it cannot hold the event loop for
  long with one read.

The answer goes out as one write (status line, uvicorn's default headers, the app's headers,
body), with ``connection: close`` and the connection closed when the request asked not to keep it
alive; then what uvicorn does after a response (the keep-alive timer, the request count).

With ``yield_after`` (setting ``serve_yield``, on by default) the process then offers its core to any
other process waiting for it (``sched_yield``): a client or a reverse proxy on the same machine reads
the answer at once instead of waiting for this process's time slice to end. Measured on 2 cores with
the client beside the server, paired against the same server without it: the p95 of lookups 0-26%
lower (median -17%), the same throughput and CPU (benchmarks/results/profile-sparql.md, run M). The
query workers run at a lower priority (``query_worker_nice``), so a runaway query in a worker does not
take the core each time it is offered (docs/sparql-endpoint.md, tenth round).

>>> from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
>>> issubclass(direct_protocol(lambda scope: None), HttpToolsProtocol)
True
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable

import httptools

from .coalesce import CoalescingHTTPProtocol

Answer = tuple[list[tuple[bytes, bytes]], bytes]  # (headers, body) of a 200 answer
_OK = b"HTTP/1.1 200 OK\r\n"
# proxy headers uvicorn's middleware would apply; a body (which the app's body cap reads, and which
# httptools would hand to a cycle that does not exist yet)
_NOT_HERE = (b"x-forwarded-for", b"x-forwarded-proto", b"content-length", b"transfer-encoding")
_sched_yield = getattr(os, "sched_yield", None)  # POSIX; elsewhere answers are written without it


class DirectHTTPProtocol(CoalescingHTTPProtocol):  # type: ignore[misc,valid-type]
    """uvicorn's httptools protocol that first asks :meth:`answer` (see the module doc)."""

    _direct = False  # the current request waits for its direct answer at on_message_complete
    yield_after = False  # offer the core to a waiting process after each direct answer (module doc)
    _chunk_left = 0  # direct answers still allowed in the chunk being parsed

    @staticmethod
    def answer(scope) -> Answer | None:  # replaced by direct_protocol()
        return None

    def data_received(self, data: bytes) -> None:
        self._chunk_left = 1
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self._direct = False
        if self._may_answer():
            self._direct = True
            self._fill_scope()
            return
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        if not self._direct:
            return super().on_message_complete()
        self._direct = False
        self._chunk_left -= 1
        scope = self.scope
        scope["spbe.direct"] = True  # asked once: the app does not try the loop again
        try:
            out = self.answer(scope)
        except Exception:  # the app's own path answers it (and its errors) as usual
            self.logger.exception("direct answer failed; the app answers instead")
            out = None
        if out is None:  # the app's own path, from here on as uvicorn would have started it
            super().on_headers_complete()
            return super().on_message_complete()
        self._write(*out)

    def _may_answer(self) -> bool:
        cycle = self.cycle
        if (self._chunk_left <= 0 or self.parser.get_method() != b"GET" or self.client is None
                or (cycle is not None and not cycle.response_complete) or self.pipeline
                or self.limit_concurrency is not None or self.flow.write_paused or self.parser.should_upgrade()):
            return False
        return not any(k in _NOT_HERE for k, _ in self.headers)

    def _fill_scope(self) -> None:
        """The scope fields uvicorn's own ``on_headers_complete`` sets (method, version, path, query)."""
        scope = self.scope
        scope["method"] = "GET"
        version = self.parser.get_http_version()
        if version != "1.1":
            scope["http_version"] = version
        parsed = httptools.parse_url(self.url)
        raw_path = parsed.path
        path = raw_path.decode("ascii")
        if "%" in path:
            path = urllib.parse.unquote(path)
        scope["path"] = self.root_path + path
        scope["raw_path"] = self.root_path.encode("ascii") + raw_path
        scope["query_string"] = parsed.query or b""

    def _write(self, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        keep_alive = self.scope["http_version"] != "1.0" and self.parser.should_keep_alive()
        out = [_OK]
        for name, value in self.server_state.default_headers:
            out += [name, b": ", value, b"\r\n"]
        for name, value in headers:
            out += [name, b": ", value, b"\r\n"]
        if not keep_alive:
            out.append(b"connection: close\r\n")
        out += [b"\r\n", body]
        self.transport.write(b"".join(out))
        if self.yield_after and _sched_yield is not None:
            _sched_yield()
        self.server_state.total_requests += 1
        if not keep_alive:
            self.transport.close()
            return
        self._unset_keepalive_if_required()
        self.timeout_keep_alive_task = self.loop.call_later(self.timeout_keep_alive, self.timeout_keep_alive_handler)


def direct_protocol(answer: Callable[[dict], Answer | None], yield_after: bool = False) -> type:
    """An HTTP protocol class for ``uvicorn.Config(http=...)`` that answers with ``answer`` where it can,
    offering its core after each such answer when ``yield_after`` (module doc); uvicorn's plain protocol
    (over :class:`coalesce.CoalescingTransport`) when uvicorn does not use httptools here."""
    if not _httptools_in_use():
        return CoalescingHTTPProtocol
    return type("DirectHTTPProtocol", (DirectHTTPProtocol,), {"answer": staticmethod(answer), "yield_after": yield_after})


def _httptools_in_use() -> bool:
    from uvicorn.protocols.http.auto import AutoHTTPProtocol
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    return issubclass(AutoHTTPProtocol, HttpToolsProtocol)
