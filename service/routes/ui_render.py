"""Page rendering for the web UI: language choice, the message catalogue, Jinja2 templates.

The language of a page is, in order: ``?lang=id|en`` (remembered in the ``spbe_lang`` cookie), that
cookie, then ``settings.lang`` (``errors.page_lang``); the browser's ``Accept-Language`` does not switch a
page. Every text is in the ``pages`` catalogue of :mod:`spbe_kg.i18n` (``spbe_kg/i18n/pages.yaml``) with
``id`` and ``en``.

>>> translate("nav_query", "en")
'SPARQL query'
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from spbe_kg import __version__
from spbe_kg.i18n import catalogue, t
from spbe_kg.settings import Settings

from ..deps import get_settings
from ..errors import LANG_COOKIE, page_lang, pick_lang_from_header  # noqa: F401  (re-exported)

log = logging.getLogger(__name__)

SERVICE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = SERVICE_DIR / "templates"
STATIC_DIR = SERVICE_DIR / "static"
VENDOR_FILES = ("vendor/yasgui.min.js", "vendor/yasgui.min.css")
LANGS = (("id", "Bahasa Indonesia"), ("en", "English"))
NAV = (
    ("nav_query", "/sparql"),
    ("nav_ontology", "/ontology.html"),
    ("nav_duplicates", "/duplicates"),
    ("nav_roadmap", "/roadmap"),
    ("nav_upload", "/unggah"),
    ("nav_completeness", "/kelengkapan"),
    ("nav_validate", "/validate"),
    ("nav_rules", "/rules"),
)


def pick_lang(request: Request) -> str:
    """The page's language (``errors.page_lang``: parameter, cookie, settings; never Accept-Language)."""
    return page_lang(request, settings_of(request).lang)


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


def site_context(request: Request, active: str | None = None) -> dict:
    """What every page of the site needs (language, toggle links, navigation, ``t``, ``url``, ``static``)."""
    lang = pick_lang(request)
    root = root_of(request)

    def lang_url(code: str) -> str:  # same page, other language (a query-only relative URL)
        params = dict(request.query_params)
        params["lang"] = code
        return "?" + urlencode(params)

    return dict(
        lang=lang,
        languages=LANGS,
        nav=NAV,
        active=active,
        version=__version__,
        t=lambda key, **fmt: translate(key, lang, **fmt),
        url=lambda path: root + path,
        static=lambda rel: f"{root}/static/{rel}?v={_asset_token(rel)}",
        lang_url=lang_url,
    )


def remember_lang(request: Request, resp: Response, lang: str) -> Response:
    """Headers of a page in ``lang``; a ``?lang=`` choice is remembered in the cookie for a year."""
    resp.headers["Content-Language"] = lang
    resp.headers["Vary"] = "Cookie"
    if request.query_params.get("lang") in ("id", "en"):
        resp.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", path="/")
    return resp


def render_fragment(request: Request, template: str, *, active: str | None = None) -> str:
    """A partial template (e.g. ``_topbar.html``) with the site's context."""
    return _env().get_template(template).render(**site_context(request, active))


def render(request: Request, template: str, *, active: str | None = None, status: int = 200, **ctx) -> HTMLResponse:
    """Render a page with the shared context (language, links, ``t``) and remember ``?lang``."""
    site = site_context(request, active)
    page = _env().get_template(template).render(**site, wide=ctx.pop("wide", False), **ctx)
    resp = HTMLResponse(page, status_code=status)
    remember_lang(request, resp, site["lang"])
    return resp
