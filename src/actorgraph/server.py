"""A read-only SPARQL 1.1 Protocol endpoint over an actorgraph, served by uvicorn.

Routes:

- ``/sparql``: queries by ``GET ?query=``, ``POST`` form (``query=``) or ``POST``
  ``application/sparql-query``. SELECT and ASK answer in SPARQL JSON (default), XML, CSV
  or TSV; CONSTRUCT and DESCRIBE in Turtle (default), N-Triples, JSON-LD or RDF/XML, chosen
  by the ``Accept`` header or a ``format`` parameter (``json``, ``xml``, ``csv``, ``tsv``,
  ``turtle``, ``ntriples``, ``jsonld``, ``rdfxml``).
- ``/``: the interactive HTML graph; ``/.well-known/void``: a VoID/DCAT description of the
  dataset (counts, licence, sources); ``/health``: ``{"status": "ok"}``.

Refused, with a 4xx and a message: SPARQL Update (403), ``SERVICE`` (403), dataset
parameters (400), malformed queries (400, with the parser's message), answers longer than
``max_results`` (400). A query running longer than the graph's ``timeout`` gets a 503.

>>> from actorgraph.graph import ActorGraph
>>> app = create_app(ActorGraph.bundled(), max_results=500)   # then: serve(...) or any ASGI server
>>> sorted(route.path for route in app.routes)
['/', '/.well-known/void', '/health', '/sparql']
"""

from __future__ import annotations

import csv
import io
import json
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from actorgraph.errors import ActorgraphError
from actorgraph.graph import XSD, ActorGraph, QueryTimeout
from actorgraph.namespaces import DATA_BASE, ONTOLOGY_IRI, PREFIXES
from actorgraph.query import term_json
from actorgraph.remote import analyse_query, unescape_codepoints

log = logging.getLogger("actorgraph.server")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_RESULTS = 10_000
MAX_QUERY_BYTES = 1_000_000

RESULTS_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
FORMAT_NAMES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle", "ntriples": "application/n-triples",
    "nt": "application/n-triples", "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_DEFAULT_MEDIA = {"results": "application/sparql-results+json", "graph": "text/turtle"}
_MEDIA_OUT = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
              "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}


class Refused(Exception):
    """A request the endpoint answers with an HTTP error status and a one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


# -- content negotiation ---------------------------------------------------------------------

def negotiate(accept: str, offered: Sequence[str], default: str) -> str | None:
    """The offered media type the ``Accept`` header prefers (``default`` for ``*/*`` or none).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", ["text/csv", "application/sparql-results+xml"], "x")
    'application/sparql-results+xml'
    >>> negotiate("text/*", ["application/n-triples", "text/turtle"], "text/turtle")
    'text/turtle'
    >>> negotiate("image/png", ["text/turtle"], "text/turtle") is None
    True
    """
    if not accept.strip():
        return default
    ranges = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for field in fields[1:]:
            if field.lower().startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        if fields[0] and quality > 0:
            ranges.append((-quality, position, fields[0].lower()))
    for _, _, media_range in sorted(ranges):
        if media_range == "*/*":
            return default
        if media_range.endswith("/*"):
            family = media_range[:-1]
            if default.startswith(family):
                return default
            match = next((m for m in offered if m.startswith(family)), None)
        else:
            match = media_range if media_range in offered else None
        if match:
            return match
    return None


# -- serialising answers ---------------------------------------------------------------------

def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD + "string":
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def write_results(kind: str, result: tuple[list[str], list[list[Any]]] | bool) -> str:
    """A SELECT or ASK answer in SPARQL JSON, XML, CSV or TSV.

    >>> print(write_results("tsv", (["a"], [[ox.Literal("x", language="en")], [None]])), end="")
    ?a
    "x"@en
    <BLANKLINE>
    >>> write_results("json", True)
    '{"head": {}, "boolean": true}'
    """
    if isinstance(result, bool):
        if kind == "json":
            return json.dumps({"head": {}, "boolean": result})
        if kind == "xml":
            return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                    f"<head/><boolean>{str(result).lower()}</boolean></sparql>\n")
        return f"_askResult\r\n{str(result).lower()}\r\n" if kind == "csv" else f"?_askResult\n{str(result).lower()}\n"
    variables, rows = result
    if kind == "json":
        bindings = [{v: term_json(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False)
    if kind == "xml":
        head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
        body = "".join(
            "<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                                 for v, t in zip(variables, row) if t is not None) + "</result>\n"
            for row in rows)
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
                f"<head>{head}</head>\n<results>\n{body}</results>\n</sparql>\n")
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_value(t) for t in row] for row in rows)
        return buffer.getvalue()
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def write_triples(triples: Sequence[ox.Triple], rdf_format: ox.RdfFormat,
                  prefixes: dict[str, str] | None = None) -> bytes:
    """Triples in Turtle (with actorgraph's prefixes), N-Triples, JSON-LD or RDF/XML."""
    if rdf_format == ox.RdfFormat.TURTLE:
        return ox.serialize(triples, format=rdf_format, prefixes=prefixes or PREFIXES)
    return ox.serialize(triples, format=rdf_format)


