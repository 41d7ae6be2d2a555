"""Submission history: what each load of a file's graph held, so the next load can be compared with it.

A re-load replaces a file's graph, so without a record the previous submission is gone. Every load
adds one *submission record* to the history graph (``{base}graph/riwayat-pengiriman``): when, by whom,
which file graph, and for each application in it its IRI, name, instansi, managing OPD and a digest of
everything the file says about it (its row number aside, so moving a row is not a change). The
completeness dashboard (``spbe_kg.queries.completeness``) compares the newest record of a graph with
the one before it: applications added, removed and changed.

A record is a ``prov:Entity`` that is ``prov:specializationOf`` the file graph, with
``prov:generatedAtTime``, ``dcterms:creator`` (who loaded it, when known) and the application list as
one JSON ``rdf:value`` (a compact form: a national file has thousands of applications). At most
``keep`` records (default 10) are kept per graph.

Two ways in:

- :func:`history_nquads` + :func:`prune_history` — ``load_into_store`` adds the record to the same
  atomic bulk load as the data (readers never see data without its record) and drops the oldest;
- :func:`record_submission` — for a graph already in the store (e.g. a server's ``POST /load`` that
  loaded by other means): reads the graph back and writes its record in one update.

>>> import pyoxigraph as ox
>>> from spbe_kg.settings import Settings
>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> st, s = EmbeddedStore(None), Settings(store="memory", base_iri="https://x.example/id/")
>>> g, app = "https://x.example/id/graph/a-csv", "https://x.example/id/aplikasi/k/o/simpeg"
>>> def put(desc):
...     st.replace_graphs([g], [ox.Quad(ox.NamedNode(app), ox.NamedNode(RDF_TYPE), ox.NamedNode(SPBE + "Aplikasi"), ox.NamedNode(g)),
...         ox.Quad(ox.NamedNode(app), ox.NamedNode(SPBE + "deskripsi"), ox.Literal(desc), ox.NamedNode(g))])
>>> put("Kepegawaian"); first = record_submission(st, g, settings=s, when="2026-01-01T00:00:00Z", by="Kab. K")
>>> put("Kepegawaian daerah"); second = record_submission(st, g, settings=s, when="2026-02-01T00:00:00Z")
>>> [x.when for x in history(st, s)[g]]
['2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z']
>>> changes(first, second)
Changes(added=[], removed=[], changed=['https://x.example/id/aplikasi/k/o/simpeg'])
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from spbe_kg.ontology.iris import slug
from spbe_kg.service.store.base import Store
from spbe_kg.settings import Settings

log = logging.getLogger(__name__)

SPBE = "https://w3id.org/spbe/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
PROV = "http://www.w3.org/ns/prov#"
DCT_CREATOR = "http://purl.org/dc/terms/creator"
XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
APP_TYPES = frozenset(SPBE + t for t in ("Aplikasi", "AplikasiUmum", "AplikasiKhusus"))
NOT_CONTENT = frozenset({SPBE + "barisSumber"})  # where the row sits is not what the row says
KEEP = 10


@dataclass(frozen=True)
class AppState:
    """One application as a submission held it."""

    digest: str
    name: str = ""
    instansi: str = ""
    opd: str = ""


@dataclass
class Submission:
    iri: str
    graph: str
    when: str  # xsd:dateTime text (UTC)
    by: str | None = None
    apps: dict[str, AppState] = field(default_factory=dict)


@dataclass
class Changes:
    added: list[str]
    removed: list[str]
    changed: list[str]


def history_graph(settings: Settings) -> str:
    """The named graph holding every submission record."""
    return settings.base_iri + "graph/riwayat-pengiriman"


def canonical_ntriples(data: bytes, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES, graph: str | None = None) -> str:
    """``data`` re-serialised by pyoxigraph as N-Triples (one graph of it when ``graph`` is given), so that a
    digest does not depend on who wrote the text (the loader's escaping, a remote server's) — in Rust,
    without making a Python object per statement (a national file has ~750,000)."""
    mem = ox.Store()
    mem.bulk_load(data, format=fmt)
    src = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    return mem.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=src).decode("utf-8")  # type: ignore[union-attr]


_UNESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)')
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _literal_value(term: str) -> str:
    """The lexical form of an N-Triples literal (``"a\\"b"@id`` -> ``a"b``); an IRI without its brackets."""
    if term.startswith("<"):
        return term[1:-1]
    if not term.startswith('"'):
        return term
    body = term[1:term.rindex('"')]
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] in "uU" and len(m.group(1)) > 1
                         else _SIMPLE.get(m.group(1), m.group(1)), body)


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # control characters but the line feed
_CONTROL_CHARS = tuple(chr(c) for c in (*range(0x00, 0x0a), *range(0x0b, 0x20), 0x7f))


def graph_ntriples(lines: Sequence[str], graph: str) -> str:
    """A conversion's N-Quads lines of ``graph`` as canonical N-Triples text. The loader writes N-Triples
    terms as pyoxigraph does except for control characters in literals (pyoxigraph escapes a tab, the loader
    keeps it), so only a line holding one is re-serialised; the rest is one string replacement."""
    text = "".join(lines).replace(f" <{graph}> .\n", " .\n")
    if not any(c in text for c in _CONTROL_CHARS):  # substring tests run in C, far faster than a regex scan
        return text
    return "".join(canonical_ntriples(t.encode()) if _CONTROL.search(t) else t for t in text.splitlines(keepends=True))


def summarise_ntriples(text: str) -> dict[str, AppState]:
    """The applications in canonical N-Triples ``text`` with a digest of each one's statements."""
    by_subject: dict[str, list[str]] = {}
    apps: set[str] = set()
    facts: dict[str, dict[str, str]] = {}
    type_p, app_types = f"<{RDF_TYPE}>", {f"<{t}>" for t in APP_TYPES}
    skip, wanted = {f"<{p}>" for p in NOT_CONTENT}, {f"<{SPBE}{p}>": p for p in ("nama", "instansi", "opdPengelola")}
    add = by_subject.setdefault
    for line in text.splitlines():
        if line[:1] != "<":
            continue  # blank-node subjects are not applications
        s, p, o = line.split(" ", 2)
        o = o[:-2]  # " ."
        if p == type_p and o in app_types:
            apps.add(s)
        elif p in skip:
            continue
        add(s, []).append(p + " _:b" if o[:2] == "_:" else p + " " + o)
        if p in wanted:
            facts.setdefault(s, {}).setdefault(wanted[p], o)
    out = {}
    for a in sorted(apps):
        digest = hashlib.sha256("\n".join(sorted(by_subject.get(a, []))).encode()).hexdigest()[:16]
        f = {k: _literal_value(v) for k, v in facts.get(a, {}).items()}
        out[a[1:-1]] = AppState(digest, f.get("nama", ""), f.get("instansi", ""), f.get("opdPengelola", ""))
    return out


