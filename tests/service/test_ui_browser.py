"""The query UI and the home page in real headless Chromium, against a real uvicorn on 127.0.0.1.

The store holds the example inventory (examples/sumut/*, through the real loader); the browser must
run a query and show its rows, and must never ask any host but the service for anything. Screenshots
are kept under test-artifacts/.
"""

from __future__ import annotations

import socket
import tempfile
import textwrap
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
import uvicorn

from spbe_kg.loaders.api import convert_files, load_into_store
from spbe_kg.service.app import create_app
from spbe_kg.service.routes import ui_queries
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real Chromium per test: seconds each

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "sumut"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# Used only while examples/sumut/ is not in the checkout: a small csv in the database-export layout.
FALLBACK_CSV = textwrap.dedent(
    """\
    pemda,opd_pengelola,nama_aplikasi,nama_singkat,deskripsi,url,status
    Provinsi Sumatera Utara,Dinas Kesehatan,Sistem Informasi Rumah Sakit,SIMRS,Rekam medis rumah sakit daerah,https://simrs.sumutprov.go.id,aktif
    Provinsi Sumatera Utara,Badan Kepegawaian Daerah,SIMPEG Sumut,SIMPEG,Data kepegawaian,https://simpeg.sumutprov.go.id,aktif
    Provinsi Sumatera Utara,Dinas Komunikasi dan Informatika,Portal Open Data,,Portal data terbuka,https://data.sumutprov.go.id,aktif
    Kota Medan,Dinas Kesehatan,SIMPUS Medan,SIMPUS,Sistem informasi puskesmas,https://simpus.pemkomedan.go.id,aktif
    """
)


# Answer keys of the example (what is duplicated, which errors were planted), not inventories: the
# Makefile's store target leaves them out too.
NOT_INVENTORY = {"duplikat_kebenaran.csv", "masalah_tertanam.csv"}


def _inventory_files(tmp: Path) -> list[Path]:
    files = [f for f in sorted(EXAMPLES.glob("*.xlsx")) + sorted(EXAMPLES.glob("*.csv")) if f.name not in NOT_INVENTORY]
    if files:
        return files
    f = tmp / "inventaris-contoh.csv"
    f.write_text(FALLBACK_CSV, encoding="utf-8")
    return [f]


@pytest.fixture(scope="module")
def site():
    """A real uvicorn serving the whole app over a store with the example inventory; yields (base_url, store)."""
    tmp = Path(tempfile.mkdtemp(prefix="ui-browser-"))
    settings = Settings(store="memory", lang="id", data_dir=tmp / "store")
    store = EmbeddedStore(None)
    result = convert_files(_inventory_files(tmp), settings=settings, partial=True)
    load_into_store(store, result, settings=settings)
    app = create_app(settings, store=store)

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", store
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: apt-get install chromium (make test does it)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)  # fresh profile dir
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, site):
    """A tab in a fresh context (no cookies, no stored YASGUI state) that records requests and script errors."""
    base, _ = site
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    pg = ctx.new_page()
    requests_seen: list[str] = []
    script_errors: list[str] = []
    ctx.on("request", lambda r: requests_seen.append(r.url))  # every tab of the context, popups too
    pg.on("pageerror", lambda e: script_errors.append(str(e)))
    yield pg
    ctx.close()
    foreign = [u for u in requests_seen if urlparse(u).scheme not in ("data", "blob") and not u.startswith(base + "/")]
    assert foreign == [], f"the page asked other hosts: {foreign}"
    assert script_errors == []


def _column(page, header: str) -> list[str]:
    """The shown cells of the result column with that header."""
    headers = [h.strip() for h in page.locator(".yasr .dataTable thead th").all_inner_texts()]
    i = headers.index(header) + 1
    return page.locator(f".yasr .dataTable tbody tr td:nth-child({i})").all_inner_texts()


def _expected_rows(store) -> list[str]:
    return [r["nama"].value for r in store.query(ui_queries.start_query("id"))]


