"""``spbe views [--instansi NAMA|IRI] [--format xlsx|html] -o OUT``: architecture views from the graph.

Application × service (RAL) matrix, application × OPD matrix, applications per RAA category, national
applications in use. Exit 0 done; 1 unknown agency; 2 usage or store error.
"""

from __future__ import annotations

from pathlib import Path

from spbe_kg.i18n import translator

from .common import CliError, add_lang_arg, add_store_args, open_for, settings_of
from .roadmap import check_instansi, write_output

_t = translator("roadmap")


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("views", aliases=["tampilan"], help=_t("cli_help_views", lang), description=_t("cli_desc_views", lang))
    p.add_argument("--instansi", metavar="NAMA|IRI", help=_t("cli_opt_instansi_one", lang))
    p.add_argument("--format", choices=["xlsx", "html"], default="html", help=_t("cli_opt_roadmap_format", lang))
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help=_t("cli_opt_output", lang))
    add_store_args(p, lang)
    add_lang_arg(p, lang)
    p.set_defaults(func=run)


def run(args) -> int:
    from spbe_kg.roadmap import html, writers
    from spbe_kg.roadmap.views import build_views
    from spbe_kg.service.store import StoreError

    settings = settings_of(args)
    lang = settings.lang
    if args.format == "xlsx" and not args.output:
        raise CliError(_t("cli_xlsx_needs_output", lang), 2)
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
