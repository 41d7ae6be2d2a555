"""Candidate pairs (by blocking and nearest-neighbour indexes, never all pairs) and their evidence.

Blocks: equal name key, equal identifying host, same national application, same leaf RAL/RAB code
(each only while the block is at most ``dup_max_block`` big); plus the ``dup_neighbours`` nearest
neighbours of every record in a character-n-gram TF-IDF index of its names and a word TF-IDF index of
its description, found with sparse matrix products in chunks.

Each pair gets a list of :class:`Evidence` and a score (noisy-OR of the evidence weights), and is
classed as an *identity* link (the same application recorded twice) and/or a *function* link
(different applications doing the same job).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import TfidfVectorizer

from spbe_kg.settings import Settings

from .features import Features
from .weights import WEIGHTS

# Evidence weights (a pair's score is 1 - prod(1 - weight * strength)); values in queries/weights.yaml.
W_NATIONAL = WEIGHTS.evidence.national
W_HOST = WEIGHTS.evidence.host
W_NAME_EXACT = WEIGHTS.evidence.name_exact
W_NAME_FUZZY = WEIGHTS.evidence.name_fuzzy
W_ACRONYM = WEIGHTS.evidence.acronym
W_SUBSET = WEIGHTS.evidence.subset
W_DESC = WEIGHTS.evidence.description
W_CODE = WEIGHTS.evidence.code
_CUT = WEIGHTS.cutoffs


@dataclass(frozen=True)
class Evidence:
    kind: str  # nama, akronim, host-url, deskripsi, aplikasi-nasional, kode-ral, kode-rab
    value: str
    strength: float  # 0..1
    weight: float

    @property
    def contribution(self) -> float:
        return self.weight * self.strength


@dataclass
class Pair:
    a: int
    b: int
    evidence: list[Evidence] = field(default_factory=list)
    identity: bool = False
    function: bool = False
    guarded: bool = True  # False: the names agree, so the cluster guard need not check this link

    @property
    def score(self) -> float:
        p = 1.0
        for e in self.evidence:
            p *= 1.0 - e.contribution
        return round(1.0 - p, 4)


# --- indexes ------------------------------------------------------------------------------------


def _topk_pairs(X, k: int, min_sim: float, chunk: int = 2000) -> dict[tuple[int, int], float]:
    """(i, j) -> cosine for each row's k nearest other rows with cosine >= min_sim (rows L2-normalised)."""
    out: dict[tuple[int, int], float] = {}
    n = X.shape[0]
    if n < 2 or X.shape[1] == 0:
        return out
    XT = X.T.tocsc()
    for start in range(0, n, chunk):
        S = (X[start : start + chunk] @ XT).tocsr()
        for r in range(S.shape[0]):
            i = start + r
            lo, hi = S.indptr[r], S.indptr[r + 1]
            cols, vals = S.indices[lo:hi], S.data[lo:hi]
            keep = (cols != i) & (vals >= min_sim)
            cols, vals = cols[keep], vals[keep]
            if len(vals) > k:
                top = np.argpartition(-vals, k)[:k]
                cols, vals = cols[top], vals[top]
            for j, v in zip(cols.tolist(), vals.tolist()):
                key = (i, j) if i < j else (j, i)
                if v > out.get(key, 0.0):
                    out[key] = v
    return out


def _name_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True, dtype=np.float32)


def _desc_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_df=0.2,
        token_pattern=r"(?u)\b[a-z][a-z0-9]{2,}\b", dtype=np.float32,
    )


def _nn_pairs(live: Sequence[Features], docs: list[str], vec: TfidfVectorizer, k: int, min_sim: float, pairs: set):
    """Add nearest-neighbour pairs found among the *distinct* documents; returns the per-record matrix.

    Identical documents (SRIKANDI written the same way by a thousand OPDs) are indexed once; a pair of
    similar documents links one record of each per pemda they share, plus one pair across pemdas.
    """
    uniq: dict[str, int] = {}
    doc_of = [uniq.setdefault(d, len(uniq)) for d in docs]
    texts = list(uniq)
    if not any(texts):
        return None
    try:
        X = vec.fit_transform(texts)
    except ValueError:  # empty vocabulary
        return None
    members: dict[int, dict[str, int]] = defaultdict(dict)  # doc -> pemda -> first record idx
    for f, d in zip(live, doc_of):
        members[d].setdefault(f.rec.pemda or "", f.idx)
    for (u, v) in _topk_pairs(X, k, min_sim):
        if not texts[u] or not texts[v]:
            continue
        mu, mv = members[u], members[v]
        first_u, first_v = next(iter(mu.values())), next(iter(mv.values()))
        pairs.add((min(first_u, first_v), max(first_u, first_v)))
        for pemda in mu.keys() & mv.keys():
            a, b = mu[pemda], mv[pemda]
            pairs.add((min(a, b), max(a, b)))
    return X[np.asarray(doc_of)]


