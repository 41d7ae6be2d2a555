"""Page rendering for the web UI: language choice, the message catalogue, Jinja2 templates.

The language of a page is, in order: ``?lang=id|en`` (remembered in the ``spbe_lang`` cookie), that
cookie, the browser's ``Accept-Language`` (q-values honoured), then ``settings.lang``. Every text is in
the ``pages`` catalogue of :mod:`spbe_kg.i18n` (``spbe_kg/i18n/pages.yaml``) with ``id`` and ``en``.

>>> pick_lang_from_header("en-US,en;q=0.9,id;q=0.8")
'en'
>>> pick_lang_from_header("fr-FR, id;q=0.5")
'id'
>>> pick_lang_from_header("fr") is None
True
>>> translate("nav_query", "en")
'SPARQL query'
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse

from spbe_kg import __version__
from spbe_kg.i18n import catalogue, t
from spbe_kg.settings import Settings

from ..deps import get_settings

log = logging.getLogger(__name__)

SERVICE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = SERVICE_DIR / "templates"
STATIC_DIR = SERVICE_DIR / "static"
VENDOR_FILES = ("vendor/yasgui.min.js", "vendor/yasgui.min.css")
LANGS = (("id", "Bahasa Indonesia"), ("en", "English"))
LANG_COOKIE = "spbe_lang"
# Pages built by other engineers: they read ?lang= but not our cookie, so links to them carry it.
LANG_PARAM_PAGES = ("/duplicates", "/rules")
NAV = (
    ("nav_query", "/sparql"),
    ("nav_ontology", "/ontology.html"),
    ("nav_duplicates", "/duplicates"),
    ("nav_validate", "/validate"),
    ("nav_rules", "/rules"),
)


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
    return pick_lang_from_header(request.headers.get("accept-language")) or settings_of(request).lang


def messages() -> Mapping[str, Mapping[str, str]]:
    return catalogue("pages")


def translate(key: str, lang: str, **fmt) -> str:
    if key not in messages():
        log.warning("ui: no message %r", key)
        return key
    return t(f"pages.{key}", lang, **fmt)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
    )


def settings_of(request: Request) -> Settings:
    """The app's settings, for helpers outside dependency injection (``deps.get_settings``)."""
    return get_settings(request)


def root_of(request: Request) -> str:
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
    root = root_of(request)

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
        url=lambda path: root + path + (f"?lang={lang}" if path in LANG_PARAM_PAGES else ""),
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
