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

from .recommend import MSG, SAME_APP

COLUMNS = {
    "id": ["klaster", "jenis", "skor", "target", "alasan_target", "nama_aplikasi", "iri", "opd", "pemda",
           "berkas", "lembar", "baris", "disposisi", "alasan_disposisi", "bukti", "kode_disarankan"],
    "en": ["cluster", "kind", "score", "target", "target_rationale", "application_name", "iri", "opd", "pemda",
           "file", "sheet", "row", "disposition", "disposition_reason", "evidence", "suggested_codes"],
}
KIND_LABEL = {
    "id": {SAME_APP: "satu aplikasi, banyak pencatat", "aplikasi-berbeda-fungsi-sama": "aplikasi berbeda, fungsi sama"},
    "en": {SAME_APP: "one application, many recorders", "aplikasi-berbeda-fungsi-sama": "different applications, same job"},
}


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
            ("label" if en else "label"): MSG[lang]["label"],
            ("evidence" if en else "bukti"): c.evidence,
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
    w.writerow(COLUMNS[lang])
    w.writerows(rows(report, lang))
    return buf.getvalue()


def to_table(report, lang: str = "id") -> str:
    """Plain-text table for a terminal: one block per cluster."""
    lines = []
    rec = MSG[lang]["label"]
    for c in report.clusters:
        lines.append(f"[{c.id}] {KIND_LABEL[lang][c.kind]} — {len(c.members)} — {'skor' if lang == 'id' else 'score'} {c.score:.2f}")
        lines.append(f"  {rec}: {c.recommendation.target_name} — {c.recommendation.rationale[lang]}")
        if c.evidence:
            lines.append(f"  {'bukti' if lang == 'id' else 'evidence'}: {_evidence_text(c)}")
        for m in c.members:
            sheet = f"[{m.record.sheet}]" if m.record.sheet else ""
            where = f"{m.record.file or ''}{sheet}:{m.record.row}" if m.record.row else ""
            lines.append(f"    - {m.disposition:<9} {m.record.name[:50]:<50} {(m.record.opd_name or '')[:40]:<40} {where}")
        lines.append("")
    n = len(report.clusters)
    lines.append(f"{n} klaster dari {report.n_records} catatan aplikasi" if lang == "id"
                 else f"{n} clusters among {report.n_records} application records")
    return "\n".join(lines) + "\n"


def to_xlsx(report, lang: str = "id") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Duplikasi" if lang == "id" else "Duplicates"
    ws.append(COLUMNS[lang])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows(report, lang):
        ws.append(r)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for col, width in zip("ABCDEFGHIJKLMNO", (16, 28, 7, 30, 60, 40, 40, 36, 30, 24, 16, 6, 10, 60, 60)):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
