"""The browser side of the service: home page, YASGUI query page, validation upload form, static files.

Pages are Jinja2 templates (``service/templates/``) in Bahasa Indonesia or English. The language is,
in order: ``?lang=id|en`` (remembered in the ``spbe_lang`` cookie), that cookie, the browser's
``Accept-Language``, then ``settings.lang``. YASGUI comes from the npm registry (``make ui`` copies
``yasgui.min.js``/``.css`` into ``service/static/vendor/``) and is served from ``/static`` here, so
the page makes no request to another host.

The SPARQL router answers a browser's ``GET /sparql`` (no ``query``, HTML wanted) with
:func:`yasgui_page`; ``GET /query`` is the same page under a second name.

>>> pick_lang_from_header("en-US,en;q=0.9,id;q=0.8")
'en'
>>> pick_lang_from_header("fr-FR, id;q=0.5")
'id'
>>> pick_lang_from_header("fr") is None
True
>>> "PREFIX spbe:" in with_prefixes("SELECT * { ?a a spbe:Aplikasi }")
True
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

import jinja2
import yaml
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.routing import Match
from starlette.staticfiles import StaticFiles

from spbe_kg import __version__
from spbe_kg.ontology.namespaces import PREFIXES

log = logging.getLogger(__name__)
router = APIRouter(include_in_schema=False)

SERVICE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = SERVICE_DIR / "templates"
STATIC_DIR = SERVICE_DIR / "static"
VENDOR_FILES = ("vendor/yasgui.min.js", "vendor/yasgui.min.css")
LANGS = (("id", "Bahasa Indonesia"), ("en", "English"))
LANG_COOKIE = "spbe_lang"
NAV = (
    ("nav_query", "/sparql"),
    ("nav_ontology", "/ontology.html"),
    ("nav_duplicates", "/duplicates"),
    ("nav_validate", "/validate"),
    ("nav_rules", "/rules"),
)

# --- language -------------------------------------------------------------------------------


def pick_lang_from_header(header: str | None) -> str | None:
    """The best of ``id``/``en`` in an Accept-Language header (q-values honoured), or None."""
    best: tuple[float, int, str] | None = None
    for i, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        code = {"id": "id", "in": "id", "en": "en"}.get(primary)
        if not code:
            continue
        q = 1.0
        m = re.search(r"q\s*=\s*([^;\s]*)", params)
        if m:
            try:
                q = float(m.group(1))
            except ValueError:
                q = 0.0
        if q > 0 and (best is None or (q, -i) > (best[0], best[1])):
            best = (q, -i, code)
    return best[2] if best else None


def pick_lang(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in ("id", "en"):
        return asked
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in ("id", "en"):
        return cookie
    return pick_lang_from_header(request.headers.get("accept-language")) or _settings(request).lang


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    return yaml.safe_load((TEMPLATES_DIR / "messages.yaml").read_text(encoding="utf-8"))


def translate(key: str, lang: str, **fmt) -> str:
    entry = messages().get(key)
    if entry is None:
        log.warning("ui: no message %r", key)
        return key
    text = entry.get(lang) or entry["id"]
    return text.format(**fmt) if fmt else text


# --- templates and static files ---------------------------------------------------------------


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
    )


def _settings(request: Request):
    settings = getattr(request.app.state, "settings", None)
    if settings is None:
        from spbe_kg.settings import get_settings

        settings = get_settings()
    return settings


def _root(request: Request) -> str:
    return request.scope.get("root_path", "").rstrip("/")


def _asset_token(rel: str) -> str:
    try:
        st = (STATIC_DIR / rel).stat()
    except OSError:
        return __version__
    return hashlib.sha1(f"{st.st_mtime_ns}:{st.st_size}".encode()).hexdigest()[:10]


def vendor_ok() -> bool:
    """True when ``make ui`` has put YASGUI into ``service/static/vendor/``."""
    return all((STATIC_DIR / f).is_file() for f in VENDOR_FILES)


def render(request: Request, template: str, *, active: str | None = None, status: int = 200, **ctx) -> HTMLResponse:
    """Render a page with the shared context (language, links, ``t``) and remember ``?lang``."""
    lang = pick_lang(request)
    root = _root(request)

    def lang_url(code: str) -> str:  # same page, other language (a query-only relative URL)
        params = dict(request.query_params)
        params["lang"] = code
        return "?" + urlencode(params)

    page = _env().get_template(template).render(
        lang=lang,
        languages=LANGS,
        nav=NAV,
        active=active,
        version=__version__,
        wide=ctx.pop("wide", False),
        t=lambda key, **fmt: translate(key, lang, **fmt),
        url=lambda path: root + path,
        static=lambda rel: f"{root}/static/{rel}?v={_asset_token(rel)}",
        lang_url=lang_url,
        **ctx,
    )
    resp = HTMLResponse(page, status_code=status)
    resp.headers["Content-Language"] = lang
    resp.headers["Vary"] = "Accept-Language, Cookie"
    if request.query_params.get("lang") in ("id", "en"):
        resp.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", path="/")
    return resp


_static = StaticFiles(directory=STATIC_DIR, check_dir=False)


@router.api_route("/static/{path:path}", methods=["GET", "HEAD"])
async def static_file(path: str, request: Request) -> Response:
    """Our css/js/img and the YASGUI build (StaticFiles: safe paths, ETag, 304)."""
    resp = await _static.get_response(path, request.scope)
    resp.headers.setdefault("Cache-Control", "no-cache")
    return resp


# --- named queries -----------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryTab:
    name: str
    title: str
    query: str


# IRIs, strings (all four quote styles) and comments: where "x:" is not a prefixed name.
_NOT_NAMES = re.compile(
    r"<[^<>\"{}|^`\\\s]*>|\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*"
)
_PREFIX_DECL = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.I | re.M)


def with_prefixes(sparql: str) -> str:
    """Prepend a PREFIX line for every ontology prefix the query uses but does not declare."""
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(sparql)}
    body = _NOT_NAMES.sub(" ", sparql)
    needed = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w:?$]){re.escape(p)}:", body)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in needed) + sparql


def _catalog_queries(lang: str) -> list[QueryTab]:
    """Named queries from spbe_kg.queries.catalog, parameters bound to their defaults (a visible VALUES
    block the user can edit); a query with a parameter that has no default is offered unbound."""
    from spbe_kg.queries.catalog import list_queries

    tabs = []
    for q in list_queries():
        try:
            text = q.bind()
        except ValueError:
            text = q.sparql
        tabs.append(QueryTab(q.name, q.title(lang) or q.name, text))
    return tabs


def start_query(lang: str) -> str:
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    return (
        f"{prefixes}\n{translate('sparql_start_comment', lang)}\n"
        "SELECT DISTINCT ?aplikasi ?nama ?opd ?instansi WHERE {\n"
        "  ?aplikasi a spbe:Aplikasi ;\n"
        "            spbe:nama ?nama .\n"
        "  FILTER NOT EXISTS { ?aplikasi a spbe:AplikasiNasional }\n"
        "  OPTIONAL { ?aplikasi spbe:opdPengelola/spbe:nama ?opd }\n"
        "  OPTIONAL { ?aplikasi spbe:instansi/spbe:nama ?instansi }\n"
        "}\nLIMIT 200\n"
    )


def query_tabs(lang: str) -> list[QueryTab]:
    """The tabs the query page offers: a start tab, then every named query."""
    try:
        named = _catalog_queries(lang)
    except Exception:  # a broken catalogue must not take the query page down
        log.exception("ui: named queries could not be read")
        named = []
    start = QueryTab("mulai", translate("sparql_start_tab", lang), start_query(lang))
    return [start] + [QueryTab(q.name, q.title, with_prefixes(q.query)) for q in named]


# --- pages ---------------------------------------------------------------------------------------


async def yasgui_page(request: Request) -> HTMLResponse:
    """The YASGUI page (awaited by the SPARQL router for a browser's GET /sparql, and by GET /query).

    Reading the query catalogue and rendering happen in a worker thread, off the event loop."""
    return await run_in_threadpool(_yasgui_page, request)


def _yasgui_page(request: Request) -> HTMLResponse:
    lang = pick_lang(request)
    tabs = query_tabs(lang)
    wanted = request.query_params.get("tab")
    select = next((t.title for t in tabs if wanted in (t.name, t.title)), None)
    endpoint = _root(request) + "/sparql"
    digest = hashlib.sha1(json.dumps([lang, [(t.title, t.query) for t in tabs]]).encode()).hexdigest()[:12]
    config = {
        "endpoint": endpoint,
        "persistenceId": f"spbe-kg-{digest}",
        "prefixes": PREFIXES,
        "tabs": [{"name": t.name, "title": t.title, "query": t.query} for t in tabs],
        "select": select,
        "text": {"missing_vendor": translate("missing_vendor", lang)},
    }
    # JSON inside <script>: "<" escaped so no "</script>" or "<!--" can end the element early.
    config_json = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    return render(
        request,
        "sparql.html",
        active="/sparql",
        wide=True,
        vendor_ok=vendor_ok(),
        config_json=config_json,
        endpoint_display=str(request.base_url).rstrip("/") + "/sparql",
    )


@router.get("/query", response_class=HTMLResponse)
async def query_page(request: Request) -> HTMLResponse:
    return await yasgui_page(request)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """Home page: what the store holds, and links to everything a user can do."""
    lang = pick_lang(request)
    return render(
        request,
        "home.html",
        active="/",
        summary=store_summary(request),
        sep="." if lang == "id" else ",",
        queries=[t for t in query_tabs(lang)[1:]],
    )


VALIDATE_TEXT_KEYS = ("running", "conforms", "not_conforms", "counts", "col_severity", "col_where", "col_what",
                      "col_rule", "row", "sheet", "column", "failed")
DOWNLOADS = (("text", "TXT"), ("json", "JSON"), ("sarif", "SARIF"), ("junit", "JUnit"), ("turtle", "Turtle"))


def has_route(app, path: str, method: str) -> bool:
    """Whether the app answers ``method path`` (asks the routes themselves: included routers nest)."""
    scope = {"type": "http", "path": path, "method": method, "root_path": "", "headers": [], "query_string": b""}
    return any(r.matches(scope)[0] == Match.FULL for r in app.router.routes)


@router.get("/validate", response_class=HTMLResponse)
def validate_form(request: Request) -> HTMLResponse:
    """The upload form for POST /validate (the shapes engineer's endpoint); findings render as a table."""
    lang = pick_lang(request)
    text = {k: translate(f"validate_{k}", lang) for k in VALIDATE_TEXT_KEYS}
    endpoint_ok = has_route(request.app, "/validate", "POST")
    return render(
        request,
        "validate.html",
        active="/validate",
        endpoint_ok=endpoint_ok,
        downloads=DOWNLOADS,
        text_json=json.dumps(text, ensure_ascii=False).replace("<", "\\u003c"),
    )


# What the home page counts. "Recorded applications" = every spbe:Aplikasi (subclasses included) minus
# the national-application individuals of the reference graph: two cheap counts instead of a FILTER NOT
# EXISTS per application (0.01 s against 0.2 s at 5,000 applications).
_COUNTS = (
    ("all_apps", "?x a/rdfs:subClassOf* spbe:Aplikasi ."),
    ("stat_national", "?x a spbe:AplikasiNasional ."),
    ("stat_instansi", "?x a/rdfs:subClassOf* spbe:Instansi ."),
    ("stat_units", "?x a/rdfs:subClassOf* spbe:UnitKerja ."),
    ("stat_files", "?x a spbe:SumberBerkas ."),
)
_SHOWN = ("stat_apps", "stat_national", "stat_instansi", "stat_units", "stat_files", "stat_triples")


def store_summary(request: Request) -> dict:
    """Counts shown on the home page, kept for ``settings.ui_summary_cache_s`` seconds per app.

    Any store failure becomes a note on the page, never an error page."""
    state = request.app.state
    settings = _settings(request)
    cached = getattr(state, "ui_summary", None)
    if cached is not None and time.monotonic() - cached[0] < settings.ui_summary_cache_s:
        return cached[1]
    summary = _compute_summary(getattr(state, "store", None), settings)
    if summary["error"] is None:
        state.ui_summary = (time.monotonic(), summary)
    return summary


def _compute_summary(store, settings) -> dict:
    if store is None:
        return {"error": "store belum dibuka / store not open", "figures": [], "files": [], "kind": None, "empty": True}
    prefixes = "PREFIX spbe: <{}>\nPREFIX rdfs: <{}>\n".format(PREFIXES["spbe"], PREFIXES["rdfs"])
    n: dict[str, int] = {}
    try:
        for key, pattern in _COUNTS:
            res = store.query(
                f"{prefixes}SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}",
                timeout_s=min(settings.query_timeout_s, 10.0),
            )
            row = next(iter(res), None)
            n[key] = int(row["n"].value) if row is not None and row["n"] is not None else 0
        n["stat_triples"] = int(store.triple_count())
        files = [
            {k: (r[k].value if r[k] is not None else None) for k in ("g", "nama", "baris", "dimuat", "dilewati")}
            for r in store.query(prefixes + _FILES_QUERY, timeout_s=min(settings.query_timeout_s, 10.0))
        ]
    except Exception as e:  # noqa: BLE001 - shown as a short note; details go to the log
        log.warning("ui: store summary failed: %s", e)
        return {"error": type(e).__name__, "figures": [], "files": [], "kind": store.kind, "empty": False}
    n["stat_apps"] = max(n.pop("all_apps") - n["stat_national"], 0)
    return {"error": None, "figures": [(k, n[k]) for k in _SHOWN], "files": files, "kind": store.kind,
            "empty": n["stat_triples"] == 0}


# The loaded source files (one named graph each) with the loader's row counts.
_FILES_QUERY = """SELECT ?g ?nama ?baris ?dimuat ?dilewati WHERE {
  GRAPH ?g { ?b a spbe:SumberBerkas ; spbe:namaBerkas ?nama .
    OPTIONAL { ?b spbe:jumlahBaris ?baris } OPTIONAL { ?b spbe:jumlahDimuat ?dimuat }
    OPTIONAL { ?b spbe:jumlahDilewati ?dilewati } }
} ORDER BY ?nama LIMIT 500"""
