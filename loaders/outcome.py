"""Result types of a conversion (cross-team API (B))."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pyoxigraph as ox


@dataclass
class RowOutcome:
    """What happened to one input row. ``reason`` is in the language of the settings."""

    file: str
    sheet: str | None
    row: int
    status: Literal["loaded", "skipped", "error"]
    reason: str = ""
    column: str | None = None
    resource: str | None = None
    warnings: list[str] = field(default_factory=list)  # loaded rows worth a look (each text says where and why)


@dataclass
class FileSummary:
    file: str
    path: str
    graph: str
    sha256: str
    kind: str  # csv | xlsx | json | rdf
    sheets: list[str] = field(default_factory=list)
    rows: int = 0
    loaded: int = 0
    skipped: int = 0
    errors: int = 0
    warnings: int = 0
    triples: int = 0
    notes: list[str] = field(default_factory=list)  # file-level remarks (e.g. a sheet without a header)


@dataclass
class ConversionResult:
    quads: list[ox.Quad] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)
    files: list[FileSummary] = field(default_factory=list)
    rows: list[RowOutcome] = field(default_factory=list)
    partial: bool = False

    @property
    def ok(self) -> bool:
        """No row in error."""
        return not any(r.status == "error" for r in self.rows)
