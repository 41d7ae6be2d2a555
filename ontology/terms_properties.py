"""The readable table of ontology properties (classes are in ``terms``).

``O`` = object property, ``D`` = datatype property, ``A`` = annotation property. Domain and range
are given only where they hold for every use the loaders and queries make (MODEL.md).

>>> from spbe_kg.ontology.terms_properties import PROPERTIES
>>> [p.range for p in PROPERTIES if p.name == "tahunPembuatan"]
['xsd:gYear']
>>> all(p.kind in {"object", "data", "annotation"} for p in PROPERTIES)
True
"""

from __future__ import annotations

from .terms import Term


def O(name, label_id, label_en, def_id, def_en, domain=None, range=None, parents=()):
    return Term("object", name, label_id, label_en, def_id, def_en, tuple(parents), domain, range)


def D(name, label_id, label_en, def_id, def_en, domain=None, range="rdfs:Literal", parents=()):
    return Term("data", name, label_id, label_en, def_id, def_en, tuple(parents), domain, range)


def A(name, label_id, label_en, def_id, def_en):
    return Term("annotation", name, label_id, label_en, def_id, def_en)


_CONCEPT = "skos:Concept"
_APP = "spbe:Aplikasi"
_EL = "spbe:ElemenArsitektur"

PROPERTIES: tuple[Term, ...] = (
    # --- identity -------------------------------------------------------------------------
    D("nama", "nama", "name", "Nama resmi atau nama yang dicatat.", "The official or recorded name.",
      parents=["schema:name"], range="xsd:string"),
    D("namaSingkat", "nama singkat", "short name", "Nama singkat atau akronim.", "Short name or acronym.",
      parents=["schema:alternateName"]),
    D("alias", "alias", "alias", "Nama lain yang dipakai pengguna untuk hal yang sama.",
      "Another name users write for the same thing."),
    D("deskripsi", "deskripsi", "description", "Uraian singkat.", "A short description (uraian).",
      parents=["schema:description"]),
    D("fungsi", "fungsi", "function", "Fungsi yang dijalankan.", "What it does."),
    D("luaran", "luaran", "output", "Luaran atau keluaran yang dihasilkan.", "The output it produces."),
    D("url", "URL", "URL", "Alamat web (satu nilai per URL).", "A web address (one value per URL).",
      range="xsd:anyURI", parents=["schema:url"]),
    D("hostUrl", "host URL", "URL host", "Nama host sebuah URL, huruf kecil (mis. srikandi.arsip.go.id).",
      "The host of a URL, lower case (e.g. srikandi.arsip.go.id).", range="xsd:string"),
    D("urlAsli", "URL (asli)", "address (as written)",
      "Isi sel alamat persis seperti ditulis bila bukan tepat satu URL (mis. \"VPN\").",
      "The address cell as written when it is not exactly one URL (e.g. \"VPN\").", domain=_APP),
    D("idSiaSpbe", "ID SIA-SPBE", "SIA-SPBE ID", "Nomor identitas pada portal SIA-SPBE.",
      "The identifier in the SIA-SPBE portal.", range="xsd:string"),
    D("tahunPembuatan", "tahun pembuatan", "year built", "Tahun aplikasi dibuat.",
      "The year the application was built.", domain=_APP, range="xsd:gYear"),
    D("dasarHukum", "dasar hukum", "legal basis", "Peraturan yang menjadi dasar hukum.",
      "The regulation that is the legal basis."),
    # --- ownership ------------------------------------------------------------------------
    O("instansi", "instansi", "agency", "Instansi pemilik unsur ini.", "The agency this element belongs to.",
      range="spbe:Instansi"),
    O("opdPengelola", "OPD pengelola", "managing unit", "Unit kerja yang mengelola aplikasi.",
      "The organisational unit that manages the application.", _APP, "spbe:UnitKerja"),
    O("opdPengguna", "OPD pengguna", "using unit", "Unit kerja yang menggunakan aplikasi (bisa banyak).",
      "An organisational unit that uses the application (may be many).", _APP, "spbe:UnitKerja"),
    D("pengembang", "pengembang", "developer", "Pengembang atau vendor aplikasi.",
      "The developer or vendor of the application.", domain=_APP),
    O("bagianDari", "bagian dari", "unit of", "Instansi tempat unit kerja berada.",
      "The agency the unit belongs to.", "spbe:UnitKerja", "spbe:Instansi", ["org:unitOf"]),
    O("indukUnit", "induk unit", "parent unit", "Unit kerja induk (mis. Sekretariat Daerah bagi sebuah Biro).",
      "The parent unit (e.g. the regional secretariat of a bureau).", "spbe:UnitKerja", "spbe:UnitKerja",
      ["org:subOrganizationOf"]),
    O("wilayah", "wilayah", "area", "Wilayah administrasi sebuah instansi.", "The administrative area of an agency.",
      "spbe:Instansi", "spbe:Wilayah"),
    D("kodeWilayah", "kode wilayah", "area code", "Kode wilayah Kemendagri.",
      "The Ministry of Home Affairs area code.", range="xsd:string"),
    O("wilayahInduk", "wilayah induk", "parent area", "Wilayah yang melingkupi wilayah ini.",
      "The area that contains this area.", "spbe:Wilayah", "spbe:Wilayah"),
    O("instansiPengelola", "instansi pengelola", "managing agency", "Instansi pusat pengelola aplikasi nasional.",
      "The central agency that manages a national application.", "spbe:AplikasiNasional", "spbe:Instansi"),
    # --- classification -------------------------------------------------------------------
    O("kodeReferensi", "kode referensi", "reference code", "Kode Referensi Arsitektur yang dipetakan ke unsur ini.",
      "A reference-architecture code this element is mapped to.", _EL, _CONCEPT),
    O("kodeRAL", "kode RAL", "RAL code", "Kode Referensi Arsitektur Layanan.", "A service reference code (RAL).",
      _EL, _CONCEPT, ["spbe:kodeReferensi"]),
    O("kodeRAB", "kode RAB", "RAB code", "Kode Referensi Arsitektur Proses Bisnis.",
      "A business-process reference code (RAB).", _EL, _CONCEPT, ["spbe:kodeReferensi"]),
    O("kodeRAD", "kode RAD", "RAD code", "Kode Referensi Arsitektur Data dan Informasi.",
      "A data reference code (RAD).", _EL, _CONCEPT, ["spbe:kodeReferensi"]),
    O("kodeRAA", "kode RAA", "RAA code", "Kode Referensi Arsitektur Aplikasi.", "An application reference code (RAA).",
      _EL, _CONCEPT, ["spbe:kodeReferensi"]),
    O("kodeRAI", "kode RAI", "RAI code", "Kode Referensi Arsitektur Infrastruktur.",
      "An infrastructure reference code (RAI).", _EL, _CONCEPT, ["spbe:kodeReferensi"]),
    O("kodeRAK", "kode RAK", "RAK code", "Kode Referensi Arsitektur Keamanan.", "A security reference code (RAK).",
      _EL, _CONCEPT, ["spbe:kodeReferensi"]),
    O("jenisAplikasi", "jenis aplikasi", "application type",
      "Jenis aplikasi turunan: RAA.01 Aplikasi Umum atau RAA.02 Aplikasi Khusus.",
      "The derived application type: RAA.01 common or RAA.02 specific.", _APP, _CONCEPT, ["spbe:kodeRAA"]),
    D("jenisAplikasiAsli", "jenis aplikasi (asli)", "application type (as written)",
      "Jenis aplikasi persis seperti ditulis di sumber (mis. \"Aplikasi Pusat/Umum\").",
      "The application type exactly as the source writes it (e.g. \"Aplikasi Pusat/Umum\").", _APP),
    O("lingkup", "lingkup", "scope", "Lingkup aplikasi: pusat atau daerah.", "Application scope: central or regional.",
      _APP, _CONCEPT),
    O("padananRAB", "padanan RAB", "RAB counterpart", "Konsep RAB yang sepadan dengan konsep RAL atau RAD ini.",
      "The RAB concept that corresponds to this RAL or RAD concept.", _CONCEPT, _CONCEPT, ["skos:closeMatch"]),
    D("level", "level", "level", "Tingkat kode dalam Referensi Arsitektur (1-3 nasional, 4-7 instansi).",
      "The level of a code in the reference architecture (1-3 national, 4-7 agency).", _CONCEPT, "xsd:integer"),
    D("namaLevel", "nama level", "level name", "Nama kerja tingkat kode (mis. \"Fungsi Layanan\").",
      "The working name of the code's level (e.g. \"Fungsi Layanan\").", _CONCEPT, range="xsd:string"),
    # --- links ------------------------------------------------------------------------------
    O("melayani", "melayani", "serves", "Layanan yang diselenggarakan dengan aplikasi ini.",
      "A service delivered with this application.", _APP, "spbe:Layanan"),
    O("mendukungFungsi", "mendukung fungsi", "supports function", "Proses bisnis yang didukung aplikasi ini.",
      "A business process this application supports.", _APP, "spbe:ProsesBisnis"),
    O("menghasilkanData", "menghasilkan data", "produces data", "Data yang dihasilkan aplikasi ini.",
      "Data this application produces.", _APP, "spbe:DataInformasi"),
    O("menggunakanInfrastruktur", "menggunakan infrastruktur", "uses infrastructure",
      "Infrastruktur SPBE yang dipakai aplikasi ini.", "SPBE infrastructure this application uses.", _APP,
      "spbe:InfrastrukturSPBE"),
    O("merupakanAplikasiNasional", "merupakan aplikasi nasional", "is national application",
      "Aplikasi nasional yang sebenarnya dicatat oleh catatan aplikasi ini.",
      "The national application this application record actually is.", _APP, "spbe:AplikasiNasional"),
    # --- status and technology ----------------------------------------------------------------
    O("statusAplikasi", "status aplikasi", "application status", "Status aplikasi: aktif atau tidak aktif.",
      "Application status: active or inactive.", _APP, _CONCEPT),
    D("statusAsli", "status (asli)", "status (as written)", "Status persis seperti ditulis di sumber.",
      "The status exactly as the source writes it.", _APP),
    D("alasanTidakAktif", "alasan tidak aktif", "reason inactive", "Alasan aplikasi tidak aktif.",
      "Why the application is inactive.", _APP),
    O("basisAplikasi", "basis aplikasi", "platform", "Basis aplikasi: web, mobile atau desktop.",
      "Application platform: web, mobile or desktop.", _APP, _CONCEPT),
    O("tipeLisensi", "tipe lisensi", "licence type", "Tipe lisensi perangkat lunak.", "Software licence type.",
      _APP, _CONCEPT),
    D("basisData", "basis data", "database", "Sistem basis data yang dipakai.", "The database system used.", _APP),
    D("bahasaPemrograman", "bahasa pemrograman", "programming language", "Bahasa pemrograman yang dipakai.",
      "The programming language used.", _APP),
    O("hosting", "hosting", "hosting", "Tempat aplikasi dijalankan (PDN, server sendiri, cloud, pihak ketiga).",
      "Where the application runs (national data centre, own server, cloud, third party).", _APP, _CONCEPT),
    O("integrasi", "integrasi", "integration", "Cara aplikasi terintegrasi (SPLP, API, tidak ada).",
      "How the application integrates (SPLP, API, none).", _APP, _CONCEPT),
    O("penetapanUmum", "penetapan Aplikasi Umum", "common-application designation",
      "Seberapa pasti aplikasi nasional ini ditetapkan sebagai Aplikasi Umum.",
      "How certain it is that this national application is designated a common application.",
      "spbe:AplikasiNasional", _CONCEPT),
    # --- service metadata (SIA-SPBE) -----------------------------------------------------------
    D("tujuan", "tujuan", "purpose", "Tujuan layanan.", "The purpose of the service.", "spbe:Layanan"),
    O("targetLayanan", "target layanan", "service audience", "Penerima layanan.", "Who the service is for.",
      "spbe:Layanan", _CONCEPT),
    O("metodeLayanan", "metode layanan", "service channel", "Metode layanan: elektronik, hybrid, tatap muka.",
      "How the service is delivered: electronic, hybrid, face to face.", "spbe:Layanan", _CONCEPT),
    D("potensiManfaat", "potensi manfaat", "expected benefit", "Potensi manfaat layanan.",
      "The expected benefit of the service.", "spbe:Layanan"),
    O("unitPelaksana", "unit pelaksana", "delivering unit", "Unit kerja pelaksana layanan.",
      "The unit that delivers the service.", "spbe:Layanan", "spbe:UnitKerja"),
    D("urusan", "urusan", "government affair", "Urusan pemerintahan layanan.",
      "The government affair (urusan) of the service.", "spbe:Layanan"),
    # --- provenance -------------------------------------------------------------------------------
    O("barisSumber", "baris sumber", "source row", "Baris sumber tempat sumber daya ini dibaca.",
      "The source row this resource was read from.", range="spbe:BarisSumber", parents=["prov:wasDerivedFrom"]),
    D("nomorBaris", "nomor baris", "row number", "Nomor baris seperti tampil di lembar kerja (mulai 1).",
      "The row number as the spreadsheet shows it (1-based).", "spbe:BarisSumber", "xsd:integer"),
    O("lembar", "lembar", "sheet", "Lembar tempat baris ini berada.", "The sheet this row is on.",
      "spbe:BarisSumber", "spbe:LembarSumber"),
    O("berkas", "berkas", "file", "Berkas tempat lembar ini berada.", "The file this sheet is in.",
      "spbe:LembarSumber", "spbe:SumberBerkas"),
    D("namaLembar", "nama lembar", "sheet name", "Nama lembar kerja.", "The worksheet name.", "spbe:LembarSumber", range="xsd:string"),
    O("pemetaanKolom", "pemetaan kolom", "column mapping", "Pemetaan satu kolom lembar ini ke properti.",
      "The mapping of one column of this sheet to a property.", "spbe:LembarSumber", "spbe:PemetaanKolom"),
    D("kolom", "kolom", "column", "Teks judul kolom.", "The column header text.", "spbe:PemetaanKolom"),
    D("hurufKolom", "huruf kolom", "column letter", "Huruf kolom (csv: nomor kolom sebagai huruf).",
      "The column letter (csv: the column number as a letter).", "spbe:PemetaanKolom", range="xsd:string"),
    A("untukProperti", "untuk properti", "for property", "Properti yang diisi oleh kolom ini.",
      "The property this column feeds."),
    D("namaBerkas", "nama berkas", "file name", "Nama berkas sumber.", "The source file name.", range="xsd:string"),
    D("sha256", "SHA-256", "SHA-256", "Sidik SHA-256 isi berkas.", "The SHA-256 digest of the content.", range="xsd:string"),
    D("jumlahBaris", "jumlah baris", "row count", "Jumlah baris data yang dibaca.", "Number of data rows read.",
      range="xsd:integer"),
    D("jumlahDimuat", "jumlah dimuat", "rows loaded", "Jumlah baris yang dimuat.", "Number of rows loaded.",
      range="xsd:integer"),
    D("jumlahDilewati", "jumlah dilewati", "rows skipped", "Jumlah baris yang dilewati.", "Number of rows skipped.",
      range="xsd:integer"),
    D("versiPemuat", "versi pemuat", "loader version", "Versi perangkat lunak pemuat.",
      "The version of the loading software.", range="xsd:string"),
    # --- duplicate findings -----------------------------------------------------------------------------
    O("anggota", "anggota", "member", "Catatan aplikasi anggota klaster.", "An application record in the cluster.",
      "spbe:KlasterDuplikasi", _APP),
    O("anggotaA", "anggota A", "member A", "Catatan aplikasi pertama pasangan.", "The first record of the pair.",
      "spbe:KandidatDuplikasi", _APP),
    O("anggotaB", "anggota B", "member B", "Catatan aplikasi kedua pasangan.", "The second record of the pair.",
      "spbe:KandidatDuplikasi", _APP),
    D("skor", "skor", "score", "Skor kemiripan (0-1).", "Similarity score (0-1).", range="xsd:decimal"),
    O("bukti", "bukti", "evidence", "Bukti yang mendukung temuan.", "Evidence behind the finding.",
      range="spbe:Bukti"),
    D("jenisBukti", "jenis bukti", "evidence kind",
      "Jenis bukti: nama, akronim, host-url, deskripsi, aplikasi-nasional, kode-ral, kode-rab.",
      "Kind of evidence: name, acronym, URL host, description, national application, RAL code, RAB code.",
      "spbe:Bukti", range="xsd:string"),
    D("nilaiBukti", "nilai bukti", "evidence value", "Nilai yang menjadi bukti (mis. host yang sama).",
      "The value that is the evidence (e.g. the shared host).", "spbe:Bukti"),
    D("jenisDuplikasi", "jenis duplikasi", "duplication kind",
      "satu-aplikasi-banyak-pencatat atau aplikasi-berbeda-fungsi-sama.",
      "one-application-many-recorders or different-applications-same-function.", range="xsd:string"),
    O("targetKonsolidasi", "target konsolidasi", "consolidation target",
      "Aplikasi tujuan konsolidasi.", "The application to consolidate onto.", range=_APP),
    D("disposisi", "disposisi", "disposition", "Tolerate, invest, migrate atau eliminate.",
      "Tolerate, invest, migrate or eliminate.", range="xsd:string"),
    O("rekomendasi", "rekomendasi", "recommendation", "Rekomendasi untuk satu anggota klaster.",
      "The recommendation for one member of the cluster.", "spbe:KlasterDuplikasi", "spbe:Rekomendasi"),
    O("untukAnggota", "untuk anggota", "for member", "Catatan aplikasi yang menjadi pokok rekomendasi.",
      "The application record the recommendation is about.", "spbe:Rekomendasi", _APP),
    D("alasan", "alasan", "rationale", "Alasan rekomendasi atau penetapan.",
      "The rationale of a recommendation or designation."),
)

from .terms_saran import PROPERTIES as _SARAN_PROPERTIES  # noqa: E402  (code suggestions, decisions, lexicon)

PROPERTIES = PROPERTIES + _SARAN_PROPERTIES
