"""Compile the project's SHACL shapes to SPARQL SELECT queries (the fast path's input).

Each (node shape, property shape, constraint) becomes one query over the whole data set that returns
``?this`` (the focus node) and, where SHACL reports one, ``?value``. The supported subset is the one the
project's shapes use, with pySHACL's semantics (no inference):

- targets: ``sh:targetClass`` (instances of the class or of its ``rdfs:subClassOf*`` subclasses),
  ``sh:targetNode``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, ``sh:SPARQLTarget`` (``sh:select``);
- property shapes with a path (predicate, sequence, alternative, inverse, ``*``/``+``/``?``) and ``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:in``,
  ``sh:pattern`` (+ ``sh:flags``), ``sh:nodeKind``, ``sh:not`` around one ``sh:pattern``,
  ``sh:sparql`` (SELECT, ``$this`` pre-bound).

Anything else raises :class:`Unsupported`; the caller then validates with pySHACL instead.

>>> checks = compile_shapes()
>>> c = next(c for c in checks if c.shape.endswith("aplikasi#NamaWajib"))
>>> (c.component, c.severity, c.has_value)
('MinCountConstraintComponent', 'Violation', False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from .catalog import severity_of
from .shapes_graph import load_shapes

# Parameters a shape may carry that do not constrain anything.
_META = {
    SH.name, SH.description, SH.message, SH.severity, SH.order, SH.group, SH.path, SH.deactivated,
    SH.property, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target,
    SH.flags, SH.prefixes, SH.declare, SH.defaultValue,
}
_PROPERTY_CONSTRAINTS = {SH.minCount, SH.maxCount, SH["class"], SH["in"], SH.pattern, SH.nodeKind, SH.sparql, SH["not"]}
_PREFIX_RE = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
_FORBIDDEN = re.compile(r"\b(VALUES|MINUS|SERVICE|BASE)\b|\$(currentShape|shapesGraph)\b|\bAS\s+[?$]this\b", re.I)


class Unsupported(Exception):
    """The shapes use SHACL features outside the compiled subset (validate with pySHACL instead)."""


@dataclass(frozen=True)
class Check:
    shape: str          # the source shape = rule ID
    severity: str       # "Violation" | "Warning" | "Info"
    component: str      # e.g. "MinCountConstraintComponent"
    path: str | None    # predicate IRI of the property shape
    query: str          # SPARQL SELECT returning ?this [?value]
    has_value: bool


def path_sparql(g: Graph, node) -> str:
    """A SHACL property path as a SPARQL property path (``<p>``, ``(<a>/<b>)``, ``(<a>|<b>)``, ``^<p>``...)."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if (node, RDF.first, None) in g:
        return "(" + "/".join(path_sparql(g, x) for x in Collection(g, node)) + ")"
    for p, fmt in ((SH.alternativePath, None), (SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"),
                   (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
        inner = g.value(node, p)
        if inner is None:
            continue
        if fmt is None:
            return "(" + "|".join(path_sparql(g, x) for x in Collection(g, inner)) + ")"
        sub = path_sparql(g, inner)
        return fmt.format(sub if sub.startswith(("<", "(")) else f"({sub})")
    raise Unsupported(f"property path {node!r} not understood")


def path_key(g: Graph, node) -> str | None:
    """What a result's ``path`` holds: the IRI of a predicate path, else the SPARQL form of the path."""
    if node is None:
        return None
    return str(node) if isinstance(node, URIRef) else path_sparql(g, node)


def _iri(t) -> str:
    if not isinstance(t, URIRef):
        raise Unsupported(f"expected an IRI, got {t!r}")
    return f"<{t}>"


def _term(t) -> str:
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, Literal):
        lex = _string(str(t))
        if t.language:
            return f"{lex}@{t.language}"
        if t.datatype:
            return f"{lex}^^<{t.datatype}>"
        return lex
    raise Unsupported(f"blank node in a constraint value: {t!r}")


def _string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


class _Prologue:
    def __init__(self) -> None:
        self.prefixes: dict[str, str] = {"rdf": str(RDF), "rdfs": str(RDFS)}

    def add(self, name: str, iri: str) -> None:
        if self.prefixes.get(name, iri) != iri:
            raise Unsupported(f"prefix {name}: declared with two namespaces")
        self.prefixes[name] = iri

    def strip(self, text: str) -> str:
        """Remove PREFIX declarations from ``text`` (remembering them)."""
        while True:
            m = _PREFIX_RE.match(text)
            if not m:
                return text
            self.add(m.group(1) or "", m.group(2))
            text = text[m.end():]

    def render(self) -> str:
        return "".join(f"PREFIX {p}: <{i}>\n" for p, i in sorted(self.prefixes.items()))


def _declared_prefixes(g: Graph, node, pro: _Prologue) -> None:
    for pnode in g.objects(node, SH.prefixes):
        for decl in g.objects(pnode, SH.declare):
            pro.add(str(g.value(decl, SH.prefix)), str(g.value(decl, SH.namespace)))


def _targets(g: Graph, shape, pro: _Prologue) -> list[str]:
    parts = []
    for c in g.objects(shape, SH.targetClass):
        parts.append(f"?this rdf:type/rdfs:subClassOf* {_iri(c)} .")
    for n in g.objects(shape, SH.targetNode):
        parts.append(f"BIND({_term(n)} AS ?this)")
    for p in g.objects(shape, SH.targetSubjectsOf):
        parts.append(f"?this {_iri(p)} ?_t .")
    for p in g.objects(shape, SH.targetObjectsOf):
        parts.append(f"?_t {_iri(p)} ?this .")
    for t in g.objects(shape, SH.target):
        if (t, RDF.type, SH.SPARQLTarget) not in g and (t, SH.select, None) not in g:
            raise Unsupported(f"target kind of {shape} not supported")
        _declared_prefixes(g, t, pro)
        sel = pro.strip(str(g.value(t, SH.select)))
        if _FORBIDDEN.search(sel.replace("?this", "")):
            raise Unsupported("SPARQL target uses a construct the compiler does not handle")
        parts.append("{ " + sel + " }")
    if (shape, RDF.type, RDFS.Class) in g:
        parts.append(f"?this rdf:type/rdfs:subClassOf* {_iri(shape)} .")
    return parts


def _target_block(parts: list[str]) -> str:
    union = " UNION ".join("{ " + p + " }" for p in parts)
    return "{ SELECT DISTINCT ?this WHERE { " + union + " } }"


def _sparql_check(g: Graph, ps, path: str, target: str, pro: _Prologue) -> list[tuple[str, bool]]:
    out = []
    for c in g.objects(ps, SH.sparql):
        if (c, SH.deactivated, Literal(True)) in g:
            continue
        _declared_prefixes(g, c, pro)
        sel = g.value(c, SH.select)
        if sel is None:
            raise Unsupported("sh:sparql without sh:select")
        text = pro.strip(str(sel))
        if _FORBIDDEN.search(text) or len(re.findall(r"\bSELECT\b", text, re.I)) != 1:
            raise Unsupported("SPARQL constraint uses a construct the compiler does not handle")
        text = re.sub(r"\$this\b", "?this", text).replace("$PATH", path)
        head, brace, body = text.partition("{")
        if not brace or not re.match(r"\s*SELECT\b", head, re.I):
            raise Unsupported("SPARQL constraint is not a SELECT query")
        select = re.match(r"\s*SELECT\s+(DISTINCT\s+|REDUCED\s+)?", head, re.I)
        assert select is not None  # checked just above
        projection = head[select.end():]
        if re.search(r"\?path\b", projection):
            raise Unsupported("?path in a SPARQL constraint is not handled")
        has_value = "*" in projection or bool(re.search(r"\?value\b", projection))
        out.append((head + "{ " + target + "\n" + body, has_value))
    return out


def _property_checks(g: Graph, ps, targets: list[str], pro_base: dict) -> list[Check]:
    if (ps, SH.deactivated, Literal(True)) in g:
        return []
    unknown = {p for p in g.predicates(ps, None) if str(p).startswith(str(SH)) and p not in _META | _PROPERTY_CONSTRAINTS}
    if unknown:
        raise Unsupported(f"{ps}: {sorted(map(str, unknown))} not compiled")
    path = path_sparql(g, g.value(ps, SH.path))
    pkey = path_key(g, g.value(ps, SH.path))
    sev = severity_of(g, ps)
    checks: list[Check] = []

    def add(component: str, build, has_value: bool) -> None:
        pro = _Prologue()
        pro.prefixes.update(pro_base)
        target = _target_block(targets)
        body = build(target, pro)
        checks.append(Check(str(ps), sev, component, pkey, pro.render() + body, has_value))

    mn = g.value(ps, SH.minCount)
    if mn is not None:
        n = int(mn)
        if n == 1:
            add("MinCountConstraintComponent",
                lambda t, p: f"SELECT ?this WHERE {{ {t} FILTER NOT EXISTS {{ ?this {path} ?_v }} }}", False)
        elif n > 1:
            add("MinCountConstraintComponent",
                lambda t, p: f"SELECT ?this WHERE {{ {t} OPTIONAL {{ ?this {path} ?_v }} }} "
                             f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_v) < {n})", False)
    mx = g.value(ps, SH.maxCount)
    if mx is not None:
        add("MaxCountConstraintComponent",
            lambda t, p: f"SELECT ?this WHERE {{ {t} ?this {path} ?_v }} GROUP BY ?this "
                         f"HAVING (COUNT(DISTINCT ?_v) > {int(mx)})", False)
    for cls in g.objects(ps, SH["class"]):
        add("ClassConstraintComponent",
            lambda t, p, cls=cls: f"SELECT DISTINCT ?this ?value WHERE {{ {t} ?this {path} ?value "
                                  f"FILTER NOT EXISTS {{ ?value rdf:type/rdfs:subClassOf* {_iri(cls)} }} }}", True)
    lst = g.value(ps, SH["in"])
    if lst is not None:
        members = list(Collection(g, lst))
        cond = " || ".join(f"sameTerm(?value, {_term(m)})" for m in members) or "false"
        add("InConstraintComponent",
            lambda t, p: f"SELECT DISTINCT ?this ?value WHERE {{ {t} ?this {path} ?value FILTER(!({cond})) }}", True)
    for pat in g.objects(ps, SH.pattern):
        flags = g.value(ps, SH.flags)
        fl = f", {_string(str(flags))}" if flags is not None else ""
        add("PatternConstraintComponent",
            lambda t, p, pat=pat, fl=fl: f"SELECT DISTINCT ?this ?value WHERE {{ {t} ?this {path} ?value "
                                         f"FILTER(isBlank(?value) || !REGEX(STR(?value), {_string(str(pat))}{fl})) }}", True)
    nk = g.value(ps, SH.nodeKind)
    if nk is not None:
        tests = {
            SH.IRI: "isIRI(?value)", SH.Literal: "isLiteral(?value)", SH.BlankNode: "isBlank(?value)",
            SH.BlankNodeOrIRI: "(isBlank(?value) || isIRI(?value))",
            SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
            SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
        }
        if nk not in tests:
            raise Unsupported(f"sh:nodeKind {nk}")
        add("NodeKindConstraintComponent",
            lambda t, p: f"SELECT DISTINCT ?this ?value WHERE {{ {t} ?this {path} ?value FILTER(!{tests[nk]}) }}", True)
    for inner in g.objects(ps, SH["not"]):
        params = {p for p in g.predicates(inner, None) if str(p).startswith(str(SH))}
        pats = list(g.objects(inner, SH.pattern))
        if not isinstance(inner, BNode) or params - {SH.pattern, SH.flags} or len(pats) != 1:
            raise Unsupported(f"{ps}: sh:not is compiled only around a single sh:pattern")
        flags = g.value(inner, SH.flags)
        fl = f", {_string(str(flags))}" if flags is not None else ""
        add("NotConstraintComponent",
            lambda t, p, pat=pats[0], fl=fl: f"SELECT DISTINCT ?this ?value WHERE {{ {t} ?this {path} ?value "
                                             f"FILTER(!isBlank(?value) && REGEX(STR(?value), {_string(str(pat))}{fl})) }}",
            True)
    if (ps, SH.sparql, None) in g:
        pro = _Prologue()
        pro.prefixes.update(pro_base)
        for body, has_value in _sparql_check(g, ps, path, _target_block(targets), pro):
            checks.append(Check(str(ps), sev, "SPARQLConstraintComponent", pkey, pro.render() + body, has_value))
    return checks


def compile_shapes(shapes: Graph | None = None) -> list[Check]:
    """All checks of the shapes graph; raises :class:`Unsupported` outside the compiled subset."""
    g = shapes if shapes is not None else load_shapes()
    checks: list[Check] = []
    holders = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(SH.property, None)) | set(
        g.subjects(RDF.type, SH.PropertyShape)) | {s for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf,
                                                                SH.targetObjectsOf, SH.target) for s in g.subjects(p, None)}
    for shape in sorted(holders, key=str):
        if (shape, SH.deactivated, Literal(True)) in g:
            continue
        pro = _Prologue()
        targets = _targets(g, shape, pro)
        is_property = (shape, SH.path, None) in g
        if not is_property:
            own = {p for p in g.predicates(shape, None) if str(p).startswith(str(SH)) and p not in _META}
            if own:
                raise Unsupported(f"{shape}: node-level constraints {sorted(map(str, own))} not compiled")
        if not targets:
            continue
        if is_property:
            checks += _property_checks(g, shape, targets, pro.prefixes)
        for ps in g.objects(shape, SH.property):
            if isinstance(ps, BNode) and (ps, SH.path, None) not in g:
                raise Unsupported("property shape without sh:path")
            checks += _property_checks(g, ps, targets, pro.prefixes)
    return checks
