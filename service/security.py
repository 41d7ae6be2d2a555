"""Safe by default: write authorisation, federation allow-list, body-size cap, CORS.

- Writes (SPARQL update, Graph Store PUT/POST/DELETE) need ``settings.enable_updates`` AND a
  bearer token equal to ``settings.write_token`` (constant-time compare). No token configured:
  writes are refused even when updates are enabled. Missing/malformed header: 401; wrong token: 403.
- ``SERVICE`` and ``LOAD`` may only reach IRIs in ``settings.federation_allowlist``; a variable
  endpoint (``SERVICE ?x``) is always refused.

>>> service_targets('PREFIX e: <http://e.org/> SELECT * { SERVICE SILENT e:sparql { ?s ?p ?o } } # SERVICE <http://no>')
['http://e.org/sparql']
>>> service_targets('SELECT * { SERVICE ?ep { ?s ?p "SERVICE <http://no>" } }')
['?ep']
>>> service_targets('LOAD <http://x.org/data.ttl> INTO GRAPH <http://g>')
['http://x.org/data.ttl']
"""

from __future__ import annotations

import hmac
import re

from fastapi import FastAPI, Request
from starlette.middleware.cors import CORSMiddleware

from .errors import ApiError

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<str>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][^\s(){}.,;]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00C0-\uFFFF]*)?:[^\s{}()<>,;]*)
  | (?P<word>[A-Za-z_]+)
  | (?P<other>\S)
    """,
    re.X,
)


def service_targets(sparql: str) -> list[str]:
    """Every endpoint a query or update would contact (``SERVICE`` / ``LOAD`` targets), resolved."""
    prefixes: dict[str, str] = {}
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(sparql) if m.lastgroup not in ("comment",)]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        kind, text = tokens[i]
        if kind == "word" and text.upper() == "PREFIX" and i + 2 < len(tokens):
            if tokens[i + 1][0] == "pname" and tokens[i + 2][0] == "iri":
                prefixes[tokens[i + 1][1].rstrip(":").split(":")[0]] = tokens[i + 2][1][1:-1]
                i += 3
                continue
        if kind == "word" and text.upper() in ("SERVICE", "LOAD"):
            j = i + 1
            if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "SILENT":
                j += 1
            if j >= len(tokens):
                out.append("?")
            else:
                tk, tt = tokens[j]
                if tk == "iri":
                    out.append(tt[1:-1])
                elif tk == "pname":
                    pfx, _, local = tt.partition(":")
                    out.append(prefixes[pfx] + local if pfx in prefixes else tt)
                else:
                    out.append(tt)
            i = j + 1
            continue
        i += 1
    return out


def keywords(sparql: str) -> set[str]:
    """Upper-case keywords of a query outside strings, IRIs and comments.

    >>> sorted(keywords('SELECT * FROM <http://g> WHERE { ?s ?p "from" } # WITH'))
    ['FROM', 'SELECT', 'WHERE']
    """
    return {m.group().upper() for m in _TOKEN.finditer(sparql) if m.lastgroup == "word"}


def dataset_clauses(sparql: str) -> tuple[list[str], list[str]]:
    """The query's ``FROM`` and ``FROM NAMED`` IRIs (prefixed names resolved).

    >>> dataset_clauses('PREFIX g: <http://g/> SELECT * FROM g:1 FROM NAMED <http://g/2> WHERE { ?s ?p "FROM <x>" }')
    (['http://g/1'], ['http://g/2'])
    """
    prefixes: dict[str, str] = {}
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(sparql) if m.lastgroup != "comment"]
    default: list[str] = []
    named: list[str] = []
    for i, (kind, text) in enumerate(tokens):
        if kind == "word" and text.upper() == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
            prefixes[tokens[i + 1][1].split(":")[0]] = tokens[i + 2][1][1:-1]
        if kind == "word" and text.upper() == "FROM" and i + 1 < len(tokens):
            j, target = i + 1, default
            if tokens[j][0] == "word" and tokens[j][1].upper() == "NAMED":
                j, target = j + 1, named
            if j < len(tokens):
                tk, tt = tokens[j]
                if tk == "iri":
                    target.append(tt[1:-1])
                elif tk == "pname":
                    pfx, _, local = tt.partition(":")
                    target.append(prefixes.get(pfx, "") + local)
    return default, named


def top_level_where_offsets(sparql: str) -> list[int]:
    """Offsets of the ``WHERE`` keywords that open an update operation's pattern (brace depth 0),
    excluding the ``DELETE WHERE`` shorthand, which takes no ``USING``.

    >>> u = "DELETE { ?s ?p ?o } WHERE { { SELECT ?s WHERE { ?s ?p ?o } } } ; DELETE WHERE { ?a ?b ?c }"
    >>> top_level_where_offsets(u)
    [20]
    """
    out = []
    depth = 0
    prev = ""
    for m in _TOKEN.finditer(sparql):
        kind, text = m.lastgroup, m.group()
        if kind == "other" and text == "{":
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
        elif kind == "word" and text.upper() == "WHERE" and depth == 0 and prev != "DELETE":
            out.append(m.start())
        if kind != "comment":
            prev = text.upper()
    return out


def query_form(sparql: str) -> str | None:
    """``SELECT`` / ``CONSTRUCT`` / ``DESCRIBE`` / ``ASK`` (the first one outside strings/IRIs/comments).

    >>> query_form('PREFIX s: <http://ASK/> # SELECT' + chr(10) + 'CONSTRUCT WHERE { ?s ?p "ASK" }')
    'CONSTRUCT'
    """
    for m in _TOKEN.finditer(sparql):
        if m.lastgroup == "word" and m.group().upper() in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
            return m.group().upper()
    return None


def _norm(url: str) -> str:
    return url.rstrip("/")


def check_federation(sparql: str, allowlist) -> None:
    """Raise ApiError(403) when ``sparql`` would contact an endpoint outside ``allowlist``."""
    allowed = {_norm(u) for u in allowlist or ()}
    for target in service_targets(sparql):
        if _norm(target) not in allowed:
            raise ApiError(403, "federation", detail=target)


def require_write(request: Request) -> None:
    """Authorise a write request or raise ApiError (403 read-only / 401 no token / 403 wrong token)."""
    settings = request.app.state.settings
    if not settings.enable_updates:
        raise ApiError(403, "read-only")
    if not settings.write_token:
        raise ApiError(403, "no-token-configured")
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "unauthorized", headers={"WWW-Authenticate": 'Bearer realm="spbe"'})
    if not hmac.compare_digest(given.strip().encode(), settings.write_token.encode()):
        raise ApiError(403, "forbidden-token")


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes``: by Content-Length up front (413), and while reading."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for k, v in scope.get("headers", ()):
            if k == b"content-length":
                try:
                    too_big = int(v) > self.max_bytes
                except ValueError:
                    too_big = False
                if too_big:
                    return await _plain(send, 413, f"Isi permintaan melebihi batas {self.max_bytes} byte / body exceeds {self.max_bytes} bytes")
        seen = 0

        async def limited():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    raise ApiError(413, "too-large", detail=self.max_bytes)
            return msg

        return await self.app(scope, limited, send)


async def _plain(send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def install(app: FastAPI, settings) -> None:
    """Add CORS (never ``*`` with credentials) and the body cap."""
    origins = list(settings.cors_origins or [])
    if origins:
        wildcard = "*" in origins
        app.add_middleware(
            CORSMiddleware,
            allow_origins=["*"] if wildcard else origins,
            allow_credentials=not wildcard,
            allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
            expose_headers=["X-Request-ID", "X-Result-Truncated"],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
