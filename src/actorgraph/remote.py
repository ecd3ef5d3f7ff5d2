"""Run actorgraph's queries on a remote SPARQL 1.1 endpoint (Virtuoso, Fuseki, QLever, GraphDB,
or another ``actorgraph serve``).

:class:`RemoteGraph` is an :class:`~actorgraph.graph.ActorGraph` whose queries go over HTTP:
``select``, ``ask``, ``construct`` and ``select_terms`` return exactly what the embedded
store returns.  To get there it

- prepends the prefixes every actorgraph query may rely on;
- binds values with a ``VALUES`` block of properly serialised RDF terms placed at the start
  of the query's top-level ``WHERE`` group (user text is never pasted into the query);
- normalises what servers return differently: Virtuoso's ``__ASK_RETVAL`` binding for ASK,
  ``typed-literal`` and ``nodeID://`` terms, booleans as ``1``/``0``, ``xsd:int`` integers,
  ``xsd:string`` on plain literals, and the partial dates ``actorgraph push`` had to encode
  for Virtuoso (:data:`ENCODED_DATATYPES`).

Name a graph on the server with ``default-graph-uri`` in the URL, as the SPARQL protocol
says: ``http://127.0.0.1:8890/sparql?default-graph-uri=https://w3id.org/actorgraph/graph``
(Virtuoso otherwise answers from the union of all its graphs, its system graphs included).

The query-text helpers are public because ``actorgraph serve`` uses them to refuse updates
and ``SERVICE``:

>>> shape = analyse_query("PREFIX ex: <http://e/> SELECT ?x WHERE { ?x ex:p ?y }")
>>> shape.form, shape.where_body
('SELECT', 40)
>>> with_values("SELECT ?x WHERE { ?x ?p ?o }", {"x": "https://example.org/a"})
'SELECT ?x WHERE { VALUES (?x) { (<https://example.org/a>) } ?x ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from actorgraph.errors import ActorgraphError
from actorgraph.graph import XSD, ActorGraph, QueryError, QueryTimeout, to_term
from actorgraph.namespaces import sparql_prologue

#: query forms that only read
READ_FORMS = frozenset({"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"})
#: the keywords that start a SPARQL Update operation
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

_TOKENS = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<word>(?:[A-Za-z_][\w.-]*)?:(?:[^\s{}()\[\];,\\"'<>]|\\.)*|[A-Za-z_]\w*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class QueryShape:
    """What a query is, found from its tokens (strings, IRIs and comments skipped).

    ``form`` is the first keyword after the prologue, upper-cased (``SELECT``, ``ASK``,
    ``INSERT``…, or ``""``); ``keywords`` every bare word used; ``where_body`` the offset
    just after the ``{`` that opens the top-level WHERE group, or ``None``.
    """

    form: str
    keywords: frozenset[str]
    where_body: int | None

    @property
    def is_update(self) -> bool:
        """Whether the text is a SPARQL Update request rather than a query."""
        return self.form in UPDATE_KEYWORDS


def _tokens(text: str) -> list[tuple[str, str, int]]:
    return [(m.lastgroup or "other", m.group(), m.start()) for m in _TOKENS.finditer(text)
            if m.lastgroup not in ("space", "comment")]


def analyse_query(text: str) -> QueryShape:
    """Find a query's form, its keywords and where its WHERE group starts.

    >>> analyse_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").where_body
    30
    >>> analyse_query("# a comment\\nINSERT DATA { <a:b> <a:c> 'SELECT' }").is_update
    True
    >>> "SERVICE" in analyse_query("SELECT * { ?s <http://e/SERVICE> 'SERVICE' }").keywords
    False
    """
    tokens = _tokens(text)
    keywords = frozenset(value.upper() for kind, value, _ in tokens if kind == "word" and ":" not in value)
    index = 0
    while index < len(tokens) and tokens[index][1].upper() in ("PREFIX", "BASE"):
        index += 3 if tokens[index][1].upper() == "PREFIX" else 2
    form = tokens[index][1].upper() if index < len(tokens) and tokens[index][0] == "word" else ""
    return QueryShape(form, keywords, _where_body(tokens[index + 1:], form))


def _where_body(tokens: list[tuple[str, str, int]], form: str) -> int | None:
    if form not in READ_FORMS:
        return None
    significant = [t for t in tokens if t[0] != "other" or t[1] in "{}()"]
    position = 0
    if form == "CONSTRUCT":
        if not significant or significant[0][1] != "{":
            return None  # CONSTRUCT WHERE { … }: the pattern is also the template
        depth = 0
        for position, (_, value, _) in enumerate(significant):
            depth += {"{": 1, "}": -1}.get(value, 0)
            if depth == 0:
                break
        position += 1
    parens = 0
    for _, value, offset in significant[position:]:
        if value == "(":
            parens += 1
        elif value == ")":
            parens -= 1
        elif value == "{" and parens == 0:
            return offset + 1
    return None


def unescape_codepoints(text: str) -> str:
    r"""Apply SPARQL's ``\uXXXX`` / ``\UXXXXXXXX`` escapes, which come before parsing.

    >>> unescape_codepoints(r"\u0053ERVICE")
    'SERVICE'
    """
    return _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def term_text(term: Any) -> str:
    """An RDF term as SPARQL text, escaped by the RDF library (N-Triples syntax).

    >>> term_text(ox.Literal('say "hi"\\n', language="en"))
    '"say \\\\"hi\\\\"\\\\n"@en'
    """
    if isinstance(term, ox.BlankNode) or not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise QueryError(f"cannot bind {term!r} on a remote endpoint: only IRIs and literals can be bound")
    return str(term)


def with_values(query: str, bindings: Mapping[str, Any]) -> str:
    """The query with ``bindings`` as a ``VALUES`` block at the start of its WHERE group.

    Values are turned into RDF terms as :func:`actorgraph.graph.to_term` does and written
    by the RDF library, so no text of theirs can change the query:

    >>> with_values("ASK { ?a ?p ?o }", {"a": 'x" } ; DROP ALL #'})
    'ASK { VALUES (?a) { ("x\\\\" } ; DROP ALL #") } ?a ?p ?o }'
    """
    if not bindings:
        return query
    for name in bindings:
        if not _VARIABLE_NAME.match(name):
            raise QueryError(f"not a SPARQL variable name: {name!r}")
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(term_text(to_term(value)) for value in bindings.values())
    block = f"VALUES ({names}) {{ ({values}) }}"
    position = analyse_query(query).where_body
    if position is None:
        return f"{query}\n{block}"
    return f"{query[:position]} {block}{query[position:]}"


# -- reading the answers ---------------------------------------------------------------------

_INTEGER_ALIASES = {XSD + t for t in ("int", "long", "short")}
_STRING = XSD + "string"
#: Virtuoso stores a gYear or gYearMonth as its first day, so "2017-03"^^xsd:gYearMonth and
#: "2017-03-01"^^xsd:date on one subject collapse into one value.  ``actorgraph push`` sends
#: partial dates to Virtuoso with these opaque datatypes instead; answers map them back.
ENCODED_DATATYPES = {XSD + t: f"https://w3id.org/actorgraph/ontology#encoded-{t}" for t in ("gYear", "gYearMonth")}
_DECODED_DATATYPES = {encoded: original for original, encoded in ENCODED_DATATYPES.items()}


def literal(value: str, datatype: str | None = None, language: str | None = None) -> ox.Literal:
    """A literal as the embedded store would hold it, undoing servers' renderings.

    >>> literal("1", XSD + "boolean").value
    'true'
    >>> literal("42", XSD + "int").datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    >>> literal("JNIM", language="EN").language
    'en'
    >>> literal("2017-03", ENCODED_DATATYPES[XSD + "gYearMonth"]).datatype.value
    'http://www.w3.org/2001/XMLSchema#gYearMonth'
    """
    if language:
        return ox.Literal(value, language=language.lower())
    if not datatype or datatype == _STRING:
        return ox.Literal(value)
    datatype = _DECODED_DATATYPES.get(datatype, datatype)
    if datatype in _INTEGER_ALIASES:
        datatype = XSD + "integer"
    elif datatype == XSD + "boolean":
        value = {"1": "true", "0": "false"}.get(value, value)
    return ox.Literal(value, datatype=ox.NamedNode(datatype))


def _normalised(term: Any) -> Any:
    if isinstance(term, ox.Literal):
        return literal(term.value, term.datatype.value, term.language)
    return term


def json_term(binding: Mapping[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A term from its SPARQL 1.1 JSON form (Virtuoso's ``typed-literal`` and ``nodeID://`` too)."""
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "bnode" or (kind == "uri" and value.startswith("nodeID://")):
        return ox.BlankNode(value.removeprefix("nodeID://").removeprefix("_:"))
    if kind == "uri":
        return ox.NamedNode(value)
    if kind in ("literal", "typed-literal"):
        return literal(value, binding.get("datatype"), binding.get("xml:lang"))
    raise QueryError(f"the endpoint returned a term of unknown type {kind!r}")


def solutions(document: Mapping[str, Any]) -> tuple[list[str], list[list[Any]]] | bool:
    """SELECT rows or an ASK answer from a SPARQL JSON results document.

    >>> solutions({"head": {}, "boolean": True})
    True
    >>> solutions({"head": {"vars": ["__ASK_RETVAL"]},
    ...            "results": {"bindings": [{"__ASK_RETVAL": {"type": "literal", "value": "0"}}]}})
    False
    """
    if "boolean" in document:
        return bool(document["boolean"])
    variables = list(document.get("head", {}).get("vars", []))
    bindings = document.get("results", {}).get("bindings", [])
    if variables == ["__ASK_RETVAL"]:
        return any(row.get("__ASK_RETVAL", {}).get("value") in ("1", "true") for row in bindings)
    rows = [tuple(json_term(row[v]) if v in row else None for v in variables) for row in bindings]
    return variables, rows


# -- the graph -------------------------------------------------------------------------------

_ACCEPT = {
    "graph": "application/n-triples, text/turtle;q=0.9, text/plain;q=0.5",
    "results": "application/sparql-results+json, application/json;q=0.9",
}
_RDF_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE, "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/ld+json": ox.RdfFormat.JSON_LD,
}


