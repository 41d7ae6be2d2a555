"""A reader process of ``spbe serve --processes N``: ``python -m spbe_kg.service.sparql.reader FD UDS ROOT``.

One Python process answers at most one core's worth of lookups (benchmarks/results/profile-sparql.md,
run F: the engine floor behind a bare ASGI app is 0.37-0.58x the Oxigraph server, which uses every
core). ``spbe serve --processes N`` therefore runs N-1 reader processes beside the serving process;
all of them accept connections on the same listening socket (inherited as ``FD``).

A reader answers only what needs nothing but a read of the committed store: a query that
``cheap.py`` proves cheap, exactly as the serving process would (on the event loop when its answer
bounds its work, else in one of ``sparql_inline_threads`` threads; the same budgets, demotions and
per-client ``"inline"`` admission, ``admission.Admission.run_inline``), against the newest
checkpoint of the store (``follow.py``). Everything else -- unknown query shapes, queries for the
killable workers, answers over the budget, errors, writes, pages, the Graph Store -- is forwarded
whole to the serving process over its private Unix socket ``UDS`` (``proxy.py``), where every
safeguard applies as to a direct request. The settings come as one JSON line on stdin (the write
token is never sent: a reader never authorises anything); the reader exits when stdin closes (the
serving process went away).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import anyio

from ..logging import flush_access_log, log_access, request_id
from ..store.base import StoreError
from .admission import Admission, Busy
from .fastpath import answer_headers, cheap_request, loop_answer, plain_get
from .follow import FollowingStore
from .proxy import Proxy

log = logging.getLogger("spbe.readers")
FOLLOW_EVERY_S = 2.0  # an idle reader looks for a newer checkpoint this often


class ReaderApp:
    """The ASGI app of a reader process (see the module doc)."""

    def __init__(self, settings, follow: FollowingStore, proxy: Proxy) -> None:
        self.settings = settings
        self.follow = follow
        self.proxy = proxy
        self.admission = Admission(settings)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            return await self._lifespan(receive, send)
        start = time.perf_counter()
        out = await self._here(scope) if scope["type"] == "http" else None
        if out is None:
            return await self.proxy(scope, receive, send)
        rid = scope["spbe.request_id"] = request_id(scope["headers"])
        headers = answer_headers(out, rid)
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": out.body})
        log_access(scope, 200, start)

    def answer_now(self, scope) -> tuple[list[tuple[bytes, bytes]], bytes] | None:
        """``(headers, body)`` of a cheap query answered on the event loop, its access line noted; None
        when it is not for the loop (then :meth:`__call__` answers or forwards it). Called by the HTTP
        protocol before any ASGI cycle exists (``service/direct.py``)."""
        plain = plain_get(scope)
        store = self.follow.current()
        if plain is None or store is None:
            return None
        start = time.perf_counter()
        out = loop_answer(self.admission, scope, plain, self.settings, store)
        if out is None:
            return None
        rid = scope["spbe.request_id"] = request_id(scope["headers"])
        log_access(scope, 200, start)
        return answer_headers(out, rid), out.body

    async def _here(self, scope):
        """The answer to a cheap query, run here; None forwards the request."""
        plain = plain_get(scope)
        cheap = None if plain is None else cheap_request(self.admission, scope, *plain, self.settings)
        if cheap is None:
            return None
        job, d, client = cheap
        if scope.get("spbe.direct") and d.loop:  # the protocol tried the loop: not again (service/direct.py)
            d = replace(d, loop=False)
        store = self.follow.current()
        if store is None:
            store = await anyio.to_thread.run_sync(self.follow.switch)
        try:
            out = await self.admission.run_inline(client, job, store, d)
        except Busy:
            return None  # the serving process applies its own limits (and answers 503 if they are reached)
        return out if out is not None and out.status == 200 else None

    async def _follow(self) -> None:
        """Move to a newer checkpoint even while no query comes, so the serving process may prune the
        old one (it keeps every checkpoint a reader marked)."""
        while True:
            await asyncio.sleep(FOLLOW_EVERY_S)
            if self.follow.current() is None:
                try:
                    await anyio.to_thread.run_sync(self.follow.switch)
                except StoreError as e:  # the next query tries again, and says so if it fails
                    log.warning("reader %s: %s", os.getpid(), e)

    async def _lifespan(self, receive, send) -> None:
        follower = None
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                follower = asyncio.get_running_loop().create_task(self._follow())
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if follower is not None:
                    follower.cancel()
                await self.proxy.aclose()
                if self.admission.inline is not None:
                    self.admission.inline.close()
                self.follow.close()
                flush_access_log()
                await send({"type": "lifespan.shutdown.complete"})
                return


def _exit_with_parent() -> None:
    """Stop (as on SIGTERM: open requests finish) when the serving process closes our stdin."""
    def watch() -> None:
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except OSError:
            pass
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str]) -> int:  # pragma: no cover - run as a subprocess (tests/service/test_processes.py)
    import uvicorn

    from spbe_kg.service.direct import direct_protocol
    from spbe_kg.settings import Settings

    fd, uds, root = int(argv[0]), argv[1], Path(argv[2])
    settings = Settings(**json.loads(sys.stdin.buffer.readline()))
    _exit_with_parent()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    follow = FollowingStore(root)
    follow.switch()  # the first checkpoint before the first connection
    longest = max(settings.query_timeout_s or 0.0, settings.job_timeout_s, settings.load_job_timeout_s)
    app = ReaderApp(settings, follow, Proxy(uds, read_timeout_s=longest + 60.0))  # the serving process's own limits
    sock = socket.socket(fileno=fd)
    config = uvicorn.Config(app, access_log=False, log_level="warning", lifespan="on", http=direct_protocol(app.answer_now, settings.serve_yield))
    uvicorn.Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
