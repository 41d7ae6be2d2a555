"""The duplicate report as JSON, CSV, a text table or an Excel workbook (one line per cluster member).

>>> from spbe_kg.queries.duplicates import DuplicateReport
>>> empty = DuplicateReport([], 0, 0, 0, {}, [])
>>> to_json_obj(empty, "en")["summary"]["clusters"]
0
"""

from __future__ import annotations

import csv
import io
import json

from spbe_kg.i18n import t
from spbe_kg.text_safety import safe_row, xlsx_text_cells

from .recommend import SAME_APP

COLUMNS = ("klaster", "jenis", "skor", "target", "alasan_target", "nama_aplikasi", "iri", "opd", "pemda",
           "berkas", "lembar", "baris", "disposisi", "alasan_disposisi", "bukti", "kode_disarankan")


def columns(lang: str = "id") -> list[str]:
    """Column names of the CSV/xlsx export in ``lang`` (the ``duplicates`` catalogue, ``col_*``)."""
    return [t(f"duplicates.col_{c}", lang) for c in COLUMNS]


def kind_label(kind: str, lang: str = "id") -> str:
    return t(f"duplicates.kind_{kind}", lang)


def _evidence_text(c) -> str:
    return "; ".join(f"{k}: {', '.join(v)}" for k, v in c.evidence.items())


def suggested(report) -> dict[str, list[str]]:
    """Application IRI -> its rank-1 suggested codes ("RAB.09.06.03 (0.93)"), RAB, RAL, RAA."""
    out: dict[str, list[str]] = {}
    for s in sorted(getattr(report, "suggestions", ()), key=lambda s: (s.app, s.scheme != "RAB", s.scheme)):
        if s.rank == 1:
            out.setdefault(s.app, []).append(f"{s.notation} ({s.score:.2f})")
    return out


def rows(report, lang: str = "id") -> list[list]:
    sug = suggested(report)
    out = []
    for c in report.clusters:
        for m in c.members:
            r = m.record
            out.append([c.id, c.kind, round(c.score, 3), c.recommendation.target_name, c.recommendation.rationale[lang],
                        r.name, r.iri, r.opd_name or "", r.pemda_name or "", r.file or "", r.sheet or "", r.row or "",
                        m.disposition, m.reason[lang], _evidence_text(c), "; ".join(sug.get(r.iri, ()))])
    return out


def to_json_obj(report, lang: str = "id") -> dict:
    en = lang == "en"
    sug = suggested(report)
    clusters = []
    for c in report.clusters:
        clusters.append({
            "id": c.id,
            ("kind" if en else "jenis"): c.kind,
            ("score" if en else "skor"): round(c.score, 4),
            "target": {"iri": c.recommendation.target_iri, ("name" if en else "nama"): c.recommendation.target_name},
            ("rationale" if en else "alasan"): c.recommendation.rationale[lang],
            ("label" if en else "label"): t("duplicates.label", lang),
            ("evidence" if en else "bukti"): c.evidence,
            ("decision" if en else "keputusan"): c.decision,
            ("members" if en else "anggota"): [
                {
                    "iri": m.record.iri,
                    ("name" if en else "nama"): m.record.name,
                    "opd": m.record.opd_name,
                    "pemda": m.record.pemda_name,
                    ("file" if en else "berkas"): m.record.file,
                    ("sheet" if en else "lembar"): m.record.sheet,
                    ("row" if en else "baris"): m.record.row,
                    ("disposition" if en else "disposisi"): m.disposition,
                    ("reason" if en else "alasan"): m.reason[lang],
                    ("application" if en else "aplikasi"): m.group,
                    ("suggestedCodes" if en else "kodeDisarankan"): sug.get(m.record.iri, []),
                }
                for m in c.members
            ],
        })
    summary = {
        ("records" if en else "catatan"): report.n_records,
        ("candidate_pairs" if en else "pasangan_kandidat"): report.n_candidates,
        ("linked_pairs" if en else "pasangan_terkait"): report.n_pairs,
        ("clusters" if en else "klaster"): len(report.clusters),
        ("same_application" if en else "satu_aplikasi"): sum(c.kind == SAME_APP for c in report.clusters),
        ("same_function" if en else "fungsi_sama"): sum(c.kind != SAME_APP for c in report.clusters),
        ("seconds" if en else "detik"): {k: round(v, 3) for k, v in report.seconds.items()},
    }
    return {("summary" if en else "ringkasan"): summary, ("clusters" if en else "klaster"): clusters}


def to_json(report, lang: str = "id") -> str:
    return json.dumps(to_json_obj(report, lang), ensure_ascii=False, indent=2)


def to_csv(report, lang: str = "id") -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns(lang))
    w.writerows(safe_row(r) for r in rows(report, lang))  # no cell a spreadsheet would evaluate
    return buf.getvalue()


def to_table(report, lang: str = "id") -> str:
    """Plain-text table for a terminal: one block per cluster."""
    lines = []
    rec = t("duplicates.label", lang)
    for c in report.clusters:
        lines.append(f"[{c.id}] {kind_label(c.kind, lang)} — {len(c.members)} — {t('duplicates.table_score', lang)} {c.score:.2f}")
        lines.append(f"  {rec}: {c.recommendation.target_name} — {c.recommendation.rationale[lang]}")
        if c.evidence:
            lines.append(f"  {t('duplicates.table_evidence', lang)}: {_evidence_text(c)}")
        for m in c.members:
            sheet = f"[{m.record.sheet}]" if m.record.sheet else ""
            where = f"{m.record.file or ''}{sheet}:{m.record.row}" if m.record.row else ""
            lines.append(f"    - {m.disposition:<9} {m.record.name[:50]:<50} {(m.record.opd_name or '')[:40]:<40} {where}")
        lines.append("")
    lines.append(t("duplicates.table_total", lang, n=len(report.clusters), records=report.n_records))
    return "\n".join(lines) + "\n"


def to_xlsx(report, lang: str = "id") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = t("duplicates.sheet_title", lang)
    ws.append(columns(lang))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows(report, lang):
        ws.append(r)
    xlsx_text_cells(ws)  # "=HYPERLINK(...)" stays text, never a live formula
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for col, width in zip("ABCDEFGHIJKLMNO", (16, 28, 7, 30, 60, 40, 40, 36, 30, 24, 16, 6, 10, 60, 60)):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
