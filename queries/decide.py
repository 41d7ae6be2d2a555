"""Accept or reject a code suggestion: checks, then one decision in ``<base>graph/keputusan``.

Shared by ``spbe saran terima|tolak`` and ``POST /saran/terima|tolak``. The application must be in the
store and the code a concept of the RAB/RAL/RAA lists; the stored suggestion (if any) is named as the
evidence decided on (``prov:used``) with its evidence hash (``spbe:sidikBukti``).

>>> from spbe_kg.settings import Settings
>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> try:
...     decide(EmbeddedStore(None), Settings(store="memory"), kind="terima-kode", app="http://x/a",
...            code="https://w3id.org/spbe/ref/RAB.09.06.03")
... except UnknownApp as e:
...     print("tidak ada:", e)
tidak ada: http://x/a
"""

from __future__ import annotations

from spbe_kg.ontology.namespaces import sparql_prefixes

from . import saran, saran_store
from .lexicon import lexicon_for


class UnknownApp(LookupError):
    pass


class UnknownCode(LookupError):
    pass


def _app_exists(store, app: str, timeout_s) -> bool:
    q = sparql_prefixes() + f"""ASK {{ VALUES ?cls {{ spbe:Aplikasi spbe:AplikasiUmum spbe:AplikasiKhusus }}
      <{app}> a ?cls }}"""
    return bool(store.query(q, timeout_s=timeout_s))


def decide(store, settings, *, kind: str, app: str, code: str, reason: str = "", agent: str = "admin") -> str:
    if not app.startswith(("http://", "https://")) or not _app_exists(store, app, settings.query_timeout_s):
        raise UnknownApp(app)
    if code not in lexicon_for(settings).concepts:
        raise UnknownCode(code)
    sug = saran.find(store, settings, app, code)
    return saran_store.record_decision(store, settings, kind=kind, app=app, code=code, reason=reason, agent=agent,
                                       suggestion=sug)
