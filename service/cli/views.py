"""``spbe views [--instansi NAMA|IRI] [--format xlsx|html] -o OUT``: architecture views from the graph.

Application × service (RAL) matrix, application × OPD matrix, applications per RAA category, national
applications in use. Exit 0 done; 1 unknown agency; 2 usage or store error.
"""

from __future__ import annotations

from pathlib import Path

from . import CliError
from .query import add_store_args, open_for, settings_for
from .roadmap import check_instansi, write_output


def register(subparsers) -> None:
    p = subparsers.add_parser("views", aliases=["tampilan"], help="tampilan arsitektur / architecture views", description=__doc__)
    p.add_argument("--instansi", metavar="NAMA|IRI", help="satu instansi / one agency (name or IRI)")
    p.add_argument("--format", choices=["xlsx", "html"], default="html")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="berkas keluaran / output file")
    add_store_args(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from spbe_kg.roadmap import html, writers
    from spbe_kg.roadmap.messages import t
    from spbe_kg.roadmap.views import build_views
    from spbe_kg.service.store import StoreError

    settings = settings_for(args)
    lang = settings.lang
    if args.format == "xlsx" and not args.output:
        raise CliError(t("cli_xlsx_needs_output", lang), 2)
    store = open_for(settings, read_only=True)
    try:
        check_instansi(store, args.instansi, lang)
        tables = build_views(store, settings, instansi=args.instansi)
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    data = (writers.views_xlsx(tables, lang) if args.format == "xlsx"
            else html.render_views(tables, html.standalone_site(lang), lang, instansi=args.instansi))
    write_output(data, args.output)
    return 0
