"""The ``interop`` message catalogue (``spbe_kg/i18n/interop.yaml``): linked-data errors, exports, harvest.

>>> text("ld_unknown", "en", iri="https://e/x")
'The store holds nothing about https://e/x. Check the IRI (copy it whole) or search with /sparql.'
"""

from __future__ import annotations

from spbe_kg.i18n import translator

text = translator("interop")
