"""Which hosts a SPARQL query or update would contact (``SERVICE`` / ``LOAD``), decided on the
parsed query, never on tokens.

The text is parsed with rdflib's SPARQL 1.1 grammar and translated to its algebra (prefixed names
and ``BASE`` resolved); every ``ServiceGraphPattern`` and ``Load`` node gives a target. A target
is allowed only when it is in ``settings.federation_allowlist`` AND its host does not resolve to
a loopback, link-local, private, multicast or reserved address -- unless the allow-list entry
names that address itself (``http://127.0.0.1:7878/query``) or the address lies in
``settings.federation_private_networks``. A variable endpoint (``SERVICE ?x``) is never allowed.

Conservative where it cannot decide: a text that mentions ``service`` or ``load`` anywhere
(case-insensitive, after SPARQL ``\\u``/``\\U`` escapes are decoded) but that rdflib cannot parse,
or that is longer than ``settings.guard_max_parse_bytes``, is refused (:class:`Refusal`, 400).
Texts that never mention either word contact nobody and are not parsed at all.

>>> from spbe_kg.settings import Settings
>>> s = Settings(federation_allowlist=["https://data.example.go.id/sparql"])
>>> targets('SELECT * { BIND("SERVICE <http://10.0.0.1/>" AS ?x) }', update=False, settings=s)
[]
>>> targets('PREFIX e: <https://data.example.go.id/> SELECT * { { SERVICE e:sparql { ?s ?p ?o } } }', update=False, settings=s)
['https://data.example.go.id/sparql']
>>> targets('BASE <http://127.0.0.1:9/> SELECT * { SERVICE <x> { ?s ?p ?o } }', update=False, settings=s)
['http://127.0.0.1:9/x']
>>> targets('LOAD <http://169.254.169.254/latest> INTO GRAPH <http://g>', update=True, settings=s)
['http://169.254.169.254/latest']
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit

from .parsing import query_algebra, update_algebra

VARIABLE = "?"  # the target of ``SERVICE ?x``
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_WORDS = re.compile(r"service|load", re.I)


class Refusal(Exception):
    """A query/update the guard refuses: ``status`` (400/403), message ``key`` and ``detail``."""

    def __init__(self, status: int, key: str, detail: str) -> None:
        super().__init__(f"{key}: {detail}")
        self.status, self.key, self.detail = status, key, detail


def _unescape(text: str) -> str:
    def sub(m: re.Match) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except (ValueError, OverflowError):
            return m.group(0)

    return _ESCAPE.sub(sub, text)


def mentions_remote(text: str) -> bool:
    """Could ``text`` contain SERVICE or LOAD at all? (cheap, conservative pre-check)

    >>> mentions_remote('SELECT * { ?s ?p "\\\\u0053ERVICE" }'), mentions_remote("ASK {}")
    (True, False)
    """
    if text.isascii() and "\\" not in text:  # no escapes, ASCII case only: two substring tests (issue 13)
        upper = text.upper()
        return "SERVICE" in upper or "LOAD" in upper
    return bool(_WORDS.search(_unescape(text)))


def _walk(node, out: list[str]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, CompValue):
            if n.name == "ServiceGraphPattern":
                term = n.get("term")
                out.append(str(term) if isinstance(term, URIRef) else VARIABLE)
            elif n.name == "Load":
                iri = n.get("iri")
                out.append(str(iri) if isinstance(iri, URIRef) else VARIABLE)
            stack.extend(n.values())
        elif isinstance(n, dict):
            stack.extend(n.values())
        elif isinstance(n, (list, tuple, set)):
            stack.extend(n)


def targets(text: str, *, update: bool, settings) -> list[str]:
    """Every endpoint ``text`` would contact, resolved (``"?"`` for a variable); raise
    :class:`Refusal` (400) when the text mentions SERVICE/LOAD but cannot be checked."""
    if not mentions_remote(text):
        return []
    limit = settings.guard_max_parse_bytes
    if len(text.encode("utf-8", "surrogatepass")) > limit:
        raise Refusal(400, "guard-too-large", str(limit))
    nodes: list = []
    try:  # one rdflib parse at a time: concurrent parses corrupt each other (parsing.py)
        nodes = update_algebra(text) if update else [query_algebra(text)]
    except Exception as e:  # noqa: BLE001 - any failure: the text cannot be checked
        raise Refusal(400, "guard-unparsable", type(e).__name__) from None
    out: list[str] = []
    for n in nodes:
        _walk(n, out)
    return out


def _norm(url: str) -> str:
    return url.rstrip("/")


def _networks(settings) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    nets: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
    for n in settings.federation_private_networks or ():
        try:
            nets.append(ipaddress.ip_network(n, strict=False))
        except ValueError:
            continue
    return nets


def _literal_ip(host: str):
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def public(addr) -> bool:
    """Is ``addr`` an ordinary internet address (not loopback, link-local, private, reserved...)?

    >>> public(ipaddress.ip_address("8.8.8.8")), public(ipaddress.ip_address("169.254.169.254"))
    (True, False)
    >>> public(ipaddress.ip_address("::ffff:127.0.0.1"))
    False
    """
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_global and not (addr.is_multicast or addr.is_reserved or addr.is_unspecified)


def resolve(host: str, port: int) -> list:
    """The addresses ``host`` resolves to (an IP literal: itself). Empty when it does not resolve."""
    lit = _literal_ip(host)
    if lit is not None:
        return [lit]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return [ipaddress.ip_address(str(i[4][0]).split("%")[0]) for i in infos]


def check_target(target: str, settings) -> None:
    """Raise :class:`Refusal` (403) unless ``target`` may be contacted."""
    allowed = {_norm(u) for u in settings.federation_allowlist or ()}
    if target == VARIABLE or _norm(target) not in allowed:
        raise Refusal(403, "federation", target[:300])
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refusal(403, "federation", target[:300])
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refusal(403, "federation", target[:300]) from None
    addrs = resolve(parts.hostname, port)
    if not addrs:
        raise Refusal(403, "federation-host", parts.hostname)
    listed_literal = _literal_ip(parts.hostname)  # the allow-list entry names this very address
    nets = _networks(settings)
    for a in addrs:
        if public(a) or (listed_literal is not None and a == listed_literal):
            continue
        if any(a.version == n.version and a in n for n in nets):
            continue
        raise Refusal(403, "federation-host", f"{parts.hostname} -> {a}")


def check(text: str, *, update: bool, settings) -> list[str]:
    """Decide ``text``: return its (allowed) targets or raise :class:`Refusal`. Blocking (DNS):
    call it from a thread."""
    found = targets(text, update=update, settings=settings)
    for t in found:
        check_target(t, settings)
    return found
