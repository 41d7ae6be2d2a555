"""``GET /rules`` as a page of the site: the rule catalogue with the shared navigation, toggle and style.

Rule messages are SHACL ``sh:message`` templates; their placeholders (``{?value}``, ``{$this}``) are shown
as readable words in the page's language ("nilai" / "value", "fokus" / "focus") instead of the raw syntax.

>>> str(readable_message("URL {?value} tidak valid", "id"))
'URL <var class="ph">nilai</var> tidak valid'
>>> str(readable_message("<b> {$this}", "en"))
'&lt;b&gt; <var class="ph">this record</var>'
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from spbe_kg.i18n import t

PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_]\w*)\}")
_WORDS = {"value": "rules_ph_value", "this": "rules_ph_this", "path": "rules_ph_path"}


def readable_message(template: str, lang: str) -> Markup:
    """The message template as HTML with each placeholder a ``<var>`` word in ``lang`` (text escaped)."""
    out: list[str] = []
    pos = 0
    for m in PLACEHOLDER.finditer(template):
        out.append(str(escape(template[pos:m.start()])))
        key = _WORDS.get(m.group(1))
        word = t(f"pages.{key}", lang) if key else m.group(1)
        out.append(f'<var class="ph">{escape(word)}</var>')
        pos = m.end()
    out.append(str(escape(template[pos:])))
    return Markup("".join(out))


def short_path(path: str | None) -> str:
    """The property path with the ontology's prefix (``spbe:url``)."""
    if not path:
        return ""
    return re.sub(r"<https://w3id\.org/spbe/ontology#([^>]+)>", r"spbe:\1", path).replace(
        "https://w3id.org/spbe/ontology#", "spbe:")
