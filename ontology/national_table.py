"""Curated facts the national-applications CSV does not hold: IRI slugs, name variants, extra hosts,
the RAL codes each application serves, and the managing agencies.

Keyed by the CSV's ``nama`` column. Aliases are generic spellings users write (case and punctuation
are ignored when matching), not tuned to one inventory. RAB codes are the RAL codes' ``padananRAB``
unless ``rab`` is given. ``designation`` overrides the rule in ``build_national.designation``.

>>> CURATED["SRIKANDI"].ral
('RAL.02.04.06',)
>>> AGENCIES["ANRI"][0]
'anri'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Curated:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    ral: tuple[str, ...] = ()
    rab: tuple[str, ...] = ()
    rai: tuple[str, ...] = ()
    agency: str | None = None  # key of AGENCIES; default: parsed from instansi_pengelola
    designation: str | None = None
    reason: str | None = None


def _c(slug, name, aliases=(), hosts=(), ral=(), **kw):
    return Curated(slug, name, tuple(aliases), tuple(hosts), tuple(ral), **kw)


CURATED: dict[str, Curated] = {
    "SRIKANDI": _c("srikandi", "SRIKANDI", ["Srikandi", "srikandi.arsip", "Srikandi ANRI", "Srikandi Arsip"],
                   ["srikandi.layanan.go.id"], ["RAL.02.04.06"]),
    "SP4N-LAPOR!": _c("sp4n-lapor", "SP4N-LAPOR!", ["SP4N LAPOR", "LAPOR!", "Lapor", "SP4N"],
                      ["lapor.go.id"], ["RAL.02.04.05"]),
    "SPSE": _c("spse", "SPSE", ["LPSE", "SPSE LKPP", "LPSE LKPP", "SPSE 4"], (), ["RAL.02.02.11"]),
    "SiRUP": _c("sirup", "SiRUP", ["SiRUP LKPP", "Sirup LKPP"], (), ["RAL.02.02.11"]),
    "E-Katalog / INAPROC": _c("e-katalog", "E-Katalog", ["INAPROC", "e-Katalog LKPP", "Katalog Elektronik"], (),
                              ["RAL.02.02.11"]),
    "SIASN / MyASN": _c("siasn", "SIASN", ["MyASN", "MyASN BKN", "My SAPK", "MySAPK", "SAPK", "ASN Digital",
                                           "SIASN-Instansi", "SIASN BKN"],
                        ["asndigital.bkn.go.id", "siasn.bkn.go.id"], ["RAL.02.04.03"]),
    "e-Kinerja BKN": _c("e-kinerja-bkn", "e-Kinerja BKN", ["e-Kinerja", "eKinerja BKN"], (), ["RAL.02.04.03"]),
    "SIPD / SIPD-RI": _c("sipd", "SIPD", ["SIPD RI", "SIPD-RI", "SIPD Kemendagri"], (),
                         ["RAL.02.01.06", "RAL.02.03.01", "RAL.02.03.02"], designation="diklaim",
                         reason="Diperlakukan sebagai Aplikasi Umum dalam praktik (dipakai semua pemda untuk "
                                "perencanaan, penganggaran dan penatausahaan keuangan daerah); sumber menyatakan "
                                "statusnya sebagai Aplikasi Umum atau Aplikasi Khusus K/L belum jelas."),
    "KRISNA": _c("krisna", "KRISNA", ["Krisna Bappenas"], (), ["RAL.02.03.01", "RAL.02.03.02"]),
    "e-SAKIP Reviu (ESR)": _c("esr", "e-SAKIP Reviu", ["ESR", "e-SAKIP Review", "ESR Menpan"], (), ["RAL.02.04.04"]),
    "SIAK Terpusat / IKD": _c("siak-terpusat", "SIAK Terpusat", ["SIAK", "IKD", "Identitas Kependudukan Digital"], (),
                              ["RAL.02.01.07"]),
    "SIKS-NG": _c("siks-ng", "SIKS-NG", ["SIKS NG", "SIKS_NG", "SIKS Next Generation"], (), ["RAL.01.26.05"]),
    "Siskeudes": _c("siskeudes", "Siskeudes", ["Sistem Keuangan Desa"], (), ["RAL.01.21.07"]),
    "Prodeskel / ePdeskel": _c("prodeskel", "Prodeskel", ["ePdeskel", "Epdeskel", "e-Prodeskel", "eProdeskel"],
                               ["epdeskel.binapemdes.kemendagri.go.id"], ["RAL.02.01.04"]),
    "IDM": _c("idm", "IDM", ["IDM Kemendesa", "Indeks Desa Membangun"], (), ["RAL.01.21.01"]),
    "SIMONA": _c("simona", "SIMONA", ["SIMONA Kemendagri"], ["simona.kemendagri.go.id"], ["RAL.02.04.03"]),
    "e-LHKPN": _c("e-lhkpn", "e-LHKPN", ["LHKPN", "eLHKPN"], (), ["RAL.02.04.04"]),
    "SIMFONI-PPA": _c("simfoni-ppa", "SIMFONI-PPA", ["SIMFONI PPA", "SIMFONI-PPPA", "Simfoni"], (),
                      ["RAL.01.27.03", "RAL.01.27.04"]),
    "SP2KP": _c("sp2kp", "SP2KP", ["SP2KP Kemendag"], (), ["RAL.01.06.01"]),
    "OSS-RBA": _c("oss-rba", "OSS-RBA", ["OSS", "OSS RBA", "Online Single Submission"], (), ["RAL.01.12.06"]),
    "OM-SPAN": _c("om-span", "OM-SPAN", ["OMSPAN", "Omspan", "OM SPAN"], (), ["RAL.02.02.07"]),
    "SIKDA Generik": _c("sikda-generik", "SIKDA Generik", ["SIKDA"], (), ["RAL.01.25.04"]),
    "SIHA": _c("siha", "SIHA", ["SIHA Kemenkes"], (), ["RAL.01.25.05"]),
    "Dapodik": _c("dapodik", "Dapodik", ["Data Pokok Pendidikan"], (), ["RAL.01.31.02"]),
    "SATUSEHAT": _c("satusehat", "SATUSEHAT", ["SATU SEHAT", "SatuSehat Platform"], (), ["RAL.01.25.04"]),
    "Portal Satu Data Indonesia": _c("portal-satu-data-indonesia", "Portal Satu Data Indonesia",
                                     ["Satu Data Indonesia", "data.go.id"], (), ["RAL.01.43.03", "RAL.01.43.04"]),
    "INA Digital": _c("ina-digital", "INA Digital", ["INAku", "GovTech INA Digital"], (), ["RAL.02.04.05"],
                      agency="KemenPANRB"),
    "SPLP": _c("splp", "SPLP", ["Sistem Penghubung Layanan Pemerintah"], (), ["RAL.01.43.02"], rai=("RAI.02",)),
}

#: Managing agencies: key (as the CSV's instansi_pengelola starts) -> (slug, short name, full name).
AGENCIES: dict[str, tuple[str, str, str]] = {
    "ANRI": ("anri", "ANRI", "Arsip Nasional Republik Indonesia"),
    "KemenPANRB": ("kemenpanrb", "KemenPANRB", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"),
    "LKPP": ("lkpp", "LKPP", "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah"),
    "BKN": ("bkn", "BKN", "Badan Kepegawaian Negara"),
    "Kemendagri": ("kemendagri", "Kemendagri", "Kementerian Dalam Negeri"),
    "Bappenas": ("bappenas", "Bappenas", "Kementerian Perencanaan Pembangunan Nasional/Bappenas"),
    "Kemensos": ("kemensos", "Kemensos", "Kementerian Sosial"),
    "BPKP": ("bpkp", "BPKP", "Badan Pengawasan Keuangan dan Pembangunan"),
    "Kemendesa PDTT": ("kemendesa-pdtt", "Kemendesa PDTT",
                       "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi"),
    "KPK": ("kpk", "KPK", "Komisi Pemberantasan Korupsi"),
    "KemenPPPA": ("kemenpppa", "KemenPPPA", "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak"),
    "Kemendag": ("kemendag", "Kemendag", "Kementerian Perdagangan"),
    "Kementerian Investasi/BKPM": ("kementerian-investasi-bkpm", "Kementerian Investasi/BKPM",
                                   "Kementerian Investasi/Badan Koordinasi Penanaman Modal"),
    "Kemenkeu": ("kemenkeu", "Kemenkeu", "Kementerian Keuangan"),
    "Kemenkes": ("kemenkes", "Kemenkes", "Kementerian Kesehatan"),
    "Kemendikdasmen": ("kemendikdasmen", "Kemendikdasmen", "Kementerian Pendidikan Dasar dan Menengah"),
    "Komdigi": ("komdigi", "Komdigi", "Kementerian Komunikasi dan Digital"),
    "Kominfo/Komdigi": ("komdigi", "Komdigi", "Kementerian Komunikasi dan Digital"),
}