class RemoteGraph(ActorGraph):
    """An actorgraph over a remote SPARQL 1.1 endpoint, answering exactly as the embedded one.

    ``timeout`` bounds each HTTP exchange (connecting, and waiting for the answer).
    """

    def __init__(self, endpoint: str, *, timeout: float | None = 30.0):
        import httpx

        url = httpx.URL(endpoint)
        if url.scheme not in ("http", "https") or not url.host:
            raise ActorgraphError(f"not an http(s) SPARQL endpoint URL: {endpoint!r}")
        if url.userinfo:
            raise ActorgraphError("do not put credentials in the endpoint URL; "
                                  "set ACTORGRAPH_ENDPOINT_USER and ACTORGRAPH_ENDPOINT_PASSWORD")
        self.endpoint = endpoint
        self.timeout = timeout
        self.store = None  # type: ignore[assignment]  # no local store: everything goes over HTTP
        self._client = httpx.Client(timeout=timeout, follow_redirects=True,
                                    headers={"User-Agent": "actorgraph"})

    def __repr__(self) -> str:
        return f"RemoteGraph({self.endpoint!r})"

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()

    def _run(self, query: str, bindings: Mapping[str, Any] | None) -> Any:
        import httpx

        text = sparql_prologue() + with_values(query, bindings or {})
        form = analyse_query(text).form
        if form not in READ_FORMS:
            raise QueryError("only SELECT, ASK, CONSTRUCT and DESCRIBE queries can run on an endpoint"
                             if form in UPDATE_KEYWORDS else "SPARQL syntax error: expected a query form "
                             "(SELECT, ASK, CONSTRUCT or DESCRIBE)")
        wants_graph = form in ("CONSTRUCT", "DESCRIBE")
        try:
            response = self._client.post(
                self.endpoint, data={"query": text},
                headers={"Accept": _ACCEPT["graph" if wants_graph else "results"]})
        except httpx.TimeoutException:
            raise QueryTimeout(f"the endpoint {self.endpoint} did not answer within {self.timeout:g} s; "
                               "narrow the query, or raise the limit with --timeout") from None
        except httpx.HTTPError as exc:
            raise ActorgraphError(f"cannot reach the SPARQL endpoint {self.endpoint}: {exc}") from None
        if response.status_code >= 400:
            raise QueryError(_error_message(self.endpoint, response))
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if wants_graph:
            return self._triples(response.content, media_type)
        try:
            return solutions(response.json())
        except ValueError:
            raise QueryError(f"the endpoint {self.endpoint} did not answer with SPARQL JSON results "
                             f"(got {media_type or 'no content type'})") from None

    def _triples(self, content: bytes, media_type: str) -> list[ox.Triple]:
        rdf_format = _RDF_FORMATS.get(media_type)
        if rdf_format is None:
            raise QueryError(f"the endpoint {self.endpoint} answered a CONSTRUCT with {media_type!r}, "
                             "which actorgraph cannot read")
        try:
            return [ox.Triple(q.subject, q.predicate, _normalised(q.object))
                    for q in ox.parse(content, format=rdf_format)]
        except SyntaxError as exc:
            raise QueryError(f"the endpoint {self.endpoint} sent unreadable RDF: {exc.msg or exc}") from None


def _error_message(endpoint: str, response: Any) -> str:
    body = response.text.strip()
    detail = " ".join(body.split("\n\nSPARQL query:")[0].split())[:500]
    if response.status_code == 400:
        return f"the endpoint rejected the query: {detail or 'bad request'}"
    return f"the endpoint {endpoint} answered HTTP {response.status_code}: {detail or response.reason_phrase}"
