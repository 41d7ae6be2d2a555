"""Reference-code suggestions: RAB level 3, RAL level 3 and RAA level 2 for applications without codes.

Deterministic, no model: the words of an application's name (with its short name, aliases and the first
label of its hosts), description/function and managing OPD are matched against the lexicon
(:mod:`spbe_kg.queries.lexicon`): application *jobs* (``fa:*``) and the synonyms of the reference
concepts. A label matches a field when all its (stemmed) words occur in it; it scores the specificity of
its words (inverse frequency over all labels) times the weight of the field (name 1.0, description 0.6,
OPD 0.25) and of the label (alt 1.0, hidden 0.8, pref 0.5). A job's score goes to the RAB code it
``skos:broadMatch``-es; a national application the record is recorded as (host or name, see
:mod:`features`) gives its own codes a strong boost. RAL level 3 follows from ``spbe:padananRAB``;
RAA level 2 from Umum/Khusus (declared type or a national Aplikasi Umum) × public service (RAL.01) vs
government administration (RAL.02).

Scores are mapped to 0..1 (``1 - exp(-raw / 4)``); each suggestion carries the words or facts behind it.

>>> from spbe_kg.queries.records import AppRecord
>>> s = suggest_records([AppRecord("http://x/a", "SIMPEG", description="data pegawai", opd_name="BKPSDM")], [])
>>> [(x.scheme, x.code.rsplit("/", 1)[-1], x.rank) for x in s if x.rank == 1]
[('RAB', 'RAB.09.06.03', 1), ('RAL', 'RAL.02.04.03', 1), ('RAA', 'RAA.02.02', 1)]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .features import prepare
from .lexicon import REF, Label, Lexicon, analyse, load_lexicon, words
from .normalize import place_tokens
from .records import UMUM, AppRecord, NationalRef

METHOD = "leksikon-sastrawi"
METHOD_VERSION = "1.0"

W_FIELD = {"nama": 1.0, "deskripsi": 0.6, "opd": 0.25}
W_KIND = {"alt": 1.0, "hidden": 0.8, "pref": 0.5}
W_NATIONAL = 8.0
RAA = {("umum", "RAL.01"): "RAA.01.01", ("umum", "RAL.02"): "RAA.01.02",
       ("khusus", "RAL.01"): "RAA.02.01", ("khusus", "RAL.02"): "RAA.02.02"}


@dataclass
class Suggestion:
    app: str
    scheme: str  # RAB, RAL, RAA
    code: str  # concept IRI
    score: float  # 0..1
    rank: int
    evidence: list[str]
    method: str = METHOD
    version: str = METHOD_VERSION

    @property
    def notation(self) -> str:
        return self.code.rsplit("/", 1)[-1]


@dataclass
class JobMatch:
    job: str
    score: float  # raw
    name_score: float  # the part that came from the name
    evidence: list[str] = field(default_factory=list)


class _Index:
    """Inverted index token -> labels, with the specificity (idf) of every token."""

    def __init__(self, lex: Lexicon) -> None:
        self.entries: list[tuple[str, Label]] = []  # (owner iri, label)
        for j in sorted(lex.jobs.values(), key=lambda j: j.iri):
            self.entries += [(j.iri, lab) for lab in j.labels]
        for c in sorted(lex.concepts.values(), key=lambda c: c.iri):
            if c.level == 3 and c.notation.startswith(("RAB.", "RAL.")):
                self.entries += [(c.iri, lab) for lab in c.labels]
        df: dict[str, int] = defaultdict(int)
        for _, lab in self.entries:
            for t in set(lab.tokens):
                df[t] += 1
        n = max(1, len(self.entries))
        self.idf = {t: math.log(1 + n / d) for t, d in df.items()}
        self.by_token: dict[str, list[int]] = defaultdict(list)
        for i, (_, lab) in enumerate(self.entries):
            for t in set(lab.tokens):
                self.by_token[t].append(i)

    def matches(self, toks: set[str]) -> list[tuple[str, Label, float]]:
        cand = sorted({i for t in toks for i in self.by_token.get(t, ())})
        out = []
        for i in cand:
            owner, lab = self.entries[i]
            if lab.kind == "pref" and len(lab.tokens) > 2:
                hit = [t for t in lab.tokens if t in toks]
                if len(hit) * 2 < len(lab.tokens):
                    continue  # a long code-list title: at least half its words
                spec = sum(self.idf[t] for t in hit) * len(hit) / len(lab.tokens)
            elif all(t in toks for t in lab.tokens):
                spec = sum(self.idf[t] for t in lab.tokens)
            else:
                continue
            out.append((owner, lab, spec))
        return out


_INDEX: dict[int, _Index] = {}


def _index(lex: Lexicon) -> _Index:
    ix = _INDEX.get(id(lex))
    if ix is None:
        _INDEX.clear()
        ix = _INDEX[id(lex)] = _Index(lex)
    return ix


def _fields(rec: AppRecord, lex: Lexicon) -> dict[str, set[str]]:
    drop = set(place_tokens(rec.pemda_name)) | {"go", "id", "com", "net", "org", "www", "http", "https"}
    name_parts = [rec.name or "", rec.short or "", *rec.aliases]
    name_parts += [h.split(".")[0] for h in rec.hosts if not h[:1].isdigit()]
    name = analyse(" ".join(name_parts), lex) - drop
    desc = analyse(f"{rec.description} {rec.function}", lex) - drop
    opd = analyse(rec.opd_name or "", lex) - drop
    return {"nama": name, "deskripsi": desc, "opd": opd}


def score_text(fields: dict[str, set[str]], lex: Lexicon) -> tuple[dict[str, float], dict[str, list[str]], dict[str, float]]:
    """Raw scores per job or concept IRI, the evidence per IRI, and the part of each score from the name."""
    ix = _index(lex)
    scores: dict[str, float] = defaultdict(float)
    name_part: dict[str, float] = defaultdict(float)
    ev: dict[str, list[str]] = defaultdict(list)
    for fname, toks in fields.items():
        if not toks:
            continue
        best: dict[str, tuple[float, str]] = {}
        extra: dict[str, float] = defaultdict(float)
        for owner, lab, spec in ix.matches(toks):
            s = W_FIELD[fname] * W_KIND[lab.kind] * spec
            prev = best.get(owner)
            if prev is None or s > prev[0]:
                if prev:
                    extra[owner] += 0.25 * prev[0]
                best[owner] = (s, lab.text)
            else:
                extra[owner] += 0.25 * s
        for owner, (s, text) in best.items():
            total = s + extra[owner]
            scores[owner] += total
            if fname == "nama":
                name_part[owner] += total
            ev[owner].append(f"{fname}: {text}")
    return scores, ev, name_part


def _conf(raw: float) -> float:
    return round(1.0 - math.exp(-raw / 4.0), 4)


def best_jobs(rec: AppRecord, lex: Lexicon, fields=None) -> list[JobMatch]:
    """Jobs matched by a record, best first (raw score, then IRI)."""
    fields = fields or _fields(rec, lex)
    scores, ev, name_part = score_text(fields, lex)
    out = [JobMatch(j, s, name_part.get(j, 0.0), ev[j]) for j, s in scores.items() if j in lex.jobs]
    out.sort(key=lambda m: (-m.score, m.job))
    return out


def suggest_records(records: Sequence[AppRecord], nationals: Sequence[NationalRef], *, lex: Lexicon | None = None,
                    national_codes: dict[str, tuple[str, ...]] | None = None, top_k: int = 3, min_score: float = 0.15,
                    rejected: set[tuple[str, str]] = frozenset(), accepted: dict[str, set[str]] | None = None,
                    feats=None) -> list[Suggestion]:
    """Suggestions for every record lacking declared (or accepted) codes of a scheme.

    ``national_codes``: national application IRI -> its RAB/RAL codes (evidence); ``rejected``: (app, code)
    pairs an architect rejected (never suggested again); ``accepted``: app -> accepted codes (count as declared).
    """
    lex = lex or load_lexicon()
    national_codes = national_codes or {}
    accepted = accepted or {}
    nat_name = {n.iri: n.name for n in nationals}
    nat_umum = {n.iri for n in nationals if n.designated_umum}
    feats = feats if feats is not None else prepare(records, nationals, shared_hosts=())
    cache: dict[tuple, tuple] = {}
    out: list[Suggestion] = []
    for rec, f in zip(records, feats):
        acc = accepted.get(rec.iri, set())
        have = {x.rsplit("/", 1)[-1].split(".")[0] for x in (*rec.rab, *rec.ral, *getattr(rec, "raa", ()), *acc)}
        key = (rec.name, rec.short, rec.aliases, rec.hosts, rec.description, rec.function, rec.opd_name, rec.pemda_name)
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = score_text(_fields(rec, lex), lex)
        scores, ev, _ = hit
        rab: dict[str, float] = defaultdict(float)
        rab_ev: dict[str, list[str]] = defaultdict(list)
        ral: dict[str, float] = defaultdict(float)
        ral_ev: dict[str, list[str]] = defaultdict(list)
        for owner, s in scores.items():
            job = lex.jobs.get(owner)
            if job is not None and job.rab:
                rab[job.rab] += s
                rab_ev[job.rab].append(f"{job.label_id}: {', '.join(ev[owner])}")
            elif owner.startswith(REF + "RAB."):
                rab[owner] += s
                rab_ev[owner].extend(ev[owner])
            elif owner.startswith(REF + "RAL."):
                ral[owner] += s
                ral_ev[owner].extend(ev[owner])
        for n in sorted(f.national):
            for code in national_codes.get(n, ()):
                target = rab if "/RAB." in code else ral
                target[code] += W_NATIONAL
                (rab_ev if "/RAB." in code else ral_ev)[code].append(f"aplikasi nasional {nat_name.get(n, n)}")
        for code, s in list(rab.items()):
            r = lex.ral_for_rab.get(code)
            if r:
                ral[r] += s
                ral_ev[r] = rab_ev[code] + ral_ev[r]
        ranked: dict[str, list[tuple[str, float, list[str]]]] = {}
        for scheme, sc, evd in (("RAB", rab, rab_ev), ("RAL", ral, ral_ev)):
            items = [(c, s) for c, s in sc.items() if (rec.iri, c) not in rejected and c in lex.concepts]
            items.sort(key=lambda x: (-x[1], x[0]))
            ranked[scheme] = [(c, s, evd[c]) for c, s in items if _conf(s) >= min_score][:top_k]
        # RAA level 2: Umum/Khusus x public service / administration
        umum = rec.jenis == UMUM or bool(f.national & nat_umum)
        kind = "umum" if umum else "khusus"
        top_ral = ranked["RAL"][0][0].rsplit("/", 1)[-1] if ranked["RAL"] else ""
        raa: list[tuple[str, float, list[str]]] = []
        why_kind = ("jenis: Aplikasi Umum" if rec.jenis == UMUM else "aplikasi nasional umum") if umum else "bukan Aplikasi Umum"
        if top_ral:
            area = top_ral[:6]
            conf = ranked["RAL"][0][1]
            first = REF + RAA[(kind, area)]
            other = REF + RAA[(kind, "RAL.02" if area == "RAL.01" else "RAL.01")]
            raa = [(first, conf, [why_kind, f"RAL {top_ral}"]), (other, conf * 0.5, [why_kind])]
        ranked["RAA"] = [(c, s, e) for c, s, e in raa if (rec.iri, c) not in rejected and _conf(s) >= min_score]
        for scheme, items in ranked.items():
            if scheme in have:
                continue
            for rank, (code, s, evd) in enumerate(items, 1):
                seen: list[str] = []
                for e in evd:
                    if e not in seen:
                        seen.append(e)
                out.append(Suggestion(rec.iri, scheme, code, _conf(s), rank, seen[:6]))
    return out


def job_of(rec: AppRecord, lex: Lexicon, *, min_name: float = 1.5) -> JobMatch | None:
    """The one job a record's *name* says it does (None when the name says none clearly)."""
    jobs = best_jobs(rec, lex)
    if not jobs:
        return None
    top = jobs[0]
    if top.name_score < min_name:
        return None
    if len(jobs) > 1 and jobs[1].name_score >= top.name_score * 0.9 and lex.jobs[jobs[1].job].rab != lex.jobs[top.job].rab:
        return None  # two different jobs named equally: ambiguous
    return top


__all__ = ["Suggestion", "suggest_records", "best_jobs", "job_of", "words", "METHOD", "METHOD_VERSION"]
