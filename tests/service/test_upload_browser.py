"""Issue 11 in real headless Chromium against a real uvicorn on 127.0.0.1: the upload page (pick files, see
the cells to fix, send with the token), the completeness dashboard, and one site (every page shares the
navigation, the language toggle and the style; a browser sending only en-US gets Bahasa Indonesia).

Screenshots are kept under ``$SPBE_TEST_ARTIFACTS`` (default ``test-artifacts/``, git-ignored).
"""

from __future__ import annotations

import re
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
import uvicorn

from spbe_kg.loaders.api import convert_files, load_into_store
from spbe_kg.service.app import create_app
from spbe_kg.service.routes.ui_render import NAV
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings
from tests.support import TOKEN

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
HEADER = "pemda,opd_pengelola,nama_aplikasi,deskripsi,url,kode_ral\n"
KARO_1 = ("Kab. Karo,BKPSDM,SIMPEG Karo,Kepegawaian daerah,https://simpeg.karokab.go.id,RAL.02.04.03\n"
          "Kab. Karo,Dinas Kominfo,e-Office Karo,Surat menyurat elektronik,https://eoffice.karokab.go.id,RAL.02.09.01\n")
KARO_2 = ("Kab. Karo,Dinas Kominfo,e-Office Karo,Naskah dinas elektronik,https://eoffice.karokab.go.id,RAL.02.09.01\n"
          "Kab. Karo,BAPPEDA,SIPD Karo,Perencanaan,https://sipd.karokab.go.id,RAL.02.01.01\n")
FULL = "pemda,opd_pengelola,nama_aplikasi,deskripsi,url,kode_ral,jenis_aplikasi,status\n"
GOOD = ("Kab. Langkat,Dinas Kominfo,e-Office Langkat,Naskah dinas elektronik,https://eoffice.langkatkab.go.id,"
        "RAL.02.01.01,Aplikasi Khusus,aktif\n")
BAD = "Kab. Langkat,Dinas Kesehatan,SIMPUS Langkat,Puskesmas,https://simpus.langkatkab.go.id,RAL.99.99,Aplikasi Khusus,aktif\n"


def _load(store, d: Path, name: str, rows: str, when: str) -> None:
    settings = Settings(store="memory", loaded_at=when)
    f = d / name
    f.write_text(HEADER + rows, encoding="utf-8")
    load_into_store(store, convert_files([f], settings=settings, partial=True), settings=settings)


