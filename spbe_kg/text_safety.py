"""Text that leaves the product for a spreadsheet or a terminal, made harmless.

- :func:`safe_cell`: a CSV cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is a
  formula to Excel/LibreOffice (``=HYPERLINK(...)``, ``=cmd|...``). Following OWASP's CSV-injection
  rule it gets a leading ``'`` (the text stays readable; a spreadsheet shows it as text).
- :func:`xlsx_text_cells`: in an .xlsx written with openpyxl such strings become *formulas*; the
  cells are forced to plain strings (value unchanged, never evaluated).
- :func:`strip_controls`: terminal escape sequences (ANSI CSI/OSC) and other control characters
  removed from a value before it is echoed in a CLI message.

>>> safe_cell("=HYPERLINK(\\"http://evil\\",\\"klik\\")")
'\\'=HYPERLINK("http://evil","klik")'
>>> safe_cell("SIKS-NG"), safe_cell(-3), safe_cell("@admin"), safe_cell("\\tx")
('SIKS-NG', -3, "'@admin", "'\\tx")
>>> strip_controls("Dinas\\x1b[31m Sosial\\x1b]0;pwned\\x07\\x08!")
'Dinas Sosial!'
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_cell(value):
    """A CSV cell value that no spreadsheet evaluates (non-strings unchanged)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(row):
    return [safe_cell(v) for v in row]


def safe_csv_text(text: str) -> str:
    """CSV text with every cell made safe (:func:`safe_cell`)."""
    import csv
    import io

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        w.writerow(safe_row(row))
    return out.getvalue()


def xlsx_text_cells(ws) -> None:
    """Force every formula-looking string cell of an openpyxl worksheet to a plain string."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_START)):
                cell.data_type = "s"


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences, control characters or bidi overrides (newline and tab kept)."""
    if not isinstance(text, str):
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))
