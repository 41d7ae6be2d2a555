"""Application records as the duplicate finder sees them, read from any store by SPARQL.

One query (a GROUP BY over the union default graph) returns every recorded application with its
names, hosts, codes, owners and source row, so the analysis works the same on the embedded store and
on a remote endpoint. National applications come from the reference graph by a second query.

>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> fetch_records(EmbeddedStore(None))
[]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from spbe_kg.ontology.namespaces import sparql_prefixes

from .normalize import url_host

SEP = "\u001f"

RECORDS_SPARQL = sparql_prefixes() + f"""
SELECT ?app (SAMPLE(?nama_) AS ?nama) (SAMPLE(?singkat_) AS ?singkat)
       (GROUP_CONCAT(DISTINCT ?alias_; separator="{SEP}") AS ?aliases)
       (SAMPLE(?desk_) AS ?desk) (SAMPLE(?fungsi_) AS ?fungsi)
       (GROUP_CONCAT(DISTINCT ?host_; separator="{SEP}") AS ?hosts)
       (GROUP_CONCAT(DISTINCT STR(?url_); separator="{SEP}") AS ?urls)
       (SAMPLE(?opd_) AS ?opd) (SAMPLE(?opdNama_) AS ?opdNama)
       (SAMPLE(?pemda_) AS ?pemda) (SAMPLE(?pemdaNama_) AS ?pemdaNama)
       (GROUP_CONCAT(DISTINCT STR(?ral_); separator="{SEP}") AS ?ral)
       (GROUP_CONCAT(DISTINCT STR(?rab_); separator="{SEP}") AS ?rab)
       (GROUP_CONCAT(DISTINCT STR(?nas_); separator="{SEP}") AS ?nas)
       (COUNT(DISTINCT ?pengguna_) AS ?nPengguna)
       (SAMPLE(?jenis_) AS ?jenis) (SAMPLE(?status_) AS ?status)
       (SAMPLE(?baris_) AS ?baris) (SAMPLE(?berkas_) AS ?berkas) (SAMPLE(?lembar_) AS ?lembar)
WHERE {{
  VALUES ?cls {{ spbe:Aplikasi spbe:AplikasiUmum spbe:AplikasiKhusus }}
  ?app a ?cls .
  FILTER NOT EXISTS {{ ?app a spbe:AplikasiNasional }}
  OPTIONAL {{ ?app spbe:nama ?nama_ }}
  OPTIONAL {{ ?app spbe:namaSingkat ?singkat_ }}
  OPTIONAL {{ ?app spbe:alias ?alias_ }}
  OPTIONAL {{ ?app spbe:deskripsi ?desk_ }}
  OPTIONAL {{ ?app spbe:fungsi ?fungsi_ }}
  OPTIONAL {{ ?app spbe:hostUrl ?host_ }}
  OPTIONAL {{ ?app spbe:url ?url_ }}
  OPTIONAL {{ ?app spbe:opdPengelola ?opd_ OPTIONAL {{ ?opd_ spbe:nama ?opdNama_ }} }}
  OPTIONAL {{ ?app spbe:instansi ?pemda_ OPTIONAL {{ ?pemda_ spbe:nama ?pemdaNama_ }} }}
  OPTIONAL {{ ?app spbe:kodeRAL ?ral_ }}
  OPTIONAL {{ ?app spbe:kodeRAB ?rab_ }}
  OPTIONAL {{ ?app spbe:merupakanAplikasiNasional ?nas_ }}
  OPTIONAL {{ ?app spbe:opdPengguna ?pengguna_ }}
  OPTIONAL {{ ?app spbe:jenisAplikasi ?jenis_ }}
  OPTIONAL {{ ?app spbe:statusAplikasi ?status_ }}
  OPTIONAL {{ ?app spbe:barisSumber ?row_ . ?row_ spbe:nomorBaris ?baris_ .
             OPTIONAL {{ ?row_ spbe:lembar ?sheet_ OPTIONAL {{ ?sheet_ spbe:namaLembar ?lembar_ }}
                        OPTIONAL {{ ?sheet_ spbe:berkas/spbe:namaBerkas ?berkas_ }} }} }}
}}
GROUP BY ?app
"""

NATIONAL_SPARQL = sparql_prefixes() + f"""
SELECT ?nas (SAMPLE(?nama_) AS ?nama) (SAMPLE(?singkat_) AS ?singkat)
       (GROUP_CONCAT(DISTINCT ?alt_; separator="{SEP}") AS ?aliases)
       (GROUP_CONCAT(DISTINCT ?host_; separator="{SEP}") AS ?hosts)
       (SAMPLE(?pen_) AS ?penetapan)
