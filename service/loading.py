"""Loading inventories into the store the server holds: what ``POST /load`` and ``spbe load`` share.

The conversion runs in a killable, memory-capped job process (``service/jobs.py``); the load itself
runs in a thread of the server (the server process is the only one that may write its store) and
is the store's ``bulk_replace``: for the embedded store a bulk-loaded copy swapped in while readers
keep being answered (``store/embedded.py`` ``_live_swap``).

The load summary travels as JSON (:func:`summary_json`) and is turned back into a
``ConversionResult`` by the CLI (:func:`result_from_json`) so that ``spbe load`` prints the same
summary whether it loaded locally or through a server.

>>> from spbe_kg.loaders.outcome import ConversionResult, FileSummary, RowOutcome
>>> r = ConversionResult(files=[FileSummary("a.csv", "/tmp/x/a.csv", "http://g/a", "00", "csv", rows=2, loaded=1,
...     skipped=1)], rows=[RowOutcome("a.csv", None, 2, "loaded"), RowOutcome("a.csv", None, 3, "skipped", "kosong", "B")],
...     graphs=["http://g/a"])
>>> d = summary_json(r, status="dry-run", lang="en")
>>> d["totals"]["loaded"], d["files"][0]["path"], [x["row"] for x in d["rows"]]
(1, 'a.csv', [3])
>>> back = result_from_json(d)
>>> (back.files[0].skipped, back.rows[0].column)
(1, 'B')
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

from spbe_kg.i18n import t
from spbe_kg.loaders.outcome import ConversionResult, FileSummary, RowOutcome
from spbe_kg.settings import Settings

STATUSES = ("loaded", "dry-run", "rejected")
_TOTALS = ("rows", "loaded", "skipped", "errors", "warnings", "triples")


def convert_job(paths: list[Path], settings: Settings, mapping: Path | None, instansi: str | None,
                partial: bool, reading: dict[str, str | None] | None = None,
                lookup_dir: Path | None = None) -> ConversionResult:
    """The conversion of uploaded files (run in a job process: ``service/jobs.py``); input problems
    come back as HTTP errors (400 unreadable, 413 over the reader limits)."""
    from spbe_kg.loaders.api import LoaderError, convert_files
    from spbe_kg.loaders.readers.limits import InputTooLarge

    from .errors import ApiError

    try:
        rd = reading or {}
        return convert_files(paths, settings=settings, mapping=mapping, instansi=instansi, partial=partial,
                             sheet=rd.get("sheet"), delimiter=rd.get("delimiter"), encoding=rd.get("encoding"),
                             lookup_dir=lookup_dir)
    except InputTooLarge as e:
        raise ApiError(413, "input-too-large", detail=str(e)) from None
    except LoaderError as e:
        raise ApiError(400, "bad-request", detail=str(e)) from None


def summary_json(result: ConversionResult, *, status: str, lang: str, strategy: str | None = None,
                 replaced: list[str] | None = None, instansi: str | None = None, principal: str | None = None,
                 message: str = "") -> dict[str, Any]:
    """The load summary as JSON: per-file counts (every field of ``FileSummary``), totals, every row
    that was not loaded or carries warnings (with its cell), the graphs written and replaced."""
    files = []
    for f in result.files:
        d = dataclasses.asdict(f)
        d["path"] = f.file  # never the server's temporary path
        files.append(d)
    rows = [dataclasses.asdict(o) for o in result.rows if o.status != "loaded" or o.warnings]
    return {
        "status": status,
        "partial": result.partial,
        "strategy": strategy,
        "instansi": instansi,
        "principal": principal,
        "files": files,
        "totals": {k: sum(getattr(f, k) for f in result.files) for k in _TOTALS},
        "rows": rows,
        "graphs": list(result.graphs),
        "graphs_replaced": list(replaced or []),
        "quads": result.size(),
        "message": message,
        "lang": lang,
    }


def result_from_json(data: dict[str, Any]) -> ConversionResult:
    """A ``ConversionResult`` holding the summary's files and reported rows (no quads)."""
    fields = {f.name for f in dataclasses.fields(FileSummary)}
    row_fields = {f.name for f in dataclasses.fields(RowOutcome)}
    files = [FileSummary(**{k: v for k, v in f.items() if k in fields}) for f in data.get("files", [])]
    rows = [RowOutcome(**{k: v for k, v in r.items() if k in row_fields}) for r in data.get("rows", [])]
    return ConversionResult(files=files, rows=rows, graphs=list(data.get("graphs", [])),
                            partial=bool(data.get("partial")))


def loaded_message(result: ConversionResult, lang: str, target: str) -> str:
    """The CLI's closing line (``cli.loaded``)."""
    n = sum(f.loaded for f in result.files)
    return t("cli.loaded", lang, n=n, target=target, graphs=len(result.graphs), quads=result.size())


# --- where a running server can be found ---------------------------------------------------------
def serve_file(data_dir: Path) -> Path:
    """The file ``spbe serve`` writes next to the store directory while it serves it.

    >>> serve_file(Path("/data/store")).name
    '.store.spbe-serve.json'
    """
    d = Path(data_dir).resolve()
    return d.parent / f".{d.name}.spbe-serve.json"


def announce(data_dir: Path, url: str) -> Path:
    """Write the serve file (URL and process id); the caller removes it with :func:`withdraw`."""
    p = serve_file(data_dir)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + f".{os.getpid()}")
    tmp.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    os.replace(tmp, p)
    return p


def withdraw(data_dir: Path) -> None:
    p = serve_file(data_dir)
    try:
        if json.loads(p.read_text(encoding="utf-8")).get("pid") == os.getpid():
            p.unlink()
    except (OSError, ValueError):
        pass


def discover(data_dir: Path) -> str | None:
    """The URL of the live server holding ``data_dir`` (its serve file, its process alive), or None."""
    try:
        info = json.loads(serve_file(data_dir).read_text(encoding="utf-8"))
        pid, url = int(info["pid"]), str(info["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # stale: the server died without removing it
    except PermissionError:
        pass  # alive, another user's
    return url


def local_url(host: str, port: int) -> str:
    """The address a local client uses for a server bound to ``host``.

    >>> local_url("0.0.0.0", 8000), local_url("::", 8000), local_url("10.1.2.3", 80)
    ('http://127.0.0.1:8000', 'http://[::1]:8000', 'http://10.1.2.3:80')
    """
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "[::1]"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"
