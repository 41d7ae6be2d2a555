"""User-facing texts of decisions and the roadmap: the ``roadmap`` catalogue of ``spbe_kg.i18n`` (roadmap.yaml).

>>> DecisionError("unknown-kind", kind="x").text("en").startswith("Unknown decision kind x.")
True
>>> t("action_hentikan", "en"), action_label("migrasi-aplikasi-umum", "id")
('Retire', 'Migrasi ke Aplikasi Umum')
"""

from __future__ import annotations

from spbe_kg.i18n import catalogue, translator

KINDS = ("konfirmasi-klaster", "tolak-klaster", "tolak-pasangan", "pisah-klaster", "gabung-klaster",
         "ubah-target", "ubah-disposisi", "ubah-rencana", "terima-kode", "tolak-kode")
ACTIONS = ("kembangkan", "pertahankan", "integrasi", "migrasi", "migrasi-aplikasi-umum", "hentikan")
STATUSES = ("direncanakan", "berjalan", "selesai", "ditunda", "dibatalkan")
DISPOSITIONS = ("tolerate", "invest", "migrate", "eliminate")
DECISION_STATUSES = ("dikonfirmasi", "dibuka-kembali", "usulan")

#: HTTP status of each refusal (the texts are ``err_<key>`` in the catalogue).
STATUS_CODE = {
    "unknown-kind": 400, "unknown-iri": 400, "unknown-opd": 400, "cluster-gone": 409, "not-member": 400,
    "split-parts": 400, "merge-count": 400, "pair-count": 400, "needs": 400, "bad-disposition": 400,
    "bad-status": 400, "bad-year": 400, "not-year": 400, "unknown-item": 404, "unknown-target": 400,
    "unknown-code": 400, "scope": 403, "scope-cross": 403, "unknown-instansi": 400, "body": 400,
    "body-key": 400, "body-list": 400, "body-text": 400,
}
_t = translator("roadmap")


def _catalogue():
    return catalogue("roadmap")


def t(key: str, lang: str | None = "id", /, **kw: object) -> str:
    """Message ``key`` of the ``roadmap`` catalogue (spbe_kg/i18n/roadmap.yaml) in ``lang``."""
    return _t(key, lang, **kw)


def both(key: str, /, **kw: object) -> dict[str, str]:
    return {lang: t(key, lang, **kw) for lang in ("id", "en")}


def _k(value: str) -> str:
    return value.replace("-", "_")


def action_label(action: str, lang: str) -> str:
    return t(f"action_{_k(action)}", lang) if action in ACTIONS else action


def status_label(status: str, lang: str) -> str:
    return t(f"status_{status}", lang) if status in STATUSES else status


def texts(prefix: str, lang: str) -> dict[str, str]:
    """Every message whose key starts with ``prefix``, by the rest of the key (e.g. a page's texts)."""
    return {k[len(prefix):]: t(k, lang) for k in _catalogue() if k.startswith(prefix)}


def decision_status_label(status: str, lang: str) -> str:
    return t(f"dstatus_{_k(status)}", lang) if status in DECISION_STATUSES else status


class DecisionError(Exception):
    """A rejected decision or roadmap request: nothing was changed. ``text(lang)`` is the user message;
    ``fmt`` values that are message keys of the catalogue (``needs_*``) are translated too."""

    def __init__(self, key: str, **fmt) -> None:
        self.key = key
        self.fmt = fmt
        self.status = STATUS_CODE[key]
        super().__init__(self.text("id"))

    def text(self, lang: str = "id") -> str:
        fmt = {k: (t(v, lang) if isinstance(v, str) and v.startswith("needs_") and v in _catalogue() else v)
               for k, v in self.fmt.items()}
        return t(f"err_{_k(self.key)}", lang, **fmt)
