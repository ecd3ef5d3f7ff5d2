"""``actorgraph serve``: the SPARQL 1.1 Protocol endpoint, run as a real subprocess on loopback.

The server loads the bundled graph plus tests/data/server/mini.ttl (Group A, Group B, Group C);
the answers are compared with the embedded graph holding the same files.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests/servers.py, until conftest.py lists it
pytest_plugins = ["servers"]
pytestmark = pytest.mark.server

MINI = Path(__file__).parent / "data" / "server" / "mini.ttl"
ORIGIN = "https://allowed.example"
LABELS_OF_A = "SELECT ?label WHERE { actor:group-a skos:prefLabel|skos:altLabel ?label } ORDER BY ?label"
CONSTRUCT_A = "CONSTRUCT { actor:group-a ?p ?o } WHERE { actor:group-a ?p ?o }"
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def embedded():
    from actorgraph.graph import ActorGraph

    return ActorGraph.bundled([MINI])


@pytest.fixture(scope="module")
def endpoint(start_serve):
    """serve over the bundled graph + mini.ttl, with a small result limit and CORS for one origin."""
    with start_serve(["--graph", str(MINI), "--max-results", "1000", "--cors", ORIGIN]) as url:
        yield url


def query(url: str, text: str, accept: str | None = None, method: str = "GET", **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    if method == "GET":
        return httpx.get(url, params={"query": text, **params}, headers=headers, timeout=30)
    return httpx.post(url, data={"query": text, **params}, headers=headers, timeout=30)


# -- result formats --------------------------------------------------------------------------

EXPECTED_LABELS = ["GA", 'Group "Alpha"\tone', "Group A", "Groupe A"]


def test_select_json(endpoint):
    response = query(endpoint, LABELS_OF_A, "application/sparql-results+json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    document = response.json()
    assert document["head"]["vars"] == ["label"]
    labels = sorted(b["label"]["value"] for b in document["results"]["bindings"])
    assert labels == EXPECTED_LABELS
    french = [b["label"] for b in document["results"]["bindings"] if b["label"]["value"] == "Groupe A"]
    assert french == [{"type": "literal", "value": "Groupe A", "xml:lang": "fr"}]


def test_select_xml(endpoint):
    response = query(endpoint, LABELS_OF_A, "application/sparql-results+xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    literals = root.findall(f".//{SPARQL_RESULTS}literal")
    assert sorted(el.text for el in literals) == EXPECTED_LABELS
    assert [el.get("{http://www.w3.org/XML/1998/namespace}lang") for el in literals if el.text == "Groupe A"] == ["fr"]


def test_select_csv(endpoint):
    response = query(endpoint, LABELS_OF_A, "text/csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["label"]
    assert sorted(r[0] for r in rows[1:]) == EXPECTED_LABELS


def test_select_tsv_writes_terms(endpoint):
    response = query(endpoint, "SELECT ?a ?label WHERE { ?a skos:altLabel ?label FILTER(?label = 'Groupe A'@fr) }",
                     "text/tab-separated-values")
    assert response.status_code == 200
    assert response.text.splitlines() == ["?a\t?label", '<https://w3id.org/actorgraph/id/actor/group-a>\t"Groupe A"@fr']


def test_format_parameter_overrides_accept(endpoint):
    response = query(endpoint, LABELS_OF_A, "application/sparql-results+json", format="csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0] == "label"


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_ask(endpoint, accept):
    yes = query(endpoint, "ASK { actor:group-c ag:successorOf actor:group-a }", accept)
    no = query(endpoint, "ASK { actor:group-a ag:successorOf actor:group-c }", accept)
    assert yes.status_code == no.status_code == 200
    if accept.endswith("json"):
        assert (yes.json()["boolean"], no.json()["boolean"]) == (True, False)
    else:
        values = [ET.fromstring(r.content).find(f"{SPARQL_RESULTS}boolean").text for r in (yes, no)]
        assert values == ["true", "false"]


@pytest.mark.parametrize("accept, rdf_format", [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_construct_formats(endpoint, embedded, accept, rdf_format):
    response = query(endpoint, CONSTRUCT_A, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    served = {str(ox.Triple(q.subject, q.predicate, q.object)) for q in ox.parse(response.content, format=rdf_format)}
    assert served == {str(t) for t in embedded.construct(CONSTRUCT_A)}
    assert len(served) == 7


def test_construct_defaults_to_turtle(endpoint):
    response = query(endpoint, CONSTRUCT_A, "*/*")
    assert response.headers["content-type"].startswith("text/turtle")
    assert "actor:group-a" in response.text  # written with actorgraph's prefixes


# -- protocol ----------------------------------------------------------------------------------

def test_get_post_form_and_post_body_agree(endpoint):
    by_get = query(endpoint, LABELS_OF_A).json()
    by_form = query(endpoint, LABELS_OF_A, method="POST").json()
    by_body = httpx.post(endpoint, content=LABELS_OF_A.encode(), timeout=30,
                         headers={"Content-Type": "application/sparql-query"}).json()
    assert by_get == by_form == by_body
    assert len(by_get["results"]["bindings"]) == 4


@pytest.mark.parametrize("send", [
    lambda url: httpx.post(url, data={"update": "INSERT DATA { <urn:x:a> <urn:x:b> 'c' }"}),
    lambda url: httpx.post(url, content=b"INSERT DATA { <urn:x:a> <urn:x:b> 'c' }",
                           headers={"Content-Type": "application/sparql-update"}),
    lambda url: httpx.get(url, params={"update": "DROP ALL"}),
    lambda url: httpx.get(url, params={"query": "INSERT DATA { <urn:x:a> <urn:x:b> 'c' }"}),
    lambda url: httpx.post(url, data={"query": "# sneaky\nPREFIX x: <urn:x:>\nDROP ALL"}),
    lambda url: httpx.get(url, params={"query": "LOAD <http://127.0.0.1:9/data.ttl>"}),
], ids=["form-update", "sparql-update-body", "get-update", "insert-as-query", "drop-as-query", "load"])
def test_updates_are_refused(endpoint, send):
    response = send(endpoint)
    assert response.status_code == 403
    assert "read-only" in response.text
    assert query(endpoint, "ASK { <urn:x:a> ?p ?o }").json()["boolean"] is False
    assert query(endpoint, "ASK { actor:group-a ?p ?o }").json()["boolean"] is True


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
])
def test_service_is_refused(endpoint, text):
    response = query(endpoint, text)
    assert response.status_code == 403
    assert "SERVICE" in response.text


def test_the_word_service_in_data_is_fine(endpoint):
    response = query(endpoint, "SELECT ?x WHERE { BIND('SERVICE' AS ?x) FILTER(?x != <urn:x:SERVICE>) }")
    assert response.status_code == 200


def test_malformed_query_is_a_400_with_the_parsers_message(endpoint):
    response = query(endpoint, "SELECT ?x WHERE { ?x skos:prefLabel }")
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error")
    assert "1:" in response.text  # the parser's position


def test_unknown_prefix_is_a_400(endpoint):
    response = query(endpoint, "SELECT ?x WHERE { ?x nope:thing ?y }")
    assert response.status_code == 400
    assert "Prefix not found" in response.text


@pytest.mark.parametrize("send, status", [
    (lambda url: httpx.get(url), 400),
    (lambda url: httpx.get(url, params={"query": ["ASK {}", "ASK {}"]}), 400),
    (lambda url: httpx.post(url, content=b"ASK {}", headers={"Content-Type": "text/plain"}), 415),
    (lambda url: httpx.get(url, params={"query": "ASK {}"}, headers={"Accept": "image/png"}), 406),
    (lambda url: httpx.get(url, params={"query": "ASK {}", "format": "png"}), 400),
    (lambda url: httpx.get(url, params={"query": "ASK {}", "default-graph-uri": "urn:x:g"}), 400),
    (lambda url: httpx.post(url, data={"query": "ASK {} #" + "x" * 1_100_000}), 413),
], ids=["no-query", "two-queries", "bad-content-type", "not-acceptable", "bad-format", "dataset", "too-long"])
def test_bad_requests(endpoint, send, status):
    response = send(endpoint)
    assert response.status_code == status
    assert response.text.strip()


def test_result_limit(endpoint):
    too_many = query(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert too_many.status_code == 400
    assert "limit of 1000" in too_many.text
    within = query(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 1000")
    assert within.status_code == 200
    assert len(within.json()["results"]["bindings"]) == 1000
    assert query(endpoint, "CONSTRUCT WHERE { ?s ?p ?o }").status_code == 400


def test_timeout_is_enforced(start_serve):
    with start_serve(["--graph", str(MINI), "--timeout", "0.5"]) as url:
        slow = query(url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        assert slow.status_code == 503
        assert "0.5 s" in slow.text
        assert httpx.get(url.replace("/sparql", "/health"), timeout=30).json() == {"status": "ok"}


def test_cors_header_only_for_the_allowed_origin(endpoint):
    allowed = httpx.get(endpoint, params={"query": "ASK {}"}, headers={"Origin": ORIGIN})
    assert allowed.headers.get("access-control-allow-origin") == ORIGIN
    other = httpx.get(endpoint, params={"query": "ASK {}"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = httpx.options(endpoint, headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200


def test_cors_off_by_default(serve_endpoint):
    response = httpx.get(serve_endpoint, params={"query": "ASK {}"}, headers={"Origin": ORIGIN})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


# -- the other routes ------------------------------------------------------------------------

def test_void_description(endpoint, embedded):
    base = endpoint.removesuffix("sparql")
    response = httpx.get(base + ".well-known/void", timeout=30)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    void = ox.Store()
    void.load(response.content, format=ox.RdfFormat.TURTLE)

    def one(query_text: str):
        return [[t.value for t in row] for row in void.query(query_text)]

    triples = embedded.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    assert one("SELECT ?n WHERE { ?d a <http://rdfs.org/ns/void#Dataset> ; <http://rdfs.org/ns/void#triples> ?n }") \
        == [[str(triples)]]
    assert one("SELECT ?e WHERE { ?d <http://rdfs.org/ns/void#sparqlEndpoint> ?e }") == [[endpoint]]
    assert one("SELECT ?l WHERE { ?d <http://purl.org/dc/terms/license> ?l }") \
        == [["https://creativecommons.org/licenses/by/4.0/"]]
    sources = {row[0] for row in one("SELECT ?s WHERE { ?d <http://purl.org/dc/terms/source> ?s }")}
    assert "https://w3id.org/actorgraph/id/source/report-one" in sources
    sources_embedded = embedded.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ag:Source }")[0]["n"]
    assert len(sources) == sources_embedded
    armed = one("""SELECT ?n WHERE { ?d <http://rdfs.org/ns/void#classPartition> [
                 <http://rdfs.org/ns/void#class> <https://w3id.org/actorgraph/ontology#ArmedGroup> ;
                 <http://rdfs.org/ns/void#entities> ?n ] }""")
    expected = embedded.select("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a/rdfs:subClassOf* ag:ArmedGroup }")
    assert armed == [[str(expected[0]["n"])]]


def test_void_as_json_ld(endpoint):
    response = httpx.get(endpoint.removesuffix("sparql") + ".well-known/void",
                         headers={"Accept": "application/ld+json"}, timeout=30)
    assert response.headers["content-type"].startswith("application/ld+json")
    assert isinstance(json.loads(response.text), (list, dict))


def test_health(endpoint):
    response = httpx.get(endpoint.removesuffix("sparql") + "health", timeout=30)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_home_page_is_html(endpoint):
    response = httpx.get(endpoint.removesuffix("sparql"), timeout=60)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<html" in response.text.lower()
    assert "Group A" in response.text  # the interactive graph, with the served data
    assert "content-security-policy" in response.text.lower()


# -- a RemoteGraph on serve answers as the embedded graph -----------------------------------------

REMOTE_QUERIES = [
    "SELECT ?a ?label WHERE { ?a skos:prefLabel ?label }",
    "SELECT ?d WHERE { change:group-c-founding sem:hasTimeStamp ?d }",
    "SELECT ?b ?e WHERE { ?r sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?e }",
    "SELECT ?x WHERE { ?x ag:successorOf+ actor:group-b }",
    "SELECT ?lat ?long ?n WHERE { event:town-attack geo:lat ?lat ; geo:long ?long ; ag:fatalities/ag:count ?n }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("text", REMOTE_QUERIES)
def test_remote_graph_on_serve_matches_embedded(endpoint, embedded, text):
    from actorgraph.remote import RemoteGraph

    remote = RemoteGraph(endpoint)
    assert sorted(map(repr, remote.select(text))) == sorted(map(repr, embedded.select(text)))
    _, remote_rows = remote.select_terms(text)
    _, embedded_rows = embedded.select_terms(text)
    assert sorted(map(repr, remote_rows)) == sorted(map(repr, embedded_rows))


def test_remote_graph_on_serve_binds_values(endpoint, embedded):
    from actorgraph.remote import RemoteGraph

    text = "SELECT ?actor ?label WHERE { ?actor skos:prefLabel ?label }"
    actor = "https://w3id.org/actorgraph/id/actor/group-b"
    assert RemoteGraph(endpoint).select(text, actor=actor) == embedded.select(text, actor=actor) \
        == [{"actor": actor, "label": "Group B"}]
    assert RemoteGraph(endpoint).ask("ASK { ?x ag:successorOf ?y }", y=actor) is True
    assert {str(t) for t in RemoteGraph(endpoint).construct(CONSTRUCT_A)} == {str(t) for t in embedded.construct(CONSTRUCT_A)}


def test_remote_graph_reports_the_servers_400(endpoint):
    from actorgraph.graph import QueryError
    from actorgraph.remote import RemoteGraph

    with pytest.raises(QueryError, match="rejected the query: SPARQL syntax error"):
        RemoteGraph(endpoint).select("SELECT ?x WHERE { ?x }")


# -- the command line --------------------------------------------------------------------------

def test_serve_help_has_examples(runner):
    from actorgraph.cli import main

    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and "--cors" in result.output


def test_serve_passes_its_options_and_warns_off_loopback(runner, monkeypatch):
    import actorgraph.server
    from actorgraph.cli import main

    calls = []
    monkeypatch.setattr(actorgraph.server, "serve", lambda graph, **kw: calls.append((graph, kw)))
    result = runner.invoke(main, ["serve", "--graph", str(MINI), "--host", "0.0.0.0", "--port", "9999",
                                  "--max-results", "7", "--cors", ORIGIN, "--timeout", "3"])
    assert result.exit_code == 0, result.output
    assert "warning: listening on 0.0.0.0" in result.stderr
    graph, options = calls[0]
    assert options == {"host": "0.0.0.0", "port": 9999, "max_results": 7, "cors_origin": ORIGIN,
                       "log_level": "info"}
    assert graph.timeout == 3.0
    assert graph.ask("ASK { actor:group-a ?p ?o }")


def test_serve_defaults_to_loopback_without_warning(runner, monkeypatch):
    import actorgraph.server
    from actorgraph.cli import main

    calls = []
    monkeypatch.setattr(actorgraph.server, "serve", lambda graph, **kw: calls.append(kw))
    result = runner.invoke(main, ["serve"])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["cors_origin"] is None
    assert "warning" not in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--port", "70000"], "70000"),
    (["--max-results", "0"], "0"),
    (["--graph", "no-such-file.ttl"], "no-such-file.ttl"),
])
def test_serve_bad_options(runner, args, message):
    from actorgraph.cli import main

    result = runner.invoke(main, ["serve", *args])
    assert result.exit_code != 0
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr
