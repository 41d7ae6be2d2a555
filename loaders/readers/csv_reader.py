"""CSV reader: encoding and delimiter detection, ragged rows, binary junk refused cleanly.

Encodings tried in order (unless ``encoding`` is given): UTF-16 with BOM, UTF-8 (with or without
BOM), Windows-1252, Latin-1 (which always decodes). Delimiters tried: ``,`` ``;`` tab ``|``; the
one giving the most consistent column count over the first rows wins.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
>>> _ = p.write_bytes("nama_aplikasi;url\\r\\nSIDA;https://sida.madiunkab.go.id\\r\\n".encode("cp1252"))
>>> raw = read_csv(p)
>>> raw.rows
[(1, ['nama_aplikasi', 'url']), (2, ['SIDA', 'https://sida.madiunkab.go.id'])]
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from pathlib import Path

from ..errors import LoaderError
from ..messages import msg
from ..table import RawSheet

csv.field_size_limit(1 << 24)

CANDIDATES = (",", ";", "\t", "|")


def decode(data: bytes, name: str, encoding: str | None, lang: str) -> str:
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise LoaderError(msg("bad_encoding", lang, file=name, encoding=encoding, detail="unknown encoding")) from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise LoaderError(msg("bad_encoding", lang, file=name, encoding=encoding, detail=str(e))) from None
        return text.lstrip("\ufeff")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise LoaderError(msg("bad_encoding", lang, file=name, encoding="utf-16", detail=str(e))) from None
    if b"\x00" in data:
        raise LoaderError(msg("binary_csv", lang, file=name))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    sample = text[:20000]
    if sample:
        ctrl = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t")
        if ctrl > max(2, len(sample) // 50):
            raise LoaderError(msg("binary_csv", lang, file=name))
    return text


def sniff_delimiter(text: str) -> str:
    """The candidate delimiter with the most consistent multi-column rows in the first lines."""
    head = text[:65536]
    best, best_score = ",", (-1.0, 0)
    for d in CANDIDATES:
        try:
            rows = [r for _, r in zip(range(50), csv.reader(io.StringIO(head), delimiter=d)) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not rows:
            continue
        counts = Counter(len(r) for r in rows)
        width, n = counts.most_common(1)[0]
        if width < 2:
            continue
        score = (n / len(rows), width)
        if score > best_score:
            best, best_score = d, score
    return best


def read_csv(path: Path, *, lang: str = "id", delimiter: str | None = None, encoding: str | None = None) -> RawSheet:
    name = path.name
    if delimiter is not None:
        if delimiter in ("\\t", "tab", "TAB"):
            delimiter = "\t"
        if len(delimiter) != 1:
            raise LoaderError(msg("bad_delimiter", lang, value=delimiter))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoaderError(msg("file_missing", lang, file=str(path))) from None
    except OSError as e:
        raise LoaderError(msg("file_unreadable", lang, file=name, detail=e.strerror or str(e))) from None
    text = decode(data, name, encoding, lang)
    d = delimiter or sniff_delimiter(text)
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=d, strict=False)
    lines: dict[int, int] = {}  # record -> physical line it starts on, where a multi-line cell above shifted it
    n = 0
    read = 0
    try:
        for cells in reader:
            n += 1
            if read + 1 != n:
                lines[n] = read + 1
            read = reader.line_num
            rows.append((n, cells))
    except csv.Error as e:
        raise LoaderError(msg("file_unreadable", lang, file=name, detail=f"baris/row {n + 1}: {e}")) from None
    return RawSheet(file=name, sheet=None, rows=rows, lines=lines)