@pytest.fixture(scope="module")
def site():
    tmp = Path(tempfile.mkdtemp(prefix="upload-browser-"))
    store = EmbeddedStore(None)
    _load(store, tmp, "inventaris_karo.csv", KARO_1, "2026-01-10T08:00:00Z")
    _load(store, tmp, "inventaris_karo.csv", KARO_2, "2026-02-01T09:30:00Z")
    settings = Settings(store="memory", lang="id", write_token=TOKEN, enable_updates=True)
    app = create_app(settings, store=store)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", store, tmp
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: apt-get install chromium (make test does it)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, site):
    """A tab whose browser says it prefers English (en-US), recording requests and script errors."""
    base = site[0]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US",
                              extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    pg = ctx.new_page()
    seen: list[str] = []
    errors: list[str] = []
    ctx.on("request", lambda r: seen.append(r.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" and "Content Security Policy" in m.text else None)
    yield pg
    ctx.close()
    foreign = [u for u in seen if urlparse(u).scheme not in ("data", "blob") and not u.startswith(base + "/")]
    assert foreign == [], f"the page asked other hosts: {foreign}"
    assert errors == []


def _files(tmp: Path) -> tuple[Path, Path]:
    good, bad = tmp / "inventaris_langkat.csv", tmp / "inventaris_langkat_kesehatan.csv"
    good.write_text(FULL + GOOD, encoding="utf-8")
    bad.write_text(FULL + BAD, encoding="utf-8")
    return good, bad


def test_upload_check_names_the_cells_to_fix(page, site, tmp_path, artifacts_dir):
    base = site[0]
    good, bad = _files(tmp_path)
    page.goto(base + "/unggah")
    assert page.get_attribute("html", "lang") == "id"  # en-US alone does not switch the page
    assert page.locator("#send").is_disabled()
    page.set_input_files("#file", [str(good), str(bad)])
    page.click("#check")
    page.locator("#check-result section.filecheck").nth(1).wait_for(timeout=60_000)
    sections = page.locator("#check-result section.filecheck")
    assert sections.count() == 2
    verdicts = {sections.nth(i).locator("h3").inner_text(): sections.nth(i).locator(".alert").get_attribute("data-conforms")
                for i in range(2)}
    assert verdicts == {"inventaris_langkat.csv": "true", "inventaris_langkat_kesehatan.csv": "false"}
    rows = page.locator("#check-result table.findings tbody tr").all_inner_texts()
    assert any("inventaris_langkat_kesehatan.csv" in r and "baris 2" in r and "kolom F" in r and "Pelanggaran" in r
               for r in rows), rows
    assert page.get_attribute("#check-result", "data-conforms") == "false"
    assert page.locator("#send").is_disabled()  # violations and no "partial": nothing to send yet
    page.screenshot(path=str(artifacts_dir / "upload-check.png"), full_page=True)


def test_upload_page_in_english_on_request(page, site, tmp_path):
    base = site[0]
    _, bad = _files(tmp_path)
    page.goto(base + "/unggah")
    page.click(".lang a[hreflang=en]")
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.get_attribute("html", "lang") == "en"
    page.set_input_files("#file", str(bad))
    page.click("#check")
    page.locator("#check-result table.findings").wait_for(timeout=60_000)
    rows = page.locator("#check-result table.findings tbody tr").all_inner_texts()
    assert any("row 2" in r and "column F" in r and "Violation" in r for r in rows), rows
    page.goto(base + "/kelengkapan")  # the choice is remembered
    assert page.get_attribute("html", "lang") == "en"


def test_completeness_dashboard(page, site, artifacts_dir):
    base = site[0]
    page.goto(base + "/kelengkapan")
    assert page.get_attribute("html", "lang") == "id"
    karo = page.locator("#kabkota tr[data-iri$='pemerintah-kabupaten-karo']")
    assert "Sudah mengirim" in karo.inner_text() and "2026-02-01 09:30 UTC" in karo.inner_text()
    karo.locator("details summary").click()
    details = karo.locator("details").inner_text()
    assert "Ditambah: SIPD Karo" in details and "Dihapus: SIMPEG Karo" in details and "Diubah: e-Office Karo" in details
    nias = page.locator("#kabkota tr[data-iri$='pemerintah-kabupaten-nias']")
    assert "Belum mengirim" in nias.inner_text()
    assert page.locator("#kabkota tbody tr").count() == 33
    page.screenshot(path=str(artifacts_dir / "completeness.png"), full_page=True)


PAGES = ["/", "/unggah", "/kelengkapan", "/validate", "/rules", "/duplicates", "/roadmap", "/roadmap/views",
         "/ontology.html", "/sparql", "/resource?iri=https://w3id.org/spbe/id/instansi/pemerintah-kabupaten-karo"]


def test_every_page_shares_the_navigation_the_toggle_and_the_style(page, site, artifacts_dir):
    base = site[0]
    expected = [path for _, path in NAV]
    for path in PAGES:
        page.goto(base + path)
        bar = page.locator("header.topbar")
        assert bar.count() == 1, path
        hrefs = [urlparse(h).path for h in bar.locator("nav a").evaluate_all("els => els.map(e => e.href)")]
        assert hrefs == expected, path
        assert bar.locator(".lang a[hreflang=en]").count() == 1, path
        assert page.get_attribute("html", "lang") == "id", path
        colour = bar.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(8, 63, 84)", (path, colour)  # the site stylesheet's --brand-dark
    page.goto(base + "/rules")
    assert "{?value}" not in page.content() and page.locator("var.ph").count() > 0
    page.screenshot(path=str(artifacts_dir / "rules.png"), full_page=True)
    page.goto(base + "/duplicates")
    page.screenshot(path=str(artifacts_dir / "duplicates.png"))
    page.goto(base + "/unggah")
    page.screenshot(path=str(artifacts_dir / "upload.png"), full_page=True)


def test_upload_sends_with_the_token_and_the_dashboard_shows_it(page, site, tmp_path, artifacts_dir):
    base = site[0]
    good, _ = _files(tmp_path)
    page.goto(base + "/unggah")
    page.set_input_files("#file", str(good))
    page.click("#check")
    page.locator("#check-result section.filecheck").wait_for(timeout=60_000)
    assert page.get_attribute("#check-result", "data-conforms") == "true"
    # a wrong token: refused with the server's reason, nothing loaded
    page.fill("#token", "not-the-token")
    page.click("#send")
    page.locator("#load-result .alert.error").wait_for(timeout=60_000)
    assert page.locator("#load-result .alert.error").inner_text().strip()  # the server's reason, shown
    assert _langkat(base)["applications"] == 0  # nothing changed
    page.goto(base + "/unggah")
    page.set_input_files("#file", str(good))
    page.click("#check")
    page.locator("#check-result section.filecheck").wait_for(timeout=60_000)
    page.fill("#token", TOKEN)
    page.click("#send")
    page.locator("#load-done, #load-result .alert.error").wait_for(timeout=120_000)
    assert page.locator("#load-done").count() == 1, page.locator("#load-result").inner_text()
    page.screenshot(path=str(artifacts_dir / "upload-sent.png"), full_page=True)
    assert page.evaluate("() => [document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)]") \
        == ["", "{}", "{}"]  # the token is kept nowhere
    assert _langkat(base)["applications"] == 1
    page.goto(base + "/kelengkapan")
    langkat = page.locator("#kabkota tr[data-iri$='pemerintah-kabupaten-langkat']")
    assert "Sudah mengirim" in langkat.inner_text()


def _langkat(base: str) -> dict:
    data = httpx.get(base + "/kelengkapan.json", timeout=120).json()
    return next(e for e in data["kabupatenKota"] if e["name"] == "Pemerintah Kabupaten Langkat")
