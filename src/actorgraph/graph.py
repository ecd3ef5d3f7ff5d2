"""The query-side view of actorgraph: one object that answers SPARQL.

Every lookup (lineage, profiles, relations, paths, analysis, exports) goes
through :class:`ActorGraph`, so that the same code runs on the embedded store
and, later, on a persistent store or a remote endpoint.

Results come back as plain Python values: IRIs and strings as ``str``, numbers
as ``int``/``float``, booleans as ``bool``; dates keep their lexical form
(``"2017"``, ``"2017-03"``, ``"2017-03-02"``) because the form is the precision.

>>> g = ActorGraph.bundled()
>>> rows = g.select("SELECT ?label WHERE { ?a skos:prefLabel ?label } LIMIT 1")
>>> isinstance(rows[0]["label"], str)
True
>>> g.ask("ASK { ?a a ag:Merger }")
True
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from actorgraph.errors import ActorgraphError
from actorgraph.load import load_store
from actorgraph.namespaces import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {XSD + t for t in ("decimal", "double", "float")}

Value = str | int | float | bool | None
Row = dict[str, Value]


class QueryError(ActorgraphError):
    """A SPARQL query could not be parsed or run."""


class QueryTimeout(ActorgraphError):
    """A SPARQL query ran longer than its time limit."""


def to_python(term: Any) -> Value:
    """Turn a pyoxigraph term into a plain Python value.

    >>> to_python(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")))
    3
    >>> to_python(ox.Literal("2017-03", datatype=ox.NamedNode(XSD + "gYearMonth")))
    '2017-03'
    >>> to_python(ox.NamedNode("https://example.org/a"))
    'https://example.org/a'
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype in _FLOAT_TYPES:
            return float(term.value)
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def to_term(value: Any) -> ox.NamedNode | ox.Literal:
    """Turn a Python value into a term for binding: IRIs (``http…``) become named nodes.

    >>> to_term("https://example.org/a")
    <NamedNode value=https://example.org/a>
    >>> to_term(4)
    <Literal value=4 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    """
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    text = str(value)
    if text.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(text)
    return ox.Literal(text)


class ActorGraph:
    """A knowledge graph that answers SPARQL, over an embedded pyoxigraph store."""

    def __init__(self, store: ox.Store, *, timeout: float | None = 30.0):
        self.store = store
        self.timeout = timeout

    @classmethod
    def bundled(cls, extra_files: Iterable[Path | str] = (), **kwargs: Any) -> ActorGraph:
        """The bundled ontology and curated graph, plus any extra Turtle files."""
        return cls(load_store(extra_files), **kwargs)

    @classmethod
    def from_files(cls, files: Iterable[Path | str], **kwargs: Any) -> ActorGraph:
        """Only the given Turtle files (no bundled data): for fixtures and tests."""
        return cls(load_store(files, bundled=False), **kwargs)

    @property
    def curated(self) -> ActorGraph:
        """The curated part of the graph: on a store, without the imported dataset rows.

        Store-wide lookups (the name index, contested figures) read it, so that they
        do not scan millions of imported events. Here it is the graph itself.
        """
        return self

    # -- running queries ---------------------------------------------------------------

    def _run(self, query: str, bindings: Mapping[str, Any] | None) -> Any:
        substitutions = {ox.Variable(k): to_term(v) for k, v in (bindings or {}).items()}
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                result = self.store.query(query, prefixes=PREFIXES, substitutions=substitutions)
                if isinstance(result, ox.QuerySolutions):
                    variables = [v.value for v in result.variables]
                    outcome["value"] = (variables, [tuple(s) for s in result])
                elif isinstance(result, ox.QueryTriples):
                    outcome["value"] = list(result)
                else:
                    outcome["value"] = bool(result)
            except SyntaxError as exc:
                outcome["error"] = QueryError(f"SPARQL syntax error: {exc.msg or exc}")
            except (OSError, ValueError, TypeError, RuntimeError) as exc:
                outcome["error"] = QueryError(f"the query failed: {exc}")

        if self.timeout is None:
            work()
        else:
            worker = threading.Thread(target=work, daemon=True)
            worker.start()
            worker.join(self.timeout)
            if worker.is_alive():
                raise QueryTimeout(f"the query did not finish within {self.timeout:g} s; "
                                   "narrow it, or raise the limit with --timeout")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def select(self, query: str, **bindings: Any) -> list[Row]:
        """Run a SELECT query; each row maps variable names to plain values."""
        result = self._run(query, bindings)
        if not isinstance(result, tuple):
            raise QueryError("expected a SELECT query")
        variables, rows = result
        return [{v: to_python(t) for v, t in zip(variables, row)} for row in rows]

    def select_terms(self, query: str, **bindings: Any) -> tuple[list[str], list[list[Any]]]:
        """Run a SELECT query and keep pyoxigraph terms (for serialisers)."""
        result = self._run(query, bindings)
        if not isinstance(result, tuple):
            raise QueryError("expected a SELECT query")
        return result

    def ask(self, query: str, **bindings: Any) -> bool:
        """Run an ASK query."""
        result = self._run(query, bindings)
        if not isinstance(result, bool):
            raise QueryError("expected an ASK query")
        return result

    def construct(self, query: str, **bindings: Any) -> list[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query; returns the triples."""
        result = self._run(query, bindings)
        if not isinstance(result, list):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return result


def open_graph(extra_files: Iterable[Path | str] = (), *, store: Path | str | None = None,
               endpoint: str | None = None, timeout: float | None = 30.0) -> ActorGraph:
    """The graph a command works on: a remote endpoint, a persistent store, or the bundled graph.

    - ``endpoint``: a SPARQL 1.1 endpoint URL (see :mod:`actorgraph.remote`);
    - ``store``: a persistent store folder holding the curated graph and imported data
      (see :mod:`actorgraph.store`);
    - otherwise the bundled ontology and curated graph, plus ``extra_files``.
    """
    if endpoint:
        from actorgraph.remote import RemoteGraph

        return RemoteGraph(endpoint, timeout=timeout)
    if store:
        from actorgraph.store import open_store_graph

        return open_store_graph(Path(store), extra_files, timeout=timeout)
    return ActorGraph.bundled(extra_files, timeout=timeout)
