"""Fixtures for the service tests: real servers per session, stores of every kind.

``any_store`` runs a test against the embedded store (on disk), a memory store, a real Oxigraph
server and a real Virtuoso (both started once per session), so "works on both kinds of store"
is one fixture away. Tests must use their own graph IRIs (``graph_iri``) because the remote
servers are shared by the session.
"""

from __future__ import annotations

import pytest

# oxigraph_url, virtuoso_url, any_store, graph_iri come from tests/support/stores.py,
# re-exported by tests/conftest.py for every test folder.
from spbe_kg.benchmarks import servers
from spbe_kg.settings import Settings
from tests.support import TOKEN


def write_settings(tmp_path, **kw) -> Settings:
    base = dict(store="embedded", data_dir=tmp_path / "store", enable_updates=True, write_token=TOKEN,
                query_timeout_s=5.0, query_workers=2)
    base.update(kw)
    return Settings(**base)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """Our app on a real uvicorn over an embedded on-disk store, updates on with TOKEN (per module)."""
    from spbe_kg.service.app import create_app

    settings = write_settings(tmp_path_factory.mktemp("live"))
    with servers.app_server(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="module", params=["embedded", "oxigraph", "virtuoso"])
def live_any(request, tmp_path_factory):
    """Like ``live``, and also our app over remote stores: a dedicated real ``oxigraph serve`` and a
    dedicated real Virtuoso (their own, because the protocol suites CLEAR ALL). Over Virtuoso the
    remote store's dialect bridges Virtuoso's departures from SPARQL 1.1 (service/store/dialects.py)."""
    if request.param == "embedded":
        yield request.getfixturevalue("live")
        return
    from spbe_kg.service.app import create_app
    from spbe_kg.service.store.remote import RemoteStore

    if request.param == "virtuoso":
        with servers.virtuoso_server(tmp_path_factory.mktemp("virt-live")) as vurl:
            store = RemoteStore(vurl)
            settings = write_settings(tmp_path_factory.mktemp("live-virt"), store="remote")
            with servers.app_server(create_app(settings, store=store)) as url:
                yield url
            store.close()
        return
    with servers.oxigraph_server(tmp_path_factory.mktemp("oxi-live")) as base:
        store = RemoteStore(base + "/query", base + "/update", base + "/store")
        settings = write_settings(tmp_path_factory.mktemp("live-remote"), store="remote")
        with servers.app_server(create_app(settings, store=store)) as url:
            yield url
        store.close()


@pytest.fixture
def auth():
    return {"Authorization": f"Bearer {TOKEN}"}
