"""JSON reader: a list of records (objects). Nested lists become "a; b"; nested objects are row errors.

Row numbers are the 1-based record positions; the header is the union of keys in first-seen order.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import LoaderError
from ..messages import msg
from ..table import RawSheet


def _kind(v: object) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}.get(type(v), "number")


def _text(v: object) -> str | None:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    if isinstance(v, str):
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates from "\ud800" escapes
            v = v.encode("utf-8", "replace").decode("utf-8")
        return v
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, list) and all(isinstance(x, (str, int, float)) and not isinstance(x, bool) for x in v):
        return "; ".join(str(x) for x in v)
    return None


def read_json(path: Path, *, lang: str = "id") -> RawSheet:
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoaderError(msg("file_missing", lang, file=str(path))) from None
    except OSError as e:
        raise LoaderError(msg("file_unreadable", lang, file=name, detail=e.strerror or str(e))) from None
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise LoaderError(msg("bad_json", lang, file=name, detail=str(e)[:200])) from None
    if isinstance(doc, dict):  # {"data": [...]} / {"aplikasi": [...]}: one list value
        lists = [v for v in doc.values() if isinstance(v, list)]
        if len(lists) == 1:
            doc = lists[0]
    if not isinstance(doc, list):
        raise LoaderError(msg("json_not_list", lang, file=name, kind=_kind(doc)))
    keys: dict[str, int] = {}
    for rec in doc:
        if isinstance(rec, dict):
            for k in rec:
                keys.setdefault(str(k), len(keys))
    header = list(keys)
    rows: list[tuple[int, list[str]]] = [(0, header)]
    issues: list[tuple[int, str | None, str, dict, bool]] = []
    for i, rec in enumerate(doc, start=1):
        if not isinstance(rec, dict):
            issues.append((i, None, "bad_record", {"n": i, "kind": _kind(rec)}, True))
            rows.append((i, [""] * len(header)))
            continue
        cells = [""] * len(header)
        for k, v in rec.items():
            j = keys[str(k)]
            t = _text(v)
            if t is None:
                issues.append((i, str(k), "bad_cell", {"detail": f"{k}: {_kind(v)}"}, True))
                t = ""
            cells[j] = t
        rows.append((i, cells))
    return RawSheet(file=name, sheet=None, rows=rows, issues=issues, named_columns=True)
