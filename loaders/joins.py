"""A mapping file applied to one row: constants, value maps, and joins through lookup files.

A join key with no match in the lookup file, or an empty/placeholder key, empties the field with a warning that
names the cell: nothing is minted from an unmatched code, and the row is not failed for it.
"""

from __future__ import annotations

from . import normalize as nz
from .mapping import Mapping
from .messages import msg


def apply_mapping(m: Mapping | None, vals: dict, by_field: dict[str, list[int]], letters: list[str], lang: str,
                  warnings: list[str] | None = None) -> set[str]:
    """Constants, value maps and joins. Returns the fields a join emptied: a key with no match in the lookup
    file, or an empty/placeholder key, is a warning naming the cell (never a minted unit, never a failed row)."""
    emptied: set[str] = set()
    if m is None:
        return emptied
    for f, v in m.constants.items():
        if f not in vals:
            vals[f] = [(v, -1)]
    if m.values:
        for f, lst in vals.items():
            if f in m.values:
                vals[f] = [(m.value(f, v), i) for v, i in lst]
    for j in m.joins:
        lst = vals.get(j.field)
        if not lst:
            if j.field in by_field:  # an empty key cell: an empty value, with a warning
                emptied.add(j.field)
                if warnings is not None:
                    warnings.append(msg("join_key_empty", lang, value="", lookup=j.file.name,
                                        column=letters[by_field[j.field][0]]))
            continue
        new = []
        for v, i in lst:
            col = letters[i] if i >= 0 else "-"
            if nz.is_placeholder(v):
                key = "join_key_empty"
            else:
                hit = j.table.get(nz.loose_key(v))
                if hit is not None:
                    new.append((hit, i))
                    continue
                key = "join_miss"
            if warnings is not None:
                warnings.append(msg(key, lang, value=v[:80], lookup=j.file.name, column=col))
        if new:
            vals[j.field] = new
        else:
            del vals[j.field]
            emptied.add(j.field)
    return emptied
