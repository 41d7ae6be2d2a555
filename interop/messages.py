"""Bilingual messages of the linked-data pages, exports and harvest (Bahasa Indonesia first).

>>> text("ld_unknown", "en", iri="https://e/x")
'The store holds nothing about https://e/x. Check the IRI (copy it whole) or search with /sparql.'
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "ld_bad_iri": (
        "IRI tidak valid: '{iri}'. Parameter iri harus berupa IRI lengkap, mis. /resource?iri=https://w3id.org/spbe/ref/RAL.02",
        "Invalid IRI: '{iri}'. The iri parameter must be a full IRI, e.g. /resource?iri=https://w3id.org/spbe/ref/RAL.02",
    ),
    "ld_unknown": (
        "Store tidak memuat apa pun tentang {iri}. Periksa IRI-nya (salin utuh) atau cari lewat /sparql.",
        "The store holds nothing about {iri}. Check the IRI (copy it whole) or search with /sparql.",
    ),
    "ld_not_acceptable": (
        "Format yang diminta (Accept: {accept}) tidak tersedia. Tersedia: {offers}; atau tambahkan ekstensi .ttl .jsonld .nt .rdf .html",
        "The requested format (Accept: {accept}) is not available. Available: {offers}; or add an extension .ttl .jsonld .nt .rdf .html",
    ),
    "ld_store": (
        "Store tidak dapat dibaca saat ini ({error}). Coba lagi sebentar lagi.",
        "The store cannot be read right now ({error}). Try again shortly.",
    ),
    "ld_dump_pending": (
        "Dump sedang dibuat; coba lagi dalam beberapa detik.",
        "The dump is being built; try again in a few seconds.",
    ),
    "ld_dump_failed": (
        "Dump tidak dapat dibuat: {error}",
        "The dump could not be built: {error}",
    ),
    # --- harvest -----------------------------------------------------------------------------
    "hv_not_allowed": (
        "Sumber {url} tidak ada dalam harvest_allowlist (SPBE_HARVEST_ALLOWLIST); tambahkan awalan URL-nya bila sumber ini dipercaya. Tidak ada yang diubah.",
        "Source {url} is not in harvest_allowlist (SPBE_HARVEST_ALLOWLIST); add its URL prefix if you trust it. Nothing was changed.",
    ),
    "hv_private": (
        "Host {host} mengarah ke alamat privat/lokal {addr}; alamat seperti ini hanya boleh bila alamatnya sendiri tercantum di harvest_allowlist (mis. http://{addr}:PORT/). Tidak ada yang diubah.",
        "Host {host} resolves to the private/local address {addr}; such addresses are only allowed when the address itself is in harvest_allowlist (e.g. http://{addr}:PORT/). Nothing was changed.",
    ),
    "hv_scheme": (
        "URL {url} harus http:// atau https://. Tidak ada yang diubah.",
        "URL {url} must be http:// or https://. Nothing was changed.",
    ),
    "hv_unreachable": (
        "Sumber {url} tidak dapat dihubungi ({error}). Salinan terakhir (bila ada) tetap dipakai; tidak ada yang diubah.",
        "Source {url} cannot be reached ({error}). The last copy (if any) stays; nothing was changed.",
    ),
    "hv_http": (
        "Sumber {url} menjawab HTTP {status}. Salinan terakhir (bila ada) tetap dipakai; tidak ada yang diubah.",
        "Source {url} answered HTTP {status}. The last copy (if any) stays; nothing was changed.",
    ),
    "hv_no_dump": (
        "Deskripsi VoID di {url} tidak menyebut void:dataDump yang dapat dibaca. Tidak ada yang diubah.",
        "The VoID description at {url} names no readable void:dataDump. Nothing was changed.",
    ),
    "hv_garbage": (
        "Isi dari {url} bukan RDF yang valid ({error}). Salinan terakhir (bila ada) tetap dipakai; tidak ada yang diubah.",
        "The content of {url} is not valid RDF ({error}). The last copy (if any) stays; nothing was changed.",
    ),
    "hv_too_large": (
        "Dump dari {url} melebihi batas {limit} byte (harvest_max_bytes). Tidak ada yang diubah.",
        "The dump from {url} exceeds the {limit} byte limit (harvest_max_bytes). Nothing was changed.",
    ),
    "hv_empty": (
        "Dump dari {url} kosong; salinan terakhir tetap dipakai. Tidak ada yang diubah.",
        "The dump from {url} is empty; the last copy stays. Nothing was changed.",
    ),
    "hv_unchanged": (
        "{url}: tidak berubah sejak panen terakhir (ETag {etag}); {triples} tripel tetap di {graph}.",
        "{url}: unchanged since the last harvest (ETag {etag}); {triples} triples stay in {graph}.",
    ),
    "hv_loaded": (
        "{url}: {triples} tripel dipanen ke graf {graph}.",
        "{url}: {triples} triples harvested into graph {graph}.",
    ),
    # --- export --------------------------------------------------------------------------------
    "ex_no_publisher": (
        "Penerbit katalog tidak diketahui: data memuat {n} instansi. Atur --publisher-name (atau SPBE_PUBLISHER_NAME).",
        "The catalogue publisher is unknown: the data holds {n} agencies. Set --publisher-name (or SPBE_PUBLISHER_NAME).",
    ),
    "ex_empty": (
        "Store tidak memuat {what}; tidak ada yang diekspor. Muat inventaris dulu (spbe load).",
        "The store holds no {what}; nothing exported. Load an inventory first (spbe load).",
    ),
    "ex_written": (
        "{n} {what} diekspor sebagai {profile} ({triples} tripel) ke {out}.",
        "{n} {what} exported as {profile} ({triples} triples) to {out}.",
    ),
}


def text(key: str, lang: str = "id", **kw) -> str:
    id_, en = MESSAGES[key]
    return (en if lang == "en" else id_).format(**kw)
