"""User-facing words of the validation command and reports: the ``validation`` catalogue
(``spbe_kg/i18n/validation.yaml``), Bahasa Indonesia and English.

>>> t("conforms", "en")
'Conforms: no results at or above the chosen level.'
>>> t("counts", "id", v=1, w=2, i=3)
'1 pelanggaran, 2 peringatan, 3 info'
"""

from __future__ import annotations

from spbe_kg.i18n import translator

t = translator("validation")
