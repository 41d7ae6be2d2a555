"""OWL 2 DL consistency check with HermiT (through owlready2; needs ``java``).

HermiT accepts only the OWL 2 datatype map. The copy handed to it rewrites literals and datatype IRIs
it would reject: ``xsd:date`` becomes ``xsd:dateTime`` (midnight; an ill-formed date stays ill-formed,
so the value check is kept) and ``xsd:gYear``/``gYearMonth``/``time``/``duration`` become
``xsd:string``. Nothing is dropped.

Two ways to run it: ``hermit_consistent`` goes through owlready2 (which parses the triples, writes them
back out and asks HermiT to classify and realise everything); ``hermit_check`` runs the same HermiT jar
(bundled with owlready2) directly on an N-Triples file with only the consistency and unsatisfiable-class
checks, which is what a consistency verdict needs and is much cheaper at national scale.

>>> hermit_ready()
True
>>> d = ox.Literal("2024-05-01", datatype=ox.NamedNode(XSD + "date"))
>>> hermit_copy([ox.Triple(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), d)])[0].object.value
'2024-05-01T00:00:00'
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
_TO_STRING = {XSD + n for n in ("gYear", "gYearMonth", "gMonth", "gDay", "gMonthDay", "time", "duration")}
_DATE = XSD + "date"
_DATETIME = ox.NamedNode(XSD + "dateTime")
_STRING = ox.NamedNode(XSD + "string")


class ReasoningError(Exception):
    """The reasoner could not run (no Java, unreadable input); not a verdict on the data."""


def hermit_ready() -> bool:
    """True when a Java runtime and owlready2's HermiT are available."""
    try:
        import owlready2  # noqa: F401
    except ImportError:
        return False
    return shutil.which("java") is not None


def _fix_term(t):
    if isinstance(t, ox.Literal):
        dt = t.datatype.value
        if dt == _DATE:
            v = t.value
            # keep a timezone suffix (Z or +hh:mm) after the time part
            date, tz = v[:10], v[10:]
            return ox.Literal(f"{date}T00:00:00{tz}", datatype=_DATETIME)
        if dt in _TO_STRING:
            return ox.Literal(t.value, datatype=_STRING)
        return t
    if isinstance(t, ox.NamedNode):
        if t.value == _DATE:
            return _DATETIME
        if t.value in _TO_STRING:
            return _STRING
    return t


def hermit_copy(quads: Iterable) -> list[ox.Triple]:
    """Triples of ``quads`` (graph names dropped) with the datatypes HermiT rejects rewritten."""
    return [ox.Triple(_fix_term(q.subject), q.predicate, _fix_term(q.object)) for q in quads]


def _remove_owlready_tmp(e: BaseException) -> None:
    """owlready2 leaves its temporary input file behind when Java fails; remove it."""
    cmd = getattr(e.__context__, "cmd", None) or []
    if cmd and str(cmd[-1]).startswith("file:///"):
        Path(str(cmd[-1])[len("file://"):].replace("//", "/")).unlink(missing_ok=True)


def hermit_consistent(quads: Iterable) -> tuple[bool, str]:
    """Run HermiT on ``quads`` (pyoxigraph quads or triples). Returns (consistent?, message).

    ``False`` when HermiT finds the whole ontology inconsistent or some class unsatisfiable (the message
    names them). Raises ``ReasoningError`` when the reasoner cannot run at all.
    """
    if not hermit_ready():
        raise ReasoningError("HermiT perlu Java (perintah `java` tidak ditemukan) dan owlready2.")
    import owlready2
    from owlready2.base import OwlReadyInconsistentOntologyError, OwlReadyJavaError, OwlReadyOntologyParsingError

    triples = hermit_copy(quads)
    with tempfile.TemporaryDirectory(prefix="spbe-hermit-") as tmp:
        path = Path(tmp) / "input.nt"
        ox.serialize(triples, path, format=ox.RdfFormat.N_TRIPLES)
        world = owlready2.World()
        try:
            onto = world.get_ontology("urn:x-spbe:hermit-input")
            try:
                with path.open("rb") as f:
                    onto.load(fileobj=f, format="ntriples")
            except OwlReadyOntologyParsingError as e:
                # owlready2 refuses ill-typed literals (e.g. "abc"^^xsd:integer): inconsistent in OWL terms
                return False, f"HermiT: literal tidak valid / ill-typed literal: {e.__cause__ or e}"
            try:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
            except OwlReadyInconsistentOntologyError as e:
                _remove_owlready_tmp(e)
                return False, f"HermiT: ontologi tidak konsisten ({len(triples)} tripel) / inconsistent ontology"
            except OwlReadyJavaError as e:
                _remove_owlready_tmp(e)
                m = re.search(r"MalformedLiteralException: (.*)", str(e))
                if m:  # an ill-typed literal is a verdict on the data, not a failure to run
                    return False, f"HermiT: literal tidak valid / ill-typed literal: {m.group(1).strip()}"
                raise ReasoningError(f"HermiT gagal dijalankan: {str(e)[-2000:]}") from e
            bad = sorted(c.iri for c in world.inconsistent_classes() if not c.iri.endswith("#Nothing"))
            if bad:
                return False, "HermiT: kelas tidak dapat dipenuhi / unsatisfiable classes: " + ", ".join(bad)
            return True, f"HermiT: konsisten ({len(triples)} tripel) / consistent"
        finally:
            world.close()


def hermit_check(quads: Iterable, *, java_memory_mb: int | None = None) -> tuple[bool, str]:
    """Consistency and unsatisfiable classes with the HermiT jar directly (``-k -U``); same verdicts as
    ``hermit_consistent`` without owlready2's parse and full realisation."""
    if not hermit_ready():
        raise ReasoningError("HermiT perlu Java (perintah `java` tidak ditemukan) dan owlready2.")
    import subprocess

    import owlready2.reasoning as owr

    triples = hermit_copy(quads)
    mem = java_memory_mb or owr.JAVA_MEMORY
    with tempfile.TemporaryDirectory(prefix="spbe-hermit-") as tmp:
        path = Path(tmp) / "input.nt"
        ox.serialize(triples, path, format=ox.RdfFormat.N_TRIPLES)
        cmd = ["java", f"-Xmx{mem}M", "-cp", owr._HERMIT_CLASSPATH, "org.semanticweb.HermiT.cli.CommandLine",
               "-k", "-U", path.as_uri()]
        res = subprocess.run(cmd, capture_output=True, text=True)
    out = res.stdout + res.stderr
    if res.returncode != 0:
        m = re.search(r"MalformedLiteralException: (.*)", out)
        if m:
            return False, f"HermiT: literal tidak valid / ill-typed literal: {m.group(1).strip()}"
        if "InconsistentOntologyException" in out or "inconsistent" in out.lower():
            return False, f"HermiT: ontologi tidak konsisten ({len(triples)} tripel) / inconsistent ontology"
        raise ReasoningError(f"HermiT gagal dijalankan: {out[-2000:]}")
    if "is satisfiable" not in out:
        return False, f"HermiT: ontologi tidak konsisten ({len(triples)} tripel) / inconsistent ontology"
    unsat = re.findall(r"^\t(\S+)$", out.split("owl:Nothing':", 1)[-1], re.M)
    bad = sorted(c.strip("<>") for c in unsat if c != "owl:Nothing" and not c.endswith("#Nothing>"))
    if bad:
        return False, "HermiT: kelas tidak dapat dipenuhi / unsatisfiable classes: " + ", ".join(bad)
    return True, f"HermiT: konsisten ({len(triples)} tripel) / consistent"
