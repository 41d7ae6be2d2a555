"""The loader API (cross-team API (B)): ``convert_files`` and ``load_into_store``.

>>> import tempfile, pathlib
>>> from spbe_kg.settings import Settings
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "inv.csv").write_text("pemda,opd_pengelola,nama_aplikasi,url\\n"
...     "Kab. Madiun,Dinas Sosial,SIKS-NG,https://siks.kemensos.go.id\\nKab. Madiun,Dinas Sosial,-,\\n")
>>> r = convert_files([d / "inv.csv"], settings=Settings(base_iri="https://data.example.go.id/spbe/"))
>>> [(o.row, o.status) for o in r.rows]
[(2, 'loaded'), (3, 'skipped')]
>>> r.rows[0].resource
'https://data.example.go.id/spbe/aplikasi/pemerintah-kabupaten-madiun/dinas-sosial/siks-ng'
>>> r.graphs
['https://data.example.go.id/spbe/graph/inv-csv']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from spbe_kg.ontology.iris import Minter, slug
from spbe_kg.ontology.reference import ensure_reference
from spbe_kg.service.store.base import Store
from spbe_kg.settings import Settings

from . import graph_scope, submissions
from .errors import LoaderError
from .layout import NotInventory, detect
from .mapping import Mapping, load_mapping
from .messages import msg
from .national_match import NationalMatcher, default_matcher
from .outcome import ConversionResult, FileSummary, RowOutcome
from .progress import Progress
from .provenance import file_lines, load_time, sha256_of, sheet_lines
from .rdf_builder import FileBuilder
from .readers import kind_of, read_raw
from .readers.limits import XlsxLimits

__all__ = ["convert_files", "load_into_store", "ConversionResult", "RowOutcome", "FileSummary", "LoaderError"]

RDF_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
               ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD}


def convert_files(paths: Sequence[Path], *, settings: Settings, mapping: Path | None = None, instansi: str | None = None,
                  sheet: str | None = None, partial: bool = False, delimiter: str | None = None,
                  encoding: str | None = None, matcher: NationalMatcher | None = None,
                  progress: Progress | None = None, lookup_dir: Path | None = None) -> ConversionResult:
    """Convert inventory files to quads, one named graph per file. Raises LoaderError for whole-file problems.

    ``lookup_dir``: the only folder the mapping's lookup files may come from (uploads; see ``load_mapping``).

    ``progress`` (optional) is told how many rows there are and how many are done (:mod:`.progress`)."""
    lang = settings.lang
    if not paths:
        raise LoaderError(msg("no_files", lang))
    mp: Mapping | None = None
    if mapping is not None:
        mp = load_mapping(Path(mapping), lang=lang, delimiter=delimiter, encoding=encoding, lookup_dir=lookup_dir)
    sheet = sheet if sheet is not None else (mp.sheet if mp else None)
    matcher = matcher if matcher is not None else default_matcher()
    minter = Minter(settings.base_iri)
    when = load_time(settings.loaded_at)
    result = ConversionResult(partial=partial)
    for path in map(Path, paths):
        if not path.is_file():
            raise LoaderError(msg("file_missing", lang, file=str(path)))
        kind = kind_of(path, lang)
        graph = str(minter.file_graph(path.name))
        try:
            digest = sha256_of(path)
        except OSError as e:
            raise LoaderError(msg("file_unreadable", lang, file=path.name, detail=e.strerror or str(e))) from None
        summary = FileSummary(file=path.name, path=str(path), graph=graph, sha256=digest, kind=kind)
        if kind == "rdf":
            lines, extra = _passthrough(path, graph, lang, digest)
            result.foreign_graphs += [(path.name, g) for g, _ in extra if not graph_scope.own(graph, g)]
        else:
            try:
                lines, extra = _tabular(path, graph, summary, result, settings, mp, instansi, sheet, delimiter,
                                        encoding, matcher, minter, progress), []
            except NotInventory:
                summary.notes.append(msg("not_inventory", lang, file=path.name))
                summary.graph = ""
                result.files.append(summary)
                continue
        end = f" <{graph}> .\n"
        lines.extend(t + end for t in file_lines(minter, graph, summary, when))
        summary.triples = len(lines) + sum(len(x) for _, x in extra)
        result.parts.append((graph, lines))
        result.parts.extend(extra)
        for gr in (graph, *(g for g, _ in extra)):
            if gr not in result.graphs:
                result.graphs.append(gr)
        result.files.append(summary)
    return result


def _tabular(path, graph, summary, result, settings: Settings, mp, instansi, sheet, delimiter, encoding, matcher, minter,
             progress=None):
    lang = settings.lang
    raws = read_raw(path, lang=lang, sheet=sheet, delimiter=delimiter, encoding=encoding, limits=XlsxLimits.of(settings))
    builder = FileBuilder(base_iri=settings.base_iri, file_name=path.name, graph=graph, matcher=matcher,
                          lang=lang, instansi=instansi, mapping=mp, progress=progress)
    prov: list[str] = []
    layouts = []
    for raw in raws:
        strict = len(raws) == 1
        try:
            lay = detect(raw, mp, lang, strict=strict)
        except NotInventory:
            if strict:
                raise
            summary.notes.append(msg("not_inventory", lang, file=f"{raw.file} [{raw.sheet}]"))
            continue
        if lay is None:
            if any(any(c.strip() for c in cells) for _, cells in raw.rows):
                summary.notes.append(msg("no_header", lang, where=f"{raw.file} [{raw.sheet}]", file=raw.file))
            continue
        layouts.append(lay)
    if not layouts:
        # every sheet lacked a header: report the first one as the file's problem
        detect(raws[0], mp, lang, strict=True) if raws else None
        raise LoaderError(msg("no_header", lang, where=path.name, file=path.name))
    needs_inst = not instansi and not (mp and "pemda" in mp.constants)
    for lay in layouts:
        if needs_inst and "pemda" not in lay.fields:
            raise LoaderError(f"{lay.table.where_label}: " + msg("missing_instansi", lang))
    for lay in layouts:
        t = lay.table
        sheet_name = t.sheet or ""
        sn, q = sheet_lines(minter, path.name, sheet_name, t.sheet, lay)
        prov.extend(q)
        if t.sheet:
            summary.sheets.append(t.sheet)
        mapped, unused = lay.column_report()
        summary.columns_mapped += mapped
        summary.columns_unused += unused
        outcomes = builder.build_table(lay, sheet_name, sn)
        for oc in outcomes:
            summary.rows += 1
            if oc.status == "loaded":
                summary.loaded += 1
                summary.warnings += len(oc.warnings)
            elif oc.status == "skipped":
                summary.skipped += 1
            else:
                summary.errors += 1
        result.rows.extend(outcomes)
    builder.lines.extend(t + builder.end for t in prov)
    return builder.lines


def _bnode(b: ox.BlankNode, tag: str) -> str:
    """A blank node label unique to its file (the store keeps labels: ``_:a`` of two files must differ)."""
    return f"_:{tag}{b.value}"


def _passthrough(path: Path, graph: str, lang: str, digest: str = "") -> tuple[list[str], list[tuple[str, list[str]]]]:
    """RDF files: quads keep their graph, triples go to the file's graph. Returns (file graph lines, other graphs)."""
    fmt = RDF_FORMATS[path.suffix.lower()]
    end = f" <{graph}> .\n"
    tag = "f" + slug(path.name).replace("-", "_") + "_" + (digest or "x")[:8] + "_"
    own: list[str] = []
    others: dict[str, list[str]] = {}
    try:
        with path.open("rb") as f:
            for q in ox.parse(f, format=fmt, base_iri=path.resolve().as_uri()):
                subj, obj = q.subject, q.object
                line = (f"{_bnode(subj, tag) if isinstance(subj, ox.BlankNode) else subj} {q.predicate} "
                        f"{_bnode(obj, tag) if isinstance(obj, ox.BlankNode) else obj}")
                gn = q.graph_name
                if isinstance(gn, ox.NamedNode) and gn.value != graph:
                    others.setdefault(gn.value, []).append(f"{line} {gn} .\n")
                else:  # default graph (and blank-node graph names) -> the file's graph
                    own.append(line + end)
    except SyntaxError as e:
        raise LoaderError(msg("bad_rdf", lang, file=path.name, detail=str(e)[:300])) from None
    except (OSError, ValueError) as e:
        raise LoaderError(msg("bad_rdf", lang, file=path.name, detail=str(e)[:300])) from None
    return own, list(others.items())


