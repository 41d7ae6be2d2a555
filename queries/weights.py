"""The duplicate finder's evidence weights and fixed cut-offs, loaded once from ``queries/weights.yaml``.

>>> from spbe_kg.queries.weights import WEIGHTS
>>> WEIGHTS.evidence.host, WEIGHTS.cutoffs.joined_block_score
(0.9, 0.95)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

import yaml

WEIGHTS_FILE = Path(str(files(__package__ or "spbe_kg.queries"))) / "weights.yaml"


@dataclass(frozen=True)
class EvidenceWeights:
    national: float
    host: float
    name_exact: float
    name_fuzzy: float
    acronym: float
    subset: float
    description: float
    code: float


@dataclass(frozen=True)
class Cutoffs:
    name_fuzzy_min_when_hosts_conflict: float
    shared_host_other_path_factor: float
    description_evidence_factor: float
    name_neighbour_min_similarity: float
    joined_block_score: float


@dataclass(frozen=True)
class Weights:
    evidence: EvidenceWeights
    cutoffs: Cutoffs


T = TypeVar("T")


def _section(path: Path, data: dict[str, Any], key: str, cls: type[T]) -> T:
    sec = data.get(key)
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    if not isinstance(sec, dict) or set(sec) != names:
        got = set(sec) if isinstance(sec, dict) else set()
        raise ValueError(f"{path}: section '{key}' must have exactly {sorted(names)}; "
                         f"missing {sorted(names - got)}, unknown {sorted(got - names)}")
    bad = [k for k, v in sec.items() if isinstance(v, bool) or not isinstance(v, int | float) or v < 0]
    if bad:
        raise ValueError(f"{path}: section '{key}': {', '.join(sorted(bad))} must be non-negative numbers")
    return cls(**{k: float(v) for k, v in sec.items()})


def load_weights(path: Path = WEIGHTS_FILE) -> Weights:
    """Read and check a weights file (every key present, numbers only)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Weights(_section(path, data, "evidence", EvidenceWeights), _section(path, data, "cutoffs", Cutoffs))


WEIGHTS: Weights = load_weights()