# -- the dataset description -----------------------------------------------------------------

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_COUNTS = """
SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties)
WHERE { ?s ?p ?o }
"""
_CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?x) AS ?entities) WHERE {
  VALUES ?class { ag:Actor ag:ArmedGroup ag:Coalition ag:StateForce ag:Event org:ChangeEvent foaf:Person ag:Source }
  ?x a/rdfs:subClassOf* ?class
} GROUP BY ?class ORDER BY ?class
"""
_LICENCES = """
SELECT DISTINCT ?licence WHERE {
  ?dataset dcterms:license ?licence ; a ?kind .
  VALUES ?kind { owl:Ontology <http://rdfs.org/ns/void#Dataset> <http://www.w3.org/ns/dcat#Dataset> }
  FILTER (isIRI(?licence))
} ORDER BY ?licence
"""
_SOURCES = "SELECT DISTINCT ?source WHERE { ?source a ag:Source FILTER (isIRI(?source)) } ORDER BY ?source"


@dataclass
class DatasetFacts:
    """What the VoID description says about the graph, counted once."""

    counts: dict[str, int]
    classes: list[tuple[str, int]]
    licences: list[str]
    sources: list[str]

    @classmethod
    def of(cls, graph: ActorGraph) -> DatasetFacts:
        counts = graph.select(_COUNTS)[0]
        classes = [(r["class"], r["entities"]) for r in graph.select(_CLASS_COUNTS)]
        licences = [r["licence"] for r in graph.select(_LICENCES)]
        sources = [r["source"] for r in graph.select(_SOURCES)]
        return cls({k: int(v or 0) for k, v in counts.items()}, classes, licences, sources)

    def triples(self, base: str) -> list[ox.Triple]:
        """The VoID/DCAT description, with endpoint IRIs under ``base`` (``http://host:port/``)."""
        dataset = ox.NamedNode(base + ".well-known/void#actorgraph")
        endpoint = ox.NamedNode(base + "sparql")
        out: list[ox.Triple] = []

        def add(subject: Any, predicate: str, obj: Any) -> None:
            out.append(ox.Triple(subject, ox.NamedNode(predicate), obj))

        def integer(n: int) -> ox.Literal:
            return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))

        out.append(ox.Triple(dataset, RDF_TYPE, ox.NamedNode(VOID + "Dataset")))
        out.append(ox.Triple(dataset, RDF_TYPE, ox.NamedNode(DCAT + "Dataset")))
        add(dataset, DCT + "title", ox.Literal("actorgraph", language="en"))
        add(dataset, DCT + "description", ox.Literal(
            "A sourced, dated knowledge graph of armed actors: lineage, alliances, leaders, events and "
            "contested attributions.", language="en"))
        for licence in self.licences:
            add(dataset, DCT + "license", ox.NamedNode(licence))
        add(dataset, VOID + "sparqlEndpoint", endpoint)
        add(dataset, VOID + "uriSpace", ox.Literal(DATA_BASE))
        add(dataset, VOID + "vocabulary", ox.NamedNode(ONTOLOGY_IRI))
        add(dataset, VOID + "triples", integer(self.counts.get("triples", 0)))
        add(dataset, VOID + "distinctSubjects", integer(self.counts.get("subjects", 0)))
        add(dataset, VOID + "properties", integer(self.counts.get("properties", 0)))
        for class_iri, entities in self.classes:
            partition = ox.BlankNode()
            add(dataset, VOID + "classPartition", partition)
            add(partition, VOID + "class", ox.NamedNode(class_iri))
            add(partition, VOID + "entities", integer(entities))
        for source in self.sources:
            add(dataset, DCT + "source", ox.NamedNode(source))
        distribution = ox.BlankNode()
        add(dataset, DCAT + "distribution", distribution)
        out.append(ox.Triple(distribution, RDF_TYPE, ox.NamedNode(DCAT + "Distribution")))
        add(distribution, DCAT + "accessURL", endpoint)
        add(distribution, DCAT + "mediaType", ox.Literal("application/sparql-results+json"))
        return out


