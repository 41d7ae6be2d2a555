"""Recommended consolidation target and a disposition (TIME: Tolerate / Invest / Migrate / Eliminate) per member.

These are recommendations for the architects, never decisions; every text says so.

* same application recorded by several OPDs ("satu-aplikasi-banyak-pencatat"): keep one record (linked
  to the national application when there is one) and merge the others into it;
* different applications doing the same job ("aplikasi-berbeda-fungsi-sama"): a designated Aplikasi
  Umum first; otherwise the active application used by the most OPDs; the others migrate to it (or
  are eliminated when already inactive); other national applications are tolerated (a central agency
  mandates them).

>>> MSG["id"]["label"]
'Rekomendasi (bukan keputusan)'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .normalize import is_compound
from .records import AppRecord, NationalRef

SAME_APP = "satu-aplikasi-banyak-pencatat"
SAME_FUNCTION = "aplikasi-berbeda-fungsi-sama"

MSG = {
    "id": {
        "label": "Rekomendasi (bukan keputusan)",
        "target_national": "Aplikasi nasional {name}{umum}: semua catatan ini adalah aplikasi yang sama; tautkan ke aplikasi nasional dan catat OPD lain sebagai pengguna.",
        "target_record": "Catatan paling lengkap dan paling banyak dipakai ({name}, {opd}); catatan lain adalah aplikasi yang sama.",
        "umum": " (Aplikasi Umum)",
        "keep_record": "Pertahankan sebagai catatan utama.",
        "merge_record": "Catatan ganda: gabungkan ke catatan utama {target} (OPD ini menjadi pengguna).",
        "target_umum": "{name} adalah Aplikasi Umum yang ditetapkan/diakui: instansi wajib memakainya untuk fungsi ini.",
        "target_used": "{name} aktif dan dipakai paling luas ({n} catatan/OPD) di antara aplikasi yang fungsinya sama.",
        "invest": "Target konsolidasi: kembangkan dan perluas pemakaiannya.",
        "migrate": "Fungsinya sama dengan {target}: migrasikan pengguna dan data ke sana.",
        "migrate_umum": "Aplikasi Khusus yang fungsinya sama dengan Aplikasi Umum {target}: migrasikan ke Aplikasi Umum.",
        "eliminate_inactive": "Sudah tidak aktif dan fungsinya ada di {target}: hentikan dan arsipkan.",
        "tolerate_national": "Aplikasi nasional yang diwajibkan instansi pusat: pertahankan, pastikan terintegrasi dengan {target}.",
    },
    "en": {
        "label": "Recommendation (not a decision)",
        "target_national": "National application {name}{umum}: all these records are the same application; link them to the national application and record the other OPDs as users.",
        "target_record": "The most complete and most widely used record ({name}, {opd}); the other records are the same application.",
        "umum": " (Aplikasi Umum)",
        "keep_record": "Keep as the primary record.",
        "merge_record": "Duplicate record: merge into the primary record {target} (this OPD becomes a user).",
        "target_umum": "{name} is a designated/recognised Aplikasi Umum: agencies must use it for this function.",
        "target_used": "{name} is active and the most widely used ({n} records/OPDs) of the applications doing this job.",
        "invest": "Consolidation target: invest and widen its use.",
        "migrate": "Does the same job as {target}: migrate users and data to it.",
        "migrate_umum": "An Aplikasi Khusus doing what the Aplikasi Umum {target} does: migrate to the Aplikasi Umum.",
        "eliminate_inactive": "Already inactive and its function exists in {target}: retire and archive it.",
        "tolerate_national": "A national application mandated by a central agency: keep it, make sure it integrates with {target}.",
    },
}


@dataclass
class Recommendation:
    target_iri: str
    target_name: str
    rationale: dict[str, str]  # lang -> text
    dispositions: dict[str, tuple[str, dict[str, str]]]  # member IRI -> (disposition, {lang: reason})


def _both(key: str, **kw) -> dict[str, str]:
    return {lang: MSG[lang][key].format(**kw) for lang in MSG}


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
        umum = {lang: MSG[lang]["umum"] if nat.designated_umum else "" for lang in MSG}
        rationale = {lang: MSG[lang]["target_national"].format(name=nat.name, umum=umum[lang]) for lang in MSG}
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