def pair_cosines(X, pairs: Sequence[tuple[int, int]], chunk: int = 50_000) -> np.ndarray:
    """Cosine of each pair's rows (rows L2-normalised), computed in vectorised chunks."""
    out = np.zeros(len(pairs), dtype=np.float32)
    if X is None or not pairs:
        return out
    arr = np.asarray(pairs, dtype=np.int64)
    for s in range(0, len(arr), chunk):
        a, b = arr[s : s + chunk, 0], arr[s : s + chunk, 1]
        out[s : s + chunk] = np.asarray(X[a].multiply(X[b]).sum(axis=1)).ravel()
    return out


# --- blocking -----------------------------------------------------------------------------------


def candidate_pairs(feats: Sequence[Features], settings: Settings) -> tuple[set[tuple[int, int]], list[tuple[str, str, list[int]]], object]:
    """Candidate pairs, the over-sized identity blocks (joined without pairing) and the description matrix.

    Name and code blocks are per pemda (an equal name in another pemda is another application; its
    "same job" links come from the name index); a host or national block bigger than ``dup_max_block``
    (SRIKANDI recorded by hundreds of OPDs) is returned as a block to join outright, split by URL path
    where the host is a pemda's main domain.
    """
    cap = settings.dup_max_block
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for f in feats:
        if f.placeholder:
            continue
        pemda = f.rec.pemda or ""
        for k in f.keys:
            blocks[("k", pemda, k)].append(f.idx)
        if f.initials and len(f.initials) >= 3:
            blocks[("k", pemda, f.initials)].append(f.idx)
        for h in f.hosts:
            blocks[("h", h)].append(f.idx)
        for n in f.national:
            blocks[("n", n)].append(f.idx)
        for c in f.codes:
            blocks[("c", pemda, c)].append(f.idx)
    pairs: set[tuple[int, int]] = set()
    big: list[tuple[str, str, list[int]]] = []
    for key, members in blocks.items():
        kind = key[0]
        members = sorted(set(members))
        if len(members) < 2:
            continue
        if len(members) > cap:
            if kind == "n":
                big.append(("aplikasi-nasional", key[1], members))
            elif kind == "h":
                host = key[1]
                if _owner(host) == host:  # a pemda's main domain: one application per URL path
                    by_path: dict[str, list[int]] = defaultdict(list)
                    for m in members:
                        by_path["|".join(sorted(feats[m].paths.get(host, {""})))].append(m)
                    big.extend(("host-url", host, g) for g in by_path.values() if len(g) > 1)
                else:
                    big.append(("host-url", host.split("@")[0], members))
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    live = [f for f in feats if not f.placeholder]
    neighbours = settings.dup_neighbours
    name_docs = [" ".join(sorted(f.keys)) for f in live]
    _nn_pairs(live, name_docs, _name_vectorizer(), neighbours, _CUT.name_neighbour_min_similarity, pairs)
    desc_docs = [f.text.lower() if len(f.text.split()) >= 3 else "" for f in live]
    Xd_live = _nn_pairs(live, desc_docs, _desc_vectorizer(), neighbours, settings.dup_description_threshold, pairs)
    # description matrix indexed by feature idx (rows of placeholders stay empty)
    Xd = None
    if Xd_live is not None:
        import scipy.sparse as sp

        rows = np.array([f.idx for f in live])
        P = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, np.arange(len(rows)))), shape=(len(feats), len(live)))
        Xd = (P @ Xd_live).tocsr()
    return pairs, big, Xd


# --- evidence -----------------------------------------------------------------------------------


def names_discriminate(fa: Features, fb: Features) -> bool:
    """Different bracketed qualifiers ("(Program A)" vs "(Program B)") or different regions named
    ("... Kota X" vs "... Kabupaten Y"): the names say these are different applications."""
    if fa.quals and fb.quals and not (fa.quals & fb.quals) and not (fa.quals & fb.keys or fb.quals & fa.keys):
        return True
    return bool(fa.regions and fb.regions and not (fa.regions & fb.regions))


