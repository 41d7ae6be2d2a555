"""The site's navigation, language toggle and stylesheet around a page built elsewhere.

The duplicate report (``spbe_kg.queries.report_html``) is one self-contained HTML file, also written to
disk by ``spbe duplicates --format html``; when the service serves it, this adds the site's top bar
(``templates/_topbar.html``, the same partial ``base.html`` includes) after ``<body>`` and the site
stylesheet first in ``<head>`` (the page's own styles, later, still win), so every page of the site
shares the navigation, the toggle and the style. No script is added: the page's CSP hashes stay valid.

>>> add_chrome("<html><head><title>x</title></head><body class='r'><h1>R</h1></body></html>", "<nav>N</nav>", "/s.css")
'<html><head><link rel="stylesheet" href="/s.css"><title>x</title></head><body class=\\'r\\'><nav>N</nav><h1>R</h1></body></html>'
>>> add_chrome("<p>no head or body</p>", "<nav>N</nav>", "/s.css")
'<nav>N</nav><p>no head or body</p>'
"""

from __future__ import annotations

import re

from fastapi import Request

_HEAD = re.compile(r"<head[^>]*>", re.I)
_BODY = re.compile(r"<body[^>]*>", re.I)


def add_chrome(page: str, topbar: str, css_href: str) -> str:
    """``page`` with ``topbar`` right after ``<body>`` and the stylesheet first in ``<head>``."""
    m = _BODY.search(page)
    page = page[:m.end()] + topbar + page[m.end():] if m else topbar + page
    h = _HEAD.search(page)
    if h:
        page = page[:h.end()] + f'<link rel="stylesheet" href="{css_href}">' + page[h.end():]
    return page


def with_site_chrome(request: Request, page: str, active: str) -> str:
    """``page`` as a page of the site for this request (its language, its root path)."""
    from .ui_render import render_fragment, site_context

    static = site_context(request, active)["static"]
    return add_chrome(page, render_fragment(request, "_topbar.html", active=active), static("css/spbe.css"))