# -- the application -------------------------------------------------------------------------

def _minimal_page() -> str:
    return """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>actorgraph SPARQL endpoint</title></head>
<body><h1>actorgraph</h1>
<p>A sourced, dated knowledge graph of armed actors, served read-only.</p>
<ul><li>SPARQL endpoint: <a href="sparql">sparql</a> (SPARQL 1.1 Protocol, GET or POST)</li>
<li>Dataset description: <a href=".well-known/void">.well-known/void</a></li>
<li>Health: <a href="health">health</a></li></ul>
<form action="sparql" method="get"><textarea name="query" rows="8" cols="80">SELECT ?actor ?label WHERE {
  ?actor a/rdfs:subClassOf* ag:Actor ; skos:prefLabel ?label
} ORDER BY ?label LIMIT 50</textarea><br>
<select name="format"><option>json</option><option>csv</option><option>tsv</option><option>xml</option></select>
<button type="submit">Run</button></form></body></html>
"""


def html_page(graph: ActorGraph) -> str:
    """The page ``/`` serves: the interactive graph of :mod:`actorgraph.export.html` (as
    ``actorgraph export html`` writes it), or a minimal page with a query form when the
    graph has no actor network to draw."""
    from actorgraph.export.html import html_document
    from actorgraph.network import actor_network, fetch

    data = fetch(graph)
    net = actor_network(data)
    if net.number_of_nodes() == 0:
        return _minimal_page()
    return html_document(net, data.sources, title="actorgraph")


