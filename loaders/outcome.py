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
    line: int | None = None  # csv: the physical line the record starts on, when it differs from ``row``
    census_no: str | None = None  # the census' own "No" on this row, when it has such a column


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
    # every input column is in one of these: {"sheet", "column" (letter or json key), "header"[, "field"]}
    columns_mapped: list[dict[str, str]] = field(default_factory=list)
    columns_unused: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ConversionResult:
    """What a conversion produced.

    The RDF is held as N-Quads text per graph (``parts``: graph IRI -> complete lines
    ``"<s> <p> <o> <g> .\\n"``), the cheap form to build and to bulk-load; ``quads`` materialises
    pyoxigraph ``Quad`` objects on first use.
    """

    parts: list[tuple[str, list[str]]] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)
    files: list[FileSummary] = field(default_factory=list)
    rows: list[RowOutcome] = field(default_factory=list)
    partial: bool = False
    foreign_graphs: list[tuple[str, str]] = field(default_factory=list)  # (file, graph) it does not own
    _quads: list[ox.Quad] | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """No row in error."""
        return not any(r.status == "error" for r in self.rows)

    def nquads(self) -> bytes:
        """All quads as N-Quads (in production order)."""
        return "".join(line for _, lines in self.parts for line in lines).encode("utf-8")

    def nquads_lines(self) -> list[str]:
        return [line for _, lines in self.parts for line in lines]

    def ntriples_lines(self) -> list[str]:
        out: list[str] = []
        for g, lines in self.parts:
            cut = len(g) + 5  # " <g> .\n"
            out.extend(line[:-cut] + " .\n" for line in lines)
        return out

    @property
    def quads(self) -> list[ox.Quad]:
        """The quads as pyoxigraph objects (parsed once from the N-Quads text)."""
        if self._quads is None:
            data = self.nquads()
            self._quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS)) if data else []
        return self._quads

    def size(self) -> int:
        """Number of quads."""
        return sum(len(lines) for _, lines in self.parts)
