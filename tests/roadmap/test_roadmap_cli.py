"""The commands on an on-disk store: spbe decide (exit 0/1/2), spbe decisions list/export (labels in the
evaluation's pair format, mapped back to file and row), spbe roadmap and spbe views in every format."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

from spbe_kg.roadmap.labels import read_pairs
from spbe_kg.service.cli import main


def _clusters(store_dir, capsys):
    assert main(["duplicates", "--store", str(store_dir), "--format", "json", "--no-write"]) == 0
    return json.loads(capsys.readouterr().out)["klaster"]


def test_decide_export_roadmap_views(store_dir, tmp_path, capsys):
    cs = _clusters(store_dir, capsys)
    func = next(c for c in cs if c["jenis"] != "satu-aplikasi-banyak-pencatat" and "SIMPEG" in " ".join(m["nama"] for m in c["anggota"]))
    same = next(c for c in cs if c["jenis"] == "satu-aplikasi-banyak-pencatat" and len(c["anggota"]) == 2)
    s = ["--store", str(store_dir)]
    assert main(["decide", "konfirmasi", func["id"], "--alasan", "migrasi ke SIASN", *s]) == 0
    iri = capsys.readouterr().out.strip()
    assert iri.startswith("https://w3id.org/spbe/id/keputusan/")
    assert main(["decide", "reject", same["id"], "--reason", "two different apps", "--lang", "en", *s]) == 0
    capsys.readouterr()
    # the rejected cluster is gone from the report, the confirmed one carries its status
    cs2 = _clusters(store_dir, capsys)
    assert same["id"] not in {c["id"] for c in cs2}
    assert next(c for c in cs2 if c["id"] == func["id"])["keputusan"]["status"] == "dikonfirmasi"
    # bad input: exit 1, bilingual message, nothing recorded
    assert main(["decide", "confirm", same["id"], "--lang", "en", *s]) == 1
    assert "no longer exists" in capsys.readouterr().err
    assert main(["decide", "disposisi", func["id"], "https://w3id.org/spbe/id/aplikasi/tidak-ada", "migrate", *s]) == 1
    assert "tidak dikenal" in capsys.readouterr().err
    assert main(["decide", "rencana", "r-0", "--tahun", "2050", *s]) == 1
    assert "di luar periode" in capsys.readouterr().err
    assert main(["decide", "konfirmasi", func["id"], "--store", str(tmp_path / "nowhere")]) == 2
    capsys.readouterr()
    assert main(["decisions", "list", "--format", "json", *s]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [d["jenis"] for d in listed] == ["konfirmasi-klaster", "tolak-klaster"]

    # labels: the confirmed cluster's pairs and the rejected pair, by file and row
    out = tmp_path / "labels"
    assert main(["decisions", "export", "-o", str(out), *s]) == 0
    capsys.readouterr()
    pairs = read_pairs(out / "keputusan_pairs.csv")
    n = len(func["anggota"])
    assert len(pairs) == n * (n - 1) // 2 + 1
    key = lambda m: (f"{m['berkas']}[{m['lembar']}]" if m["berkas"].endswith(".xlsx") else m["berkas"], m["baris"])  # noqa: E731
    rows = {key(m) for m in func["anggota"]}
    assert all(a in rows and b in rows for (a, b), lab in pairs.items() if lab != "not")
    assert {lab for lab in pairs.values()} == {"same-job", "same-application", "not"}
    ra, rb = [key(m) for m in same["anggota"]]
    assert pairs[tuple(sorted((ra, rb)))] == "not"
    # the evaluation scores the finder against the exported positives (same file's "same-application" pairs)
    from spbe_kg.queries.evaluate import score

    truth = {((a[1],), (b[1],)) for (a, b), lab in pairs.items() if lab == "same-application" and a[0] == b[0]}
    assert score(truth, truth) == (1.0, 1.0)

    # roadmap in every format
    assert main(["roadmap", *s]) == 0
    table = capsys.readouterr().out
    assert "Migrasi ke Aplikasi Umum" in table and "SIMPEG" in table
    assert main(["roadmap", "--format", "xlsx", *s]) == 2  # xlsx needs -o
    capsys.readouterr()
    assert main(["roadmap", "--format", "xlsx", "-o", str(tmp_path / "pr.xlsx"), "--lang", "en", *s]) == 0
    wb = load_workbook(tmp_path / "pr.xlsx")
    assert wb.sheetnames[0] == "Summary" and len(wb.sheetnames) >= 2
    assert main(["roadmap", "--format", "csv", "--instansi", "Pemerintah Kota Medan", *s]) == 0
    medan = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(medan) > 1 and all("Medan" in r[6] for r in medan[1:])
    assert main(["roadmap", "--instansi", "Pemerintah Kota Atlantis", *s]) == 1
    assert "tidak dikenal" in capsys.readouterr().err
    assert main(["roadmap", "--format", "html", "-o", str(tmp_path / "pr.html"), *s]) == 0
    html = (tmp_path / "pr.html").read_text(encoding="utf-8")
    assert 'id="timeline"' in html and "<script src" not in html and "/static/" not in html
    assert main(["roadmap", "--format", "ttl", "--write", *s]) == 0
    assert "spbe:ButirPetaRencana" in capsys.readouterr().out
    # views
    assert main(["views", "--format", "xlsx", "-o", str(tmp_path / "v.xlsx"), *s]) == 0
    vb = load_workbook(tmp_path / "v.xlsx")
    assert len(vb.sheetnames) == 4 and all(ws.freeze_panes == "A2" for ws in vb.worksheets)
    assert main(["views", "-o", str(tmp_path / "v.html"), "--lang", "en", *s]) == 0
    assert "Application × OPD" in (tmp_path / "v.html").read_text(encoding="utf-8")


def test_help_is_bilingual(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["decide", "--help"])
    out = capsys.readouterr().out
    assert "konfirmasi" in out and "Kode keluar" in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "decide", "--help"])
    out = capsys.readouterr().out
    assert "confirm" in out and "Exit codes" in out and "Kode keluar" not in out
