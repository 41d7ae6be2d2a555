"""The one shape every tabular reader produces: a ``Table`` with its header and numbered rows.

>>> t = Table(file="a.csv", sheet=None, header_row=1, headers=["Nama Aplikasi"], rows=[(2, ["SIDA"])])
>>> t.letters
['A']
>>> t.where_label
'a.csv'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter


@dataclass
class Table:
    """One sheet (xlsx) or one whole file (csv, json): cells are strings, ``""`` when empty.

    ``rows`` holds ``(row_number, cells)`` with row numbers as the spreadsheet shows them
    (csv: 1-based record number, header included; json: 1-based record index).
    ``issues`` holds per-row read problems: ``(row, column_letter | None, message_id, fields, is_error)``.
    """

    file: str
    sheet: str | None
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    letters: list[str] = field(default_factory=list)
    issues: list[tuple[int, str | None, str, dict, bool]] = field(default_factory=list)
    lines: dict[int, int] = field(default_factory=dict)  # csv: row -> physical line where it starts, when different

    def __post_init__(self) -> None:
        if not self.letters:
            self.letters = [get_column_letter(i + 1) for i in range(len(self.headers))]

    @property
    def where_label(self) -> str:
        return self.file if self.sheet is None else f"{self.file} [{self.sheet}]"


@dataclass
class RawSheet:
    """Rows as read, before the header row is known: ``(row_number, cells)``."""

    file: str
    sheet: str | None
    rows: list[tuple[int, list[str]]]
    issues: list[tuple[int, str | None, str, dict, bool]] = field(default_factory=list)
    named_columns: bool = False  # json: columns are named by their keys, not letters
    lines: dict[int, int] = field(default_factory=dict)  # csv: row -> physical line where it starts, when different
