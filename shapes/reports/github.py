"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation a result."""

from __future__ import annotations

from ..result import Report
from .sarif import column_number

CMD = {"Violation": "error", "Warning": "warning", "Info": "notice"}


def _esc_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _esc_prop(s: str) -> str:
    return _esc_data(s).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, lang: str = "id", sources: dict[str, str] | None = None) -> str:
    sources = sources or {}
    lines = []
    for r in report.results:
        props = []
        if r.file:
            props.append(f"file={_esc_prop(sources.get(r.file, r.file))}")
            if r.row is not None:
                props.append(f"line={r.physical_line}")
            col = column_number(r.column)
            if col:
                props.append(f"col={col}")
        props.append(f"title={_esc_prop(r.rule_name + ' (' + r.severity + ')')}")
        where = r.cell_text(lang)
        lines.append(f"::{CMD.get(r.severity, 'warning')} {','.join(props)}::{_esc_data(r.message(lang) + (' — ' + where if where else ''))}")
    return "\n".join(lines) + ("\n" if lines else "")
