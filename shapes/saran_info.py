"""Code suggestions in validation reports: one Info result per application and scheme (rank-1 suggestion).

"kode disarankan RAB.09.06.03 (Penataan Sumber Daya Manusia Aparatur), skor 0.93 — nama: simpeg" at the
application's file/row, under the pseudo-rule :data:`SARAN_RULE`, so every report format (text, JSON,
SARIF, JUnit, HTML) carries them. Read from the graph ``<base>graph/saran-kode`` (``spbe saran jalankan``);
nothing is added when there are no stored suggestions. Info never fails a run unless ``--fail-on info``.
"""

from __future__ import annotations

from spbe_kg.ontology.namespaces import sparql_prefixes

from .catalog import Rule
from .result import FAIL_LEVELS, SEVERITIES, Report, Result

SARAN_RULE = Rule(
    id="https://w3id.org/spbe/shapes/saran#KodeDisarankan", domain="saran", severity="Info",
    name_id="Kode referensi disarankan", name_en="Reference code suggested",
    message_id="kode disarankan {code} ({label}), skor {score} — {why}",
    message_en="suggested code {code} ({label}), score {score} — {why}",
    path="https://w3id.org/spbe/ontology#kodeReferensi", constraints=("saran",), target="Aplikasi")


def _query(graph: str) -> str:
    return sparql_prefixes() + f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?app ?code ?skor (SAMPLE(?label_) AS ?label) (GROUP_CONCAT(?b; separator=" | ") AS ?bukti)
       (SAMPLE(?nama_) AS ?nama) (SAMPLE(?baris_) AS ?baris) (SAMPLE(?berkas_) AS ?berkas) (SAMPLE(?lembar_) AS ?lembar)
WHERE {{
  GRAPH <{graph}> {{ ?s a spbe:SaranKode ; spbe:peringkat 1 ; spbe:untukAplikasi ?app ; spbe:kode ?code ; spbe:skor ?skor .
                     OPTIONAL {{ ?s spbe:buktiTeks ?b }} }}
  OPTIONAL {{ ?code skos:prefLabel ?label_ }}
  OPTIONAL {{ ?app spbe:nama ?nama_ }}
  OPTIONAL {{ ?app spbe:barisSumber ?r . ?r spbe:nomorBaris ?baris_ .
             OPTIONAL {{ ?r spbe:lembar ?sh OPTIONAL {{ ?sh spbe:namaLembar ?lembar_ }}
                        OPTIONAL {{ ?sh spbe:berkas/spbe:namaBerkas ?berkas_ }} }} }}
}} GROUP BY ?app ?code ?skor"""


def add_suggestions(report: Report, store, settings) -> Report:
    """Add the stored rank-1 suggestions as Info results (a no-op without a suggestion graph)."""
    graph = settings.base_iri + "graph/saran-kode"  # queries.saran_store.saran_graph (shapes never import queries)
    if not store.has_graph(graph):
        return report
    added = 0
    for r in store.query(_query(graph), timeout_s=settings.query_timeout_s):
        code = r["code"].value.rsplit("/", 1)[-1]
        label = r["label"].value if r["label"] else ""
        why = (r["bukti"].value if r["bukti"] else "")[:160]
        score = f"{float(r['skor'].value):.2f}"
        row = r["baris"].value if r["baris"] else None
        report.results.append(Result(
            rule_id=SARAN_RULE.id, severity="Info", focus=r["app"].value, path=SARAN_RULE.path, value=r["code"].value,
            message_id=SARAN_RULE.message_id.format(code=code, label=label, score=score, why=why),
            message_en=SARAN_RULE.message_en.format(code=code, label=label, score=score, why=why),
            file=r["berkas"].value if r["berkas"] else None, sheet=r["lembar"].value if r["lembar"] else None,
            row=int(row) if row and row.lstrip("-").isdigit() else None,
            focus_label=r["nama"].value if r["nama"] else None, component="SaranKode", value_kind="iri"))
        added += 1
    if added:
        if SARAN_RULE not in report.rules:
            report.rules.append(SARAN_RULE)
        report.results.sort(key=lambda x: (x.file or "\uffff", x.row if x.row is not None else 10**9,
                                           SEVERITIES.index(x.severity), x.rule_id, x.focus, x.value or ""))
        report.conforms = not any(x.severity in FAIL_LEVELS[report.fail_on] for x in report.results)
    return report
