"""``spbe load FILE ... [--store DIR | --endpoint URL] [--partial]``: inventories into the store, atomically.

Each file replaces its own named graph in one transaction; a file with rows in error loads nothing
(exit 1) unless ``--partial`` is given.
"""

from __future__ import annotations

import argparse
import sys

from spbe_kg.loaders.errors import LoaderError

from .common import (
    CliError,
    add_input_args,
    add_store_args,
    convert,
    h,
    print_summary,
    rejected_message,
    settings_of,
    store_error_text,
)


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("load", help=h("help_load", lang), description=h("desc_load", lang))
    add_input_args(p, lang)
    add_store_args(p, lang)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from spbe_kg.loaders.api import load_into_store
    from spbe_kg.service.store import StoreError, StoreLocked, open_store

    settings = settings_of(args)
    result = convert(args, settings)
    print_summary(result, settings, args)
    if not result.ok and not args.partial:
        print("spbe: " + rejected_message(result, settings.lang), file=sys.stderr)
        return 1
    try:
        # lazy: an embedded store is opened only inside its bulk load (copy + atomic directory swap)
        store = open_store(settings, lazy=True)
        try:
            load_into_store(store, result, settings=settings)
        finally:
            store.close()
    except LoaderError as e:
        raise CliError(str(e), 2 if result.ok or args.partial else 1) from None
    except StoreLocked as e:
        raise CliError(store_error_text(e, settings), 2) from None
    except (StoreError, OSError) as e:
        raise CliError(h("store_failed", settings.lang, err=e), 2) from None
    loaded = sum(f.loaded for f in result.files)
    target = settings.endpoint_query_url if settings.store == "remote" else str(settings.data_dir)
    if not args.quiet:
        print(h("loaded", settings.lang, n=loaded, target=target, graphs=len(result.graphs), quads=len(result.quads)),
              file=sys.stderr)
    return 0
