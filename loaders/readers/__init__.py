"""Readers: one per input format, each returning ``RawSheet`` objects (rows before header detection).

``read_raw(path, ...)`` picks the reader from the file extension.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import LoaderError
from ..messages import msg
from ..table import RawSheet

TABULAR = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".json": "json"}
RDF_EXTS = {".ttl", ".nt", ".nq", ".trig", ".jsonld"}


def kind_of(path: Path, lang: str = "id") -> str:
    """'csv' | 'xlsx' | 'json' | 'rdf' from the extension, else LoaderError."""
    ext = path.suffix.lower()
    if ext in TABULAR:
        return TABULAR[ext]
    if ext in RDF_EXTS:
        return "rdf"
    raise LoaderError(msg("unknown_format", lang, file=path.name, ext=ext or "-"))


def read_raw(path: Path, *, lang: str = "id", sheet: str | None = None, delimiter: str | None = None,
             encoding: str | None = None, limits=None) -> list[RawSheet]:
    kind = kind_of(path, lang)
    if kind == "csv":
        from .csv_reader import read_csv

        return [read_csv(path, lang=lang, delimiter=delimiter, encoding=encoding)]
    if kind == "xlsx":
        from .xlsx_reader import read_xlsx

        return read_xlsx(path, lang=lang, sheet=sheet, limits=limits)
    if kind == "json":
        from .json_reader import read_json

        return [read_json(path, lang=lang)]
    raise LoaderError(msg("unknown_format", lang, file=path.name, ext=path.suffix))
