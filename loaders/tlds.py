"""Top-level domains: is an address's host under a real public suffix, and where does a host glued to its path end?

The list is the Public Suffix List snapshot shipped inside the ``tld`` package (PyPI), read offline.

>>> valid_host("sida.madiunkab.go.id"), valid_host("simpeg.magetankab.go.ig"), valid_host("10.1.2.3")
(True, False, True)
>>> unglue("sida.madiunkab.go.idlayanan")
('sida.madiunkab.go.id', 'layanan')
>>> unglue("simpeg.magetankab.go.ig") is None, unglue("x.go.idd") is None
(True, True)
"""

from __future__ import annotations

import re
from functools import lru_cache

from tld import get_tld

_IP = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
MIN_GLUED_PATH = 3  # "go.idd" is a typo, not a path glued to the host


@lru_cache(maxsize=16384)
def valid_host(host: str) -> bool:
    """True for an IP address or a host ending in a public suffix of the list."""
    host = host.lower().rstrip(".")
    if _IP.match(host):
        return True
    return get_tld(f"http://{host}", fail_silently=True) is not None


@lru_cache(maxsize=16384)
def unglue(host: str) -> tuple[str, str] | None:
    """A host whose last label is a real top-level domain with a path glued on ("go.idlayanan"): (host, path).

    Only for hosts that are not valid as written; the longest top-level domain that leaves a path of at least
    ``MIN_GLUED_PATH`` characters wins. None when no such reading exists.
    """
    host = host.lower()
    if valid_host(host) or "." not in host:
        return None
    head, last = host.rsplit(".", 1)
    for k in range(len(last) - MIN_GLUED_PATH, 1, -1):
        candidate = f"{head}.{last[:k]}"
        if valid_host(candidate):
            return candidate, last[k:]
    return None
