"""XLSX reader (openpyxl): every sheet or a chosen one, merged cells filled from their top-left cell,
numbers and dates rendered the way a person reads them (2019.0 -> "2019", a date -> "2021-03-01").
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

from ..errors import LoaderError
from ..messages import msg
from ..table import RawSheet


def cell_text(v: object) -> str:
    """Excel cell value -> text.

    >>> cell_text(2019.0), cell_text(3.5), cell_text(dt.datetime(2021, 3, 1)), cell_text(None)
    ('2019', '3.5', '2021-03-01', '')
    """
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return ""
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, dt.timedelta):
        return str(v)
    return str(v)


def read_xlsx(path: Path, *, lang: str = "id", sheet: str | None = None) -> list[RawSheet]:
    import openpyxl

    name = path.name
    if not path.exists():
        raise LoaderError(msg("file_missing", lang, file=str(path)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, data_only=True)
    except OSError as e:
        raise LoaderError(msg("file_unreadable", lang, file=name, detail=e.strerror or str(e))) from None
    except Exception as e:  # zipfile.BadZipFile, KeyError, XML errors...: all mean "not a usable xlsx"
        raise LoaderError(msg("bad_xlsx", lang, file=name, detail=f"{type(e).__name__}: {e}"[:300])) from None
    try:
        names = wb.sheetnames
        if sheet is not None and sheet not in names:
            raise LoaderError(msg("sheet_missing", lang, sheet=sheet, file=name, sheets=", ".join(names)))
        out = []
        for ws in wb.worksheets:
            if sheet is not None and ws.title != sheet:
                continue
            if not hasattr(ws, "iter_rows"):  # chartsheets
                continue
            grid: list[list[str]] = [[cell_text(v) for v in r] for r in ws.iter_rows(values_only=True)]
            merged = getattr(ws, "merged_cells", None)
            for rng in merged.ranges if merged is not None else ():
                top = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(grid) else ""
                for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
                    row = grid[r]
                    for c in range(rng.min_col - 1, rng.max_col):
                        if c < len(row):
                            row[c] = top
            out.append(RawSheet(file=name, sheet=ws.title, rows=[(i + 1, r) for i, r in enumerate(grid)]))
        return out
    finally:
        wb.close()
