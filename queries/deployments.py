"""Per-unit deployments: one product deployed for each kecamatan, kelurahan or UPT on sibling subdomains of
the pemda domain, each record naming its own unit ("Website Kecamatan A" at ``a.<pemda>.go.id``, "Web
Kecamatan" at ``b.<pemda>.go.id``). The unit is the subdomain label; once it is taken out of the name, the
names agree: one application (docs/labelling.md, "per-unit deployments").

Work is O(records): records are indexed by (parent domain, name without the unit) per pemda.

>>> from spbe_kg.queries.records import AppRecord
>>> from spbe_kg.queries.features import prepare
>>> recs = [AppRecord("http://x/a", "Website Kecamatan Satu", hosts=("satu.alfakab.go.id",), pemda="p"),
...         AppRecord("http://x/b", "Web Kecamatan", hosts=("dua.alfakab.go.id",), pemda="p"),
...         AppRecord("http://x/c", "Website Dinas Kesehatan", hosts=("dinkes.alfakab.go.id",), pemda="p")]
>>> [(a, b) for a, b, _ in unit_deployment_links(prepare(recs, [], shared_hosts=()))]
[(0, 1)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from .evidence import _owner
from .features import Features
from .normalize import is_ip

_MAX_BUCKET = 200  # a bucket this big is a naming habit, not one product
# The kinds of sub-unit a pemda deploys one product for: territorial units and service units. An OPD's own
# website ("Website Resmi DINKES" at dinkes.<pemda>) is no deployment: each publishes its own organisation.
_UNIT_KINDS = frozenset("kecamatan kec kelurahan kel desa puskesmas pustu sekolah sd smp sma smk upt uptd balai cabang".split())


def _unit_key(f: Features, host: str) -> tuple[str, str, bool] | None:
    """(parent domain, name without the unit, whether the name named the unit)."""
    owner = _owner(host)
    if not owner or host == owner or "@" in host or is_ip(host):
        return None
    unit, parent = host.split(".", 1)
    parts = {unit, *unit.split("-")}
    rest = [t for t in f.tokens if t not in parts]
    if len("".join(rest)) < 4 or not _UNIT_KINDS & set(rest):
        return None  # the rest must name the kind of unit the product serves ("Website Resmi DINKES": no)
    return parent, "".join(rest), len(rest) < len(f.tokens)


def unit_deployment_links(feats: Sequence[Features]) -> list[tuple[int, int, str]]:
    """(a, b, reason): records of one product deployed per unit on sibling subdomains of one pemda domain."""
    buckets: dict[tuple[str, str, str], dict[str, int]] = defaultdict(dict)  # -> host -> first record
    named: set[tuple[str, str, str]] = set()  # buckets where some record names its unit
    for f in feats:
        if f.compound or f.placeholder or not f.tokens:
            continue
        for h in sorted(f.hosts):
            k = _unit_key(f, h)
            if k is not None:
                b = (f.rec.pemda or "", k[0], k[1])
                buckets[b].setdefault(h, f.idx)
                if k[2]:
                    named.add(b)
    out = []
    for b, by_host in sorted(buckets.items()):
        _, parent, rest = b
        if b not in named or not 2 <= len(by_host) <= _MAX_BUCKET:
            continue  # equal names on sibling subdomains are the evidence step's (evidence._siblings)
        idxs = sorted(by_host.values())
        for j in idxs[1:]:
            out.append((idxs[0], j, f"{rest} per unit di *.{parent}"))
    return out
