"""``spbe duplicates [--store DIR | --endpoint URL] [--format table|csv|json|xlsx|html] [-o OUT] [--no-write]``.

Finds applications that do the same job (evidence: names, acronyms, aliases, URL hosts, descriptions,
national applications, RAL/RAB codes), joins them into clusters, recommends a consolidation target
and a disposition per member, and writes the findings as RDF into the findings graph (unless
``--no-write``). ``--format json`` also carries the code-based report (``laporanKode``: the rows of the
four grouped named queries, ``spbe_kg.queries.code_report``). Exit 0 when it ran, whatever it found; 2 on
usage or store errors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import CliError
from .query import add_store_args, open_for, settings_for


def register(subparsers) -> None:
    p = subparsers.add_parser("duplicates", help="temukan aplikasi ganda / find duplicate applications",
                              description=__doc__)
    p.add_argument("aksi", nargs="?", choices=["evaluate"],
                   help="evaluate: ukur presisi/recall dan akurasi kode pada data berlabel / measure on labelled data")
    p.add_argument("--format", choices=["table", "csv", "json", "xlsx", "html"], default="table")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="berkas keluaran (default: stdout)")
    p.add_argument("--no-write", action="store_true",
                   help="jangan tulis temuan ke graf temuan-duplikasi / do not write the findings graph")
    add_store_args(p)
    from .dup_evaluate import add_args

    add_args(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from spbe_kg.queries import code_report, export
    from spbe_kg.queries.duplicates import analyse
    from spbe_kg.queries.findings_rdf import findings_graph, write_findings
    from spbe_kg.service.store import StoreError

    if args.aksi == "evaluate":
        from . import dup_evaluate

        return dup_evaluate.run(args)
    settings = settings_for(args)
    lang = settings.lang
    if args.format == "xlsx" and not args.output:
        raise CliError("format xlsx perlu -o BERKAS.xlsx" if lang != "en" else "format xlsx needs -o FILE.xlsx", 2)
    store = open_for(settings, read_only=args.no_write)
    try:
        report = analyse(store, settings)
        codes = None
        if args.format == "json":  # the code-based report (named queries, ~0.6 s at 27,000 applications)
            codes = code_report.fetch_code_report(store, timeout_s=settings.query_timeout_s)
        heat = None
        if args.format == "html":
            from spbe_kg.queries.heatmap import fetch_heatmap

            heat = fetch_heatmap(store, timeout_s=settings.query_timeout_s)
        written = None
        if not args.no_write:
            try:
                written = write_findings(store, report, settings)
            except StoreError as e:
                print(("spbe: temuan tidak tersimpan ke store: " if lang != "en"
                       else "spbe: findings not written to the store: ") + str(e), file=sys.stderr)
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    if args.format == "xlsx":
        data: bytes | str = export.to_xlsx(report, lang)
    elif args.format == "html":
        from spbe_kg.queries.report_html import render_html

        data = render_html(report, heat, lang)
    elif args.format == "json":
        data = json.dumps({**export.to_json_obj(report, lang), code_report.json_key(lang): code_report.to_json_obj(codes)},
                          ensure_ascii=False, indent=2) + "\n"
    elif args.format == "csv":
        data = export.to_csv(report, lang)
    else:
        data = export.to_table(report, lang)
    if args.output:
        try:
            if isinstance(data, bytes):
                args.output.write_bytes(data)
            else:
                args.output.write_text(data, encoding="utf-8")
        except OSError as e:
            raise CliError(f"{args.output}: {e.strerror}", 2) from None
    else:
        sys.stdout.write(data if isinstance(data, str) else data.decode())
    if written is not None:
        print((f"{len(report.clusters)} klaster; {written} quad temuan ditulis ke graf {findings_graph(settings)}"
               if lang != "en" else
               f"{len(report.clusters)} clusters; {written} finding quads written to graph {findings_graph(settings)}"),
              file=sys.stderr)
    return 0
