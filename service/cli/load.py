"""``spbe load FILE ... [--store DIR | --endpoint URL | --server URL] [--partial]``: inventories into the store, atomically.

Each file replaces its own named graph in one step; a file with rows in error loads nothing
(exit 1) unless ``--partial`` is given. When a running ``spbe serve`` holds the store directory
(it announces its address next to the directory, ``service/loading.py``), or with ``--server URL``,
the files are sent to that server's ``POST /load`` with the token (``--token``, env ``SPBE_TOKEN``,
else the ``write_token`` setting): same summary, same exit codes.
"""

from __future__ import annotations

import argparse
import os
import sys

from spbe_kg.loaders.errors import LoaderError
from spbe_kg.loaders.graph_scope import ForeignGraph

from .common import (
    CliError,
    add_input_args,
    add_store_args,
    convert,
    h,
    http_url,
    print_summary,
    rejected_message,
    settings_of,
    store_error_text,
)


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("load", help=h("help_load", lang), description=h("desc_load", lang))
    add_input_args(p, lang)
    add_store_args(p, lang)
    p.add_argument("--server", type=http_url, metavar="URL", help=h("opt_server", lang))
    p.add_argument("--token", metavar="TOKEN", help=h("opt_token", lang))
    p.add_argument("--admin", "--izinkan-graf-lain", dest="admin", action="store_true", help=h("help_admin", lang))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from spbe_kg.loaders.api import load_into_store
    from spbe_kg.service.store import StoreError, StoreLocked, open_store

    from ..loading import discover
    from ..security import ADMIN_WRITER
    from ..write_scope import stamp

    settings = settings_of(args)
    server = getattr(args, "server", None)
    if server is None and settings.store == "embedded" and not getattr(args, "store_endpoint", None):
        server = discover(settings.data_dir)  # a running `spbe serve` holds this store: load through it
    if server:
        from .load_remote import load_via_server

        return load_via_server(args, settings, server)
    result = convert(args, settings)
    print_summary(result, settings, args)
    if not result.ok and not args.partial:
        print("spbe: " + rejected_message(result, settings.lang), file=sys.stderr)
        return 1
    stamp(result, ADMIN_WRITER, settings, args.instansi)  # a local load is the administrator's
    try:
        # lazy: an embedded store is opened only inside its bulk load (copy + atomic directory swap)
        store = open_store(settings, lazy=True)
        try:
            load_into_store(store, result, settings=settings, allow_other_graphs=args.admin, by=ADMIN_WRITER.label)
        finally:
            store.close()
    except ForeignGraph as e:  # a TriG/N-Quads file naming graphs it does not own: read, but refused
        raise CliError(str(e), 1) from None
    except LoaderError as e:
        raise CliError(str(e), 2 if result.ok or args.partial else 1) from None
    except StoreLocked as e:
        raise CliError(store_error_text(e, settings), 2) from None
    except (StoreError, OSError) as e:
        raise CliError(h("store_failed", settings.lang, err=e), 2) from None
    loaded = sum(f.loaded for f in result.files)
    target = settings.endpoint_query_url if settings.store == "remote" else str(settings.data_dir)
    if not args.quiet:
        print(h("loaded", settings.lang, n=loaded, target=target, graphs=len(result.graphs), quads=result.size()),
              file=sys.stderr)
    return 0


def token_of(args: argparse.Namespace, settings) -> str | None:
    """``--token``, else ``SPBE_TOKEN``, else the ``write_token`` setting."""
    return getattr(args, "token", None) or os.environ.get("SPBE_TOKEN") or settings.write_token
