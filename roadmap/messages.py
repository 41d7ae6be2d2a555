"""User-facing texts of decisions and the roadmap, Bahasa Indonesia and English.

>>> DecisionError("unknown-kind", kind="x").text("en")
'Unknown decision kind x. Known kinds: konfirmasi-klaster, tolak-klaster, tolak-pasangan, pisah-klaster, gabung-klaster, ubah-target, ubah-disposisi, ubah-rencana, terima-kode, tolak-kode.'
"""

from __future__ import annotations

KINDS = ("konfirmasi-klaster", "tolak-klaster", "tolak-pasangan", "pisah-klaster", "gabung-klaster",
         "ubah-target", "ubah-disposisi", "ubah-rencana", "terima-kode", "tolak-kode")

ERRORS: dict[str, tuple[str, str, int]] = {
    # key: (Bahasa Indonesia, English, HTTP status)
    "unknown-kind": ("Jenis keputusan {kind} tidak dikenal. Jenis yang ada: " + ", ".join(KINDS) + ".",
                     "Unknown decision kind {kind}. Known kinds: " + ", ".join(KINDS) + ".", 400),
    "unknown-iri": ("Aplikasi/IRI tidak dikenal di store: {iris}. Periksa IRI (salin dari laporan duplikasi).",
                    "Unknown application/IRI in the store: {iris}. Check the IRI (copy it from the duplicate report).", 400),
    "unknown-opd": ("OPD {iri} tidak dikenal di store. Pakai IRI perangkat daerah yang ada di data.",
                    "OPD {iri} is not known in the store. Use the IRI of a unit present in the data.", 400),
    "cluster-gone": ("Klaster {cluster} tidak ada lagi pada analisis terbaru (data atau keputusan telah berubah). "
                     "Muat ulang laporan duplikasi dan putuskan klaster yang ditampilkan sekarang.",
                     "Cluster {cluster} no longer exists in the latest analysis (data or decisions changed). "
                     "Reload the duplicate report and decide on the cluster shown now.", 409),
    "not-member": ("{iri} bukan anggota klaster {cluster}.", "{iri} is not a member of cluster {cluster}.", 400),
    "split-parts": ("Pisah klaster perlu bagian yang dipisahkan: sebagian anggota, bukan kosong dan bukan semuanya.",
                    "Splitting a cluster needs the part to split off: some members, neither none nor all.", 400),
    "merge-count": ("Gabung klaster perlu sedikitnya dua klaster.", "Merging needs at least two clusters.", 400),
    "pair-count": ("Tolak pasangan perlu tepat dua aplikasi yang berbeda.", "Rejecting a pair needs exactly two different applications.", 400),
    "needs": ("Keputusan {kind} perlu {what}.", "Decision {kind} needs {what}.", 400),
    "bad-disposition": ("Disposisi {value} tidak dikenal; pilih tolerate, invest, migrate atau eliminate.",
                        "Unknown disposition {value}; choose tolerate, invest, migrate or eliminate.", 400),
    "bad-status": ("Status rencana {value} tidak dikenal; pilih {choices}.", "Unknown plan status {value}; choose {choices}.", 400),
    "bad-year": ("Tahun {value} di luar periode Peta Rencana {start}-{end}.",
                 "Year {value} is outside the roadmap period {start}-{end}.", 400),
    "not-year": ("Tahun harus bilangan empat angka, bukan {value}.", "The year must be a four-digit number, not {value}.", 400),
    "unknown-item": ("Butir rencana {item} tidak ada di Peta Rencana saat ini (hanya klaster yang dikonfirmasi menghasilkan butir).",
                     "Roadmap item {item} is not in the current roadmap (only confirmed clusters produce items).", 404),
    "unknown-code": ("Kode referensi {iri} tidak dikenal (bukan konsep di data referensi).",
                     "Reference code {iri} is not known (not a concept of the reference data).", 400),
    "unknown-target": ("Target {iri} bukan aplikasi yang dicatat maupun aplikasi nasional.",
                       "Target {iri} is neither a recorded nor a national application.", 400),
    "scope": ("{principal} tidak berwenang memutuskan aplikasi instansi lain: {iris}.",
              "{principal} may not decide on applications of other agencies: {iris}.", 403),
    "scope-cross": ("Klaster lintas pemda hanya diputuskan provinsi/admin; {principal} hanya boleh memutuskan aplikasinya sendiri.",
                    "Cross-pemda clusters are decided by the province/admin; {principal} may only decide on its own applications.", 403),
    "unknown-instansi": ("Instansi {value} tidak dikenal di store.", "Agency {value} is not known in the store.", 400),
    "body": ("Isi permintaan harus objek JSON: {detail}", "The request body must be a JSON object: {detail}", 400),
}


class DecisionError(Exception):
    """A rejected decision or roadmap request: nothing was changed. ``text(lang)`` is the user message."""

    def __init__(self, key: str, **fmt) -> None:
        self.key = key
        self.fmt = fmt
        self.status = ERRORS[key][2]
        super().__init__(self.text("id"))

    def text(self, lang: str = "id") -> str:
        msg_id, msg_en, _ = ERRORS[self.key]
        return (msg_en if lang == "en" else msg_id).format(**self.fmt)


ACTIONS = {
    # action: (Bahasa Indonesia, English)
    "kembangkan": ("Kembangkan", "Develop"),
    "pertahankan": ("Pertahankan", "Keep"),
    "integrasi": ("Integrasikan", "Integrate"),
    "migrasi": ("Migrasi", "Migrate"),
    "migrasi-aplikasi-umum": ("Migrasi ke Aplikasi Umum", "Migrate to an Aplikasi Umum"),
    "hentikan": ("Hentikan", "Retire"),
}
STATUSES = {
    "direncanakan": ("Direncanakan", "Planned"),
    "berjalan": ("Berjalan", "In progress"),
    "selesai": ("Selesai", "Done"),
    "ditunda": ("Ditunda", "Postponed"),
    "dibatalkan": ("Dibatalkan", "Cancelled"),
}
DISPOSITIONS = ("tolerate", "invest", "migrate", "eliminate")
DECISION_STATUS = {
    "dikonfirmasi": ("Dikonfirmasi", "Confirmed"),
    "dibuka-kembali": ("Dibuka kembali", "Reopened"),
    "usulan": ("Usulan (belum diputuskan)", "Proposed (not decided)"),
}


def label(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    pair = table.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]
