"""The national applications (SRIKANDI, SIPD, ...) as plain Python objects, read from the bundled
``aplikasi-nasional.ttl``.

>>> apps = {a.name: a for a in national_apps()}
>>> apps["SRIKANDI"].designation, apps["SRIKANDI"].is_umum
('ditetapkan', True)
>>> "srikandi.arsip.go.id" in apps["SRIKANDI"].hosts
True
>>> apps["SRIKANDI"].ral_codes
('RAL.02.04.06',)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from . import ONTOLOGY_DIR
from .namespaces import REF, sparql_prefixes

NATIONAL_TTL = ONTOLOGY_DIR / "aplikasi-nasional.ttl"
_PENETAPAN = str(REF["penetapan-umum/"])


@dataclass(frozen=True)
class NationalApp:
    iri: str
    name: str
    long_name: str
    agency: str
    agency_iri: str
    function: str
    hosts: tuple[str, ...]
    aliases: tuple[str, ...]
    designation: str  # "ditetapkan" | "diklaim" | "tidak-terverifikasi" | "bukan-umum"
    is_umum: bool
    ral_codes: tuple[str, ...]
    rab_codes: tuple[str, ...]


_QUERY = sparql_prefixes() + """
SELECT ?a ?p ?o WHERE {
  ?a a spbe:AplikasiNasional ; ?p ?o .
}"""



def _solutions(store: ox.Store, query: str) -> ox.QuerySolutions:
    res = store.query(query)
    assert isinstance(res, ox.QuerySolutions), "a SELECT query"
    return res

def _code(iri: str) -> str:
    return iri[len(str(REF)):]


@lru_cache(maxsize=1)
def national_apps() -> tuple[NationalApp, ...]:
    """Every national application of the bundled list, sorted by name (cached)."""
    store = ox.Store()
    store.load(path=str(NATIONAL_TTL), format=ox.RdfFormat.TURTLE)
    props: dict[str, dict[str, list]] = {}
    for row in _solutions(store, _QUERY):
        a, p = row["a"].value, row["p"].value
        props.setdefault(a, {}).setdefault(p.rsplit("#", 1)[-1], []).append(row["o"])
    agency_names = {r["i"].value: r["n"].value for r in _solutions(
        store, sparql_prefixes() + "SELECT ?i ?n WHERE { ?i a spbe:KementerianLembaga ; spbe:namaSingkat ?n }")}
    apps = []
    for iri, p in props.items():
        def one(k: str, default: str = "", p: dict[str, list] = p) -> str:
            return p[k][0].value if k in p else default

        def many(k: str, p: dict[str, list] = p) -> tuple[str, ...]:
            return tuple(sorted(o.value for o in p.get(k, [])))

        types = {o.value for o in p.get("type", [])}  # rdf:type, keyed by its local name
        designation = one("penetapanUmum")[len(_PENETAPAN):]
        agency_iri = one("instansiPengelola")
        apps.append(NationalApp(
            iri=iri,
            name=one("namaSingkat"),
            long_name=one("nama"),
            agency=agency_names.get(agency_iri, ""),
            agency_iri=agency_iri,
            function=one("fungsi"),
            hosts=many("hostUrl"),
            aliases=many("alias"),
            designation=designation,
            is_umum=any(t.endswith("#AplikasiUmum") for t in types),
            ral_codes=tuple(sorted(_code(o.value) for o in p.get("kodeRAL", []))),
            rab_codes=tuple(sorted(_code(o.value) for o in p.get("kodeRAB", []))),
        ))
    return tuple(sorted(apps, key=lambda a: a.name.lower()))
