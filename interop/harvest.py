"""Harvest other instances: read a VoID description, fetch the dump it names, keep one graph per source.

``harvest(store, void_url, settings=...)``:

1. the URL must match ``settings.harvest_allowlist`` (URL prefixes: scheme, host, port and path prefix); a
   host whose address is private, loopback, link-local or otherwise not global is refused unless the
   allow-list names that *address* itself (``http://10.0.0.5:8000/``), so a public name that resolves
   (or later re-resolves) to an internal address is refused; every redirect hop is checked the same way;
2. the VoID description (Turtle, N-Triples, RDF/XML or JSON-LD) names the dumps (``void:dataDump``);
   N-Triples (gzip) is preferred, the dump URL is checked like the first;
3. the dump is fetched with ``If-None-Match``/``If-Modified-Since`` from the last harvest: 304 changes nothing;
4. the body (gzip or plain, at most ``harvest_max_bytes`` decompressed) is parsed completely before anything
   is written; blank nodes get a per-source prefix so two sources never share one;
5. ``replace_graphs`` swaps in, in ONE transaction, the source's data graph ``B graph/panen/{slug}`` and its
   record graph ``B graph/panen/{slug}/meta`` (``dcat:CatalogRecord``: source, dump URL, ETag,
   Last-Modified, time, triple count).

A source that cannot be reached, answers an error, or serves something that is not RDF (or nothing)
leaves the last good copy as it was; the outcome says why, in Bahasa Indonesia or English.

>>> graph_for("http://127.0.0.1:8001/.well-known/void", "https://w3id.org/spbe/id/")
'https://w3id.org/spbe/id/graph/panen/127-0-0-1-8001-well-known-void'
>>> allowed("http://127.0.0.1:8001/.well-known/void", ["http://127.0.0.1:8001/"]), allowed("http://127.0.0.1:18001/", ["http://127.0.0.1:1800"])
(True, False)
>>> allowed("http://127.0.0.1:8001/void2", ["http://127.0.0.1:8001/void"]), allowed("http://127.0.0.1:8001/void", ["http://127.0.0.1:8001/void"])
(False, True)
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import ipaddress
import socket
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
import pyoxigraph as ox

from spbe_kg.ontology.iris import slug
from spbe_kg.ontology.namespaces import PREFIXES

from .messages import text
from .void import dumps_of

SPBE = PREFIXES["spbe"]
DCAT = PREFIXES["dcat"]
DCT = PREFIXES["dcterms"]
PROV = PREFIXES["prov"]
VOID = PREFIXES["void"]
XSD = PREFIXES["xsd"]
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = PREFIXES["rdf"] + "type"
ACCEPT_VOID = "text/turtle, application/n-triples;q=0.9, application/rdf+xml;q=0.8, application/ld+json;q=0.7"
MEDIA_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/trig": ox.RdfFormat.TRIG, "application/n-quads": ox.RdfFormat.N_QUADS,
}
EXT_FORMATS = {".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG,
               ".nq": ox.RdfFormat.N_QUADS, ".rdf": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD}
MAX_REDIRECTS = 5


class HarvestError(Exception):
    """A refused or failed harvest; ``key``/``kw`` select the bilingual message."""

    def __init__(self, key: str, **kw) -> None:
        super().__init__(key)
        self.key, self.kw = key, kw

    def message(self, lang: str) -> str:
        return text(self.key, lang, **self.kw)


@dataclass
class Outcome:
    url: str
    status: str  # loaded | unchanged | failed
    message: str
    graph: str = ""
    triples: int = 0


# --- where a harvest may go -------------------------------------------------------------------
def graph_for(url: str, base: str) -> str:
    u = urlsplit(url)
    return base + "graph/panen/" + slug(f"{u.netloc}{u.path}")


def _norm(url: str) -> tuple[str, str, int, str]:
    u = urlsplit(url)
    port = u.port or (443 if u.scheme == "https" else 80)
    return u.scheme.lower(), (u.hostname or "").lower(), port, u.path or "/"


def allowed(url: str, allowlist) -> bool:
    try:
        s, h, p, path = _norm(url)
    except ValueError:  # a port out of range
        return False
    for entry in allowlist or ():
        try:
            es, eh, ep, epath = _norm(entry)
        except ValueError:
            continue
        if (s, h, p) == (es, eh, ep) and (path.startswith(epath) if epath.endswith("/") else
                                          path == epath or path.startswith(epath + "/")):
            return True
    return False


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def check_url(url: str, allowlist) -> str | None:
    """Raise HarvestError unless ``url`` may be fetched (scheme, allow-list, address ranges).

    Returns the checked address to connect to (``None`` when the host is an IP literal): the fetch
    connects to exactly that address, so a DNS answer that changes after the check (DNS rebinding)
    cannot send the request to an internal host.
    """
    u = urlsplit(url)
    try:
        u.port  # noqa: B018 - raises for a port out of range
    except ValueError:
        raise HarvestError("hv_scheme", url=url) from None
    if u.scheme not in ("http", "https") or not u.hostname:
        raise HarvestError("hv_scheme", url=url)
    if not allowed(url, allowlist):
        raise HarvestError("hv_not_allowed", url=url)
    host = u.hostname
    if _is_ip(host.strip("[]")):
        return None  # an address listed in the allow-list by itself: the administrator's explicit choice
    try:
        infos = socket.getaddrinfo(host, u.port or (443 if u.scheme == "https" else 80), proto=socket.IPPROTO_TCP)
    except OSError as e:
        raise HarvestError("hv_unreachable", url=url, error=str(e)) from None
    addrs = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for addr in addrs:
        if not addr.is_global:
            raise HarvestError("hv_private", host=host, addr=str(addr))
    if not addrs:
        raise HarvestError("hv_unreachable", url=url, error="no address")
    return str(addrs[0])


def pinned_request(client: httpx.Client, url: str, addr: str | None, headers: dict) -> httpx.Request:
    """A GET of ``url`` that connects to ``addr`` (the checked address) while the server still sees the
    name: the Host header and, for https, the TLS SNI and certificate check use the URL's host.

    >>> c = httpx.Client()
    >>> r = pinned_request(c, "https://data.example.go.id:8443/void.ttl", "203.0.113.7", {})
    >>> str(r.url), r.headers["host"], r.extensions["sni_hostname"]
    ('https://203.0.113.7:8443/void.ttl', 'data.example.go.id:8443', 'data.example.go.id')
    >>> c.close()
    """
    if addr is None:
        return client.build_request("GET", url, headers=headers)
    u = httpx.URL(url)
    netloc = u.host if u.port is None else f"{u.host}:{u.port}"
    req = client.build_request("GET", u.copy_with(host=addr), headers={**headers, "Host": netloc})
    if u.scheme == "https":
        req.extensions["sni_hostname"] = u.host
    return req


def _get(client: httpx.Client, url: str, allowlist, headers: dict) -> tuple[httpx.Response, str]:
    """GET with redirects followed by hand, each hop checked; returns the response (streamed) and its URL."""
    for _ in range(MAX_REDIRECTS + 1):
        addr = check_url(url, allowlist)
        try:
            resp = client.send(pinned_request(client, url, addr, headers), stream=True)
        except httpx.HTTPError as e:
            raise HarvestError("hv_unreachable", url=url, error=type(e).__name__ + (f": {e}" if str(e) else "")) from None
        if resp.status_code in (301, 302, 303, 307, 308) and "location" in resp.headers:
            resp.close()
            url = urljoin(url, resp.headers["location"])
            continue
        return resp, url
    raise HarvestError("hv_http", url=url, status="too many redirects")


def _format_of(resp: httpx.Response, url: str) -> ox.RdfFormat | None:
    media = resp.headers.get("content-type", "").split(";")[0].strip().lower()
    if media in MEDIA_FORMATS:
        return MEDIA_FORMATS[media]
    path = urlsplit(url).path.lower().removesuffix(".gz")
    for ext, fmt in EXT_FORMATS.items():
        if path.endswith(ext):
            return fmt
    return None


def _read_capped(resp: httpx.Response, url: str, limit: int) -> bytes:
    """The body, gunzipped when it is gzip, never more than ``limit`` bytes after decompression."""
    buf = io.BytesIO()  # parsed from memory next anyway; capped by ``limit``
    total = 0
    first = b""
    dec = None
    try:
        for chunk in resp.iter_bytes():
            if not first:
                first = chunk[:2]
                if first == b"\x1f\x8b":
                    dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = dec.decompress(chunk, limit + 1 - total) if dec is not None else chunk
            total += len(data)
            if total > limit:
                raise HarvestError("hv_too_large", url=url, limit=limit)
            buf.write(data)
        if dec is not None:
            tail = dec.flush()
            total += len(tail)
            if total > limit:
                raise HarvestError("hv_too_large", url=url, limit=limit)
            buf.write(tail)
            if not dec.eof:  # a truncated gzip stream: part of a dump is no dump
                raise HarvestError("hv_garbage", url=url, error="gzip: truncated / terpotong")
    except (zlib.error, gzip.BadGzipFile, EOFError) as e:
        raise HarvestError("hv_garbage", url=url, error=f"gzip: {e}") from None
    except httpx.HTTPError as e:
        raise HarvestError("hv_unreachable", url=url, error=type(e).__name__) from None
    finally:
        resp.close()
    return buf.getvalue()


# --- the last harvest of a source -------------------------------------------------------------
def last_record(store, meta_graph: str) -> dict:
    q = (f"SELECT ?etag ?lm ?n WHERE {{ GRAPH <{meta_graph}> {{ ?r a <{DCAT}CatalogRecord> . "
         f"OPTIONAL {{ ?r <{SPBE}etagSumber> ?etag }} OPTIONAL {{ ?r <{DCT}modified> ?lm }} "
         f"OPTIONAL {{ ?r <{VOID}triples> ?n }} }} }} LIMIT 1")
    row = next(iter(store.query(q, union_default=False)), None)
    if row is None:
        return {}
    return {k: row[k].value for k in ("etag", "lm", "n") if row[k] is not None}


def _record(meta_graph: str, data_graph: str, void_url: str, dump_url: str, etag: str | None,
            last_modified: str | None, n: int) -> list[ox.Quad]:
    g = ox.NamedNode(meta_graph)
    r = ox.NamedNode(meta_graph + "#rekaman")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()

    def q(p, o):
        return ox.Quad(r, ox.NamedNode(p), o, g)

    out = [q(RDF_TYPE, ox.NamedNode(DCAT + "CatalogRecord")), q(FOAF + "primaryTopic", ox.NamedNode(data_graph)),
           q(DCT + "source", ox.NamedNode(void_url)), q(DCAT + "downloadURL", ox.NamedNode(dump_url)),
           q(PROV + "generatedAtTime", ox.Literal(now, datatype=ox.NamedNode(XSD + "dateTime"))),
           q(VOID + "triples", ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer")))]
    if etag:
        out.append(q(SPBE + "etagSumber", ox.Literal(etag)))
    if last_modified:
        out.append(q(DCT + "modified", ox.Literal(last_modified)))
    return out


# --- one source -------------------------------------------------------------------------------
def harvest(store, void_url: str, *, settings, lang: str = "id", allowlist=None,
            client: httpx.Client | None = None) -> Outcome:
    """Harvest one instance (see the module text). Never raises for a bad source: the outcome says why."""
    allow = list(settings.harvest_allowlist) + list(allowlist or ())
    graph = graph_for(void_url, settings.base_iri)
    meta = graph + "/meta"
    own = client is None
    client = client or httpx.Client(timeout=settings.harvest_timeout_s, follow_redirects=False,
                                    headers={"User-Agent": "spbe-kg-harvest"})
    try:
        # 1-2: the VoID description and its dump
        resp, where = _get(client, void_url, allow, {"Accept": ACCEPT_VOID})
        if resp.status_code != 200:
            resp.close()
            raise HarvestError("hv_http", url=where, status=resp.status_code)
        fmt = _format_of(resp, where)
        body = _read_capped(resp, where, min(settings.harvest_max_bytes, 32 << 20))
        if fmt is None:
            raise HarvestError("hv_garbage", url=where, error=resp.headers.get("content-type", "?"))
        try:
            void = list(ox.parse(body, format=fmt, base_iri=where))
        except (SyntaxError, ValueError) as e:
            raise HarvestError("hv_garbage", url=where, error=str(e)[:200]) from None
        dumps = [urljoin(where, d) for d in dumps_of(void, where)]
        if not dumps:
            raise HarvestError("hv_no_dump", url=where)
        dump_url = dumps[0]
        # 3: conditional fetch
        last = last_record(store, meta)
        headers = {"Accept": "application/n-triples, application/gzip;q=0.9, */*;q=0.1",
                   "Accept-Encoding": "identity"}
        if last.get("etag"):
            headers["If-None-Match"] = last["etag"]
        if last.get("lm"):
            headers["If-Modified-Since"] = last["lm"]
        resp, dump_where = _get(client, dump_url, allow, headers)
        if resp.status_code == 304 and last:
            resp.close()
            return Outcome(void_url, "unchanged", text("hv_unchanged", lang, url=void_url, etag=last.get("etag", "-"),
                                                       triples=last.get("n", "?"), graph=graph), graph, int(last.get("n", 0)))
        if resp.status_code != 200:
            resp.close()
            raise HarvestError("hv_http", url=dump_where, status=resp.status_code)
        etag, lm = resp.headers.get("etag"), resp.headers.get("last-modified")
        dfmt = _format_of(resp, dump_where)
        if dfmt is None or dfmt is ox.RdfFormat.N_TRIPLES and resp.headers.get("content-type", "").startswith("application/gzip"):
            dfmt = EXT_FORMATS.get("." + urlsplit(dump_where).path.lower().removesuffix(".gz").rsplit(".", 1)[-1],
                                   ox.RdfFormat.N_TRIPLES)
        data = _read_capped(resp, dump_where, settings.harvest_max_bytes)
        # 4: parse everything before writing anything
        g = ox.NamedNode(graph)
        prefix = "h" + hashlib.sha256(void_url.encode()).hexdigest()[:8]

        def term(t):
            return ox.BlankNode(prefix + t.value) if isinstance(t, ox.BlankNode) else t

        try:
            quads = [ox.Quad(term(q.subject), q.predicate, term(q.object), g)
                     for q in ox.parse(io.BytesIO(data), format=dfmt, base_iri=dump_where)]
        except (SyntaxError, ValueError) as e:
            raise HarvestError("hv_garbage", url=dump_where, error=str(e)[:200]) from None
        if not quads:
            raise HarvestError("hv_empty", url=dump_where)
        # 5: one transaction
        store.replace_graphs([graph, meta], quads + _record(meta, graph, void_url, dump_where, etag, lm, len(quads)))
        return Outcome(void_url, "loaded", text("hv_loaded", lang, url=void_url, triples=len(quads), graph=graph),
                       graph, len(quads))
    except HarvestError as e:
        return Outcome(void_url, "failed", e.message(lang), graph)
    finally:
        if own:
            client.close()
