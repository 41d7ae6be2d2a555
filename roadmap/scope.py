"""Who may decide on which applications: the one authorisation decision for decisions and roadmap edits.

* the admin (``Principal(name, None)``; today's single write token) decides anything;
* a pemda principal (``instansi`` = its agency IRI) decides only on its own applications;
* a province principal (its agency is a ``spbe:PemerintahProvinsi``) also decides on cross-pemda sets
  (a cluster spanning several pemda) that involve regional governments only — a province does not
  decide a central agency's records; where the data links kabupaten/kota to their province
  (``spbe:wilayah``/``spbe:wilayahInduk``), the others must lie in the province.

Per-pemda tokens (issue 11) only have to build the :class:`Principal`; this function stays the rule.

>>> ADMIN.is_admin, Principal("pemkab-karo", "https://w3id.org/spbe/id/instansi/kab-karo").is_admin
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spbe_kg.ontology.namespaces import PREFIXES

from .messages import DecisionError

SPBE = PREFIXES["spbe"]


@dataclass(frozen=True)
class Principal:
    name: str
    instansi: str | None = None  # None: admin (all agencies)

    @property
    def is_admin(self) -> bool:
        return self.instansi is None


ADMIN = Principal("admin", None)


def owners(store, iris: Iterable[str]) -> dict[str, set[str]]:
    """Agency IRIs per application IRI (applications with none map to an empty set)."""
    iris = sorted(set(iris))
    out: dict[str, set[str]] = {i: set() for i in iris}
    if not iris:
        return out
    values = " ".join(f"<{i}>" for i in iris)
    for sol in store.query(f"SELECT ?a ?i WHERE {{ VALUES ?a {{ {values} }} ?a <{SPBE}instansi> ?i }}"):
        out[sol["a"].value].add(sol["i"].value)
    return out


def _classes(store, iris: Iterable[str]) -> dict[str, set[str]]:
    iris = sorted(set(iris))
    out: dict[str, set[str]] = {i: set() for i in iris}
    if iris:
        values = " ".join(f"<{i}>" for i in iris)
        for sol in store.query(f"SELECT ?i ?c WHERE {{ VALUES ?i {{ {values} }} ?i a ?c }}"):
            out[sol["i"].value].add(sol["c"].value)
    return out


def _in_province(store, province: str, others: set[str]) -> bool:
    values = " ".join(f"<{i}>" for i in sorted(others))
    q = f"""SELECT ?i WHERE {{ VALUES ?i {{ {values} }} ?i <{SPBE}wilayah> ?w .
            FILTER NOT EXISTS {{ <{province}> <{SPBE}wilayah> ?pw . ?w <{SPBE}wilayahInduk>+ ?pw }} }}"""
    known = f"ASK {{ <{province}> <{SPBE}wilayah> ?pw }}"
    if not bool(store.query(known)):
        return True  # the data does not say which province a kabupaten/kota lies in
    return not list(store.query(q))


def check_decision_scope(principal: Principal, app_iris: Iterable[str], store) -> None:
    """Raise :class:`DecisionError` (403) unless ``principal`` may decide on all of ``app_iris``."""
    if principal.instansi is None:  # admin
        return
    mine: str = principal.instansi
    own = owners(store, app_iris)
    foreign = sorted(a for a, inst in own.items() if mine not in inst)
    if not foreign:
        return
    others = {i for a in foreign for i in own[a]}
    classes = _classes(store, others | {mine})
    is_province = SPBE + "PemerintahProvinsi" in classes[mine]
    cross = len({i for inst in own.values() for i in inst}) > 1
    regional = all(SPBE + "PemerintahKabupatenKota" in classes[i] or SPBE + "PemerintahProvinsi" in classes[i]
                   for i in others) and others
    if is_province and cross and regional and _in_province(store, mine, others):
        return
    if cross and not is_province:
        raise DecisionError("scope-cross", principal=principal.name)
    raise DecisionError("scope", principal=principal.name, iris=", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else ""))
