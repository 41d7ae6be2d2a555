"""Reference-code suggestions: RAB level 3, RAL level 3 and RAA level 2 for applications without codes.

Deterministic, no model: the words of an application's name (with its short name, aliases and the first
label of its hosts), description/function and managing OPD are matched against the lexicon
(:mod:`spbe_kg.queries.lexicon`): application *jobs* (``fa:*``) and the synonyms of the reference
concepts. A label matches a field when all its (stemmed) words occur in it; it scores the specificity of
its words (inverse frequency over all labels) times the weight of the field (name 1.0, description 0.6,
OPD 0.25) and of the label (alt 1.0, hidden 0.8, pref 0.5). A job's score goes to the RAB code it
``skos:broadMatch``-es; a national application the record is recorded as (host or name, see
:mod:`features`) gives its own codes a strong boost. RAL level 3 follows from ``spbe:padananRAB``;
RAA level 2 from the kind of function (the job's ``spbe:kelompokAplikasi`` in the lexicon: administration
every agency has -> RAA.01.02, a public channel any agency runs -> RAA.01.01, a sector's service ->
RAA.02.01, a sector's internal function -> RAA.02.02), else from the top RAB code.

Scores are mapped to 0..1 (``1 - exp(-raw / 4)``); each suggestion carries the words or facts behind it.

>>> from spbe_kg.queries.records import AppRecord
>>> s = suggest_records([AppRecord("http://x/a", "SIMPEG", description="data pegawai", opd_name="BKPSDM")], [])
>>> [(x.scheme, x.code.rsplit("/", 1)[-1], x.rank) for x in s if x.rank == 1]
[('RAB', 'RAB.09.06.03', 1), ('RAL', 'RAL.02.04.03', 1), ('RAA', 'RAA.01.02', 1)]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .features import prepare
from .lexicon import REF, Label, Lexicon, analyse, load_lexicon, words
from .normalize import is_compound, place_tokens
from .records import UMUM, AppRecord, NationalRef

METHOD = "leksikon-sastrawi"
METHOD_VERSION = "1.0"

W_FIELD = {"nama": 1.0, "host": 0.5, "deskripsi": 0.6, "opd": 0.25}
W_KIND = {"alt": 1.0, "hidden": 0.8, "pref": 0.5}
W_NATIONAL = 3.0


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
    desc_score: float = 0.0  # the part that came from the description / function


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
        # Each label is looked up by its rarest words only: a phrase needs all its words, so its rarest one
        # is enough; a long code-list title needs half of them, so any of its (n - n/2 + 1) rarest words.
        self.by_token: dict[str, list[int]] = defaultdict(list)
        for i, (_, lab) in enumerate(self.entries):
            toks = sorted(set(lab.tokens), key=lambda t: (-self.idf[t], t))
            if lab.kind == "pref" and len(toks) > 2:
                need = (len(lab.tokens) + 1) // 2
                keys = toks[: len(toks) - need + 1]
            else:
                keys = toks[:1]
            for t in keys:
                self.by_token[t].append(i)

    def matches(self, toks: frozenset[str] | set[str]) -> list[tuple[str, Label, float]]:
        cand = sorted({i for t in toks for i in self.by_token.get(t, ())})
        out = []
        idf = self.idf
        for i in cand:
            owner, lab = self.entries[i]
            if lab.kind == "pref" and len(lab.tokens) > 2:
                hit = [t for t in lab.tokens if t in toks]
                if len(hit) * 2 < len(lab.tokens):
                    continue  # a long code-list title: at least half its words
                spec = sum(idf[t] for t in hit) * len(hit) / len(lab.tokens)
            elif all(t in toks for t in lab.tokens):
                spec = sum(idf[t] for t in lab.tokens)
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


_DROP_WORDS = frozenset({"go", "id", "com", "net", "org", "www", "http", "https"})


def _analysed(text: str, lex: Lexicon, drop: frozenset[str], organisations: bool = False) -> frozenset[str]:
    """``analyse`` of one text minus the record's place words, cached on the lexicon (texts repeat)."""
    key = (text, drop, organisations)
    hit = lex.text_cache.get(key)
    if hit is None:
        if len(lex.text_cache) > 300_000:
            lex.text_cache.clear()
        if _WORDS[0] is not lex or len(_WORDS[1]) > 300_000:
            _WORDS[0], _WORDS[1] = lex, {}
        wkey = (text, organisations)
        words_ = _WORDS[1].get(wkey)  # the same text under another pemda's place words: analysed once
        if words_ is None:
            words_ = _WORDS[1][wkey] = frozenset(analyse(text, lex, organisations=organisations))
        hit = lex.text_cache[key] = frozenset(words_ - drop - _DROP_WORDS)
    return hit


