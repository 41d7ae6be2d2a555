"""The enumeration schemes of MODEL.md (``ref:{scheme}/{value}``) with bilingual labels.

``alt`` lists spellings seen in regional census forms; loaders may match raw cell values against
``skos:prefLabel`` and ``skos:altLabel`` (case-insensitive).

>>> from spbe_kg.ontology.terms_enums import ENUMS
>>> [v.value for v in ENUMS["status-aplikasi"].values]
['aktif', 'tidak-aktif']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Value:
    value: str
    label_id: str
    label_en: str
    def_id: str = ""
    def_en: str = ""
    alt: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scheme:
    name: str
    label_id: str
    label_en: str
    values: tuple[Value, ...]


def _s(name, label_id, label_en, *values):
    return name, Scheme(name, label_id, label_en, tuple(values))


ENUMS: dict[str, Scheme] = dict([
    _s("status-aplikasi", "Status Aplikasi", "Application status",
       Value("aktif", "Aktif", "Active", "Aplikasi sedang dipakai.", "The application is in use.",
             ("aktif", "active", "berjalan", "digunakan")),
       Value("tidak-aktif", "Tidak Aktif", "Inactive", "Aplikasi tidak lagi dipakai.", "The application is no longer used.",
             ("tidak aktif", "non aktif", "nonaktif", "inactive", "mati", "tidak digunakan"))),
    _s("basis-aplikasi", "Basis Aplikasi", "Application platform",
       Value("web", "Web", "Web", alt=("website", "berbasis web", "web based", "web base")),
       Value("mobile", "Mobile", "Mobile", alt=("android", "ios", "aplikasi mobile", "seluler")),
       Value("desktop", "Desktop", "Desktop", alt=("dekstop", "aplikasi desktop", "aplikasi yang diinstal"))),
    _s("tipe-lisensi", "Tipe Lisensi", "Licence type",
       Value("open-source", "Sumber Terbuka", "Open source", alt=("open source", "opensource", "oss")),
       Value("proprietary", "Berpemilik", "Proprietary", alt=("proprietary", "berbayar", "komersial", "closed source")),
       Value("freeware", "Gratis", "Freeware", alt=("freeware", "gratis", "free")),
       Value("lainnya", "Lainnya", "Other", alt=("lainnya", "lain-lain", "other"))),
    _s("lingkup-aplikasi", "Lingkup Aplikasi", "Application scope",
       Value("pusat", "Pusat", "Central", "Aplikasi milik atau dari instansi pusat.",
             "An application owned by or coming from a central agency.", ("aplikasi pusat", "nasional")),
       Value("daerah", "Daerah", "Regional", "Aplikasi milik pemerintah daerah.",
             "An application owned by a regional government.", ("aplikasi daerah", "lokal"))),
    _s("hosting", "Hosting", "Hosting",
       Value("pdn", "Pusat Data Nasional", "National Data Centre", alt=("pdn", "pdns", "pusat data nasional")),
       Value("server-sendiri", "Server Sendiri", "Own server",
             alt=("server sendiri", "server lokal", "data center daerah", "pusat data daerah", "on premise")),
       Value("cloud", "Cloud", "Cloud", alt=("cloud", "komputasi awan", "vps")),
       Value("pihak-ketiga", "Pihak Ketiga", "Third party", alt=("pihak ketiga", "vendor", "hosting vendor"))),
    _s("target-layanan", "Target Layanan", "Service audience",
       Value("masyarakat", "Masyarakat", "Citizens"),
       Value("pelaku-usaha", "Pelaku Usaha", "Businesses"),
       Value("asn", "Aparatur Sipil Negara", "Civil servants", alt=("asn", "pegawai")),
       Value("pemerintah", "Pemerintah", "Government", alt=("instansi pemerintah",))),
    _s("metode-layanan", "Metode Layanan", "Service channel",
       Value("elektronik", "Elektronik", "Electronic", alt=("online", "daring")),
       Value("hybrid", "Hibrida", "Hybrid", alt=("hybrid", "hibrid")),
       Value("tatap-muka", "Tatap Muka", "Face to face", alt=("tatap muka", "offline", "luring", "manual"))),
    _s("penetapan-umum", "Penetapan Aplikasi Umum", "Common-application designation",
       Value("ditetapkan", "Ditetapkan", "Designated",
             "Ditetapkan sebagai Aplikasi Umum oleh keputusan Menteri PANRB yang nomornya terverifikasi.",
             "Designated a common application by a KemenPANRB decree whose number is verified."),
       Value("diklaim", "Diklaim", "Claimed",
             "Disebut Aplikasi Umum oleh sumber lain atau dalam praktik, tetapi keputusan penetapannya belum ditemukan.",
             "Called a common application by other sources or in practice, but no designating decree was found."),
       Value("tidak-terverifikasi", "Tidak Terverifikasi", "Unverified",
             "Aplikasi nasional yang status Aplikasi Umumnya tidak diketahui.",
             "A national application whose common-application status is unknown."),
       Value("bukan-umum", "Bukan Aplikasi Umum", "Not a common application",
             "Aplikasi khusus kementerian/lembaga atau infrastruktur, bukan Aplikasi Umum.",
             "A ministry's specific application or infrastructure, not a common application.")),
    _s("jenis-integrasi", "Jenis Integrasi", "Integration kind",
       Value("splp", "SPLP", "SPLP (government service interconnection system)",
             alt=("splp", "sistem penghubung layanan pemerintah")),
       Value("api", "API", "API", alt=("api", "web service", "webservice", "rest api")),
       Value("tidak-ada", "Tidak Ada", "None", alt=("tidak ada", "belum", "tidak terintegrasi", "none"))),
])
