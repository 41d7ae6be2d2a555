"""Completeness of the province's inventory: who has submitted, when, how much, how good, what changed.

One row per kabupaten/kota of the province (the reference list, ``settings.completeness_wilayah_csv``,
default the bundled Sumatera Utara list, together with every ``spbe:PemerintahKabupatenKota`` the store
holds) and one per provincial OPD (every ``spbe:PerangkatDaerah`` of the province's instansi, and every
unit that manages one of its applications). Each row says whether it has submitted (it has applications
in the store), when (the newest load of a file holding them), in which files, how many applications,
how many violations and warnings the validation finds on them (and on the unit itself), and what changed
since the previous submission of those files (added, removed, changed applications, from the submission
history of :mod:`spbe_kg.loaders.submissions`).

Reading only: SPARQL on the store and one validation run (``validate_store``). The service computes it
once per store state in a job worker (``service/routes/completeness_cache.py``).

>>> rows = reference_rows(None)
>>> rows[0].jenis, rows[0].nama, len(rows) - 1
('provinsi', 'Provinsi Sumatera Utara', 33)
>>> pemda_name("Kabupaten Nias"), pemda_name("Provinsi Sumatera Utara")
('Pemerintah Kabupaten Nias', 'Pemerintah Provinsi Sumatera Utara')
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from spbe_kg.loaders import submissions
from spbe_kg.loaders.normalize import canonical_instansi
from spbe_kg.ontology.iris import Minter
from spbe_kg.service.store.base import Store
from spbe_kg.settings import Settings

SPBE = "https://w3id.org/spbe/ontology#"
PROV = "http://www.w3.org/ns/prov#"
PREFIXES = f"PREFIX spbe: <{SPBE}>\nPREFIX prov: <{PROV}>\n"
MAX_NAMES = 25  # names listed per kind of change (the counts are complete)


@dataclass(frozen=True)
class Wilayah:
    kode: str
    nama: str
    jenis: str  # provinsi | kabupaten | kota


@dataclass
class Change:
    since: str | None = None  # time of the previous submission compared with (None: first submission)
    added: int = 0
    removed: int = 0
    changed: int = 0
    added_names: list[str] = field(default_factory=list)
    removed_names: list[str] = field(default_factory=list)
    changed_names: list[str] = field(default_factory=list)


@dataclass
class Entry:
    name: str
    iri: str
    code: str = ""
    in_reference: bool = True
    applications: int = 0
    last: str | None = None
    files: list[str] = field(default_factory=list)
    violations: int = 0
    warnings: int = 0
    change: Change | None = None

    @property
    def submitted(self) -> bool:
        return self.applications > 0


@dataclass
class Completeness:
    province: Entry
    kabkota: list[Entry]
    opd: list[Entry]
    validated: bool = True  # False when validation could not run (the counts are then absent)

    def to_json(self) -> dict[str, Any]:
        def one(e: Entry) -> dict[str, Any]:
            d = asdict(e)
            d["submitted"] = e.submitted
            return d

        return {"province": one(self.province), "kabupatenKota": [one(e) for e in self.kabkota],
                "opdProvinsi": [one(e) for e in self.opd], "validated": self.validated,
                "summary": {"kabupatenKota": len(self.kabkota), "kabupatenKotaSubmitted": sum(e.submitted for e in self.kabkota),
                            "opd": len(self.opd), "opdSubmitted": sum(e.submitted for e in self.opd)}}


def _csv_path(settings_path: Path | None):
    if settings_path is not None:
        return Path(settings_path)
    return files("spbe_kg.ontology").joinpath("sources", "sumut_kabupaten_kota.csv")


def reference_rows(path: Path | None) -> list[Wilayah]:
    """The province (first) and its kabupaten/kota from the ``kode_wilayah,nama,jenis`` list."""
    with _csv_path(path).open(encoding="utf-8") as f:
        rows = [Wilayah(r["kode_wilayah"].strip(), r["nama"].strip(), r["jenis"].strip().lower()) for r in csv.DictReader(f)]
    return sorted(rows, key=lambda w: (w.jenis != "provinsi", w.kode))


def pemda_name(nama: str) -> str:
    """The instansi name the loader gives a region ("Kabupaten Nias" -> "Pemerintah Kabupaten Nias")."""
    return canonical_instansi(nama if nama.lower().startswith("pemerintah") else "Pemerintah " + nama)


def _rows(store: Store, q: str, timeout_s: float | None) -> list:
    return list(store.query(PREFIXES + q, timeout_s=timeout_s))  # type: ignore[arg-type]


def _v(row, key: str) -> str:
    t = row[key]
    return t.value if t is not None else ""


def compute(store: Store, settings: Settings, *, timeout_s: float | None = None, validate: bool = True) -> Completeness:
    """The dashboard's figures for the store as it is now."""
    minter = Minter(settings.base_iri)
    ref = reference_rows(settings.completeness_wilayah_csv)
    prov_ref = next((w for w in ref if w.jenis == "provinsi"), None)
    prov_iri = str(minter.instansi(pemda_name(prov_ref.nama))) if prov_ref else ""

    apps = _rows(store, """SELECT ?g ?app ?inst ?opd WHERE { GRAPH ?g { ?app a spbe:Aplikasi .
        OPTIONAL { ?app spbe:instansi ?inst } OPTIONAL { ?app spbe:opdPengelola ?opd } } }""", timeout_s)
    loads = _rows(store, """SELECT ?g ?t ?name WHERE { GRAPH ?g { ?g prov:generatedAtTime ?t .
        OPTIONAL { ?g prov:wasDerivedFrom ?f . ?f spbe:namaBerkas ?name } } }""", timeout_s)
    pemdas = _rows(store, """SELECT DISTINCT ?i ?name WHERE { ?i a spbe:PemerintahKabupatenKota .
        OPTIONAL { ?i spbe:nama ?name } }""", timeout_s)
    units = _rows(store, f"""SELECT DISTINCT ?o ?name WHERE {{ ?o a spbe:PerangkatDaerah ; spbe:bagianDari <{prov_iri}> .
        OPTIONAL {{ ?o spbe:nama ?name }} }}""", timeout_s) if prov_iri else []

    load_time: dict[str, str] = {}
    file_name: dict[str, str] = {}
    for r in loads:
        g = _v(r, "g")
        load_time[g] = max(load_time.get(g, ""), _v(r, "t"))
        if _v(r, "name"):
            file_name[g] = _v(r, "name")
    owner: dict[str, tuple[str, str]] = {}  # app -> (instansi, opd)
    graphs_of: dict[str, set[str]] = {}  # instansi or opd IRI -> graphs holding its applications
    count: dict[str, set[str]] = {}
    for r in apps:
        app, inst, opd, g = _v(r, "app"), _v(r, "inst"), _v(r, "opd"), _v(r, "g")
        owner[app] = (inst, opd)
        for who in (inst, opd):
            if who:
                graphs_of.setdefault(who, set()).add(g)
                count.setdefault(who, set()).add(app)

    province = Entry(prov_ref.nama if prov_ref else "", prov_iri, prov_ref.kode if prov_ref else "")
    kabkota: dict[str, Entry] = {}
    for w in ref:
        if w.jenis != "provinsi":
            iri = str(minter.instansi(pemda_name(w.nama)))
            kabkota[iri] = Entry(pemda_name(w.nama), iri, w.kode)
    for r in pemdas:
        iri = _v(r, "i")
        if iri not in kabkota:
            kabkota[iri] = Entry(_v(r, "name") or iri.rsplit("/", 1)[-1], iri, in_reference=False)
    opds: dict[str, Entry] = {}
    for r in units:
        opds[_v(r, "o")] = Entry(_v(r, "name") or _v(r, "o").rsplit("/", 1)[-1], _v(r, "o"))
    names = {_v(r, "o"): _v(r, "name") for r in units}
    for inst, opd in owner.values():
        if inst == prov_iri and opd and opd not in opds:
            opds[opd] = Entry(names.get(opd) or opd.rsplit("/", 1)[-1], opd, in_reference=False)

    history = submissions.history(store, settings, timeout_s=timeout_s)
    owners = _Owners()
    for e in [province, *kabkota.values(), *opds.values()]:
        gs = sorted(graphs_of.get(e.iri, ()))
        e.applications = len(count.get(e.iri, ()))
        e.files = sorted(file_name.get(g, g.rsplit("/", 1)[-1]) for g in gs)
        e.last = max((load_time[g] for g in gs if g in load_time), default=None)
        e.change = _change(history, gs, e.iri, owners)

    validated = False
    if validate:
        _count_findings(store, settings, owner, [province, *kabkota.values(), *opds.values()])
        validated = True
    order = sorted(kabkota.values(), key=lambda e: (not e.in_reference, e.code or "~", e.name.lower()))
    return Completeness(province, order, sorted(opds.values(), key=lambda e: e.name.lower()), validated)


