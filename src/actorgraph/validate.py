"""Check the ontology and graphs against the SHACL shapes (pyshacl).

The data graph is the ontology plus every data file, so that ``sh:targetClass``
reaches instances of subclasses.  Each result names its focus node, the node's
label, the message, and the file where the node is defined.

>>> report = validate(bundled=False)    # the ontology alone; validate() checks the bundled graph
>>> report.conforms, report.errors
(True, [])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH, SKOS

from actorgraph import resources
from actorgraph.errors import DataFileError
from actorgraph.namespaces import PREFIXES

SHAPES_NS = "https://w3id.org/actorgraph/shapes#"

_SEVERITY = {SH.Violation: "error", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class Finding:
    """One SHACL result, made readable."""

    severity: str
    focus: str
    label: str
    path: str
    value: str
    message: str
    shape: str
    file: str

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        label = f" ({self.label})" if self.label else ""
        detail = f" [{self.path}" + (f" = {self.value}" if self.value else "") + "]" if self.path else ""
        return f"{where}{self.severity}: {self.focus}{label}{detail}: {self.message}"


@dataclass
class Report:
    """The outcome of a validation: conforms only if there is no error (warnings allowed)."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "error"]

    @property
    def conforms(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {"conforms": self.conforms, "errors": len(self.errors), "warnings": len(self.warnings),
                "findings": [f.__dict__ for f in self.findings]}


def parse_turtle(path: Path, graph: Graph) -> None:
    """Parse a Turtle file into an rdflib graph, reporting errors with file and line."""
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises a variety of parser exceptions
        line = getattr(exc, "lines", None) or getattr(exc, "lineno", None)
        raise DataFileError(str(path), f"not valid Turtle: {exc}", line if isinstance(line, int) else None) from None


def _short(term, graph: Graph) -> str:
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except ValueError:
            return str(term)
    return "" if term is None else str(term)


def validate(extra_files: Iterable[Path | str] = (), *, bundled: bool = True) -> Report:
    """Validate the bundled graph (and ``extra_files``) against ``ontology/shapes.ttl``."""
    from pyshacl import validate as shacl_validate

    data = Graph()
    origin: dict[URIRef, str] = {}
    files = [resources.model_file()] + (resources.graph_files() if bundled else []) + [Path(p) for p in extra_files]
    for path in files:
        part = Graph()
        parse_turtle(path, part)
        for subject in set(part.subjects()):
            origin.setdefault(subject, _display_path(path))
        data += part
    for prefix, iri in PREFIXES.items():
        data.bind(prefix, Namespace(iri))
    data.bind("ags", Namespace(SHAPES_NS))
    shapes = Graph()
    parse_turtle(resources.shapes_file(), shapes)
    owner = {}
    for node_shape, property_shape in shapes.subject_objects(SH.property):
        owner.setdefault(property_shape, set()).add(node_shape)
    _, results, text = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                      allow_warnings=True)
    if not isinstance(results, Graph):  # the shapes themselves are broken
        raise DataFileError(str(resources.shapes_file()), text.strip())
    findings = []
    for result in results.objects(None, SH.result):  # top-level results, not nested details
        focus = results.value(result, SH.focusNode)
        label = data.value(focus, SKOS.prefLabel) if focus is not None else None
        findings.append(Finding(
            severity=_SEVERITY.get(results.value(result, SH.resultSeverity), "error"),
            focus=_short(focus, data),
            label=str(label) if isinstance(label, Literal) else "",
            path=_short(results.value(result, SH.resultPath), data),
            value=_short(results.value(result, SH.value), data),
            message=str(results.value(result, SH.resultMessage) or ""),
            shape=_short(_owning_shape(results.value(result, SH.sourceShape), owner), data),
            file=origin.get(focus, ""),
        ))
    findings.sort(key=lambda f: (f.severity != "error", f.file, f.focus, f.message))
    return Report(findings)


def _owning_shape(shape, owner: dict):
    """The node shape a property shape belongs to, when it belongs to exactly one."""
    parents = owner.get(shape, set())
    return next(iter(parents)) if len(parents) == 1 else shape


def _display_path(path: Path) -> str:
    path = Path(path).resolve()
    for root in (resources.graphs_dir().parent, Path.cwd()):
        try:
            return str(path.relative_to(root.resolve()))
        except ValueError:
            continue
    return str(path)
