"""The lookup commands through the CLI: every format, and the bad-input paths."""

from __future__ import annotations

import csv
import io
import json

import pytest

from actorgraph.cli import COMMANDS, main

LOOKUP = ["lineage", "show", "relations", "path", "actors", "events", "query", "stats"]


@pytest.fixture()
def fixture_args(data_dir):
    return ["--graph", str(data_dir / "lookup" / "lookup.ttl")]


def run(runner, *args):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def one_line_error(result, text):
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1, result.output
    assert text in lines[0], result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_examples(runner, name):
    output = ok(run(runner, name, "--help"))
    assert "Examples:" in output
    assert f"actorgraph {name}" in output.split("Examples:")[1]


def test_lookup_commands_are_registered():
    assert set(LOOKUP) <= set(COMMANDS)


def test_lineage_tree(runner, fixture_args):
    out = ok(run(runner, "lineage", "gd", *fixture_args))
    assert out.startswith("Group D (coalition)\n├── ancestors\n")
    assert "contributed a branch and carried on" in out


def test_lineage_json_keeps_its_keys(runner, fixture_args):
    data = json.loads(ok(run(runner, "lineage", "Group E", "--format", "json", *fixture_args)))
    assert list(data) == ["actor", "ancestors", "descendants"]
    assert {"id", "label", "relation", "date", "depth", "sources"} <= set(data["ancestors"][0])
    assert [(a["label"], a["depth"]) for a in data["ancestors"]][:2] == [("Group D", 1), ("Group F", 1)]


@pytest.mark.parametrize("fmt, start", [("mermaid", "flowchart TD"), ("dot", "digraph lineage {")])
def test_lineage_diagrams(runner, fixture_args, fmt, start):
    assert ok(run(runner, "lineage", "Group D", "--format", fmt, *fixture_args)).startswith(start)


def test_lineage_options(runner, fixture_args):
    out = ok(run(runner, "lineage", "Group Z", "--descendants", "--depth", "1", *fixture_args))
    assert "Group A · rename 2005" in out and "Group D" not in out and "ancestors" not in out
    out = ok(run(runner, "lineage", "Group Z", "--as-of", "2010", *fixture_args))
    assert "Group D" not in out


def test_lineage_bad_inputs(runner, fixture_args):
    one_line_error(run(runner, "lineage", "Grup D", *fixture_args), "did you mean 'Group D'")
    one_line_error(run(runner, "lineage", "Twin", *fixture_args), "2 candidates")
    one_line_error(run(runner, "lineage", "Leader One", *fixture_args), "no actor is named 'Leader One'")
    result = run(runner, "lineage", "Group D", "--as-of", "22/07/2022", *fixture_args)
    assert result.exit_code == 2 and "not a date: '22/07/2022'" in result.output
    result = run(runner, "lineage", "Group D", "--format", "png", *fixture_args)
    assert result.exit_code == 2
    result = run(runner, "lineage", "Group D", "--depth", "0", *fixture_args)
    assert result.exit_code == 2


def test_show_text_and_json(runner, fixture_args):
    out = ok(run(runner, "show", "attack on town t", *fixture_args))
    assert out.startswith("Attack on Town T (attack)") and "contested:" in out
    data = json.loads(ok(run(runner, "show", "Leader One", "--format", "json", *fixture_args)))
    assert data["category"] == "person" and [p["organization"]["label"] for p in data["posts"]] == ["Group B",
                                                                                                  "Group D"]
    one_line_error(run(runner, "show", "nobody at all", *fixture_args), "no actor, person or event")


def test_relations_formats(runner, fixture_args):
    out = ok(run(runner, "relations", "Group D", "--kind", "rivalry", *fixture_args))
    assert "Group H" in out and "Parent Org" not in out
    rows = list(csv.DictReader(io.StringIO(ok(run(runner, "relations", "Group D", "--format", "csv",
                                                   *fixture_args)))))
    assert [r["other"] for r in rows] == ["Forces of Xland (2010-)", "Group H", "Parent Org", "Group K"]
    assert rows[1]["end"] == "ongoing" and rows[1]["sources"] == "Report Two"
    data = json.loads(ok(run(runner, "relations", "Group A", "--as-of", "2014", "--format", "json",
                             *fixture_args)))
    assert [(r["kind"], r["other"]["label"]) for r in data] == [("alliance", "Group H")]
    assert "no relationships recorded on 2020" in ok(run(runner, "relations", "Group A", "--as-of", "2020",
                                                         *fixture_args))
    one_line_error(run(runner, "relations", "Group D", "--kind", "war", *fixture_args), "unknown kind 'war'")


