"""``spbe decisions list|export``: the recorded decisions, and the decisions as evaluation labels.

``list`` prints the decisions (table, json or Turtle of the decisions graph). ``export -o DIR`` writes
``<prefix>_pairs.csv`` (file,row_a,row_b,label[,file_b]; labels same-application, same-job, not),
``<prefix>_codes.csv`` and ``<prefix>_codes_rejected.csv`` (see ``spbe_kg.roadmap.labels``).
Exit 0 done; 2 usage or store error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from spbe_kg.i18n import translator

from .common import CliError, add_lang_arg, add_store_args, open_for, settings_of

_t = translator("roadmap")


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("decisions", help=_t("cli_help_decisions", lang), description=_t("cli_desc_decisions", lang))
    sub = p.add_subparsers(dest="action", metavar="AKSI")
    ls = sub.add_parser("list", aliases=["daftar"], help=_t("cli_act_list", lang), description=_t("cli_act_list", lang))
    ls.add_argument("--format", choices=["table", "json", "ttl"], default="table", help=_t("cli_opt_list_format", lang))
    add_store_args(ls, lang)
    add_lang_arg(ls, lang)
    ls.set_defaults(func=run_list)
    ex = sub.add_parser("export", aliases=["ekspor"], help=_t("cli_act_export", lang), description=_t("cli_desc_decisions", lang))
    ex.add_argument("-o", "--output", type=Path, metavar="DIR", required=True, help=_t("cli_opt_export_dir", lang))
    ex.add_argument("--prefix", default="keputusan", help=_t("cli_opt_prefix", lang))
    add_store_args(ex, lang)
    add_lang_arg(ex, lang)
    ex.set_defaults(func=run_export)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_list(args) -> int:
    import pyoxigraph as ox

    from spbe_kg.roadmap.decisions import decisions_graph, load
    from spbe_kg.service.store import StoreError

    settings = settings_of(args)
    store = open_for(settings, read_only=True)
    try:
        if args.format == "ttl":
            g = decisions_graph(settings)
            data = store.export_graph(g, ox.RdfFormat.TURTLE).decode() if store.has_graph(g) else ""
            sys.stdout.write(data)
            return 0
        ds = load(store, settings)
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps([{"iri": d.iri, "jenis": d.kind, "tentang": list(d.subjects), "oleh": d.agent,
                           "waktu": d.time.isoformat(), "alasan": d.reason, "sidikBukti": d.evidence_hash,
                           "kode": d.code, **{k: list(v) for k, v in d.values.items()}} for d in ds],
                         ensure_ascii=False, indent=2))
    else:
        for d in ds:
            extra = " ".join(f"{k}={','.join(v)}" for k, v in sorted(d.values.items()) if k != "jenisDuplikasi")
            print(f"{d.time:%Y-%m-%d %H:%M}  {d.kind:<18} {d.agent:<10} {len(d.subjects):>3}  {extra}  {d.reason or ''}".rstrip())
    return 0


def run_export(args) -> int:
    from spbe_kg.roadmap import labels
    from spbe_kg.service.store import StoreError

    settings = settings_of(args)
    store = open_for(settings, read_only=True)
    try:
        ex = labels.collect(store, settings)
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    try:
        args.output.mkdir(parents=True, exist_ok=True)
        files = {f"{args.prefix}_pairs.csv": labels.pairs_csv(ex), f"{args.prefix}_codes.csv": labels.codes_csv(ex),
                 f"{args.prefix}_codes_rejected.csv": labels.rejected_codes_csv(ex)}
        for name, text in files.items():
            (args.output / name).write_text(text, encoding="utf-8")
    except OSError as e:
        raise CliError(f"{args.output}: {e.strerror}", 2) from None
    print(_t("cli_exported", settings.lang, pairs=len(ex.pairs), accepted=sum(map(len, ex.codes.values())),
            rejected=len(ex.rejected_codes), out=args.output, skipped=ex.skipped), file=sys.stderr)
    return 0
