"""``spbe export --profile cpsv-ap|dcat-ap [--store DIR | --endpoint URL] [-o OUT] [--check]``.

Exports the store for the national catalogues as Turtle: ``cpsv-ap`` (CPSV-AP 3.2.0: services as public
services, their channels = the applications) or ``dcat-ap`` (DCAT-AP 3.0.1: applications as data services /
ADMS assets in one catalogue); see ``spbe_kg.interop.export``. ``--check`` validates the export with
pySHACL against the profile's published shapes and lists violations by rule. Exit 0 written (and
conforming); 1 ``--check`` found violations; 2 usage/store errors or nothing to export.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from . import CliError
from .query import add_store_args, open_for, settings_for


def register(subparsers) -> None:
    from spbe_kg.interop.export import PROFILES

    p = subparsers.add_parser("export", help="ekspor katalog (CPSV-AP, DCAT-AP) / catalogue export",
                              description=__doc__)
    p.add_argument("--profile", required=True, choices=PROFILES, help="profil aplikasi / application profile")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="berkas Turtle keluaran (default: stdout)")
    p.add_argument("--check", action="store_true",
                   help="validasi dengan bentuk SHACL resmi profil / validate with the profile's published SHACL shapes")
    p.add_argument("--publisher-name", help="penerbit katalog (dcat-ap) / catalogue publisher (dcat-ap)")
    p.add_argument("--publisher-iri", help="IRI penerbit / publisher IRI")
    add_store_args(p)
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


def run(args) -> int:
    from spbe_kg.interop import export as ex
    from spbe_kg.interop.messages import text
    from spbe_kg.service.store import StoreError

    settings = settings_for(args)
    lang = settings.lang
    store = open_for(settings, read_only=settings.store == "embedded")
    try:
        try:
            if args.profile == "cpsv-ap":
                result = ex.export_cpsv(store)
                n, what = result.counts["services"], ("layanan" if lang == "id" else "services")
            else:
                result = ex.export_dcat(store, settings, publisher_name=args.publisher_name,
                                        publisher_iri=args.publisher_iri)
                n, what = result.counts["applications"], ("aplikasi" if lang == "id" else "applications")
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
        _write(args.output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    print(text("ex_written", lang, n=n, what=what, profile=args.profile.upper(), triples=len(result.triples),
               out=args.output or "stdout"), file=sys.stderr)
    if args.check:
        c = ex.check(result)
        if c.conforms:
            print(("SHACL {p}: sesuai, 0 pelanggaran" if lang == "id" else "SHACL {p}: conforms, 0 violations")
                  .format(p=args.profile.upper()), file=sys.stderr)
            return 0
        for rule, count in sorted(c.by_rule().items()):
            print(f"  {count:5d}  {rule}", file=sys.stderr)
        print((f"SHACL {args.profile.upper()}: {len(c.violations)} pelanggaran" if lang == "id"
               else f"SHACL {args.profile.upper()}: {len(c.violations)} violations"), file=sys.stderr)
        return 1
    return 0