def test_path_formats(runner, fixture_args):
    out = ok(run(runner, "path", "Group K", "Operation Y", *fixture_args))
    assert out.splitlines()[0] == "Group K → Operation Y: 3 step(s)"
    assert "Forces of Xland (2010-) — supported by → Operation Y, 2013-01–2022-08-15 [Report Three]" in out
    data = json.loads(ok(run(runner, "path", "Leader One", "Group Z", "--format", "json", *fixture_args)))
    assert data["length"] == 3 and data["hops"][0]["kind"] == "membership"
    rows = list(csv.DictReader(io.StringIO(ok(run(runner, "path", "Group K", "Operation Y", "--format", "csv",
                                                   *fixture_args)))))
    assert [r["kind"] for r in rows] == ["component", "rivalry", "support"]
    one_line_error(run(runner, "path", "Group K", "Operation Y", "--kinds", "alliance", *fixture_args),
                   "no chain of alliance links")
    one_line_error(run(runner, "path", "Group K", "Operation Y", "--kinds", "friendship", *fixture_args),
                   "unknown kind")


def test_actors_formats(runner, fixture_args):
    rows = list(csv.DictReader(io.StringIO(ok(run(runner, "actors", "--kind", "foreign military operation",
                                                   "--country", "Xland", "--format", "csv", *fixture_args)))))
    assert [(r["label"], r["begin"], r["end"]) for r in rows] == [("Operation Y", "2013-01", "2022-08-15")]
    assert ok(run(runner, "actors", "--kind", "foreign military operation", "--country", "Xland",
                  "--as-of", "2023", *fixture_args)).strip() == "no actors match"
    data = json.loads(ok(run(runner, "actors", "--kind", "coalition", "--country", "Xland", "--format", "json",
                             *fixture_args)))
    assert [a["label"] for a in data] == ["Group D"]
    assert set(data[0]) == {"id", "label", "kind", "begin", "end", "countries"}
    assert "Group D" in ok(run(runner, "actors", "--kind", "coalition", "--country", "Xland", *fixture_args))
    one_line_error(run(runner, "actors", "--kind", "terrorists", *fixture_args), "unknown kind 'terrorists'")


def test_events_formats(runner, fixture_args):
    data = json.loads(ok(run(runner, "events", "--actor", "Group E", "--format", "json", *fixture_args)))
    assert [e["label"] for e in data] == ["Attack on Town T"] and data[0]["contested"] is True
    rows = list(csv.DictReader(io.StringIO(ok(run(runner, "events", "--actor", "Operation Y", "--from", "2022-08",
                                                   "--to", "2022-08", "--format", "csv", *fixture_args)))))
    assert [r["label"] for r in rows] == ["Withdrawal of Operation Y"]
    contested = json.loads(ok(run(runner, "events", "--contested", "--actor", "Forces of Xland (2010-)",
                                  "--format", "json", *fixture_args)))
    assert [e["label"] for e in contested] == ["Village killings", "Attack on Town T"]   # by date
    assert "Attack on Town T" in ok(run(runner, "events", "--actor", "GD", *fixture_args))
    one_line_error(run(runner, "events", "--from", "2023", "--to", "2022", *fixture_args), "is after")
    assert run(runner, "events", "--from", "July 2022", *fixture_args).exit_code == 2


