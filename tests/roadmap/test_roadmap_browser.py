"""In real headless Chromium against a real uvicorn: the decision buttons of the duplicate report (token
asked once, kept in sessionStorage, POST with fetch) and the roadmap page (year-by-OPD timeline,
before/after counts, editing a year). Screenshots under test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def browser_page(site):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: apt-get install chromium (make test does it)"
    ARTIFACTS.mkdir(exist_ok=True)
    base = site[0]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        ctx = b.new_context(viewport={"width": 1400, "height": 1000}, locale="id-ID")
        page = ctx.new_page()
        seen: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: seen.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            yield page, seen, errors
        finally:
            b.close()
    assert errors == []
    assert all(u.startswith((base, "data:", "about:")) for u in seen), [u for u in seen if not u.startswith(base)]


def test_report_buttons_record_decisions(site, browser_page, token):
    from spbe_kg.roadmap.decisions import load

    base, store, settings = site
    page, _seen, _ = browser_page
    prompts: list[str] = []

    def on_dialog(d):
        prompts.append(d.message)
        d.accept(token)

    page.on("dialog", on_dialog)
    page.goto(base + "/duplicates", wait_until="networkidle")
    page.fill("#f-text", "simpeg")
    card = page.locator("section.cluster.fungsi:not(.hidden)").first
    cid = card.get_attribute("id")
    card.locator(".d-reason").fill("satu SIASN untuk semua")
    card.locator(".d-confirm").click()
    expect(page.locator(f"[id='{cid}'] .decide .dmsg")).to_have_text(re.compile(r"\S.{1,}"))
    assert "Tersimpan" in card.locator(".decide .dmsg").inner_text()
    assert card.locator(".dstat").inner_text() == "Dikonfirmasi"
    # a second decision in the same tab: the token is not asked again
    member = card.locator("tr[data-iri]").nth(1)
    with page.expect_response(lambda r: r.url.startswith(base + "/decisions") and r.request.method == "POST") as resp:
        member.locator("select.d-disp").select_option("tolerate")
    assert resp.value.status == 201
    expect(page.locator(f"[id='{cid}'] .decide .dmsg")).to_contain_text("Tersimpan")
    assert len(prompts) == 1 and "Token" in prompts[0]
    assert page.evaluate("sessionStorage.getItem('spbe_write_token')") == token
    card.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "roadmap-report-decided.png"), full_page=False)
    kinds = [d.kind for d in load(store, settings)]
    assert kinds == ["konfirmasi-klaster", "ubah-disposisi"]
    # reloaded, the report shows the decision
    page.goto(base + "/duplicates#q=simpeg", wait_until="networkidle")
    assert page.locator(f"#{cid} .dstat").inner_text() == "Dikonfirmasi"
    # a wrong token is refused and forgotten, nothing recorded
    page.evaluate("sessionStorage.setItem('spbe_write_token', 'salah')")
    page.locator(f"#{cid} .d-reject").click()
    expect(page.locator(f"[id='{cid}'] .decide .dmsg")).to_contain_text("403")
    assert page.evaluate("sessionStorage.getItem('spbe_write_token')") is None
    assert len(load(store, settings)) == 2


def test_roadmap_timeline_and_edit(site, browser_page, token):
    import httpx

    base, store, settings = site
    page, _seen, _ = browser_page
    dup = httpx.get(base + "/duplicates?format=json", timeout=60).json()["klaster"]
    auth = {"Authorization": f"Bearer {token}"}
    for c in dup:
        names = " ".join(m["nama"] for m in c["anggota"])
        if c["jenis"] != "satu-aplikasi-banyak-pencatat" and ("SIMPEG" in names or "eOffice" in names):
            assert httpx.post(base + "/decisions", json={"jenis": "konfirmasi-klaster", "klaster": c["id"]},
                              headers=auth, timeout=60).status_code == 201
    page.on("dialog", lambda d: d.accept(token))
    page.goto(base + "/roadmap", wait_until="networkidle")
    chips = page.locator("#timeline .chip")
    assert chips.count() > 10
    assert page.locator("#timeline thead th[data-year]").all_inner_texts() == [str(y) for y in range(2025, 2030)]
    retire = page.locator("#timeline .chip[data-action='hentikan']").first
    assert retire.is_visible()
    year_col = retire.evaluate("e => e.closest('td').dataset.year")
    assert year_col == "2027"
    assert int(page.locator("#n-fewer").inner_text()) > 0
    row = page.locator("#counts tr[data-code='RAL.02.04.03']")
    assert int(row.locator("td.after").inner_text()) < int(row.locator("td.now").inner_text())
    page.screenshot(path=str(ARTIFACTS / "roadmap-timeline.png"), full_page=False)
    page.screenshot(path=str(ARTIFACTS / "roadmap-full.png"), full_page=True)
    # edit one item's year in the page: it becomes an "ubah-rencana" decision and the timeline moves it
    item = retire.get_attribute("data-item")
    tr = page.locator(f"#items tr[data-item='{item}']")
    tr.locator("select.e-year").select_option("2029")
    other = tr.locator("select.e-owner option:not([selected])").first
    new_owner, new_owner_name = other.get_attribute("value"), other.inner_text()
    tr.locator("select.e-owner").select_option(new_owner)
    tr.locator(".e-save").click()
    expect(page.locator(f"#items tr[data-item='{item}'] .msg")).to_have_text(re.compile(r"\S.{1,}"))
    assert "Tersimpan" in tr.locator(".msg").inner_text()
    page.reload(wait_until="networkidle")
    chip = page.locator(f"#timeline .chip[data-item='{item}']")
    assert chip.evaluate("e => e.closest('td').dataset.year") == "2029"
    assert chip.evaluate("e => e.closest('tr').dataset.owner") == new_owner_name
    assert page.locator(f"#items tr[data-item='{item}'] td.owner").inner_text() == new_owner_name
    page.goto(base + "/roadmap/views?lang=en", wait_until="networkidle")
    n_rows = page.locator("section#aplikasi-opd table tbody tr").count()
    if n_rows <= 100:  # seen twice in full runs, never alone: say whether the server or the page lost rows
        from spbe_kg.queries.records import fetch_records

        heading = page.locator("section#aplikasi-opd h2 small").inner_text()
        pytest.fail(f"{n_rows} rows in the page; the server counted {heading}; the store holds "
                    f"{len(fetch_records(store))} records; the page is {len(page.content())} characters")
    page.screenshot(path=str(ARTIFACTS / "roadmap-views.png"), full_page=False)
