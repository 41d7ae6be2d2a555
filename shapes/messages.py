"""User-facing words of the validation command and reports, in Bahasa Indonesia and English.

>>> t("conforms", "en")
'Conforms: no results at or above the chosen level.'
>>> t("counts", "id", v=1, w=2, i=3)
'1 pelanggaran, 2 peringatan, 3 info'
"""

from __future__ import annotations

_M: dict[str, tuple[str, str]] = {
    "conforms": ("Sesuai: tidak ada temuan pada tingkat yang dipilih atau di atasnya.",
                 "Conforms: no results at or above the chosen level."),
    "fails": ("Tidak sesuai: {n} temuan pada tingkat {level} atau di atasnya.",
              "Does not conform: {n} results at level {level} or above."),
    "counts": ("{v} pelanggaran, {w} peringatan, {i} info", "{v} violations, {w} warnings, {i} info"),
    "title": ("Laporan validasi SPBE", "SPBE validation report"),
    "file": ("Berkas", "File"),
    "no_file": ("(tanpa berkas sumber: data di store)", "(no source file: data in the store)"),
    "opd": ("OPD", "OPD"),
    "no_opd": ("(tanpa OPD)", "(no OPD)"),
    "fix": ("perbaiki di", "fix at"),
    "Violation": ("PELANGGARAN", "VIOLATION"),
    "Warning": ("PERINGATAN", "WARNING"),
    "Info": ("INFO", "INFO"),
    "value": ("nilai", "value"),
    "rule": ("aturan", "rule"),
    "engine": ("mesin", "engine"),
    "no_input": ("Tidak ada berkas untuk divalidasi. Sebutkan BERKAS ... atau --store DIR / --endpoint URL.",
                 "Nothing to validate. Give FILE ... or --store DIR / --endpoint URL."),
    "both_inputs": ("Pilih salah satu: BERKAS ... atau --store/--endpoint, bukan keduanya.",
                    "Choose one: FILE ... or --store/--endpoint, not both."),
    "store_missing": ("Store {path} tidak ada. Muat data dulu dengan `spbe load --store {path} BERKAS`.",
                      "Store {path} does not exist. Load data first with `spbe load --store {path} FILE`."),
    "rows_in_error": ("{n} baris tidak dapat dimuat dan tidak ikut divalidasi; dilaporkan sebagai pelanggaran "
                      "pemuat#BarisTerbaca (lihat juga `spbe convert`).",
                      "{n} rows could not be loaded and were not validated; reported as violations of "
                      "pemuat#BarisTerbaca (see also `spbe convert`)."),
    "written": ("Laporan ditulis ke {path}", "Report written to {path}"),
    "cannot_write": ("Tidak dapat menulis {path}: {err}", "Cannot write {path}: {err}"),
    "unknown_format": ("Format laporan tidak dikenal: {fmt}. Pilih salah satu: {choices}.",
                       "Unknown report format: {fmt}. Choose one of: {choices}."),
    "no_upload": ("Unggah satu berkas inventaris (xlsx/csv) atau RDF pada field 'file'.",
                  "Upload one inventory file (xlsx/csv) or RDF file in the 'file' field."),
    "too_large": ("Berkas terlalu besar (lebih dari {n} byte).", "File too large (more than {n} bytes)."),
}


def t(key: str, lang: str = "id", **kw) -> str:
    i, e = _M[key]
    s = e if lang == "en" else i
    return s.format(**kw) if kw else s
