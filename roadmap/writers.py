"""Roadmap and views as xlsx, csv and Turtle (HTML is in ``html.py``).

Spreadsheets are passed around: no cell coming from data may become a formula. Every text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe (OWASP, CSV
injection), in the xlsx and in the csv alike.

>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-"), neutralise("SIMPEG"), neutralise(3)
('\\'=HYPERLINK("http://x")', "'-", 'SIMPEG', 3)
"""

from __future__ import annotations

import csv
import io
import re

import pyoxigraph as ox

from spbe_kg.ontology.iris import slug
from spbe_kg.ontology.namespaces import PREFIXES

from .messages import action_label, status_label, t
from .plan import Roadmap, RoadmapItem, dependency_problems

SPBE = PREFIXES["spbe"]
XSD = PREFIXES["xsd"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = ("item", "domain", "action", "apps", "target", "owner", "pemda", "year", "status", "depends", "codes",
           "cluster", "edited")
SUMMARY_COLUMNS = ("code", "service", "now", "after", "fewer")


def header(lang: str) -> list[str]:
    """Column titles of the roadmap table (catalogue keys ``col_*``)."""
    return [t(f"col_{c}", lang) for c in COLUMNS]


def summary_header(lang: str) -> list[str]:
    return [t(f"sum_{c}", lang) for c in SUMMARY_COLUMNS]


def neutralise(v):
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
    return v


def item_row(it: RoadmapItem, lang: str, labels: dict[str, str]) -> list:
    dom = it.domain if it.domain == "lain" else f"{it.domain} {labels.get(it.domain, '')}".strip()
    return [it.id, dom, it.action_label(lang), "; ".join(n for _, n in it.apps),
            it.target[1] if it.target else "", it.owner[1] or "", it.instansi[1] or "", it.year,
            status_label(it.status, lang), it.depends_on or "", ", ".join(it.codes), it.cluster,
            t("word_yes", lang) if it.edited else ""]


def item_json(it: RoadmapItem, lang: str) -> dict:
    """One item for JSON: stable keys, codes and IRIs plus the labels in ``lang``."""
    return {"id": it.id, "action": it.action, "actionLabel": it.action_label(lang), "apps": [a for a, _ in it.apps],
            "appNames": [n for _, n in it.apps], "target": it.target[0] if it.target else None,
            "targetName": it.target[1] if it.target else None, "owner": it.owner[0], "ownerName": it.owner[1],
            "pemda": it.instansi[1], "year": it.year, "status": it.status, "statusLabel": status_label(it.status, lang),
            "dependsOn": it.depends_on, "codes": it.codes, "domain": it.domain, "cluster": it.cluster,
            "edited": it.edited, "decisions": it.decisions}


def to_csv(roadmap: Roadmap, lang: str = "id") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header(lang))
    for it in roadmap.items:
        w.writerow([neutralise(x) for x in item_row(it, lang, roadmap.labels)])
    return buf.getvalue()


def _sheet_title(text: str, used: set[str]) -> str:
    t = re.sub(r"[\[\]:*?/\\]", " ", text).strip()[:31] or "Sheet"
    base, n = t, 2
    while t.lower() in used:
        t = f"{base[:28]} {n}"
        n += 1
    used.add(t.lower())
    return t


def _write_table(ws, header: list, rows: list[list]) -> None:
    from openpyxl.styles import Font

    ws.append([neutralise(h) for h in header])
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows:
        ws.append([neutralise(x) for x in r])
    for c in ws.iter_cols(min_row=1, max_row=min(ws.max_row, 200)):
        width = max((len(str(x.value or "")) for x in c), default=8)
        ws.column_dimensions[c[0].column_letter].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _book_bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_xlsx(roadmap: Roadmap, lang: str = "id") -> bytes:
    """One sheet per domain (RAL/RAB level-2 area of the codes served), a summary sheet first."""
    from openpyxl import Workbook

    wb = Workbook()
    used: set[str] = set()
    ws = wb.active
    ws.title = _sheet_title(t("sheet_summary", lang), used)
    _write_table(ws, summary_header(lang), [[c, lbl, b, a, b - a] for c, lbl, b, a in roadmap.counts])
    for dom, items in roadmap.by_domain().items():
        name = dom if dom == "lain" else f"{dom} {roadmap.labels.get(dom, '')}"
        if dom == "lain":
            name = t("sheet_no_code", lang)
        ws = wb.create_sheet(_sheet_title(name, used))
        _write_table(ws, header(lang), [item_row(it, lang, roadmap.labels) for it in items])
    return _book_bytes(wb)


