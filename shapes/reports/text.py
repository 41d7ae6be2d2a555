"""Text report for people: counts per tier, then results grouped by file and OPD with the cell to fix."""

from __future__ import annotations

from itertools import groupby

from ..messages import t
from ..result import Report


def render(report: Report, lang: str = "id", sources: dict[str, str] | None = None) -> str:
    sources = sources or {}
    c = report.counts()
    out = [t("title", lang), "=" * len(t("title", lang))]
    out.append(t("counts", lang, v=c["Violation"], w=c["Warning"], i=c["Info"]) + f"  ({t('engine', lang)}: {report.engine})")
    by_file = lambda r: r.file or ""  # noqa: E731
    for file, rs_iter in groupby(sorted(report.results, key=lambda r: (r.file is None, by_file(r), r.opd or "", r.row or 0)),
                            key=by_file):
        rs = list(rs_iter)
        out.append("")
        out.append(f"{t('file', lang)}: {sources.get(file, file) if file else t('no_file', lang)}")
        for opd, group_iter in groupby(rs, key=lambda r: r.opd or ""):
            group = list(group_iter)
            out.append(f"  {t('opd', lang)}: {opd or t('no_opd', lang)}")
            for r in group:
                where = r.cell_text(lang)
                where = where.split(", ", 1)[1] if where.startswith((r.file or "\0") + ", ") else where
                name = f" [{r.focus_label}]" if r.focus_label else ""
                out.append(f"    {t(r.severity, lang):<11} {where or r.focus}{name}")
                out.append(f"                {r.message(lang)}")
                out.append(f"                {t('rule', lang)}: {r.rule_id}")
    out.append("")
    failing = report.failing()
    out.append(t("conforms", lang) if report.conforms else t("fails", lang, n=len(failing), level=report.fail_on))
    return "\n".join(out) + "\n"
