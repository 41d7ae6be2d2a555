"""``spbe saran jalankan|daftar|terima|tolak``: reference-code suggestions and the architect's decisions.

* ``spbe saran jalankan [--no-write] [--format table|csv|json]`` — suggest RAB level-3, RAL level-3 and
  RAA level-2 codes for every application without declared codes and store them in the graph
  ``<base>graph/saran-kode`` (replaced each run; decisions are never touched);
* ``spbe saran daftar [APP_IRI]`` — the stored suggestions;
* ``spbe saran terima APP_IRI KODE [--alasan TEKS] [--oleh NAMA]`` — accept: the code becomes a declared
  code of the application (graph ``<base>graph/kode-diterima``, derived from ``<base>graph/keputusan``);
* ``spbe saran tolak APP_IRI KODE [--alasan TEKS]`` — reject: never suggested again for that application.

``KODE`` is a notation (``RAB.09.06.03``) or the concept IRI. Exit 0 done, 2 usage/store error.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys

from .common import CliError, add_lang_arg, add_store_args, h, open_for, settings_of

REF = "https://w3id.org/spbe/ref/"


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("saran", help=h("help_saran", lang), description=h("desc_saran", lang))
    sub = p.add_subparsers(dest="aksi", metavar=h("metavar_action", lang), required=True)
    r = sub.add_parser("jalankan", help=h("help_saran_run", lang), description=h("help_saran_run", lang))
    r.add_argument("--no-write", action="store_true", help=h("opt_saran_no_write", lang))
    r.add_argument("--format", choices=["table", "csv", "json"], default="table", help=h("opt_saran_format", lang))
    add_store_args(r, lang)
    add_lang_arg(r, lang)
    r.set_defaults(func=run_suggest)
    d = sub.add_parser("daftar", help=h("help_saran_list", lang), description=h("help_saran_list", lang))
    d.add_argument("app", nargs="?", metavar="APP_IRI", help=h("opt_saran_app", lang))
    d.add_argument("--format", choices=["table", "csv", "json"], default="table", help=h("opt_saran_format", lang))
    add_store_args(d, lang)
    add_lang_arg(d, lang)
    d.set_defaults(func=run_list)
    for name, kind in (("terima", "terima-kode"), ("tolak", "tolak-kode")):
        x = sub.add_parser(name, help=h(f"help_saran_{name}", lang), description=h(f"help_saran_{name}", lang))
        x.add_argument("app", metavar="APP_IRI", help=h("opt_saran_app", lang))
        x.add_argument("kode", metavar=h("metavar_code", lang), help=h("opt_saran_code", lang))
        x.add_argument("--alasan", default="", help=h("opt_saran_reason", lang))
        x.add_argument("--oleh", default="admin", help=h("opt_saran_by", lang))
        add_store_args(x, lang)
        add_lang_arg(x, lang)
        x.set_defaults(func=run_decide, kind=kind)


def _rows(sugs, lang: str):
    head = h("saran_columns", lang).split(",")
    return head, [[s.app, s.scheme, s.rank, s.notation, f"{s.score:.2f}", "; ".join(s.evidence)] for s in sugs]


def _emit(sugs, fmt: str, lang: str) -> None:
    head, rows = _rows(sugs, lang)
    if fmt == "json":
        json.dump([dict(zip(head, r)) for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(head)
        w.writerows(rows)
        sys.stdout.write(buf.getvalue())
    else:
        for r in rows:
            print(f"{str(r[0]).rsplit('/', 1)[-1][:40]:<40} {r[1]} {r[2]} {r[3]:<14} {r[4]}  {str(r[5])[:80]}")


def run_suggest(args: argparse.Namespace) -> int:
    from spbe_kg.queries import saran
    from spbe_kg.queries.saran_store import saran_graph
    from spbe_kg.service.store import StoreError

    settings = settings_of(args)
    store = open_for(settings, read_only=args.no_write)
    try:
        res = saran.run(store, settings, write=not args.no_write)
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    _emit(res.suggestions, args.format, settings.lang)
    if res.written is not None:
        print(h("saran_done", settings.lang, n=len(res.suggestions), a=len(res.by_app()), q=res.written,
                g=saran_graph(settings)), file=sys.stderr)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from spbe_kg.queries.saran_store import read_suggestions
    from spbe_kg.service.store import StoreError

    settings = settings_of(args)
    store = open_for(settings, read_only=True)
    try:
        sugs = read_suggestions(store, settings, args.app, timeout_s=settings.query_timeout_s)
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    if not sugs:
        print(h("saran_none", settings.lang), file=sys.stderr)
    _emit(sugs, args.format, settings.lang)
    return 0


def code_iri(code: str) -> str:
    return code if code.startswith(("http://", "https://")) else REF + code.strip()


def run_decide(args: argparse.Namespace) -> int:
    from spbe_kg.queries import decide
    from spbe_kg.service.store import StoreError

    settings = settings_of(args)
    lang = settings.lang
    store = open_for(settings)
    try:
        iri = decide.decide(store, settings, kind=args.kind, app=args.app, code=code_iri(args.kode),
                            reason=args.alasan, agent=args.oleh)
    except decide.UnknownApp:
        raise CliError(h("saran_no_app", lang, app=args.app), 2) from None
    except decide.UnknownCode:
        raise CliError(h("saran_no_code", lang, code=args.kode), 2) from None
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    print(h("saran_decided", lang, kind=args.kind, iri=iri))
    return 0
