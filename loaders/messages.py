"""Bilingual (Bahasa Indonesia / English) texts for loader errors, skips and warnings.

The texts live in the ``loader`` catalogue (``spbe_kg/i18n/loader.yaml``); ``msg(id, lang, **fields)``
renders one. Each text says what is wrong and what to do about it.

>>> msg("placeholder_name", "en", value="tidak ada")
"the application name 'tidak ada' is a placeholder, not an application; the row is skipped (fill in the real name or delete the row)"
>>> msg("placeholder_name", "id", value="-").startswith("nama aplikasi '-'")
True
"""

from __future__ import annotations

from spbe_kg.i18n import t


def msg(key: str, lang: str = "id", **fields: object) -> str:
    """Render message ``key`` in ``lang`` ("id" or "en") with ``fields``."""
    return t(f"loader.{key}", lang, **fields)


def where(file: str, sheet: str | None = None, row: int | None = None, column: str | None = None,
          lang: str = "id", census_no: str | None = None) -> str:
    """'file, lembar X, baris 3 (No 2), kolom D' style location: the sheet row, and the census' own "No".

    >>> where("a.csv", None, 7, "C", "en", census_no="5")
    'a.csv, row 7 (No 5), column C'
    """
    parts = [file]
    if sheet:
        parts.append(t("loader.where_sheet", lang, sheet=sheet))
    if row is not None:
        parts.append(t("loader.where_row", lang, row=row) + (f" (No {census_no})" if census_no else ""))
    if column:
        parts.append(t("loader.where_column", lang, column=column))
    return ", ".join(parts)
