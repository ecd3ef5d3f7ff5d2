"""Analyses with exact, hand-checked values on tests/data/network/small.ttl, and the analyze commands."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from actorgraph import analysis, network
from actorgraph.cli import main
from actorgraph.namespaces import ACTOR

A, B, C, D, E, F, G, H = (str(ACTOR[s]) for s in (
    "group-a", "group-b", "group-c", "group-d", "force-e", "coalition-f", "group-g", "group-h"))


@pytest.fixture(scope="module")
def small(small_network):
    return small_network


@pytest.fixture(scope="module")
def small_file(data_dir):
    return str(data_dir / "network" / "small.ttl")


def test_centrality_exact_on_a_star():
    star = nx.star_graph(3)             # 0 in the middle of 1, 2, 3
    rows = {r["id"]: r for r in analysis.centrality(star)["actors"]}
    assert rows[0]["degree"] == 3 and rows[0]["degree_centrality"] == 1.0 and rows[0]["betweenness"] == 1.0
    assert rows[1]["betweenness"] == 0.0 and rows[1]["degree_centrality"] == pytest.approx(1 / 3, abs=1e-6)
    assert rows[0]["eigenvector"] == pytest.approx(0.707107) and rows[1]["eigenvector"] == pytest.approx(0.408248)


def test_centrality_samples_betweenness_above_the_limit_and_says_so():
    big = nx.path_graph(50)
    result = analysis.centrality(big, exact_limit=10, samples=20, seed=1)
    assert result["betweenness_method"] == "sampled (20 pivots of 50 nodes, seed 1)"
    assert analysis.centrality(big)["betweenness_method"] == "exact"


def test_centrality_of_the_fixture_in_2014(small):
    result = analysis.centrality(network.actor_network(small, as_of="2014"))
    top = result["actors"][0]
    # in 2014 five actors exist (A, B, C, E, G; D and F do not yet): Force E fights the four others
    assert (top["id"], top["degree"], top["degree_centrality"]) == (E, 4, 1.0)


def test_ally_communities_of_the_fixture(small):
    assert analysis.ally_communities(network.signed_graph(small, as_of="2012-03")) == [[A, B]]
    assert analysis.ally_communities(network.signed_graph(small, as_of="2014")) == [[C, G]]
    assert analysis.ally_communities(nx.Graph()) == []


def test_balance_triads_of_the_fixture_in_2014(small):
    triads = analysis.balance_triads(network.signed_graph(small, as_of="2014"))
    named = [(t["pattern"], t["balanced"], t["labels"]) for t in triads]
    assert named == [
        ("---", False, ["Force E", "Group A", "Group B"]),
        ("+--", True, ["Group C", "Group G", "Force E"]),
    ]
    assert triads[1]["description"] == \
        "Group C and Group G are allies against Force E (the enemy of my enemy is my friend)"


def test_lineage_analytics_of_the_fixture(small):
    dag = network.lineage_dag(small)
    assert analysis.generations(dag) == {A: 0, C: 0, D: 1, G: 1, H: 2}
    assert analysis.common_ancestors(dag, H, G) == {"common": [C], "nearest": [C]}
    assert analysis.common_ancestors(dag, D, G) == {"common": [C], "nearest": [C]}
    assert analysis.most_descendants(dag) == [(C, 3), (A, 2), (D, 1)]


def test_generations_refuse_a_cycle():
    with pytest.raises(Exception, match="cycle"):
        analysis.generations(nx.DiGraph([("a", "b"), ("b", "a")]))


def test_allies_and_adversaries_by_year(small):
    rows = analysis.allies_and_adversaries_by_year(network.actor_network(small), B, last=2014)
    assert [(r["year"], r["allies"], r["adversaries"]) for r in rows] == [
        (2012, [A], [A]),
        (2013, [], [E, A]),          # sorted by label: "Force E" before "Group A"
        (2014, [], [E, A]),
    ]
    assert rows[1]["lost_allies"] == [A] and rows[1]["new_adversaries"] == [E]


def test_allies_and_adversaries_count_events_when_asked(small):
    rows = analysis.allies_and_adversaries_by_year(network.actor_network(small, events=True), C,
                                                   first=2014, last=2014)
    assert rows[0]["allies"] == [G] and rows[0]["adversaries"] == [E]


# -- the command ---------------------------------------------------------------------------------

def run(runner, *args):
    return runner.invoke(main, list(args), catch_exceptions=False)


def test_analyze_help_lists_examples(runner):
    result = run(runner, "analyze", "--help")
    assert result.exit_code == 0 and "Examples:" in result.output
    for command in ("centrality", "communities", "balance", "generations", "common-ancestors", "descendants",
                    "timeline"):
        sub = run(runner, "analyze", command, "--help")
        assert sub.exit_code == 0 and "Examples:" in sub.output, command


def test_analyze_centrality_json(runner, small_file):
    # --graph adds the fixture to the bundled graph: --focus keeps the fixture's part
    result = run(runner, "analyze", "centrality", "--as-of", "2014", "--format", "json", "--graph", small_file,
                 "--focus", "Force E", "--depth", "2")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["betweenness_method"] == "exact"
    assert data["actors"][0]["label"] == "Force E" and data["actors"][0]["degree"] == 4


def test_analyze_balance_json_and_focus(runner, small_file):
    result = run(runner, "analyze", "balance", "--as-of", "2014", "--format", "json", "--graph", small_file,
                 "--focus", "Group G", "--depth", "1")
    data = json.loads(result.output)
    assert (data["total"], data["balanced"]) == (1, 1)
    assert data["triads"][0]["labels"] == ["Group C", "Group G", "Force E"]


def test_analyze_communities_table(runner, small_file):
    result = run(runner, "analyze", "communities", "--as-of", "2012-03", "--graph", small_file)
    assert result.exit_code == 0 and "Group A, Group B" in result.output


def test_analyze_lineage_commands(runner, small_file):
    gens = json.loads(run(runner, "analyze", "generations", "--format", "json", "--graph", small_file).output)
    assert {a["label"]: a["generation"] for a in gens["actors"] if a["label"].startswith("Group ")} == \
        {"Group A": 0, "Group C": 0, "Group D": 1, "Group G": 1, "Group H": 2}
    common = json.loads(run(runner, "analyze", "common-ancestors", "Group H", "Group G", "--format", "json",
                            "--graph", small_file).output)
    assert [a["label"] for a in common["nearest"]] == ["Group C"]
    top = json.loads(run(runner, "analyze", "descendants", "--top", "1000", "--format", "json", "--graph",
                         small_file).output)
    assert {a["label"]: a["descendants"] for a in top["actors"] if a["label"].startswith("Group ")} == \
        {"Group C": 3, "Group A": 2, "Group D": 1}


def test_analyze_timeline(runner, small_file):
    result = run(runner, "analyze", "timeline", "GB", "--from", "2012", "--to", "2013", "--format", "json",
                 "--graph", small_file)
    years = json.loads(result.output)["years"]
    assert [[a["label"] for a in y["allies"]] for y in years] == [["Group A"], []]


@pytest.mark.parametrize("args", [
    ["analyze", "timeline", "Nobody At All"],
    ["analyze", "centrality", "--as-of", "July 2022"],
    ["analyze", "balance", "--focus", "Nobody At All"],
    ["analyze", "common-ancestors", "GSIM", "Nobody At All"],
    ["analyze", "timeline", "GSIM", "--from", "2020", "--to", "2010"],
])
def test_analyze_bad_input_is_one_clear_line(runner, args):
    result = runner.invoke(main, args)
    assert result.exit_code != 0
    assert "Traceback" not in result.output and result.output.strip().startswith("Error:")
    assert len(result.output.strip().splitlines()) == 1


def test_analyses_answer_on_the_bundled_graph(bundled_graph):
    gsim, ansar_dine = str(ACTOR["gsim"]), str(ACTOR["ansar-dine"])
    dag = network.lineage_dag(bundled_graph)
    assert analysis.generations(dag)[gsim] > analysis.generations(dag)[ansar_dine]
    assert gsim in nx.descendants(dag, ansar_dine)
    assert analysis.centrality(network.actor_network(bundled_graph))["actors"]
    rows = analysis.allies_and_adversaries_by_year(network.actor_network(bundled_graph), str(ACTOR["mnla"]),
                                                   first=2012, last=2014)
    assert ansar_dine in rows[0]["allies"] and ansar_dine not in rows[2]["allies"]