_WORDS: list = [None, {}]  # [lexicon, {text -> analyse(text)}]


def _fields(rec: AppRecord, lex: Lexicon) -> dict[str, frozenset[str]]:
    drop = place_tokens(rec.pemda_name)
    name_parts = [rec.name if not is_compound(rec.name) else "", rec.short or "", *rec.aliases]
    hosts = " ".join(h.split(".")[0] for h in rec.hosts if not h[:1].isdigit())
    return {"nama": _analysed(" ".join(name_parts), lex, drop), "host": _analysed(hosts, lex, drop),
            "deskripsi": _analysed(f"{rec.description} {rec.function}", lex, drop),
            "opd": _analysed(rec.opd_name or "", lex, drop, organisations=True)}


def _field_matches(fname: str, toks: frozenset[str], lex: Lexicon) -> list[tuple[str, float, str]]:
    """(owner, score, label text) of the best label per owner in one field, plus 1/4 of its other labels;
    cached per (field, words): names, descriptions and OPD names repeat across records."""
    key = (fname, toks)
    hit = lex.match_cache.get(key)
    if hit is not None:
        return hit
    best: dict[str, tuple[float, str]] = {}
    extra: dict[str, float] = defaultdict(float)
    for owner, lab, spec in _index(lex).matches(toks):
        s = W_FIELD[fname] * W_KIND[lab.kind] * spec
        prev = best.get(owner)
        if prev is None or s > prev[0]:
            if prev:
                extra[owner] += 0.25 * prev[0]
            best[owner] = (s, lab.text)
        else:
            extra[owner] += 0.25 * s
    hit = [(owner, s + extra[owner], text) for owner, (s, text) in best.items()]
    if len(lex.match_cache) > 300_000:
        lex.match_cache.clear()
    lex.match_cache[key] = hit
    return hit


def score_text(fields: dict[str, frozenset[str]], lex: Lexicon):
    """Raw scores per job or concept IRI, the evidence per IRI, and the parts of each score from the name
    and from the description."""
    scores: dict[str, float] = defaultdict(float)
    name_part: dict[str, float] = defaultdict(float)
    desc_part: dict[str, float] = defaultdict(float)
    ev: dict[str, list[str]] = defaultdict(list)
    for fname, toks in fields.items():
        if not toks:
            continue
        for owner, total, text in _field_matches(fname, toks, lex):
            scores[owner] += total
            if fname in ("nama", "host"):
                name_part[owner] += total
            elif fname == "deskripsi":
                desc_part[owner] += total
            ev[owner].append(f"{fname}: {text}")
    return scores, ev, name_part, desc_part


def _conf(raw: float) -> float:
    return round(1.0 - math.exp(-raw / 4.0), 4)


_FIELDS: list = [None, {}]  # [lexicon, {record's raw fields -> fields_key}]: the pass asks up to 3 times per record


def fields_key(rec: AppRecord, lex: Lexicon) -> tuple:
    """The record's analysed fields as a hashable key (records that differ only in words the matcher drops,
    such as their pemda's place names, share it)."""
    if _FIELDS[0] is not lex or len(_FIELDS[1]) > 300_000:
        _FIELDS[0], _FIELDS[1] = lex, {}
    raw = (rec.name, rec.short, rec.aliases, rec.hosts, rec.description, rec.function, rec.opd_name, rec.pemda_name)
    hit = _FIELDS[1].get(raw)
    if hit is None:
        hit = _FIELDS[1][raw] = tuple(_fields(rec, lex).items())
    return hit


