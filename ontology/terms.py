"""The readable table of ontology classes (properties are in ``terms_properties``).

Each class has a bilingual label and definition and its superclasses, as CURIEs. ``build_ontology``
turns these tables into ``spbe.ttl``; the names are the contract of MODEL.md.

>>> from spbe_kg.ontology.terms import CLASSES, by_name
>>> by_name("Aplikasi").parents
('schema:SoftwareApplication', 'adms:Asset', 'spbe:ElemenArsitektur')
>>> len({c.name for c in CLASSES}) == len(CLASSES)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """One class or property of the ontology.

    ``kind``: "class", "object", "data" or "annotation". ``parents``: superclasses or
    super-properties (CURIEs). ``domain``/``range``: CURIEs or ``None`` where no single one is true.
    """

    kind: str
    name: str
    label_id: str
    label_en: str
    def_id: str
    def_en: str
    parents: tuple[str, ...] = ()
    domain: str | None = None
    range: str | None = None
    see_also: tuple[str, ...] = field(default=())


def C(name, label_id, label_en, def_id, def_en, *parents, see_also=()):
    return Term("class", name, label_id, label_en, def_id, def_en, tuple(parents), see_also=tuple(see_also))


CLASSES: tuple[Term, ...] = (
    # --- organisations (W3C ORG) ---------------------------------------------------------
    C("Instansi", "Instansi", "Government agency",
      "Instansi pemerintah pusat atau daerah yang menyelenggarakan SPBE.",
      "A central or regional government agency that runs SPBE.", "org:FormalOrganization"),
    C("KementerianLembaga", "Kementerian/Lembaga", "Ministry or central agency",
      "Instansi pemerintah pusat (kementerian atau lembaga).",
      "A central-government agency (ministry or non-ministerial institution).", "spbe:Instansi"),
    C("PemerintahDaerah", "Pemerintah Daerah", "Regional government",
      "Pemerintah provinsi, kabupaten atau kota.", "A provincial, regency or city government.", "spbe:Instansi"),
    C("PemerintahProvinsi", "Pemerintah Provinsi", "Provincial government",
      "Pemerintah daerah tingkat provinsi.", "A regional government at province level.", "spbe:PemerintahDaerah"),
    C("PemerintahKabupatenKota", "Pemerintah Kabupaten/Kota", "Regency or city government",
      "Pemerintah daerah tingkat kabupaten atau kota.", "A regional government at regency or city level.",
      "spbe:PemerintahDaerah"),
    C("UnitKerja", "Unit Kerja", "Organisational unit",
      "Unit organisasi di dalam suatu instansi.", "An organisational unit inside an agency.", "org:OrganizationalUnit"),
    C("PerangkatDaerah", "Perangkat Daerah (OPD)", "Regional government unit (OPD)",
      "Unsur pembantu kepala daerah: dinas, badan, sekretariat, biro, inspektorat, kecamatan, dan sebagainya.",
      "A unit of a regional government: an office (dinas), agency (badan), secretariat, bureau, inspectorate, "
      "district, and so on.", "spbe:UnitKerja"),
    C("Wilayah", "Wilayah", "Administrative area",
      "Wilayah administrasi pemerintahan, dengan kode wilayah Kemendagri bila ada.",
      "An administrative area, with its Ministry of Home Affairs area code where known.", "dcterms:Location"),
    # --- architecture elements -----------------------------------------------------------
    C("ElemenArsitektur", "Elemen Arsitektur SPBE", "SPBE architecture element",
      "Unsur arsitektur SPBE yang dapat dipetakan ke kode Referensi Arsitektur.",
      "An element of the SPBE architecture that can be mapped to a reference-architecture code."),
    C("Layanan", "Layanan SPBE", "SPBE service",
      "Layanan yang diselenggarakan instansi melalui SPBE (domain Layanan SPBE, RAL).",
      "A service an agency delivers through SPBE (the SPBE service domain, RAL).",
      "cpsv:PublicService", "spbe:ElemenArsitektur", see_also=("ref:RAL",)),
    C("LayananPublik", "Layanan Publik", "Public service",
      "Layanan SPBE kepada masyarakat atau pelaku usaha (RAL.01).",
      "An SPBE service for citizens or businesses (RAL.01).", "spbe:Layanan", see_also=("ref:RAL.01",)),
    C("LayananAdministrasiPemerintahan", "Layanan Administrasi Pemerintahan", "Government administration service",
      "Layanan SPBE untuk administrasi internal pemerintahan: perencanaan, keuangan, kepegawaian, kearsipan (RAL.02).",
      "An SPBE service for internal government administration: planning, finance, personnel, archives (RAL.02).",
      "spbe:Layanan", see_also=("ref:RAL.02",)),
    C("ProsesBisnis", "Proses Bisnis", "Business process",
      "Fungsi pemerintahan yang dijalankan instansi (domain Proses Bisnis, RAB).",
      "A government function the agency performs (the business-process domain, RAB).", "spbe:ElemenArsitektur",
      see_also=("ref:RAB",)),
    C("DataInformasi", "Data dan Informasi", "Data and information",
      "Kumpulan data atau informasi yang dikelola instansi (domain Data dan Informasi, RAD).",
      "A body of data or information the agency manages (the data domain, RAD).",
      "dcat:Dataset", "spbe:ElemenArsitektur", see_also=("ref:RAD",)),
    C("Aplikasi", "Aplikasi SPBE", "SPBE application",
      "Perangkat lunak yang dipakai instansi untuk menyelenggarakan layanan SPBE (domain Aplikasi SPBE, RAA).",
      "Software an agency uses to deliver SPBE services (the application domain, RAA).",
      "schema:SoftwareApplication", "adms:Asset", "spbe:ElemenArsitektur", see_also=("ref:RAA",)),
    C("AplikasiUmum", "Aplikasi Umum", "Common application",
      "Aplikasi yang ditetapkan Menteri PANRB untuk digunakan bersama oleh instansi pusat dan daerah.",
      "An application designated by the Minister for Administrative Reform for shared use by central and "
      "regional agencies.", "spbe:Aplikasi", see_also=("ref:RAA.01",)),
    C("AplikasiKhusus", "Aplikasi Khusus", "Specific application",
      "Aplikasi yang dibangun untuk memenuhi kebutuhan khusus satu instansi.",
      "An application built for the specific needs of one agency.", "spbe:Aplikasi", see_also=("ref:RAA.02",)),
    C("AplikasiNasional", "Aplikasi Nasional", "National application",
      "Aplikasi yang dikelola instansi pusat dan dipakai atau dicatat ulang oleh pemerintah daerah.",
      "An application managed by a central agency that regional governments use or record again.", "spbe:Aplikasi"),
    C("InfrastrukturSPBE", "Infrastruktur SPBE", "SPBE infrastructure",
      "Unsur infrastruktur SPBE (domain Infrastruktur SPBE, RAI).",
      "An element of SPBE infrastructure (the infrastructure domain, RAI).", "spbe:ElemenArsitektur",
      see_also=("ref:RAI",)),
    C("FasilitasKomputasi", "Fasilitas Komputasi", "Computing facility",
      "Pusat data, server, penyimpanan dan fasilitas komputasi lain (RAI.01).",
      "Data centres, servers, storage and other computing facilities (RAI.01).", "spbe:InfrastrukturSPBE",
      see_also=("ref:RAI.01",)),
    C("SistemIntegrasi", "Sistem Integrasi", "Integration system",
      "Jaringan intra pemerintah dan sistem penghubung layanan (RAI.02).",
      "The government intranet and the service-interconnection systems (RAI.02).", "spbe:InfrastrukturSPBE",
      see_also=("ref:RAI.02",)),
    C("PlatformSPBE", "Platform SPBE", "SPBE platform",
      "Platform bersama yang menjalankan aplikasi SPBE (RAI.03).",
      "A shared platform on which SPBE applications run (RAI.03).", "spbe:InfrastrukturSPBE",
      see_also=("ref:RAI.03",)),
    C("KeamananSPBE", "Keamanan SPBE", "SPBE security",
      "Unsur keamanan SPBE (domain Keamanan SPBE, RAK).",
      "An element of SPBE security (the security domain, RAK).", "spbe:ElemenArsitektur", see_also=("ref:RAK",)),
    C("StandarKeamanan", "Standar Keamanan", "Security standard",
      "Standar teknis dan prosedur keamanan SPBE (RAK.01).",
      "A technical standard or procedure of SPBE security (RAK.01).", "spbe:KeamananSPBE", see_also=("ref:RAK.01",)),
    C("PenerapanKeamanan", "Penerapan Keamanan", "Security implementation",
      "Penerapan keamanan SPBE pada data, aplikasi dan infrastruktur (RAK.02).",
      "The implementation of SPBE security for data, applications and infrastructure (RAK.02).",
      "spbe:KeamananSPBE", see_also=("ref:RAK.02",)),
    C("KelaikanKeamanan", "Kelaikan Keamanan", "Security assurance",
      "Penilaian kelaikan keamanan SPBE (RAK.03).", "An assessment of SPBE security fitness (RAK.03).",
      "spbe:KeamananSPBE", see_also=("ref:RAK.03",)),
    # --- provenance (PROV-O) -------------------------------------------------------------
    C("SumberBerkas", "Berkas Sumber", "Source file",
      "Berkas inventaris (xlsx atau csv) yang dimuat ke graf pengetahuan.",
      "An inventory file (xlsx or csv) loaded into the knowledge graph.", "prov:Entity"),
    C("LembarSumber", "Lembar Sumber", "Source sheet",
      "Satu lembar kerja dalam berkas sumber (berkas csv memiliki satu lembar).",
      "One worksheet of a source file (a csv file has one sheet).", "prov:Entity"),
    C("BarisSumber", "Baris Sumber", "Source row",
      "Satu baris data pada lembar sumber, asal sebuah sumber daya.",
      "One data row of a source sheet, the origin of a resource.", "prov:Entity"),
    C("PemetaanKolom", "Pemetaan Kolom", "Column mapping",
      "Pemetaan satu kolom lembar sumber ke properti yang diisinya.",
      "The mapping of one column of a source sheet to the property it feeds."),
    C("PemuatanInventaris", "Pemuatan Inventaris", "Inventory load",
      "Satu kali pemuatan berkas inventaris ke graf pengetahuan.",
      "One load of an inventory file into the knowledge graph.", "prov:Activity"),
    # --- duplicate findings --------------------------------------------------------------
    C("KlasterDuplikasi", "Klaster Duplikasi", "Duplicate cluster",
      "Sekelompok catatan aplikasi yang diduga aplikasi yang sama atau berfungsi sama.",
      "A group of application records suspected to be the same application or to do the same job."),
    C("KandidatDuplikasi", "Kandidat Duplikasi", "Duplicate candidate",
      "Sepasang catatan aplikasi yang diduga duplikat, beserta buktinya.",
      "A pair of application records suspected to be duplicates, with the evidence."),
    C("Bukti", "Bukti", "Evidence",
      "Satu bukti kemiripan dua catatan aplikasi (nama, akronim, host URL, deskripsi, kode).",
      "One piece of evidence that two application records are alike (name, acronym, URL host, description, code)."),
    C("Rekomendasi", "Rekomendasi", "Recommendation",
      "Rekomendasi tindak lanjut sebuah temuan duplikasi (pertahankan, kembangkan, migrasi, hentikan).",
      "A recommended disposition of a duplicate finding (tolerate, invest, migrate, eliminate)."),
)

from .terms_saran import CLASSES as _SARAN_CLASSES  # noqa: E402  (code suggestions, decisions, lexicon)

CLASSES = CLASSES + _SARAN_CLASSES

#: Groups of classes whose members cannot be the same thing (owl:AllDisjointClasses).
DISJOINT: tuple[tuple[str, ...], ...] = (
    ("Aplikasi", "Layanan", "ProsesBisnis", "DataInformasi", "InfrastrukturSPBE", "KeamananSPBE"),
    ("AplikasiUmum", "AplikasiKhusus"),
    ("LayananPublik", "LayananAdministrasiPemerintahan"),
    ("FasilitasKomputasi", "SistemIntegrasi", "PlatformSPBE"),
    ("StandarKeamanan", "PenerapanKeamanan", "KelaikanKeamanan"),
    ("SumberBerkas", "LembarSumber", "BarisSumber"),
)


def by_name(name: str) -> Term:
    """The class or property named ``name`` (local name without prefix)."""
    from .terms_properties import PROPERTIES

    for t in CLASSES + PROPERTIES:
        if t.name == name:
            return t
    raise KeyError(name)