def _load_time_of(text: str, graph_iri: str) -> str:
    """The graph's own ``prov:generatedAtTime`` in N-Triples ``text`` (the loader writes it), else now."""
    head = f"<{graph_iri}> <{PROV}generatedAtTime> "
    stamps, at = [], text.find(head)
    while at >= 0 and (at == 0 or text[at - 1] == "\n"):
        end = text.find("\n", at)
        stamps.append(_literal_value(text[at + len(head):end if end >= 0 else None].rstrip(" .")))
        at = text.find(head, at + 1)
    return max(stamps) if stamps else _now()


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _record_quads(settings: Settings, graph: str, apps: dict[str, AppState], when: str, by: str | None) -> list[ox.Quad]:
    content = "".join(f"{k} {a.digest}\n" for k, a in sorted(apps.items()))
    tag = hashlib.sha256(f"{graph} {when} {content}".encode()).hexdigest()[:12]
    node = ox.NamedNode(f"{settings.base_iri}pengiriman/{slug(graph.rsplit('/', 1)[-1])}/{tag}")
    h = ox.NamedNode(history_graph(settings))
    body = json.dumps({"v": 1, "apps": {k: [a.digest, a.name, a.instansi, a.opd] for k, a in apps.items()}},
                      ensure_ascii=False, separators=(",", ":"))
    q = [ox.Quad(node, ox.NamedNode(RDF_TYPE), ox.NamedNode(PROV + "Entity"), h),
         ox.Quad(node, ox.NamedNode(PROV + "specializationOf"), ox.NamedNode(graph), h),
         ox.Quad(node, ox.NamedNode(PROV + "generatedAtTime"), ox.Literal(when, datatype=ox.NamedNode(XSD_DATETIME)), h),
         ox.Quad(node, ox.NamedNode(RDF_VALUE), ox.Literal(body), h)]
    if by:
        q.append(ox.Quad(node, ox.NamedNode(DCT_CREATOR), ox.Literal(by), h))
    return q


def history_nquads(parts: Sequence[tuple[str, list[str]]], graphs: Sequence[str], *, settings: Settings,
                   when: str | None = None, by: str | None = None) -> bytes:
    """N-Quads of one submission record per graph of ``graphs``, from a conversion's ``parts``
    (graph IRI -> N-Quads lines), to be bulk-loaded with the data."""
    out: list[ox.Quad] = []
    for g in graphs:
        text = graph_ntriples([line for pg, ls in parts if pg == g for line in ls], g)
        out += _record_quads(settings, g, summarise_ntriples(text), when or _load_time_of(text, g), by)
    return "".join(f"{q} .\n" for q in out).encode()


