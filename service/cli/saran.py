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

import csv
import io
import json
import sys

from . import CliError
from .query import add_store_args, open_for, settings_for

REF = "https://w3id.org/spbe/ref/"
TEXT = {
    "id": {"done": "{n} saran untuk {a} aplikasi; {q} quad ditulis ke graf {g}",
           "noapp": "aplikasi {app} tidak ada di store", "nocode": "kode {code} tidak dikenal daftar referensi",
           "ok": "keputusan {kind} dicatat: {iri}", "none": "belum ada saran tersimpan (jalankan `spbe saran jalankan`)"},
    "en": {"done": "{n} suggestions for {a} applications; {q} quads written to graph {g}",
           "noapp": "application {app} is not in the store", "nocode": "code {code} is not in the reference lists",
           "ok": "decision {kind} recorded: {iri}", "none": "no stored suggestions (run `spbe saran jalankan`)"},
}


def register(subparsers) -> None:
    p = subparsers.add_parser("saran", help="saran kode referensi / reference-code suggestions", description=__doc__)
    sub = p.add_subparsers(dest="aksi", metavar="AKSI", required=True)
    r = sub.add_parser("jalankan", help="buat dan simpan saran / suggest and store")
    r.add_argument("--no-write", action="store_true", help="jangan tulis graf saran / do not write the graph")
    r.add_argument("--format", choices=["table", "csv", "json"], default="table")
    add_store_args(r)
    r.set_defaults(func=run_suggest)
    d = sub.add_parser("daftar", help="saran tersimpan / stored suggestions")
    d.add_argument("app", nargs="?", help="IRI aplikasi / application IRI")
    d.add_argument("--format", choices=["table", "csv", "json"], default="table")
    add_store_args(d)
    d.set_defaults(func=run_list)
    for name, kind in (("terima", "terima-kode"), ("tolak", "tolak-kode")):
        x = sub.add_parser(name, help=("terima" if name == "terima" else "tolak") + " saran / "
                           + ("accept" if name == "terima" else "reject") + " a suggestion")
        x.add_argument("app", help="IRI aplikasi / application IRI")
        x.add_argument("kode", help="kode, mis. RAB.09.06.03 / code")
        x.add_argument("--alasan", default="", help="alasan / reason")
        x.add_argument("--oleh", default="admin", help="nama pengambil keputusan / who decides")
        add_store_args(x)
        x.set_defaults(func=run_decide, kind=kind)


def _rows(sugs, lang):
    head = ["aplikasi", "skema", "peringkat", "kode", "skor", "bukti"] if lang != "en" else \
        ["application", "scheme", "rank", "code", "score", "evidence"]
    return head, [[s.app, s.scheme, s.rank, s.notation, f"{s.score:.2f}", "; ".join(s.evidence)] for s in sugs]


def _emit(sugs, fmt, lang) -> None:
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
            print(f"{r[0].rsplit('/', 1)[-1][:40]:<40} {r[1]} {r[2]} {r[3]:<14} {r[4]}  {r[5][:80]}")


def run_suggest(args) -> int:
    from spbe_kg.queries import saran
    from spbe_kg.queries.saran_store import saran_graph
    from spbe_kg.service.store import StoreError

    settings = settings_for(args)
    store = open_for(settings, read_only=args.no_write)
    try:
        res = saran.run(store, settings, write=not args.no_write)
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    _emit(res.suggestions, args.format, settings.lang)
    if res.written is not None:
        print(TEXT[settings.lang]["done"].format(n=len(res.suggestions), a=len(res.by_app()), q=res.written,
                                                 g=saran_graph(settings)), file=sys.stderr)
    return 0


def run_list(args) -> int:
    from spbe_kg.queries.saran_store import read_suggestions
    from spbe_kg.service.store import StoreError

    settings = settings_for(args)
    store = open_for(settings, read_only=True)
    try:
        sugs = read_suggestions(store, settings, args.app, timeout_s=settings.query_timeout_s)
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    if not sugs:
        print(TEXT[settings.lang]["none"], file=sys.stderr)
    _emit(sugs, args.format, settings.lang)
    return 0


def code_iri(code: str) -> str:
    return code if code.startswith(("http://", "https://")) else REF + code.strip()


def run_decide(args) -> int:
    from spbe_kg.queries import decide
    from spbe_kg.service.store import StoreError

    settings = settings_for(args)
    t = TEXT[settings.lang]
    store = open_for(settings)
    try:
        iri = decide.decide(store, settings, kind=args.kind, app=args.app, code=code_iri(args.kode),
                            reason=args.alasan, agent=args.oleh)
    except decide.UnknownApp:
        raise CliError(t["noapp"].format(app=args.app), 2) from None
    except decide.UnknownCode:
        raise CliError(t["nocode"].format(code=args.kode), 2) from None
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    print(t["ok"].format(kind=args.kind, iri=iri))
    return 0
