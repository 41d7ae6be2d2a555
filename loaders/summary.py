"""The load summary the CLI prints on stderr: per file counts, then every skipped/error row and warning.

>>> from spbe_kg.loaders.outcome import ConversionResult, FileSummary, RowOutcome
>>> r = ConversionResult(files=[FileSummary("a.csv", "a.csv", "g", "00", "csv", rows=2, loaded=1, skipped=1)],
...     rows=[RowOutcome("a.csv", None, 2, "loaded"), RowOutcome("a.csv", None, 3, "skipped", "baris kosong", "B")])
>>> print(render_summary(r, "en"))
file   rows  loaded  skipped  error  warnings  triples
a.csv     2       1        1      0         0        0
<BLANKLINE>
skipped: a.csv, row 3, column B: baris kosong
"""

from __future__ import annotations

from spbe_kg.i18n import t

from .messages import where
from .outcome import ConversionResult, FileSummary


def unused_lines(f: FileSummary, lang: str) -> list[str]:
    """One line per sheet listing the columns that were not loaded (never dropped silently)."""
    by_sheet: dict[str, list[str]] = {}
    for c in f.columns_unused:
        label = c["header"] or t("loader.summary_no_header", lang)
        by_sheet.setdefault(c["sheet"], []).append(f"{label} ({c['column']})")
    out = []
    for sheet, cols in by_sheet.items():
        loc = where(f.file, sheet or None, lang=lang)
        out.append(t("loader.summary_unused", lang, where=loc, columns=", ".join(cols)))
    return out


COLUMNS = ("file", "rows", "loaded", "skipped", "errors", "warnings", "triples")


def row_lines(result: ConversionResult) -> int:
    """How many skipped/error row lines a summary lists."""
    return sum(1 for o in result.rows if o.status in ("skipped", "error"))


def render_summary(result: ConversionResult, lang: str = "id", *, max_warnings: int | None = None,
                   max_rows: int | None = None, full_path: str | None = None) -> str:
    """The summary text; ``max_rows`` caps the skipped/error rows listed, ``full_path`` names the file holding the
    complete summary (said after a capped list)."""
    head = tuple(t(f"loader.summary_col_{c}", lang) for c in COLUMNS)
    body: list[tuple[str | int, ...]] = [
        (f.file, f.rows, f.loaded, f.skipped, f.errors, f.warnings, f.triples) for f in result.files]
    if len(result.files) > 1:
        counts = [(f.rows, f.loaded, f.skipped, f.errors, f.warnings, f.triples) for f in result.files]
        body.append(("TOTAL", *(sum(c[i] for c in counts) for i in range(6))))
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    lines = []
    for r in (head, *body):
        cells = [str(r[0]).ljust(widths[0])] + [str(x).rjust(w) for x, w in zip(r[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    details = []
    for f in result.files:
        details += [f"{t('loader.summary_note', lang)}: {n}" for n in f.notes]
        details += unused_lines(f, lang)
    bad = [o for o in result.rows if o.status in ("skipped", "error")]
    bad.sort(key=lambda o: o.status != "error")  # rows in error first: they stop the load
    listed = bad if max_rows is None else bad[:max_rows]
    for o in listed:
        loc = where(o.file, o.sheet, o.row, o.column, lang, census_no=o.census_no)
        details.append(f"{t('loader.summary_' + o.status, lang)}: {loc}: {o.reason}")
    if len(listed) < len(bad):
        details.append(t("loader.summary_more_rows", lang, n=len(bad) - len(listed)))
    warns = [w for o in result.rows for w in o.warnings]
    shown = warns if max_warnings is None else warns[:max_warnings]
    details += [f"{t('loader.summary_warning', lang)}: {w}" for w in shown]
    if len(shown) < len(warns):
        details.append(t("loader.summary_more_warnings", lang, n=len(warns) - len(shown)))
    if full_path and (len(listed) < len(bad) or len(shown) < len(warns)):
        details.append(t("loader.summary_full_list", lang, path=full_path))
    if details:
        lines.append("")
        lines += details
    return "\n".join(lines)
