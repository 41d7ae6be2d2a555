"""How recorded decisions change the duplicate analysis (the hook ``queries.duplicates`` calls).

* a rejected pair / cluster / split is not proposed again **while its evidence is the same**: a pair whose
  evidence lines are all among the lines recorded with the decision is dropped (a rejected
  "same application" cluster only loses its identity links: the records may still do the same job);
  new evidence (a new shared host, a new member of a joined block) re-opens it: the cluster is shown as
  "dibuka-kembali" / "reopened" with the lines added and removed;
* a confirmed or merged cluster is held together (links between its records are added), and a
  confirmed cluster keeps the id it was confirmed under when members are added (the new ones are listed);
* target and disposition changes override the recommendation of that cluster.

Evidence lines are ``"<iri a>|<iri b>|kind=value"`` per pair (IRIs sorted) and ``"*|kind=value"`` for a
block joined as a whole (SRIKANDI recorded by hundreds of OPDs).

>>> pair_lines("http://x/b", "http://x/a", [("nama", "simpeg")])
['http://x/a|http://x/b|nama=simpeg']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from spbe_kg.queries.evidence import Evidence, Pair
from spbe_kg.queries.recommend import SAME_APP, Recommendation

from .decisions import Decision, latest, load
from .messages import both


def pair_lines(a: str, b: str, evidence: Sequence[tuple[str, str]]) -> list[str]:
    x, y = sorted((a, b))
    return sorted({f"{x}|{y}|{k}={v}" for k, v in evidence})


def cluster_lines(cluster, records) -> list[str]:
    """Evidence lines of a cluster: every pair's, plus the blocks joined without pairs."""
    out: set[str] = set()
    for p in cluster.pairs:
        out.update(pair_lines(records[p.a].iri, records[p.b].iri, [(e.kind, e.value) for e in p.evidence
                                                                    if e.kind != "keputusan"]))
    paired = {(e.kind, e.value) for p in cluster.pairs for e in p.evidence}
    for kind, values in cluster.evidence.items():
        if kind in ("host-url", "aplikasi-nasional"):
            out.update(f"*|{kind}={v}" for v in values if (kind, v) not in paired)
    return sorted(out)


