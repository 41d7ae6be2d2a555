"""``spbe duplicates [--store DIR | --endpoint URL] [--format table|csv|json|xlsx|html] [-o OUT] [--no-write]``.

Finds applications that do the same job, joins them into clusters, recommends a consolidation target
and a disposition per member, and writes the findings as RDF into the findings graph (unless
``--no-write``). ``--format json`` also carries the code-based report (``laporanKode``: the rows of the
four grouped named queries, ``spbe_kg.queries.code_report``). Exit 0 when it ran, whatever it found; 2 on
usage or store errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import CliError, add_lang_arg, add_store_args, h, open_for, settings_of


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("duplicates", help=h("help_duplicates", lang), description=h("desc_duplicates", lang))
    p.add_argument("aksi", nargs="?", choices=["evaluate"], help=h("opt_dup_action", lang))
    p.add_argument("--format", choices=["table", "csv", "json", "xlsx", "html"], default="table",
                   help=h("opt_dup_format", lang))
    p.add_argument("-o", "--output", type=Path, metavar=h("metavar_out", lang), help=h("opt_dup_output", lang))
    p.add_argument("--no-write", action="store_true", help=h("opt_no_write", lang))
    add_store_args(p, lang)
    add_lang_arg(p, lang)
    from .dup_evaluate import add_args

    add_args(p, lang)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from spbe_kg.queries import code_report, export
    from spbe_kg.queries.findings_rdf import findings_graph, write_findings
    from spbe_kg.roadmap.resolve import analyse_with_decisions as analyse  # decisions applied
    from spbe_kg.service.store import StoreError

    if args.aksi == "evaluate":
        from . import dup_evaluate

        return dup_evaluate.run(args)
    settings = settings_of(args)
    lang = settings.lang
    if args.format == "xlsx" and not args.output:
        raise CliError(h("dup_xlsx_needs_output", lang), 2)
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
                print("spbe: " + h("dup_not_written", lang, err=e), file=sys.stderr)
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
        assert codes is not None  # fetched above for --format json
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
            raise CliError(h("cannot_write", lang, path=args.output, err=e.strerror or e), 2) from None
    else:
        sys.stdout.write(data if isinstance(data, str) else data.decode())
    if written is not None:
        print(h("dup_written", lang, n=len(report.clusters), quads=written, graph=findings_graph(settings)),
              file=sys.stderr)
    return 0
