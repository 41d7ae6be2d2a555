"""The web pages without a browser: language choice, home-page figures, the YASGUI page's configuration,
static files, and the message catalogue. The data is real: a small inventory csv through the real loader
into a real pyoxigraph store."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spbe_kg.loaders.api import convert_files, load_into_store
from spbe_kg.ontology.namespaces import PREFIXES
from spbe_kg.service.app import create_app
from spbe_kg.service.routes import ontology_page, resource_page, ui, ui_queries, ui_render, ui_summary
from spbe_kg.service.store.base import StoreError
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings

INVENTORY = textwrap.dedent(
    """\
    pemda,opd_pengelola,nama_aplikasi,nama_singkat,deskripsi,url,status,klasifikasi
    Kab. Madiun,Dinas Kesehatan,Sistem Informasi Puskesmas,SIMPUS,Rekam medis puskesmas,https://simpus.madiunkab.go.id,aktif,Aplikasi Khusus/Daerah
    Kab. Madiun,Dinas Kependudukan dan Pencatatan Sipil,Sistem Antrian Online,SIANTOL,Antrian layanan adminduk,https://antrian.madiunkab.go.id,aktif,Aplikasi Khusus/Daerah
    Kab. Madiun,Badan Kepegawaian Daerah,SIMPEG,SIMPEG,Data pegawai daerah,https://simpeg.madiunkab.go.id,tidak aktif,
    """
)


@pytest.fixture(scope="module")
def loaded():
    """(settings, store, result) with the three applications above loaded by the real loader."""
    import tempfile

    d = Path(tempfile.mkdtemp(prefix="ui-pages-"))
    f = d / "inventaris-madiun.csv"
    f.write_text(INVENTORY, encoding="utf-8")
    settings = Settings(store="memory", lang="id")
    store = EmbeddedStore(None)
    result = convert_files([f], settings=settings)
    assert result.ok, [r.reason for r in result.rows if r.status == "error"]
    load_into_store(store, result, settings=settings)
    return settings, store, result


@pytest.fixture
def client(loaded):
    settings, store, _ = loaded
    with TestClient(create_app(settings, store=store)) as c:
        yield c


@pytest.fixture(autouse=True)
def _no_language_cookie_between_tests(request):
    """A ``?lang=`` choice is remembered in a cookie; one test's choice must not leak into the next."""
    if "client" in request.fixturenames:
        request.getfixturevalue("client").cookies.clear()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- language ----------------------------------------------------------------------------------


def test_home_is_indonesian_by_default(client):
    r = client.get("/", headers={"Accept-Language": ""})
    assert r.status_code == 200
    assert r.headers["content-language"] == "id"
    assert '<html lang="id">' in r.text
    assert "Graf Pengetahuan Arsitektur SPBE" in r.text
    assert "Laporan duplikasi" in r.text


def test_lang_parameter_switches_and_is_remembered(client):
    r = client.get("/?lang=en")
    assert r.headers["content-language"] == "en"
    assert "SPBE Architecture Knowledge Graph" in r.text and "Duplicate report" in r.text
    assert "spbe_lang=en" in r.headers["set-cookie"]
    # the cookie now picks English for the next page, even with an Indonesian browser
    r2 = client.get("/query", headers={"Accept-Language": "id-ID,id;q=0.9"})
    assert r2.headers["content-language"] == "en"
    # and the switch back works the same way
    r3 = client.get("/?lang=id")
    assert r3.headers["content-language"] == "id" and "Laporan duplikasi" in r3.text