def record_scores(rec: AppRecord, lex: Lexicon, key: tuple | None = None):
    """``score_text`` of a record's fields, cached on the lexicon per distinct set of analysed words."""
    key = key if key is not None else fields_key(rec, lex)
    cache = lex.score_cache
    hit = cache.get(key)
    if hit is None:
        if len(cache) > 200_000:
            cache.clear()
        hit = cache[key] = score_text(dict(key), lex)
    return hit


def best_jobs(rec: AppRecord, lex: Lexicon) -> list[JobMatch]:
    """Jobs matched by a record, best first (raw score, then IRI)."""
    scores, ev, name_part, desc_part = record_scores(rec, lex)
    out = [JobMatch(j, s, name_part.get(j, 0.0), ev[j], desc_part.get(j, 0.0)) for j, s in scores.items() if j in lex.jobs]
    out.sort(key=lambda m: (-m.score, m.job))
    return out


def suggest_records(records: Sequence[AppRecord], nationals: Sequence[NationalRef], *, lex: Lexicon | None = None,
                    national_codes: dict[str, tuple[str, ...]] | None = None, top_k: int = 3, min_score: float = 0.15,
                    rejected: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
                    accepted: dict[str, set[str]] | None = None,
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
    rejected_by_app: dict[str, set[str]] = defaultdict(set)
    for app, code in rejected:
        rejected_by_app[app].add(code)
    memo: dict[tuple, dict] = {}
    out: list[Suggestion] = []
    for rec, f in zip(records, feats):
        acc = accepted.get(rec.iri, set())
        have = {x.rsplit("/", 1)[-1].split(".")[0] for x in (*rec.rab, *rec.ral, *getattr(rec, "raa", ()), *acc)}
        if len(have) >= 3:
            continue
        umum = rec.jenis == UMUM or bool(f.national & nat_umum)
        no = frozenset(rejected_by_app.get(rec.iri, ()))
        fkey = fields_key(rec, lex)
        key = (fkey, f.national, umum, no)
        ranked = memo.get(key)
        if ranked is None:
            ranked = memo[key] = _ranked(rec, f, lex, national_codes, nat_name, umum, no, top_k, min_score, fkey)
        for scheme, items in ranked.items():
            if scheme in have:
                continue
            out.extend(Suggestion(rec.iri, scheme, code, _conf(s), rank, evd) for rank, (code, s, evd) in enumerate(items, 1))
    return out


def _ranked(rec, f, lex: Lexicon, national_codes, nat_name, umum: bool, rejected: frozenset, top_k: int,
            min_score: float, fkey: tuple | None = None) -> dict[str, list[tuple[str, float, list[str]]]]:
    scores, ev, _, _ = record_scores(rec, lex, fkey)
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
            target, tev = (rab, rab_ev) if "/RAB." in code else (ral, ral_ev)
            target[code] += W_NATIONAL
            tev[code].append(f"aplikasi nasional {nat_name.get(n, n)}")
    for code, s in list(rab.items()):
        r = lex.ral_for_rab.get(code)
        if r:
            ral[r] += s
            ral_ev[r] = rab_ev[code] + ral_ev[r]
    ranked: dict[str, list[tuple[str, float, list[str]]]] = {}
    for scheme, sc, evd in (("RAB", rab, rab_ev), ("RAL", ral, ral_ev)):
        items = sorted(((c, s) for c, s in sc.items() if c not in rejected and c in lex.concepts), key=lambda x: (-x[1], x[0]))
        ranked[scheme] = [(c, s, _dedup(evd[c])) for c, s in items if _conf(s) >= min_score][:top_k]
    # RAA level 2: the group of the best job (lexicon spbe:kelompokAplikasi), else by the top RAB code
    raa = _raa(scores, ranked["RAB"], lex, umum)
    ranked["RAA"] = [(c, s, _dedup(e)) for c, s, e in raa if c not in rejected and _conf(s) >= min_score]
    return ranked


def _dedup(items: list[str]) -> list[str]:
    seen: list[str] = []
    for e in items:
        if e not in seen:
            seen.append(e)
    return seen[:6]


def _raa(scores: dict[str, float], rab_ranked, lex: Lexicon, umum: bool) -> list[tuple[str, float, list[str]]]:
    """RAA level-2 candidates: the kind of function the application serves (docs/duplicates.md)."""
    by_group: dict[str, float] = defaultdict(float)
    why: dict[str, list[str]] = defaultdict(list)
    for owner, s in scores.items():
        job = lex.jobs.get(owner)
        if job is not None and job.raa:
            by_group[job.raa] += s
            why[job.raa].append(f"fungsi: {job.label_id}")
    if not by_group and rab_ranked:
        code, s, _ = rab_ranked[0]
        n = code.rsplit("/", 1)[-1]
        admin = n.startswith("RAB.09.") and not n.startswith(("RAB.09.01.07", "RAB.09.01.04", "RAB.09.01.01"))
        g = REF + ("RAA.01.02" if admin else "RAA.02.01")
        by_group[g] += s
        why[g].append(f"RAB {n}")
    if umum:  # a national Aplikasi Umum or a row typed as one: the Umum group of the same area first
        for g in list(by_group):
            if "/RAA.02." in g:
                other = g.replace("/RAA.02.01", "/RAA.01.01").replace("/RAA.02.02", "/RAA.01.02")
                by_group[other] += by_group[g] * 0.5
                why[other].append("Aplikasi Umum")
    items = sorted(by_group.items(), key=lambda x: (-x[1], x[0]))
    return [(g, s, why[g]) for g, s in items[:2]]


def job_of(rec: AppRecord, lex: Lexicon, *, min_name: float = 1.5, min_desc: float = 0.0) -> JobMatch | None:
    """The one job a record's *name* says it does (None when the name says none clearly).

    ``min_desc`` > 0: a name that says no job may be replaced by a description that says one clearly
    (its score at least ``min_desc`` and twice the next job's)."""
    if is_compound(rec.name):
        return None  # a cell listing several applications names no one job
    key = (fields_key(rec, lex), min_name, min_desc)
    if key in lex.job_cache:
        return lex.job_cache[key]  # type: ignore[return-value]
    found = _job_of(rec, lex, min_name, min_desc)
    lex.job_cache[key] = found
    return found


_CONTRARY = 0.75  # share of the name's score a description's other job needs to overrule the name


def _area(rab: str | None) -> str:
    """RAB level 2 of a level-3 code IRI ("…/RAB.09.05.01" -> "RAB.09.05")."""
    return (rab or "").rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _job_of(rec: AppRecord, lex: Lexicon, min_name: float, min_desc: float) -> JobMatch | None:
    jobs = best_jobs(rec, lex)
    if not jobs:
        return None
    jobs.sort(key=lambda m: (-m.name_score, -m.score, m.job))
    top = jobs[0]
    if top.name_score < min_name:
        if min_desc <= 0:
            return None
        by_desc = sorted(jobs, key=lambda m: (-m.desc_score, m.job))
        d0 = by_desc[0].desc_score
        d1 = by_desc[1].desc_score if len(by_desc) > 1 else 0.0
        return by_desc[0] if d0 >= min_desc and d0 >= 2 * d1 else None
    # named like one job, described as another ("e-Office" that links civil registries): no clear job. The
    # other job must lie in another area of government (RAB level 2: planning vs its monitoring is one area)
    # and the description must say it about as strongly as the name says its own (a passing word such as
    # "server" or "data ASN" does not overrule a name).
    desc = {m.job: m.desc_score for m in jobs}
    other = max((j for j in desc if j != top.job and _area(lex.jobs[j].rab) != _area(lex.jobs[top.job].rab)),
                key=lambda j: desc[j], default=None)
    if (other is not None and desc[other] >= max(1.5, _CONTRARY * top.name_score)
            and desc[top.job] < 0.5 * desc[other]):
        return None
    if len(jobs) > 1 and jobs[1].name_score >= top.name_score * 0.9 and lex.jobs[jobs[1].job].rab != lex.jobs[top.job].rab:
        return None  # two different jobs named equally: ambiguous
    return top


__all__ = ["Suggestion", "suggest_records", "best_jobs", "job_of", "words", "METHOD", "METHOD_VERSION"]
