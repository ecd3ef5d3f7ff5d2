"""User SPARQL: loading, checking (syntax, SERVICE, updates), bindings, result formats."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from actorgraph import resources
from actorgraph.errors import ActorgraphError
from actorgraph.graph import ActorGraph, QueryError, QueryTimeout
from actorgraph.query import (bundled_queries, check_query, load_query, parse_binding, result_json, result_turtle,
                              run_query)

A = "https://w3id.org/actorgraph/id/actor/"


@pytest.fixture(scope="module")
def graph(lookup_graph):
    return lookup_graph


@pytest.mark.parametrize("text, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("ASK { ?a a ag:Merger }", "ASK"),
    ("CONSTRUCT WHERE { ?s skos:prefLabel ?o }", "CONSTRUCT"),
    ("DESCRIBE actor:group-a", "DESCRIBE"),
    ("# a comment\nPREFIX ex: <https://example.org/>\nSELECT ?x WHERE { ?x a ex:Thing }", "SELECT"),
])
def test_forms(text, form):
    assert check_query(text) == form


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE SILENT <http://127.0.0.1:9/> { ?a ?b ?d } } }",
    "SELECT * WHERE { ?a ?b ?c { SELECT ?x WHERE { SERVICE ?endpoint { ?x ?y ?z } } } }",
    "ASK { service <http://example.org/> { ?s ?p ?o } }",   # keywords in any case
])
def test_service_is_refused_wherever_it_hides(text):
    with pytest.raises(ActorgraphError, match="SERVICE .* reaches the network; add --allow-network"):
        check_query(text)


def test_service_in_a_string_or_comment_is_not_service():
    assert check_query('SELECT ?s WHERE { ?s skos:note "SERVICE <http://x/> { }" } # SERVICE <http://y/>') == "SELECT"


def test_service_allowed_on_request():
    assert check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                       allow_network=True) == "SELECT"


@pytest.mark.parametrize("text, word", [
    ("LOAD <http://example.org/data.ttl>", "LOAD <http://example.org/data.ttl>"),
    ("LOAD <file:///etc/passwd> INTO GRAPH <urn:x>", "LOAD <file:///etc/passwd>"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "update"),
    ("DELETE WHERE { ?s ?p ?o }", "update"),
])
def test_updates_and_load_are_refused(text, word):
    with pytest.raises(ActorgraphError, match="only reads the graph") as err:
        check_query(text, allow_network=True)
    assert word in str(err.value)


def test_syntax_error_reports_line_and_column():
    with pytest.raises(QueryError, match=r"^SPARQL syntax error near line 4, column \d+: expected "):
        check_query("SELECT ?a\nWHERE {\n  ?a ?b \n}")


def test_unknown_prefix_is_explained():
    with pytest.raises(QueryError, match="unknown prefix"):
        check_query("SELECT ?a WHERE { ?a nope:thing ?b }")


def test_load_query_from_text_file_and_name(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?s ?p ?o }")
    assert load_query(str(path)) == ("ASK { ?s ?p ?o }", str(path))
    assert load_query(None, "ASK {}") == ("ASK {}", "-e")
    text, origin = load_query("cq01-founders")
    assert origin == "cq01-founders" and text.startswith("# CQ1:")
    with pytest.raises(ActorgraphError, match="no query file or bundled query named 'nothing'"):
        load_query("nothing")
    with pytest.raises(ActorgraphError, match="no such query file"):
        load_query(str(tmp_path / "missing.rq"))
    with pytest.raises(ActorgraphError, match="not both"):
        load_query("cq01-founders", "ASK {}")
    with pytest.raises(ActorgraphError, match="no query given"):
        load_query(None, None)


def test_one_bundled_query_per_competency_question():
    names = [n for n, _ in bundled_queries() if n.startswith("cq")]
    assert [n[:4] for n in names] == [f"cq{i:02d}" for i in range(1, 17)]
    for name, description in bundled_queries():
        assert description, f"{name}.rq has no description comment on its first line"
        check_query(resources.query_text(name))


def test_bindings(graph):
    name, term = parse_binding("actor=Group A", graph)
    assert (name, term) == ("actor", ox.NamedNode(A + "group-a"))
    assert parse_binding("?x=<https://example.org/a>")[1] == ox.NamedNode("https://example.org/a")
    assert parse_binding('label="GA"@en')[1] == ox.Literal("GA", language="en")
    assert parse_binding("label='plain'")[1] == ox.Literal("plain")
    assert parse_binding("day=2022-07-22")[1].datatype.value.endswith("#date")
    assert parse_binding("year=2017")[1].datatype.value.endswith("#integer")   # a bare number is a number
    assert parse_binding("flag=true")[1].datatype.value.endswith("#boolean")
    assert parse_binding("word=no such name", graph)[1] == ox.Literal("no such name")
    with pytest.raises(ActorgraphError, match="did you mean|candidates"):
        parse_binding("actor=Twin", graph)
    with pytest.raises(ActorgraphError, match="expects var=value"):
        parse_binding("=x")


def test_run_select_with_a_bound_value(graph):
    query = "SELECT ?actor ?name WHERE { ?actor skos:altLabel ?name } ORDER BY ?name"
    result = run_query(graph, query, bindings={"actor": ox.NamedNode(A + "group-d")})
    assert [row[1].value for row in result.rows] == ["Delta Front", "GD"]
    data = result_json(result)
    assert data["head"]["vars"] == ["actor", "name"]
    assert data["results"]["bindings"][0]["name"] == {"type": "literal", "value": "Delta Front", "xml:lang": "en"}


def test_bound_value_never_becomes_query_text(graph):
    evil = '"} ?s ?p ?o . FILTER("1"="1'
    result = run_query(graph, "SELECT ?name ?actor WHERE { ?actor skos:prefLabel ?name }",
                       bindings={"name": ox.Literal(evil)})
    assert result.rows == []


def test_binding_a_variable_the_query_does_not_have(graph):
    with pytest.raises(QueryError, match=r"--bind x: the query has no variable \?x"):
        run_query(graph, "SELECT ?a WHERE { ?a ?b ?c }", bindings={"x": ox.Literal("1")})


def test_binding_a_parameter_the_query_uses_but_does_not_select(graph):
    """Named queries read their parameters through COALESCE without projecting them."""
    text = "SELECT ?name WHERE { BIND (COALESCE(?actor, actor:group-a) AS ?a) ?a skos:prefLabel ?name }"
    result = run_query(graph, text, bindings={"actor": ox.NamedNode(A + "group-d")})
    assert result.variables == ["name"] and [row[0].value for row in result.rows] == ["Group D"]
    assert [row[0].value for row in run_query(graph, text).rows] == ["Group A"]


def test_ask_and_construct(graph):
    assert run_query(graph, "ASK { actor:group-d a ag:Coalition }").boolean is True
    result = run_query(graph, "CONSTRUCT { ?a skos:prefLabel ?l } WHERE { ?a skos:prefLabel ?l ; a ag:Coalition }")
    assert len(result.triples) == 1
    turtle = result_turtle(result)
    assert "actor:group-d" in turtle and "Group D" in turtle
    assert json.loads(json.dumps(result_json(result)))["triples"][0]["object"]["value"] == "Group D"
    with pytest.raises(ActorgraphError, match="turtle is for CONSTRUCT"):
        result_turtle(run_query(graph, "SELECT * WHERE { ?s ?p ?o } LIMIT 1"))


def test_runaway_query_stops_at_the_timeout(data_dir):
    graph = ActorGraph.from_files([resources.model_file(), data_dir / "lookup" / "lookup.ttl"], timeout=0.2)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(QueryTimeout, match="did not finish within 0.2 s"):
        run_query(graph, slow)


def test_competency_queries_on_the_bundled_graph(bundled_graph):
    def rows(name, **bindings):
        result = run_query(bundled_graph, resources.query_text(name), bindings=bindings)
        return [dict(zip(result.variables, (t.value if t is not None else None for t in row))) for row in result.rows]

    founders = {r["group"] for r in rows("cq01-founders")}
    assert A + "ansar-dine" in founders
    assert all(r["date"].startswith("2017") for r in rows("cq01-founders") if r["date"])
    assert {r["actor"] for r in rows("cq15-same-actor")} == {A + "gsim"}
    assert {r["name"].casefold() for r in rows("cq15-same-actor")} >= {"gsim", "jnim"}


def test_examples_name_only_bundled_queries_that_exist(runner):
    """Every `actorgraph query NAME` shown in --help, the README or docs/ names a real bundled query."""
    import re
    from pathlib import Path

    from actorgraph.cli import COMMANDS, main
    from actorgraph.resources import query_names

    root = Path(__file__).resolve().parents[1]
    texts = [runner.invoke(main, [command, "--help"]).output for command in COMMANDS]
    texts += [p.read_text(encoding="utf-8") for p in [root / "README.md", *(root / "docs").glob("*.md")]]
    # a name, not a file (my-query.rq) nor a placeholder (cqNN-…)
    named = {name for text in texts for name in re.findall(r"actorgraph query ([a-z][a-z0-9-]*[a-z0-9])(?![\w.…-])", text)}
    assert named, "the examples must name at least one bundled query"
    assert named <= set(query_names())