def test_a_browser_sending_english_alone_does_not_switch_a_page(loaded):
    """One language rule for the site (issue 11): Bahasa Indonesia unless the user picks English; most
    browsers in Indonesia send en-US, which must not switch any page (it did before: Accept-Language won)."""
    settings, store, _ = loaded
    with TestClient(create_app(settings, store=store)) as c:
        for path in ("/", "/query", "/validate", "/ontology.html", "/rules"):
            r = c.get(path, headers={"Accept-Language": "en-US,en;q=0.9", "Accept": "text/html"})
            assert r.status_code == 200, path
            assert r.headers["content-language"] == "id", path
            assert '<html lang="id">' in r.text, path
        assert c.get("/", headers={"Accept-Language": "en-GB,en;q=0.8"}).headers["content-language"] == "id"
        # the user's own choice still switches, and is remembered whatever the browser sends
        assert c.get("/rules?lang=en", headers={"Accept-Language": "id"}).headers["content-language"] == "en"
        assert c.get("/validate", headers={"Accept-Language": "id"}).headers["content-language"] == "en"


def test_settings_lang_is_the_fallback(loaded):
    _, store, _ = loaded
    with TestClient(create_app(Settings(store="memory", lang="en"), store=store)) as c:
        r = c.get("/", headers={"Accept-Language": "fr"})
    assert r.headers["content-language"] == "en"


def test_language_switch_links_keep_the_page_and_its_parameters(client):
    r = client.get("/query?tab=mulai", headers={"Accept-Language": "id"})
    assert 'href="?tab=mulai&amp;lang=en"' in r.text


@pytest.mark.parametrize(
    "header, expected",
    [("en-US,en;q=0.9", "en"), ("id", "id"), ("in-ID", "id"), ("de, en;q=0.1", "en"), ("en;q=0, id;q=0.2", "id"),
     ("", None), ("xx;q=abc", None), ("en;q=abc, id", "id")],
)
def test_accept_language_parsing(header, expected):
    assert ui_render.pick_lang_from_header(header) == expected


# --- home page ----------------------------------------------------------------------------------


def test_home_figures_come_from_the_store(client, loaded):
    _, store, _ = loaded
    html = client.get("/?lang=en").text
    figures = dict(re.findall(r'data-stat="(\w+)"><div class="num">([\d,.]+)</div>', html))
    assert figures["stat_apps"] == "3"
    assert figures["stat_units"] == "3"
    assert figures["stat_files"] == "1"
    assert int(figures["stat_triples"].replace(",", "")) == store.triple_count()


def test_home_links_every_feature(client):
    html = client.get("/").text
    hrefs = set(re.findall(r'href="([^"?#]+)', html))
    for path in ("/sparql", "/ontology.html", "/ontology.ttl", "/duplicates", "/validate", "/rules", "/health",
                 "/unggah", "/kelengkapan"):
        assert path in hrefs, path