def test_query_formats(runner, fixture_args):
    q = "SELECT ?name WHERE { actor:group-d skos:altLabel ?name } ORDER BY ?name"
    assert ok(run(runner, "query", "-e", q, "--format", "csv", *fixture_args)) == "name\nDelta Front\nGD\n"
    assert ok(run(runner, "query", "-e", q, "--format", "tsv", *fixture_args)) == "?name\n\"Delta Front\"@en\n\"GD\"@en\n"
    data = json.loads(ok(run(runner, "query", "-e", q, "--format", "json", *fixture_args)))
    assert data["head"]["vars"] == ["name"]
    assert "Delta Front" in ok(run(runner, "query", "-e", q, *fixture_args))
    assert ok(run(runner, "query", "-e", "ASK { actor:group-d a ag:Coalition }", *fixture_args)).strip() == "yes"
    turtle = ok(run(runner, "query", "-e", "CONSTRUCT WHERE { actor:group-d skos:altLabel ?n }", "--format",
                    "turtle", *fixture_args))
    assert "Delta Front" in turtle


def test_query_bind_and_named(runner, fixture_args, tmp_path):
    path = tmp_path / "alt.rq"
    path.write_text("SELECT ?actor ?name WHERE { ?actor skos:altLabel ?name } ORDER BY ?name")
    out = ok(run(runner, "query", path, "--bind", "actor=Group D", "--format", "csv", *fixture_args))
    assert out.splitlines()[1:] == ["https://w3id.org/actorgraph/id/actor/group-d,Delta Front",
                                    "https://w3id.org/actorgraph/id/actor/group-d,GD"]
    listing = ok(run(runner, "query", "--list"))
    assert listing.startswith("cq01-founders") and "CQ16:" in listing
    assert json.loads(ok(run(runner, "query", "--list", "--format", "json")))[0]["name"] == "cq01-founders"


def test_query_bad_inputs(runner, fixture_args, tmp_path):
    one_line_error(run(runner, "query", "-e", "SELECT ?a WHERE {\n ?a ?b\n}", *fixture_args),
                   "SPARQL syntax error near line 3")
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT * WHERE { ?s ?p }")
    one_line_error(run(runner, "query", bad, *fixture_args), "SPARQL syntax error near line 1")
    one_line_error(run(runner, "query", "-e", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                       *fixture_args), "reaches the network")
    one_line_error(run(runner, "query", "-e", "LOAD <http://127.0.0.1:9/x.ttl>", *fixture_args), "LOAD")
    one_line_error(run(runner, "query", "no-such-query", *fixture_args), "no query file or bundled query")
    one_line_error(run(runner, "query", *fixture_args), "no query given")
    one_line_error(run(runner, "query", "-e", "SELECT ?a WHERE { ?a ?b ?c }", "--bind", "nonsense",
                       *fixture_args), "--bind expects var=value")
    one_line_error(run(runner, "query", "-e", "SELECT ?a WHERE { ?a ?b ?c }", "--format", "turtle",
                       *fixture_args), "turtle is for CONSTRUCT")
    one_line_error(run(runner, "query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
                       "?j ?k ?l }", "--timeout", "0.2", *fixture_args), "did not finish within 0.2 s")


def test_stats(runner, fixture_args):
    data = json.loads(ok(run(runner, "stats", "--format", "json", *fixture_args)))
    assert set(data) == {"actors", "events", "relationships", "lineage_changes", "totals", "dates"}
    assert data["lineage_changes"]["merger"] >= 1
    out = ok(run(runner, "stats", *fixture_args))
    assert out.startswith("actors: ") and "dates:" in out


def test_competency_questions_through_the_cli(runner):
    data = json.loads(ok(run(runner, "lineage", "JNIM", "--ancestors", "--depth", "1", "--format", "json")))
    assert data["actor"]["id"].endswith("/actor/gsim")
    ansar = [a for a in data["ancestors"] if a["id"].endswith("/actor/ansar-dine")]
    assert ansar and ansar[0]["relation"] == "merger" and ansar[0]["date"].startswith("2017") and ansar[0]["sources"]
    rows = list(csv.DictReader(io.StringIO(ok(run(runner, "query", "cq15-same-actor", "--format", "csv")))))
    assert {r["actor"] for r in rows} == {"https://w3id.org/actorgraph/id/actor/gsim"}
    for name in ("GSIM", "gsim", "JNIM"):
        assert json.loads(ok(run(runner, "show", name, "--format", "json")))["id"].endswith("/actor/gsim")
