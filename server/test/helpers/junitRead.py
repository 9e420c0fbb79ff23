"""Reads a JUnit XML file with junitparser (Debian's python3-junitparser) and prints what a
CI consumer sees as JSON: totals, suites, cases and their results. Used by the CLI tests."""
import json
import sys

from junitparser import JUnitXml

xml = JUnitXml.fromfile(sys.argv[1])
suites = []
for suite in xml:
    cases = []
    for case in suite:
        cases.append({
            "name": case.name,
            "classname": case.classname,
            "file": case._elem.get("file"),
            "line": case._elem.get("line"),
            "results": [{"kind": type(r).__name__, "message": r.message, "type": r.type, "text": r.text} for r in case.result],
        })
    suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures, "errors": suite.errors, "skipped": suite.skipped, "cases": cases})
print(json.dumps({"tests": xml.tests, "failures": xml.failures, "errors": xml.errors, "skipped": xml.skipped, "suites": suites}))