def test_home_lists_the_loaded_files_with_a_download_link(client):
    html = client.get("/", headers={"Accept-Language": "id"}).text
    table = re.search(r'<table class="files".*?</table>', html, re.S).group(0)
    cells = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)]
    assert cells[:4] == ["inventaris-madiun.csv", "3", "3", "0"]
    href = re.search(r'href="([^"]+)"', table).group(1).replace("&amp;", "&")
    r = client.get(href, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert "Sistem Informasi Puskesmas" in r.text


def test_home_figures_are_kept_for_the_configured_time(loaded, tmp_path):
    settings, _, result = loaded
    store = EmbeddedStore(None)
    load_into_store(store, result, settings=settings)

    def apps(c):
        html = c.get("/").text
        return re.search(r'data-stat="stat_apps"><div class="num">(\d+)<', html).group(1)

    more = tmp_path / "tambahan.csv"
    more.write_text("pemda,opd_pengelola,nama_aplikasi\nKab. Madiun,Dinas Sosial,SIKS-NG\n", encoding="utf-8")
    extra = convert_files([more], settings=settings)
    with TestClient(create_app(settings.model_copy(update={"ui_summary_cache_s": 3600}), store=store)) as c:
        assert apps(c) == "3"
        load_into_store(store, extra, settings=settings)
        assert apps(c) == "3"  # still the cached figure
    with TestClient(create_app(settings.model_copy(update={"ui_summary_cache_s": 0}), store=store)) as c:
        assert apps(c) == "4"


def test_home_survives_a_failing_store(loaded):
    settings, _, _ = loaded

    class BrokenStore(EmbeddedStore):
        def query(self, *a, **k):
            raise StoreError("disk on fire at /secret/path")

    with TestClient(create_app(settings, store=BrokenStore(None))) as c:
        r = c.get("/", headers={"Accept-Language": "id"})
    assert r.status_code == 200
    assert "tidak dapat dibaca" in r.text
    assert "/secret/path" not in r.text and "Traceback" not in r.text


def test_home_says_how_to_fill_an_empty_store(loaded):
    settings, _, _ = loaded
    with TestClient(create_app(settings, store=EmbeddedStore(None))) as c:
        r = c.get("/", headers={"Accept-Language": "id"})
    assert "Store masih kosong" in r.text and "spbe load" in r.text


# --- the YASGUI page ------------------------------------------------------------------------------


def _config(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="spbe-sparql-config">(.*?)</script>', html, re.S)
    assert m, "no configuration block in the page"
    return json.loads(m.group(1))


def test_yasgui_page_configuration(client):
    r = client.get("/query", headers={"Accept-Language": "id"})
    assert r.status_code == 200
    cfg = _config(r.text)
    assert cfg["endpoint"] == "/sparql"
    assert cfg["prefixes"] == PREFIXES
    names = [t["name"] for t in cfg["tabs"]]
    assert names[0] == "mulai"
    assert names[1:] == [t.name for t in ui_queries.query_tabs("id")[1:]]
    start = cfg["tabs"][0]["query"]
    for p, iri in PREFIXES.items():
        assert f"PREFIX {p}: <{iri}>" in start
    # every asset comes from this service
    assert re.findall(r'(?:src|href)="(https?:)?//', r.text) == []
    assert "/static/vendor/yasgui.min.js" in r.text and "/static/js/sparql-ui.js" in r.text


def test_named_query_tabs_match_the_catalogue():
    from spbe_kg.queries.catalog import list_queries

    qs = list_queries()
    assert qs, "queries/ has no named queries"
    tabs = ui_queries.query_tabs("en")[1:]
    assert [t.name for t in tabs] == [q.name for q in qs]
    assert [t.title for t in tabs] == [q.title_en for q in qs]
    # parameters come bound to their defaults, in a VALUES block the user can edit
    with_params = [(t, q) for t, q in zip(tabs, qs) if q.params]
    assert with_params
    for t, q in with_params:
        assert t.query.endswith(q.bind()) and "VALUES (" in t.query


def test_every_tab_query_parses_with_its_prefixes(loaded):
    _, store, _ = loaded
    for lang in ("id", "en"):
        for tab in ui_queries.query_tabs(lang):
            store.query(tab.query, timeout_s=10)  # raises StoreSyntaxError on an undeclared prefix


def test_start_query_finds_the_loaded_applications(loaded):
    _, store, _ = loaded
    names = sorted(r["nama"].value for r in store.query(ui_queries.start_query("id")))
    assert names == ["SIMPEG", "Sistem Antrian Online", "Sistem Informasi Puskesmas"]


def test_tab_parameter_selects_by_name(client):
    cfg = _config(client.get("/query?tab=mulai&lang=en").text)
    assert cfg["select"] == "Start"
    assert _config(client.get("/query?tab=no-such-query").text)["select"] is None


def test_config_cannot_close_the_script_element(client, monkeypatch):
    evil = ui_queries.QueryTab("evil", "</script><script>alert(1)</script>", "SELECT * { ?s ?p '</script>' }")
    monkeypatch.setattr(ui_queries, "_catalog_queries", lambda lang: [evil])
    html = client.get("/query").text
    assert "<script>alert(1)" not in html
    assert _config(html)["tabs"][1]["title"] == evil.title


def test_page_says_how_to_get_yasgui_when_it_is_not_built(client, monkeypatch):
    monkeypatch.setattr(ui_render, "VENDOR_FILES", ("vendor/not-built-yet.min.js",))
    r = client.get("/query", headers={"Accept-Language": "id"})
    assert r.status_code == 200
    assert "make ui" in r.text and "yasgui.min.js" in r.text
    assert not re.search(r"(src|href)=\"/static/vendor/", r.text)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("SELECT * { ?a a spbe:Aplikasi }", ["spbe"]),
        ("PREFIX spbe: <x:y#>\nSELECT * { ?a a spbe:Aplikasi }", []),
        ("SELECT * { ?a rdfs:label 'skos:x' ; <http://e/ref:y> ?z } # dcat:x", ["rdfs"]),
        ("SELECT ?spbe: { }", []),
        ("SELECT * { ?a a spbe:X ; dcterms:title ?t }", ["spbe", "dcterms"]),
    ],
)
def test_with_prefixes_adds_only_what_is_used(query, expected):
    out = ui_queries.with_prefixes(query)
    added = re.findall(r"^PREFIX (\w+):", out[: len(out) - len(query)], re.M)
    assert sorted(added) == sorted(expected)


