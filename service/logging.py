"""One structured log line per request: ``{"id", "method", "path", "status", "ms"}`` on logger
``spbe.access`` (JSON, one line), with ``"principal"`` (``admin`` or ``pemda:<instansi> (token <id>)``,
never the token) on authorised writes and ``"write"`` (graphs, quads) on loads. The id is the client's ``X-Request-ID`` when it sends a sane
one, else a fresh one; it is echoed in the ``X-Request-ID`` response header.

Fresh ids are a random per-process prefix and a counter (16 hex digits, unique within a server's
life and across restarts with overwhelming probability): a ``uuid4`` per request cost ~2% of a
lookup's time in the HTTP process (benchmarks/results/profile-sparql.md).

>>> a, b = request_id(()), request_id(())
>>> len(a) == len(b) == 16 and a != b and a[:8] == b[:8]
True
>>> request_id([(b"x-request-id", b"abc-1")]), request_id([(b"x-request-id", b"no spaces")]) != "no spaces"
('abc-1', True)
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import re
import time

log = logging.getLogger("spbe.access")
_SANE_ID = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")
_PREFIX = os.urandom(4).hex()
_COUNTER = itertools.count(1)


def request_id(headers) -> str:
    """The client's sane ``X-Request-ID`` among ASGI ``headers``, else a fresh id."""
    rid = None
    for k, v in headers:
        if k == b"x-request-id" and _SANE_ID.match(v):
            rid = v.decode()
    return rid or f"{_PREFIX}{next(_COUNTER) & 0xFFFFFFFF:08x}"


def log_access(scope, status: int, start: float) -> None:
    """The access line of a finished request (``start``: its ``time.perf_counter()``)."""
    if not log.isEnabledFor(logging.INFO):
        return
    record = {
        "id": scope.get("spbe.request_id"), "method": scope.get("method"), "path": scope.get("path"),
        "status": status, "ms": round((time.perf_counter() - start) * 1000, 2),
    }
    if scope.get("spbe.principal"):
        record["principal"] = scope["spbe.principal"]
    if scope.get("spbe.write"):
        record["write"] = scope["spbe.write"]
    # a record made here, not by log.info: Logger.findCaller walks the stack on every call (~10% of a
    # lookup's Python, issue 13); the access line's caller is always this function anyway
    log.handle(log.makeRecord(log.name, logging.INFO, __file__, 0, json.dumps(record, ensure_ascii=False), (), None))


class AccessLogMiddleware:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        rid = scope["spbe.request_id"] = request_id(scope.get("headers", ()))
        start = time.perf_counter()
        status = 500

        async def send_wrapper(msg):
            nonlocal status
            if msg["type"] == "http.response.start":
                status = msg["status"]
                headers = [h for h in msg.get("headers", []) if h[0].lower() != b"x-request-id"]
                headers.append((b"x-request-id", rid.encode()))
                msg = {**msg, "headers": headers}
            await send(msg)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            log_access(scope, status, start)
