"""``spbe decide AKSI ...``: record an architect's decision on a duplicate cluster or a roadmap item.

Actions (Bahasa Indonesia / English name)::

    konfirmasi|confirm KLASTER [--target IRI]        confirm the cluster (and accept/choose its target)
    tolak|reject KLASTER                             reject the cluster (not proposed again while its evidence is the same)
    tolak-pasangan|reject-pair IRI_A IRI_B           reject one pair of application records
    pisah|split KLASTER IRI [IRI ...]                split these members off the cluster
    gabung|merge KLASTER KLASTER [...]               merge clusters into one
    target KLASTER IRI                               change the consolidation target
    disposisi|disposition KLASTER IRI DISPOSISI      tolerate | invest | migrate | eliminate for one member
    rencana|plan BUTIR [--tahun Y] [--pemilik OPD] [--status S]   edit a roadmap item

Every action takes ``--alasan/--reason`` and ``--oleh/--by`` (who decides; default admin). Nothing is
written unless every check passes. Exit codes: 0 recorded; 1 rejected (unknown IRI, cluster no longer
exists, year outside the period, not in scope); 2 usage or store error.
"""

from __future__ import annotations

import argparse
import sys

from spbe_kg.i18n import translator

from .common import CliError, add_lang_arg, add_store_args, open_for, settings_of

_t = translator("roadmap")

ACTIONS = {
    # name: (aliases, kind, help key)
    "konfirmasi": (["confirm"], "konfirmasi-klaster", "cli_act_konfirmasi"),
    "tolak": (["reject"], "tolak-klaster", "cli_act_tolak"),
    "tolak-pasangan": (["reject-pair"], "tolak-pasangan", "cli_act_tolak_pasangan"),
    "pisah": (["split"], "pisah-klaster", "cli_act_pisah"),
    "gabung": (["merge"], "gabung-klaster", "cli_act_gabung"),
    "target": ([], "ubah-target", "cli_act_target"),
    "disposisi": (["disposition"], "ubah-disposisi", "cli_act_disposisi"),
    "rencana": (["plan"], "ubah-rencana", "cli_act_rencana"),
}


def register(subparsers, lang: str) -> None:
    p = subparsers.add_parser("decide", help=_t("cli_help_decide", lang), description=_t("cli_desc_decide", lang))
    sub = p.add_subparsers(dest="action", metavar="AKSI")
    for name, (aliases, kind, help_key) in ACTIONS.items():
        a = sub.add_parser(name, aliases=aliases, help=_t(help_key, lang), description=_t(help_key, lang))
        a.set_defaults(kind=kind, func=run)
        if kind in ("konfirmasi-klaster", "tolak-klaster", "ubah-target", "ubah-disposisi", "pisah-klaster"):
            a.add_argument("cluster", metavar="KLASTER", help=_t("cli_opt_cluster", lang))
        if kind == "konfirmasi-klaster":
            a.add_argument("--target", metavar="IRI", help=_t("cli_opt_target_default", lang))
        elif kind == "ubah-target":
            a.add_argument("target", metavar="IRI", help=_t("cli_opt_target", lang))
        elif kind == "ubah-disposisi":
            a.add_argument("app", metavar="IRI", help=_t("cli_opt_member", lang))
            a.add_argument("disposition", choices=["tolerate", "invest", "migrate", "eliminate"])
        elif kind == "pisah-klaster":
            a.add_argument("apps", nargs="+", metavar="IRI", help=_t("cli_opt_split", lang))
        elif kind == "tolak-pasangan":
            a.add_argument("apps", nargs=2, metavar="IRI", help=_t("cli_opt_pair", lang))
        elif kind == "gabung-klaster":
            a.add_argument("clusters", nargs="+", metavar="KLASTER", help=_t("cli_opt_clusters", lang))
        elif kind == "ubah-rencana":
            a.add_argument("item", metavar="BUTIR", help=_t("cli_opt_item", lang))
            a.add_argument("--tahun", "--year", dest="year", metavar="TAHUN", help=_t("cli_opt_year", lang))
            a.add_argument("--pemilik", "--owner", dest="owner", metavar="IRI", help=_t("cli_opt_owner", lang))
            a.add_argument("--status", choices=["direncanakan", "berjalan", "selesai", "ditunda", "dibatalkan"],
                           help=_t("cli_opt_status", lang))
        a.add_argument("--alasan", "--reason", dest="reason", metavar="TEKS", help=_t("cli_opt_reason", lang))
        a.add_argument("--oleh", "--by", dest="by", metavar="NAMA", default="admin", help=_t("cli_opt_by", lang))
        a.add_argument("--sebagai-instansi", "--as-instansi", dest="as_instansi", metavar="IRI",
                       help=_t("cli_opt_as_instansi", lang))
        add_store_args(a, lang)
        add_lang_arg(a, lang)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run(args: argparse.Namespace) -> int:
    from spbe_kg.roadmap.decide import DecisionRequest, decide
    from spbe_kg.roadmap.messages import DecisionError
    from spbe_kg.roadmap.scope import Principal
    from spbe_kg.service.store import StoreError

    settings = settings_of(args)
    lang = settings.lang
    req = DecisionRequest(
        kind=args.kind, reason=args.reason, reason_lang=lang,
        clusters=list(getattr(args, "clusters", None) or ([args.cluster] if getattr(args, "cluster", None) else [])),
        apps=list(getattr(args, "apps", None) or ([args.app] if getattr(args, "app", None) else [])),
        target=getattr(args, "target", None), disposition=getattr(args, "disposition", None),
        item=getattr(args, "item", None), year=getattr(args, "year", None), owner=getattr(args, "owner", None),
        status=getattr(args, "status", None))
    principal = Principal(args.by or "admin", args.as_instansi)
    store = open_for(settings)
    try:
        d = decide(store, settings, req, principal)
    except DecisionError as e:
        print(f"spbe: {e.text(lang)}", file=sys.stderr)
        return 1
    except StoreError as e:
        raise CliError(str(e), 2) from None
    finally:
        store.close()
    print(d.iri)
    print(_t("cli_recorded", lang, kind=d.kind, n=len(d.subjects)), file=sys.stderr)
    return 0
