"""``spbe harvest URL [URL ...] [--store DIR | --endpoint URL] [--allow PREFIX]``.

Pulls other instances' VoID-described dumps into this store, one named graph per source, incrementally and
atomically (``spbe_kg.interop.harvest``). Exit 0 every source harvested or unchanged; 1 some source failed
(the last good copy stays); 2 usage/store errors.
"""

from __future__ import annotations

import argparse
import sys

from .common import CliError, add_lang_arg, add_store_args, h, open_for, settings_of


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("harvest", help=h("help_harvest", lang), description=h("desc_harvest", lang))
    p.add_argument("urls", nargs="+", metavar="URL", help=h("opt_harvest_urls", lang))
    p.add_argument("--allow", action="append", default=[], metavar="PREFIX", help=h("opt_allow", lang))
    add_store_args(p, lang)
    add_lang_arg(p, lang)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from spbe_kg.interop.harvest import harvest
    from spbe_kg.service.store import StoreError

    settings = settings_of(args)
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
            if out.status == "failed":
                failed += 1
                print(h("harvest_failed", lang, message=out.message), file=sys.stderr)
            else:
                print(out.message)
    finally:
        store.close()
    return 1 if failed else 0
