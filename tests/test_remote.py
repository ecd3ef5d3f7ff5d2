"""RemoteGraph and push: the same answers from a real Virtuoso as from the embedded store.

The Virtuoso tests start a server on loopback (tests/servers.py); they skip when virtuoso-t
is missing, except under CI (env CI set), where they fail.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests/servers.py, until conftest.py lists it
pytest_plugins = ["servers"]

from actorgraph.errors import ActorgraphError  # noqa: E402
from actorgraph.graph import XSD, ActorGraph, QueryError, QueryTimeout  # noqa: E402
from actorgraph.remote import RemoteGraph, analyse_query, solutions, with_values  # noqa: E402

MINI = Path(__file__).parent / "data" / "server" / "mini.ttl"
MINI_GRAPH = "urn:x-actorgraph-test:mini"
GROUP_B = "https://w3id.org/actorgraph/id/actor/group-b"


# -- query text ------------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("SELECT ?x WHERE { ?x ?p ?o }", "SELECT ?x WHERE { VALUES (?x) { (<urn:x:a>) } ?x ?p ?o }"),
    ("SELECT ?x { ?x ?p ?o }", "SELECT ?x { VALUES (?x) { (<urn:x:a>) } ?x ?p ?o }"),
    ("ASK{?x ?p ?o}", "ASK{ VALUES (?x) { (<urn:x:a>) }?x ?p ?o}"),
    ("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }",
     "CONSTRUCT { ?x ?p ?o } WHERE { VALUES (?x) { (<urn:x:a>) } ?x ?p ?o }"),
    ("SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?x WHERE { ?x ?p ?o } } }",
     "SELECT (COUNT(*) AS ?n) WHERE { VALUES (?x) { (<urn:x:a>) } { SELECT ?x WHERE { ?x ?p ?o } } }"),
    ("PREFIX a: <urn:a#> # {\nSELECT ?x WHERE { ?x a:p '{' }",
     "PREFIX a: <urn:a#> # {\nSELECT ?x WHERE { VALUES (?x) { (<urn:x:a>) } ?x a:p '{' }"),
    ("DESCRIBE ?x", "DESCRIBE ?x\nVALUES (?x) { (<urn:x:a>) }"),
    ("CONSTRUCT WHERE { ?x ?p ?o }", "CONSTRUCT WHERE { ?x ?p ?o }\nVALUES (?x) { (<urn:x:a>) }"),
])
def test_values_go_at_the_start_of_the_where_group(query, expected):
    assert with_values(query, {"x": "urn:x:a"}) == expected
    store = ox.Store()
    store.query(expected)  # still valid SPARQL


def test_values_are_serialised_terms_not_text():
    hostile = 'x" } } ; DROP ALL ; SELECT * { "'
    text = with_values("SELECT ?v WHERE { ?s ?p ?v }", {"v": hostile, "n": 3, "iri": "https://e.org/a"})
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal(hostile)))
    assert [row["v"].value for row in store.query(text)] == [hostile]
    assert '(?v ?n ?iri) { ("x\\" } } ; DROP ALL ; SELECT * { \\"" ' in text
    assert f'"3"^^<{XSD}integer> <https://e.org/a>' in text


@pytest.mark.parametrize("bindings, message", [
    ({"x y": "a"}, "not a SPARQL variable name"),
    ({"x": ox.BlankNode()}, "only IRIs and literals"),
    ({"x": "https://bad iri"}, "Invalid IRI"),
])
def test_bad_bindings_are_refused(bindings, message):
    with pytest.raises((QueryError, ValueError), match=message):
        with_values("SELECT ?x WHERE { ?x ?p ?o }", bindings)


def test_analyse_query_sees_through_prologue_and_comments():
    shape = analyse_query("BASE <urn:x:>\nPREFIX p: <urn:p:> # SELECT\nprefix : <urn:q:>\ndelete where { ?s ?p ?o }")
    assert shape.form == "DELETE" and shape.is_update
    assert analyse_query("  select * {}").form == "SELECT"


# -- reading answers -----------------------------------------------------------------------------

VIRTUOSO_JSON = {
    "head": {"link": [], "vars": ["a", "b", "c", "d", "e", "f", "g"]},
    "results": {"distinct": False, "ordered": True, "bindings": [{
        "a": {"type": "uri", "value": "nodeID://b10000"},
        "b": {"type": "typed-literal", "datatype": XSD + "boolean", "value": "1"},
        "c": {"type": "typed-literal", "datatype": XSD + "int", "value": "42"},
        "d": {"type": "literal", "value": "plain"},
        "e": {"type": "typed-literal", "datatype": XSD + "gYearMonth", "value": "2017-03"},
        "f": {"type": "literal", "xml:lang": "fr-FR", "value": "Groupe"},
    }]},
}


def test_virtuoso_json_is_normalised():
    variables, rows = solutions(VIRTUOSO_JSON)
    assert variables == ["a", "b", "c", "d", "e", "f", "g"]
    a, b, c, d, e, f, g = rows[0]
    assert a == ox.BlankNode("b10000")
    assert b == ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))
    assert c == ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))
    assert d == ox.Literal("plain")
    assert e == ox.Literal("2017-03", datatype=ox.NamedNode(XSD + "gYearMonth"))
    assert f == ox.Literal("Groupe", language="fr-fr")
    assert g is None


@pytest.mark.parametrize("document, answer", [
    ({"head": {}, "boolean": True}, True),
    ({"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": [{"__ASK_RETVAL": {"type": "literal", "value": "1"}}]}},
     True),
    ({"head": {"vars": ["__ASK_RETVAL"]}, "results": {"bindings": []}}, False),
])
def test_ask_answers(document, answer):
    assert solutions(document) is answer


# -- errors -------------------------------------------------------------------------------------

def test_unreachable_endpoint_is_a_clear_error():
    from servers import free_port

    graph = RemoteGraph(f"http://127.0.0.1:{free_port()}/sparql", timeout=5)
    with pytest.raises(ActorgraphError, match="cannot reach the SPARQL endpoint http://127.0.0.1:"):
        graph.select("SELECT * WHERE { ?s ?p ?o }")


def test_silent_endpoint_times_out():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True)
    thread.start()
    try:
        graph = RemoteGraph(f"http://127.0.0.1:{listener.getsockname()[1]}/sparql", timeout=0.5)
        with pytest.raises(QueryTimeout, match="did not answer within 0.5 s"):
            graph.ask("ASK {}")
    finally:
        for connection, _ in accepted:
            connection.close()
        listener.close()


@pytest.mark.parametrize("url, message", [
    ("ftp://example.org/sparql", "not an http"),
    ("http://user:secret@127.0.0.1:1/sparql", "credentials"),
])
def test_bad_endpoint_urls(url, message):
    with pytest.raises(ActorgraphError, match=message) as caught:
        RemoteGraph(url)
    assert "secret" not in str(caught.value)


def test_updates_are_not_sent():
    with pytest.raises(QueryError, match="only SELECT, ASK, CONSTRUCT and DESCRIBE"):
        RemoteGraph("http://127.0.0.1:1/sparql").select("DROP ALL")


def test_cli_reports_an_unreachable_endpoint(runner):
    from actorgraph.cli import main
    from servers import free_port

    result = runner.invoke(main, ["push", "--endpoint", f"http://127.0.0.1:{free_port()}/gsp", "--add", str(MINI)])
    assert result.exit_code == 1
    assert "cannot reach" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_push_refuses_credentials_in_the_url(runner):
    from actorgraph.cli import main

    result = runner.invoke(main, ["push", "--endpoint", "http://dba:hunter2@127.0.0.1:1/gsp"])
    assert result.exit_code == 1
    assert "ACTORGRAPH_ENDPOINT_USER" in result.stderr
    assert "hunter2" not in result.output + result.stderr


def test_push_help_has_examples(runner):
    from actorgraph.cli import main

    result = runner.invoke(main, ["push", "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output
    assert "--password" not in result.output and "--user" not in result.output


def test_push_needs_both_user_and_password(runner, monkeypatch):
    from actorgraph.cli import main

    monkeypatch.setenv("ACTORGRAPH_ENDPOINT_USER", "dba")
    monkeypatch.delenv("ACTORGRAPH_ENDPOINT_PASSWORD", raising=False)
    result = runner.invoke(main, ["push", "--endpoint", "http://127.0.0.1:1/gsp"])
    assert result.exit_code == 1
    assert "set both ACTORGRAPH_ENDPOINT_USER and ACTORGRAPH_ENDPOINT_PASSWORD" in result.stderr


def test_push_cannot_read_from_a_remote_graph():
    from actorgraph.push import push_graph

    with pytest.raises(ActorgraphError, match="needs a local graph"):
        push_graph(RemoteGraph("http://127.0.0.1:1/sparql"), "http://127.0.0.1:1/gsp")


# -- against a real Virtuoso ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def mini_embedded() -> ActorGraph:
    return ActorGraph.from_files([MINI])


@pytest.fixture(scope="module", params=["gsp", "update"])
def mini_remote(request, virtuoso_server, mini_embedded) -> RemoteGraph:
    """mini.ttl pushed to Virtuoso by each protocol, in batches of 7 (blank nodes must survive)."""
    from actorgraph.push import push_graph

    protocol = request.param
    url = virtuoso_server.graph_store_url if protocol == "gsp" else virtuoso_server.update_url
    graph_iri = f"{MINI_GRAPH}-{protocol}"
    for _ in range(2):  # pushing twice replaces, it does not duplicate
        sent = push_graph(mini_embedded, url, graph_iri, protocol=protocol, user="dba", password="dba",
                          batch_size=7)
    assert sent == len(mini_embedded.store)
    return RemoteGraph(f"{virtuoso_server.sparql_url}?{httpx.QueryParams({'default-graph-uri': graph_iri})}")


SAME_QUERIES = [
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER (!isBlank(?s) && !isBlank(?o)) }",
    "SELECT ?d WHERE { ?c sem:hasTimeStamp ?d }",
    "SELECT (MIN(STR(?d)) AS ?first) (COUNT(?d) AS ?n) WHERE { ?c a ag:Merger ; sem:hasTimeStamp ?d }",
    "SELECT (STR(?d) AS ?s) (SUBSTR(STR(?d), 1, 4) AS ?y) WHERE { ?c a ag:Merger ; sem:hasTimeStamp ?d }",
    "SELECT ?b ?e WHERE { ?r sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?e }",
    "SELECT ?label (LANG(?label) AS ?l) WHERE { ?a skos:prefLabel|skos:altLabel ?label }",
    "SELECT ?x WHERE { ?x ag:successorOf+ actor:group-a }",
    "SELECT ?lat ?long ?verified WHERE { ?e geo:lat ?lat ; geo:long ?long ; ag:verified ?verified }",
    "SELECT ?n WHERE { ?a skos:notation ?n }",
    "SELECT (COUNT(DISTINCT ?a) AS ?n) (SUM(?c) AS ?sum) WHERE { ?a a ag:ArmedGroup . OPTIONAL { ?f ag:count ?c } }",
    "SELECT ?date ?source WHERE { ?st a rdf:Statement ; rdf:subject ?c ; rdf:object ?date ; prov:wasDerivedFrom ?source }",
    "SELECT ?count ?source WHERE { event:town-attack ag:fatalities [ ag:count ?count ; prov:wasDerivedFrom ?source ] }",
    "SELECT ?y WHERE { ?s dcterms:date ?y FILTER(STR(?y) >= '2019') }",
]


@pytest.mark.server
@pytest.mark.parametrize("text", SAME_QUERIES)
def test_virtuoso_answers_as_the_embedded_store(mini_remote, mini_embedded, text):
    expected = sorted(map(repr, mini_embedded.select(text)))
    assert expected, "the comparison must not be vacuous"
    assert sorted(map(repr, mini_remote.select(text))) == expected
    _, remote_terms = mini_remote.select_terms(text)
    _, embedded_terms = mini_embedded.select_terms(text)
    assert sorted(map(repr, remote_terms)) == sorted(map(repr, embedded_terms))


@pytest.mark.server
def test_virtuoso_ask_bindings_and_construct(mini_remote, mini_embedded):
    assert mini_remote.ask("ASK { ?a a ag:Merger }") is mini_embedded.ask("ASK { ?a a ag:Merger }") is True
    assert mini_remote.ask("ASK { ?a a ag:Split }") is mini_embedded.ask("ASK { ?a a ag:Split }") is False
    text = "SELECT ?actor ?label WHERE { ?actor skos:prefLabel ?label }"
    assert mini_remote.select(text, actor=GROUP_B) == mini_embedded.select(text, actor=GROUP_B) \
        == [{"actor": GROUP_B, "label": "Group B"}]
    assert mini_remote.ask("ASK { ?c ag:successorOf ?b }", b=GROUP_B) is True
    alpha = ox.Literal('Group "Alpha"\tone', language="en")
    assert mini_remote.select("SELECT ?a WHERE { ?a skos:altLabel ?l }", l=alpha) == \
        [{"a": "https://w3id.org/actorgraph/id/actor/group-a"}]
    construct = "CONSTRUCT { ?a ?p ?o } WHERE { ?a a ag:ArmedGroup ; ?p ?o }"
    assert sorted(map(str, mini_remote.construct(construct))) == sorted(map(str, mini_embedded.construct(construct)))


@pytest.mark.server
def test_virtuoso_keeps_disagreeing_dates_at_their_precision(mini_remote):
    # Virtuoso alone would merge "2017-03"^^xsd:gYearMonth into "2017-03-01"^^xsd:date
    rows = mini_remote.select_terms("SELECT ?d WHERE { change:group-c-founding sem:hasTimeStamp ?d }")[1]
    assert sorted((t.value, t.datatype.value.split("#")[1]) for [t] in rows) == [
        ("2017-03", "gYearMonth"), ("2017-03-01", "date"), ("2017-03-02", "date")]
    triples = mini_remote.construct("CONSTRUCT WHERE { change:group-c-founding sem:hasTimeStamp ?d }")
    assert sorted(str(t.object) for t in triples) == [
        f'"2017-03"^^<{XSD}gYearMonth>', f'"2017-03-01"^^<{XSD}date>', f'"2017-03-02"^^<{XSD}date>']


@pytest.mark.server
def test_virtuoso_blank_nodes_survive_batching(mini_remote):
    rows = mini_remote.select("SELECT ?date ?source WHERE { [] a rdf:Statement ; rdf:object ?date ; "
                              "prov:wasDerivedFrom ?source }")
    assert rows == [{"date": "2017-03-01", "source": "https://w3id.org/actorgraph/id/source/report-two"}]


@pytest.mark.server
def test_virtuoso_syntax_error_is_a_query_error(mini_remote):
    with pytest.raises(QueryError, match="rejected the query: .*syntax error"):
        mini_remote.select("SELECT ?x WHERE { ?x skos:prefLabel }")


@pytest.mark.server
def test_push_with_wrong_password_is_refused(runner, monkeypatch, virtuoso_server):
    from actorgraph.cli import main

    monkeypatch.setenv("ACTORGRAPH_ENDPOINT_USER", "dba")
    monkeypatch.setenv("ACTORGRAPH_ENDPOINT_PASSWORD", "not-the-password")
    result = runner.invoke(main, ["push", "--endpoint", virtuoso_server.graph_store_url, "--graph", MINI_GRAPH])
    assert result.exit_code == 1
    assert "refused to let us write (HTTP 401)" in result.stderr
    assert "not-the-password" not in result.output + result.stderr


@pytest.mark.server
def test_push_command_uploads_the_bundled_graph(runner, monkeypatch, virtuoso_server):
    from actorgraph.cli import main

    monkeypatch.setenv("ACTORGRAPH_ENDPOINT_USER", "dba")
    monkeypatch.setenv("ACTORGRAPH_ENDPOINT_PASSWORD", "dba")
    target = "urn:x-actorgraph-test:cli"
    result = runner.invoke(main, ["push", "--endpoint", virtuoso_server.graph_store_url, "--graph", target,
                                  "--add", str(MINI), "--batch-size", "1000"])
    assert result.exit_code == 0, result.stderr
    sent = int(result.output.split()[1])
    assert sent > len(ActorGraph.from_files([MINI]).store)
    assert "dba" not in result.output
    remote = RemoteGraph(f"{virtuoso_server.sparql_url}?{httpx.QueryParams({'default-graph-uri': target})}")
    assert remote.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == [{"n": sent}]
    assert remote.ask("ASK { actor:group-c ag:successorOf actor:group-a . actor:gsim skos:altLabel ?l }")


# -- the bundled graph on Virtuoso --------------------------------------------------------------

BUNDLED_QUERIES = [
    "SELECT ?label WHERE { actor:gsim skos:prefLabel|skos:altLabel ?label }",
    "SELECT ?change ?date ?original WHERE { ?change a ag:Merger ; org:resultingOrganization actor:gsim ; "
    "sem:hasTimeStamp ?date ; org:originalOrganization|ag:contributingOrganization ?original }",
    # DISTINCT: Virtuoso repeats rows for + and * paths (the embedded store does not)
    "SELECT DISTINCT ?ancestor WHERE { actor:gsim ag:successorOf+ ?ancestor }",
    "SELECT ?class (COUNT(?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
]


@pytest.mark.server
def test_bundled_gsim_facts_on_virtuoso(virtuoso_endpoint, bundled_graph):
    remote = RemoteGraph(virtuoso_endpoint)
    labels = {row["label"] for row in remote.select(BUNDLED_QUERIES[0])}
    assert {"GSIM", "JNIM"} <= labels
    dates = {row["date"][:4] for row in remote.select(BUNDLED_QUERIES[1])}
    assert dates == {"2017"}
    originals = {row["original"] for row in remote.select(BUNDLED_QUERIES[1])}
    assert "https://w3id.org/actorgraph/id/actor/ansar-dine" in originals


@pytest.mark.server
@pytest.mark.parametrize("text", BUNDLED_QUERIES)
def test_bundled_graph_on_virtuoso_answers_as_embedded(virtuoso_endpoint, bundled_graph, text):
    remote = RemoteGraph(virtuoso_endpoint)
    expected = sorted(map(repr, bundled_graph.select(text)))
    assert expected
    assert sorted(map(repr, remote.select(text))) == expected


@pytest.mark.server
@pytest.mark.parametrize("command", [
    ["lineage", "GSIM", "--format", "json"],
    pytest.param(["show", "GSIM", "--format", "json"], marks=pytest.mark.xfail(
        reason="Virtuoso answers profile sub-queries differently: class-tree (event kinds) is refused "
               "(`rdfs:subClassOf*` from VALUES ?top: 'transitive start not given') and its `+`/identity-UNION "
               "rewrite crashed the server; claims and contested sides still differ", strict=True)),
])
def test_cli_commands_through_virtuoso_match_embedded(runner, virtuoso_endpoint, command):
    from actorgraph.cli import COMMANDS, main

    if command[0] not in COMMANDS:
        pytest.skip(f"`actorgraph {command[0]}` is not registered yet")
    embedded = runner.invoke(main, command)
    remote = runner.invoke(main, [*command, "--endpoint", virtuoso_endpoint])
    assert embedded.exit_code == 0, embedded.stderr
    assert remote.exit_code == 0, remote.stderr
    assert remote.output == embedded.output


def test_virtuoso_missing_outside_ci_skips(monkeypatch):
    import servers

    monkeypatch.setattr(servers.shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="virtuoso-t is not installed"):
        servers.require_virtuoso()
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="CI must install it"):
        servers.require_virtuoso()
    assert os.environ["CI"] == "1"
