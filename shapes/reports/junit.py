"""JUnit XML: one test case per rule (testsuite per domain); a rule fails when it has results at the
chosen fail level, its other results are listed in system-out."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from ..result import FAIL_LEVELS, Report


def render(report: Report, lang: str = "id", sources: dict[str, str] | None = None) -> str:
    sources = sources or {}
    by_rule = defaultdict(list)
    for r in report.results:
        by_rule[r.rule_id].append(r)
    levels = FAIL_LEVELS[report.fail_on]
    root = ET.Element("testsuites", name="spbe validate")
    suites: dict[str, ET.Element] = {}
    totals: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
    for rule in report.rules:
        suite = suites.get(rule.domain)
        if suite is None:
            suite = suites[rule.domain] = ET.SubElement(root, "testsuite", name=f"spbe.{rule.domain}")
        case = ET.SubElement(suite, "testcase", classname=f"spbe.{rule.domain}", name=rule.local_name)
        case.set("file", rule.id)
        totals[rule.domain][0] += 1
        results = by_rule.get(rule.id, [])
        lines = [f"[{r.severity}] {r.cell_text(lang).replace(r.file or chr(0), sources.get(r.file or '', r.file or ''), 1)}: "
                 f"{r.message(lang)} <{r.focus}>" for r in results]
        failing = [r for r in results if r.severity in levels]
        if failing:
            totals[rule.domain][1] += 1
            f = ET.SubElement(case, "failure", type=rule.severity,
                              message=f"{len(failing)} x {rule.name(lang)}")
            f.text = "\n".join(lines)
        elif lines:
            ET.SubElement(case, "system-out").text = "\n".join(lines)
    for d, s in suites.items():
        s.set("tests", str(totals[d][0]))
        s.set("failures", str(totals[d][1]))
        s.set("errors", "0")
    root.set("tests", str(sum(v[0] for v in totals.values())))
    root.set("failures", str(sum(v[1] for v in totals.values())))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
