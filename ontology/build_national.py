"""Generate ``ontology/aplikasi-nasional.ttl`` from ``aplikasi_nasional_dipakai_pemda.csv``.

Each CSV row becomes one ``spbe:AplikasiNasional`` under ``nas:{slug}`` with its names and aliases,
managing agency (an ``spbe:KementerianLembaga`` under ``inst:{slug}``), function, URLs and hosts,
legal basis, the RAL/RAB codes it serves and how certain its Aplikasi Umum designation is
(``spbe:penetapanUmum``). The curated part lives in ``national_table``.

    python -m spbe_kg.ontology.build_national [--reference DIR] [-o FILE]

>>> designation("Aplikasi Umum (ditetapkan)", "VERIFIED designation")
'ditetapkan'
>>> designation("Aplikasi Khusus K/L", "usage observed")
'bukan-umum'
>>> hosts_of("https://e-katalog.lkpp.go.id ; https://katalog.inaproc.id")
['e-katalog.lkpp.go.id', 'katalog.inaproc.id']
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from urllib.parse import urlsplit

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from . import ONTOLOGY_DIR
from .build_codelists import CodeListError, find_csv, read_codes, reference_dir, reference_file
from .iris import slug
from .meta import new_graph, write_turtle
from .namespaces import INST, NAS, REF, SPBE, enum
from .national_table import AGENCIES, CURATED, Curated

CSV_NAME = "aplikasi_nasional_dipakai_pemda.csv"
SCRIPT = "ontology/build_national.py"
COLUMNS = ("nama", "nama_panjang", "instansi_pengelola", "bidang_fungsi", "kategori_spbe", "dasar_hukum", "url",
           "status_verifikasi")


def designation(kategori: str, status: str) -> str:
    """How certain the Aplikasi Umum designation is, from the CSV's category and verification columns."""
    k, v = kategori.lower(), status.lower()
    if "ditetapkan" in k and v.startswith("verified"):
        return "ditetapkan"
    if "khusus k/l" in k or "infrastruktur" in k or "bukan aplikasi" in k:
        return "bukan-umum"
    if "umum" in k and ("klaim" in k or "dinyatakan" in k or v.startswith("partial")):
        return "diklaim"
    return "tidak-terverifikasi"


def hosts_of(urls: str) -> list[str]:
    """Lower-case hosts of the URLs in a cell (several separated by ``;``); ``-`` means none."""
    out = []
    for u in urls.split(";"):
        u = u.strip()
        if not u or u == "-":
            continue
        host = (urlsplit(u if "://" in u else "https://" + u).hostname or "").lower()
        if host and host not in out:
            out.append(host)
    return out


def _agency(raw: str, cur: Curated, where: str) -> tuple[str, str, str]:
    if cur.agency:
        return AGENCIES[cur.agency]
    head = raw.split(" (")[0].strip()
    for key in (head, head.split(" + ")[0].strip()):
        if key in AGENCIES:
            return AGENCIES[key]
    raise CodeListError(f"{where}, kolom instansi_pengelola: instansi {head!r} belum dikenal; tambahkan ke "
                        f"AGENCIES di ontology/national_table.py.",
                        f"{where.replace(' baris ', ' row ')}, column instansi_pengelola: agency {head!r} is not known; "
                        f"add it to AGENCIES in ontology/national_table.py.")


def _curated(nama: str) -> Curated:
    if nama in CURATED:
        return CURATED[nama]
    parts = [p.strip() for p in nama.split(" / ") if p.strip()]
    return Curated(slug(parts[0]), parts[0], tuple(parts[1:]))


