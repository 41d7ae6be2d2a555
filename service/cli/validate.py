"""``spbe validate``: check inventories (or a whole store) against the SPBE SHACL shapes.

    spbe validate [FILE ...] [--store DIR | --endpoint URL] [--format text|json|turtle|junit|sarif|github]
                  [--fail-on violation|warning|info] [--lang id|en] [-o OUT] [--shapes EXTRA.ttl ...]
                  [--engine auto|sparql|pyshacl] [--instansi NAME] [--mapping FILE] [--sheet S]

Exit codes (pySHACL's contract): 0 conforms at the chosen level; 1 results at or above ``--fail-on``
(rows the loader could not read are Violation results of the rule ``pemuat#BarisTerbaca``); 2 usage error, unreadable or unknown input, broken shapes file.
FILEs are converted with the loaders (xlsx, csv, json or RDF) and validated together with the reference
data they point to; ``--store``/``--endpoint`` validate everything in a store.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from spbe_kg.settings import Settings

from .common import CliError, add_lang_arg, add_store_args, h, open_for, settings_of

FORMAT_NAMES = ("text", "json", "turtle", "junit", "sarif", "github")


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("validate", help=h("help_validate", lang), description=h("desc_validate", lang),
                              epilog=h("epilog_validate", lang))
    p.add_argument("files", nargs="*", type=Path, metavar=h("metavar_file", lang), help=h("opt_validate_files", lang))
    add_store_args(p, lang, store_help="opt_validate_store", endpoint_help="opt_validate_endpoint")
    p.add_argument("--format", default="text", metavar="FMT",
                   help=h("opt_validate_format", lang, formats=" | ".join(FORMAT_NAMES)))
    p.add_argument("--fail-on", default="violation", choices=["violation", "warning", "info"], help=h("opt_fail_on", lang))
    add_lang_arg(p, lang)
    p.add_argument("-o", "--output", type=Path, metavar=h("metavar_out", lang), help=h("opt_validate_output", lang))
    p.add_argument("--shapes", type=Path, action="append", default=[], metavar="TTL", help=h("opt_shapes", lang))
    p.add_argument("--engine", default="auto", choices=["auto", "sparql", "pyshacl"], help=h("opt_engine", lang))
    p.add_argument("--instansi", metavar=h("metavar_name", lang), help=h("opt_instansi", lang))
    p.add_argument("--mapping", type=Path, metavar=h("metavar_file", lang), help=h("opt_mapping", lang))
    p.add_argument("--sheet", metavar=h("metavar_sheet", lang), help=h("opt_sheet", lang))
    p.add_argument("--delimiter", metavar=h("metavar_char", lang), help=h("opt_delimiter", lang))
    p.add_argument("--encoding", metavar="ENCODING", help=h("opt_encoding", lang))
    p.set_defaults(func=run)


def _open_store(args: argparse.Namespace, settings: Settings):
    from spbe_kg.shapes.messages import t

    if settings.store == "embedded" and not Path(settings.data_dir).is_dir():
        raise CliError(t("store_missing", settings.lang, path=settings.data_dir), 2)
    # an embedded store is only read; a remote one may need a scratch graph (in-memory copy otherwise)
    return open_for(settings, read_only=settings.store == "embedded")


def run(args: argparse.Namespace) -> int:
    from spbe_kg.shapes.messages import t
    from spbe_kg.shapes.report import FORMATS, render
    from spbe_kg.shapes.shapes_graph import ShapesError
    from spbe_kg.shapes.validate import ValidationError, add_loader_errors, validate_quads, validate_store

    settings = settings_of(args)
    lang = settings.lang
    if args.format not in FORMATS:
        raise CliError(t("unknown_format", lang, fmt=args.format, choices=", ".join(FORMATS)), 2)
    remote = args.store is not None or args.endpoint is not None  # a whole store, embedded or remote
    if not args.files and not remote:
        raise CliError(t("no_input", lang), 2)
    if args.files and remote:
        raise CliError(t("both_inputs", lang), 2)
    rows_in_error = 0
    sources: dict[str, str] = {}
    try:
        from spbe_kg.shapes.shapes_graph import load_shapes

        load_shapes(args.shapes)  # a broken --shapes file fails before any work (exit 2)
        if args.files:
            from spbe_kg.loaders.api import LoaderError, convert_files

            try:
                conv = convert_files(args.files, settings=settings, mapping=args.mapping, instansi=args.instansi,
                                     sheet=args.sheet, partial=True, delimiter=args.delimiter, encoding=args.encoding)
            except LoaderError as e:
                raise CliError(str(e), 2) from None
            rows_in_error = sum(1 for r in conv.rows if r.status == "error")
            sources = {f.file: str(p) for f, p in zip(conv.files, args.files)}
            report = validate_quads(conv.quads, settings=settings, fail_on=args.fail_on, extra_shapes=args.shapes,
                                    engine=args.engine, inputs=[str(p) for p in args.files])
            add_loader_errors(report, conv.rows, settings)
        else:
            store = _open_store(args, settings)
            try:
                report = validate_store(store, settings=settings, fail_on=args.fail_on, extra_shapes=args.shapes,
                                        engine=args.engine)
            finally:
                store.close()
    except ShapesError as e:
        raise CliError(str(e), 2) from None
    except ValidationError as e:
        raise CliError(str(e), 2) from None
    text = render(report, args.format, lang, sources)
    if args.output:
        try:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(text, encoding="utf-8")
        except OSError as e:
            raise CliError(t("cannot_write", lang, path=args.output, err=e.strerror or e), 2) from None
    else:
        sys.stdout.write(text)
    c = report.counts()
    if args.output or args.format != "text":
        print(("spbe validate: " + t("counts", lang, v=c["Violation"], w=c["Warning"], i=c["Info"])
               + ". " + (t("conforms", lang) if report.conforms
                         else t("fails", lang, n=len(report.failing()), level=report.fail_on))
               + (" " + t("written", lang, path=args.output) if args.output else "")), file=sys.stderr)
    if rows_in_error:
        print("spbe validate: " + t("rows_in_error", lang, n=rows_in_error), file=sys.stderr)
    return 0 if report.conforms else 1
