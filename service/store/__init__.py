"""The store layer: one protocol (``base.py``) with explicit capabilities, interchangeable embedded
(pyoxigraph) and remote (SPARQL 1.1, with server dialects) stores, and the SPARQL text helpers they
share (``sparql_text.py``). It imports no web framework and nothing of the service above it.

>>> from spbe_kg.service.store import Capability, open_store
>>> from spbe_kg.settings import Settings
>>> s = open_store(Settings(store="memory"))
>>> s.kind, s.supports(Capability.SNAPSHOTS)
('memory', False)
"""

from __future__ import annotations

from spbe_kg.settings import Settings

from .base import Capability, QueryTimeout, Store, StoreError, StoreSyntaxError, Unsupported
from .bulk import StoreLocked

__all__ = ["Capability", "QueryTimeout", "Store", "StoreError", "StoreLocked", "StoreSyntaxError", "Unsupported",
           "open_store"]


def open_store(settings: Settings, *, read_only: bool = False, lazy: bool = False) -> Store:
    """Open the store the settings name (``embedded``: ``data_dir``; ``remote``: endpoint URLs).
    ``lazy``: an embedded store opens its directory only when first used (for ``bulk_replace``)."""
    if settings.store == "remote":
        from .remote import RemoteStore

        return RemoteStore.from_settings(settings)
    from .embedded import EmbeddedStore

    if settings.store == "memory":
        return EmbeddedStore(None)
    return EmbeddedStore(settings.data_dir, read_only=read_only, lazy=lazy)
