"""Run a user's SPARQL query safely: parsed first, network access refused, values bound.

The query comes from a file, from text, or by the name of a bundled query
(``src/actorgraph/queries/*.rq``; the first comment line is its description).
Before it runs it is parsed twice: by pyoxigraph, the engine that will run it,
for syntax errors with line and column; and by rdflib's SPARQL parser, whose
parse tree is walked for ``SERVICE`` patterns, which reach the network and are
refused unless ``allow_network``.  Updates (``INSERT``, ``DELETE``, ``LOAD``…)
are refused: ``actorgraph query`` is read-only.

>>> check_query("SELECT ?a WHERE { ?a a ag:Merger }")
'SELECT'
>>> check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
actorgraph.errors.ActorgraphError: the query uses SERVICE <http://example.org/sparql>, which reaches the network; add --allow-network if you mean it
>>> check_query("SELECT ?a WHERE {\\n  ?a ?b\\n}")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
actorgraph.graph.QueryError: SPARQL syntax error near line 3, column 2: expected ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from actorgraph import resources
from actorgraph.errors import ActorgraphError, DataFileError
from actorgraph.graph import XSD, QueryError
from actorgraph.namespaces import PREFIXES

_PARSE_ONLY = {ox.Variable("__actorgraph_parse_only"): ox.Literal("x")}
_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


def bundled_queries() -> list[tuple[str, str]]:
    """``(name, description)`` of every bundled named query, competency questions first."""
    found = []
    for name in resources.query_names():
        first = resources.query_text(name).lstrip().splitlines()[0] if resources.query_text(name).strip() else ""
        found.append((name, first.lstrip("#").strip() if first.startswith("#") else ""))
    return sorted(found, key=lambda item: (not item[0].startswith("cq"), item[0]))


def load_query(source: str | None = None, expression: str | None = None) -> tuple[str, str]:
    """``(text, origin)`` of a query given as text, a file path or a bundled query name."""
    if expression is not None:
        if source:
            raise ActorgraphError("give either a query file or name, or -e 'SPARQL', not both")
        return expression, "-e"
    if not source:
        raise ActorgraphError("no query given: name a .rq file or a bundled query, or use -e 'SPARQL' "
                              "(`actorgraph query --list` shows the bundled ones)")
    path = Path(source)
    if path.is_file():
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise DataFileError(str(path), f"cannot read the query: {exc}") from None
    name = path.stem if source.endswith(".rq") and not path.exists() and "/" not in source else source
    if name in resources.query_names():
        return resources.query_text(name), name
    if source.endswith(".rq") or "/" in source:
        raise DataFileError(source, "no such query file")
    raise ActorgraphError(f"no query file or bundled query named {source!r}; `actorgraph query --list` shows them")


def _walk(node: Any) -> Any:
    """Every node of an rdflib SPARQL parse tree (CompValues, ParseResults, lists)."""
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        for item in node:
            yield from _walk(item)


def check_query(text: str, *, allow_network: bool = False, origin: str | None = None) -> str:
    """Check a query before running it; returns its form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``).

    Raises :class:`~actorgraph.graph.QueryError` for a syntax error (with line and
    column) and :class:`~actorgraph.errors.ActorgraphError` for an update or for
    ``SERVICE`` without ``allow_network``.
    """
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    where = f"{origin}: " if origin and origin != "-e" else ""
    try:
        ox.Store().query(text, prefixes=PREFIXES, substitutions=_PARSE_ONLY)
    except SyntaxError as exc:
        try:
            update = parseUpdate(text)
        except Exception:  # noqa: BLE001 - not an update either: report the engine's syntax error
            raise QueryError(f"{where}SPARQL syntax error {_syntax_message(exc.msg or str(exc))}") from None
        loads = [n for n in _walk(update) if getattr(n, "name", None) == "Load"]
        if loads:
            raise ActorgraphError(f"{where}the query is an update with LOAD <{loads[0].get('iri')}>, which reaches "
                                  "the network or the file system; actorgraph query only reads the graph") from None
        raise ActorgraphError(f"{where}the query is an update (INSERT, DELETE, CLEAR…); "
                              "actorgraph query only reads the graph") from None
    except RuntimeError:
        pass  # parsed: the sentinel variable was rejected before anything ran
    try:
        parsed = parseQuery(text)
    except Exception as exc:  # noqa: BLE001 - pyparsing's ParseException and friends
        if allow_network:
            return _form_guess(text)
        raise ActorgraphError(f"{where}the query could not be checked for SERVICE (rdflib: {exc}); "
                              "add --allow-network to run it anyway") from None
    form = next((_FORMS[n.name] for n in _walk(parsed) if getattr(n, "name", None) in _FORMS), "SELECT")
    if not allow_network:
        for node in _walk(parsed):
            if getattr(node, "name", None) == "ServiceGraphPattern":
                term = node.get("term")
                target = f"?{term}" if type(term).__name__ == "Variable" else f"<{term}>"
                raise ActorgraphError(f"{where}the query uses SERVICE {target}, which reaches the network; "
                                      "add --allow-network if you mean it")
    return form


def _syntax_message(message: str) -> str:
    """``near line L, column C: what was expected``, short and on one line."""
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.S)
    where, what = (f"near line {match.group(1)}, column {match.group(2)}", match.group(3)) if match else ("", message)
    if "Prefix not found" in what:
        what = "unknown prefix (the actorgraph prefixes are predeclared; declare others with PREFIX)"
    what = " ".join(what.split())
    if len(what) > 100:
        what = what[:100].rsplit(",", 1)[0] + ", …"
    return f"{where}: {what}" if where else what


def _form_guess(text: str) -> str:
    body = re.sub(r"#[^\n]*", "", text)
    match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.I)
    return match.group(1).upper() if match else "SELECT"


_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")


def parse_binding(text: str, graph: Any = None) -> tuple[str, Any]:
    """Parse ``var=value`` from ``--bind`` into a variable name and an RDF term.

    ``<IRI>`` and prefixed names (``actor:gsim``) are IRIs; ``"text"`` (optionally
    ``@lang``) a string; integers and decimals numbers; ``true``/``false``
    booleans; ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` dates at their precision.
    Anything else is looked up as an actor, person or event name when a graph is
    given, and otherwise (or when no such name exists) taken as a plain string.

    >>> parse_binding("actor=actor:gsim")
    ('actor', <NamedNode value=https://w3id.org/actorgraph/id/actor/gsim>)
    >>> parse_binding("date=2022-07")[1].datatype.value
    'http://www.w3.org/2001/XMLSchema#gYearMonth'
    >>> parse_binding("n=3")[1].value
    '3'
    >>> parse_binding("oops")
    Traceback (most recent call last):
    ...
    actorgraph.errors.ActorgraphError: --bind expects var=value, got 'oops'
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not re.match(r"^\w+$", name):
        raise ActorgraphError(f"--bind expects var=value, got {text!r}")
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        return name, ox.NamedNode(value[1:-1])
    quoted = re.match(r'^(["\'])(.*)\1(?:@([A-Za-z-]+))?$', value, re.S)
    if quoted:
        return name, ox.Literal(quoted.group(2), language=quoted.group(3)) if quoted.group(3) else ox.Literal(quoted.group(2))
    prefixed = re.match(r"^([A-Za-z][\w-]*):([^\s/]*)$", value)
    if prefixed and prefixed.group(1) in PREFIXES:
        return name, ox.NamedNode(PREFIXES[prefixed.group(1)] + prefixed.group(2))
    if re.match(r"^-?\d+$", value):
        return name, ox.Literal(value, datatype=ox.NamedNode(XSD + "integer"))
    if re.match(r"^-?\d+\.\d+$", value):
        return name, ox.Literal(value, datatype=ox.NamedNode(XSD + "decimal"))
    if value in ("true", "false"):
        return name, ox.Literal(value, datatype=ox.NamedNode(XSD + "boolean"))
    if _DATE.match(value):
        from actorgraph.dates import PartialDate

        kind = {"day": "date", "month": "gYearMonth", "year": "gYear"}[PartialDate.parse(value).precision]
        return name, ox.Literal(value, datatype=ox.NamedNode(XSD + kind))
    if re.match(r"^(https?|urn):", value):
        return name, ox.NamedNode(value)
    if graph is not None:
        from actorgraph.names import name_index, resolve

        if name_index(graph).lookup(value):
            return name, ox.NamedNode(resolve(graph, value))
    return name, ox.Literal(value)


@dataclass
class QueryResult:
    """What a query returned: ``form`` and either rows (``variables`` + terms), a boolean or triples."""

    form: str
    variables: list[str]
    rows: list[list[Any]]
    boolean: bool | None = None
    triples: list[Any] | None = None


def projection(text: str) -> list[str] | None:
    """The variables a SELECT query projects, or ``None`` for ``SELECT *``.

    >>> projection("SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a")
    ['a', 'n']
    >>> projection("SELECT * WHERE { ?s ?p ?o }") is None
    True
    """
    from rdflib.plugins.sparql.parser import parseQuery

    for node in _walk(parseQuery(text)):
        if getattr(node, "name", None) == "SelectQuery":
            items = dict(node).get("projection")
            if not items:
                return None
            return [str(dict(item).get("evar") or dict(item).get("var")) for item in items]
    return []


def run_query(graph: Any, text: str, *, bindings: dict[str, Any] | None = None, allow_network: bool = False,
              origin: str | None = None) -> QueryResult:
    """Check and run a query through ``graph`` (so ``--timeout``, stores and endpoints apply).

    A bound variable the query projects is substituted as an RDF term; one it only
    uses (the named queries' parameters, read through ``COALESCE``) is given as a
    ``VALUES`` block of serialised terms at the start of the WHERE group, so the
    value never changes the query's text around it.
    """
    form = check_query(text, allow_network=allow_network, origin=origin)
    bindings = bindings or {}
    if bindings and form != "SELECT":
        raise ActorgraphError(f"--bind works with SELECT queries; this is {form}")
    if bindings:
        from actorgraph.remote import with_values

        try:
            selected = projection(text)
        except Exception:  # noqa: BLE001 - rdflib could not parse it (checked with --allow-network): let it run
            selected = None
        used = set(re.findall(r"[?$](\w+)", re.sub(r"#[^\n]*", "", text)))
        missing = [name for name in bindings if name not in used]
        if missing:
            raise QueryError(f"--bind {missing[0]}: the query has no variable ?{missing[0]}")
        inner = {k: v for k, v in bindings.items() if selected is not None and k not in selected}
        text = with_values(text, inner)
        bindings = {k: v for k, v in bindings.items() if k not in inner}
    if form == "SELECT":
        variables, rows = graph.select_terms(text, **bindings)
        return QueryResult(form, variables, rows)
    if form == "ASK":
        return QueryResult(form, [], [], boolean=graph.ask(text, **bindings))
    return QueryResult(form, [], [], triples=graph.construct(text, **bindings))


def term_json(term: Any) -> dict[str, Any] | None:
    """A term in the SPARQL 1.1 JSON results form.

    >>> term_json(ox.Literal("JNIM", language="en"))
    {'type': 'literal', 'value': 'JNIM', 'xml:lang': 'en'}
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        out["datatype"] = term.datatype.value
    return out


def term_text(term: Any, *, ntriples: bool = False) -> str:
    """A term as a table or CSV cell (its value), or in N-Triples syntax for TSV."""
    if term is None:
        return ""
    if ntriples:
        return str(term)
    return term.value if hasattr(term, "value") else str(term)


def result_json(result: QueryResult) -> dict[str, Any]:
    """The SPARQL 1.1 JSON results form for SELECT and ASK; ``{"triples": [...]}`` for graphs."""
    if result.form == "SELECT":
        return {"head": {"vars": result.variables},
                "results": {"bindings": [{v: term_json(t) for v, t in zip(result.variables, row) if t is not None}
                                         for row in result.rows]}}
    if result.form == "ASK":
        return {"head": {}, "boolean": result.boolean}
    return {"triples": [{"subject": term_json(t.subject), "predicate": term_json(t.predicate),
                         "object": term_json(t.object)} for t in result.triples or []]}


def result_turtle(result: QueryResult) -> str:
    """The triples of a CONSTRUCT or DESCRIBE result as Turtle, with the actorgraph prefixes."""
    if result.triples is None:
        raise ActorgraphError(f"--format turtle is for CONSTRUCT and DESCRIBE queries, not {result.form}")
    data = ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)