def views_xlsx(tables, lang: str = "id") -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    used: set[str] = set()
    first = True
    for table in tables:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = _sheet_title(table.title(lang), used)
        _write_table(ws, table.head(lang), table.rows)
    return _book_bytes(wb)


def roadmap_graph(settings) -> str:
    return settings.base_iri + "graph/peta-rencana"


def roadmap_quads(roadmap: Roadmap, settings, graph: str | None = None) -> list[ox.Quad]:
    """The roadmap as RDF: a ``spbe:PetaRencana`` with its period and one ``spbe:ButirPetaRencana`` per item."""
    g = ox.NamedNode(graph) if graph else ox.DefaultGraph()
    base = settings.base_iri + "peta-rencana/"
    plan = ox.NamedNode(base + (slug(roadmap.instansi) if roadmap.instansi else "semua"))
    P = lambda local: ox.NamedNode(SPBE + local)  # noqa: E731
    T = ox.NamedNode(PREFIXES["rdf"] + "type")
    L = ox.NamedNode(PREFIXES["rdfs"] + "label")
    year = lambda y: ox.Literal(str(y), datatype=ox.NamedNode(XSD + "gYear"))  # noqa: E731
    q = [ox.Quad(plan, T, P("PetaRencana"), g), ox.Quad(plan, P("tahunMulai"), year(roadmap.start), g),
         ox.Quad(plan, P("tahunAkhir"), year(roadmap.end), g),
         *(ox.Quad(plan, L, ox.Literal(t("plan_label", lang, instansi=f" {roadmap.instansi}" if roadmap.instansi else ""),
                                      language=lang), g) for lang in ("id", "en"))]
    for it in roadmap.items:
        n = ox.NamedNode(base + "butir/" + it.id)
        q += [ox.Quad(n, T, P("ButirPetaRencana"), g), ox.Quad(n, P("bagianDariRencana"), plan, g),
              ox.Quad(n, P("tindakan"), ox.Literal(it.action), g),
              *(ox.Quad(n, L, ox.Literal(t("item_label", lang, action=action_label(it.action, lang), app=it.apps[0][1]),
                                         language=lang), g) for lang in ("id", "en")),
              ox.Quad(n, P("tahunTarget"), year(it.year), g), ox.Quad(n, P("statusRencana"), ox.Literal(it.status), g),
              ox.Quad(n, P("idKlaster"), ox.Literal(it.cluster), g)]
        q += [ox.Quad(n, P("tentang"), ox.NamedNode(a), g) for a, _ in it.apps]
        if it.target:
            q.append(ox.Quad(n, P("targetKonsolidasi"), ox.NamedNode(it.target[0]), g))
        if it.owner[0]:
            q.append(ox.Quad(n, P("opdPenanggungJawab"), ox.NamedNode(it.owner[0]), g))
        if it.depends_on:
            q.append(ox.Quad(n, P("bergantungPada"), ox.NamedNode(base + "butir/" + it.depends_on), g))
        q += [ox.Quad(n, P("kodeReferensi"), ox.NamedNode("https://w3id.org/spbe/ref/" + c), g) for c in it.codes]
        q += [ox.Quad(n, ox.NamedNode(PREFIXES["prov"] + "wasDerivedFrom"), ox.NamedNode(d), g) for d in it.decisions]
    return q


def to_turtle(roadmap: Roadmap, settings) -> str:
    prefixes = {k: PREFIXES[k] for k in ("spbe", "prov", "rdfs", "xsd")}
    prefixes["ref"] = "https://w3id.org/spbe/ref/"
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in roadmap_quads(roadmap, settings)]
    return (ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b"").decode()


def problems_text(roadmap: Roadmap, lang: str) -> list[str]:
    return [t("problem_order", lang, item=it.id, app=it.apps[0][1], year=it.year, dep=dep.id, dep_year=dep.year)
            for it, dep in dependency_problems(roadmap)]
