"""JSON report (stable; documented in docs/validation.md and by shapes/report-schema.json)."""

from __future__ import annotations

import json

from ..result import Report

FORMAT_VERSION = "1.0"


def as_dict(report: Report, lang: str = "id", sources: dict[str, str] | None = None) -> dict:
    sources = sources or {}
    return {
        "format": "spbe-validation-report",
        "version": FORMAT_VERSION,
        "conforms": report.conforms,
        "failOn": report.fail_on,
        "engine": report.engine,
        "scope": report.scope,
        "inputs": list(report.inputs),
        "counts": {k.lower(): v for k, v in report.counts().items()},
        "results": [
            {
                "ruleId": r.rule_id,
                "severity": r.severity,
                "component": r.component,
                "focusNode": r.focus,
                "focusLabel": r.focus_label,
                "path": r.path,
                "value": r.value,
                "message": r.message(lang),
                "messages": {"id": r.message_id, "en": r.message_en},
                "location": {
                    "file": sources.get(r.file, r.file) if r.file else None,
                    "sheet": r.sheet,
                    "row": r.row,
                    "column": r.column,
                    "header": r.header,
                    "opd": r.opd,
                    "line": r.physical_line,
                    "census_no": r.census_no,
                },
            }
            for r in report.results
        ],
    }


def render(report: Report, lang: str = "id", sources: dict[str, str] | None = None) -> str:
    return json.dumps(as_dict(report, lang, sources), ensure_ascii=False, indent=2) + "\n"
