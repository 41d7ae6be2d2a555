"""``POST /load``: inventory files into the running instance, with the CLI's load summary.

Multipart fields: ``file`` (one or more), ``instansi``, ``mapping`` (a file) and ``lookup`` (the
lookup files its joins name, by file name; nothing else on the server can be read), ``sheet``,
``delimiter``, ``encoding`` (as ``spbe load``), ``partial`` and
``dry_run`` (``true``/``1``/``on``), ``admin`` (a TriG/N-Quads file may write other graphs; admin
tokens only). Needs a write token (``security.require_write``).

Answers (JSON, or HTML for ``Accept: text/html``; ids ``load-summary``, ``load-skipped``):
200 ``status: loaded`` or ``dry-run`` (converted, nothing written); 422 ``status: rejected`` (rows
in error and no ``partial``: nothing written); 400 unreadable input; 403 a file naming graphs that
are not its own; 413 too big. Several files land all or nothing (one ``bulk_replace``).
"""

from __future__ import annotations

import re
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import JSONResponse, Response

from spbe_kg.settings import Settings

from ..deps import get_settings, get_store
from ..errors import ApiError, lang_of
from ..loading import convert_job, loaded_message, summary_json
from ..security import Writer, require_write
from ..store.base import Store
from ..write_scope import check_graphs, check_instansi, check_result, refuse, require_admin_for, stamp
from .job_errors import run_limited

router = APIRouter(tags=["load"])

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_TRUE = ("1", "true", "yes", "on", "ya")


def _flag(form, name: str) -> bool:
    v = form.get(name)
    return isinstance(v, str) and v.strip().lower() in _TRUE


def _text(form, name: str) -> str | None:
    v = form.get(name)
    return v.strip() or None if isinstance(v, str) else None


def _safe_name(up: UploadFile, fallback: str) -> str:
    return _SAFE.sub("_", Path(up.filename or fallback).name).strip("._") or fallback


def _wants_html(request: Request) -> bool:
    accept = (request.headers.get("accept") or "").lower()
    return "text/html" in accept and "application/json" not in accept.split("text/html")[0]


def _replaced(store: Store, graphs: list[str]) -> list[str]:
    return [g for g in graphs if store.has_graph(g)]


_LOADS = threading.Lock()  # loads take turns anyway (the store's write lock); this also covers the scope check


def _load(store: Store, result, settings: Settings, writer: Writer, admin: bool) -> tuple[str, list[str]]:
    """In a server thread, one load at a time: the writer's graph scope checked again (another load may
    have created the graph since), the graphs that existed, then the load (``load_into_store``)."""
    from spbe_kg.loaders.api import load_into_store

    with _LOADS:
        check_graphs(writer, result.graphs, store, settings)
        replaced = _replaced(store, result.graphs)
        return load_into_store(store, result, settings=settings, allow_other_graphs=admin, by=writer.label), replaced


