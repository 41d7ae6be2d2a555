"""The duplicate report as one self-contained HTML page (no CDN): heatmap, clusters, filters.

>>> from spbe_kg.queries.duplicates import DuplicateReport
>>> from spbe_kg.queries.heatmap import Heatmap
>>> html = render_html(DuplicateReport([], 0, 0, 0, {}, []), Heatmap([], {}, [], "opd", {}), "en")
>>> "Duplicate applications" in html and "<script src" not in html
True
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from spbe_kg.i18n import t

from .export import suggested
from .recommend import SAME_APP

TEMPLATES = Path(__file__).resolve().parent / "templates"

TEXT_KEYS = ("title", "subtitle", "records", "pairs", "apps", "kind_same", "kind_func", "f_pemda", "f_kode",
             "f_kind", "f_text", "all", "heat_title", "heat_note_pemda", "heat_note_opd", "heat_empty", "code",
             "clusters_title", "members", "score", "target", "evidence", "m_name", "m_source", "m_disp", "m_reason",
             "m_saran", "rec_note", "none", "shown", "footer")


# the decision buttons (issue 14), shown when the page is served with a decisions URL: the ``roadmap`` catalogue
DECIDE_KEYS = ("d_confirm", "d_reject", "d_split", "d_target", "d_merge", "d_pick", "d_reason", "d_token", "d_ok",
               "d_fail", "d_changed", "d_new", "d_select")


def page_text(lang: str = "id") -> dict:
    """The page's words in ``lang`` (the ``duplicates`` catalogue, ``html_*``; buttons: ``roadmap.report_*``)."""
    return {"rec_label": t("duplicates.label", lang), **{k: t(f"duplicates.html_{k}", lang) for k in TEXT_KEYS},
            **{k: t(f"roadmap.report_{k}", lang) for k in DECIDE_KEYS},
            "d_status": {"dikonfirmasi": t("roadmap.report_status_confirmed", lang),
                         "dibuka-kembali": t("roadmap.report_status_reopened", lang), "usulan": ""}}


def _shade(n: int, top: int) -> str:
    if n <= 0:
        return "#ffffff"
    x = min(1.0, n / max(top, 1))
    # white -> amber -> deep red
    r, g, b = 255, int(236 - 170 * x), int(200 - 170 * x)
    return f"rgb({r},{g},{b})"


def _cluster_codes(c) -> list[str]:
    out: set[str] = set()
    for code in c.codes:
        parts = code.split(".")
        out.update(".".join(parts[:i]) for i in range(2, len(parts) + 1))
    return sorted(out)


def _search_text(c) -> str:
    names = {m.record.name for m in c.members} | {c.recommendation.target_name}
    return " ".join(sorted(names)).lower()


def render_html(report, heat, lang: str = "id", decide_url: str | None = None) -> str:
    """``decide_url``: where the decision buttons POST (the served page); ``None`` (a file): no buttons."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    tpl = env.get_template("duplicates.html")
    pemdas = sorted({p for c in report.clusters for p in c.pemda} | (set(heat.columns) if heat.by == "pemda" else set()))
    codes = sorted(set(heat.rows) | {x for c in report.clusters for x in _cluster_codes(c) if x.count(".") == 3})
    return tpl.render(
        lang=lang, t=page_text(lang), report=report, heat=heat, pemdas=pemdas, codes=codes,
        code_labels=heat.labels, n_same=sum(c.kind == SAME_APP for c in report.clusters),
        n_func=sum(c.kind != SAME_APP for c in report.clusters),
        shade=lambda n: _shade(n, heat.max), cluster_codes=_cluster_codes, search_text=_search_text,
        decide_url=decide_url,
        suggested=suggested(report),
    )
