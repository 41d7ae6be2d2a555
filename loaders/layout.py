"""Find the header row of a raw sheet and decide what each column holds.

>>> from spbe_kg.loaders.table import RawSheet
>>> raw = RawSheet("x.xlsx", "Sheet1", [(1, ["REKAP APLIKASI", "", ""]), (2, ["", "", ""]),
...     (3, ["No", "Nama Aplikasi", "Alamat URL"]), (4, ["1", "SIDA", "sida.madiunkab.go.id"])])
>>> lay = detect(raw)
>>> lay.kind, lay.table.header_row, lay.fields
('aplikasi', 3, [None, 'nama', 'url'])
"""

from __future__ import annotations

from dataclasses import dataclass

from .columns import IGNORE, NUMBER_FIELD, header_key, is_number_header, recognise, recognise_exact, score
from .errors import LoaderError
from .mapping import Mapping
from .messages import msg
from .table import RawSheet, Table

SCAN_ROWS = 30
# Headers of a table that annotates rows of other files (a findings list, a ground-truth list):
# such a file is a report about inventories, not an inventory, and is passed over with a note.
REPORT_HEADERS = {"berkas", "baris"}


class NotInventory(Exception):
    """The file describes rows of other files (columns berkas + baris); it holds no inventory."""


@dataclass
class Layout:
    table: Table
    kind: str  # "aplikasi" | "opd"
    fields: list[str | None]  # per column; None = not recognised (kept out of the RDF)
    number_col: int | None = None  # the census' own "No" column (recorded as spbe:nomorSensus of each row)

    def columns_of(self, fld: str) -> list[int]:
        return [i for i, f in enumerate(self.fields) if f == fld]

    def column_report(self) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
        """(mapped, not used): one ``{"sheet", "column", "header"[, "field"]}`` per non-empty header cell.

        Every input column is in exactly one of the two lists; nothing is dropped silently.
        """
        t = self.table
        mapped: list[dict[str, str]] = []
        unused: list[dict[str, str]] = []
        for i, (header, letter, fld) in enumerate(zip(t.headers, t.letters, self.fields)):
            if not header.strip() and not any(i < len(cells) and cells[i].strip() for _, cells in t.rows):
                continue  # an empty column: nothing to lose
            entry = {"sheet": t.sheet or "", "column": letter, "header": header}
            if i == self.number_col:
                mapped.append({**entry, "field": NUMBER_FIELD})
            elif fld:
                mapped.append({**entry, "field": fld})
            else:
                unused.append(entry)
        return mapped, unused


def _row_score(cells: list[str], mapping: Mapping | None) -> tuple[int, int]:
    exact, loose = score(cells)
    if mapping and mapping.columns:
        exact += sum(1 for c in cells if c and header_key(c) in mapping.columns)
    return exact, loose


def find_header(raw: RawSheet, mapping: Mapping | None) -> int | None:
    """Index into raw.rows of the header row, or None.

    The row with the most headers spelled exactly as a known one (ties: the most recognised by containment,
    e.g. "Link/URL"); it needs two recognised headers of which at least one exact (one with a mapping).
    """
    if mapping and mapping.header_row:
        for i, (n, _) in enumerate(raw.rows):
            if n == mapping.header_row:
                return i
        return None
    best, best_i = (0, 0), None
    for i, (_, cells) in enumerate(raw.rows[:SCAN_ROWS]):
        s = _row_score(cells, mapping)
        if s > best:
            best, best_i = s, i
    exact, loose = best
    if mapping and mapping.columns:
        return best_i if exact >= 1 else None
    return best_i if exact >= 1 and exact + loose >= 2 else None


# fields read from one column only (the first filled one): a second column recognised only by containment
# ("raa_l1_name" beside "name") would be read by nobody, so it is left unmapped and listed as not used
SINGLE_FIELDS = frozenset({"nama", "pemda", "opd_pengelola", "opd_nama", "opd_kode", "opd_induk", "opd_jenis"})


def assign_fields(headers: list[str], kind: str, mapping: Mapping | None) -> list[str | None]:
    """The field of each header (None: not used).

    >>> assign_fields(["id", "name", "raa_l1_name", "raa_l1"], "aplikasi", None)
    ['id_sia', 'nama', None, 'kode_raa']
    """
    out: list[str | None] = []
    exact: list[bool] = []
    for h in headers:
        k = header_key(h) if h else ""
        f = None
        is_exact = False
        if mapping and k in mapping.columns:
            f, is_exact = mapping.columns[k], True
        elif not (mapping and mapping.only_mapped) and k:
            f = recognise(h, kind)
            is_exact = f is not None and recognise_exact(h, kind) == f
        out.append(f)
        exact.append(is_exact)
    for fld in SINGLE_FIELDS & set(out):
        idx = [i for i, f in enumerate(out) if f == fld]
        keep = {i for i in idx if exact[i]} or {idx[0]}
        for i in idx:
            if i not in keep:
                out[i] = None
    return out


def detect(raw: RawSheet, mapping: Mapping | None = None, lang: str = "id", strict: bool = True) -> Layout | None:
    """The layout of a raw sheet. ``strict``: raise LoaderError when no header/name column is found, else None."""
    where = raw.file if raw.sheet is None else f"{raw.file} [{raw.sheet}]"
    if not (mapping and (mapping.kind or mapping.columns)):
        for _, cells in raw.rows[:SCAN_ROWS]:
            if REPORT_HEADERS <= {header_key(c) for c in cells if c}:
                raise NotInventory(where)
    hi = find_header(raw, mapping)
    if hi is None:
        if strict:
            raise LoaderError(msg("no_header", lang, where=where, file=raw.file))
        return None
    header_n, header = raw.rows[hi]
    header = [h.strip() for h in header]
    # drop empty trailing header cells
    while header and not header[-1]:
        header.pop()
    kind = mapping.kind if mapping and mapping.kind else None
    if kind is None:
        app_fields = assign_fields(header, "aplikasi", mapping)
        if "nama" in app_fields:
            kind = "aplikasi"
        elif "opd_nama" in assign_fields(header, "opd", mapping):
            kind = "opd"
    fields = assign_fields(header, kind or "aplikasi", mapping)
    name_field = "opd_nama" if kind == "opd" else "nama"
    if kind is None or name_field not in fields:
        if strict:
            raise LoaderError(msg("no_name_column", lang, where=where, file=raw.file,
                                  headers=", ".join(h for h in header if h) or "-"))
        return None
    body = raw.rows[hi + 1:]
    # trailing empty rows are not rows at all
    flagged = {i[0] for i in raw.issues}
    while body and not any(c.strip() for c in body[-1][1]) and body[-1][0] not in flagged:
        body.pop()
    table = Table(file=raw.file, sheet=raw.sheet, header_row=header_n, headers=header, rows=body,
                  issues=list(raw.issues), letters=list(header) if raw.named_columns else [], lines=raw.lines)
    number_col = next((i for i, (h, f) in enumerate(zip(header, fields)) if f in (None, IGNORE) and is_number_header(h)),
                      None)
    return Layout(table=table, kind=kind, fields=[None if f == IGNORE else f for f in fields], number_col=number_col)