def test_query_page_runs_a_query_and_shows_rows(page, site, artifacts_dir):
    base, store = site
    expected = _expected_rows(store)
    assert expected, "the example store has no applications"

    page.goto(base + "/sparql")
    page.wait_for_selector(".yasqe .CodeMirror")
    tabs = page.locator(".tabsList .tab a span").all_inner_texts()
    assert tabs == [t.title for t in ui_queries.query_tabs("id")], "every named query is a ready tab, start tab first"
    endpoint = page.evaluate("spbeYasgui.getTab().getEndpoint()")
    assert endpoint == base + "/sparql"

    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr .dataTable tbody tr")
    shown = page.locator(".yasr .dataTable tbody tr")
    assert shown.count() == min(len(expected), 50)  # YASR's default page size is 50
    assert f"{len(expected)} result" in page.inner_text(".yasr_response_chip, .yasr_header")
    table = page.inner_text(".yasr .dataTable")
    assert expected[0] in table
    iris = _column(page, "aplikasi")
    assert len(set(iris)) == len(iris), "each application once"
    assert all(i.startswith("id:aplikasi/") for i in iris)  # data IRIs shown short, "Simple view"
    assert set(_column(page, "nama")) <= set(expected)  # plain names, no quotes or datatypes
    page.screenshot(path=str(artifacts_dir / "ui-sparql.png"), full_page=True)


def test_named_query_tab_opens_and_runs(page, site, artifacts_dir):
    base, _ = site
    named = ui_queries.query_tabs("id")[1:]
    if not named:
        pytest.fail("the query catalogue is empty; the page must offer every query in queries/ as a tab")
    q = named[0]
    page.goto(f"{base}/sparql?tab={q.name}")
    page.wait_for_selector(".yasqe .CodeMirror")
    assert page.inner_text(".tabsList .tab.active a span") == q.title
    assert page.get_attribute(".tabsList .tab.active a", "title") == q.title  # the whole title on hover
    assert page.evaluate("spbeYasgui.getTab().getQuery()") == q.query
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr .yasr_response_chip, .yasr .errorResult", timeout=20_000)
    assert page.locator(".yasr .errorResult").count() == 0, page.inner_text(".yasr")
    page.screenshot(path=str(artifacts_dir / "ui-sparql-named.png"), full_page=True)


def test_completion_offers_our_prefixes_and_ontology_terms(page, site):
    base, _ = site
    page.goto(base + "/sparql", wait_until="networkidle")  # the term completers have fetched their lists
    page.wait_for_selector(".yasqe .CodeMirror")
    page.evaluate("spbeYasgui.getTab().getYasqe().setValue('')")
    page.click(".yasqe .CodeMirror-code")
    page.keyboard.type("PREFIX re")
    page.wait_for_selector(".CodeMirror-hints")
    hints = page.inner_text(".CodeMirror-hints").splitlines()
    # ours, not YASGUI's bundled "ref: <http://purl.org/vocab/relationship/>"
    assert "ref: <https://w3id.org/spbe/ref/>" in hints
    assert [h for h in hints if h.startswith("ref:")] == ["ref: <https://w3id.org/spbe/ref/>"]
    page.keyboard.press("Escape")
    page.evaluate("spbeYasgui.getTab().getYasqe().setValue('PREFIX spbe: <https://w3id.org/spbe/ontology#>\\n')")
    page.evaluate("spbeYasgui.getTab().getYasqe().setCursor({line: 1, ch: 0})")
    page.keyboard.type("SELECT * { ?a a spbe:Aplikasi")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints")
    classes = page.inner_text(".CodeMirror-hints").splitlines()
    assert "spbe:AplikasiKhusus" in classes and "spbe:AplikasiUmum" in classes


def test_home_page_links_lead_somewhere(page, site, artifacts_dir):
    base, _ = site
    page.goto(base + "/")
    page.wait_for_selector(".cards")
    page.screenshot(path=str(artifacts_dir / "ui-home.png"), full_page=True)
    hrefs = page.eval_on_selector_all(".cards a[href]", "els => els.map(e => e.getAttribute('href'))")
    paths = {h.split("?")[0] for h in hrefs}
    assert {"/sparql", "/ontology.html", "/ontology.ttl", "/duplicates", "/validate", "/rules", "/health"} <= paths
    broken = {}
    for href in hrefs:
        resp = page.goto(base + href)
        if resp is None or resp.status >= 400:
            broken[href] = resp.status if resp else None
    assert broken == {}, f"home-page links that do not work: {broken}"


def test_language_switch_in_the_browser(page, site):
    base, _ = site
    page.goto(base + "/")
    assert page.get_attribute("html", "lang") == "id"
    with page.expect_navigation():
        page.click(".lang a[hreflang=en]")
    assert page.get_attribute("html", "lang") == "en"
    assert "Duplicate report" in page.inner_text(".cards")
    with page.expect_navigation():
        page.click("#card-duplicates")  # another engineer's page follows the choice too
    assert page.get_attribute("html", "lang") == "en"
    page.goto(base + "/sparql")  # the choice is remembered
    page.wait_for_selector(".yasqe .CodeMirror")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator(".tabsList .tab a span").first.inner_text() == "Start"


