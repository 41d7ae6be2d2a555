"""User-facing text in Bahasa Indonesia (``id``, the default) and English (``en``): one format, one lookup.

Every catalogue is a YAML file next to this module (``loader.yaml``, ``validation.yaml``, ``cli.yaml``,
``pages.yaml``, ...) mapping a message id to its two texts, which carry the same ``{placeholders}``::

    placeholder_name:
      id: nama aplikasi '{value}' adalah isian pengganti, ...
      en: the application name '{value}' is a placeholder, ...

A key is ``catalogue.id``; :func:`t` renders it. A placeholder without a value stays visible as
``{name}`` (never an exception in the middle of an error message).

>>> t("validation.counts", "en", v=1, w=2, i=3)
'1 violations, 2 warnings, 3 info'
>>> t("validation.counts", "id", v=1, w=2, i=3)
'1 pelanggaran, 2 peringatan, 3 info'
>>> both("duplicates.label")["en"]
'Recommendation (not a decision)'
>>> lang_or_default("EN"), lang_or_default("fr"), lang_or_default(None)
('en', 'id', 'id')
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")
DEFAULT_LANG: Lang = "id"
HERE = Path(__file__).resolve().parent


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def lang_or_default(lang: str | None) -> Lang:
    """``"en"`` for English (any case), else Bahasa Indonesia."""
    return "en" if (lang or "").strip().lower() == "en" else "id"


def catalogue_names() -> list[str]:
    """The catalogues shipped (file stems)."""
    return sorted(p.stem for p in HERE.glob("*.yaml"))


@cache
def catalogue(name: str) -> Mapping[str, Mapping[str, str]]:
    """The messages of catalogue ``name``: id -> {"id": text, "en": text}. Raises KeyError if there is none."""
    path = HERE / f"{name}.yaml"
    if not path.is_file():
        raise KeyError(f"no message catalogue {name!r} (have: {', '.join(catalogue_names())})")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a message catalogue maps message ids to {{id: ..., en: ...}}")
    return data


def entry(key: str) -> Mapping[str, str]:
    """The two texts of ``key`` (``catalogue.id``). Raises KeyError for an unknown key."""
    name, _, mid = key.partition(".")
    try:
        return catalogue(name)[mid]
    except KeyError:
        raise KeyError(f"no message {key!r}") from None


def t(key: str, lang: str | None = DEFAULT_LANG, /, **kw: object) -> str:
    """Message ``key`` (``catalogue.id``) in ``lang`` with the ``{placeholders}`` filled from ``kw``."""
    text = entry(key)[lang_or_default(lang)]
    return string.Formatter().vformat(text, (), _Keep(kw))


def both(key: str, /, **kw: object) -> dict[str, str]:
    """Message ``key`` in every language: {"id": ..., "en": ...}."""
    return {lang: t(key, lang, **kw) for lang in LANGS}


def translator(name: str):
    """A ``t`` bound to one catalogue: ``_t = translator("cli"); _t("rows", "en", n=3)``."""

    def bound(mid: str, lang: str | None = DEFAULT_LANG, /, **kw: object) -> str:
        return t(f"{name}.{mid}", lang, **kw)

    bound.__doc__ = f"Message of the {name!r} catalogue."
    return bound


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a text expects.

    >>> sorted(placeholders("{n} baris di {file} ({{literal}})"))
    ['file', 'n']
    """
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None and f != ""}
