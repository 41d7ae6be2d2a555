"""``spbe export --profile cpsv-ap|dcat-ap [--store DIR | --endpoint URL] [-o OUT] [--check]``.

Exports the store for the national catalogues as Turtle (``spbe_kg.interop.export``); ``--check`` validates the
export with pySHACL against the profile's published shapes. Exit 0 written (and conforming); 1 ``--check``
found violations; 2 usage/store errors or nothing to export.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from .common import CliError, add_lang_arg, add_store_args, h, open_for, settings_of


def register(subparsers, lang: str) -> None:
    from spbe_kg.interop.export import PROFILES

    p = subparsers.add_parser("export", help=h("help_export", lang), description=h("desc_export", lang))
    p.add_argument("--profile", required=True, choices=PROFILES, help=h("opt_profile", lang))
    p.add_argument("-o", "--output", type=Path, metavar=h("metavar_out", lang), help=h("opt_export_output", lang))
    p.add_argument("--check", action="store_true", help=h("opt_check", lang))
    p.add_argument("--publisher-name", metavar=h("metavar_name", lang), help=h("opt_publisher_name", lang))
    p.add_argument("--publisher-iri", metavar="IRI", help=h("opt_publisher_iri", lang))
    add_store_args(p, lang)
    add_lang_arg(p, lang)
    p.set_defaults(func=run)


def _write(out: Path, data: bytes) -> None:
    """Whole or nothing: a temporary file renamed into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    from spbe_kg.interop import export as ex
    from spbe_kg.interop.messages import text
    from spbe_kg.service.store import StoreError

    settings = settings_of(args)
    lang = settings.lang
    store = open_for(settings, read_only=settings.store == "embedded")
    try:
        if args.profile == "cpsv-ap":
            result = ex.export_cpsv(store)
            n, what = result.counts["services"], h("what_services", lang)
        else:
            result = ex.export_dcat(store, settings, publisher_name=args.publisher_name,
                                    publisher_iri=args.publisher_iri)
            n, what = result.counts["applications"], h("what_applications", lang)
    except ValueError as e:
        raise CliError(text("ex_no_publisher", lang, n=e.args[0]), 2) from None
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    if n == 0:
        raise CliError(text("ex_empty", lang, what=what), 2)
    data = result.turtle()
    if args.output:
        try:
            _write(args.output, data)
        except OSError as e:
            raise CliError(f"{args.output}: {e.strerror}", 2) from None
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    print(text("ex_written", lang, n=n, what=what, profile=args.profile.upper(), triples=len(result.triples),
               out=args.output or "stdout"), file=sys.stderr)
    if not args.check:
        return 0
    c = ex.check(result)
    if c.conforms:
        print(h("export_conforms", lang, profile=args.profile.upper()), file=sys.stderr)
        return 0
    for rule, count in sorted(c.by_rule().items()):
        print(f"  {count:5d}  {rule}", file=sys.stderr)
    print(h("export_violations", lang, profile=args.profile.upper(), n=len(c.violations)), file=sys.stderr)
    return 1