def test_validation_upload_shows_the_cells_to_fix(page, site, tmp_path, artifacts_dir):
    base, _ = site
    f = tmp_path / "inventaris-salah.csv"
    f.write_text("pemda,opd_pengelola,nama_aplikasi,kode_ral\nKab. Madiun,Dinas Kesehatan,SIMPUS,RAL.99.99\n",
                 encoding="utf-8")
    page.goto(base + "/validate")
    page.set_input_files("#file", str(f))
    page.click("#validate-form button.btn")
    page.wait_for_selector("#validate-result table.findings", timeout=30_000)
    assert page.get_attribute("#validate-result .alert", "data-conforms") == "false"
    rows = page.locator("table.findings tbody tr").all_inner_texts()
    assert any("inventaris-salah.csv" in r and "baris 2" in r and "kolom D" in r and "RAL.99.99" in r for r in rows), rows
    page.screenshot(path=str(artifacts_dir / "ui-validate.png"), full_page=True)


def test_a_shared_link_opens_the_query_for_a_colleague(browser, page, site):
    base, _ = site
    page.goto(base + "/sparql")
    page.wait_for_selector(".yasqe .CodeMirror")
    mine = "PREFIX spbe: <https://w3id.org/spbe/ontology#>\nSELECT (COUNT(*) AS ?jumlah) WHERE { ?a a spbe:PerangkatDaerah }"
    page.evaluate("q => { spbeYasgui.getTab().setQuery(q); }", mine)
    link = page.evaluate("spbeYasgui.getTab().getShareableLink()")
    assert link.startswith(base + "/sparql#")  # the query travels in the fragment, never to the server

    other = browser.new_context(locale="en-GB")  # someone else's browser: no stored tabs
    try:
        p2 = other.new_page()
        p2.goto(link)
        p2.wait_for_selector(".yasqe .CodeMirror")
        assert p2.evaluate("spbeYasgui.getTab().getQuery()") == mine
        p2.click(".yasqe_queryButton")
        p2.wait_for_selector(".yasr .dataTable tbody tr")
        assert p2.locator(".yasr .dataTable tbody tr").count() == 1
    finally:
        other.close()


def test_a_result_iri_opens_the_page_about_it(page, site, artifacts_dir):
    base, _ = site
    page.goto(base + "/sparql")
    page.wait_for_selector(".yasqe .CodeMirror")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr_results a.iri")
    first = page.locator(".yasr .dataTable tbody tr").first
    name = _column(page, "nama")[0]
    iri = first.locator("a.iri").first.get_attribute("href")
    link = first.locator("a.iri").first
    link.scroll_into_view_if_needed()
    # YASR cuts long IRIs ("Ellipse"): click where the link is drawn, as a person would.
    x, y, w, h = link.evaluate("a => { const r = [...a.getClientRects()].pop(); return [r.x, r.y, r.width, r.height]; }")
    with page.context.expect_page() as opened:
        page.mouse.click(x + min(4, w / 2), y + h / 2)
    about = opened.value
    about.wait_for_load_state()
    assert about.url == base + "/resource?iri=" + quote(iri, safe="")
    assert about.inner_text("h1") == name
    assert "baris" in about.inner_text("#source")  # where the record came from
    about.screenshot(path=str(artifacts_dir / "ui-resource.png"), full_page=True)


def test_a_closed_named_tab_comes_back_as_shipped_after_a_reload(page, site):
    base, _ = site
    q = ui_queries.query_tabs("id")[1]
    page.goto(f"{base}/sparql?tab={q.name}")
    page.wait_for_selector(".yasqe .CodeMirror >> visible=true")
    page.evaluate("() => { spbeYasgui.getTab().setQuery('SELECT * { ?s ?p ?o } LIMIT 1'); }")
    page.evaluate("() => { spbeYasgui.getTab().close(); }")
    assert q.title not in page.locator(".tabsList .tab a span").all_inner_texts()
    page.goto(f"{base}/sparql?tab={q.name}")
    page.wait_for_selector(".yasqe .CodeMirror >> visible=true")
    assert page.inner_text(".tabsList .tab.active a span") == q.title
    assert page.evaluate("spbeYasgui.getTab().getQuery()") == q.query
