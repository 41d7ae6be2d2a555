"""Validation API (cross-team API (C)): validate an upload's quads or a whole store against the shapes.

Two engines give the same results (tests prove it on the example inventory and on data breaking every
rule): ``pyshacl`` (the reference, no inference) and ``sparql`` (the project's shapes compiled to SPARQL
and run on pyoxigraph or the store). ``auto`` (default) uses ``sparql`` when every shape — including the
user's ``extra_shapes`` — is in the compiled subset, else pySHACL.

>>> import pyoxigraph as ox
>>> from spbe_kg.settings import Settings
>>> S = "https://w3id.org/spbe/ontology#"
>>> app = ox.NamedNode("https://w3id.org/spbe/id/aplikasi/x/y/z")
>>> q = [ox.Quad(app, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(S + "Aplikasi"))]
>>> rep = validate_quads(q, settings=Settings(store="memory"))
>>> rep.conforms, sorted({r.rule_name for r in rep.results if r.severity == "Violation"})
(False, ['JenisAplikasiWajib', 'NamaWajib', 'OpdPengelolaWajib', 'StatusWajib'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from spbe_kg.i18n import t
from spbe_kg.service.store.base import Capability, Store
from spbe_kg.settings import Settings

from .catalog import Rule, catalogue
from .compile import Unsupported, compile_shapes
from .engine_pyshacl import run_pyshacl, to_rdflib
from .engine_sparql import run_checks
from .provenance import labels, locate
from .result import FAIL_LEVELS, SEVERITIES, RawResult, Report, Result
from .scope import ReferenceIndex, scoped_quads
from .shapes_graph import ShapesError, load_shapes

__all__ = ["validate_quads", "validate_store", "add_loader_errors", "Report", "Result", "ShapesError",
           "ValidationError"]

Engine = Literal["auto", "sparql", "pyshacl"]
_REF = "https://w3id.org/spbe/ref/"


class ValidationError(Exception):
    """A usage problem (unknown level or engine, shapes outside the compiled subset). User message."""


@lru_cache(maxsize=1)
def _default_reference() -> tuple[tuple[ox.Quad, ...], ReferenceIndex]:
    from spbe_kg.ontology.reference import reference_quads

    quads = tuple(reference_quads())
    return quads, ReferenceIndex(quads)


def _check_args(fail_on: str, engine: str) -> None:
    if fail_on not in FAIL_LEVELS:
        raise ValidationError(f"--fail-on: {fail_on!r} (violation | warning | info)")
    if engine not in ("auto", "sparql", "pyshacl"):
        raise ValidationError(f"--engine: {engine!r} (auto | sparql | pyshacl)")


def _compiled(engine: str, shapes):
    """The compiled checks when the fast path is to run, else ``None`` (pySHACL)."""
    if engine == "pyshacl":
        return None
    try:
        return compile_shapes(shapes)
    except Unsupported as e:
        if engine == "sparql":
            raise ValidationError(
                f"mesin sparql tidak mendukung shapes ini / the sparql engine cannot run these shapes: {e}") from e
        return None


def _engine_run(checks, shapes, store_for_sparql, quads_for_pyshacl) -> tuple[list[RawResult], str]:
    if checks is not None:
        return run_checks(store_for_sparql, checks), "sparql"
    data = quads_for_pyshacl() if callable(quads_for_pyshacl) else quads_for_pyshacl
    return run_pyshacl(to_rdflib(data), shapes), "pyshacl"


def validate_quads(quads: Iterable[ox.Quad], *, settings: Settings, fail_on: str = "violation",
                   extra_shapes: Sequence[Path] = (), scope: Literal["upload", "store"] = "upload",
                   engine: Engine = "auto", reference: Sequence[ox.Quad] | None = None,
                   inputs: Sequence[str] = ()) -> Report:
    """Validate quads (e.g. ``convert_files(...).quads``).

    ``scope="upload"``: the quads plus the reference data they point to (see :mod:`.scope`);
    ``scope="store"``: the quads plus the whole reference graph. ``reference`` defaults to the bundled one.
    """
    _check_args(fail_on, engine)
    shapes = load_shapes(extra_shapes)
    quads = list(quads)
    if reference is None:
        ref_quads, index = _default_reference()
    else:
        ref_quads, index = tuple(reference), ReferenceIndex(reference)
    data = scoped_quads(quads, index) if scope == "upload" else quads + list(ref_quads)
    store = ox.Store()
    store.extend(q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object) for q in data)
    raw, used = _engine_run(_compiled(engine, shapes), shapes, store, data)
    return _report(raw, store, shapes, fail_on, used, scope, inputs, settings)


def validate_store(store: Store, *, settings: Settings, fail_on: str = "violation", extra_shapes: Sequence[Path] = (),
                   engine: Engine = "auto") -> Report:
    """Validate everything in a store (any backend of the storage protocol; read-only)."""
    _check_args(fail_on, engine)
    shapes = load_shapes(extra_shapes)

    def dump() -> list[ox.Quad]:
        return list(ox.parse(store.export_dataset(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS))

    checks = _compiled(engine, shapes)
    target = _in_memory(store) if checks is not None else store
    raw, used = _engine_run(checks, shapes, target, dump)
    from .saran_info import add_suggestions  # Info: stored code suggestions (issue 10)

    return add_suggestions(_report(raw, target, shapes, fail_on, used, "store", [], settings), store, settings)


def _in_memory(store: Store):
    """Where the store asks for it (``Capability.IN_MEMORY_COPY``) the checks run on its in-memory copy:
    several times faster than RocksDB lookups for an on-disk store (~0.6 GB at national scale), and
    right where a server answers some checks wrongly (Virtuoso). Other stores are queried where they are."""
    return store.in_memory_copy() if store.supports(Capability.IN_MEMORY_COPY) else store


def _short(term_value: str, labels_: dict[str, str]) -> str:
    if term_value in labels_:
        return labels_[term_value]
    if term_value.startswith(_REF):
        return term_value[len(_REF):]
    return term_value


def _first_iri(path: str) -> str:
    """The column a path's value comes from: the path's IRI, or the first IRI of a complex path."""
    m = re.search(r"<([^>]+)>", path)
    return m.group(1) if m else path


def _fill(template: str, focus_label: str, value_text: str) -> str:
    s = template.replace("{?value}", value_text).replace("{$value}", value_text)
    s = s.replace("{$this}", focus_label).replace("{?this}", focus_label)
    return re.sub(r"\{[?$][A-Za-z_]\w*\}", "", s)


def _report(raw: list[RawResult], store, shapes, fail_on: str, engine: str, scope: str,
            inputs: Sequence[str], settings) -> Report:
    rules = catalogue(shapes)
    by_id: dict[str, Rule] = {r.id: r for r in rules}
    focus_iris = {r.focus.value for r in raw if isinstance(r.focus, ox.NamedNode)}
    locs = locate(store, focus_iris)
    value_iris = {r.value.value for r in raw if isinstance(r.value, ox.NamedNode)}
    names = labels(store, value_iris)
    results: list[Result] = []
    for r in raw:
        focus = r.focus.value if isinstance(r.focus, ox.NamedNode) else str(r.focus)
        loc = locs.get(focus)
        value = None if r.value is None else r.value.value
        kind = None if r.value is None else (
            "iri" if isinstance(r.value, ox.NamedNode) else "literal" if isinstance(r.value, ox.Literal) else "bnode")
        value_text = "" if value is None else (_short(value, names) if kind == "iri" else value)
        rule = by_id.get(r.shape)
        flabel = (loc.label if loc else None) or focus
        msgs = []
        for lang in ("id", "en"):
            tpl = rule.message(lang) if rule and rule.message(lang) else t(
                "validation.component_on", lang, component=r.component, path=r.path or focus)
            msgs.append(_fill(tpl, flabel, value_text))
        col = loc.columns.get(_first_iri(r.path)) if (loc and r.path) else None
        results.append(Result(
            rule_id=r.shape, severity=r.severity, focus=focus, path=r.path, value=value,
            message_id=msgs[0], message_en=msgs[1],
            file=loc.file if loc else None, sheet=loc.sheet if loc else None, row=loc.row if loc else None,
            column=col[0] if col else None, header=col[1] if col else None,
            opd=loc.opd if loc else None, focus_label=loc.label if loc else None,
            component=r.component, value_kind=kind,
            line=loc.line if loc else None, census_no=loc.census_no if loc else None,
        ))
    sev = {s: i for i, s in enumerate(SEVERITIES)}
    results.sort(key=lambda x: (x.file or "\uffff", x.row if x.row is not None else 10**9, sev.get(x.severity, 9),
                                x.rule_id, x.focus, x.value or ""))
    levels = FAIL_LEVELS[fail_on]
    return Report(conforms=not any(x.severity in levels for x in results), results=results, fail_on=fail_on,
                  engine=engine, scope=scope, inputs=list(inputs), rules=rules)


LOADER_RULE = Rule(
    id="https://w3id.org/spbe/shapes/pemuat#BarisTerbaca", domain="pemuat", severity="Violation",
    name_id="Baris inventaris dapat dimuat", name_en="Inventory row can be loaded",
    message_id="Baris tidak dapat dimuat sehingga tidak divalidasi: {reason}",
    message_en="The row could not be loaded, so it was not validated: {reason}",
    path=None, constraints=("loader",), target="Inventory row")


def add_loader_errors(report: Report, rows, settings: Settings) -> Report:
    """Add the loader's rows in error (``ConversionResult.rows`` with status ``error``) as Violation results of
    the pseudo-rule :data:`LOADER_RULE`, at their file/sheet/row/column, so CI reports show them too."""
    from spbe_kg.ontology.iris import Minter

    minter = Minter(settings.base_iri)
    bad = [r for r in rows if r.status == "error"]
    if not bad:
        return report
    if LOADER_RULE not in report.rules:
        report.rules.append(LOADER_RULE)
    for r in bad:
        report.results.append(Result(
            rule_id=LOADER_RULE.id, severity="Violation",
            focus=r.resource or str(minter.row(r.file, r.sheet or r.file.rsplit(".", 1)[0], r.row)), path=None,
            value=None, message_id=LOADER_RULE.message_id.format(reason=r.reason),
            message_en=LOADER_RULE.message_en.format(reason=r.reason), file=r.file, sheet=r.sheet, row=r.row,
            column=r.column, component="LoaderRowError"))
    report.results.sort(key=lambda x: (x.file or "\uffff", x.row if x.row is not None else 10**9,
                                       SEVERITIES.index(x.severity), x.rule_id, x.focus, x.value or ""))
    report.conforms = not any(x.severity in FAIL_LEVELS[report.fail_on] for x in report.results)
    return report
