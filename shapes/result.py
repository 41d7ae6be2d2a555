"""The validation report model shared by the engines, the API and every report writer.

>>> r = Result("https://w3id.org/spbe/shapes/aplikasi#NamaWajib", "Violation", "https://e/app", "https://e/p", None,
...            "Nama kosong", "Name empty", "x.csv", "x", 3, "B")
>>> r.cell
'x.csv, baris 3, kolom B'
>>> Report(conforms=False, results=[r]).counts()
{'Violation': 1, 'Warning': 0, 'Info': 0}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pyoxigraph as ox

from spbe_kg.i18n import t

SEVERITIES = ("Violation", "Warning", "Info")
FAIL_LEVELS = {"violation": {"Violation"}, "warning": {"Violation", "Warning"}, "info": set(SEVERITIES)}


class RawResult(NamedTuple):
    """One result as an engine reports it (terms as pyoxigraph terms)."""

    focus: ox.NamedNode | ox.BlankNode
    path: str | None
    value: ox.NamedNode | ox.Literal | ox.BlankNode | None
    shape: str
    severity: str
    component: str

    def key(self) -> tuple:
        """Identity used to compare engines: focus, path, value, source shape, severity, component."""
        return (str(self.focus), self.path, None if self.value is None else str(self.value), self.shape,
                self.severity, self.component)


@dataclass
class Result:
    rule_id: str
    severity: str
    focus: str
    path: str | None
    value: str | None
    message_id: str
    message_en: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    header: str | None = None          # column header text, e.g. "Nama Aplikasi"
    opd: str | None = None             # name of the OPD the focus belongs to (for grouping)
    focus_label: str | None = None     # spbe:nama of the focus
    component: str = ""
    value_kind: str | None = None      # "iri" | "literal" | "bnode"
    line: int | None = None            # csv: physical line the row starts on, when not ``row`` (multi-line cells)
    census_no: str | None = None       # the census' own "No" of the row

    @property
    def physical_line(self) -> int | None:
        """The line of the file (SARIF ``startLine``): the physical line for csv, else the sheet row."""
        return self.line if self.line is not None else self.row

    def message(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else self.message_id

    @property
    def rule_name(self) -> str:
        return self.rule_id.rsplit("#", 1)[-1].rsplit("/", 1)[-1]

    def cell_text(self, lang: str = "id") -> str:
        """Where to fix it: file, sheet, row, column (whatever is known)."""
        parts = []
        if self.file:
            parts.append(self.file)
        if self.sheet and self.sheet != _stem(self.file):
            parts.append(t("validation.where_sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(t("validation.where_row", lang, row=self.row) + (f" (No {self.census_no})" if self.census_no else ""))
        if self.column:
            parts.append(t("validation.where_column", lang, column=self.column) + (f" ({self.header})" if self.header else ""))
        elif self.header:
            parts.append(t("validation.where_column", lang, column=self.header))
        return ", ".join(parts)

    @property
    def cell(self) -> str:
        return self.cell_text("id")


def _stem(name: str | None) -> str | None:
    if not name:
        return None
    return name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


@dataclass
class Report:
    conforms: bool
    results: list[Result] = field(default_factory=list)
    fail_on: str = "violation"
    engine: str = "sparql"
    scope: str = "upload"
    inputs: list[str] = field(default_factory=list)
    rules: list = field(default_factory=list)  # catalog.Rule, for junit/sarif rule metadata

    def counts(self) -> dict[str, int]:
        c = {s: 0 for s in SEVERITIES}
        for r in self.results:
            c[r.severity] = c.get(r.severity, 0) + 1
        return c

    def failing(self) -> list[Result]:
        levels = FAIL_LEVELS[self.fail_on]
        return [r for r in self.results if r.severity in levels]