def _refuse_errors(result: ConversionResult, settings: Settings) -> None:
    if not result.ok and not result.partial:
        n = sum(1 for r in result.rows if r.status == "error")
        raise LoaderError(msg("rows_in_error", settings.lang, n=n))


def load_into_store(store: Store, result: ConversionResult, *, settings: Settings,
                    allow_other_graphs: bool = False, by: str | None = None, record_history: bool = True) -> str:
    """Atomically replace ``result.graphs`` with the result's quads, with the reference graph made
    current in the same step where the store can (its ``bulk_replace``: an on-disk embedded store
    opened lazily builds a bulk-loaded copy and swaps it in). Returns the strategy the store used
    (``"swap"`` or ``"transaction"``).

    With ``record_history`` (the default) the same load adds a submission record of each file's graph
    to the history graph (:mod:`.submissions`; ``by``: who loaded it) and keeps the newest ten per graph,
    so the next load can be compared with this one.

    A result with rows in error is refused unless it was converted with ``partial=True``.
    """
    _refuse_errors(result, settings)
    graph_scope.check(result, settings.lang, allow_other_graphs)  # a file writes only its own graphs
    if not record_history:
        return store.bulk_replace(result.graphs, result.nquads(), prepare=ensure_reference)
    files = [f.graph for f in result.files if f.graph in result.graphs]
    records = submissions.history_nquads(result.parts, files, settings=settings, by=by)

    def prepare(st: Store) -> None:
        ensure_reference(st)
        submissions.prune_history(st, files, settings=settings, keep=submissions.KEEP - 1)  # the new record makes KEEP

    return store.bulk_replace(result.graphs, result.nquads() + records, prepare=prepare)
