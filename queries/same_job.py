"""Same job across agencies: identity groups whose job (lexicon ``fa:*``) agrees form one function cluster.

Each identity group (one application) gets the job its records' names say (``suggest.job_of``) or, for a
group recorded as a national application, the job whose ``spbe:aplikasiUmumRujukan`` names it. Groups
with the same job in different OPDs or pemda are "aplikasi-berbeda-fungsi-sama"; the evidence is the job
and the words that matched. A group with a job an Aplikasi Umum does, that is not that Aplikasi Umum,
gets it as the consolidation target (an Aplikasi Khusus beside SRIKANDI, SIPD, SP4N-LAPOR ...), even
when the Aplikasi Umum itself is not in the inventory.

>>> from spbe_kg.queries.records import AppRecord
>>> from spbe_kg.queries.lexicon import load_lexicon
>>> recs = [AppRecord("http://x/a", "SIMPEG", opd="http://x/o1"), AppRecord("http://x/b", "Sistem Informasi Kepegawaian", opd="http://x/o2")]
>>> jobs = group_jobs([[0], [1]], recs, {}, load_lexicon())
>>> [j.job.rsplit("/", 1)[-1] if j else None for j in jobs]
['kepegawaian', 'kepegawaian']
>>> job_clusters([[0], [1]], recs, jobs)
[[0, 1]]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from .lexicon import Lexicon
from .normalize import fold
from .records import AppRecord
from .suggest import JobMatch, job_of

# A plug-in or supporting application of another system: its name names the system it supports, not a job
# of its own (docs/labelling.md, "a plug-in that states no job of its own").
_SUPPORTING = re.compile(r"\b(?:aplikasi\s+pendukung|pendukung\s+(?:dari|untuk|bagi)|plug\s*-?\s*in|add\s*-?\s*on|ekstensi\s+(?:dari|untuk))\b")


def is_supporting(rec: AppRecord) -> bool:
    """The description says the record supports another system ("aplikasi pendukung dari X", "plugin X").

    >>> is_supporting(AppRecord("http://x/a", "WP-X", description="Aplikasi pendukung dari X")), is_supporting(AppRecord("http://x/b", "X"))
    (True, False)
    """
    return bool(_SUPPORTING.search(fold(rec.description or "")))


def national_jobs(lex: Lexicon) -> dict[str, list[str]]:
    """National application IRI -> the jobs naming it as their Aplikasi Umum."""
    out: dict[str, list[str]] = defaultdict(list)
    for j in sorted(lex.jobs.values(), key=lambda j: j.iri):
        for n in j.umum:
            out[n].append(j.iri)
    return out


def group_jobs(groups: Sequence[Sequence[int]], records: Sequence[AppRecord], links: dict[str, frozenset],
               lex: Lexicon, *, min_desc: float = 0.0) -> list[JobMatch | None]:
    """The job of each identity group (None when its names say no job clearly)."""
    nat_jobs = national_jobs(lex)
    per_rec: dict[int, JobMatch | None] = {}
    out: list[JobMatch | None] = []
    for g in groups:
        found: list[JobMatch] = []
        for i in g:
            if i not in per_rec:
                per_rec[i] = None if is_supporting(records[i]) else job_of(records[i], lex, min_desc=min_desc)
            if per_rec[i] is not None:
                found.append(per_rec[i])  # type: ignore[arg-type]
        nat = sorted({n for i in g for n in links.get(records[i].iri, ())})
        if found:
            c = Counter(m.job for m in found)
            top = max(sorted(c), key=lambda j: (c[j], sum(m.score for m in found if m.job == j)))
            out.append(max((m for m in found if m.job == top), key=lambda m: m.score))
        elif nat and any(nat_jobs.get(n) for n in nat):
            j = next(nat_jobs[n][0] for n in nat if nat_jobs.get(n))
            out.append(JobMatch(j, 0.0, 0.0, [f"aplikasi nasional: {', '.join(n.rsplit('/', 1)[-1] for n in nat)}"]))
        else:
            out.append(None)
    return out


def platform_jobs(groups: Sequence[Sequence[int]], records: Sequence[AppRecord], links: dict[str, frozenset],
                  lex: Lexicon) -> list[frozenset[str]]:
    """Every job a group does as a national platform: the jobs whose ``spbe:aplikasiUmumRujukan`` names
    the national application its records are recorded as (SIPD: planning, budgeting and financial
    administration). Empty for a local application (its one job is :func:`group_jobs`').

    >>> from spbe_kg.queries.records import AppRecord
    >>> from spbe_kg.queries.lexicon import load_lexicon
    >>> sipd = "https://w3id.org/spbe/id/aplikasi-nasional/sipd"
    >>> recs = [AppRecord("http://x/a", "SIPD"), AppRecord("http://x/b", "e-Planning")]
    >>> [sorted(j.rsplit("/", 1)[-1] for j in js) for js in platform_jobs([[0], [1]], recs, {"http://x/a": frozenset({sipd})}, load_lexicon())]
    [['keuangan-daerah', 'penganggaran', 'perencanaan'], []]
    """
    nat_jobs = national_jobs(lex)
    out = []
    for g in groups:
        nats = {n for i in g for n in links.get(records[i].iri, ())}
        out.append(frozenset(j for n in nats for j in nat_jobs.get(n, ())))
    return out


def job_clusters(groups: Sequence[Sequence[int]], records: Sequence[AppRecord],
                 jobs: Sequence[JobMatch | None], extra: Sequence[frozenset[str]] = ()) -> list[list[int]]:
    """Clusters (lists of group indexes, 2+) of groups sharing a job across OPDs or pemda (a group's job,
    plus its ``extra`` platform jobs)."""
    by_job: dict[str, list[int]] = defaultdict(list)
    for gi, m in enumerate(jobs):
        mine = set(extra[gi]) if gi < len(extra) else set()
        if m is not None:
            mine.add(m.job)
        for j in sorted(mine):
            by_job[j].append(gi)
    out = []
    for job in sorted(by_job):
        gis = by_job[job]
        owners = {records[i].opd or records[i].pemda or records[i].iri for gi in gis for i in groups[gi]}
        if len(gis) >= 2 and len(owners) >= 2:
            out.append(sorted(gis))
    return out


def merge_clusters(n_groups: int, clusters: Sequence[Sequence[int]], hubs: set[int] | frozenset[int] = frozenset()) -> list[list[int]]:
    """Function clusters from overlapping job clusters. A hub (a platform doing several jobs) joins every
    cluster of one of its jobs but does not join those clusters to each other: a planning tool and a finance
    tool are both same-job with SIPD and not with each other (docs/labelling.md), so the result may list a
    hub in several clusters. Every group is in at least one cluster.

    >>> merge_clusters(4, [[0, 1], [0, 2]], hubs={0})
    [[0, 1], [0, 2], [3]]
    >>> merge_clusters(3, [[0, 1], [1, 2]])
    [[0, 1, 2]]
    """
    parent = list(range(n_groups))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in clusters:
        rest = [g for g in c if g not in hubs]
        for g in rest[1:]:
            parent[find(g)] = find(rest[0])
    comps: dict[int, set[int]] = defaultdict(set)
    for g in range(n_groups):
        if g not in hubs:
            comps[find(g)].add(g)
    attached: set[int] = set()
    for c in clusters:
        rest = [g for g in c if g not in hubs]
        if not rest:
            continue
        for h in c:
            if h in hubs:
                comps[find(rest[0])].add(h)
                attached.add(h)
    out = [sorted(m) for m in comps.values()] + [[h] for h in sorted(hubs - attached)]
    return sorted(out)
