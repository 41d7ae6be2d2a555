"""Recognise national applications (SRIKANDI, SIPD, SIASN, ...) under the names and URLs regions write.

Matching, most certain first:
1. the URL host is a national host or a sub-domain of one (``srikandi.arsip.go.id``, ``madiunkab.krisna.systems``);
2. the name (or name without noise words such as "Aplikasi", "RI", "Kemendagri") equals a national name,
   long name or alias, compared on letters and digits only ("SIPD-RI" = "SIPD RI" = "sipdri");
3. the name is a host fragment ("srikandi.arsip") of a national host;
4. a near variant (rapidfuzz ratio >= 92 on the letters-only key, both keys at least 6 long).

Conservative on purpose: a false link makes a regional application look like a national one.

>>> from types import SimpleNamespace as NS
>>> m = NationalMatcher([NS(iri="https://w3id.org/spbe/id/aplikasi-nasional/srikandi", name="SRIKANDI",
...     long_name="Sistem Informasi Kearsipan Dinamis Terintegrasi", hosts=("srikandi.arsip.go.id",), aliases=("Srikandi",))])
>>> m.match("Srikandi", []), m.match("e-Surat", ["https://srikandi.arsip.go.id/login"]), m.match("srikandi.arsip", [])
('https://w3id.org/spbe/id/aplikasi-nasional/srikandi', 'https://w3id.org/spbe/id/aplikasi-nasional/srikandi', 'https://w3id.org/spbe/id/aplikasi-nasional/srikandi')
>>> m.match("SIDA", ["https://sida.madiunkab.go.id"]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from .normalize import host_of, loose_key

NOISE = frozenset(
    "aplikasi app apps ri pusat nasional online versi baru new kemendagri bkn anri lkpp kemenpanrb menpan "
    "kemenpan kemenkeu kemensos kemenkes kemendesa kpk kemendag website web portal sistem".split()
)
_TOKENS = re.compile(r"[^a-z0-9]+")


def _tokens(text: str) -> list[str]:
    import unicodedata

    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return [x for x in _TOKENS.split(t) if x]


def name_keys(name: str) -> list[str]:
    """Letters-only keys of a name: whole, and without noise words / parenthesised part."""
    keys = [loose_key(name)]
    toks = [t for t in _tokens(name) if t not in NOISE]
    if toks:
        keys.append("".join(toks))
    base = re.sub(r"\(.*?\)", "", name)
    if base != name:
        keys.append(loose_key(base))
    inner = re.findall(r"\((.*?)\)", name)
    keys.extend(loose_key(i) for i in inner)
    return [k for k in dict.fromkeys(keys) if k]


class NationalMatcher:
    """Index of national applications by name key and host."""

    def __init__(self, apps: Sequence) -> None:
        self.by_key: dict[str, str] = {}
        self.hosts: dict[str, str] = {}
        for a in apps:
            for n in (a.name, a.long_name, *a.aliases):
                if not n:
                    continue
                for variant in (n, *re.split(r"\s*/\s*", n)):
                    for k in name_keys(variant):
                        if len(k) >= 3:
                            self.by_key.setdefault(k, a.iri)
            for h in a.hosts:
                h = h.lower().strip()
                if h.startswith("www."):
                    h = h[4:]
                if h:
                    self.hosts.setdefault(h, a.iri)
        self._fuzzy_keys = [k for k in self.by_key if len(k) >= 6]
        self._cached = lru_cache(maxsize=65536)(self._match)

    def match_host(self, host: str) -> str | None:
        h = host[4:] if host.startswith("www.") else host
        while h:
            if h in self.hosts:
                return self.hosts[h]
            if h.count(".") < 2:
                return None
            h = h.split(".", 1)[1]
        return None

    def _match(self, name: str, urls: tuple[str, ...]) -> str | None:
        for u in urls:
            hit = self.match_host(host_of(u))
            if hit:
                return hit
        keys = name_keys(name)
        for k in keys:
            if k in self.by_key:
                return self.by_key[k]
        low = name.strip().lower()
        if "." in low and " " not in low:  # a host fragment written as the name
            frag = low.split("//")[-1].strip("/")
            for h, iri in self.hosts.items():
                if h == frag or h.startswith(frag + ".") or frag.startswith(h):
                    return iri
        if keys and self._fuzzy_keys and len(keys[0]) >= 6:
            best = process.extractOne(keys[0], self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=92)
            if best:
                return self.by_key[best[0]]
        return None

    def match(self, name: str, urls: Sequence[str] = ()) -> str | None:
        """IRI of the national application ``name`` / ``urls`` denote, or None."""
        return self._cached(name, tuple(urls))


def default_matcher() -> NationalMatcher:
    """Matcher over the bundled national applications list."""
    from spbe_kg.ontology.national import national_apps

    return NationalMatcher(national_apps())