@router.post("/load")
async def load(request: Request, writer: Writer = Depends(require_write), settings: Settings = Depends(get_settings),
               store: Store = Depends(get_store)):
    """Convert the uploaded inventory files and load them (or, with ``dry_run``, only report)."""
    from spbe_kg.loaders.errors import LoaderError
    from spbe_kg.loaders.graph_scope import ForeignGraph, check

    lang = lang_of(request, settings.lang)
    ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if ctype != "multipart/form-data":
        raise ApiError(415, "unsupported-media", detail=ctype or "(none)")
    form = await request.form(max_fields=settings.form_max_fields, max_files=100)
    uploads = [u for u in form.getlist("file") if isinstance(u, UploadFile)]
    if not uploads:
        raise ApiError(400, "load-no-file")
    mapping_up = form.get("mapping")
    instansi, sheet = _text(form, "instansi"), _text(form, "sheet")
    reading = {"sheet": sheet, "delimiter": _text(form, "delimiter"), "encoding": _text(form, "encoding")}
    partial, dry_run = _flag(form, "partial"), _flag(form, "dry_run")
    admin = _flag(form, "admin")
    if admin:
        require_admin_for(writer, "admin")
    check_instansi(writer, instansi)
    instansi = instansi or writer.instansi
    conv_settings = settings.model_copy(update={"lang": lang})
    with tempfile.TemporaryDirectory(prefix="spbe-load-") as d:
        paths: list[Path] = []
        for i, up in enumerate(uploads):
            name = _safe_name(up, f"upload-{i + 1}")
            if any(p.name == name for p in paths):
                raise ApiError(400, "load-same-name", detail=name)
            p = Path(d) / name
            await run_in_threadpool(p.write_bytes, await up.read())
            paths.append(p)
        # the mapping and its lookup files live in a folder of their own; the mapping may read nothing else
        lookup_dir = Path(d) / "rujukan"
        lookup_dir.mkdir()
        for i, up in enumerate(u for u in form.getlist("lookup") if isinstance(u, UploadFile)):
            await run_in_threadpool((lookup_dir / _safe_name(up, f"lookup-{i + 1}.csv")).write_bytes, await up.read())
        mapping = None
        if isinstance(mapping_up, UploadFile):
            mapping = lookup_dir / ("mapping-" + _safe_name(mapping_up, "mapping.yaml"))
            await run_in_threadpool(mapping.write_bytes, await mapping_up.read())
        t0 = time.perf_counter()
        result = await run_limited(convert_job, (paths, conv_settings, mapping, instansi, partial, reading, lookup_dir),
                                   settings, load=True)
    convert_s = time.perf_counter() - t0
    try:
        check(result, lang, allow_other_graphs=admin)
    except ForeignGraph as e:
        raise refuse("foreign-graph", str(e)) from None
    await run_in_threadpool(check_result, writer, result, store, settings)
    kw: dict[str, Any] = {"lang": lang, "instansi": instansi, "principal": writer.label}
    if not result.ok and not partial:
        from spbe_kg.i18n import t

        n = sum(1 for r in result.rows if r.status == "error")
        body = summary_json(result, status="rejected", message=t("http.load-rejected", lang, n=n), **kw)
        return _answer(request, body, 422)
    if dry_run:
        replaced = await run_in_threadpool(_replaced, store, result.graphs)
        body = summary_json(result, status="dry-run", replaced=replaced, message=t_dry(lang), **kw)
        return _answer(request, body, 200)
    stamp(result, writer, settings, instansi)
    t1 = time.perf_counter()
    try:
        strategy, replaced = await run_in_threadpool(_load, store, result, conv_settings, writer, admin)
    except LoaderError as e:
        raise ApiError(400, "bad-request", detail=str(e)) from None
    target = str(request.base_url).rstrip("/")
    body = summary_json(result, status="loaded", strategy=strategy, replaced=replaced,
                        message=loaded_message(result, lang, target), **kw)
    body["seconds"] = {"convert": round(convert_s, 3), "load": round(time.perf_counter() - t1, 3)}
    request.scope["spbe.write"] = {"graphs": result.graphs, "quads": result.size()}
    return _answer(request, body, 200)


def t_dry(lang: str) -> str:
    from spbe_kg.i18n import t

    return t("http.load-dry-run", lang)


def _answer(request: Request, body: dict, status: int) -> Response:
    if _wants_html(request):
        from spbe_kg.i18n import t
        from spbe_kg.loaders.messages import where
        from spbe_kg.loaders.summary import COLUMNS

        from .ui_render import render

        lang = body["lang"]
        rows = []
        for r in body["rows"]:
            loc = where(r["file"], r["sheet"], r["row"], r["column"], lang)
            if r["status"] != "loaded":
                rows.append({"status": r["status"], "status_text": t(f"loader.summary_{r['status']}", lang),
                             "where": loc, "text": r["reason"]})
            rows += [{"status": "warning", "status_text": t("loader.summary_warning", lang), "where": loc, "text": w}
                     for w in r["warnings"]]
        cols = [t(f"loader.summary_col_{c}", lang) for c in COLUMNS]
        return render(request, "load_summary.html", status=status, summary=body, rows=rows, cols=cols)
    return JSONResponse(body, status_code=status)
