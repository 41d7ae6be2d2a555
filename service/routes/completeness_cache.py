"""The completeness figures computed once per store state, in a killable memory-capped process.

The figures need one validation run over the whole store (seconds and hundreds of MB at national
scale), so, like ``/duplicates`` (``duplicates_cache``), they are kept per store state (the embedded
store's write generation, else a remote store's triple count and graph list) and computed by one
request while the others wait (single flight): on a read-only snapshot of the embedded store through
:mod:`service.jobs`, against a remote endpoint in a job, or in a thread for a memory store. The cached
value is the language-neutral JSON; pages are rendered from it per request.
"""

from __future__ import annotations

import asyncio

from starlette.concurrency import run_in_threadpool

from .duplicates_cache import _key, _remote_args
from .job_errors import run_limited


class CompletenessCache:
    def __init__(self) -> None:
        self.key = None
        self.body: dict | None = None
        self.lock = asyncio.Lock()
        self.computed = 0  # how many times the figures were computed (tests)


def _build(store, settings) -> dict:
    from spbe_kg.queries.completeness import compute

    return compute(store, settings, timeout_s=settings.query_timeout_s).to_json()


def _on_snapshot(snapshot: str, settings) -> dict:
    from ..store.embedded import EmbeddedStore

    return _build(EmbeddedStore(snapshot, read_only=True), settings)


def _on_remote(urls: tuple, opts: dict, settings) -> dict:
    from ..store.remote import RemoteStore

    store = RemoteStore(*urls, **opts)
    try:
        return _build(store, settings)
    finally:
        store.close()


async def _compute(store, settings) -> dict:
    from ..store.base import Capability
    from ..store.remote import RemoteStore

    if store.supports(Capability.SNAPSHOTS):
        snap = await run_in_threadpool(store.snapshot)
        return await run_limited(_on_snapshot, (str(snap), settings), settings)
    if isinstance(store, RemoteStore):
        urls, opts = await run_in_threadpool(_remote_args, store, settings)
        return await run_limited(_on_remote, (urls, opts, settings), settings)
    return await run_in_threadpool(_build, store, settings)


async def cached_completeness(app_cache: dict, store, settings) -> dict:
    """The figures at the store's current state (per-app cache, ``deps.get_cache``, key ``"completeness"``)."""
    cache = app_cache.get("completeness")
    if cache is None:
        cache = app_cache["completeness"] = CompletenessCache()
    async with cache.lock:
        key = await run_in_threadpool(_key, store)
        if key != cache.key or cache.body is None:
            cache.body = await _compute(store, settings)
            cache.key = key
            cache.computed += 1
        return cache.body
