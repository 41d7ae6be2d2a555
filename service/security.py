"""Safe by default: write authorisation, federation allow-list, body-size cap, CORS.

- Writes (``POST /load``, SPARQL update, Graph Store PUT/POST/DELETE, decisions, suggestions) need
  ``settings.enable_updates`` AND a bearer token: ``settings.write_token`` (the admin) or a per-pemda
  token of ``service/tokens.py`` (constant-time compares). :func:`require_write` returns the
  :class:`Writer`; what a pemda writer may touch is ``service/write_scope.py``. No token configured:
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
from dataclasses import dataclass

from fastapi import Depends, FastAPI, Request
from starlette.middleware.cors import CORSMiddleware

from spbe_kg.settings import Settings

from .deps import get_settings
from .errors import ApiError
from .store.sparql_text import tokens


def service_targets(sparql: str) -> list[str]:
    """Every endpoint a query or update would contact (``SERVICE`` / ``LOAD`` targets), resolved."""
    prefixes: dict[str, str] = {}
    toks = [(m.lastgroup, m.group()) for m in tokens(sparql)]
    out: list[str] = []
    i = 0
    while i < len(toks):
        kind, text = toks[i]
        if kind == "word" and text.upper() == "PREFIX" and i + 2 < len(toks):
            if toks[i + 1][0] == "pname" and toks[i + 2][0] == "iri":
                prefixes[toks[i + 1][1].rstrip(":").split(":")[0]] = toks[i + 2][1][1:-1]
                i += 3
                continue
        if kind == "word" and text.upper() in ("SERVICE", "LOAD"):
            j = i + 1
            if j < len(toks) and toks[j][0] == "word" and toks[j][1].upper() == "SILENT":
                j += 1
            if j >= len(toks):
                out.append("?")
            else:
                tk, tt = toks[j]
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


def _norm(url: str) -> str:
    return url.rstrip("/")


def check_federation(sparql: str, allowlist) -> None:
    """Raise ApiError(403) when ``sparql`` would contact an endpoint outside ``allowlist``."""
    allowed = {_norm(u) for u in allowlist or ()}
    for target in service_targets(sparql):
        if _norm(target) not in allowed:
            raise ApiError(403, "federation", detail=target)


@dataclass(frozen=True)
class Writer:
    """Who writes: the admin (``instansi is None``) or a pemda/OPD token.

    >>> ADMIN_WRITER.is_admin, Writer("a1b2c3d4", "Pemerintah Kabupaten Karo").label
    (True, 'pemda:Pemerintah Kabupaten Karo (token a1b2c3d4)')
    """

    token_id: str | None
    instansi: str | None = None  # canonical agency name; None: admin
    opd: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.instansi is None

    @property
    def label(self) -> str:
        """For logs and PROV labels: never the token itself."""
        if self.instansi is None:
            return "admin"
        who = self.instansi + (f" / {self.opd}" if self.opd else "")
        return f"pemda:{who} (token {self.token_id})"


ADMIN_WRITER = Writer(None)


def require_write(request: Request, settings: Settings = Depends(get_settings)) -> Writer:
    """Authorise a write request and return its :class:`Writer`, or raise ApiError (403 read-only /
    401 no token / 403 wrong token). A dependency (``Depends(require_write)``), or called with the
    handler's settings. The writer is also put on the request (``scope["spbe.principal"]``: the
    access log names it)."""
    from .tokens import tokens_path, verify

    if not settings.enable_updates:
        raise ApiError(403, "read-only")
    tokens = tokens_path(settings)
    if not settings.write_token and not tokens.exists():
        raise ApiError(403, "no-token-configured")
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    given = given.strip()
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "unauthorized", headers={"WWW-Authenticate": 'Bearer realm="spbe"'})
    writer: Writer | None = None
    if settings.write_token and hmac.compare_digest(given.encode(), settings.write_token.encode()):
        writer = ADMIN_WRITER
    else:
        rec = verify(tokens, given)
        if rec is not None:
            writer = Writer(rec.id, rec.instansi, rec.opd)
    if writer is None:
        raise ApiError(403, "forbidden-token")
    request.scope["spbe.principal"] = writer.label
    request.scope["spbe.writer"] = writer
    return writer


def require_admin(request: Request, settings: Settings = Depends(get_settings)) -> Writer:
    """Like :func:`require_write`, for writes only the admin may make (403 ``scope-admin-only``)."""
    writer = require_write(request, settings)
    if not writer.is_admin:
        raise ApiError(403, "scope-admin-only", headers={"X-SPBE-Refusal": "scope-admin-only"}, detail=request.url.path)
    return writer


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


def install(app: FastAPI, settings: Settings) -> None:
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
