"""SARIF 2.1.0 (validates against the OASIS JSON schema): rules from the shapes catalogue, each result
located at its source file and row (the column letter as ``startColumn`` when known; sheet, column
header and focus IRI in ``properties`` and ``logicalLocations``)."""

from __future__ import annotations

import json

from spbe_kg import __version__

from ..result import Report

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"Violation": "error", "Warning": "warning", "Info": "note"}
INFO_URI = "https://w3id.org/spbe/shapes/"


def column_number(letters: str | None) -> int | None:
    """Spreadsheet column letters to a 1-based number: ``"A"`` -> 1, ``"AB"`` -> 28."""
    if not letters or not letters.isalpha():
        return None
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def as_dict(report: Report, lang: str = "id", sources: dict[str, str] | None = None) -> dict:
    sources = sources or {}
    rules = list(report.rules)
    index = {r.id: i for i, r in enumerate(rules)}
    sarif_rules = [
        {
            "id": r.id,
            "name": r.local_name,
            "shortDescription": {"text": r.name(lang)},
            "fullDescription": {"text": r.message(lang) or r.name(lang)},
            "helpUri": r.id if r.id.startswith("http") else INFO_URI,
            "defaultConfiguration": {"level": LEVEL.get(r.severity, "warning")},
            "properties": {"domain": r.domain, "severity": r.severity, "path": r.path,
                           "name_id": r.name_id, "name_en": r.name_en},
        }
        for r in rules
    ]
    results = []
    for r in report.results:
        res: dict = {
            "ruleId": r.rule_id,
            "level": LEVEL.get(r.severity, "warning"),
            "message": {"text": r.message(lang)},
            "properties": {"severity": r.severity, "focusNode": r.focus, "path": r.path, "value": r.value,
                           "sheet": r.sheet, "row": r.row, "column": r.column, "header": r.header, "opd": r.opd,
                           "line": r.physical_line, "censusNo": r.census_no},
        }
        if r.rule_id in index:
            res["ruleIndex"] = index[r.rule_id]
        loc: dict = {"logicalLocations": [{"fullyQualifiedName": r.focus, "kind": "object"}]}
        if r.file:
            phys: dict = {"artifactLocation": {"uri": sources.get(r.file, r.file).replace("\\", "/")}}
            line = r.physical_line
            if line is not None and line >= 1:
                region = {"startLine": line}
                col = column_number(r.column)
                if col:
                    region["startColumn"] = col
                phys["region"] = region
            loc["physicalLocation"] = phys
        res["locations"] = [loc]
        results.append(res)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "spbe-kg validate", "version": __version__,
                                "informationUri": INFO_URI, "rules": sarif_rules}},
            "results": results,
            "properties": {"conforms": report.conforms, "failOn": report.fail_on, "engine": report.engine},
        }],
    }


def render(report: Report, lang: str = "id", sources: dict[str, str] | None = None) -> str:
    return json.dumps(as_dict(report, lang, sources), ensure_ascii=False, indent=2) + "\n"
