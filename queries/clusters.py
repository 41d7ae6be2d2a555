"""Join pair links into clusters: union-find with an average-link guard against chaining.

Two clusterings, because the action differs:

1. *identity groups* — records of one application ("satu-aplikasi-banyak-pencatat"): joined by identity
   links; a link whose names disagree (only a shared host or national application) merges two groups
   only if more than ``ratio`` of the record pairs across them are linked (so a single mistaken URL typed
   into one row cannot chain two applications together);
   national-application and host blocks too big to pair are joined outright;
2. *function clusters* — different applications doing the same job ("aplikasi-berbeda-fungsi-sama"):
   identity groups joined by function links, with the same guard at group level.

>>> groups = identity_groups(4, [(0, 1, False), (1, 2, False)], [], ratio=0.5)  # names agree: no check
>>> sorted(sorted(g) for g in groups)
[[0, 1, 2], [3]]
>>> groups = identity_groups(3, [(0, 1), (1, 2), (0, 2)], [], ratio=0.5)  # 2 of 2 pairs linked
>>> sorted(sorted(g) for g in groups)
[[0, 1, 2]]
>>> groups = identity_groups(4, [(0, 1), (2, 3), (1, 2, True)], [], ratio=0.5)  # one link of four: refused
>>> sorted(sorted(g) for g in groups)
[[0, 1], [2, 3]]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence


class _UF:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        return ra


def _guarded(n: int, edges: Sequence[tuple], ratio: float, uf: _UF | None = None) -> _UF:
    """Union along ``edges`` (strongest first) where the average-link guard allows.

    An edge is ``(a, b)`` or ``(a, b, guarded)``; ``guarded=False`` edges join without the check.
    """
    uf = uf or _UF(n)
    adj: dict[int, set[int]] = defaultdict(set)
    for e in edges:
        adj[e[0]].add(e[1])
        adj[e[1]].add(e[0])
    refused: set[tuple[int, int, int, int]] = set()
    for e in edges:
        a, b = e[0], e[1]
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        if len(e) > 2 and not e[2]:
            uf.union(ra, rb)
            continue
        A, B = uf.members[ra], uf.members[rb]
        key = (min(ra, rb), max(ra, rb), len(A), len(B))
        if key in refused:
            continue
        small, other = (A, rb) if len(A) <= len(B) else (B, ra)
        linked = sum(1 for x in small for y in adj[x] if uf.find(y) == other)
        if linked > ratio * len(A) * len(B):
            uf.union(ra, rb)
        else:
            refused.add(key)
    return uf


def identity_groups(n: int, edges: Sequence[tuple], big_blocks: Sequence[Sequence[int] | tuple[str, str, list[int]]], *,
                    ratio: float) -> list[list[int]]:
    """Identity groups over ``n`` records: ``edges`` strongest first; ``big_blocks`` joined outright."""
    uf = _UF(n)
    for entry in big_blocks:
        block: Sequence[int] = entry[2] if isinstance(entry, tuple) else entry  # (kind, value, members)
        for x in block[1:]:
            uf.union(block[0], x)
    uf = _guarded(n, edges, ratio, uf)
    return [sorted(m) for m in uf.members.values()]


def function_clusters(groups: Sequence[Sequence[int]], edges: Sequence[tuple[int, int]], *, ratio: float) -> list[list[int]]:
    """Clusters of identity groups (returned as lists of group indexes) joined by record-level ``edges``."""
    group_of = {}
    for gi, g in enumerate(groups):
        for x in g:
            group_of[x] = gi
    gedges = []
    seen = set()
    for a, b in edges:
        ga, gb = group_of[a], group_of[b]
        if ga != gb and (min(ga, gb), max(ga, gb)) not in seen:
            seen.add((min(ga, gb), max(ga, gb)))
            gedges.append((ga, gb))
    uf = _guarded(len(groups), gedges, ratio)
    return [sorted(m) for m in uf.members.values()]
