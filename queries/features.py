"""What the duplicate finder compares, derived once per record: name keys, hosts, national links, codes, text.

>>> from spbe_kg.queries.records import AppRecord, NationalRef
>>> nas = NationalRef("https://w3id.org/spbe/id/aplikasi-nasional/srikandi", "SRIKANDI", ("Srikandi",),
...                   ("srikandi.arsip.go.id",), "https://w3id.org/spbe/ref/penetapan-umum/ditetapkan")
>>> f = prepare([AppRecord("http://x/a", "SRIKANDI", hosts=("srikandi.arsip.go.id",))], [nas], shared_hosts=())
>>> f[0].keys, f[0].national
({'srikandi'}, frozenset({'https://w3id.org/spbe/id/aplikasi-nasional/srikandi'}))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .normalize import (
    bracket_acronyms,
    initials,
    is_compound,
    is_ip,
    is_placeholder,
    is_private_ip,
    name_keys,
    name_tokens,
    name_urls,
    normalise_name,
    object_key,
    place_tokens,
    qualifiers,
    region_qualifiers,
    tenant_of,
    url_host,
    url_path_key,
)
from .records import AppRecord, NationalRef

_is_ip = lru_cache(maxsize=1 << 16)(is_ip)
_CODE_LEVEL = re.compile(r"^(RA[A-Z])\.(\d\d(?:\.\d\d)*)$")


@dataclass
class Features:
    idx: int
    rec: AppRecord
    keys: set[str]  # normalised names (name, short name, aliases, bracket acronyms)
    main_key: str
    tokens: tuple[str, ...]
    initials: str
    paths: dict  # host -> set of application-identifying URL paths seen with it
    hosts: frozenset[str]  # identifying hosts (shared platforms dropped; private IPs scoped by pemda)
    national: frozenset[str]
    national_weak: frozenset[str]  # national applications named, but at another host
    nat_names: dict  # national IRI -> the record's name keys that matched one of its names/aliases
    codes: frozenset[str]  # leaf RAL/RAB codes at level >= 3
    compound: bool
    placeholder: bool
    text: str  # description + function, for TF-IDF
    quals: frozenset[str] = frozenset()  # bracketed qualifiers ("(Program A)")
    regions: frozenset[str] = frozenset()  # regions the name names ("Kota X")
    obj: str = ""  # the name's object once a generic head ("Sistem Informasi") is dropped
    name_host: bool = False  # the name is a domain/URL (its host was taken from it)


def _code(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _level(code: str) -> int:
    return code.count(".")


def national_index(nationals: Sequence[NationalRef]) -> tuple[dict[str, str], dict[str, str]]:
    """(name key -> national IRI, host -> national IRI) from the reference national applications."""
    by_key: dict[str, str] = {}
    by_host: dict[str, str] = {}
    for n in nationals:
        names = [n.name, *n.aliases]
        names += [p.strip() for nm in names for p in re.split(r"\s+/\s+|\s*;\s*", nm) if p.strip()]
        for nm in names:
            k = normalise_name(nm)
            if len(k) >= 3:
                by_key.setdefault(k, n.iri)
        for h in n.hosts:
            by_host.setdefault(h.lower().removeprefix("www."), n.iri)
    return by_key, by_host


@dataclass(frozen=True)
class _NameParts:
    """What one name string gives, whatever the record (computed once per distinct name)."""

    compound: bool
    tokens: tuple[str, ...]  # ``name_tokens`` (before the pemda's place words are dropped)
    initials: str
    is_placeholder: bool
    quals: frozenset[str]
    regions: frozenset[str]
    urls: tuple[str, ...]  # ``name_urls``: addresses written inside the name


def _name_parts(name: str) -> _NameParts:
    compound = is_compound(name)
    return _NameParts(compound=compound, tokens=tuple(name_tokens(name)),
                      initials="" if compound else initials(name), is_placeholder=is_placeholder(name),
                      quals=frozenset() if compound else qualifiers(name),
                      regions=frozenset() if compound else region_qualifiers(name), urls=tuple(name_urls(name)))


class _Memo:
    """Per-run caches of the name rules of :mod:`normalize` (names repeat across records; a pemda's place
    words, dropped from its applications' names, rarely occur in them)."""

    def __init__(self) -> None:
        self.names: dict[str, _NameParts] = {}
        self.places: dict[str | None, frozenset[str]] = {}
        self.keys: dict[tuple, tuple[frozenset[str], frozenset[str]]] = {}
        self.keys_drop: dict[tuple, frozenset[str]] = {}

    def name(self, n: str) -> _NameParts:
        hit = self.names.get(n)
        if hit is None:
            hit = self.names[n] = _name_parts(n)
        return hit

    def place(self, pemda_name: str | None) -> frozenset[str]:
        hit = self.places.get(pemda_name)
        if hit is None:
            hit = self.places[pemda_name] = place_tokens(pemda_name)
        return hit

    def name_keys(self, name: str, short: str | None, aliases: tuple[str, ...], drop: frozenset[str]) -> frozenset[str]:
        """``normalize.name_keys``: computed without ``drop`` once per names, again only when one of the
        pemda's place words is among the names' tokens or bracket acronyms (else dropping removes nothing)."""
        k = (name, short, aliases)
        hit = self.keys.get(k)
        if hit is None:
            words = {t for n in (name, short, *aliases) if n and not self.name(n).compound
                     for t in (*self.name(n).tokens, *bracket_acronyms(n))}
            hit = self.keys[k] = (frozenset(name_keys(name, short, aliases)), frozenset(words))
        if not (drop & hit[1]):
            return hit[0]
        kd = (*k, drop)
        got = self.keys_drop.get(kd)
        if got is None:
            got = self.keys_drop[kd] = frozenset(name_keys(name, short, aliases, drop))
        return got


def _host_key(h: str, shared: set[str]) -> tuple[str, bool] | None:
    """(lower-case host without ``www.``, whether it is a private IP address); None for a shared platform."""
    h = h.lower().removeprefix("www.")
    if h in shared:
        return None
    return h, _is_ip(h) and is_private_ip(h)


def prepare(records: Sequence[AppRecord], nationals: Sequence[NationalRef], *, shared_hosts,
            generic_keys: frozenset[str] = frozenset()) -> list[Features]:
    """``generic_keys``: names that are a job's common name (lexicon altLabels: "ekinerja", "lapor",
    "eoffice"): a record matching a national application only by such a name, at no host of it, is a
    local application of that kind (family), not the national one.

    Names, hosts and URLs repeat across records (SRIKANDI recorded by a thousand OPDs): what each gives is
    computed once per distinct value."""
    shared = {h.lower() for h in shared_hosts}
    by_key, by_host = national_index(nationals)
    nat_hosts = {n.iri: {h.lower().removeprefix("www.") for h in n.hosts} for n in nationals}
    memo = _Memo()
    host_memo: dict[str, tuple[str, bool] | None] = {}
    url_memo: dict[str, tuple[str | None, str]] = {}
    out = []
    for i, r in enumerate(records):
        parts = memo.name(r.name)
        compound = parts.compound
        drop = memo.place(r.pemda_name)
        keys = set(memo.name_keys(r.name, r.short, r.aliases, drop))
        toks = () if compound else tuple(t for t in parts.tokens if t not in drop)
        name_urls_ = (*parts.urls, *memo.name(r.short or "").urls) if not r.hosts else ()
        from_name = [d for u in name_urls_ if (d := url_host(u))]
        hosts = set()
        for h in (*r.hosts, *from_name):
            if h in host_memo:
                hk = host_memo[h]
            else:
                hk = host_memo[h] = _host_key(h, shared)
            if hk is None:
                continue
            h, private = hk
            if private:
                h = f"{h}@{r.pemda or ''}"  # a private address means something only inside one pemda
            hosts.add(h)
            if (tenant := tenant_of(h, by_host)) is not None:
                hosts.add(tenant)  # a pemda's tenant of a national application is that application
        paths: dict[str, set[str]] = {}
        for u in (*r.urls, *(parts.urls if from_name else ())):
            hp = url_memo.get(u)
            if hp is None:
                hp = url_memo[u] = (url_host(u), url_path_key(u))
            if hp[0]:
                paths.setdefault(hp[0], set()).add(hp[1])
        national = set(r.national)
        nat_names: dict[str, set[str]] = {}
        for k in keys:
            if k in by_key:
                national.add(by_key[k])
                nat_names.setdefault(by_key[k], set()).add(k)
        for h in hosts:
            if h in by_host:
                national.add(by_host[h])
        # A record at its own public host that is none of the national application's hosts is a local
        # application with a national name ("E-Kinerja" at ekinerja.<pemda>.go.id): family, not identity.
        public = {h for h in hosts if "@" not in h and not _is_ip(h)}
        weak = {n for n in national if public and nat_hosts.get(n) and not (public & nat_hosts[n])}
        # matched only by a generic job name ("E-Kinerja", "Lapor") and not at the national host: family
        by_host_only = {by_host[h] for h in hosts if h in by_host}
        weak |= {n for n in national - by_host_only - set(r.national)
                 if nat_names.get(n) and nat_names[n] <= generic_keys}
        national -= weak
        codes = {c for c in (_code(x) for x in (*r.ral, *r.rab)) if _CODE_LEVEL.match(c) and _level(c) >= 3}
        out.append(
            Features(
                idx=i,
                rec=r,
                keys=keys,
                main_key="".join(toks),
                tokens=toks,
                initials=parts.initials,
                paths=paths,
                hosts=frozenset(hosts),
                national=frozenset(national),
                national_weak=frozenset(weak),
                nat_names=nat_names,
                codes=frozenset(codes),
                compound=compound,
                placeholder=parts.is_placeholder and not hosts,
                text="" if compound else f"{r.name} {r.description} {r.function}".strip(),
                quals=parts.quals,
                regions=parts.regions,
                obj="" if compound else object_key(toks),
                name_host=bool(from_name),
            )
        )
    return out
