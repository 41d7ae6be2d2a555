"""``spbe serve [--store DIR | --endpoint URL] [--host 127.0.0.1] [--port 8000]``: the SPARQL endpoint.

Writes stay off unless ``--enable-updates`` is given, and then need the bearer token from the
environment (``SPBE_WRITE_TOKEN``; never on the command line, where ``ps`` would show it).
"""

from __future__ import annotations

import argparse
import logging
import sys

from .common import CliError, add_lang_arg, add_store_args, h, port_number, settings_of, store_error_text


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("serve", help=h("help_serve", lang), description=h("desc_serve", lang))
    add_store_args(p, lang)
    p.add_argument("--host", default=None, help=h("opt_host", lang))
    p.add_argument("--port", type=port_number, default=None, help=h("opt_port", lang))
    p.add_argument("--enable-updates", action="store_true", help=h("opt_enable_updates", lang))
    p.add_argument("--query-timeout", type=float, default=None, metavar="S", help=h("opt_query_timeout", lang))
    p.add_argument("--workers", type=int, default=None, metavar="N", help=h("opt_workers", lang))
    add_lang_arg(p, lang)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from spbe_kg.service.app import create_app
    from spbe_kg.service.store import StoreError, StoreLocked, open_store

    settings = settings_of(args)
    if settings.enable_updates and not settings.write_token:
        raise CliError(h("serve_no_token", settings.lang), 2)
    try:
        store = open_store(settings)
    except StoreError as e:
        locked = isinstance(e, StoreLocked)  # its own message: what holds the store and what to do
        raise CliError(store_error_text(e, settings) if locked else h("serve_store", settings.lang, err=e), 2) from None
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the remote store's own requests: not access lines
    app = create_app(settings, store=store)
    print(f"spbe serve: http://{settings.host}:{settings.port}/sparql ({store.kind})", file=sys.stderr)
    if settings.store == "embedded":
        _announce_while_serving(app, settings)
    try:
        uvicorn.run(app, host=settings.host, port=settings.port, access_log=False, log_level="warning")
    finally:
        store.close()
    return 0


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
