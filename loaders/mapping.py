"""Mapping files (YAML or TOML) for layouts the built-in recognition does not know.

A mapping says, for one inventory layout::

    kind: aplikasi            # or "opd" (a list of units); default: detected
    sheet: Inventaris         # xlsx: only this sheet (default: every sheet)
    header_row: 3             # default: detected
    only_mapped: false        # true: ignore columns not listed under "columns"
    columns:                  # header text (compared loosely) -> field; "abaikan" drops a column
      Nama App: nama
      Kode Unit: opd_pengelola
    values:                   # per field: raw value (compared loosely) -> value to use
      status: {naktif: tidak aktif, "1": aktif}
      jenis: {"1": Khusus, "2": Umum}
    constants:                # fields that hold the same value for every row
      pemda: Pemerintah Kota Medan
    joins:                    # replace a field's value through a lookup file
      - field: opd_pengelola
        file: opd_medan.csv   # relative to the mapping file
        key: kode_opd         # lookup column matched against the value
        value: nama_opd       # lookup column whose text replaces it

Fields: see ``columns.APP_FIELDS`` / ``columns.OPD_FIELDS`` (``spbe mapping suggest FILE`` prints a draft).
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

from .columns import APP_FIELDS, IGNORE, OPD_FIELDS, header_key
from .errors import LoaderError
from .messages import msg
from .normalize import loose_key

TOP_KEYS = {"kind", "sheet", "header_row", "only_mapped", "columns", "values", "constants", "joins", "description"}


@dataclass
class Join:
    field: str
    file: Path
    key: str
    value: str
    table: dict[str, str] = dataclasses.field(default_factory=dict)  # loose key -> replacement text


@dataclass
class Mapping:
    source: str = ""
    kind: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    only_mapped: bool = False
    columns: dict[str, str] = dataclasses.field(default_factory=dict)  # header_key -> field
    values: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)  # field -> loose key -> value
    constants: dict[str, str] = dataclasses.field(default_factory=dict)
    joins: list[Join] = dataclasses.field(default_factory=list)

    def value(self, fld: str, raw: str) -> str:
        vm = self.values.get(fld)
        if vm:
            return vm.get(loose_key(raw), vm.get(raw.strip(), raw))
        return raw


def _bad(path: Path, detail: str, lang: str) -> LoaderError:
    return LoaderError(msg("bad_mapping", lang, file=path.name, detail=detail))


def load_mapping(path: Path, *, lang: str = "id", delimiter: str | None = None, encoding: str | None = None,
                 lookup_dir: Path | None = None) -> Mapping:
    """Read and check a mapping file; joins' lookup files are read here too.

    ``lookup_dir``: where lookup files may be (the server passes the folder of one upload, so an uploaded
    mapping can never read a file of the server: an absolute path or ``..`` is refused)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LoaderError(msg("file_missing", lang, file=str(path))) from None
    except (OSError, UnicodeDecodeError) as e:
        raise _bad(path, str(e), lang) from None
    try:
        if path.suffix.lower() == ".toml":
            doc = tomllib.loads(text)
        else:
            doc = yaml.safe_load(text)
    except tomllib.TOMLDecodeError as e:
        raise _bad(path, str(e), lang) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (baris/line {mark.line + 1}, kolom/column {mark.column + 1})" if mark else ""
        raise _bad(path, f"{getattr(e, 'problem', None) or e}{where}", lang) from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise _bad(path, "isi harus berupa pemetaan kunci: nilai / must be a key: value mapping", lang)
    unknown = set(doc) - TOP_KEYS
    if unknown:
        raise _bad(path, f"kunci tidak dikenal / unknown keys: {', '.join(sorted(map(str, unknown)))}; "
                         f"yang sah / valid: {', '.join(sorted(TOP_KEYS))}", lang)
    m = Mapping(source=path.name)
    kind = doc.get("kind")
    if kind is not None and kind not in ("aplikasi", "opd"):
        raise _bad(path, f"kind '{kind}' harus 'aplikasi' atau 'opd' / must be 'aplikasi' or 'opd'", lang)
    m.kind = kind
    fields = set(OPD_FIELDS if kind == "opd" else APP_FIELDS) | (set(OPD_FIELDS) if kind is None else set())
    valid = ", ".join(sorted(fields))
    m.sheet = None if doc.get("sheet") is None else str(doc["sheet"])
    hr = doc.get("header_row")
    if hr is not None and (not isinstance(hr, int) or isinstance(hr, bool) or hr < 1):
        raise _bad(path, f"header_row harus bilangan bulat >= 1 / must be an integer >= 1 (ditemukan/found {hr!r})", lang)
    m.header_row = hr
    m.only_mapped = bool(doc.get("only_mapped", False))

    def _section(name: str) -> dict:
        v = doc.get(name) or {}
        if not isinstance(v, dict):
            raise _bad(path, f"'{name}' harus berupa pemetaan / must be a mapping", lang)
        return v

    for header, fld in _section("columns").items():
        if fld not in fields:
            raise _bad(path, f"kolom '{header}': bidang '{fld}' tidak dikenal / unknown field; pilih / choose: {valid}", lang)
        m.columns[header_key(str(header))] = fld
    for fld, vm in _section("values").items():
        if fld not in fields or not isinstance(vm, dict):
            raise _bad(path, f"values.{fld}: harus bidang yang sah berisi pemetaan / must be a valid field holding a mapping", lang)
        m.values[fld] = {loose_key(str(k)): str(v) for k, v in vm.items()}
    for fld, v in _section("constants").items():
        if fld not in fields or fld == IGNORE:
            raise _bad(path, f"constants.{fld}: bidang tidak dikenal / unknown field; pilih / choose: {valid}", lang)
        m.constants[fld] = str(v)
    joins = doc.get("joins") or []
    if not isinstance(joins, list):
        raise _bad(path, "'joins' harus berupa daftar / must be a list", lang)
    for i, j in enumerate(joins, start=1):
        if not isinstance(j, dict) or not {"field", "file", "key", "value"} <= set(j):
            raise _bad(path, f"joins[{i}] perlu / needs field, file, key, value", lang)
        if j["field"] not in fields:
            raise _bad(path, f"joins[{i}].field '{j['field']}' tidak dikenal / unknown; pilih / choose: {valid}", lang)
        lookup = (path.parent / str(j["file"])).resolve()
        if lookup_dir is not None and not lookup.is_relative_to(lookup_dir.resolve()):
            raise _bad(path, f"joins[{i}].file '{j['file']}': berkas rujukan harus ikut diunggah (kolom 'lookup') dan "
                             f"disebut dengan namanya saja / the lookup file must be uploaded too (field 'lookup') "
                             f"and named by its file name only", lang)
        jn = Join(field=j["field"], file=lookup, key=str(j["key"]), value=str(j["value"]))
        jn.table = _read_lookup(lookup, jn.key, jn.value, path, lang, j.get("sheet"), delimiter, encoding)
        m.joins.append(jn)
    return m


def _read_lookup(lookup: Path, key: str, value: str, mapping_path: Path, lang: str, sheet, delimiter, encoding) -> dict[str, str]:
    from .readers import read_raw

    sheets = read_raw(lookup, lang=lang, sheet=None if sheet is None else str(sheet), delimiter=delimiter, encoding=encoding)
    for raw in sheets:
        rows = [r for r in raw.rows if any(c.strip() for c in r[1])]
        if not rows:
            continue
        header = [header_key(c) for c in rows[0][1]]
        kk, vk = header_key(key), header_key(value)
        if kk in header and vk in header:
            ki, vi = header.index(kk), header.index(vk)
            out = {}
            for _, cells in rows[1:]:
                if ki < len(cells) and vi < len(cells) and cells[ki].strip():
                    out[loose_key(cells[ki])] = cells[vi].strip()
            return out
    raise _bad(mapping_path, f"berkas rujukan / lookup file {lookup.name} tidak memiliki kolom / lacks columns "
                             f"'{key}' dan/and '{value}'", lang)
