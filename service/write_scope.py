"""What a writer may change, and the PROV record of who changed it.

* The admin (``settings.write_token``) may write everything.
* A pemda token may write only its own pemda's records, into graphs that are new or its own:
  a graph is its own when the graph's metadata says so (``<g> prov:wasAttributedTo ?agent .
  ?agent prov:actedOnBehalfOf <its instansi>``, written at every load by :func:`stamp`). It may never
  write the reference graphs, the national applications, the findings or decisions graphs, nor
  another pemda's graphs: those carry no such attribution to it. An OPD token (``opd`` set) may in
  addition only load records of its own OPD.

Every load is stamped: the file's graph gets ``prov:wasAttributedTo`` an agent
(``<base>agen/admin`` or ``<base>agen/token-<id>``, a ``prov:Agent`` with a label and, when an
agency is known, ``prov:actedOnBehalfOf`` it), beside the ``prov:generatedAtTime`` and the load
activity the loader writes (``loaders/provenance.py``); the activity is ``prov:wasAssociatedWith``
the agent.

>>> from spbe_kg.service.security import Writer
>>> instansi_iri("https://w3id.org/spbe/id/", "Kab. Karo")
'https://w3id.org/spbe/id/instansi/pemerintah-kabupaten-karo'
>>> agent_iri("https://w3id.org/spbe/id/", Writer("ab12cd34", "Pemerintah Kabupaten Karo"))
'https://w3id.org/spbe/id/agen/token-ab12cd34'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spbe_kg.loaders.normalize import canonical_instansi
from spbe_kg.ontology.iris import Minter
from spbe_kg.ontology.namespaces import PROV, RDF, RDFS
from spbe_kg.settings import Settings

from .errors import ApiError
from .security import Writer

_ATTRIBUTED = str(PROV.wasAttributedTo)
_ON_BEHALF = str(PROV.actedOnBehalfOf)


def refuse(key: str, detail: str) -> ApiError:
    """A 403 scope refusal; ``X-SPBE-Refusal`` names it for clients (``spbe load`` exits 1 on it)."""
    return ApiError(403, key, headers={"X-SPBE-Refusal": key}, detail=detail)


def instansi_iri(base: str, name: str) -> str:
    return str(Minter(base).instansi(canonical_instansi(name)))


def agent_iri(base: str, writer: Writer) -> str:
    return base + ("agen/admin" if writer.is_admin else f"agen/token-{writer.token_id}")


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def stamp(result, writer: Writer, settings: Settings, instansi: str | None) -> None:
    """Add the agent of this load to every file graph of ``result`` (in place)."""
    base = settings.base_iri
    agent = agent_iri(base, writer)
    on_behalf = writer.instansi or instansi
    files = {f.graph: f for f in result.files if f.graph}
    for graph, lines in result.parts:
        if graph not in files:
            continue
        end = f" <{graph}> .\n"
        f = files[graph]
        act = str(Minter(base).load_activity(f.file, f.sha256))
        add = [f"<{graph}> <{_ATTRIBUTED}> <{agent}>", f"<{agent}> <{RDF.type}> <{PROV.Agent}>",
               f"<{agent}> <{RDFS.label}> {_lit(writer.label)}", f"<{act}> <{PROV.wasAssociatedWith}> <{agent}>"]
        if on_behalf:
            add.append(f"<{agent}> <{_ON_BEHALF}> <{instansi_iri(base, on_behalf)}>")
        lines.extend(x + end for x in add)


def check_instansi(writer: Writer, instansi: str | None) -> None:
    """A pemda token names only its own agency (403 ``scope-instansi``)."""
    if writer.is_admin or not instansi:
        return
    if canonical_instansi(instansi) != writer.instansi:
        raise refuse("scope-instansi", instansi[:200])


def _subjects(result, prefix: str) -> set[str]:
    pat = re.compile(r"<(" + re.escape(prefix) + r"[^>]*)>")
    out: set[str] = set()
    for _, lines in result.parts:
        for line in lines:
            if line.startswith("<" + prefix):
                m = pat.match(line)
                if m:
                    out.add(m.group(1))
    return out


def owned(store, graph: str, instansi: str) -> bool:
    """Whether ``graph``'s metadata attributes it to an agent acting for ``instansi``."""
    q = (f"ASK {{ GRAPH <{graph}> {{ <{graph}> <{_ATTRIBUTED}> ?a . ?a <{_ON_BEHALF}> <{instansi}> }} }}")
    return bool(store.query(q, union_default=False))


def principal(writer: Writer | None, settings: Settings):
    """The ``roadmap.scope.Principal`` of a writer (decisions, code suggestions): the admin or its agency."""
    from spbe_kg.roadmap.scope import ADMIN, Principal

    if writer is None or writer.is_admin:
        return ADMIN
    assert writer.instansi is not None
    return Principal(writer.label, instansi_iri(settings.base_iri, writer.instansi))


def require_admin_for(writer: Writer, what: str) -> None:
    """403 ``scope-admin-only`` naming ``what`` for a pemda writer."""
    if not writer.is_admin:
        raise refuse("scope-admin-only", what)


def check_graphs(writer: Writer, graphs: Iterable[str], store, settings: Settings) -> None:
    """403 ``scope-graph`` when a pemda writer would change a graph that exists and is not its own."""
    if writer.is_admin:
        return
    assert writer.instansi is not None
    mine = instansi_iri(settings.base_iri, writer.instansi)
    foreign = [g for g in graphs if store.has_graph(g) and not owned(store, g, mine)]
    if foreign:
        raise refuse("scope-graph", ", ".join(foreign[:3]) + (" …" if len(foreign) > 3 else ""))


def check_result(writer: Writer, result, store, settings: Settings) -> None:
    """A pemda writer's conversion: records of its own agency (and OPD) only, graphs new or its own."""
    if writer.is_admin:
        return
    assert writer.instansi is not None
    base = settings.base_iri
    rdf = [f.file for f in result.files if f.kind == "rdf"]
    if rdf:  # RDF says anything about anyone: pemda tokens send inventories, the loader mints their IRIs
        raise refuse("scope-rdf", ", ".join(rdf[:3]))
    mine = instansi_iri(base, writer.instansi)
    others = sorted(i for i in _subjects(result, base + "instansi/") if i != mine and "/" not in i[len(base + "instansi/"):])
    if others:
        raise refuse("scope-records", ", ".join(others[:3]) + (" …" if len(others) > 3 else ""))
    if writer.opd:
        own_opd = str(Minter(base).opd(writer.instansi, writer.opd))
        opds = sorted(o for o in _subjects(result, base + "opd/") if o != own_opd and o.count("/") == own_opd.count("/"))
        if opds:
            raise refuse("scope-records", ", ".join(opds[:3]) + (" …" if len(opds) > 3 else ""))
    check_graphs(writer, result.graphs, store, settings)


__all__ = ["refuse", "principal", "require_admin_for", "agent_iri", "check_graphs", "check_instansi", "check_result", "instansi_iri", "owned", "stamp"]