def _name_evidence(fa: Features, fb: Features, settings: Settings, hosts_conflict: bool) -> list[Evidence]:
    if fa.compound or fb.compound or not fa.keys or not fb.keys or names_discriminate(fa, fb):
        return []
    common = fa.keys & fb.keys
    if common:
        k = max(sorted(common), key=len)  # the longest; alphabetically first among equals (not set order)
        return [Evidence("nama", k, 1.0, W_NAME_EXACT)]
    ev: list[Evidence] = []
    best, pair = 0.0, ("", "")
    for ka in sorted(fa.keys):  # sorted: on equal ratios the first pair wins, whatever the set order
        for kb in sorted(fb.keys):
            s = fuzz.ratio(ka, kb)
            if s > best:
                best, pair = s, (ka, kb)
    need = max(_CUT.name_fuzzy_min_when_hosts_conflict, settings.dup_name_threshold) if hosts_conflict else settings.dup_name_threshold
    # "Sistem Informasi Pelanggan" vs "Sistem Informasi Anggaran": the objects must agree, not the head
    objects_differ = bool(fa.obj and fb.obj and fa.obj != fb.obj and fuzz.ratio(fa.obj, fb.obj) < need)
    if best >= need and min(len(pair[0]), len(pair[1])) >= 4 and not objects_differ:
        ev.append(Evidence("nama", f"{pair[0]} ~ {pair[1]} ({best:.0f})", best / 100.0, W_NAME_FUZZY))
        return ev
    # acronym: initials of one name equal a key of the other
    for x, y in ((fa, fb), (fb, fa)):
        if x.initials and len(x.initials) >= 3 and x.initials in y.keys:
            return [Evidence("akronim", f"{x.initials.upper()} = {x.rec.name}", 1.0, W_ACRONYM)]
    if not hosts_conflict and fa.tokens and fb.tokens:
        sa, sb = set(fa.tokens), set(fb.tokens)
        small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
        if small < large and any(len(t) >= 4 for t in small):
            ev.append(Evidence("nama", f"{' '.join(sorted(small))} ⊂ {' '.join(sorted(large))}", 1.0, W_SUBSET))
    return ev


@lru_cache(maxsize=1 << 16)
def _label_tokens(h: str) -> frozenset[str]:
    return frozenset(t for t in h.split("@")[0].split(".")[0].split("-") if len(t) >= 4)


_PEMDA_DOMAIN = re.compile(r"(?:^|\.)([a-z0-9-]+(?:prov|kab|kota)\.go\.id)$")


@lru_cache(maxsize=1 << 16)
def _owner(h: str) -> str | None:
    """The regional government domain a host lives under (``*prov|kab|kota.go.id``), if any."""
    m = _PEMDA_DOMAIN.search(h)
    return m.group(1) if m else None


def _hosts_related(ha, hb) -> bool:
    """Some host of each shares a word of its first label under the same owner (srikandi.arsip.go.id ~
    srikandi.layanan.go.id; simona.kemendagri.go.id ~ anjababk-simona.kemendagri.go.id; not kinerja.* ~
    ekinerja.*, not lapor.go.id ~ lapor.<pemda>kab.go.id, a pemda's own application)."""
    return any(
        (_label_tokens(x) & _label_tokens(y) and _owner(x) == _owner(y)) or x.endswith("." + y) or y.endswith("." + x)
        or _siblings(x, y)
        for x in ha for y in hb if "@" not in x and "@" not in y
    )


def _siblings(x: str, y: str) -> bool:
    """Sibling subdomains of one pemda domain differing in one label (one product deployed per unit:
    ``antrian.kec-a.<pemda>.go.id`` / ``antrian.kec-b.<pemda>.go.id``, ``kec-a.<pemda>`` / ``kec-b.<pemda>``)."""
    if not _owner(x) or _owner(x) != _owner(y) or x == _owner(x) or y == _owner(y):
        return False
    lx, ly = x.split("."), y.split(".")
    return len(lx) == len(ly) and sum(a != b for a, b in zip(lx, ly)) == 1


def _names_agree(na: set[str], nb: set[str], threshold: float) -> bool:
    """Equal, similar, or one contains the other ("siasn" in "siasninstansi")."""
    for x in na:
        for y in nb:
            short, long_ = (x, y) if len(x) <= len(y) else (y, x)
            if x == y or fuzz.ratio(x, y) >= threshold or (len(short) >= 4 and short in long_):
                return True
    return False


