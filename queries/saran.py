"""Code suggestions for a whole store: read records and decisions, suggest, optionally write the graph.

``suggestions_for(records, nationals, store, settings)`` is what the duplicate finder calls (one pass,
shared with it); ``run(store, settings)`` is ``spbe saran jalankan``.

>>> from spbe_kg.settings import Settings
>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> run(EmbeddedStore(None), Settings(store="memory")).suggestions
[]
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import saran_store as ss
from .lexicon import lexicon_for
from .records import AppRecord, NationalRef, fetch_national, fetch_records
from .suggest import Suggestion, suggest_records


@dataclass
class SuggestionRun:
    suggestions: list[Suggestion]
    written: int | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    def by_app(self) -> dict[str, list[Suggestion]]:
        out: dict[str, list[Suggestion]] = {}
        for s in self.suggestions:
            out.setdefault(s.app, []).append(s)
        return out


def decision_state(store, settings) -> tuple[set[tuple[str, str]], dict[str, set[str]]]:
    """(rejected (app, code) pairs, accepted codes per app) from the decisions in force."""
    rejected: set[tuple[str, str]] = set()
    accepted: dict[str, set[str]] = {}
    for (app, code), d in ss.latest(ss.read_decisions(store, settings, timeout_s=settings.query_timeout_s)).items():
        if d.kind == ss.REJECT:
            rejected.add((app, code))
        else:
            accepted.setdefault(app, set()).add(code)
    return rejected, accepted


def suggestions_for(records: Sequence[AppRecord], nationals: Sequence[NationalRef], store, settings, *,
                    feats=None) -> list[Suggestion]:
    rejected, accepted = decision_state(store, settings) if store is not None else (set(), {})
    codes = ss.fetch_national_codes(store, timeout_s=settings.query_timeout_s) if store is not None else {}
    return suggest_records(records, nationals, lex=lexicon_for(settings), national_codes=codes,
                           top_k=settings.saran_top_k, min_score=settings.saran_min_score,
                           rejected=rejected, accepted=accepted, feats=feats)


def run(store, settings, *, write: bool = True) -> SuggestionRun:
    t0 = time.perf_counter()
    records = fetch_records(store, timeout_s=settings.query_timeout_s * 4)
    nationals = fetch_national(store, timeout_s=settings.query_timeout_s)
    t1 = time.perf_counter()
    sugs = suggestions_for(records, nationals, store, settings)
    t2 = time.perf_counter()
    written = ss.write_suggestions(store, sugs, settings) if write else None
    t3 = time.perf_counter()
    return SuggestionRun(sugs, written, {"baca": t1 - t0, "saran": t2 - t1, "tulis": t3 - t2})


def find(store, settings, app: str, code: str) -> Suggestion | None:
    """The stored suggestion of ``code`` for ``app`` (None if there is none)."""
    for s in ss.read_suggestions(store, settings, app, timeout_s=settings.query_timeout_s):
        if s.code == code:
            return s
    return None
