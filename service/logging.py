"""One structured log line per request: ``{"id", "method", "path", "status", "ms"}`` on logger
``spbe.access`` (JSON, one line), with ``"principal"`` (``admin`` or ``pemda:<instansi> (token <id>)``,
never the token) on authorised writes and ``"write"`` (graphs, quads) on loads. The id is the client's ``X-Request-ID`` when it sends a sane
one, else a fresh one; it is echoed in the ``X-Request-ID`` response header."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

log = logging.getLogger("spbe.access")
_SANE_ID = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")


class AccessLogMiddleware:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        rid = None
        for k, v in scope.get("headers", ()):
            if k == b"x-request-id" and _SANE_ID.match(v):
                rid = v.decode()
        rid = rid or uuid.uuid4().hex[:16]
        scope["spbe.request_id"] = rid
        start = time.perf_counter()
        status = 500

        async def send_wrapper(msg):
            nonlocal status
            if msg["type"] == "http.response.start":
                status = msg["status"]
                headers = [h for h in msg.get("headers", []) if h[0].lower() != b"x-request-id"]
                headers.append((b"x-request-id", rid.encode()))
                msg = {**msg, "headers": headers}
            await send(msg)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            record = {
                "id": rid, "method": scope.get("method"), "path": scope.get("path"),
                "status": status, "ms": round((time.perf_counter() - start) * 1000, 2),
            }
            if scope.get("spbe.principal"):
                record["principal"] = scope["spbe.principal"]
            if scope.get("spbe.write"):
                record["write"] = scope["spbe.write"]
            log.info(json.dumps(record, ensure_ascii=False))
