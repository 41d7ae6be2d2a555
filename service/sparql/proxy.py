"""Forward a request from a reader process to the serving process over its private Unix socket.

A reader process (``reader.py``) answers cheap queries itself and hands every other request --
writes, queries for the killable workers, pages, the Graph Store, errors -- to the one process
that holds the store, the worker pool and the write token checks (``spbe serve --processes N``).
The request and the answer are streamed both ways (nothing is buffered whole here: the serving
process applies the body cap), hop-by-hop headers are dropped (and the answer's ``date`` and ``server``,
which the reader's own server writes), and the client's address travels in
:data:`CLIENT_HEADER`, which the serving process believes only on its private socket
(:class:`TrustReaders`) and a reader always overwrites.
"""

from __future__ import annotations

import logging

import httpx

log = logging.getLogger("spbe.readers")

CLIENT_HEADER = b"x-spbe-client"
_HOP = {b"connection", b"keep-alive", b"proxy-connection", b"te", b"trailer", b"transfer-encoding", b"upgrade",
        CLIENT_HEADER}
_OWN = {b"date", b"server"}  # the reader's uvicorn writes its own; the serving process's would repeat them
_UNAVAILABLE = (b"Proses utama spbe serve tidak menjawab; coba lagi sebentar lagi. / "
                b"The serving process did not answer; try again shortly.\n")


class Proxy:
    """An ASGI app that forwards every request to the serving process at Unix socket ``uds``."""

    def __init__(self, uds: str, read_timeout_s: float) -> None:
        self.client = httpx.AsyncClient(
            transport=httpx.AsyncHTTPTransport(uds=uds, retries=3),
            timeout=httpx.Timeout(read_timeout_s, connect=5.0),
            limits=httpx.Limits(max_connections=256, max_keepalive_connections=32),
        )

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":  # no websockets here
            return
        client = scope["client"][0] if scope.get("client") else "-"
        headers = [(k, v) for k, v in scope["headers"] if k not in _HOP]
        headers.append((CLIENT_HEADER, client.encode("latin-1")))
        target = scope.get("raw_path") or scope["path"].encode()
        url = "http://spbe-primary" + target.decode("latin-1")
        if scope["query_string"]:
            url += "?" + scope["query_string"].decode("latin-1")
        has_body = any(k in (b"content-length", b"transfer-encoding") for k, _ in scope["headers"])
        request = self.client.build_request(scope["method"], httpx.URL(url), headers=headers,
                                            content=_body(receive) if has_body else None)
        try:
            response = await self.client.send(request, stream=True)
        except httpx.HTTPError as e:
            log.warning("reader %s: serving process unreachable: %s", scope.get("path"), e)
            await send({"type": "http.response.start", "status": 502,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"retry-after", b"1")]})
            await send({"type": "http.response.body", "body": _UNAVAILABLE})
            return
        try:
            out = [(k, v) for k, v in response.headers.raw if k.lower() not in _HOP and k.lower() not in _OWN]
            await send({"type": "http.response.start", "status": response.status_code, "headers": out})
            async for chunk in response.aiter_raw():
                if chunk:
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
        finally:
            await response.aclose()

    async def aclose(self) -> None:
        await self.client.aclose()


async def _body(receive):
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise httpx.ReadError("client went away")
        if message.get("body"):
            yield message["body"]
        if not message.get("more_body"):
            return


class TrustReaders:
    """ASGI wrapper of the serving process: a request that came over the private socket ``uds`` (no
    client address, the socket's path as server) is from a reader process, and its
    :data:`CLIENT_HEADER` is the client's address; on any other connection the header is dropped."""

    def __init__(self, app, uds: str) -> None:
        self.app = app
        self.uds = uds

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            headers = scope["headers"]
            if any(k == CLIENT_HEADER for k, _ in headers):
                server = scope.get("server")
                via_reader = scope.get("client") is None and server is not None and server[0] == self.uds
                scope = dict(scope, headers=[(k, v) for k, v in headers if k != CLIENT_HEADER])
                if via_reader:
                    value = next(v for k, v in headers if k == CLIENT_HEADER).decode("latin-1")
                    scope["client"] = (value, 0)
        await self.app(scope, receive, send)
