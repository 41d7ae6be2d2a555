"""``spbe harvest URL [URL ...] [--store DIR | --endpoint URL] [--allow PREFIX]``.

Pulls other instances' data into this store, one named graph per source (``B graph/panen/{slug}``):
each URL is a VoID description (``https://data.kab.go.id/.well-known/void``) naming a dump. Incremental
(ETag / If-None-Match: an unchanged source is not downloaded again) and atomic (the source's graph is
swapped in one transaction after the whole dump parsed). Only URLs under ``harvest_allowlist``
(``SPBE_HARVEST_ALLOWLIST='["https://data.kab.go.id/"]'``, or ``--allow``) are fetched; private and local
addresses only when the allow-list names the address itself. A source that fails keeps its last good
copy. Exit 0 every source harvested or unchanged; 1 some source failed (reasons printed); 2 usage/store.
"""

from __future__ import annotations

import sys

from . import CliError
from .query import add_store_args, open_for, settings_for


def register(subparsers) -> None:
    p = subparsers.add_parser("harvest", help="panen data instansi lain (VoID) / harvest other instances",
                              description=__doc__)
    p.add_argument("urls", nargs="+", metavar="URL", help="URL deskripsi VoID / VoID description URL")
    p.add_argument("--allow", action="append", default=[], metavar="PREFIX",
                   help="tambahan harvest_allowlist untuk perintah ini / extra allow-list prefix for this run")
    add_store_args(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from spbe_kg.interop.harvest import harvest
    from spbe_kg.service.store import StoreError

    settings = settings_for(args)
    lang = settings.lang
    if settings.store == "embedded":  # a province may start an aggregation store with its first harvest
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = open_for(settings)
    failed = 0
    try:
        for url in args.urls:
            try:
                out = harvest(store, url, settings=settings, lang=lang, allowlist=args.allow)
            except StoreError as e:
                raise CliError(str(e), 2) from None
            stream = sys.stderr if out.status == "failed" else sys.stdout
            print(("GAGAL " if lang == "id" else "FAILED ") + out.message if out.status == "failed" else out.message,
                  file=stream)
            failed += out.status == "failed"
    finally:
        store.close()
    return 1 if failed else 0