WHERE {{
  ?nas a spbe:AplikasiNasional .
  OPTIONAL {{ ?nas spbe:nama ?nama_ }}
  OPTIONAL {{ ?nas spbe:namaSingkat ?singkat_ }}
  OPTIONAL {{ {{ ?nas spbe:alias ?alt_ }} UNION {{ ?nas spbe:namaSingkat ?alt_ }} }}
  OPTIONAL {{ ?nas spbe:hostUrl ?host_ }}
  OPTIONAL {{ ?nas spbe:penetapanUmum ?pen_ }}
}}
GROUP BY ?nas
"""

UMUM = "https://w3id.org/spbe/ref/RAA.01"
AKTIF = "https://w3id.org/spbe/ref/status-aplikasi/aktif"
TIDAK_AKTIF = "https://w3id.org/spbe/ref/status-aplikasi/tidak-aktif"


@dataclass
class AppRecord:
    iri: str
    name: str
    short: str | None = None
    aliases: tuple[str, ...] = ()
    description: str = ""
    function: str = ""
    hosts: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    opd: str | None = None
    opd_name: str | None = None
    pemda: str | None = None
    pemda_name: str | None = None
    ral: tuple[str, ...] = ()
    rab: tuple[str, ...] = ()
    national: tuple[str, ...] = ()
    raa: tuple[str, ...] = ()
    n_users: int = 0
    jenis: str | None = None
    status: str | None = None
    row: int | None = None
    file: str | None = None
    sheet: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def is_umum(self) -> bool:
        return self.jenis == UMUM

    @property
    def is_active(self) -> bool:
        return self.status != TIDAK_AKTIF


@dataclass(frozen=True)
class NationalRef:
    iri: str
    name: str
    aliases: tuple[str, ...]
    hosts: tuple[str, ...]
    designation: str | None  # IRI of ref:penetapan-umum/*

    @property
    def designated_umum(self) -> bool:
        return self.designation is not None and self.designation.endswith(("/ditetapkan", "/diklaim"))


def _v(term) -> str | None:
    return None if term is None else term.value


def _split(term) -> tuple[str, ...]:
    s = _v(term)
    return tuple(sorted(x for x in s.split(SEP) if x)) if s else ()


def _pairs(store, pattern: str, timeout_s) -> list[tuple]:
    q = sparql_prefixes() + f"SELECT ?s ?o WHERE {{ {pattern} }}"
    return [(s.value, o) for s, o in store.query(q, timeout_s=timeout_s)]  # by position: half the cost of r["s"]


_SINGLE = {"nama": "nama", "namaSingkat": "short", "deskripsi": "description", "fungsi": "function",
           "opdPengelola": "opd", "instansi": "pemda", "jenisAplikasi": "jenis", "statusAplikasi": "status"}
_MULTI = {"alias": "aliases", "hostUrl": "hosts", "url": "urls", "kodeRAL": "ral", "kodeRAB": "rab",
          "merupakanAplikasiNasional": "national", "kodeRAA": "raa"}


def fetch_records(store, *, timeout_s: float | None = None) -> list[AppRecord]:
    """Every recorded application in the store (national reference individuals excluded).

    One simple query per property (plain pattern scans, fast on every engine) assembled here, rather
    than one GROUP BY with many OPTIONALs (the form in ``RECORDS_SPARQL``, kept as documentation).
    """
    apps_q = sparql_prefixes() + """SELECT DISTINCT ?app WHERE {
      VALUES ?cls { spbe:Aplikasi spbe:AplikasiUmum spbe:AplikasiKhusus } ?app a ?cls .
      FILTER NOT EXISTS { ?app a spbe:AplikasiNasional } }"""
    apps = {a.value for (a,) in store.query(apps_q, timeout_s=timeout_s) if isinstance(a, ox.NamedNode)}
    data: dict[str, dict] = {a: {} for a in apps}
    names: dict[str, str] = {}
    for prop, field_ in _SINGLE.items():
        for s, o in _pairs(store, f"?s spbe:{prop} ?o", timeout_s):
            if prop == "nama":
                names.setdefault(s, o.value)
            d = data.get(s)
            if d is not None and field_ not in d:
                d[field_] = o.value
    for prop, field_ in _MULTI.items():
        for s, o in _pairs(store, f"?s spbe:{prop} ?o", timeout_s):
            d = data.get(s)
            if d is not None:
                d.setdefault(field_, set()).add(o.value)
    users: dict[str, int] = {}
    for s, _o in _pairs(store, "?s spbe:opdPengguna ?o", timeout_s):
        users[s] = users.get(s, 0) + 1
    row_of = {s: o.value for s, o in _pairs(store, "?s spbe:nomorBaris ?o", timeout_s)}
    sheet_of = {s: o.value for s, o in _pairs(store, "?s spbe:lembar ?o", timeout_s)}
    sheet_name = {s: o.value for s, o in _pairs(store, "?s spbe:namaLembar ?o", timeout_s)}
    file_of = {s: o.value for s, o in _pairs(store, "?s spbe:berkas ?o", timeout_s)}
    file_name = {s: o.value for s, o in _pairs(store, "?s spbe:namaBerkas ?o", timeout_s)}
    for s, o in _pairs(store, "?s spbe:barisSumber ?o", timeout_s):
        d = data.get(s)
        if d is None or "row" in d:
            continue
        n = row_of.get(o.value, "")
        d["row"] = int(n) if n.lstrip("-").isdigit() else None
        sheet = sheet_of.get(o.value)
        d["sheet"] = sheet_name.get(sheet) if sheet else None
        d["file"] = file_name.get(file_of.get(sheet, "")) if sheet else None
    out = []
    for iri in sorted(data):
        d = data[iri]
        urls = tuple(sorted(d.get("urls", ())))
        hosts = set(d.get("hosts", ())) or {h for h in (url_host(u) for u in urls) if h}
        out.append(AppRecord(
            iri=iri, name=d.get("nama") or d.get("short") or iri.rsplit("/", 1)[-1], short=d.get("short"),
            aliases=tuple(sorted(d.get("aliases", ()))), description=d.get("description") or "",
            function=d.get("function") or "", hosts=tuple(sorted(h.lower() for h in hosts)), urls=urls,
            opd=d.get("opd"), opd_name=names.get(d.get("opd") or ""), pemda=d.get("pemda"),
            pemda_name=names.get(d.get("pemda") or ""), ral=tuple(sorted(d.get("ral", ()))),
            rab=tuple(sorted(d.get("rab", ()))), raa=tuple(sorted(d.get("raa", ()))), national=tuple(sorted(d.get("national", ()))),
            n_users=users.get(iri, 0), jenis=d.get("jenis"), status=d.get("status"), row=d.get("row"),
            file=d.get("file"), sheet=d.get("sheet"),
        ))
    return out


def fetch_national(store, *, timeout_s: float | None = None) -> list[NationalRef]:
    """National applications of the reference graph (empty if the reference is not loaded)."""
    out = []
    for r in store.query(NATIONAL_SPARQL, timeout_s=timeout_s):
        out.append(
            NationalRef(
                iri=r["nas"].value,
                name=_v(r["singkat"]) or _v(r["nama"]) or r["nas"].value.rsplit("/", 1)[-1],
                aliases=_split(r["aliases"]),
                hosts=tuple(h.lower() for h in _split(r["hosts"])),
                designation=_v(r["penetapan"]),
            )
        )
    return sorted(out, key=lambda n: n.iri)
