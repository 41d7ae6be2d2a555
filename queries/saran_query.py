"""The ``--saran`` switch of the named queries: read declared + suggested codes instead of declared only.

A query-text rewrite: every use of ``spbe:kodeRAL``, ``spbe:kodeRAB`` or ``spbe:kodeRAA`` as a predicate
becomes the alternative path ``(spbe:kodeRAL|spbe:kodeRALDisarankan)``, where ``spbe:kodeRALDisarankan``
is the rank-1 suggestion stored in ``<base>graph/saran-kode`` (see :mod:`saran_store`). Declared codes
include accepted suggestions (graph ``kode-diterima``) in both modes. The ``.rq`` files that use codes say
so in their header (``# saran: ...``). Text inside strings, IRIs and comments is left alone.

>>> include_suggestions("SELECT * WHERE { ?a spbe:kodeRAL ?k . ?a spbe:kodeRALx ?y } # spbe:kodeRAB")
'SELECT * WHERE { ?a (spbe:kodeRAL|spbe:kodeRALDisarankan) ?k . ?a spbe:kodeRALx ?y } # spbe:kodeRAB'
>>> include_suggestions("SELECT * { ?a <https://w3id.org/spbe/ontology#kodeRAB> ?k }")
'SELECT * { ?a (<https://w3id.org/spbe/ontology#kodeRAB>|<https://w3id.org/spbe/ontology#kodeRABDisarankan>) ?k }'
"""

from __future__ import annotations

import re

_NS = "https://w3id.org/spbe/ontology#"
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<str>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\s]*>)
      | (?P<pname>\bspbe:kodeRA[ABL]\b(?![\w.-]*[\w-]))
    """,
    re.X,
)


def include_suggestions(sparql: str) -> str:
    def sub(m: re.Match) -> str:
        if m.lastgroup == "pname":
            t = m.group()
            return f"({t}|{t}Disarankan)"
        if m.lastgroup == "iri":
            t = m.group()
            inner = t[1:-1]
            if inner in (_NS + "kodeRAL", _NS + "kodeRAB", _NS + "kodeRAA"):
                return f"({t}|<{inner}Disarankan>)"
        return m.group()

    return _TOKEN.sub(sub, sparql)
