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

from .export import suggested
from .recommend import MSG, SAME_APP

TEMPLATES = Path(__file__).resolve().parent / "templates"

TEXT = {
    "id": {
        "title": "Aplikasi ganda dan tumpang tindih",
        "subtitle": "Aplikasi yang melayani hal yang sama di berbagai OPD dan pemda, dengan bukti dan rekomendasi konsolidasi",
        "records": "catatan aplikasi", "pairs": "pasangan terkait", "apps": "aplikasi",
        "kind_same": "Satu aplikasi, banyak pencatat", "kind_func": "Aplikasi berbeda, fungsi sama",
        "f_pemda": "Pemda", "f_kode": "Kode layanan", "f_kind": "Jenis temuan", "f_text": "Cari nama", "all": "(semua)",
        "heat_title": "Peta panas: kode layanan (RAL) × pemda/OPD",
        "heat_note_pemda": "Jumlah aplikasi per kode layanan tingkat 3 dan per pemda. Baris yang merah di banyak kolom adalah kandidat konsolidasi.",
        "heat_note_opd": "Jumlah aplikasi per kode layanan tingkat 3 dan per OPD. Baris yang merah di banyak kolom adalah kandidat konsolidasi.",
        "heat_empty": "Belum ada aplikasi yang dipetakan ke kode layanan (RAL); temuan di bawah berasal dari bukti nama, URL, deskripsi dan aplikasi nasional.",
        "code": "Kode", "clusters_title": "Klaster temuan", "members": "anggota", "score": "skor",
        "target": "Target konsolidasi", "evidence": "Bukti",
        "m_name": "Nama tercatat", "m_source": "Sumber (berkas:baris)", "m_disp": "Disposisi", "m_reason": "Alasan", "m_saran": "Kode disarankan",
        "rec_label": MSG["id"]["label"],
        "rec_note": "target dan disposisi (Tolerate / Invest / Migrate / Eliminate) adalah saran untuk arsitek, bukan keputusan.",
        "none": "Tidak ada klaster yang cocok dengan saringan.", "shown": "klaster ditampilkan",
        "footer": "Dibuat oleh spbe-kg. Temuan juga tersimpan sebagai RDF di graf temuan-duplikasi (kueri: temuan-duplikasi).",
    },
    "en": {
        "title": "Duplicate applications and overlaps",
        "subtitle": "Applications that serve the same purpose across OPDs and pemda, with evidence and a consolidation recommendation",
        "records": "application records", "pairs": "linked pairs", "apps": "applications",
        "kind_same": "One application, many recorders", "kind_func": "Different applications, same job",
        "f_pemda": "Pemda", "f_kode": "Service code", "f_kind": "Finding kind", "f_text": "Search name", "all": "(all)",
        "heat_title": "Heatmap: service codes (RAL) × pemda/OPD",
        "heat_note_pemda": "Applications per level-3 service code and per pemda. Rows hot in many columns are consolidation candidates.",
        "heat_note_opd": "Applications per level-3 service code and per OPD. Rows hot in many columns are consolidation candidates.",
        "heat_empty": "No application is mapped to a service code (RAL) yet; the findings below come from name, URL, description and national-application evidence.",
        "code": "Code", "clusters_title": "Clusters found", "members": "members", "score": "score",
        "target": "Consolidation target", "evidence": "Evidence",
        "m_name": "Recorded name", "m_source": "Source (file:row)", "m_disp": "Disposition", "m_reason": "Reason", "m_saran": "Suggested codes",
        "rec_label": MSG["en"]["label"],
        "rec_note": "targets and dispositions (Tolerate / Invest / Migrate / Eliminate) are suggestions for the architects, not decisions.",
        "none": "No cluster matches the filters.", "shown": "clusters shown",
        "footer": "Made by spbe-kg. The findings are also stored as RDF in the temuan-duplikasi graph (query: temuan-duplikasi).",
    },
}


def _shade(n: int, top: int) -> str:
    if n <= 0:
        return "#ffffff"
    x = min(1.0, n / max(top, 1))
    # white -> amber -> deep red
    r, g, b = 255, int(236 - 170 * x), int(200 - 170 * x)
    return f"rgb({r},{g},{b})"


def _cluster_codes(c) -> list[str]:
    out = set()
    for code in c.codes:
        parts = code.split(".")
        out.update(".".join(parts[:i]) for i in range(2, len(parts) + 1))
    return sorted(out)


def _search_text(c) -> str:
    names = {m.record.name for m in c.members} | {c.recommendation.target_name}
    return " ".join(sorted(names)).lower()


def render_html(report, heat, lang: str = "id") -> str:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    tpl = env.get_template("duplicates.html")
    pemdas = sorted({p for c in report.clusters for p in c.pemda} | (set(heat.columns) if heat.by == "pemda" else set()))
    codes = sorted(set(heat.rows) | {x for c in report.clusters for x in _cluster_codes(c) if x.count(".") == 3})
    return tpl.render(
        lang=lang, t=TEXT[lang], report=report, heat=heat, pemdas=pemdas, codes=codes,
        code_labels=heat.labels, n_same=sum(c.kind == SAME_APP for c in report.clusters),
        n_func=sum(c.kind != SAME_APP for c in report.clusters),
        shade=lambda n: _shade(n, heat.max), cluster_codes=_cluster_codes, search_text=_search_text,
        suggested=suggested(report),
    )
