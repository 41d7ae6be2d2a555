"""Recommended consolidation target and a disposition (TIME: Tolerate / Invest / Migrate / Eliminate) per member.

These are recommendations for the architects, never decisions; every text says so.

* same application recorded by several OPDs ("satu-aplikasi-banyak-pencatat"): keep one record (linked
  to the national application when there is one) and merge the others into it;
* different applications doing the same job ("aplikasi-berbeda-fungsi-sama"): a designated Aplikasi
  Umum first; otherwise the active application used by the most OPDs; the others migrate to it (or
  are eliminated when already inactive); other national applications are tolerated (a central agency
  mandates them).

Texts: the ``duplicates`` message catalogue (``spbe_kg/i18n/duplicates.yaml``).

>>> _both("label")["id"]
'Rekomendasi (bukan keputusan)'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spbe_kg.i18n import LANGS, both

from .normalize import is_compound
from .records import AppRecord, NationalRef

SAME_APP = "satu-aplikasi-banyak-pencatat"
SAME_FUNCTION = "aplikasi-berbeda-fungsi-sama"

@dataclass
class Recommendation:
    target_iri: str
    target_name: str
    rationale: dict[str, str]  # lang -> text
    dispositions: dict[str, tuple[str, dict[str, str]]]  # member IRI -> (disposition, {lang: reason})


def _both(key: str, **kw) -> dict[str, str]:
    """The texts in every language (formatted once per distinct message and values: a national pass
    formats tens of thousands, most of them equal)."""
    return dict(_both_cached(key, tuple(sorted(kw.items()))))


@lru_cache(maxsize=4096)
def _both_cached(key: str, kw: tuple) -> tuple[tuple[str, str], ...]:
    return tuple(both(f"duplicates.{key}", **dict(kw)).items())


def _record_rank(r: AppRecord) -> tuple:
    complete = sum(bool(x) for x in (r.hosts, r.description, r.ral or r.rab, r.short))
    return (is_compound(r.name), not r.is_active, -r.n_users, -complete, r.row or 10**9, r.iri)


def _group_national(members: Sequence[AppRecord], nationals: dict[str, NationalRef], links: dict[str, frozenset]) -> NationalRef | None:
    counts: dict[str, int] = {}
    for m in members:
        for n in links.get(m.iri, ()):
            counts[n] = counts.get(n, 0) + 1
    if not counts:
        return None
    best = max(sorted(counts), key=lambda n: counts[n])
    return nationals.get(best) or NationalRef(best, best.rsplit("/", 1)[-1], (), (), None)


def recommend_same_app(members: Sequence[AppRecord], nationals: dict[str, NationalRef], links: dict[str, frozenset]) -> Recommendation:
    nat = _group_national(members, nationals, links)
    primary = min(members, key=_record_rank)
    disp = {}
    for m in members:
        if m.iri == primary.iri:
            disp[m.iri] = ("tolerate", _both("keep_record"))
        else:
            disp[m.iri] = ("eliminate", _both("merge_record", target=primary.name))
    if nat is not None:
        umum = _both("umum") if nat.designated_umum else dict.fromkeys(LANGS, "")
        rationale = {lang: _both("target_national", name=nat.name, umum=u)[lang] for lang, u in umum.items()}
        return Recommendation(nat.iri, nat.name, rationale, disp)
    rationale = _both("target_record", name=primary.name, opd=primary.opd_name or "-")
    return Recommendation(primary.iri, primary.name, rationale, disp)


def recommend_same_function(
    groups: Sequence[Sequence[AppRecord]], nationals: dict[str, NationalRef], links: dict[str, frozenset],
    umum_target: NationalRef | None = None,
) -> Recommendation:
    """``groups``: the identity groups (each one application) of one function cluster; ``umum_target``: the
    national Aplikasi Umum doing the same job (lexicon ``spbe:aplikasiUmumRujukan``), the target when no
    member is an Aplikasi Umum."""
    info = []
    for g in groups:
        nat = _group_national(g, nationals, links)
        active = any(m.is_active for m in g)
        users = len({m.opd or m.iri for m in g}) + sum(m.n_users for m in g)
        primary = min(g, key=_record_rank)
        info.append((g, nat, active, users, primary))
    umum = [x for x in info if x[1] is not None and x[1].designated_umum]
    tgt_group: Sequence[AppRecord] | None
    if not umum and umum_target is not None:  # the Aplikasi Umum doing the job is not in the inventory
        tgt_group = None
        t_name, t_iri = umum_target.name, umum_target.iri
        rationale = _both("target_umum", name=t_name)
        umum_named = True
    elif umum:
        tgt = max(umum, key=lambda x: (x[3], x[4].iri))
        assert tgt[1] is not None
        t_name, t_iri = tgt[1].name, tgt[1].iri
        rationale = _both("target_umum", name=t_name)
        tgt_group, umum_named = tgt[0], True
    else:
        tgt = min(info, key=lambda x: (not x[2], -x[3], _record_rank(x[4])))
        t_name = tgt[1].name if tgt[1] else tgt[4].name
        t_iri = tgt[1].iri if tgt[1] else tgt[4].iri
        rationale = _both("target_used", name=t_name, n=tgt[3])
        tgt_group, umum_named = tgt[0], False
    disp = {}
    for g, nat, _active, _users, _p in info:
        for m in g:
            if g is tgt_group:
                disp[m.iri] = ("invest", _both("invest"))
            elif nat is not None:
                disp[m.iri] = ("tolerate", _both("tolerate_national", target=t_name))
            elif not m.is_active:
                disp[m.iri] = ("eliminate", _both("eliminate_inactive", target=t_name))
            elif umum_named:
                disp[m.iri] = ("migrate", _both("migrate_umum", target=t_name))
            else:
                disp[m.iri] = ("migrate", _both("migrate", target=t_name))
    return Recommendation(t_iri, t_name, rationale, disp)
