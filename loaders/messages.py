"""Bilingual (Bahasa Indonesia / English) texts for loader errors, skips and warnings.

Every message has an id; ``msg(id, lang, **fields)`` renders it. Each text says what is wrong
and what to do about it.

>>> msg("placeholder_name", "en", value="tidak ada")
"the application name 'tidak ada' is a placeholder, not an application; the row is skipped (fill in the real name or delete the row)"
>>> msg("placeholder_name", "id", value="-").startswith("nama aplikasi '-'")
True
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- row skips -------------------------------------------------------------------------
    "empty_row": (
        "baris kosong, dilewati",
        "empty row, skipped",
    ),
    "placeholder_name": (
        "nama aplikasi '{value}' adalah isian pengganti, bukan aplikasi; baris dilewati "
        "(isi nama aplikasi yang sebenarnya atau hapus baris ini)",
        "the application name '{value}' is a placeholder, not an application; the row is skipped "
        "(fill in the real name or delete the row)",
    ),
    "missing_name": (
        "nama aplikasi kosong; baris dilewati (isi kolom nama aplikasi)",
        "the application name is empty; the row is skipped (fill in the application name column)",
    ),
    "missing_opd_name": (
        "nama perangkat daerah kosong; baris dilewati (isi kolom nama OPD)",
        "the unit (OPD) name is empty; the row is skipped (fill in the unit name column)",
    ),
    # --- row errors ------------------------------------------------------------------------
    "missing_instansi": (
        "instansi/pemda tidak diketahui (tidak ada kolom pemda dan tidak diberikan); "
        "berikan --instansi \"Pemerintah Kabupaten ...\" atau konstanta 'pemda' di berkas pemetaan",
        "the agency/pemda is unknown (no pemda column and none given); "
        "pass --instansi \"Pemerintah Kabupaten ...\" or a 'pemda' constant in the mapping file",
    ),
    "ragged_row": (
        "baris memiliki {n} sel sedangkan judul kolom hanya {m}; sel berlebih diabaikan "
        "(periksa pemisah kolom atau tanda kutip)",
        "the row has {n} cells but the header only {m}; the extra cells are ignored "
        "(check the delimiter or quoting)",
    ),
    "bad_year": (
        "tahun '{value}' tidak dikenali dan diabaikan (isi tahun empat angka, mis. 2021)",
        "year '{value}' not understood and ignored (write a four-digit year, e.g. 2021)",
    ),
    "bad_code": (
        "kode '{value}' tidak sesuai pola {prefix}.NN.NN...; diabaikan (tulis kode seperti {prefix}.02.04)",
        "code '{value}' does not match the pattern {prefix}.NN.NN...; ignored (write a code such as {prefix}.02.04)",
    ),
    "code_repaired": (
        "kode '{value}' tidak ditulis baku; dibaca sebagai {code} (tulis {code})",
        "code '{value}' is not in the standard form; read as {code} (write {code})",
    ),
    "bad_cell": (
        "isi sel tidak dapat dibaca ({detail}); tulis teks atau angka biasa",
        "the cell cannot be read ({detail}); write plain text or a number",
    ),
    "join_miss": (
        "nilai '{value}' tidak ditemukan di berkas rujukan {lookup}; periksa kode atau lengkapi berkas rujukan",
        "value '{value}' was not found in the lookup file {lookup}; check the code or complete the lookup file",
    ),
    "bad_record": (
        "rekaman JSON ke-{n} bukan objek (ditemukan {kind}); setiap rekaman harus berupa objek {{\"kolom\": nilai}}",
        "JSON record {n} is not an object (found {kind}); each record must be an object {{\"column\": value}}",
    ),
    # --- row warnings (loaded, but worth a look) -------------------------------------------
    "many_apps_in_cell": (
        "sel nama tampaknya berisi beberapa aplikasi sekaligus ({n} nama); dimuat sebagai satu catatan "
        "(pisahkan menjadi satu aplikasi per baris)",
        "the name cell seems to list several applications at once ({n} names); loaded as one record "
        "(split it into one application per row)",
    ),
    "url_not_url": (
        "alamat '{value}' bukan URL; disimpan hanya sebagai teks asli (spbe:urlAsli) (tulis alamat lengkap, mis. https://...)",
        "address '{value}' is not a URL; kept only as raw text (spbe:urlAsli) (write a full address, e.g. https://...)",
    ),
    "name_is_domain": (
        "nama aplikasi '{value}' adalah nama domain; tulis nama aplikasinya",
        "the application name '{value}' is a domain name; write the application's name",
    ),
    "status_unknown": (
        "status '{value}' tidak dikenali (harapkan Aktif / Tidak Aktif); hanya teks asli disimpan",
        "status '{value}' not recognised (expected Aktif / Tidak Aktif); only the raw text is kept",
    ),
    "duplicate_name": (
        "aplikasi '{value}' sudah tercatat di OPD yang sama pada baris {first}; dicatat dengan IRI berakhiran -{n}",
        "application '{value}' is already recorded for the same unit on row {first}; recorded with an IRI ending -{n}",
    ),
    # --- whole-file problems (LoaderError) -------------------------------------------------
    "file_missing": (
        "berkas {file} tidak ditemukan; periksa nama dan lokasinya",
        "file {file} not found; check its name and location",
    ),
    "file_unreadable": (
        "berkas {file} tidak dapat dibaca: {detail}",
        "file {file} cannot be read: {detail}",
    ),
    "unknown_format": (
        "format berkas {file} tidak dikenali (ekstensi '{ext}'); gunakan .csv, .xlsx, .json, .ttl, .nt, .nq, .trig atau .jsonld",
        "the format of {file} is not recognised (extension '{ext}'); use .csv, .xlsx, .json, .ttl, .nt, .nq, .trig or .jsonld",
    ),
    "bad_xlsx": (
        "berkas {file} bukan workbook Excel (.xlsx) yang utuh: {detail}; simpan ulang dari Excel/LibreOffice sebagai .xlsx",
        "{file} is not a complete Excel workbook (.xlsx): {detail}; save it again from Excel/LibreOffice as .xlsx",
    ),
    "bad_json": (
        "berkas {file} bukan JSON yang sah: {detail}",
        "{file} is not valid JSON: {detail}",
    ),
    "json_not_list": (
        "berkas {file} harus berisi daftar rekaman JSON ([{{...}}, ...]), ditemukan {kind}",
        "{file} must hold a JSON list of records ([{{...}}, ...]), found {kind}",
    ),
    "bad_rdf": (
        "berkas RDF {file} tidak sah: {detail}",
        "RDF file {file} is not valid: {detail}",
    ),
    "binary_csv": (
        "berkas {file} tampaknya bukan teks (berisi byte biner); simpan sebagai CSV teks",
        "{file} does not look like text (it holds binary bytes); save it as a text CSV",
    ),
    "bad_encoding": (
        "berkas {file} tidak dapat didekode dengan encoding {encoding}: {detail}; coba --encoding utf-8 atau cp1252",
        "{file} cannot be decoded as {encoding}: {detail}; try --encoding utf-8 or cp1252",
    ),
    "no_header": (
        "{where}: tidak ditemukan baris judul kolom yang dikenali; gunakan --mapping (lihat 'spbe mapping suggest {file}')",
        "{where}: no recognisable header row found; use --mapping (see 'spbe mapping suggest {file}')",
    ),
    "no_name_column": (
        "{where}: tidak ada kolom nama aplikasi atau nama OPD di antara judul kolom ({headers}); "
        "gunakan --mapping (lihat 'spbe mapping suggest {file}')",
        "{where}: no application-name or unit-name column among the headers ({headers}); "
        "use --mapping (see 'spbe mapping suggest {file}')",
    ),
    "not_inventory": (
        "{file} berisi kolom 'berkas' dan 'baris' (daftar temuan/rujukan tentang berkas lain), bukan inventaris; "
        "dilewati tanpa dimuat (gunakan --mapping bila berkas ini memang inventaris)",
        "{file} has 'berkas' and 'baris' columns (a findings/reference list about other files), not an inventory; "
        "passed over, nothing loaded (use --mapping if it really is an inventory)",
    ),
    "sheet_missing": (
        "lembar '{sheet}' tidak ada di {file}; lembar yang ada: {sheets}",
        "sheet '{sheet}' is not in {file}; its sheets are: {sheets}",
    ),
    "bad_mapping": (
        "berkas pemetaan {file} salah: {detail}",
        "mapping file {file} is wrong: {detail}",
    ),
    "bad_delimiter": (
        "pemisah kolom '{value}' harus satu karakter (mis. ',', ';' atau '\\t')",
        "the delimiter '{value}' must be a single character (e.g. ',', ';' or '\\t')",
    ),
    "no_files": (
        "tidak ada berkas yang diberikan",
        "no files given",
    ),
}


def msg(key: str, lang: str = "id", **fields: object) -> str:
    """Render message ``key`` in ``lang`` ("id" or "en") with ``fields``."""
    texts = MESSAGES[key]
    text = texts[1] if lang == "en" else texts[0]
    return text.format(**fields)


def where(file: str, sheet: str | None = None, row: int | None = None, column: str | None = None,
          lang: str = "id") -> str:
    """'file, lembar X, baris 3, kolom D' style location."""
    parts = [file]
    if sheet:
        parts.append(("sheet " if lang == "en" else "lembar ") + sheet)
    if row is not None:
        parts.append(("row " if lang == "en" else "baris ") + str(row))
    if column:
        parts.append(("column " if lang == "en" else "kolom ") + column)
    return ", ".join(parts)
