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

from spbe_kg import __version__
from spbe_kg.i18n import t as i18n_t

from .messages import ACTIONS, DECISION_STATUSES, STATUSES, action_label, decision_status_label, status_label, texts
from .plan import Roadmap, dependency_problems

HERE = Path(__file__).resolve().parent
SITE_TEMPLATES = HERE.parent / "service" / "templates"
SITE_CSS = HERE.parent / "service" / "static" / "css" / "spbe.css"

COLOURS = {"kembangkan": "#2e7d32", "pertahankan": "#607d8b", "integrasi": "#1565c0", "migrasi": "#ef6c00",
           "migrasi-aplikasi-umum": "#e65100", "hentikan": "#c62828"}


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(HERE / "templates")),
                                    jinja2.FileSystemLoader(str(SITE_TEMPLATES))]),
        autoescape=jinja2.select_autoescape(["html"]), undefined=jinja2.StrictUndefined)


def standalone_site(lang: str) -> dict:
    """The base template's context for a page written to a file (stylesheet inlined, no links out)."""
    def t(key: str, **fmt) -> str:
        return i18n_t(f"pages.{key}", lang, **fmt)

    return {"lang": lang, "languages": (), "nav": (), "active": None, "version": __version__, "wide": True,
            "t": t, "url": lambda path: path, "static": lambda rel: "data:,", "lang_url": lambda code: "#",
            "inline_css": SITE_CSS.read_text(encoding="utf-8") if SITE_CSS.is_file() else "", "api": ""}


def render_roadmap(roadmap: Roadmap, site: dict, lang: str, *, formats: tuple = ()) -> str:
    owners = sorted({it.owner[1] or "-" for it in roadmap.items}, key=str.lower)
    cells: dict[tuple[str, int], list] = {}
    for it in roadmap.items:
        cells.setdefault((it.owner[1] or "-", it.year), []).append(it)
    ctx = {**site, "lang": lang, "x": texts("page_", lang), "roadmap": roadmap, "owners": owners, "cells": cells,
           "colours": COLOURS, "actions": {k: action_label(k, lang) for k in ACTIONS},
           "statuses": {k: status_label(k, lang) for k in STATUSES},
           "problems": dependency_problems(roadmap), "formats": formats,
           "owner_choices": sorted({it.owner for it in roadmap.items if it.owner[0]}, key=lambda o: (o[1] or "").lower()),
           "shown_counts": [r for r in roadmap.counts if r[2] != r[3]] + [r for r in roadmap.counts if r[2] == r[3]][:15],
           "fewer": sum(b - a for _, _, b, a in roadmap.counts), "max_count": max((b for *_, b, _ in roadmap.counts), default=1),
           "decision_status": {k: decision_status_label(k, lang) for k in DECISION_STATUSES}}
    ctx.setdefault("inline_css", "")
    ctx.setdefault("api", "")
    ctx.setdefault("editable", False)
    return _env().get_template("roadmap.html").render(**ctx)


def render_views(tables, site: dict, lang: str, *, instansi: str | None = None, formats: tuple = ()) -> str:
    ctx = {**site, "lang": lang, "x": texts("page_", lang), "tables": tables, "instansi": instansi, "formats": formats}
    ctx.setdefault("inline_css", "")
    ctx.setdefault("api", "")
    return _env().get_template("views.html").render(**ctx)
