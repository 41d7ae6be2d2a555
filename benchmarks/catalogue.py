"""Static catalogue the synthetic inventories are drawn from (functions, national and local apps).

Every reference code here is a real level-3 code of ``ontology/sources`` (RAL with its RAB
twin from column ``kode_rab_padanan``, RAD level 2); ``tests/benchmarks`` checks that. National
applications and their URLs are those of ``aplikasi_nasional_dipakai_pemda.csv``; the local
applications are ILLUSTRATIVE: typical of regional census forms, not records of a real agency.

Placeholders in names: ``{s}`` short name of the instansi ("Sumut", "Medan"), ``{n}`` its full name.

>>> FUNCS["kearsipan"].ral, FUNCS["kearsipan"].rab
('RAL.02.04.06', 'RAB.09.06.06')
>>> NATIONAL_BY_KEY["srikandi"].nama
'SRIKANDI'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Func:
    """A government function an application serves, with its real reference codes."""

    key: str
    ral: str  # level-3 RAL code
    rab: str  # its RAB twin (kode_rab_padanan)
    rad: str  # a level-2 RAD code for the data it produces
    fungsi: str  # "Fungsi" column text
    luaran: str  # "Luaran" column text

    @property
    def publik(self) -> bool:
        return self.ral.startswith("RAL.01")


def _f(key: str, ral: str, rab: str, rad: str, fungsi: str, luaran: str) -> Func:
    return Func(key, ral, rab, rad, fungsi, luaran)


FUNCS: dict[str, Func] = {f.key: f for f in (
    _f("kepegawaian", "RAL.02.04.03", "RAB.09.06.03", "RAD.09.06", "Pengelolaan data dan administrasi kepegawaian ASN", "Data profil ASN, riwayat jabatan, SK kepegawaian"),
    _f("kinerja-asn", "RAL.02.04.03", "RAB.09.06.03", "RAD.09.06", "Penilaian dan pelaporan kinerja pegawai", "Laporan kinerja harian dan SKP pegawai"),
    _f("diklat", "RAL.02.04.03", "RAB.09.06.03", "RAD.09.06", "Pengelolaan pendidikan dan pelatihan aparatur", "Data peserta dan sertifikat diklat"),
    _f("kearsipan", "RAL.02.04.06", "RAB.09.06.06", "RAD.09.06", "Pengelolaan naskah dinas dan arsip dinamis", "Naskah dinas elektronik, disposisi, arsip"),
    _f("arsip-statis", "RAL.02.04.06", "RAB.09.06.06", "RAD.09.06", "Pengelolaan dan layanan arsip statis", "Daftar arsip statis dan layanan penelusuran"),
    _f("keuangan", "RAL.02.01.06", "RAB.09.01.06", "RAD.09.02", "Penatausahaan keuangan daerah", "SPP, SPM, SP2D, laporan realisasi anggaran"),
    _f("pendapatan", "RAL.02.02.03", "RAB.09.02.03", "RAD.09.02", "Pengelolaan pajak dan pendapatan daerah", "Ketetapan dan realisasi pajak daerah"),
    _f("aset", "RAL.02.02.06", "RAB.09.02.06", "RAD.09.02", "Pengelolaan barang milik daerah", "Kartu inventaris barang, laporan BMD"),
    _f("pengadaan", "RAL.02.02.11", "RAB.09.02.11", "RAD.09.02", "Pengadaan barang/jasa pemerintah", "Paket tender, kontrak, rencana umum pengadaan"),
    _f("perencanaan", "RAL.02.03.01", "RAB.09.05.01", "RAD.09.05", "Perencanaan pembangunan daerah", "Dokumen RKPD, Renja, usulan Musrenbang"),
    _f("penganggaran", "RAL.02.03.02", "RAB.09.05.02", "RAD.09.05", "Penyusunan anggaran pembangunan", "Rencana kerja dan anggaran"),
    _f("monev", "RAL.02.03.03", "RAB.09.05.03", "RAD.09.05", "Pengendalian dan evaluasi pembangunan", "Laporan realisasi fisik dan keuangan"),
    _f("akuntabilitas", "RAL.02.04.04", "RAB.09.06.04", "RAD.09.06", "Akuntabilitas kinerja instansi pemerintah", "Perjanjian kinerja, LKjIP, hasil evaluasi SAKIP"),
    _f("pengawasan", "RAL.02.04.04", "RAB.09.06.04", "RAD.09.06", "Pengawasan internal dan tindak lanjut hasil pemeriksaan", "Laporan hasil audit, status tindak lanjut"),
    _f("pengaduan", "RAL.02.04.05", "RAB.09.06.05", "RAD.09.06", "Pengelolaan pengaduan pelayanan publik", "Tiket pengaduan dan tindak lanjutnya"),
    _f("kelembagaan", "RAL.02.04.02", "RAB.09.06.02", "RAD.09.06", "Analisis jabatan dan beban kerja", "Dokumen anjab dan ABK"),
    _f("tatalaksana", "RAL.02.04.01", "RAB.09.06.01", "RAD.09.06", "Penataan tata laksana dan SOP", "Dokumen SOP dan agenda kegiatan"),
    _f("informasi-publik", "RAL.01.43.03", "RAB.09.03.03", "RAD.09.03", "Layanan informasi publik", "Daftar informasi publik, permohonan informasi"),
    _f("komunikasi-publik", "RAL.01.44.02", "RAB.09.04.02", "RAD.09.04", "Publikasi informasi dan berita pemerintah", "Berita, pengumuman, profil instansi"),
    _f("statistik", "RAL.01.43.04", "RAB.09.03.04", "RAD.09.03", "Pengelolaan data statistik sektoral", "Dataset terbuka dan metadata statistik"),
    _f("geospasial", "RAL.01.43.05", "RAB.09.03.05", "RAD.10.03", "Pengelolaan data geospasial", "Peta tematik dan layanan peta"),
    _f("aplikasi-informatika", "RAL.01.43.02", "RAB.09.03.02", "RAD.09.03", "Tata kelola aplikasi dan layanan TIK", "Akun SSO, tiket layanan TIK"),
    _f("infrastruktur-tik", "RAL.01.43.01", "RAB.09.03.01", "RAD.09.03", "Pengelolaan infrastruktur dan integrasi TIK", "Layanan surel dinas, pertukaran data"),
    _f("perizinan-berusaha", "RAL.01.12.06", "RAB.02.08.06", "RAD.02.08", "Perizinan berusaha berbasis risiko", "NIB dan izin berusaha"),
    _f("perizinan", "RAL.01.12.06", "RAB.02.08.06", "RAD.02.08", "Pelayanan perizinan dan non perizinan daerah", "Izin dan rekomendasi terbit"),
    _f("investasi", "RAL.01.12.03", "RAB.02.08.03", "RAD.02.08", "Promosi penanaman modal", "Profil peluang investasi daerah"),
    _f("rumah-sakit", "RAL.01.25.04", "RAB.04.01.04", "RAD.04.01", "Pelayanan kesehatan rujukan di rumah sakit", "Rekam medis, tagihan, antrian pasien"),
    _f("puskesmas", "RAL.01.25.04", "RAB.04.01.04", "RAD.04.01", "Pelayanan kesehatan dasar di puskesmas", "Data kunjungan dan rekam medis puskesmas"),
    _f("kesehatan-masyarakat", "RAL.01.25.06", "RAB.04.01.06", "RAD.04.01", "Pengelolaan kesehatan masyarakat dan gizi", "Data status gizi dan kesehatan keluarga"),
    _f("penyakit", "RAL.01.25.05", "RAB.04.01.05", "RAD.04.01", "Pencegahan dan pengendalian penyakit", "Laporan surveilans penyakit"),
    _f("kependudukan", "RAL.02.01.07", "RAB.09.01.07", "RAD.03.07", "Administrasi kependudukan dan pencatatan sipil", "Dokumen kependudukan (KK, KTP-el, akta)"),
    _f("sosial-data", "RAL.01.26.05", "RAB.04.02.05", "RAD.04.02", "Pengelolaan data terpadu kesejahteraan sosial", "Data penerima bantuan sosial"),
    _f("sosial-bansos", "RAL.01.26.03", "RAB.04.02.03", "RAD.04.02", "Penyaluran bantuan dan perlindungan sosial", "Daftar penerima dan realisasi bantuan"),
    _f("pendidikan", "RAL.01.31.02", "RAB.06.01.02", "RAD.06.01", "Pengelolaan pendidikan dasar dan menengah", "Data sekolah, siswa, hasil seleksi"),
    _f("tenaga-kerja", "RAL.01.32.02", "RAB.06.02.02", "RAD.06.02", "Penempatan tenaga kerja dan perluasan kesempatan kerja", "Lowongan dan pencari kerja terdaftar"),
    _f("perlindungan-anak", "RAL.01.27.03", "RAB.04.03.03", "RAD.04.03", "Perlindungan perempuan dan anak", "Pencatatan dan penanganan kasus kekerasan"),
    _f("desa", "RAL.02.01.04", "RAB.09.01.04", "RAD.09.01", "Pembinaan pemerintahan desa", "Profil desa dan laporan keuangan desa"),
    _f("perdagangan", "RAL.01.06.01", "RAB.02.02.01", "RAD.02.02", "Pemantauan harga dan perdagangan dalam negeri", "Harga bahan pokok harian"),
    _f("industri", "RAL.01.05.05", "RAB.02.01.05", "RAD.02.01", "Pembinaan industri kecil dan menengah", "Data IKM"),
    _f("pangan", "RAL.01.07.20", "RAB.02.03.20", "RAD.02.03", "Stabilitas pasokan dan harga pangan", "Neraca dan harga pangan"),
    _f("pertanian", "RAL.01.07.14", "RAB.02.03.14", "RAD.02.03", "Pengelolaan pupuk dan sarana pertanian", "Alokasi dan penebusan pupuk bersubsidi"),
    _f("perkebunan", "RAL.01.08.02", "RAB.02.04.02", "RAD.02.04", "Pengembangan komoditas perkebunan", "Data luas dan produksi perkebunan"),
    _f("perikanan", "RAL.01.10.01", "RAB.02.06.01", "RAD.02.06", "Pengelolaan perikanan tangkap", "Data nelayan dan produksi perikanan"),
    _f("perhubungan", "RAL.01.19.02", "RAB.03.03.02", "RAD.03.03", "Keselamatan transportasi dan pengujian kendaraan", "Hasil uji berkala kendaraan"),
    _f("pekerjaan-umum", "RAL.01.17.01", "RAB.03.01.01", "RAD.03.01", "Pembangunan dan pemeliharaan infrastruktur", "Data kondisi jalan dan jembatan"),
    _f("tata-ruang", "RAL.01.22.01", "RAB.03.06.01", "RAD.03.06", "Perencanaan dan pemanfaatan ruang", "Peta rencana tata ruang, KKPR"),
    _f("perumahan", "RAL.01.20.04", "RAB.03.04.04", "RAD.03.04", "Penyelenggaraan perumahan", "Data rumah tidak layak huni"),
    _f("lingkungan", "RAL.01.40.04", "RAB.07.05.04", "RAD.07.05", "Pengelolaan sampah dan lingkungan hidup", "Data timbulan dan layanan sampah"),
    _f("pariwisata", "RAL.01.15.04", "RAB.02.11.04", "RAD.02.11", "Pemasaran pariwisata", "Informasi destinasi dan kalender acara"),
    _f("kebudayaan", "RAL.01.42.01", "RAB.08.02.01", "RAD.08.02", "Pengelolaan kebudayaan dan cagar budaya", "Daftar cagar budaya"),
    _f("perpustakaan", "RAL.01.42.05", "RAB.08.02.05", "RAD.08.02", "Pengelolaan koleksi perpustakaan", "Katalog dan sirkulasi koleksi"),
    _f("umkm", "RAL.01.14.01", "RAB.02.10.01", "RAD.02.10", "Pemberdayaan koperasi dan usaha mikro", "Data koperasi dan UMKM binaan"),
    _f("olahraga", "RAL.01.35.02", "RAB.06.05.02", "RAD.06.05", "Peningkatan prestasi olahraga", "Data atlet dan pelatih"),
    _f("bencana", "RAL.01.29.03", "RAB.05.02.03", "RAD.05.02", "Penanggulangan bencana dan perlindungan masyarakat", "Laporan kejadian bencana dan logistik"),
    _f("ketertiban", "RAL.01.29.01", "RAB.05.02.01", "RAD.05.02", "Ketenteraman, ketertiban umum dan penegakan perda", "Laporan penertiban"),
    _f("hukum", "RAL.01.28.01", "RAB.05.01.01", "RAD.05.01", "Dokumentasi dan penyusunan produk hukum", "Produk hukum daerah"),
    _f("politik", "RAL.02.01.01", "RAB.09.01.01", "RAD.09.01", "Pembinaan politik dan organisasi kemasyarakatan", "Data ormas terdaftar"),
    _f("kewilayahan", "RAL.02.01.03", "RAB.09.01.03", "RAD.09.01", "Pelayanan administrasi kewilayahan dan kecamatan", "Surat keterangan dan layanan kecamatan"),
)}


@dataclass(frozen=True)
class NationalSpec:
    """A national application that regional OPD re-record (see aplikasi_nasional_dipakai_pemda.csv)."""

    key: str
    nama: str  # exactly the CSV's "nama"
    names: tuple[str, ...]  # name variants seen in census forms (first = most common)
    urls: tuple[str, ...]  # URL variants ("" = left empty)
    func: str
    pengelola: str  # managing agency, short
    recorders: tuple[int, int]  # how many OPD of one instansi record it (min, max)
    owners: tuple[str, ...]  # OPD kinds that record it first (others are picked at random)
    scopes: frozenset[str]  # instansi kinds that use it: prov, kab, kota, kl
    umum: bool  # treated as Aplikasi Umum (SRIKANDI, SP4N-LAPOR!, SPSE, SIPD, SIASN)
    dasar_hukum: str = ""
    groups: tuple[str, ...] = ()  # "same job" groups (see LocalSpec.groups)
    publik: bool = False


PEMDA = frozenset({"prov", "kab", "kota"})
ALL = frozenset({"prov", "kab", "kota", "kl"})
KAB = frozenset({"kab"})
KABKOTA = frozenset({"kab", "kota"})


def _n(key, nama, names, urls, func, pengelola, recorders, owners, scopes, umum, dasar="", groups=()):
    return NationalSpec(key, nama, tuple(names), tuple(urls), func, pengelola, recorders, tuple(owners),
                        scopes, umum, dasar, tuple(groups))


NATIONAL: tuple[NationalSpec, ...] = (
    _n("srikandi", "SRIKANDI", ("SRIKANDI", "Srikandi", "srikandi.arsip.go.id", "Aplikasi Srikandi", "SRIKANDI ANRI",
        "Sistem Informasi Kearsipan Dinamis Terintegrasi (SRIKANDI)"),
       ("https://srikandi.arsip.go.id", "srikandi.arsip.go.id", "https://srikandi.arsip.go.id/beranda",
        "https://srikandi.arsip.go.id/auth/login", "http://srikandi.arsip.go.id"),
       "kearsipan", "ANRI", (3, 8), ("arsip", "bag_umum", "kominfo"), ALL, True, "KepmenPANRB No. 679 Tahun 2020",
       ("naskah-dinas",)),
    _n("lapor", "SP4N-LAPOR!", ("SP4N-LAPOR!", "LAPOR!", "Lapor", "SP4N LAPOR", "Sistem Pengelolaan Pengaduan Pelayanan Publik Nasional"),
       ("https://www.lapor.go.id", "lapor.go.id", "https://lapor.go.id"),
       "pengaduan", "KemenPANRB", (1, 3), ("kominfo", "bag_organisasi", "rsud"), ALL, True, "Perpres 76/2013",
       ("pengaduan",)),
    _n("spse", "SPSE", ("LPSE {s}", "SPSE", "LPSE", "Sistem Pengadaan Secara Elektronik", "SPSE 4.5"),
       ("https://lpse.{d}/eproc4", "https://lpse.lkpp.go.id", "lpse.{d}"),
       "pengadaan", "LKPP", (1, 2), ("bag_pbj", "pupr"), ALL, True, "Perpres 16/2018 jo. 12/2021"),
    _n("sirup", "SiRUP", ("SiRUP", "SIRUP", "Sistem Informasi Rencana Umum Pengadaan"), ("https://sirup.lkpp.go.id",),
       "pengadaan", "LKPP", (1, 2), ("bag_pbj", "bappeda"), ALL, False, "Perpres 16/2018 jo. 12/2021"),
    _n("ekatalog", "E-Katalog / INAPROC", ("e-Katalog", "E-Katalog LKPP", "INAPROC", "Katalog Elektronik"),
       ("https://e-katalog.lkpp.go.id", "https://katalog.inaproc.id"),
       "pengadaan", "LKPP", (1, 1), ("bag_pbj",), ALL, False, "Perpres 16/2018 jo. 12/2021"),
    _n("siasn", "SIASN / MyASN", ("SIASN", "MyASN", "SIASN BKN", "ASN Digital", "My SAPK"),
       ("https://siasn-instansi.bkn.go.id", "https://myasn.bkn.go.id", "https://asndigital.bkn.go.id"),
       "kepegawaian", "BKN", (1, 3), ("bkd",), ALL, True, "", ("kepegawaian",)),
    _n("ekinerja-bkn", "e-Kinerja BKN", ("e-Kinerja BKN", "E-Kinerja", "Kinerja BKN"), ("https://kinerja.bkn.go.id",),
       "kinerja-asn", "BKN", (1, 2), ("bkd",), ALL, False, "", ("kinerja-asn",)),
    _n("sipd", "SIPD / SIPD-RI", ("SIPD", "SIPD RI", "SIPD-RI", "Sistem Informasi Pemerintahan Daerah", "SIPD Penatausahaan"),
       ("https://sipd.kemendagri.go.id", "https://sipd-ri.kemendagri.go.id", "sipd.kemendagri.go.id/"),
       "perencanaan", "Kemendagri", (2, 4), ("bappeda", "bpkad"), PEMDA, True, "",
       ("perencanaan-penganggaran", "penatausahaan-keuangan")),
    _n("krisna", "KRISNA", ("KRISNA", "Krisna"), ("https://krisna.systems",), "penganggaran", "Bappenas",
       (1, 1), ("bappeda",), frozenset({"prov", "kl"}), False),
    _n("esr", "e-SAKIP Reviu (ESR)", ("ESR", "e-SAKIP Reviu", "ESR KemenPANRB"), ("https://esr.menpan.go.id",),
       "akuntabilitas", "KemenPANRB", (1, 1), ("bag_organisasi", "inspektorat"), ALL, False),
    _n("siak", "SIAK Terpusat / IKD", ("SIAK", "SIAK Terpusat", "IKD", "Identitas Kependudukan Digital"), ("", "-"),
       "kependudukan", "Kemendagri", (1, 2), ("dukcapil",), KABKOTA, False),
    _n("siksng", "SIKS-NG", ("SIKS-NG", "SIKS NG", "DTKS"), ("https://siks.kemensos.go.id",), "sosial-data", "Kemensos",
       (1, 1), ("sosial",), PEMDA, False),
    _n("siskeudes", "Siskeudes", ("Siskeudes", "SISKEUDES"), ("", "-"), "desa", "BPKP", (1, 1), ("pmd",), KAB, False),
    _n("prodeskel", "Prodeskel / ePdeskel", ("Prodeskel", "ePdeskel"), ("https://prodeskel.binapemdes.kemendagri.go.id",),
       "desa", "Kemendagri", (1, 1), ("pmd",), KAB, False, "", ("profil-desa",)),
    _n("idm", "IDM", ("IDM", "Indeks Desa Membangun"), ("https://idm.kemendesa.go.id",), "desa", "Kemendesa PDTT",
       (1, 1), ("pmd",), KAB, False, "", ("profil-desa",)),
    _n("simona", "SIMONA", ("SIMONA", "Simona Anjab ABK"), ("https://anjababk-simona.kemendagri.go.id",),
       "kelembagaan", "Kemendagri", (1, 1), ("bag_organisasi",), PEMDA, False),
    _n("lhkpn", "e-LHKPN", ("e-LHKPN", "LHKPN"), ("https://elhkpn.kpk.go.id",), "pengawasan", "KPK",
       (1, 1), ("inspektorat",), ALL, False),
    _n("simfoni", "SIMFONI-PPA", ("SIMFONI-PPA", "Simfoni PPA"), ("https://kekerasan.kemenpppa.go.id",),
       "perlindungan-anak", "KemenPPPA", (1, 1), ("pppa",), PEMDA, False, "", ("kasus-kekerasan",)),
    _n("sp2kp", "SP2KP", ("SP2KP",), ("https://sp2kp.kemendag.go.id",), "perdagangan", "Kemendag",
       (1, 1), ("perdagangan",), PEMDA, False, "", ("harga-pasar",)),
    _n("oss", "OSS-RBA", ("OSS-RBA", "OSS", "Online Single Submission"), ("https://oss.go.id",),
       "perizinan-berusaha", "Kementerian Investasi/BKPM", (1, 1), ("dpmptsp",), PEMDA, False, "PP 5/2021"),
    _n("omspan", "OM-SPAN", ("OM-SPAN", "OMSPAN"), ("https://spanint.kemenkeu.go.id",), "keuangan", "Kemenkeu",
       (1, 1), ("bpkad",), frozenset({"kl"}), False),
    _n("sikda", "SIKDA Generik", ("SIKDA Generik", "SIKDA"), ("",), "puskesmas", "Kemenkes", (1, 1), ("dinkes",),
       KABKOTA, False, "", ("puskesmas",)),
    _n("siha", "SIHA", ("SIHA", "SIHA 2.1"), ("https://siha.kemkes.go.id",), "penyakit", "Kemenkes", (1, 1),
       ("dinkes",), PEMDA, False),
    _n("dapodik", "Dapodik", ("Dapodik", "DAPODIK"), ("https://dapo.kemendikdasmen.go.id",), "pendidikan",
       "Kemendikdasmen", (1, 1), ("disdik",), PEMDA, False),
    _n("satusehat", "SATUSEHAT", ("SATUSEHAT", "Satu Sehat"), ("https://satusehat.kemkes.go.id",), "rumah-sakit",
       "Kemenkes", (1, 2), ("dinkes", "rsud"), PEMDA, False),
    _n("sdi", "Portal Satu Data Indonesia", ("Portal Satu Data Indonesia", "data.go.id"), ("https://data.go.id",),
       "statistik", "Bappenas", (1, 1), ("kominfo",), ALL, False, "Perpres 39/2019"),
    _n("splp", "SPLP", ("SPLP", "Sistem Penghubung Layanan Pemerintah"), ("",), "infrastruktur-tik", "Komdigi",
       (1, 1), ("kominfo",), ALL, False),
)
NATIONAL_BY_KEY = {n.key: n for n in NATIONAL}


@dataclass(frozen=True)
class LocalSpec:
    """An application built by or for one instansi (illustrative)."""

    key: str
    func: str
    owners: tuple[str, ...]  # OPD kinds that can own it, in order of preference
    names: tuple[str, ...]  # first = how the owner writes it; others = how re-recording users write it
    short: str
    host: str  # sub-domain under the instansi's domain ("" = no URL)
    desc: str
    p: float = 1.0  # probability that an instansi has it
    rerecord: tuple[int, int] = (0, 0)  # other OPD that record the same application again
    rerecorders: tuple[str, ...] = ()  # OPD kinds preferred as re-recorders
    groups: tuple[str, ...] = ()  # "different applications, same job" groups (within one instansi)
    scopes: frozenset[str] = ALL
    per_owner: bool = False  # one separate application for every OPD of the owner kinds
    inactive: str | None = None  # always inactive, with this reason ("" = no reason given)
    basis: str = "Web"


def _l(key, func, owners, names, short, host, desc, **kw) -> LocalSpec:
    return LocalSpec(key, func, tuple(owners), tuple(names), short, host, desc, **kw)


LOCAL: tuple[LocalSpec, ...] = (
    # --- core administrative systems, usually re-recorded by user OPD ---------------------------
    _l("simpeg", "kepegawaian", ("bkd",), ("SIMPEG {s}", "SIMPEG", "Sistem Informasi Manajemen Kepegawaian", "Simpeg {s}"),
       "SIMPEG", "simpeg", "Sistem informasi manajemen kepegawaian untuk data dan layanan administrasi ASN {n}",
       rerecord=(0, 2), groups=("kepegawaian",)),
    _l("ekinerja", "kinerja-asn", ("bkd",), ("e-Kinerja {s}", "E-Kinerja", "eKinerja ASN {s}"), "e-Kinerja", "ekinerja",
       "Aplikasi pelaporan kinerja harian dan penilaian SKP pegawai {n}", rerecord=(0, 3), groups=("kinerja-asn",)),
    _l("eoffice", "kearsipan", ("kominfo",), ("e-Office {s}", "E-Office", "Aplikasi Persuratan Elektronik (e-Office)", "eOffice"),
       "e-Office", "eoffice", "Aplikasi tata naskah dinas elektronik: surat masuk, surat keluar dan disposisi di lingkungan {n}",
       rerecord=(1, 3), groups=("naskah-dinas",), scopes=ALL),
    _l("simaset", "aset", ("bpkad",), ("SIM Aset {s}", "SIMAset", "Sistem Informasi Manajemen Aset Daerah"), "SIMA",
       "simaset", "Pencatatan, penatausahaan dan pelaporan barang milik daerah {n}", rerecord=(0, 2), groups=("aset",)),
    _l("eplanning", "perencanaan", ("bappeda",), ("e-Planning {s}", "E-Planning", "Sistem Perencanaan Pembangunan Daerah (e-Planning)"),
       "e-Planning", "eplanning", "Penyusunan dokumen perencanaan pembangunan daerah (RKPD dan Renja) {n}",
       rerecord=(0, 1), groups=("perencanaan-penganggaran",), scopes=PEMDA),
    _l("esakip", "akuntabilitas", ("bag_organisasi", "bappeda"), ("e-SAKIP {s}", "E-SAKIP"), "e-SAKIP", "esakip",
       "Penyusunan perjanjian kinerja dan laporan akuntabilitas kinerja perangkat daerah", rerecord=(0, 1)),
    _l("simdakeu", "keuangan", ("bpkad",), ("SIMDA Keuangan", "Simda Keuangan v2.7"), "SIMDA", "",
       "Aplikasi penatausahaan dan akuntansi keuangan daerah versi desktop", p=0.8, groups=("penatausahaan-keuangan",),
       scopes=PEMDA, inactive="Digantikan oleh SIPD sejak tahun anggaran 2021", basis="Desktop"),
    _l("epad", "pendapatan", ("bapenda",), ("e-PAD {s}", "Sistem Informasi Pendapatan Asli Daerah"), "e-PAD", "epad",
       "Pendataan, penetapan dan pembayaran pajak daerah {n}", scopes=PEMDA),
    _l("portal", "komunikasi-publik", ("kominfo",), ("Portal Resmi {n}", "Website {s}"), "Portal", "www",
       "Situs web resmi {n} untuk berita, pengumuman dan profil daerah", rerecord=(0, 1)),
    _l("ppid", "informasi-publik", ("kominfo",), ("PPID {s}", "e-PPID"), "PPID", "ppid",
       "Layanan permohonan dan daftar informasi publik PPID {n}"),
    _l("satudata", "statistik", ("kominfo",), ("Portal Satu Data {s}", "Satu Data {s}"), "Satu Data", "satudata",
       "Portal data sektoral terbuka {n} sesuai Satu Data Indonesia", groups=("satu-data",)),
    _l("jdih", "hukum", ("bag_hukum",), ("JDIH {s}", "Jaringan Dokumentasi dan Informasi Hukum"), "JDIH", "jdih",
       "Publikasi produk hukum daerah {n}"),
    _l("dukcapil", "kependudukan", ("dukcapil",), ("Dukcapil Online {s}", "Layanan Adminduk Online"), "Dukcapil Online",
       "dukcapil", "Permohonan dokumen kependudukan secara daring", scopes=KABKOTA),
    _l("simrs", "rumah-sakit", ("rsud",), ("SIMRS {o}", "SIMRS"), "SIMRS", "simrs",
       "Sistem informasi manajemen rumah sakit: pendaftaran, rekam medis, farmasi dan tagihan", per_owner=True,
       groups=("simrs",), scopes=PEMDA),
    _l("epuskesmas", "puskesmas", ("dinkes",), ("e-Puskesmas {s}", "SIMPUS", "Aplikasi e-Puskesmas"), "SIMPUS", "simpus",
       "Pencatatan pelayanan pasien dan rekam medis di puskesmas", rerecord=(0, 2), rerecorders=("puskesmas",),
       groups=("puskesmas",), scopes=KABKOTA),
    _l("ppdb", "pendidikan", ("disdik",), ("PPDB Online {s}", "PPDB {s}"), "PPDB", "ppdb",
       "Penerimaan peserta didik baru secara daring", scopes=PEMDA),
    _l("elayanankec", "kewilayahan", ("kominfo",), ("e-Layanan Kecamatan {s}", "Aplikasi Layanan Kecamatan"), "e-Lakec",
       "layanankecamatan", "Permohonan surat keterangan dan layanan administrasi di kecamatan", rerecord=(1, 3),
       rerecorders=("kecamatan",), scopes=KABKOTA),
    # --- different applications doing a job another application already does -------------------
    _l("simpegguru", "kepegawaian", ("disdik",), ("SIMPEG Guru {s}", "Sistem Informasi Kepegawaian Guru"), "SIMPEG Guru",
       "simpeg-guru", "Data kepegawaian guru dan tenaga kependidikan yang dikelola dinas pendidikan", p=0.5,
       groups=("kepegawaian",), scopes=PEMDA),
    _l("simpegrs", "kepegawaian", ("rsud",), ("SIMPEG RSUD", "Kepegawaian RSUD"), "SIMPEG RS", "simpeg-rs",
       "Pengelolaan data pegawai dan jadwal dinas rumah sakit", p=0.4, groups=("kepegawaian",), scopes=PEMDA),
    _l("esurat", "kearsipan", ("bag_umum",), ("e-Surat {s}", "Aplikasi Surat Menyurat"), "e-Surat", "esurat",
       "Pencatatan surat masuk dan surat keluar serta disposisi pimpinan", p=0.5, groups=("naskah-dinas",)),
    _l("easetpupr", "aset", ("pupr",), ("e-Aset PUPR", "SI Inventaris Aset PUPR"), "e-Aset", "easet-pupr",
       "Inventarisasi aset jalan, jembatan dan peralatan dinas pekerjaan umum", p=0.5, groups=("aset",), scopes=PEMDA),
    _l("simbmd", "aset", ("bpkad",), ("SIMDA BMD", "Simda Barang Milik Daerah"), "SIMDA BMD", "",
       "Aplikasi desktop penatausahaan barang milik daerah", p=0.5, groups=("aset",), scopes=PEMDA,
       inactive="Diganti SIM Aset", basis="Desktop"),
    _l("laporlokal", "pengaduan", ("kominfo",), ("{s} Lapor", "e-Pengaduan {s}", "Sistem Pengaduan Masyarakat"), "Lapor",
       "lapor", "Kanal pengaduan masyarakat milik {n}", p=0.7, groups=("pengaduan",)),
    _l("ebudgeting", "penganggaran", ("bappeda", "bpkad"), ("e-Budgeting {s}", "E-Budgeting"), "e-Budgeting", "ebudgeting",
       "Penyusunan rencana kerja dan anggaran perangkat daerah", p=0.5, groups=("perencanaan-penganggaran",), scopes=PEMDA),
    _l("emusrenbang", "perencanaan", ("bappeda",), ("e-Musrenbang {s}",), "e-Musrenbang", "musrenbang",
       "Penginputan dan rekapitulasi usulan musyawarah perencanaan pembangunan", p=0.5,
       groups=("perencanaan-penganggaran",), scopes=PEMDA),
    _l("opendata", "statistik", ("bappeda",), ("Open Data {s}", "Portal Data Bappeda"), "Open Data", "opendata",
       "Publikasi data pembangunan daerah oleh Bappeda", p=0.4, groups=("satu-data",), scopes=PEMDA),
    _l("hargapasar", "perdagangan", ("perdagangan",), ("SI Harga Pasar {s}", "Info Harga Bahan Pokok"), "SIHAPA",
       "hargapasar", "Pemantauan harga bahan pokok di pasar tradisional", p=0.6, groups=("harga-pasar",), scopes=PEMDA),
    _l("ppalokal", "perlindungan-anak", ("pppa",), ("SI Perlindungan Perempuan dan Anak {s}",), "SIPPA", "sippa",
       "Pencatatan pengaduan dan penanganan kasus kekerasan terhadap perempuan dan anak", p=0.4,
       groups=("kasus-kekerasan",), scopes=PEMDA),
    _l("sidesa", "desa", ("pmd",), ("Sistem Informasi Desa {s}", "SID {s}"), "SID", "sid",
       "Profil dan administrasi desa se-kabupaten", p=0.5, groups=("profil-desa",), scopes=KAB),
    # --- OPD-specific applications -------------------------------------------------------------
    _l("ekir", "perhubungan", ("dishub",), ("SI Pengujian Kendaraan Bermotor (e-KIR)", "e-KIR"), "e-KIR", "ekir",
       "Pendaftaran dan hasil uji berkala kendaraan bermotor", p=0.6, scopes=KABKOTA),
    _l("terminal", "perhubungan", ("dishub",), ("Sistem Informasi Terminal {s}",), "SITER", "terminal",
       "Pencatatan kedatangan dan keberangkatan angkutan umum", p=0.4),
    _l("pupuk", "pertanian", ("pertanian",), ("SI Pupuk Bersubsidi {s}",), "SIPUBER", "pupuk",
       "Pendataan kebutuhan dan penyaluran pupuk bersubsidi", p=0.6),
    _l("kebun", "perkebunan", ("perkebunan", "pertanian"), ("SI Komoditas Perkebunan {s}",), "SIKOPER", "kebun",
       "Data luas tanam dan produksi komoditas perkebunan rakyat", p=0.5),
    _l("bansos", "sosial-bansos", ("sosial",), ("SI Bantuan Sosial Daerah {s}",), "SIBANSOS", "bansos",
       "Pengusulan dan penyaluran bantuan sosial daerah", p=0.6, scopes=PEMDA),
    _l("bursakerja", "tenaga-kerja", ("naker",), ("Bursa Kerja Online {s}",), "BKOL", "bursakerja",
       "Informasi lowongan kerja dan pendaftaran pencari kerja", p=0.6, scopes=PEMDA),
    _l("sampah", "lingkungan", ("lh",), ("SI Pengelolaan Sampah {s}",), "SIPS", "sampah",
       "Pemantauan layanan pengangkutan sampah dan bank sampah", p=0.5, scopes=PEMDA),
    _l("wisata", "pariwisata", ("pariwisata",), ("Portal Pariwisata {s}", "Visit {s}"), "Visit", "pariwisata",
       "Informasi destinasi wisata, akomodasi dan kalender acara", p=0.7, scopes=PEMDA),
    _l("cagarbudaya", "kebudayaan", ("pariwisata",), ("SI Cagar Budaya {s}",), "SICB", "cagarbudaya",
       "Inventarisasi objek diduga cagar budaya", p=0.3, scopes=PEMDA),
    _l("inlislite", "perpustakaan", ("arsip",), ("INLISLite Perpustakaan {s}", "Perpustakaan Digital {s}"), "INLIS", "opac",
       "Katalog daring dan sirkulasi koleksi perpustakaan daerah", p=0.7, scopes=PEMDA),
    _l("arsipstatis", "arsip-statis", ("arsip",), ("e-Arsip Statis {s}",), "e-Arsip", "arsip",
       "Pengelolaan dan layanan penelusuran arsip statis daerah", p=0.4, scopes=PEMDA),
    _l("umkm", "umkm", ("koperasi",), ("SI Koperasi dan UMKM {s}",), "SIKUMKM", "umkm",
       "Pendataan koperasi dan usaha mikro binaan", p=0.6, scopes=PEMDA),
    _l("bencana", "bencana", ("bpbd",), ("SI Kebencanaan {s}",), "SIBENCANA", "bencana",
       "Pelaporan kejadian bencana dan distribusi logistik", p=0.6, scopes=PEMDA),
    _l("perda", "ketertiban", ("satpol",), ("SI Penegakan Perda {s}",), "SIPP", "satpolpp",
       "Pencatatan pelanggaran dan penegakan peraturan daerah", p=0.5, scopes=PEMDA),
    _l("ormas", "politik", ("kesbangpol",), ("SI Organisasi Kemasyarakatan",), "SIORMAS", "ormas",
       "Pendaftaran dan pembinaan organisasi kemasyarakatan", p=0.5, scopes=PEMDA),
    _l("eaudit", "pengawasan", ("inspektorat",), ("e-Audit {s}", "SI Tindak Lanjut Hasil Pemeriksaan"), "e-Audit", "eaudit",
       "Pengelolaan kertas kerja audit dan pemantauan tindak lanjut hasil pemeriksaan", p=0.6),
    _l("ereses", "politik", ("dprd",), ("e-Reses DPRD {s}",), "e-Reses", "ereses",
       "Pencatatan pokok-pokok pikiran hasil reses anggota DPRD", p=0.5, scopes=PEMDA),
    _l("monitoringpbj", "pengadaan", ("bag_pbj",), ("SI Monitoring Pengadaan {s}",), "SIMONPBJ", "monpbj",
       "Pemantauan progres paket pengadaan barang/jasa", p=0.4),
    _l("batas", "kewilayahan", ("bag_pemerintahan",), ("SI Batas Wilayah {s}",), "SIBAWA", "batas",
       "Data dan peta batas wilayah administrasi", p=0.3, scopes=PEMDA),
    _l("esop", "tatalaksana", ("bag_organisasi",), ("e-SOP {s}",), "e-SOP", "esop",
       "Penyusunan dan publikasi standar operasional prosedur", p=0.4),
    _l("agenda", "tatalaksana", ("bag_adpim", "bag_umum"), ("Agenda Pimpinan Online",), "Agenda", "agenda",
       "Penjadwalan agenda kegiatan pimpinan daerah", p=0.4),
    _l("sso", "aplikasi-informatika", ("kominfo",), ("Single Sign-On {s}", "SSO {s}"), "SSO", "sso",
       "Akun tunggal untuk masuk ke aplikasi-aplikasi {n}", p=0.5),
    _l("helpdesk", "aplikasi-informatika", ("kominfo",), ("Helpdesk TIK {s}",), "Helpdesk", "helpdesk",
       "Pelaporan gangguan dan permintaan layanan TIK", p=0.4),
    _l("email", "infrastruktur-tik", ("kominfo",), ("Surel Dinas {s}", "Mail {s}"), "Mail", "mail",
       "Layanan surat elektronik resmi untuk pegawai", p=0.6),
    _l("geoportal", "geospasial", ("bappeda", "kominfo"), ("Geoportal {s}", "Simpul Jaringan {s}"), "Geoportal", "geoportal",
       "Simpul jaringan informasi geospasial daerah", p=0.5),
    _l("gizi", "kesehatan-masyarakat", ("dinkes",), ("SI Gizi {s}", "e-PPGBM Lokal"), "SIGIZI", "gizi",
       "Pencatatan status gizi balita dan intervensi stunting", p=0.5, scopes=PEMDA),
    _l("antrianrs", "rumah-sakit", ("rsud",), ("Antrian Online {o}",), "Antrian", "antrian",
       "Pendaftaran dan antrian pasien rawat jalan secara daring", p=0.6, per_owner=True, scopes=PEMDA),
    _l("jalan", "pekerjaan-umum", ("pupr",), ("SI Jalan dan Jembatan {s}",), "SIJJ", "sijaja",
       "Data kondisi ruas jalan dan jembatan", p=0.6, scopes=PEMDA),
    _l("tataruang", "tata-ruang", ("pupr",), ("SIG Tata Ruang {s}",), "SIGTARU", "tataruang",
       "Informasi rencana tata ruang dan kesesuaian pemanfaatan ruang", p=0.5, scopes=PEMDA),
    _l("rtlh", "perumahan", ("perkim", "pupr"), ("SI Rumah Tidak Layak Huni {s}",), "SIRTLH", "rtlh",
       "Pendataan dan penanganan rumah tidak layak huni", p=0.5, scopes=PEMDA),
    _l("pangan", "pangan", ("pangan",), ("SI Ketahanan Pangan {s}",), "SIKP", "pangan",
       "Neraca bahan pangan dan pemantauan harga pangan", p=0.5, scopes=PEMDA),
    _l("nelayan", "perikanan", ("perikanan",), ("SI Nelayan {s}",), "SINELA", "nelayan",
       "Pendataan nelayan dan kartu pelaku usaha perikanan", p=0.5, scopes=PEMDA),
    _l("atlet", "olahraga", ("dispora",), ("SI Atlet Berprestasi {s}",), "SIAB", "atlet",
       "Data atlet dan pelatih berprestasi", p=0.4, scopes=PEMDA),
    _l("eperizinan", "perizinan", ("dpmptsp",), ("e-Perizinan {s}",), "e-Perizinan", "perizinan",
       "Permohonan dan penerbitan izin non-berusaha daerah", p=0.7, scopes=PEMDA),
    _l("investasi", "investasi", ("dpmptsp",), ("Peluang Investasi {s}",), "SIPI", "investasi",
       "Profil peluang dan realisasi investasi", p=0.4, scopes=PEMDA),
    _l("ikm", "industri", ("perdagangan",), ("SI Industri Kecil Menengah {s}",), "SIIKM", "ikm",
       "Pendataan industri kecil dan menengah", p=0.4, scopes=PEMDA),
    _l("pbb", "pendapatan", ("bapenda",), ("SI PBB-P2 {s}", "e-PBB"), "SIPBB", "pbb",
       "Pendataan dan penetapan Pajak Bumi dan Bangunan Perdesaan dan Perkotaan", p=0.8, scopes=KABKOTA),
    _l("bphtb", "pendapatan", ("bapenda",), ("e-BPHTB {s}",), "e-BPHTB", "bphtb",
       "Pelaporan dan validasi Bea Perolehan Hak atas Tanah dan Bangunan", p=0.7, scopes=KABKOTA),
    _l("pkb", "pendapatan", ("bapenda",), ("SI Pajak Kendaraan Bermotor {s}",), "SIPKB", "pkb",
       "Penetapan dan pembayaran pajak kendaraan bermotor di UPT Samsat", rerecord=(1, 2),
       rerecorders=("upt",), scopes=frozenset({"prov"})),
    _l("sidiklat", "diklat", ("bpsdm", "bkd"), ("SI Diklat {s}", "e-Learning ASN {s}"), "SIDIKLAT", "diklat",
       "Pendaftaran, pelaksanaan dan sertifikasi pendidikan dan pelatihan ASN", p=0.6),
    _l("beasiswa", "pendidikan", ("disdik",), ("SI Beasiswa {s}",), "SIBEA", "beasiswa",
       "Pendaftaran dan seleksi penerima beasiswa daerah", p=0.4, scopes=PEMDA),
)

# Other OPD publish their own web site (a separate application each; not duplicates of each other).
WEBSITE_FUNC = "komunikasi-publik"
