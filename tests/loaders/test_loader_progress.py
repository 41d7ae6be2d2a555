"""Issue 11: long loads show progress on a terminal and stay quiet otherwise; the skip list is capped on screen
with the complete summary written to a file whose path is printed."""

from __future__ import annotations

import os
import pty
import re
import subprocess

from spbe_kg.loaders.api import convert_files
from spbe_kg.loaders.progress import CountingProgress

from .conftest import SPBE


def _inventory(tmp_path, good: int, placeholders: int):
    rows = [f"Dinas Sosial,Aplikasi {i}" for i in range(good)] + ["Dinas Sosial,tidak ada"] * placeholders
    p = tmp_path / "besar.csv"
    p.write_text("OPD Pengelola,Nama Aplikasi\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return p


def test_progress_is_told_every_row(tmp_path, settings):
    p = _inventory(tmp_path, 600, 3)
    prog = CountingProgress()
    convert_files([p], settings=settings, instansi="Pemerintah Kabupaten Uji", progress=prog)
    assert (prog.total, prog.done, prog.labels) == (603, 603, ["besar.csv"])


def _run_on(tmp_path, p, *, tty: bool):
    out = tmp_path / "o.nt"
    env = {**os.environ, "SPBE_LOADED_AT": "2025-09-01T00:00:00Z", "TMPDIR": str(tmp_path)}
    env.pop("SPBE_LANG", None)
    args = [*SPBE, "convert", str(p), "--instansi", "Kab. Uji", "-o", str(out)]
    if not tty:
        res = subprocess.run(args, env=env, capture_output=True, timeout=120)
        return res.returncode, res.stderr.decode()
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=120), b"".join(chunks).decode(errors="replace")


def test_bar_on_a_terminal_quiet_otherwise(tmp_path):
    p = _inventory(tmp_path, 300, 0)
    code, err = _run_on(tmp_path, p, tty=True)
    assert code == 0
    assert "300/300" in err and "baris" in err  # tqdm's counter, in the user's language
    code, err = _run_on(tmp_path, p, tty=False)
    assert code == 0
    assert "300/300" not in err and "\r" not in err


def test_skip_list_is_capped_with_the_full_list_in_a_file(tmp_path):
    p = _inventory(tmp_path, 2, 25)
    code, err = _run_on(tmp_path, p, tty=False)
    assert code == 0
    shown = [ln for ln in err.splitlines() if ln.startswith("dilewati: ")]
    assert len(shown) == 20
    assert "... dan 5 baris lain dilewati atau bergalat" in err
    m = re.search(r"ringkasan lengkap \(semua baris dan peringatan\) ditulis ke (\S+)", err)
    assert m, err
    full = open(m.group(1), encoding="utf-8").read()
    assert len([ln for ln in full.splitlines() if ln.startswith("dilewati: ")]) == 25


def test_short_skip_list_writes_no_file(tmp_path):
    p = _inventory(tmp_path, 2, 3)
    code, err = _run_on(tmp_path, p, tty=False)
    assert code == 0 and "ditulis ke" not in err
    assert len([ln for ln in err.splitlines() if ln.startswith("dilewati: ")]) == 3
