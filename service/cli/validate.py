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

import sys
from pathlib import Path

from . import CliError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "validate", help="validasi inventaris terhadap arsitektur referensi (SHACL) / validate against the shapes",
        description="Validasi inventaris (atau seluruh store) terhadap shapes SHACL Arsitektur SPBE; laporan menyebut "
                    "sel yang harus diperbaiki. / Validate inventories (or a whole store) against the SPBE SHACL shapes.",
        epilog="Kode keluar / exit codes: 0 sesuai / conforms; 1 tidak sesuai pada --fail-on / fails at --fail-on; "
               "2 kesalahan pemakaian atau masukan / usage or input error.")
    p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="berkas inventaris (.xlsx .csv .json) atau RDF (.ttl .nt .nq .trig .jsonld)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, metavar="DIR", help="validasi seluruh store tertanam di DIR")
    where.add_argument("--endpoint", metavar="URL", help="validasi seluruh store SPARQL jarak jauh (URL query)")
    p.add_argument("--format", default="text", metavar="FMT",
                   help="text | json | turtle | junit | sarif | github (default: text)")
    p.add_argument("--fail-on", default="violation", choices=["violation", "warning", "info"],
                   help="tingkat yang menggagalkan (exit 1); default: violation")
    p.add_argument("--lang", choices=["id", "en"], help="bahasa pesan / message language")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="tulis laporan ke OUT (default: stdout)")
    p.add_argument("--shapes", type=Path, action="append", default=[], metavar="TTL",
                   help="berkas shapes tambahan (menambah aturan bawaan); boleh berulang")
    p.add_argument("--engine", default="auto", choices=["auto", "sparql", "pyshacl"],
                   help="mesin validasi (default auto: SPARQL terkompilasi bila bisa, selain itu pySHACL)")
    p.add_argument("--instansi", help='instansi/pemda pemilik berkas, mis. "Pemerintah Kabupaten Madiun"')
    p.add_argument("--mapping", type=Path, help="berkas pemetaan kolom untuk tata letak lain")
    p.add_argument("--sheet", help="hanya lembar (sheet) ini dari .xlsx")
    p.add_argument("--delimiter", help="pemisah kolom csv")
    p.add_argument("--encoding", help="encoding csv")
    p.set_defaults(func=run)


def _settings(args):
    from pydantic import ValidationError

    from spbe_kg.settings import Settings

    kw = {"lang": args.lang} if args.lang else {}
    try:
        return Settings(**kw)
    except ValidationError as e:
        raise CliError(f"pengaturan tidak sah / invalid settings: {e}", 2) from None


def _open_store(args, settings):
    from spbe_kg.service.store import StoreError, open_store
    from spbe_kg.shapes.messages import t

    if args.store is not None:
        if not args.store.is_dir():
            raise CliError(t("store_missing", settings.lang, path=args.store), 2)
        s = settings.model_copy(update={"store": "embedded", "data_dir": args.store})
        read_only = True
    else:
        q = args.endpoint
        upd = q[: -len("/query")] + "/update" if q.rstrip("/").endswith("/query") else q
        s = settings.model_copy(update={"store": "remote", "endpoint_query_url": q, "endpoint_update_url": upd})
        read_only = False
    try:
        return open_store(s, read_only=read_only) if read_only else open_store(s)
    except (StoreError, ImportError, OSError) as e:
        raise CliError(str(e), 2) from None


def run(args) -> int:
    from spbe_kg.shapes.messages import t
    from spbe_kg.shapes.report import FORMATS, render
    from spbe_kg.shapes.shapes_graph import ShapesError
    from spbe_kg.shapes.validate import ValidationError, add_loader_errors, validate_quads, validate_store

    settings = _settings(args)
    lang = settings.lang
    if args.format not in FORMATS:
        raise CliError(t("unknown_format", lang, fmt=args.format, choices=", ".join(FORMATS)), 2)
    remote = args.store is not None or args.endpoint is not None
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
        from spbe_kg.text_safety import strip_controls

        sys.stdout.write(strip_controls(text) if args.format == "text" else text)  # cell values may carry escapes
    c = report.counts()
    if args.output or args.format != "text":
        print(("spbe validate: " + t("counts", lang, v=c["Violation"], w=c["Warning"], i=c["Info"])
               + ". " + (t("conforms", lang) if report.conforms
                         else t("fails", lang, n=len(report.failing()), level=report.fail_on))
               + (" " + t("written", lang, path=args.output) if args.output else "")), file=sys.stderr)
    if rows_in_error:
        print("spbe validate: " + t("rows_in_error", lang, n=rows_in_error), file=sys.stderr)
    return 0 if report.conforms else 1
