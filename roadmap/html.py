"""The roadmap and views pages: Jinja2 templates extending the site's ``base.html`` (navigation, style).

Served by the app (``GET /roadmap``, ``GET /roadmap/views``) with the site's context; written to a
file by the CLI with the site stylesheet inlined (a self-contained page, no request to any host).

>>> from spbe_kg.roadmap.plan import Roadmap
>>> page = render_roadmap(Roadmap([], 2025, 2029, None, [], {}), standalone_site("en"), "en")
>>> "Peta Rencana SPBE" in page and "<script src" not in page
True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2
import yaml

from spbe_kg import __version__

from .messages import ACTIONS, DECISION_STATUS, STATUSES, label
from .plan import Roadmap, dependency_problems

HERE = Path(__file__).resolve().parent
SITE_TEMPLATES = HERE.parent / "service" / "templates"
SITE_CSS = HERE.parent / "service" / "static" / "css" / "spbe.css"

TEXT = {
    "id": {
        "title": "Peta Rencana SPBE", "views_title": "Tampilan arsitektur",
        "lead": "Rencana tindak lanjut dari klaster duplikasi yang sudah dikonfirmasi arsitek: siapa melakukan apa, kapan, dan bergantung pada apa.",
        "period": "Periode", "instansi": "Instansi", "all": "semua instansi", "n_items": "butir rencana",
        "confirmed": "klaster dikonfirmasi", "fewer": "aplikasi berkurang",
        "timeline": "Lini waktu per OPD", "timeline_note": "Setiap kotak adalah satu butir rencana; warna = tindakan. Arahkan kursor untuk rinciannya.",
        "counts": "Jumlah aplikasi per kode layanan: sekarang dan setelah rencana",
        "counts_note": "Kode layanan RAL tingkat 3; 'setelah' = dikurangi aplikasi yang dihentikan menurut rencana.",
        "table": "Semua butir rencana", "none": "Belum ada klaster yang dikonfirmasi, jadi belum ada butir rencana. Konfirmasi klaster di laporan duplikasi atau dengan: spbe decide konfirmasi KLASTER.",
        "now": "sekarang", "after": "setelah", "owner": "OPD", "problems": "Urutan bermasalah",
        "edit": "Ubah", "save": "Simpan", "token_prompt": "Token penulisan (disimpan hanya di tab ini):",
        "saved": "Tersimpan sebagai keputusan", "failed": "Gagal", "downloads": "Unduh",
        "depends": "bergantung pada", "target": "target",
        "more_codes": "kode lain tanpa perubahan (semua ada di unduhan xlsx)",
    },
    "en": {
        "title": "Peta Rencana SPBE (roadmap)", "views_title": "Architecture views",
        "lead": "Follow-up plan from the duplicate clusters the architects confirmed: who does what, when, and after what.",
        "period": "Period", "instansi": "Agency", "all": "all agencies", "n_items": "roadmap items",
        "confirmed": "confirmed clusters", "fewer": "fewer applications",
        "timeline": "Timeline per OPD", "timeline_note": "Each box is one roadmap item; colour = action. Hover for details.",
        "counts": "Applications per service code: now and after the plan",
        "counts_note": "Level-3 RAL service codes; 'after' = minus the applications the plan retires.",
        "table": "All roadmap items", "none": "No cluster is confirmed yet, so the roadmap has no items. Confirm clusters in the duplicate report or with: spbe decide confirm CLUSTER.",
        "now": "now", "after": "after", "owner": "OPD", "problems": "Ordering problems",
        "edit": "Edit", "save": "Save", "token_prompt": "Write token (kept in this tab only):",
        "saved": "Saved as a decision", "failed": "Failed", "downloads": "Download",
        "depends": "depends on", "target": "target",
        "more_codes": "more codes without change (all of them in the xlsx download)",
    },
}
COLOURS = {"kembangkan": "#2e7d32", "pertahankan": "#607d8b", "integrasi": "#1565c0", "migrasi": "#ef6c00",
           "migrasi-aplikasi-umum": "#e65100", "hentikan": "#c62828"}


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(HERE / "templates")),
                                    jinja2.FileSystemLoader(str(SITE_TEMPLATES))]),
        autoescape=jinja2.select_autoescape(["html"]), undefined=jinja2.StrictUndefined)


@lru_cache(maxsize=1)
def _site_messages() -> dict:
    return yaml.safe_load((SITE_TEMPLATES / "messages.yaml").read_text(encoding="utf-8"))


def standalone_site(lang: str) -> dict:
    """The base template's context for a page written to a file (stylesheet inlined, no links out)."""
    msgs = _site_messages()

    def t(key: str, **fmt) -> str:
        e = msgs.get(key) or {}
        text = e.get(lang) or e.get("id") or key
        return text.format(**fmt) if fmt else text

    return {"lang": lang, "languages": (), "nav": (), "active": None, "version": __version__, "wide": True,
            "t": t, "url": lambda path: path, "static": lambda rel: "data:,", "lang_url": lambda code: "#",
            "inline_css": SITE_CSS.read_text(encoding="utf-8") if SITE_CSS.is_file() else "", "api": ""}


def render_roadmap(roadmap: Roadmap, site: dict, lang: str, *, formats: tuple = ()) -> str:
    owners = sorted({it.owner[1] or "-" for it in roadmap.items}, key=str.lower)
    cells: dict[tuple[str, int], list] = {}
    for it in roadmap.items:
        cells.setdefault((it.owner[1] or "-", it.year), []).append(it)
    ctx = {**site, "lang": lang, "x": TEXT[lang], "roadmap": roadmap, "owners": owners, "cells": cells,
           "colours": COLOURS, "actions": {k: label(ACTIONS, k, lang) for k in ACTIONS},
           "statuses": {k: label(STATUSES, k, lang) for k in STATUSES},
           "problems": dependency_problems(roadmap), "formats": formats,
           "shown_counts": [r for r in roadmap.counts if r[2] != r[3]] + [r for r in roadmap.counts if r[2] == r[3]][:15],
           "fewer": sum(b - a for _, _, b, a in roadmap.counts), "max_count": max((b for *_, b, _ in roadmap.counts), default=1),
           "decision_status": {k: label(DECISION_STATUS, k, lang) for k in DECISION_STATUS}}
    ctx.setdefault("inline_css", "")
    ctx.setdefault("api", "")
    ctx.setdefault("editable", False)
    return _env().get_template("roadmap.html").render(**ctx)


def render_views(tables, site: dict, lang: str, *, instansi: str | None = None, formats: tuple = ()) -> str:
    ctx = {**site, "lang": lang, "x": TEXT[lang], "tables": tables, "instansi": instansi, "formats": formats}
    ctx.setdefault("inline_css", "")
    ctx.setdefault("api", "")
    return _env().get_template("views.html").render(**ctx)