def evaluate(fa: Features, fb: Features, settings: Settings, cos: float = 0.0) -> Pair:
    p = Pair(fa.idx, fb.idx)
    ra, rb = fa.rec, fb.rec
    same_pemda = bool(ra.pemda) and ra.pemda == rb.pemda
    nat = set()
    for n in sorted(fa.national & fb.national):
        na, nb = fa.nat_names.get(n), fb.nat_names.get(n)
        if na and nb and not _names_agree(na, nb, settings.dup_name_threshold):
            # one reference entry naming several applications ("Prodeskel / ePdeskel"): the records
            # matched different names of it, so it is the same family, not proof of one application
            p.evidence.append(Evidence("aplikasi-nasional", f"{n} ({'/'.join(sorted(na))} ≠ {'/'.join(sorted(nb))})", 1.0, W_SUBSET))
            continue
        nat.add(n)
        p.evidence.append(Evidence("aplikasi-nasional", n, 1.0, W_NATIONAL))
    weak_nat = ((fa.national | fa.national_weak) & (fb.national | fb.national_weak)) - nat
    for n in sorted(weak_nat):
        p.evidence.append(Evidence("aplikasi-nasional", f"{n} (?)", 1.0, W_SUBSET))
    hosts = set()
    shared_hosts = fa.hosts & fb.hosts

    def names_ok() -> bool:  # computed only when paths alone do not decide
        return (fa.compound or fb.compound or fa.placeholder or fb.placeholder or fa.name_host or fb.name_host
                or (_names_agree(fa.keys, fb.keys, settings.dup_name_threshold) and not names_discriminate(fa, fb))
                or any(len(k) >= 3 and k in h.split(".")[0].replace("-", "") for h in shared_hosts
                       for k in (fa.main_key, fb.main_key) if k))

    for h in sorted(shared_hosts):
        pa, pb = fa.paths.get(h.split("@")[0], {""}), fb.paths.get(h.split("@")[0], {""})
        main_domain = _owner(h) == h  # a pemda's main domain serves its portal and many apps by path
        same_path = bool((pa & pb) - {""})
        root_only = pa == pb == {""} and not main_domain  # both at the root of a host of its own
        path_ok = bool(pa & pb) or (("" in pa or "" in pb) and not (main_domain and pa != pb))
        if same_path or root_only or (path_ok and names_ok()):
            hosts.add(h)
            p.evidence.append(Evidence("host-url", h.split("@")[0], 1.0, W_HOST))
        else:  # one host, different application paths (several applications on one server)
            p.evidence.append(Evidence("host-url", f"{h.split('@')[0]} ({'/'.join(sorted(pa))} ≠ {'/'.join(sorted(pb))})", 1.0, W_SUBSET * _CUT.shared_host_other_path_factor))
    hosts_conflict = bool(fa.hosts and fb.hosts and not hosts and not nat)
    # Different public hosts whose first labels are unrelated (kinerja.bkn.go.id vs
    # ekinerja.<pemda>.go.id): even an equal name does not make them one application.
    hard_conflict = hosts_conflict and not _hosts_related(fa.hosts, fb.hosts)
    name_ev = _name_evidence(fa, fb, settings, hosts_conflict)
    p.evidence.extend(name_ev)
    if fa.text and fb.text:
        if cos >= settings.dup_description_threshold * _CUT.description_evidence_factor:
            p.evidence.append(Evidence("deskripsi", f"{cos:.2f}", round(cos, 3), W_DESC))
    for c in sorted(fa.codes & fb.codes):
        p.evidence.append(Evidence("kode-ral" if c.startswith("RAL") else "kode-rab", c, 1.0, W_CODE))
    strong_name = any(e.kind in ("nama", "akronim") and e.weight >= W_ACRONYM for e in name_ev)
    # Identity: a shared national application or host, or (inside one pemda) a strong name match,
    # with the whole evidence above the pair threshold.
    identity_basis = bool(nat or hosts) or (
        strong_name and not hard_conflict and (same_pemda or not (ra.pemda and rb.pemda)))
    p.identity = identity_basis and p.score >= settings.dup_pair_threshold
    # A host/national link whose names disagree is checked by the cluster guard, unless one name is
    # written in the shared host ("Anjab" at anjababk-simona.kemendagri.go.id).
    name_in_host = any(
        len(k) >= 3 and k in h.split(".")[0].replace("-", "")
        for h in hosts for k in (fa.main_key, fb.main_key) if k
    )
    p.guarded = not (strong_name or name_in_host)
    # Function: same leaf service/function code, similar description, or the same name in another pemda.
    p.function = not p.identity and (
        bool(fa.codes & fb.codes)
        or bool(weak_nat)
        or bool(fa.national & fb.national)
        or cos >= settings.dup_description_threshold
        or (strong_name and not same_pemda)
    )
    return p


def score_pairs(feats: Sequence[Features], cands: Iterable[tuple[int, int]], settings: Settings, Xd) -> list[Pair]:
    out = []
    cands = list(cands)
    cosines = pair_cosines(Xd, cands)
    for (i, j), cos in zip(cands, cosines.tolist()):
        p = evaluate(feats[i], feats[j], settings, cos)
        if p.identity or p.function:
            out.append(p)
    out.sort(key=lambda p: (-p.score, p.a, p.b))
    return out
