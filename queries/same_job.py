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

from collections import Counter, defaultdict
from collections.abc import Sequence

from .lexicon import Lexicon
from .records import AppRecord
from .suggest import JobMatch, job_of


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
                per_rec[i] = job_of(records[i], lex, min_desc=min_desc)
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


def job_clusters(groups: Sequence[Sequence[int]], records: Sequence[AppRecord],
                 jobs: Sequence[JobMatch | None]) -> list[list[int]]:
    """Clusters (lists of group indexes, 2+) of groups sharing a job across OPDs or pemda."""
    by_job: dict[str, list[int]] = defaultdict(list)
    for gi, m in enumerate(jobs):
        if m is not None:
            by_job[m.job].append(gi)
    out = []
    for job in sorted(by_job):
        gis = by_job[job]
        owners = {records[i].opd or records[i].pemda or records[i].iri for gi in gis for i in groups[gi]}
        if len(gis) >= 2 and len(owners) >= 2:
            out.append(sorted(gis))
    return out
