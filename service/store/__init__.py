"""Store access: one protocol, interchangeable embedded (pyoxigraph) and remote (SPARQL 1.1) stores.

>>> from spbe_kg.service.store import open_store
>>> from spbe_kg.settings import Settings
>>> s = open_store(Settings(store="memory"))
>>> s.kind
'memory'
"""

from __future__ import annotations

from .base import QueryTimeout, Store, StoreError, StoreSyntaxError  # noqa: F401


def open_store(settings, *, read_only: bool = False) -> Store:
    """Open the store the settings name (``embedded``: ``data_dir``; ``remote``: endpoint URLs)."""
    if settings.store == "remote":
        from .remote import RemoteStore

        return RemoteStore.from_settings(settings)
    from .embedded import EmbeddedStore

    if settings.store == "memory":
        return EmbeddedStore(None)
    return EmbeddedStore(settings.data_dir, read_only=read_only)
