"""One structured log line per request: ``{"id", "method", "path", "status", "ms"}`` on logger
``spbe.access`` (JSON, one line), with ``"principal"`` (``admin`` or ``pemda:<instansi> (token <id>)``,
never the token) on authorised writes and ``"write"`` (graphs, quads) on loads. The id is the client's ``X-Request-ID`` when it sends a sane
one, else a fresh one; it is echoed in the ``X-Request-ID`` response header.

Fresh ids are a random per-process prefix and a counter (16 hex digits, unique within a server's
life and across restarts with overwhelming probability): a ``uuid4`` per request cost ~2% of a
lookup's time in the HTTP process (benchmarks/results/profile-sparql.md).

Lines are handed to :mod:`logging` in batches, not one by one: a request only notes its fields
(:func:`log_access`), and the lines noted are made into records and handled together at most
:data:`FLUSH_S` later on the same event loop, or at once when :data:`MAX_PENDING` are waiting, at
the app's shutdown and at exit (:func:`flush_access_log`). Each record keeps the time of its request
(``created``). Between a lookup's engine calls the logging machinery ran cold: 50-67 us a line against
15-20 us in a loop, a tenth of a lookup's CPU in a reader process; in batches the endpoint answered
~10% more lookups (benchmarks/results/profile-sparql.md, run I). Batches are kept small: 0.1 s or 256
lines per batch held the event loop long enough to raise the p95 latency by ~20%; 20 ms or 32 lines
did not. Lines noted in the last :data:`FLUSH_S` before a SIGKILL are lost.

>>> a, b = request_id(()), request_id(())
>>> len(a) == len(b) == 16 and a != b and a[:8] == b[:8]
True
>>> request_id([(b"x-request-id", b"abc-1")]), request_id([(b"x-request-id", b"no spaces")]) != "no spaces"
('abc-1', True)
"""

from __future__ import annotations

import asyncio
import atexit
import itertools
import json
import logging
import os
import re
import time
from collections import deque

log = logging.getLogger("spbe.access")
_SANE_ID = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")
_PREFIX = os.urandom(4).hex()
_COUNTER = itertools.count(1)
FLUSH_S = 0.02  # a line reaches the log handlers at most this long after its request
MAX_PENDING = 32  # lines waiting at most (a batch holds the event loop ~0.5 ms); one more flushes them
_pending: deque = deque()  # (time, fields) of lines not yet handed to logging
_timer: list = [None]  # the loop a flush is scheduled on


def request_id(headers) -> str:
    """The client's sane ``X-Request-ID`` among ASGI ``headers``, else a fresh id."""
    rid = None
    for k, v in headers:
        if k == b"x-request-id" and _SANE_ID.match(v):
            rid = v.decode()
    return rid or f"{_PREFIX}{next(_COUNTER) & 0xFFFFFFFF:08x}"


def log_access(scope, status: int, start: float) -> None:
    """Note the access line of a finished request (``start``: its ``time.perf_counter()``); it reaches
    the handlers with the next flush (see the module doc)."""
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
    _pending.append((time.time(), record))
    if len(_pending) >= MAX_PENDING:
        return flush_access_log()
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # not on an event loop: nothing would flush later
        return flush_access_log()
    if _timer[0] is not loop:  # one timer per loop (tests run apps on several loops)
        _timer[0] = loop
        loop.call_later(FLUSH_S, _flush_on, loop)


def _flush_on(loop) -> None:
    if _timer[0] is loop:
        _timer[0] = None
    flush_access_log()


def flush_access_log() -> None:
    """Hand every noted access line to :mod:`logging` now (any thread).

    >>> import logging; seen = []; h = logging.Handler(); h.emit = lambda r: seen.append(r.getMessage())
    >>> log.addHandler(h); log.setLevel(logging.INFO)
    >>> log_access({"method": "GET", "path": "/health", "spbe.request_id": "r1"}, 200, time.perf_counter())
    >>> flush_access_log(); log.removeHandler(h); log.setLevel(logging.NOTSET)
    >>> [json.loads(m)["id"] for m in seen]
    ['r1']
    """
    while True:
        try:
            when, record = _pending.popleft()
        except IndexError:
            return
        # a record made here, not by log.info: Logger.findCaller walks the stack on every call (~10% of
        # a lookup's Python, issue 13); the access line's caller is always this module anyway
        rec = log.makeRecord(log.name, logging.INFO, __file__, 0, json.dumps(record, ensure_ascii=False), (), None)
        rec.relativeCreated -= (rec.created - when) * 1000
        rec.created, rec.msecs = when, (when - int(when)) * 1000
        log.handle(rec)


atexit.register(flush_access_log)


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