def create_app(graph: ActorGraph, *, max_results: int = DEFAULT_MAX_RESULTS, cors_origin: str | None = None,
               max_query_bytes: int = MAX_QUERY_BYTES) -> Starlette:
    """The ASGI application serving ``graph`` read-only (see the module's description)."""
    cache: dict[str, Any] = {}
    lock = threading.Lock()

    def cached(key: str, make: Callable[[], Any]) -> Any:
        with lock:
            if key not in cache:
                cache[key] = make()
            return cache[key]

    async def sparql(request: Request) -> Response:
        try:
            query = await _read_query(request, max_query_bytes)
            return await _answer(request, graph, query, max_results)
        except Refused as refusal:
            return PlainTextResponse(refusal.message + "\n", status_code=refusal.status)

    async def void(request: Request) -> Response:
        offered = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
        media = negotiate(request.headers.get("accept", ""), offered, "text/turtle")
        if media is None:
            return PlainTextResponse(f"not acceptable: offered {', '.join(offered)}\n", status_code=406)
        try:
            facts = await run_in_threadpool(cached, "void", lambda: DatasetFacts.of(graph))
        except ActorgraphError as exc:
            return PlainTextResponse(f"cannot describe the dataset: {exc}\n", status_code=503)
        body = write_triples(facts.triples(str(request.base_url)), GRAPH_TYPES[media],
                             {**PREFIXES, "void": VOID, "dcat": DCAT})
        return Response(body, media_type=media)

    async def health(request: Request) -> Response:
        try:
            await run_in_threadpool(graph.ask, "ASK { ?s ?p ?o }")
        except ActorgraphError as exc:
            return JSONResponse({"status": "error", "detail": str(exc)}, status_code=503)
        return JSONResponse({"status": "ok"})

    async def home(request: Request) -> Response:
        page = await run_in_threadpool(cached, "html", lambda: html_page(graph))
        return HTMLResponse(page)

    middleware = []
    if cors_origin:
        middleware.append(Middleware(CORSMiddleware, allow_origins=[cors_origin], allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"]))
    return Starlette(routes=[
        Route("/", home, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/.well-known/void", void, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
    ], middleware=middleware)


async def _read_query(request: Request, limit: int) -> str:
    if request.method == "GET":
        params: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            params.setdefault(key, []).append(value)
    else:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise Refused(413, f"the request is larger than {limit} bytes")
        text = body.decode("utf-8", errors="replace")
        if content_type == "application/sparql-update":
            raise Refused(403, "this endpoint is read-only: SPARQL Update is refused")
        if content_type == "application/sparql-query":
            params = {"query": [text]}
            for key, value in request.query_params.multi_items():
                params.setdefault(key, []).append(value)
        elif content_type == "application/x-www-form-urlencoded":
            params = parse_qs(text, keep_blank_values=True)
            for key, value in request.query_params.multi_items():
                params.setdefault(key, []).append(value)
        else:
            raise Refused(415, "send the query as application/sparql-query, or as the form field 'query' "
                               "(application/x-www-form-urlencoded)")
    if "update" in params:
        raise Refused(403, "this endpoint is read-only: SPARQL Update is refused")
    if "default-graph-uri" in params or "named-graph-uri" in params:
        raise Refused(400, "default-graph-uri and named-graph-uri are not supported: "
                           "this endpoint serves one default graph")
    queries = params.get("query", [])
    if len(queries) != 1 or not queries[0].strip():
        raise Refused(400, "send exactly one non-empty 'query' parameter (SPARQL 1.1 Protocol)")
    if len(queries[0].encode("utf-8")) > limit:
        raise Refused(413, f"the query is longer than {limit} bytes")
    request.state.format = (params.get("format") or [None])[0]
    return queries[0]


async def _answer(request: Request, graph: ActorGraph, query: str, max_results: int) -> Response:
    shape = analyse_query(query)
    escaped = analyse_query(unescape_codepoints(query)) if "\\u" in query.lower() else shape
    if shape.is_update or escaped.is_update:
        raise Refused(403, "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, …) is refused")
    if "SERVICE" in shape.keywords | escaped.keywords:
        raise Refused(403, "SERVICE is refused: this endpoint does not query other endpoints")
    kind = "graph" if shape.form in ("CONSTRUCT", "DESCRIBE") else "results"
    offered = list(GRAPH_TYPES if kind == "graph" else RESULTS_TYPES)
    wanted = request.state.format
    if wanted:
        media = FORMAT_NAMES.get(wanted.lower())
        if media not in offered:
            raise Refused(400, f"unknown format {wanted!r} for this query")
    else:
        media = negotiate(request.headers.get("accept", ""), offered, _DEFAULT_MEDIA[kind])
        if media is None:
            raise Refused(406, f"not acceptable: this query can answer in {', '.join(offered)}")
    run = {"ASK": graph.ask, "CONSTRUCT": graph.construct, "DESCRIBE": graph.construct}.get(
        shape.form, graph.select_terms)
    try:
        result = await run_in_threadpool(run, query)
    except QueryTimeout as exc:
        raise Refused(503, str(exc)) from None
    except ActorgraphError as exc:
        raise Refused(400, str(exc)) from None
    except Exception:  # a bug of ours or the store's: log it, never show a traceback
        log.exception("query failed")
        raise Refused(500, "the query failed inside the server; see its log") from None
    size = len(result) if kind == "graph" else 1 if isinstance(result, bool) else len(result[1])
    if size > max_results:
        raise Refused(400, f"the answer has {size} results, more than this server's limit of {max_results}: "
                           "add a LIMIT (or run the server with a higher --max-results)")
    if kind == "graph":
        return Response(write_triples(result, GRAPH_TYPES[media]), media_type=media)
    answer = RESULTS_TYPES[media]
    return Response(write_results(answer, result), media_type=_MEDIA_OUT[answer])


def serve(graph: ActorGraph, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          max_results: int = DEFAULT_MAX_RESULTS, cors_origin: str | None = None, log_level: str = "info") -> None:
    """Serve ``graph`` with uvicorn until interrupted."""
    import uvicorn

    app = create_app(graph, max_results=max_results, cors_origin=cors_origin)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False)

