"""Ontology terms of code suggestions, architects' decisions and the lexicon (issue 10, DECISIONS-CONTRACT).

Concatenated into ``terms.CLASSES`` and ``terms_properties.PROPERTIES``; MODEL.md documents them.

>>> sorted(t.name for t in CLASSES)
['Keputusan', 'SaranKode', 'Singkatan']
"""

from __future__ import annotations

from .terms import C, Term


def O(name, label_id, label_en, def_id, def_en, domain=None, range=None):
    return Term("object", name, label_id, label_en, def_id, def_en, (), domain, range)


def D(name, label_id, label_en, def_id, def_en, domain=None, range="rdfs:Literal"):
    return Term("data", name, label_id, label_en, def_id, def_en, (), domain, range)


_APP = "spbe:Aplikasi"
_CONCEPT = "skos:Concept"

CLASSES = (
    C("SaranKode", "Saran Kode", "Code suggestion",
      "Kode referensi (RAB/RAL level 3, RAA level 2) yang disarankan mesin untuk sebuah aplikasi, dengan skor, "
      "peringkat, metode dan kata/fakta pendukung; bukan kode yang dideklarasikan.",
      "A reference code (RAB/RAL level 3, RAA level 2) suggested by the machine for an application, with score, "
      "rank, method and supporting words/facts; not a declared code.", "prov:Entity"),
    C("Keputusan", "Keputusan", "Decision",
      "Keputusan arsitek atas saran atau temuan (terima/tolak kode, konfirmasi/tolak klaster ...); keputusan "
      "terbaru per jenis dan subjek berlaku, dan tidak pernah dihapus oleh pemuatan ulang.",
      "An architect's decision on a suggestion or finding (accept/reject a code, confirm/reject a cluster ...); "
      "the latest per kind and subject wins and no re-load ever deletes it.", "prov:Activity"),
    C("Singkatan", "Singkatan", "Acronym",
      "Singkatan yang lazim dalam nama aplikasi pemerintah beserta bentuk panjangnya (leksikon).",
      "An acronym common in government application names with its long form (lexicon)."),
)

PROPERTIES = (
    O("untukAplikasi", "untuk aplikasi", "for application", "Aplikasi yang diberi saran.",
      "The application the suggestion is for.", "spbe:SaranKode", _APP),
    O("kode", "kode", "code", "Konsep kode referensi yang disarankan atau diputuskan.",
      "The reference-code concept suggested or decided on.", None, _CONCEPT),
    D("peringkat", "peringkat", "rank", "Peringkat saran (1 = terbaik).", "Rank of the suggestion (1 = best).",
      "spbe:SaranKode", "xsd:integer"),
    D("metode", "metode", "method", "Nama metode yang membuat saran.", "Name of the method that made the suggestion.",
      None, "xsd:string"),
    D("versiMetode", "versi metode", "method version", "Versi metode (dan leksikon) yang membuat saran.",
      "Version of the method (and lexicon) that made the suggestion.", None, "xsd:string"),
    D("buktiTeks", "bukti teks", "supporting text", "Kata atau fakta yang mendukung saran.",
      "Words or facts supporting the suggestion.", "spbe:SaranKode", "xsd:string"),
    D("sidikBukti", "sidik bukti", "evidence fingerprint",
      "Hash bukti yang diputuskan, untuk mengenali bukti yang berubah.",
      "Hash of the evidence decided on, to detect changed evidence.", None, "xsd:string"),
    D("jenisKeputusan", "jenis keputusan", "decision kind",
      "terima-kode, tolak-kode, konfirmasi-klaster, tolak-klaster, tolak-pasangan, pisah-klaster, gabung-klaster, "
      "ubah-target, ubah-disposisi atau ubah-rencana.",
      "accept-code, reject-code, confirm-cluster, reject-cluster, reject-pair, split-cluster, merge-cluster, "
      "change-target, change-disposition or change-plan.", "spbe:Keputusan", "xsd:string"),
    O("tentang", "tentang", "about", "Catatan aplikasi yang menjadi pokok keputusan.",
      "The application record(s) the decision is about.", "spbe:Keputusan", _APP),
    O("kodeRABDisarankan", "kode RAB disarankan", "suggested RAB code",
      "Saran kode RAB peringkat 1 (graf saran-kode); dibaca kueri bernama dengan --saran.",
      "The rank-1 suggested RAB code (saran-kode graph); read by named queries with --saran.", _APP, _CONCEPT),
    O("kodeRALDisarankan", "kode RAL disarankan", "suggested RAL code",
      "Saran kode RAL peringkat 1 (graf saran-kode); dibaca kueri bernama dengan --saran.",
      "The rank-1 suggested RAL code (saran-kode graph); read by named queries with --saran.", _APP, _CONCEPT),
    O("kodeRAADisarankan", "kode RAA disarankan", "suggested RAA code",
      "Saran kode RAA level 2 peringkat 1 (graf saran-kode).",
      "The rank-1 suggested RAA level-2 code (saran-kode graph).", _APP, _CONCEPT),
    D("bentukSingkat", "bentuk singkat", "short form", "Bentuk singkat (mis. SIMPEG).", "Short form (e.g. SIMPEG).",
      "spbe:Singkatan", "xsd:string"),
    D("bentukPanjang", "bentuk panjang", "long form", "Kepanjangan singkatan.", "The long form of the acronym.",
      "spbe:Singkatan"),
    O("aplikasiUmumRujukan", "Aplikasi Umum rujukan", "reference Aplikasi Umum",
      "Aplikasi Umum nasional yang menjalankan fungsi aplikasi ini (target konsolidasi aplikasi lokal sejenis).",
      "The national Aplikasi Umum doing this application job (consolidation target of local ones).",
      _CONCEPT, "spbe:AplikasiNasional"),
    O("kelompokAplikasi", "kelompok aplikasi", "application group",
      "Kelompok aplikasi RAA level 2 bagi aplikasi yang menjalankan fungsi ini.",
      "The RAA level-2 group of applications doing this job.", _CONCEPT, _CONCEPT),
)