class _Owners:
    """A submission's applications grouped by instansi and by OPD, built once per record (a national file
    has tens of thousands of applications and the dashboard asks for hundreds of units)."""

    def __init__(self) -> None:
        self._groups: dict[str, dict[str, dict[str, submissions.AppState]]] = {}

    def of(self, sub: submissions.Submission, owner: str) -> dict[str, submissions.AppState]:
        groups = self._groups.get(sub.iri)
        if groups is None:
            groups = self._groups[sub.iri] = {}
            for iri, a in sub.apps.items():
                for who in {a.instansi, a.opd} - {""}:
                    groups.setdefault(who, {})[iri] = a
        return groups.get(owner, {})


def _change(history: dict[str, list[submissions.Submission]], graphs: list[str], iri: str, owners: _Owners) -> Change | None:
    """Changes since the previous submission, over every file graph holding the unit's applications."""
    out = Change()
    seen = False
    for g in graphs:
        recs = history.get(g, [])
        if not recs:
            continue
        seen = True
        if len(recs) < 2:
            continue
        cur, prev = recs[0], recs[1]
        now, before = owners.of(cur, iri), owners.of(prev, iri)
        out.since = max(out.since or "", prev.when)
        found = {"added": (sorted(now.keys() - before.keys()), now), "removed": (sorted(before.keys() - now.keys()), before),
                 "changed": (sorted(k for k in now.keys() & before.keys() if now[k].digest != before[k].digest), now)}
        for kind, (iris, src) in found.items():
            setattr(out, kind, getattr(out, kind) + len(iris))
            getattr(out, f"{kind}_names").extend(src[i].name or i.rsplit("/", 1)[-1] for i in iris)
    for kind in ("added", "removed", "changed"):
        setattr(out, f"{kind}_names", sorted(getattr(out, f"{kind}_names"), key=str.lower)[:MAX_NAMES])
    return out if seen else None


def _count_findings(store: Store, settings: Settings, owner: dict[str, tuple[str, str]], entries: list[Entry]) -> None:
    """Violations and warnings on each unit's applications (and on the unit's own record)."""
    from spbe_kg.shapes.validate import validate_store

    report = validate_store(store, settings=settings)
    by_iri = {e.iri: e for e in entries}
    for r in report.results:
        if r.severity not in ("Violation", "Warning"):
            continue
        targets = set(owner.get(r.focus, ())) if r.focus in owner else {r.focus}
        for iri in targets:
            e = by_iri.get(iri)
            if e is None:
                continue
            if r.severity == "Violation":
                e.violations += 1
            else:
                e.warnings += 1
