"""``spbe serve [--store DIR | --endpoint URL] [--host 127.0.0.1] [--port 8000]``: the SPARQL endpoint.

Writes stay off unless ``--enable-updates`` is given, and then need the bearer token from the
environment (``SPBE_WRITE_TOKEN``; never on the command line, where ``ps`` would show it).
"""

from __future__ import annotations

import argparse
import logging
import sys
from urllib.parse import urlsplit
from pathlib import Path

from . import CliError

MSG = {
    "no-token": ("--enable-updates memerlukan token penulisan di variabel lingkungan SPBE_WRITE_TOKEN.",
                 "--enable-updates needs a write token in the SPBE_WRITE_TOKEN environment variable."),
    "store": ("Store tidak dapat dibuka: {e}", "Cannot open the store: {e}"),
}


def port_number(text: str) -> int:
    """argparse type: a TCP port (exit 2 with a bilingual message otherwise).

    >>> port_number("8080")
    8080
    """
    try:
        n = int(text)
    except ValueError:
        n = -1
    if not 1 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"port harus 1-65535, bukan {text!r} / the port must be 1-65535, not {text!r}")
    return n


def http_url(text: str) -> str:
    """argparse type: an absolute http(s) URL with a host.

    >>> http_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    """
    parts = urlsplit(text.strip())
    try:
        parts.port
    except ValueError:
        parts = parts._replace(netloc="")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"bukan URL http(s) yang sah: {text!r} (contoh http://127.0.0.1:7878/query) / "
                                         f"not a valid http(s) URL: {text!r} (e.g. http://127.0.0.1:7878/query)")
    return text.strip()


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="jalankan endpoint SPARQL / run the SPARQL endpoint", description=__doc__)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, metavar="DIR", help="direktori store tertanam / embedded store directory")
    where.add_argument("--endpoint", type=http_url, metavar="URL", help="URL query server SPARQL 1.1 jarak jauh / remote SPARQL query URL")
    p.add_argument("--update-endpoint", type=http_url, metavar="URL", help="URL update server jarak jauh / remote update URL")
    p.add_argument("--store-endpoint", type=http_url, metavar="URL", help="URL Graph Store server jarak jauh / remote Graph Store URL")
    p.add_argument("--host", default=None, help="alamat / bind address (default 127.0.0.1)")
    p.add_argument("--port", type=port_number, default=None, help="port 1-65535 (default 8000)")
    p.add_argument("--enable-updates", action="store_true", help="izinkan penulisan (perlu SPBE_WRITE_TOKEN) / allow writes")
    p.add_argument("--query-timeout", type=float, default=None, metavar="S", help="batas waktu kueri (detik) / query time limit")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="proses pekerja kueri / query worker processes")
    p.add_argument("--lang", choices=["id", "en"], default=None)
    p.set_defaults(func=run)


def settings_for(args):
    from spbe_kg.settings import Settings

    kw: dict = {}
    if args.store:
        kw.update(store="embedded", data_dir=args.store)
    if args.endpoint:
        q = args.endpoint
        base = q[: -len("/query")] if q.rstrip("/").endswith("/query") else None
        kw.update(store="remote", endpoint_query_url=q,
                  endpoint_update_url=args.update_endpoint or (base + "/update" if base else q),
                  endpoint_store_url=args.store_endpoint or (base + "/store" if base else None))
    for name, value in (("host", args.host), ("port", args.port), ("query_timeout_s", args.query_timeout),
                        ("query_workers", args.workers), ("lang", args.lang)):
        if value is not None:
            kw[name] = value
    if args.enable_updates:
        kw["enable_updates"] = True
    return Settings(**kw)


def run(args) -> int:
    import uvicorn

    from spbe_kg.service.app import create_app
    from spbe_kg.service.store import StoreError, open_store

    from pydantic import ValidationError

    try:
        settings = settings_for(args)
    except ValidationError as e:
        bad = "; ".join(f"{'.'.join(map(str, er['loc']))}: {er['msg']}" for er in e.errors())
        raise CliError(f"pengaturan tidak sah / invalid settings: {bad}", 2) from None
    en = settings.lang == "en"
    if settings.enable_updates and not settings.write_token:
        raise CliError(MSG["no-token"][en], 2)
    try:
        store = open_store(settings)
    except StoreError as e:
        raise CliError(MSG["store"][en].format(e=e), 2) from None
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the remote store's own requests: not access lines
    app = create_app(settings, store=store)
    print(f"spbe serve: http://{settings.host}:{settings.port}/sparql ({store.kind})", file=sys.stderr)
    try:
        uvicorn.run(app, host=settings.host, port=settings.port, access_log=False, log_level="warning")
    finally:
        store.close()
    return 0
