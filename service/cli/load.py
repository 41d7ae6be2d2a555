"""``spbe load FILE ... [--store DIR | --endpoint URL] [--partial]``: inventories into the store, atomically.

Each file replaces its own named graph in one transaction; a file with rows in error loads nothing
(exit 1) unless ``--partial`` is given.
"""

from __future__ import annotations

import sys
from pathlib import Path

from spbe_kg.loaders.cli_common import add_input_args, convert, print_summary, rejected_message, settings_from
from spbe_kg.loaders.errors import LoaderError
from spbe_kg.loaders.graph_scope import ForeignGraph

from . import CliError


def register(subparsers) -> None:
    p = subparsers.add_parser("load", help="muat berkas inventaris ke store / load inventories into the store",
                              description=__doc__)
    add_input_args(p)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, metavar="DIR", help="direktori store tertanam (default: settings data_dir)")
    where.add_argument("--endpoint", metavar="URL",
                       help="server SPARQL 1.1 jarak jauh (URL query; URL update: --update-endpoint, "
                            "default: .../query -> .../update, selain itu URL yang sama)")
    p.add_argument("--update-endpoint", metavar="URL", help="URL SPARQL update server jarak jauh")
    p.add_argument("--store-endpoint", metavar="URL", help="URL Graph Store Protocol server jarak jauh (opsional)")
    p.add_argument("--admin", "--izinkan-graf-lain", dest="admin", action="store_true",
                   help="izinkan berkas TriG/N-Quads menulis graf selain grafnya sendiri (referensi, temuan, berkas lain) "
                        "/ let a TriG/N-Quads file write graphs other than its own")
    p.set_defaults(func=run)


def _remote_urls(args) -> dict:
    q = args.endpoint
    upd = args.update_endpoint or (q[: -len("/query")] + "/update" if q.rstrip("/").endswith("/query") else q)
    gsp = args.store_endpoint or (q[: -len("/query")] + "/store" if q.rstrip("/").endswith("/query") else None)
    return {"store": "remote", "endpoint_query_url": q, "endpoint_update_url": upd, "endpoint_store_url": gsp}


def run(args) -> int:
    from spbe_kg.loaders.api import load_into_directory, load_into_store
    from spbe_kg.service.store import StoreError, open_store

    extra = _remote_urls(args) if args.endpoint else {"store": "embedded", "data_dir": args.store} if args.store else {}
    settings = settings_from(args, **extra)
    result = convert(args, settings)
    print_summary(result, settings, args)
    if not result.ok and not args.partial:
        print("spbe: " + rejected_message(result, settings.lang), file=sys.stderr)
        return 1
    try:
        if settings.store == "embedded":
            load_into_directory(settings.data_dir, result, settings=settings, allow_other_graphs=args.admin)
        else:
            store = open_store(settings)
            try:
                load_into_store(store, result, settings=settings, allow_other_graphs=args.admin)
            finally:
                store.close()
    except ForeignGraph as e:
        raise CliError(str(e), 1) from None
    except LoaderError as e:
        raise CliError(str(e), 2 if result.ok or args.partial else 1) from None
    except (StoreError, OSError) as e:
        raise CliError(("penyimpanan gagal, store tidak berubah: " if settings.lang != "en"
                        else "the store failed and is unchanged: ") + str(e), 2) from None
    loaded = sum(f.loaded for f in result.files)
    target = settings.endpoint_query_url if settings.store == "remote" else str(settings.data_dir)
    if not args.quiet:
        print(f"{loaded} " + ("records loaded into" if settings.lang == "en" else "catatan dimuat ke")
              + f" {target} ({len(result.graphs)} graf/graphs, {len(result.quads)} quads)", file=sys.stderr)
    return 0
