"""``spbe token add/list/remove``: the token is printed once and never stored or listed; bilingual."""

from __future__ import annotations

from spbe_kg.service.cli import main
from spbe_kg.service.tokens import verify


def test_token_add_list_remove(tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["token", "add", "--instansi", "Kab. Karo", "--opd", "Dinas Kesehatan", "--store", str(store)]) == 0
    out, err = capsys.readouterr()
    token = out.strip()
    assert token.startswith("spbe_") and "disimpan (hash)" in err
    f = tmp_path / "spbe-tokens.json"
    rec = verify(f, token)
    assert rec is not None and rec.instansi == "Pemerintah Kabupaten Karo" and rec.opd == "Dinas Kesehatan"
    assert token not in f.read_text()
    assert main(["token", "list", "--store", str(store), "--lang", "en"]) == 0
    out, _ = capsys.readouterr()
    assert rec.id in out and "Pemerintah Kabupaten Karo" in out and token not in out
    assert main(["token", "remove", "nope", "--store", str(store), "--lang", "en"]) == 1
    assert "no token nope" in capsys.readouterr().err
    assert main(["token", "remove", rec.id, "--store", str(store)]) == 0
    assert verify(f, token) is None


def test_token_file_setting(tmp_path, capsys):
    f = tmp_path / "elsewhere" / "t.json"
    assert main(["token", "add", "--instansi", "Kota Medan", "--tokens-file", str(f)]) == 0
    token = capsys.readouterr().out.strip()
    assert verify(f, token) is not None
