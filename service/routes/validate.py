"""``POST /validate``: validate an uploaded inventory file (xlsx/csv/json) or RDF; ``GET /rules``: the rule catalogue.

The report format comes from the ``format`` parameter, else the Accept header (``application/sarif+json``,
``application/json``, ``text/turtle``, ``application/xml`` = JUnit, ``text/plain`` = text), else JSON.
The answer is 200 whatever the outcome; ``X-SPBE-Conforms: true|false`` carries the verdict.
Upload as multipart field ``file``, or send the RDF itself as the body with its RDF media type.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from starlette.responses import PlainTextResponse, Response

from spbe_kg.settings import Settings

from ..deps import get_settings
from ..errors import ApiError, lang_of
from .job_errors import run_limited

router = APIRouter(tags=["validation"])

ACCEPT = [
    ("application/sarif+json", "sarif"), ("application/json", "json"), ("text/turtle", "turtle"),
    ("application/xml", "junit"), ("text/xml", "junit"), ("text/plain", "text"),
]
RDF_BODY = {"text/turtle": ".ttl", "application/n-triples": ".nt", "application/n-quads": ".nq",
            "application/trig": ".trig", "application/ld+json": ".jsonld"}
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _format(request: Request) -> str:
    from spbe_kg.shapes.report import FORMATS

    fmt = request.query_params.get("format")
    if fmt:
        if fmt not in FORMATS:
            raise ApiError(400, "bad-request", detail=f"format={fmt} ({' | '.join(FORMATS)})")
        return fmt
    accept = (request.headers.get("accept") or "").lower()
    best = None
    for part in accept.split(","):
        media = part.split(";")[0].strip()
        for m, f in ACCEPT:
            if media == m and (best is None or ACCEPT.index((m, f)) < ACCEPT.index(best)):
                best = (m, f)
        if best:
            break
    if best:
        return best[1]
    if accept and not any(a.split(";")[0].strip() in ("*/*", "application/*", "text/*", "") for a in accept.split(",")):
        raise ApiError(406, "not-acceptable", detail=", ".join(m for m, _ in ACCEPT))
    return "json"


def _run(path: Path, settings: Settings, fmt: str, lang: str, fail_on: str, instansi: str | None):
    from spbe_kg.loaders.api import LoaderError, convert_files
    from spbe_kg.loaders.readers.limits import InputTooLarge
    from spbe_kg.shapes.report import MEDIA_TYPES, render
    from spbe_kg.shapes.validate import ValidationError, add_loader_errors, validate_quads

    try:
        conv = convert_files([path], settings=settings.model_copy(update={"lang": lang}), instansi=instansi, partial=True)
        report = validate_quads(conv.quads, settings=settings, fail_on=fail_on, inputs=[path.name])
        add_loader_errors(report, conv.rows, settings)
    except InputTooLarge as e:
        raise ApiError(413, "input-too-large", detail=str(e)) from None
    except (LoaderError, ValidationError) as e:
        raise ApiError(400, "bad-request", detail=str(e)) from None
    return render(report, fmt, lang), MEDIA_TYPES[fmt], report.conforms, report.counts()


@router.post("/validate")
async def validate(request: Request, settings: Settings = Depends(get_settings)):
    """Validate one uploaded file; returns the report in the requested format."""
    lang = lang_of(request, settings.lang)
    fmt = _format(request)
    fail_on = request.query_params.get("fail_on", "violation")
    if fail_on not in ("violation", "warning", "info"):
        raise ApiError(400, "bad-request", detail=f"fail_on={fail_on} (violation | warning | info)")
    instansi = request.query_params.get("instansi")
    ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    limit = settings.max_body_bytes
    if ctype == "multipart/form-data":
        form = await request.form(max_fields=settings.form_max_fields, max_files=100)
        up = form.get("file")
        if up is None or isinstance(up, str):
            raise ApiError(400, "bad-request", detail="multipart field 'file' is missing")
        field = form.get("instansi")
        instansi = instansi or (field if isinstance(field, str) else None)
        name = _SAFE.sub("_", Path(up.filename or "upload").name) or "upload"
        data = await up.read()
    elif ctype in RDF_BODY:
        name = _SAFE.sub("_", request.query_params.get("filename", "") or "") or ("upload" + RDF_BODY[ctype])
        if not name.endswith(RDF_BODY[ctype]):
            name += RDF_BODY[ctype]
        data = await request.body()
    else:
        raise ApiError(415, "unsupported-media", detail=ctype or "(none)")
    if len(data) > limit:
        raise ApiError(413, "too-large", detail=str(limit))
    with tempfile.TemporaryDirectory(prefix="spbe-validate-") as d:
        path = Path(d) / name
        path.write_bytes(data)
        # a killable, memory-capped process (service/jobs.py): no upload can exhaust the server
        text, media, conforms, counts = await run_limited(_run, (path, settings, fmt, lang, fail_on, instansi), settings)
    headers = {"X-SPBE-Conforms": "true" if conforms else "false",
               "X-SPBE-Counts": ",".join(f"{k.lower()}={v}" for k, v in counts.items())}
    return Response(text, media_type=media, headers=headers)


@router.get("/rules")
def rules(request: Request, settings: Settings = Depends(get_settings)):
    """The rule catalogue: a page of the site by default, Markdown for ``Accept: text/markdown`` or ``?format=md``."""
    from spbe_kg.shapes.catalog import catalogue, render_markdown

    from .rules_page import readable_message, short_path
    from .ui_render import pick_lang, render, translate

    want_md = request.query_params.get("format") == "md" or "text/markdown" in (request.headers.get("accept") or "")
    cat = catalogue()
    if want_md:
        return PlainTextResponse(render_markdown(cat), media_type="text/markdown; charset=utf-8")
    lang = pick_lang(request)
    counts = [(s, sum(r.severity == s for r in cat)) for s in ("Violation", "Warning", "Info")]
    sev_label = {s: translate(f"sev_{s.lower()}", lang) for s, _ in counts}
    return render(request, "rules.html", active="/rules", rules=cat, counts=counts, sev_label=sev_label,
                  message=lambda r: readable_message(r.message(lang) or r.name(lang), lang), path=short_path)
