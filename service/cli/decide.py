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

import sys

from . import CliError
from .query import add_store_args, open_for, settings_for

ACTIONS = {
    # name: (aliases, kind, help id / en)
    "konfirmasi": (["confirm"], "konfirmasi-klaster", "konfirmasi klaster / confirm a cluster"),
    "tolak": (["reject"], "tolak-klaster", "tolak klaster / reject a cluster"),
    "tolak-pasangan": (["reject-pair"], "tolak-pasangan", "tolak sepasang catatan / reject one pair"),
    "pisah": (["split"], "pisah-klaster", "pisahkan anggota dari klaster / split members off a cluster"),
    "gabung": (["merge"], "gabung-klaster", "gabungkan klaster / merge clusters"),
    "target": ([], "ubah-target", "ubah target konsolidasi / change the consolidation target"),
    "disposisi": (["disposition"], "ubah-disposisi", "ubah disposisi satu anggota / change one member's disposition"),
    "rencana": (["plan"], "ubah-rencana", "ubah tahun/pemilik/status butir rencana / edit a roadmap item"),
}


def register(subparsers) -> None:
    p = subparsers.add_parser("decide", help="catat keputusan arsitek / record an architect's decision",
                              description=__doc__, formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="action", metavar="AKSI")
    for name, (aliases, kind, help_) in ACTIONS.items():
        a = sub.add_parser(name, aliases=aliases, help=help_)
        a.set_defaults(kind=kind, func=run)
        if kind in ("konfirmasi-klaster", "tolak-klaster", "ubah-target", "ubah-disposisi", "pisah-klaster"):
            a.add_argument("cluster", metavar="KLASTER", help="id klaster dari laporan duplikasi / cluster id (a-…, f-…)")
        if kind == "konfirmasi-klaster":
            a.add_argument("--target", metavar="IRI", help="target konsolidasi (default: rekomendasi) / target (default: the recommended one)")
        elif kind == "ubah-target":
            a.add_argument("target", metavar="IRI", help="aplikasi target / target application")
        elif kind == "ubah-disposisi":
            a.add_argument("app", metavar="IRI", help="anggota klaster / cluster member")
            a.add_argument("disposition", choices=["tolerate", "invest", "migrate", "eliminate"])
        elif kind == "pisah-klaster":
            a.add_argument("apps", nargs="+", metavar="IRI", help="anggota yang dipisahkan / members to split off")
        elif kind == "tolak-pasangan":
            a.add_argument("apps", nargs=2, metavar="IRI", help="dua catatan aplikasi / two application records")
        elif kind == "gabung-klaster":
            a.add_argument("clusters", nargs="+", metavar="KLASTER", help="id klaster (dua atau lebih) / cluster ids (two or more)")
        elif kind == "ubah-rencana":
            a.add_argument("item", metavar="BUTIR", help="id butir rencana (r-…) / roadmap item id")
            a.add_argument("--tahun", "--year", dest="year", metavar="TAHUN", help="tahun target / target year")
            a.add_argument("--pemilik", "--owner", dest="owner", metavar="IRI", help="IRI OPD penanggung jawab / responsible OPD IRI")
            a.add_argument("--status", choices=["direncanakan", "berjalan", "selesai", "ditunda", "dibatalkan"])
        a.add_argument("--alasan", "--reason", dest="reason", metavar="TEKS", help="alasan keputusan / reason")
        a.add_argument("--oleh", "--by", dest="by", metavar="NAMA", default="admin", help="yang memutuskan / who decides (admin)")
        a.add_argument("--sebagai-instansi", "--as-instansi", dest="as_instansi", metavar="IRI",
                       help="putuskan sebagai instansi ini (cakupan pemda) / decide as this agency (pemda scope)")
        add_store_args(a)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run(args) -> int:
    from spbe_kg.roadmap.decide import DecisionRequest, decide
    from spbe_kg.roadmap.messages import DecisionError, t
    from spbe_kg.roadmap.scope import Principal
    from spbe_kg.service.store import StoreError

    settings = settings_for(args)
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
    print(t("cli_recorded", lang, kind=d.kind, n=len(d.subjects)), file=sys.stderr)
    return 0