class DecisionResolver:
    """The decisions in force, applied to one analysis run (``filter`` then ``annotate``)."""

    def __init__(self, decisions: Sequence[Decision]) -> None:
        self.decisions = list(decisions)
        self.current = latest(self.decisions)
        self.by_member: dict[str, list[Decision]] = defaultdict(list)
        for d in self.current.values():
            if d.kind in ("tolak-pasangan", "tolak-klaster", "pisah-klaster"):
                for s in (*d.subjects, *d.values.get("dipisahDari", ())):
                    self.by_member[s].append(d)
        self.reopened: list[tuple[Decision, str, str, list[str], list[str]]] = []  # (d, a, b, added, removed)
        self.suppressed = 0

    @classmethod
    def from_store(cls, store, settings) -> DecisionResolver:
        return cls(load(store, settings, kinds=("konfirmasi-klaster", "tolak-klaster", "tolak-pasangan",
                                                "pisah-klaster", "gabung-klaster", "ubah-target", "ubah-disposisi")))

    def __bool__(self) -> bool:
        return bool(self.decisions)

    # --- before clustering --------------------------------------------------------------------
    @staticmethod
    def _applies(d: Decision, a: str, b: str) -> bool:
        if d.kind == "tolak-pasangan":
            return {a, b} == set(d.subjects)
        if d.kind == "tolak-klaster":
            return a in d.subjects and b in d.subjects
        part, rest = set(d.subjects), set(d.values.get("dipisahDari", ()))
        return (a in part and b in rest) or (b in part and a in rest)

    def filter(self, records, pairs: list[Pair], big: list) -> tuple[list[Pair], list]:
        """Pairs and whole blocks with the decisions applied, plus forced links of confirmed/merged clusters."""
        if not self.decisions:
            return pairs, big
        kept: list[Pair] = []
        for p in pairs:
            a, b = records[p.a].iri, records[p.b].iri
            ds = [d for d in self.by_member.get(a, ()) if self._applies(d, a, b)]
            if not ds:
                kept.append(p)
                continue
            lines = pair_lines(a, b, [(e.kind, e.value) for e in p.evidence])
            drop = identity_only = False
            for d in ds:
                recorded = set(d.evidence_lines)
                if set(lines) <= recorded:
                    if d.kind == "tolak-klaster" and d.value("jenisDuplikasi") == SAME_APP:
                        identity_only = True
                    else:
                        drop = True
                else:
                    x, y = sorted((a, b))
                    mine = {line for line in recorded if line.startswith(f"{x}|{y}|")}
                    self.reopened.append((d, a, b, sorted(set(lines) - recorded), sorted(mine - set(lines))))
            if drop:
                self.suppressed += 1
                continue
            if identity_only:
                self.suppressed += 1
                p.identity = False
            kept.append(p)
        kept_big = []
        for item in big:
            kind, value, block = item
            iris = {records[i].iri for i in block}
            hit = None
            for d in self.current.values():
                if d.kind == "tolak-klaster" and d.value("jenisDuplikasi") == SAME_APP and f"*|{kind}={value}" in d.evidence_lines:
                    hit = d
                    break
            if hit is None:
                kept_big.append(item)
            elif iris <= set(hit.subjects):
                self.suppressed += 1
            else:
                kept_big.append(item)
                new = sorted(iris - set(hit.subjects))
                self.reopened.append((hit, new[0], new[0], [f"*|{kind}={value} (+{len(new)})"], []))
        kept.extend(self._forced(records))
        return kept, kept_big

    def _forced(self, records) -> list[Pair]:
        index = {r.iri: i for i, r in enumerate(records)}
        out = []
        for d in self.current.values():
            if d.kind not in ("konfirmasi-klaster", "gabung-klaster"):
                continue
            idx = sorted(index[s] for s in d.subjects if s in index)
            same = d.value("jenisDuplikasi") == SAME_APP
            ev = [Evidence("keputusan", d.kind, 1.0, 1.0)]
            if same:
                out += [Pair(idx[0], j, list(ev), identity=True, guarded=False) for j in idx[1:]]
            else:  # every pair, so the group-level guard of function clusters always passes
                out += [Pair(i, j, list(ev), function=True, guarded=False) for k, i in enumerate(idx) for j in idx[k + 1:]]
        return out

    # --- after clustering ---------------------------------------------------------------------
    def annotate(self, clusters, records, nationals: dict) -> None:
        """Stable ids, decision status, reopened changes, decided targets and dispositions."""
        names = {r.iri: r.name for r in records}
        names.update({n.iri: n.name for n in nationals.values()})
        confirms = [d for d in self.current.values() if d.kind == "konfirmasi-klaster"]
        taken: set[str] = set()
        for c in clusters:
            c.decision = {"status": "usulan"}
        # the confirmed cluster with the largest overlap keeps its id
        scored = []
        for c in clusters:
            members = {m.record.iri for m in c.members}
            for d in confirms:
                if d.value("jenisDuplikasi") not in (None, c.kind):
                    continue
                ov = len(members & set(d.subjects))
                if ov and ov * 2 >= len(d.subjects):
                    scored.append((ov, d.iri, c, d, members))
        scored.sort(key=lambda x: (-x[0], x[1]))
        done: set[int] = set()
        for _ov, _i, c, d, members in scored:
            if id(c) in done or d.iri in taken:
                continue
            done.add(id(c))
            taken.add(d.iri)
            c.id = d.value("idKlaster") or c.id
            c.decision = {"status": "dikonfirmasi", "keputusan": d.iri, "oleh": d.agent, "waktu": d.time.isoformat(),
                          "alasan": d.reason, "anggotaBaru": sorted(members - set(d.subjects)),
                          "anggotaHilang": sorted(set(d.subjects) - members)}
            target = d.value("targetKonsolidasi")
            if target:
                set_target(c, target, names, d)
        for d, a, b, added, removed in self.reopened:
            for c in clusters:
                members = {m.record.iri for m in c.members}
                if a in members and b in members:
                    if c.decision["status"] == "usulan":
                        c.decision = {"status": "dibuka-kembali", "keputusan": d.iri, "jenis": d.kind, "perubahan": []}
                    c.decision.setdefault("perubahan", []).append({"a": a, "b": b, "ditambah": added, "dihapus": removed,
                                                                    "keputusan": d.iri})
        by_id = {c.id: c for c in clusters}
        for d in sorted(self.current.values(), key=lambda d: d.time):
            c = by_id.get(d.value("idKlaster") or "")
            if c is None:
                continue
            target = d.value("targetKonsolidasi")
            if d.kind == "ubah-target" and target:
                confirmed_at = c.decision.get("waktu")
                if not confirmed_at or d.time.isoformat() >= confirmed_at:
                    set_target(c, target, names, d)
        for d in sorted(self.current.values(), key=lambda d: d.time):
            c = by_id.get(d.value("idKlaster") or "")
            if c is None or d.kind != "ubah-disposisi":
                continue
            for m in c.members:
                if m.record.iri in d.subjects:
                    m.disposition = d.value("disposisi") or m.disposition
                    m.reason = _reason(d)


def analyse_with_decisions(store, settings):
    """The duplicate analysis of ``store`` with its decisions applied (what every user-facing path shows)."""
    from spbe_kg.queries.duplicates import analyse

    return analyse(store, settings, resolver=DecisionResolver.from_store(store, settings))


def _reason(d: Decision) -> dict[str, str]:
    return both("architect_reason", agent=d.agent, why=f": {d.reason}" if d.reason else ".")


def set_target(c, target: str, names: dict[str, str], d: Decision) -> None:
    """Make ``target`` the cluster's consolidation target and re-derive the dispositions around it."""
    member = next((m for m in c.members if m.record.iri == target), None)
    if member is not None:
        group = {m.record.iri for m in c.members if m.group == member.group}
    else:
        group = {m.record.iri for m in c.members if target in m.record.national}
    name = names.get(target) or target.rsplit("/", 1)[-1]
    disp = dict(c.recommendation.dispositions)
    for m in c.members:
        if m.record.iri in group:
            m.disposition = "tolerate" if c.kind == SAME_APP else "invest"
        elif c.kind == SAME_APP:
            m.disposition = "eliminate"
        elif m.disposition in ("invest", "tolerate") and not m.record.national:
            m.disposition = "migrate" if m.record.is_active else "eliminate"
        m.reason = _reason(d)
        disp[m.record.iri] = (m.disposition, m.reason)
    rationale = both("architect_target", agent=d.agent, name=name, why=f" — {d.reason}" if d.reason else "")
    c.recommendation = Recommendation(target, name, rationale, disp)
