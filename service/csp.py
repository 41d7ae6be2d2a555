"""A Content-Security-Policy on every HTML page.

Scripts run only from this origin (``script-src 'self'``); an inline ``<script>`` a page carries
itself (the duplicate report is one self-contained file, also written to disk) is allowed by its
SHA-256 hash, computed from the page being sent, so no other inline script (an injected one) runs.
Styles allow ``'unsafe-inline'``: YASGUI and CodeMirror set element styles from script. No plugins,
no framing by other sites, forms and ``<base>`` only to this origin.

>>> p = policy_for(b"<p>x</p><script>go()</script><script type='application/json'>{}</script>")
>>> p.split("; ")[1].count("sha256-"), "object-src 'none'" in p
(1, True)
"""

from __future__ import annotations

import base64
import hashlib
import re

BASE = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'")
_INLINE = re.compile(rb"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_DATA_TYPE = re.compile(rb"""type\s*=\s*["']?application/(?:ld\+)?json""", re.I)


def policy_for(html: bytes) -> str:
    hashes = []
    for m in _INLINE.finditer(html):
        attrs, body = m.group("attrs"), m.group("body")
        if re.search(rb"\bsrc\s*=", attrs, re.I) or _DATA_TYPE.search(attrs) or not body.strip():
            continue
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        hashes.append(f" 'sha256-{digest}'")
    return BASE.format(hashes="".join(dict.fromkeys(hashes)))


class CspMiddleware:
    """Adds the policy to ``text/html`` responses (buffering only those)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start: dict | None = None
        chunks: list[bytes] = []

        async def wrapped(msg):
            nonlocal start
            if msg["type"] == "http.response.start":
                ctype = dict(msg.get("headers") or []).get(b"content-type", b"")
                if ctype.startswith(b"text/html"):
                    start = msg
                    return
                return await send(msg)
            if msg["type"] == "http.response.body" and start is not None:
                chunks.append(msg.get("body", b""))
                if msg.get("more_body"):
                    return
                body = b"".join(chunks)
                headers = [(k, v) for k, v in start.get("headers") or [] if k != b"content-security-policy"]
                headers.append((b"content-security-policy", policy_for(body).encode()))
                await send({**start, "headers": headers})
                return await send({"type": "http.response.body", "body": body})
            return await send(msg)

        return await self.app(scope, receive, wrapped)
