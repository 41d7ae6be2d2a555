"""``GET /unggah`` (``/upload``): the upload page for people who do not write SPARQL.

Pick one or more inventory files and the instansi, see the validation findings at once (``POST /validate``,
one request per file, the cell to fix in the page's language), then send them to ``POST /load`` with the
pemda's token when they conform or with "partial" (``static/js/upload-ui.js``). The page says so when the
app has no ``POST /load`` (or ``POST /validate``) route. The instansi field suggests the province's
kabupaten/kota and every regional government the store knows.
"""

from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from spbe_kg.settings import Settings

from ..deps import get_settings, get_store
from ..store.base import Store, StoreError
from .ui import has_route
from .ui_render import pick_lang, render, translate

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

TEXT_KEYS = {
    **{k: f"validate_{k}" for k in ("running", "conforms", "not_conforms", "counts", "col_severity", "col_where",
                                     "col_what", "col_rule", "row", "sheet", "column", "failed")},
    **{k: f"up_{k}" for k in ("pick_first", "send_after_check", "send_needs_partial", "send_ready", "send_partial",
                               "token_missing", "sending", "send_failed", "loaded", "dry_run_done", "col_file",
                               "col_rows", "col_loaded", "col_skipped", "see_completeness", "load_unavailable_short")},
    "sev_violation": "sev_violation", "sev_warning": "sev_warning", "sev_info": "sev_info",
}


def instansi_names(store: Store, settings: Settings) -> list[str]:
    """The province's kabupaten/kota (reference list) and the regional governments in the store."""
    from spbe_kg.queries.completeness import pemda_name, reference_rows

    names = {pemda_name(w.nama) for w in reference_rows(settings.completeness_wilayah_csv)}
    try:
        rows = store.query("""PREFIX spbe: <https://w3id.org/spbe/ontology#>
            SELECT DISTINCT ?n WHERE { ?i a ?c ; spbe:nama ?n .
              VALUES ?c { spbe:PemerintahProvinsi spbe:PemerintahKabupatenKota spbe:PemerintahDaerah } }""",
                           timeout_s=settings.query_timeout_s)
        names |= {r["n"].value for r in rows}  # type: ignore[union-attr]
    except StoreError as e:  # the page works without the store's names
        log.warning("upload page: instansi names not read: %s", type(e).__name__)
    return sorted(names, key=str.lower)


@router.get("/unggah", response_class=HTMLResponse)
@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, store: Store = Depends(get_store), settings: Settings = Depends(get_settings)) -> HTMLResponse:
    """Pick files, check them, send them."""
    lang = pick_lang(request)
    text = {k: translate(v, lang) for k, v in TEXT_KEYS.items()}
    return render(
        request,
        "upload.html",
        active="/unggah",
        validate_ok=has_route(request.app, "/validate", "POST"),
        load_ok=has_route(request.app, "/load", "POST") and settings.enable_updates,  # read-only: no writes
        instansi_names=instansi_names(store, settings),
        text_json=json.dumps(text, ensure_ascii=False).replace("<", "\\u003c"),
    )
