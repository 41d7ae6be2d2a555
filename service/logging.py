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

When the lines would be written verbatim to one stream -- the one ``StreamHandler`` formatting
``%(message)s`` that ``spbe serve`` sets up, no filters -- a batch is written there as one text
with one ``write`` and no records at all (:func:`_plain_stream`): a record per line still cost ~15 us
of a lookup's ~110 us in a loop (benchmarks/results/profile-sparql.md, run J). Any other set-up
(another format, a file, a filter, pytest's ``caplog``) gets one record per line as before.

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
_encode = json.JSONEncoder(ensure_ascii=False).encode  # as json.dumps(..., ensure_ascii=False), one encoder


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
    handler = _plain_stream()
    if handler is not None:
        return _write_plain(handler)
    while True:
        try:
            when, record = _pending.popleft()
        except IndexError:
            return
        # a record made here, not by log.info: Logger.findCaller walks the stack on every call (~10% of
        # a lookup's Python, issue 13); the access line's caller is always this module anyway
        rec = log.makeRecord(log.name, logging.INFO, __file__, 0, _encode(record), (), None)
        rec.relativeCreated -= (rec.created - when) * 1000
        rec.created, rec.msecs = when, (when - int(when)) * 1000
        log.handle(rec)


def _plain_stream() -> logging.StreamHandler | None:
    """The handler every access line goes to when it writes each as its message alone, else None.

    That is: no filter on ``spbe.access``, and exactly one handler on the way up, a plain
    ``StreamHandler`` (not a subclass such as ``FileHandler``) with no filter, letting INFO pass,
    whose formatter is logging's own with the format ``%(message)s`` -- as ``spbe serve`` sets it up.

    >>> import io; h = logging.StreamHandler(io.StringIO()); h.setFormatter(logging.Formatter("%(message)s"))
    >>> log.addHandler(h); log.propagate = False
    >>> _plain_stream() is h
    True
    >>> h.setFormatter(logging.Formatter("%(asctime)s %(message)s")); _plain_stream() is None
    True
    >>> log.removeHandler(h); log.propagate = True
    """
    if log.filters or log.disabled:
        return None
    found = None
    logger: logging.Logger | None = log
    while logger is not None:
        for h in logger.handlers:
            if found is not None:
                return None
            found = h
        logger = logger.parent if logger.propagate else None
    if (type(found) is not logging.StreamHandler or found.filters or found.level > logging.INFO
            or type(found.formatter) is not logging.Formatter or found.formatter._fmt != "%(message)s"
            or type(found.formatter._style) is not logging.PercentStyle):
        return None
    return found


def _write_plain(handler: logging.StreamHandler) -> None:
    """Write every noted line to ``handler``'s stream as one text (see :func:`_plain_stream`)."""
    lines = []
    while True:
        try:
            lines.append(_encode(_pending.popleft()[1]))
        except IndexError:
            break
    if not lines:
        return
    lines.append("")
    handler.acquire()
    try:
        handler.stream.write(handler.terminator.join(lines))
        handler.flush()
    except Exception:  # as StreamHandler.emit: report it (when logging.raiseExceptions), never raise
        handler.handleError(log.makeRecord(log.name, logging.INFO, __file__, 0, lines[0], (), None))
    finally:
        handler.release()


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