def national_graph(path: Path, ral_codes: dict[str, str | None]) -> Graph:
    """The national applications and their agencies. ``ral_codes``: RAL code -> its RAB twin."""
    g = new_graph()
    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    except (OSError, UnicodeDecodeError) as e:
        raise CodeListError(f"{path}: tidak dapat dibaca ({e}).", f"{path}: cannot be read ({e}).") from e
    if rows and (missing := set(COLUMNS) - set(rows[0])):
        cols = ", ".join(sorted(missing))
        raise CodeListError(f"{path}: kolom {cols} tidak ada di baris judul.",
                            f"{path}: column(s) {cols} missing from the header row.")
    for i, r in enumerate(rows, start=2):
        where = f"{path.name} baris {i}"
        nama = (r["nama"] or "").strip()
        if not nama:
            raise CodeListError(f"{where}, kolom nama: kosong.", f"{path.name} row {i}, column nama: empty.")
        cur = _curated(nama)
        a = NAS[cur.slug]
        a_slug, a_short, a_long = _agency(r["instansi_pengelola"], cur, where)
        ag = INST[a_slug]
        g.add((ag, RDF.type, SPBE.KementerianLembaga))
        g.add((ag, RDFS.label, Literal(a_short)))
        g.add((ag, SPBE.nama, Literal(a_long)))
        g.add((ag, SPBE.namaSingkat, Literal(a_short)))

        des = cur.designation or designation(r["kategori_spbe"], r["status_verifikasi"])
        g.add((a, RDF.type, SPBE.AplikasiNasional))
        if des in ("ditetapkan", "diklaim"):
            g.add((a, RDF.type, SPBE.AplikasiUmum))
            g.add((a, SPBE.jenisAplikasi, REF["RAA.01"]))
        elif "khusus k/l" in r["kategori_spbe"].lower():
            g.add((a, RDF.type, SPBE.AplikasiKhusus))
            g.add((a, SPBE.jenisAplikasi, REF["RAA.02"]))
        g.add((a, SPBE.penetapanUmum, enum("penetapan-umum", des)))
        reason = f"kategori_spbe: {r['kategori_spbe']}; status_verifikasi: {r['status_verifikasi']}"
        g.add((a, SPBE.alasan, Literal(f"{cur.reason} ({reason})" if cur.reason else reason, lang="id")))
        g.add((a, RDFS.label, Literal(cur.name)))
        g.add((a, SPBE.namaSingkat, Literal(cur.name)))
        g.add((a, SPBE.nama, Literal((r["nama_panjang"] or cur.name).strip())))
        for al in dict.fromkeys(cur.aliases):
            g.add((a, SPBE.alias, Literal(al)))
        g.add((a, SPBE.instansiPengelola, ag))
        g.add((a, SPBE.lingkup, enum("lingkup-aplikasi", "pusat")))
        if r["instansi_pengelola"].strip() != a_short:
            g.add((a, SKOS.note, Literal(f"Instansi pengelola (sumber): {r['instansi_pengelola'].strip()}", lang="id")))
        if (r["bidang_fungsi"] or "").strip():
            g.add((a, SPBE.fungsi, Literal(r["bidang_fungsi"].strip(), lang="id")))
        for u in (r["url"] or "").split(";"):
            if u.strip() and u.strip() != "-":
                g.add((a, SPBE.url, Literal(u.strip(), datatype=XSD.anyURI)))
        for h in dict.fromkeys(hosts_of(r["url"] or "") + list(cur.hosts)):
            g.add((a, SPBE.hostUrl, Literal(h)))
        for d in (r["dasar_hukum"] or "").split(";"):
            if d.strip() and d.strip() != "-":
                g.add((a, SPBE.dasarHukum, Literal(d.strip())))
        if (r.get("bukti_pemakaian_di_inventaris_nyata") or "-").strip() != "-":
            g.add((a, SKOS.note, Literal(f"Bukti pemakaian: {r['bukti_pemakaian_di_inventaris_nyata'].strip()}",
                                         lang="id")))
        rabs = list(cur.rab)
        for code in cur.ral:
            if code not in ral_codes:
                raise CodeListError(f"ontology/national_table.py, {nama}: kode {code} tidak ada di daftar RAL.",
                                    f"ontology/national_table.py, {nama}: code {code} is not in the RAL list.")
            g.add((a, SPBE.kodeRAL, REF[code]))
            if not cur.rab and (rab := ral_codes[code]):
                rabs.append(rab)
        for code in dict.fromkeys(rabs):
            g.add((a, SPBE.kodeRAB, REF[code]))
        for code in cur.rai:
            g.add((a, SPBE.kodeRAI, REF[code]))
    return g


def graph(ref_dir: Path | None = None) -> Graph:
    """The national applications graph from the reference directory; writes nothing."""
    ref_dir = reference_dir(ref_dir)
    path = reference_file(CSV_NAME, ref_dir)
    ral = {c.code: c.rab for c in read_codes(find_csv("RAL", ref_dir), "RAL")}
    return national_graph(path, ral)


def build(ref_dir: Path | None = None, out: Path | None = None) -> Path:
    out = out or ONTOLOGY_DIR / "aplikasi-nasional.ttl"
    out.parent.mkdir(parents=True, exist_ok=True)
    return write_turtle(graph(ref_dir), out, SCRIPT)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate aplikasi-nasional.ttl from the national applications CSV.")
    ap.add_argument("--reference", type=Path, default=None)
    ap.add_argument("-o", "--output", type=Path, default=None)
    args = ap.parse_args(argv)
    try:
        print(build(args.reference, args.output))
    except CodeListError as e:
        print(f"galat: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
