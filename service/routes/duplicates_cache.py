"""``/duplicates`` answers computed once per store state, in a killable memory-capped process.

The analysis costs seconds of CPU and hundreds of MB at national scale, so an anonymous client
must not be able to trigger it at will. Answers are kept per (store state, format, language):
the store state is the embedded store's write generation (any committed write bumps it, and the
next request recomputes), or, for a remote store, its triple count and graph list. One request
computes while others for the same state wait for it (single flight). The computation runs
through :mod:`service.jobs` (``job_timeout_s``, ``job_memory_mb``): on a read-only snapshot of the
embedded store, or against the remote endpoint; a memory store (tests, demos) computes in a thread.
"""

from __future__ import annotations

import asyncio

from starlette.concurrency import run_in_threadpool

from .job_errors import run_limited


class DuplicatesCache:
    def __init__(self) -> None:
        self.key = None
        self.bodies: dict = {}
        self.lock = asyncio.Lock()
        self.computed = 0  # how many times the analysis ran (tests, /health-like introspection)


def _key(store):
    generation = getattr(store, "generation", None)  # embedded/memory: bumped by every committed write
    if generation is not None:
        return ("generation", id(store), generation)
    return ("remote", store.triple_count(), tuple(store.named_graphs()))


def _on_snapshot(snapshot: str, settings, media: str, lang: str, root: str = ""):
    from ..store.embedded import EmbeddedStore
    from .duplicates import _build

    store = EmbeddedStore(snapshot, read_only=True)
    return _build(store, settings, media, lang, root)


def _on_remote(urls: tuple, opts: dict, settings, media: str, lang: str, root: str = ""):
    from ..store.remote import RemoteStore
    from .duplicates import _build

    store = RemoteStore(*urls, **opts)
    try:
        return _build(store, settings, media, lang, root)
    finally:
        store.close()


def _remote_args(store, settings) -> tuple[tuple, dict]:
    opts = {"timeout_s": store.timeout_s, "dialect": store.dialect, "user": settings.endpoint_user,
            "password": settings.endpoint_password, "system_graphs": list(settings.endpoint_system_graphs)}
    return (store.query_url, store.update_url, store.store_url), opts


async def _compute(store, settings, media: str, lang: str, root: str = ""):
    from ..store.base import Capability
    from ..store.remote import RemoteStore
    from .duplicates import _build

    if store.supports(Capability.SNAPSHOTS):
        snap = await run_in_threadpool(store.snapshot)
        return await run_limited(_on_snapshot, (str(snap), settings, media, lang, root), settings)
    if isinstance(store, RemoteStore):
        urls, opts = await run_in_threadpool(_remote_args, store, settings)
        return await run_limited(_on_remote, (urls, opts, settings, media, lang, root), settings)
    return await run_in_threadpool(_build, store, settings, media, lang, root)


async def cached_build(app_cache: dict, store, settings, media: str, lang: str, root: str = ""):
    """The /duplicates body for ``media``/``lang`` at the store's current state (kept in the per-app
    cache, ``deps.get_cache``, under ``"duplicates"``)."""
    cache = app_cache.get("duplicates")
    if cache is None:
        cache = app_cache["duplicates"] = DuplicatesCache()
    async with cache.lock:
        key = await run_in_threadpool(_key, store)
        if key != cache.key:
            cache.key, cache.bodies = key, {}
        if (media, lang, root) not in cache.bodies:
            cache.bodies[(media, lang, root)] = await _compute(store, settings, media, lang, root)
            cache.computed += 1
        return cache.bodies[(media, lang, root)]
