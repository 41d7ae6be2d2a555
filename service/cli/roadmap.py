"""``spbe roadmap [--instansi NAMA|IRI] [--format table|xlsx|csv|html|ttl] [-o OUT] [--write]``: the Peta Rencana SPBE.

Built from the confirmed duplicate clusters and the architects' edits (``spbe decide rencana``), over
the period ``roadmap_start_year`` … ``+ roadmap_years - 1`` (settings; env ``SPBE_ROADMAP_START_YEAR``).
xlsx: one sheet per domain (RAL/RAB level-2 area), frozen header, filters, no formula from data.
``--write`` also stores the roadmap as RDF in ``<base>graph/peta-rencana`` (validated by ``spbe validate``).
Exit 0 done (also with no confirmed cluster); 1 unknown agency; 2 usage or store error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from spbe_kg.i18n import translator

from .common import CliError, add_lang_arg, add_store_args, open_for, settings_of

_t = translator("roadmap")


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("roadmap", aliases=["peta-rencana"], help=_t("cli_help_roadmap", lang),
                              description=_t("cli_desc_roadmap", lang))
    p.add_argument("--instansi", metavar="NAMA|IRI", help=_t("cli_opt_instansi_one", lang))
    p.add_argument("--format", choices=["table", "xlsx", "csv", "html", "ttl"], default="table",
                   help=_t("cli_opt_roadmap_format", lang))
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help=_t("cli_opt_output", lang))
    p.add_argument("--write", action="store_true", help=_t("cli_opt_write", lang))
    add_store_args(p, lang)
    add_lang_arg(p, lang)
    p.set_defaults(func=run)


def write_output(data, output: Path | None) -> None:
    if output:
        try:
            if isinstance(data, bytes):
                output.write_bytes(data)
            else:
                output.write_text(data, encoding="utf-8")
        except OSError as e:
            raise CliError(f"{output}: {e.strerror}", 2) from None
    else:
        sys.stdout.write(data if isinstance(data, str) else data.decode())


def check_instansi(store, value: str | None, lang: str) -> None:
    """Exit 1 (a CliError) when ``value`` names no agency of the store."""
    from spbe_kg.roadmap.graphs import known_instansi
    from spbe_kg.roadmap.messages import DecisionError

    if value and not known_instansi(store, value):
        raise CliError(DecisionError("unknown-instansi", value=value).text(lang), 1)


def run(args) -> int:
    from spbe_kg.roadmap import html, writers
    from spbe_kg.roadmap.plan import build_roadmap
    from spbe_kg.service.store import StoreError

    settings = settings_of(args)
    lang = settings.lang
    if args.format == "xlsx" and not args.output:
        raise CliError(_t("cli_xlsx_needs_output", lang), 2)
    store = open_for(settings, read_only=not args.write)
    try:
        check_instansi(store, args.instansi, lang)
        rm = build_roadmap(store, settings, instansi=args.instansi)
        if args.write:
            from spbe_kg.roadmap.graphs import write_roadmap

            n = write_roadmap(store, rm, settings)
            print(_t("cli_roadmap_written", lang, n=n), file=sys.stderr)
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    if args.format == "xlsx":
        data: bytes | str = writers.to_xlsx(rm, lang)
    elif args.format == "csv":
        data = writers.to_csv(rm, lang)
    elif args.format == "html":
        data = html.render_roadmap(rm, html.standalone_site(lang), lang)
    elif args.format == "ttl":
        data = writers.to_turtle(rm, settings)
    else:
        rows = [writers.header(lang)[2:4] + writers.header(lang)[5:9]]
        for it in rm.items:
            r = writers.item_row(it, lang, rm.labels)
            rows.append([r[2], r[3][:40], r[5][:40], r[6][:30], str(r[7]), r[8]])
        widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
        data = "".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() + "\n" for r in rows)
        data += _t("table_footer", lang, n=len(rm.items), start=rm.start, end=rm.end) + "\n"
    write_output(data, args.output)
    for line in writers.problems_text(rm, lang):
        print("spbe: " + line, file=sys.stderr)
    return 0
