"""Modules recorded apart: a record whose description says it is part of another recorded application.

Censuses list a system's modules as rows of their own ("Aplikasi kenaikan pangkat. Bagian dari SIMPEG").
Two generic signs make such a row the same application as the system it names, inside one pemda:

* **part of**: the description says "bagian dari X", "modul (dari) X", "sub(-)sistem (dari) X",
  "fitur (dari) X" or "part of X", and X is a name key of another record of the pemda;
* **mutual mention** inside one OPD: each record's description names the other ("data dilihat di X"
  beside X's "... modul A, modul B, <name>").

A plug-in or supporting application ("aplikasi pendukung dari X") is *not* part of X (docs/labelling.md):
it has its own code and owner. Work is O(records): name keys and description word n-grams are indexed per
pemda, never compared pairwise.

>>> from spbe_kg.queries.records import AppRecord
>>> from spbe_kg.queries.features import prepare
>>> recs = [AppRecord("http://x/a", "SIMANTAP", pemda="p", opd="o1"),
...         AppRecord("http://x/b", "Modul Cuti", description="Pengajuan cuti. Bagian dari Simantap", pemda="p", opd="o1"),
...         AppRecord("http://x/c", "WP-X", description="Aplikasi pendukung dari SIMANTAP", pemda="p", opd="o1")]
>>> [(a, b, why) for a, b, why in part_of_links(prepare(recs, [], shared_hosts=()))]
[(0, 1, 'Modul Cuti: bagian dari simantap')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from .evidence import Evidence, Pair
from .features import Features
from .normalize import STOPWORDS, fold, name_tokens
from .weights import WEIGHTS

_WORD = re.compile(r"[a-z0-9]+")
_E = re.compile(r"\be\s*[-.]?\s*(?=[a-z])")
# "bagian dari X", "modul X", "sub sistem dari X", "part of X" (not "pendukung dari X": a plug-in)
_PART = re.compile(r"\b(?:bagian\s+dari|(?:sub\s*-?\s*)?modul(?:\s+dari)?|sub\s*-?\s*sistem(?:\s+dari)?|fitur\s+dari|part\s+of)"
                   r"\s+(?:aplikasi\s+|sistem\s+)?((?:[a-z0-9][a-z0-9.-]*\s*){1,4})")
_PART_HINT = re.compile(r"(?i)dari|modul|sistem|part of")
_MIN_KEY = 4
_MAX_NGRAM = 3


def _words(text: str) -> list[str]:
    return _WORD.findall(_E.sub("e", fold(text or "")))


def _grams(words: Sequence[str]) -> set[str]:
    """Joined word n-grams (n <= 3): the forms a name key can take inside running text."""
    out = set()
    for i in range(len(words)):
        for n in range(1, _MAX_NGRAM + 1):
            if i + n <= len(words):
                out.add("".join(words[i : i + n]))
    return out


def _usable(k: str) -> bool:
    return len(k) >= _MIN_KEY and k not in STOPWORDS and not k.isdigit()


def _named_after(text: str) -> list[str]:
    """Candidate name keys written after a part-of phrase (longest first)."""
    out = []
    for m in _PART.finditer(fold(text or "")):
        words = [w for w in name_tokens(m.group(1))][:_MAX_NGRAM]
        out += ["".join(words[:n]) for n in range(len(words), 0, -1)]
    return [k for k in out if _usable(k)]


def part_of_links(feats: Sequence[Features]) -> list[tuple[int, int, str]]:
    """(a, b, reason) with a < b: records that are one application because one is a module of the other."""
    live = [f for f in feats if not (f.compound or f.placeholder)]
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    opd_keys: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in live:
        for k in f.keys:
            if _usable(k):
                by_key[(f.rec.pemda or "", k)].append(f.idx)
                if f.rec.opd:
                    opd_keys[(f.rec.pemda or "", f.rec.opd)].add(k)
    out: dict[tuple[int, int], str] = {}

    def add(i: int, j: int, why: str) -> None:
        if i != j:
            out.setdefault((min(i, j), max(i, j)), why)

    grams_of: dict[str, set[str]] = {}  # description -> its n-grams (descriptions repeat across records)
    names: dict[int, set[str]] = {}  # record -> the keys of its OPD that its description names
    mentioned: dict[tuple[str, str, str], list[int]] = defaultdict(list)  # (pemda, opd, key) -> records naming it
    for f in live:
        pemda, desc = f.rec.pemda or "", f.rec.description or ""
        if not desc:
            continue
        if _PART_HINT.search(desc):
            for k in _named_after(desc):
                hits = [j for j in by_key.get((pemda, k), ()) if j != f.idx]
                for j in hits:
                    add(f.idx, j, f"{f.rec.name}: bagian dari {k}")
                if hits:
                    break
        ks = opd_keys.get((pemda, f.rec.opd or ""))
        if ks and len(ks) > 1:
            g = grams_of.get(desc)
            if g is None:
                g = grams_of[desc] = _grams(_words(desc))
            names[f.idx] = hit = ks & g
            for k in hit:
                mentioned[(pemda, f.rec.opd or "", k)].append(f.idx)
    # mutual mention inside one OPD
    for f in live:
        if f.idx not in names:
            continue
        pemda, opd = f.rec.pemda or "", f.rec.opd or ""
        for k in sorted(f.keys):
            for j in mentioned.get((pemda, opd, k), ()):
                if j != f.idx and feats[j].keys & names[f.idx]:
                    add(f.idx, j, f"{f.rec.name} ~ {feats[j].rec.name}: saling menyebut")
    return [(a, b, why) for (a, b), why in sorted(out.items())]


def add_part_of_pairs(feats: Sequence[Features], pairs: list[Pair]) -> list[Pair]:
    """``pairs`` with the part-of links and the per-unit deployments (:mod:`deployments`) as identity links
    (an existing pair gains the evidence)."""
    from .deployments import unit_deployment_links

    links = [(a, b, "bagian-dari", why) for a, b, why in part_of_links(feats)]
    links += [(a, b, "penerapan-per-unit", why) for a, b, why in unit_deployment_links(feats)]
    if not links:
        return pairs
    by_ab = {(p.a, p.b): p for p in pairs}
    for a, b, kind, why in links:
        p = by_ab.get((a, b))
        if p is None:
            p = by_ab[(a, b)] = Pair(a, b)
            pairs.append(p)
        p.evidence.append(Evidence(kind, why, 1.0, WEIGHTS.evidence.name_exact))
        p.identity, p.function, p.guarded = True, False, False
    pairs.sort(key=lambda p: (-p.score, p.a, p.b))
    return pairs