# --- static files ---------------------------------------------------------------------------------


def test_static_files_revalidate_and_stay_inside_the_folder(client):
    r = client.get("/static/css/spbe.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    again = client.get("/static/css/spbe.css", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304
    for bad in ("/static/../routes/ui.py", "/static/%2e%2e/routes/ui.py", "/static/..%2fapp.py", "/static/css"):
        assert client.get(bad).status_code == 404, bad


def test_asset_urls_carry_a_content_token(client):
    html = client.get("/").text
    assert re.search(r'/static/css/spbe\.css\?v=[0-9a-f]{10}"', html)


# --- the message catalogue ------------------------------------------------------------------------


def test_every_message_is_bilingual_and_every_used_key_exists():
    msgs = ui_render.messages()
    for key, entry in msgs.items():
        assert set(entry) == {"id", "en"} and all(entry.values()), key
    used = set()
    code = [Path(m.__file__) for m in (ui, ui_queries, ui_render, ui_summary, ontology_page, resource_page)]
    for f in list(ui_render.TEMPLATES_DIR.glob("*.html")) + code:
        used |= set(re.findall(r"""\bt(?:ranslate)?\(\s*["'](\w+)["']""", f.read_text(encoding="utf-8")))
    used |= {k for k, _ in ui_render.NAV} | set(ui_summary._SHOWN)
    used |= {f"validate_{k}" for k in ui.VALIDATE_TEXT_KEYS}
    assert used - set(msgs) == set()


# --- ontology ------------------------------------------------------------------------------------


def test_ontology_turtle_is_the_bundled_ontology(client):
    import pyoxigraph as ox

    r = client.get("/ontology.ttl")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    triples = {(q.subject.value, q.predicate.value, q.object.value) for q in ox.parse(r.content, format=ox.RdfFormat.TURTLE)}
    assert (PREFIXES["spbe"] + "Aplikasi", PREFIXES["rdf"] + "type", PREFIXES["owl"] + "Class") in triples


def test_ontology_page_lists_every_class_and_property(client):
    import pyoxigraph as ox

    g = ox.Store()
    g.load(ontology_page.ontology_turtle(), format=ox.RdfFormat.TURTLE)
    classes = {r["c"].value.split("#")[1] for r in g.query(
        "SELECT ?c { ?c a <http://www.w3.org/2002/07/owl#Class> FILTER STRSTARTS(STR(?c), 'https://w3id.org/spbe/ontology#') }")}
    props = {r["p"].value.split("#")[1] for r in g.query(
        "SELECT ?p { VALUES ?k { <http://www.w3.org/2002/07/owl#ObjectProperty> <http://www.w3.org/2002/07/owl#DatatypeProperty> "
        "<http://www.w3.org/2002/07/owl#AnnotationProperty> } ?p a ?k FILTER STRSTARTS(STR(?p), 'https://w3id.org/spbe/ontology#') }")}
    assert "Aplikasi" in classes and "opdPengelola" in props
    html_id = client.get("/ontology.html?lang=id").text
    anchors = set(re.findall(r'id="(\w+)"', html_id))
    assert classes <= anchors and props <= anchors
    assert "Aplikasi SPBE" in html_id and "OPD pengelola" in html_id
    html_en = client.get("/ontology.html?lang=en").text
    assert "SPBE application" in html_en and "managing unit" in html_en
    # domain and range link to the class on the same page
    row = re.search(r'<tr id="opdPengelola">.*?</tr>', html_en, re.S).group(0)
    assert 'href="#Aplikasi"' in row and 'href="#UnitKerja"' in row


# --- validation form -----------------------------------------------------------------------------


def test_validate_form_posts_a_file_to_the_validation_endpoint(client):
    r = client.get("/validate", headers={"Accept-Language": "id"})
    assert r.status_code == 200
    html = r.text
    assert re.search(r'<form[^>]+method="post"[^>]+enctype="multipart/form-data"', html)
    assert 'action="/validate?format=text&amp;lang=id"' in html
    assert 'name="file"' in html and 'name="instansi"' in html
    assert "tidak tersedia" not in html  # POST /validate is part of this app
    text = json.loads(re.search(r'id="validate-text">(.*?)</script>', html, re.S).group(1))
    assert set(text) == set(ui.VALIDATE_TEXT_KEYS)


def test_the_form_fields_are_the_ones_the_endpoint_reads(client):
    bad = "pemda,opd_pengelola,nama_aplikasi,kode_ral\nKab. Madiun,Dinas Kesehatan,SIMPUS,RAL.99.99\n"
    r = client.post("/validate?format=json&lang=en", files={"file": ("inv.csv", bad.encode(), "text/csv")},
                    data={"instansi": "Pemerintah Kabupaten Madiun"})
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["conforms"] is False
    assert any(x["location"]["column"] == "D" and x["location"]["row"] == 2 for x in report["results"])


def test_has_route_sees_through_included_routers(client):
    assert ui.has_route(client.app, "/validate", "POST")
    assert ui.has_route(client.app, "/", "GET")
    assert not ui.has_route(client.app, "/validate", "DELETE")
    assert not ui.has_route(client.app, "/no-such-page", "GET")


def test_module_examples_hold():
    import doctest

    for mod in (ui_render, ui_queries, ontology_page, resource_page):
        failed, tried = doctest.testmod(mod)
        assert tried and not failed, mod.__name__


def test_a_broken_catalogue_leaves_the_start_tab(client, monkeypatch, caplog):
    def broken(lang):
        raise ValueError("queries/x.rq: header lacks id")

    monkeypatch.setattr(ui_queries, "_catalog_queries", broken)
    r = client.get("/query")
    assert r.status_code == 200
    assert [t["name"] for t in _config(r.text)["tabs"]] == ["mulai"]
    assert "named queries could not be read" in caplog.text


# --- resource pages ------------------------------------------------------------------------------


def test_resource_page_shows_the_record_its_source_row_and_links(client, loaded):
    _, _, result = loaded
    app = next(r for r in result.rows if r.status == "loaded" and r.row == 2).resource
    r = client.get("/resource", params={"iri": app, "lang": "en"})
    assert r.status_code == 200
    html = r.text
    assert "<h1>Sistem Informasi Puskesmas</h1>" in html
    assert "Recorded in file inventaris-madiun.csv, sheet -, row 2." in html
    opd = re.search(r'href="/resource\?iri=([^"]+)"[^>]*>Dinas Kesehatan<', html)
    assert opd, "the managing unit links to its own page"
    back = client.get("/resource?lang=en&iri=" + opd.group(1)).text
    incoming = re.search(r'<table class="props" id="in">.*?</table>', back, re.S).group(0)
    assert "Sistem Informasi Puskesmas" in incoming  # the unit's page lists the application that points to it
    assert 'href="/ontology.html#opdPengelola"' in html  # properties link to the ontology page


@pytest.mark.parametrize("iri", ["", "not an iri", "http://x/> } DROP ALL #", "<http://x/>"])
def test_resource_page_refuses_what_is_not_an_iri(client, iri):
    r = client.get("/resource", params={"iri": iri, "lang": "id"})
    assert r.status_code == 400
    assert "harus berupa IRI lengkap" in r.text


def test_resource_page_for_an_unknown_iri(client):
    r = client.get("/resource", params={"iri": "https://example.org/tidak-ada", "lang": "en"})
    assert r.status_code == 404
    assert "The store holds nothing about https://example.org/tidak-ada" in r.text
    assert 'href="https://example.org/tidak-ada"' in r.text
    r = client.get("/resource", params={"iri": "javascript:alert(1)"})
    assert r.status_code == 404 and 'href="javascript:' not in r.text


def test_every_page_is_well_formed_html(client, loaded):
    import html5lib

    _, _, result = loaded
    app = next(r.resource for r in result.rows if r.status == "loaded")
    for path in ("/", "/?lang=en", "/query", "/query?lang=en", "/validate", "/ontology.html",
                 "/resource?iri=" + app, "/resource?iri=x", "/resource?iri=https://example.org/x"):
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        parser.parse(client.get(path).text)  # raises ParseError at the first mistake


def test_resource_page_shows_each_statement_once_with_its_graph(loaded):
    import pyoxigraph as ox

    settings, _, _ = loaded
    store = EmbeddedStore(None)
    s, p = ox.NamedNode("https://example.org/app"), ox.NamedNode(PREFIXES["spbe"] + "nama")
    g = ox.NamedNode("https://example.org/graph/berkas-a")
    store.add_quads([
        ox.Quad(s, p, ox.Literal("Aplikasi A"), g),
        ox.Quad(s, p, ox.Literal("Aplikasi A"), ox.DefaultGraph()),  # also in the default graph
        ox.Quad(s, ox.NamedNode(PREFIXES["spbe"] + "deskripsi"), ox.Literal("hanya di default graph"), ox.DefaultGraph()),
    ])
    with TestClient(create_app(settings, store=store)) as c:
        html = c.get("/resource", params={"iri": s.value}).text
    table = re.search(r'<table class="props" id="out">.*?</table>', html, re.S).group(0)
    assert table.count("Aplikasi A") == 1 and "berkas-a" in table
    assert "hanya di default graph" in table


def test_pages_over_a_remote_store(oxigraph_url, tmp_path):
    """The same pages over a real Oxigraph server (union default graph), shared by the session: our
    data gets its own base IRI, so the assertions only look at what this test loaded."""
    import uuid

    from spbe_kg.service.store.remote import RemoteStore

    settings = Settings(store="memory", lang="en", base_iri=f"https://example.org/ui-{uuid.uuid4().hex}/",
                        ui_summary_cache_s=0)
    f = tmp_path / "inventaris-jauh.csv"
    f.write_text(INVENTORY, encoding="utf-8")
    result = convert_files([f], settings=settings)
    store = RemoteStore(oxigraph_url + "/query", oxigraph_url + "/update", oxigraph_url + "/store")
    try:
        load_into_store(store, result, settings=settings)
        app = next(r.resource for r in result.rows if r.row == 2)
        with TestClient(create_app(settings, store=store)) as c:
            home = c.get("/").text
            assert "cannot be read" not in home
            files = re.search(r'<table class="files".*?</table>', home, re.S).group(0)
            assert "inventaris-jauh.csv" in files
            page = c.get("/resource", params={"iri": app}).text
        assert "<h1>Sistem Informasi Puskesmas</h1>" in page
        assert "Recorded in file inventaris-jauh.csv, sheet -, row 2." in page
        table = re.search(r'<table class="props" id="out">.*?</table>', page, re.S).group(0)
        assert table.count(">Rekam medis puskesmas<") == 1  # the union default graph adds no second copy
    finally:
        store.update("".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in result.graphs).rstrip(" ;\n"))
        store.close()
