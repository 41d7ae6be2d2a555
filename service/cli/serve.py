"""``spbe serve [--store DIR | --endpoint URL] [--host 127.0.0.1] [--port 8000] [--processes N]``: the SPARQL endpoint.

Writes stay off unless ``--enable-updates`` is given, and then need the bearer token from the
environment (``SPBE_WRITE_TOKEN``; never on the command line, where ``ps`` would show it).
``--processes N`` adds N-1 reader processes on the same port (``service/sparql/reader.py``); the default (0)
is one process per usable core, at most 4 (:func:`auto_processes`).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from .. import malloc
from .common import CliError, add_lang_arg, add_store_args, h, port_number, settings_of, store_error_text


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("serve", help=h("help_serve", lang), description=h("desc_serve", lang))
    add_store_args(p, lang)
    p.add_argument("--host", default=None, help=h("opt_host", lang))
    p.add_argument("--port", type=port_number, default=None, help=h("opt_port", lang))
    p.add_argument("--enable-updates", action="store_true", help=h("opt_enable_updates", lang))
    p.add_argument("--query-timeout", type=float, default=None, metavar="S", help=h("opt_query_timeout", lang))
    p.add_argument("--workers", type=int, default=None, metavar="N", help=h("opt_workers", lang))
    p.add_argument("--processes", type=int, default=None, metavar="N", help=h("opt_processes", lang))
    add_lang_arg(p, lang)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from spbe_kg.service.app import create_app
    from spbe_kg.service.sparql.fastpath import http_protocol
    from spbe_kg.service.store import StoreError, StoreLocked, open_store

    settings = settings_of(args)
    if settings.enable_updates and not settings.write_token:
        raise CliError(h("serve_no_token", settings.lang), 2)
    again = malloc.preload_env(os.environ, settings.serve_malloc)
    if again is not None:  # before any store or thread: run again with jemalloc preloaded (service/malloc.py)
        malloc.rerun(again)
    try:
        store = open_store(settings)
    except StoreError as e:
        locked = isinstance(e, StoreLocked)  # its own message: what holds the store and what to do
        raise CliError(store_error_text(e, settings) if locked else h("serve_store", settings.lang, err=e), 2) from None
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the remote store's own requests: not access lines
    app = create_app(settings, store=store)
    print(f"spbe serve: http://{settings.host}:{settings.port}/sparql ({store.kind}, malloc: {malloc.in_use()})",
          file=sys.stderr)
    if settings.store == "embedded":
        _announce_while_serving(app, settings)
    processes = settings.serve_processes or auto_processes()
    try:
        if processes > 1 and settings.store == "embedded" and settings.query_workers > 0:
            _serve_with_readers(app, settings, store, processes)
        else:
            if settings.serve_processes > 1:  # asked for, not the default: say why it is not done
                print(h("serve_single", settings.lang, n=settings.serve_processes), file=sys.stderr)
            uvicorn.run(app, host=settings.host, port=settings.port, access_log=False, log_level="warning",
                        http=http_protocol(app))
    finally:
        store.close()
    return 0


def auto_processes() -> int:
    """HTTP processes when ``serve_processes`` is 0 (the default): one per core this process may run on, at most
    4 (each reader costs its own memory; on two cores two processes answered ~0.6x the Oxigraph server's lookups
    where one answered ~0.3x, docs/sparql-endpoint.md)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def _serve_with_readers(app, settings, store, processes: int) -> None:
    """Serve with ``processes - 1`` reader processes on the same listening socket
    (``service/sparql/reader.py``), started once the worker pool has made the first checkpoint."""
    import socket
    from contextlib import asynccontextmanager

    import uvicorn
    from starlette.concurrency import run_in_threadpool

    from spbe_kg.service.sparql.fastpath import http_protocol
    from spbe_kg.service.sparql.processes import Readers, private_socket, remove_private_socket
    from spbe_kg.service.sparql.proxy import TrustReaders

    family, kind, proto, _, addr = socket.getaddrinfo(settings.host, settings.port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, kind, proto)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(addr)
    except OSError as e:
        raise CliError(f"{settings.host}:{settings.port}: {e}", 2) from None
    listener.listen(2048)
    private, uds = private_socket()
    reader_settings = settings.model_dump_json(exclude={"write_token", "endpoint_password"})
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a):
        async with inner(a):
            readers = None
            if a.state.pool is not None:
                root = (await run_in_threadpool(store.snapshot)).parent
                readers = Readers(processes - 1, listener, uds, root, reader_settings)
                await run_in_threadpool(readers.start)
            try:
                yield
            finally:
                if readers is not None:
                    await run_in_threadpool(readers.close)
                remove_private_socket(private, uds)  # here: uvicorn may re-raise SIGTERM after the lifespan

    app.router.lifespan_context = lifespan
    config = uvicorn.Config(TrustReaders(app, uds), access_log=False, log_level="warning", http=http_protocol(app))
    try:
        uvicorn.Server(config).run(sockets=[listener, private])
    finally:
        remove_private_socket(private, uds)
        listener.close()


def _announce_while_serving(app, settings) -> None:
    """While the app serves (after start-up, until shutdown), a file next to the store directory says
    where: ``spbe load`` on this store finds the server there and loads through it (the lifespan's
    end runs even when uvicorn re-raises SIGTERM afterwards)."""
    from contextlib import asynccontextmanager

    from ..loading import announce, local_url, withdraw

    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a):
        async with inner(a):
            announce(settings.data_dir, local_url(settings.host, settings.port))
            try:
                yield
            finally:
                withdraw(settings.data_dir)

    app.router.lifespan_context = lifespan
