"""Draft a mapping file for an inventory's headers (``spbe mapping suggest FILE``).

Recognised headers get their field; the rest are marked for the user to place.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from spbe_kg.i18n import t

from .columns import APP_FIELDS, OPD_FIELDS, header_key
from .layout import assign_fields, find_header
from .readers import read_raw


def _q(s: str) -> str:
    return yaml.safe_dump(s, allow_unicode=True, default_style=None).strip().removesuffix("\n...").strip()


def guess(header: str, kind: str) -> str | None:
    """The field whose known header names are closest to ``header`` (rapidfuzz), if any is close.

    >>> guess("Nama App", "aplikasi"), guess("Paraf Petugas", "aplikasi")
    ('nama', None)
    """
    from rapidfuzz import fuzz, process

    from .columns import APP_SYNONYMS, IGNORE, OPD_SYNONYMS

    syn = APP_SYNONYMS if kind == "aplikasi" else OPD_SYNONYMS
    choices = {k: f for f, keys in syn.items() if f != IGNORE for k in keys if len(k) >= 4}
    best = process.extractOne(header_key(header), list(choices), scorer=fuzz.WRatio, score_cutoff=75)
    return choices[best[0]] if best else None


def suggest(path: Path, *, lang: str = "id", sheet: str | None = None, delimiter: str | None = None,
            encoding: str | None = None) -> str:
    raws = read_raw(path, lang=lang, sheet=sheet, delimiter=delimiter, encoding=encoding)
    out: list[str] = [f"# {'Draf pemetaan untuk' if lang != 'en' else 'Draft mapping for'} {path.name}"]
    for raw in raws:
        hi = find_header(raw, None)
        if hi is None:
            # no known header: take the fullest of the first rows (title rows hold one cell)
            counts = [(sum(1 for x in c if x.strip()), -i) for i, (_, c) in enumerate(raw.rows[:10])]
            if not counts or max(counts)[0] == 0:
                continue
            hi = -max(counts)[1]
        n, header = raw.rows[hi]
        header = [h.strip() for h in header]
        while header and not header[-1]:
            header.pop()
        app = assign_fields(header, "aplikasi", None)
        opd = assign_fields(header, "opd", None)
        kind = "aplikasi" if "nama" in app else "opd" if "opd_nama" in opd else "aplikasi"
        fields = app if kind == "aplikasi" else opd
        if raw.sheet is not None:
            out.append(f"# sheet: {raw.sheet}")
            if len(raws) > 1:
                out.append(f"sheet: {_q(raw.sheet)}")
        out.append(f"kind: {kind}")
        out.append(f"header_row: {n}")
        out.append("columns:")
        seen = set()
        for h, f in zip(header, fields):
            if not h or header_key(h) in seen:
                continue
            seen.add(header_key(h))
            if f:
                out.append(f"  {_q(h)}: {f}")
            else:
                g = guess(h, kind)
                hint = f" ({t('loader.suggest_maybe', lang, field=g)})" if g else ""
                out.append(f"  # {_q(h)}: {t('loader.suggest_unknown', lang)}{hint}")
        if "pemda" not in fields:
            out.append("constants:")
            out.append("  # " + t("loader.suggest_pemda", lang))
        valid = APP_FIELDS if kind == "aplikasi" else OPD_FIELDS
        out.append(t("loader.suggest_valid_fields", lang, fields=", ".join(valid)))
        if len(raws) > 1:
            break  # a mapping describes one layout; the first recognisable sheet is the draft
    return "\n".join(out) + "\n"