def _old_records(store: Store, graphs: Sequence[str], settings: Settings, keep: int) -> list[str]:
    """Records beyond the newest ``keep`` of each graph (oldest first to go)."""
    if not graphs:
        return []
    values = " ".join(f"<{g}>" for g in graphs)
    rows = store.query(f"""SELECT ?g ?r ?t WHERE {{ VALUES ?g {{ {values} }}
        GRAPH <{history_graph(settings)}> {{ ?r <{PROV}specializationOf> ?g ; <{PROV}generatedAtTime> ?t }} }}""")
    per: dict[str, list[tuple[str, str]]] = {}
    for r in rows:  # type: ignore[union-attr]
        per.setdefault(r["g"].value, []).append((r["t"].value, r["r"].value))
    return [iri for recs in per.values() for _, iri in sorted(recs, reverse=True)[keep:]]


def prune_history(store: Store, graphs: Sequence[str], *, settings: Settings, keep: int = KEEP) -> int:
    """Drop all but the newest ``keep`` records of each graph; returns how many were dropped."""
    old = _old_records(store, graphs, settings, keep)
    if old:
        h = history_graph(settings)
        store.update(" ;\n".join(f"DELETE WHERE {{ GRAPH <{h}> {{ <{r}> ?p ?o }} }}" for r in old))
    return len(old)


def record_submission(store: Store, graph_iri: str, *, settings: Settings, when: str | None = None,
                      by: str | None = None, keep: int = KEEP) -> Submission:
    """Record what ``graph_iri`` holds now as a new submission (time: ``when``, else the graph's
    ``prov:generatedAtTime``, else now; ``by``: who loaded it) and keep the newest ``keep`` records."""
    text = canonical_ntriples(store.export_graph(graph_iri, ox.RdfFormat.N_TRIPLES))
    when = when or _load_time_of(text, graph_iri)
    apps = summarise_ntriples(text)
    quads = _record_quads(settings, graph_iri, apps, when, by)
    store.add_quads(quads)
    prune_history(store, [graph_iri], settings=settings, keep=keep)
    return Submission(str(quads[0].subject)[1:-1], graph_iri, when, by, apps)


def history(store: Store, settings: Settings, *, graphs: Sequence[str] | None = None,
            timeout_s: float | None = None) -> dict[str, list[Submission]]:
    """Every kept submission record, per file graph, newest first."""
    values = f"VALUES ?g {{ {' '.join(f'<{g}>' for g in graphs)} }}" if graphs else ""
    rows = store.query(f"""SELECT ?g ?r ?t ?v ?by WHERE {{ {values}
        GRAPH <{history_graph(settings)}> {{ ?r <{PROV}specializationOf> ?g ; <{PROV}generatedAtTime> ?t ;
          <{RDF_VALUE}> ?v . OPTIONAL {{ ?r <{DCT_CREATOR}> ?by }} }} }}""", timeout_s=timeout_s)
    out: dict[str, list[Submission]] = {}
    for r in rows:  # type: ignore[union-attr]
        try:
            body = json.loads(r["v"].value)
            apps = {k: AppState(*v) for k, v in body.get("apps", {}).items()}
        except (ValueError, TypeError):
            log.warning("submission record %s: unreadable application list", r["r"].value)
            apps = {}
        by = r["by"].value if r["by"] is not None else None
        out.setdefault(r["g"].value, []).append(Submission(r["r"].value, r["g"].value, r["t"].value, by, apps))
    for recs in out.values():
        recs.sort(key=lambda s: s.when, reverse=True)
    return out


def changes(previous: Submission | None, current: Submission, *, instansi: str | None = None,
            opd: str | None = None) -> Changes:
    """Applications added, removed and changed from ``previous`` to ``current`` (optionally only those of
    one instansi or one OPD). With no previous record everything counts as added."""
    def keep(a: AppState) -> bool:
        return (instansi is None or a.instansi == instansi) and (opd is None or a.opd == opd)

    before = {k: a for k, a in (previous.apps if previous else {}).items() if keep(a)}
    now = {k: a for k, a in current.apps.items() if keep(a)}
    return Changes(added=sorted(now.keys() - before.keys()), removed=sorted(before.keys() - now.keys()),
                   changed=sorted(k for k in now.keys() & before.keys() if now[k].digest != before[k].digest))
