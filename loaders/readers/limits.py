"""Size limits of an .xlsx checked BEFORE it is parsed (zip bombs, far-away cells).

An .xlsx is a zip of XML parts. Before openpyxl sees it:

- the sum of the members' declared uncompressed sizes must stay within ``xlsx_max_unpacked_bytes``;
- no member over 1 MB may be compressed more than ``xlsx_max_ratio`` times (a zip bomb is ~1000x;
  real sheets are 5-30x);
- each worksheet's ``<dimension ref="A1:XFD1048576"/>`` (the first element of the sheet XML) may
  declare at most ``xlsx_max_cells`` cells (rows x columns).

After loading, the same cell limit is checked against the cells openpyxl actually found (a sheet
may carry no or a false ``<dimension>``), before any grid is built. A breach raises
:class:`InputTooLarge` (a LoaderError: exit 2 in the CLI, 413 over HTTP), bilingual.

>>> dimension_cells(b'<worksheet><dimension ref="A1:XFD1048576"/>')
17179869184
>>> dimension_cells(b'<worksheet><dimension ref="B2"/>'), dimension_cells(b"<worksheet>")
(1, None)
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from spbe_kg.xml_guard import DtdRefused, refuse_dtd

from ..errors import LoaderError

_DIM = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([A-Za-z]{1,3})(\d{1,7})(?::([A-Za-z]{1,3})(\d{1,7}))?[\"']")
_BIG_MEMBER = 1024 * 1024
_HEAD = 64 * 1024  # the <dimension> element comes right after <sheetPr>: well inside the first 64 KB


class InputTooLarge(LoaderError):
    """An input over a configured size limit (HTTP 413)."""


@dataclass(frozen=True)
class XlsxLimits:
    max_cells: int = 5_000_000
    max_unpacked_bytes: int = 256 * 1024 * 1024
    max_ratio: float = 200.0

    @classmethod
    def of(cls, settings) -> XlsxLimits:
        if settings is None:
            return cls()
        return cls(settings.xlsx_max_cells, settings.xlsx_max_unpacked_bytes, settings.xlsx_max_ratio)


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n


def dimension_cells(head: bytes) -> int | None:
    """Cells declared by the ``<dimension ref>`` in the start of a sheet's XML (None: none declared)."""
    m = _DIM.search(head)
    if not m:
        return None
    c1, r1, c2, r2 = m.groups()
    if c2 is None:
        return 1
    rows = abs(int(r2) - int(r1)) + 1
    cols = abs(_col(c2) - _col(c1)) + 1
    return rows * cols


def _too_large(lang: str, file: str, what_id: str, what_en: str) -> InputTooLarge:
    if lang == "en":
        return InputTooLarge(f"{file} is too large to read safely: {what_en}; split the workbook or remove "
                             f"far-away empty cells (Ctrl+End in Excel shows the last cell), or ask the "
                             f"administrator to raise the limit")
    return InputTooLarge(f"berkas {file} terlalu besar untuk dibaca dengan aman: {what_id}; pecah workbook "
                         f"atau hapus sel kosong yang jauh (Ctrl+End di Excel menunjukkan sel terakhir), "
                         f"atau minta admin menaikkan batasnya")


def check_xlsx(path: Path, limits: XlsxLimits, lang: str = "id") -> None:
    """Raise InputTooLarge when ``path`` (an .xlsx) breaks a limit; other zip problems are left to
    the reader (it reports them as a broken workbook)."""
    name = Path(path).name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return
    with zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        if total > limits.max_unpacked_bytes:
            raise _too_large(lang, name, f"{total:,} byte setelah diekstrak (batas {limits.max_unpacked_bytes:,}; "
                             "xlsx_max_unpacked_bytes)",
                             f"{total:,} bytes unpacked (limit {limits.max_unpacked_bytes:,}; xlsx_max_unpacked_bytes)")
        for i in infos:
            if i.file_size > _BIG_MEMBER and i.file_size > limits.max_ratio * max(i.compress_size, 1):
                ratio = i.file_size / max(i.compress_size, 1)
                raise _too_large(lang, name, f"bagian {i.filename} dimampatkan {ratio:,.0f}x (batas "
                                 f"{limits.max_ratio:,.0f}x; xlsx_max_ratio)",
                                 f"member {i.filename} is compressed {ratio:,.0f}x (limit {limits.max_ratio:,.0f}x; "
                                 "xlsx_max_ratio)")
        for i in infos:
            if not i.filename.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with zf.open(i) as f:
                    head = f.read(_HEAD)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
                return  # the reader reports the broken workbook
            try:
                refuse_dtd(head)  # openpyxl parses with expat/lxml: no DTD, no entities
            except DtdRefused as e:
                raise InputTooLarge(msg_dtd(lang, name, i.filename, str(e))) from None
            if i.filename.startswith("xl/worksheets/"):
                check_cells(dimension_cells(head) or 0, limits, lang, name, i.filename)


def msg_dtd(lang: str, file: str, member: str, what: str) -> str:
    if lang == "en":
        return f"{file} is refused: part {member} declares a DTD/entities ({what}); save it again from Excel/LibreOffice"
    return f"berkas {file} ditolak: bagian {member} memuat DTD/entitas ({what}); simpan ulang dari Excel/LibreOffice"


def check_cells(cells: int, limits: XlsxLimits, lang: str, file: str, sheet: str) -> None:
    if cells > limits.max_cells:
        raise _too_large(lang, file, f"lembar {sheet} mencakup {cells:,} sel (batas {limits.max_cells:,}; xlsx_max_cells)",
                         f"sheet {sheet} spans {cells:,} cells (limit {limits.max_cells:,}; xlsx_max_cells)")
