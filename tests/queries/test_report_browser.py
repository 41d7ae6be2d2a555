"""The HTML duplicate report in real headless Chromium: it renders offline, the filters work; screenshot kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from spbe_kg.queries.duplicates import analyse
from spbe_kg.queries.heatmap import fetch_heatmap
from spbe_kg.queries.report_html import render_html
from spbe_kg.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.mark.browser
def test_report_filters_in_chromium(sumut_store, tmp_path):
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Chromium is installed by `make system-deps` (apt-get install chromium)"
    report = analyse(sumut_store, Settings())
    html = render_html(report, fetch_heatmap(sumut_store), "id")
    page_file = tmp_path / "duplikasi.html"
    page_file.write_text(html, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS[1:],
                                     headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_file.as_uri())
        total = page.locator("section.cluster").count()
        assert total == len(report.clusters) > 0
        assert page.locator("#heat tbody tr").count() > 5
        assert page.locator("#shown").inner_text().startswith(f"{total} / {total}")
        page.screenshot(path=str(ARTIFACTS / "duplicates-report.png"), full_page=False)
        # filter by one pemda: fewer clusters, each of them involves that pemda
        page.select_option("#f-pemda", "Pemerintah Kabupaten Karo")
        visible = page.locator("section.cluster:not(.hidden)")
        n = visible.count()
        assert 0 < n < total
        for i in range(n):
            assert "Pemerintah Kabupaten Karo" in visible.nth(i).get_attribute("data-pemda").split("|")
        page.screenshot(path=str(ARTIFACTS / "duplicates-report-karo.png"), full_page=False)
        heat_cols = page.locator("#heat thead th[data-col]:not(.hidden)")
        assert heat_cols.count() == 1 and heat_cols.first.get_attribute("data-col") == "Pemerintah Kabupaten Karo"
        # then by service code (level 2 prefix): only clusters touching that code, heatmap rows narrowed
        page.select_option("#f-kode", "RAL.02.04.06")
        m = page.locator("section.cluster:not(.hidden)").count()
        assert 0 < m <= n
        assert page.locator("#heat tbody tr:not(.hidden)").count() == 1
        # a search with no match says so
        page.fill("#f-text", "zzz-tidak-ada")
        assert page.locator("section.cluster:not(.hidden)").count() == 0
        assert page.locator("#none").is_visible()
        browser.close()
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests
