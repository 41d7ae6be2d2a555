"""A resource page in real headless Chromium: the page of an application at its own IRI path, and its
"query this in YASGUI" link, which opens the query page with the resource's query ready and runnable."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse, urlsplit

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
VENDOR = Path(__file__).resolve().parents[2] / "service" / "static" / "vendor" / "yasgui.min.js"


def test_yasgui_link_opens_the_resource_query_and_runs_it(kab, artifacts_dir):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: apt-get install chromium (make test does it)"
    assert VENDOR.is_file(), "YASGUI is missing: make ui (or copy service/static/vendor)"
    app = kab.iris["application"]
    seen: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            ctx = b.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
            ctx.on("request", lambda r: seen.append(r.url))
            page = ctx.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(kab.url + urlsplit(app).path)
            assert page.inner_text("h1") == "E-Kinerja"
            page.click("#yasgui-link")
            page.wait_for_selector(".yasqe .CodeMirror")
            query = page.evaluate("spbeYasgui.getTab().getYasqe().getValue()")
            assert f"<{app}>" in query
            page.click(".yasqe_queryButton")
            page.wait_for_selector(".yasr .dataTable tbody tr")
            table = page.inner_text(".yasr .dataTable")
            assert "E-Kinerja" in table
            page.screenshot(path=str(artifacts_dir / "resource-yasgui.png"))
        finally:
            b.close()
    foreign = [u for u in seen if urlparse(u).scheme not in ("data", "blob") and not u.startswith(kab.url + "/")]
    assert foreign == [] and errors == []
