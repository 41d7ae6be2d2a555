"""Render a validation report (cross-team API (C)): ``render(report, fmt, lang)``.

>>> from spbe_kg.shapes.result import Report
>>> render(Report(conforms=True), "json", "en").splitlines()[1]
'  "format": "spbe-validation-report",'
"""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "turtle", "junit", "sarif", "github")
MEDIA_TYPES = {
    "text": "text/plain; charset=utf-8",
    "json": "application/json",
    "turtle": "text/turtle; charset=utf-8",
    "junit": "application/xml",
    "sarif": "application/sarif+json",
    "github": "text/plain; charset=utf-8",
}


def render(report, fmt: str = "text", lang: str = "id", sources: dict[str, str] | None = None) -> str:
    """``sources`` maps a file name as the loader recorded it to the path to show (e.g. ``inventaris/x.xlsx``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    mod = importlib.import_module(f"{__package__}.reports.{fmt}")
    return mod.render(report, lang=lang, sources=sources)
