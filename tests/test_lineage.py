"""Lineage: ancestors and descendants with change type, dates at their precision, sources, formats."""

from __future__ import annotations

import pytest

from actorgraph import resources
from actorgraph.graph import ActorGraph
from actorgraph.lineage import lineage, render_tree, to_dot, to_mermaid

A = "https://w3id.org/actorgraph/id/actor/"


@pytest.fixture(scope="module")
def graph(lookup_graph):
    return lookup_graph


def steps(items):
    return [(s.label, s.relation, s.role, s.depth) for s in items]


def test_ancestors_breadth_first_with_depth(graph):
    tree = lineage(graph, A + "group-d")
    assert steps(tree.ancestors) == [
        ("Group A", "merger", "original", 1),
        ("Group B", "merger", "original", 1),
        ("Group C", "merger", "contributing", 1),
        ("Group Z", "rename", "original", 2),
    ]
    assert steps(tree.descendants) == [("Group E", "split", "contributing", 1)]


def test_descendants_through_several_changes(graph):
    tree = lineage(graph, A + "group-z")
    assert steps(tree.descendants) == [
        ("Group A", "rename", "original", 1),
        ("Group D", "merger", "original", 2),
        ("Group E", "split", "contributing", 3),
    ]
    assert tree.ancestors == []


def test_a_contributing_group_is_not_ended(graph):
    c = next(s for s in lineage(graph, A + "group-d").ancestors if s.label == "Group C")
    assert c.note == "contributed a branch and carried on"
    a = next(s for s in lineage(graph, A + "group-d").ancestors if s.label == "Group A")
    assert a.note == "ceased"


def test_dates_keep_their_precision_and_disagreements(graph):
    tree = lineage(graph, A + "group-e")
    by_label = {s.label: s for s in tree.ancestors}
    assert by_label["Group D"].date == "2019-05"          # a month stays a month
    assert by_label["Group F"].date == "2021"             # a year stays a year
    merger = by_label["Group A"]
    assert merger.distinct_dates == ["2017-03-01", "2017-03-02"]
    assert merger.contested
    assert merger.dates == {"2017-03-02": [resources_source("one")], "2017-03-01": [resources_source("two")]}
    assert [s.title for s in merger.sources] == ["Report One", "Report Two"]


def resources_source(slug):
    return "https://w3id.org/actorgraph/id/source/" + slug


def test_a_coarser_date_restating_a_finer_one_is_not_a_disagreement(tmp_path):
    extra = tmp_path / "dates.ttl"
    extra.write_text("""
        @prefix ag: <https://w3id.org/actorgraph/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
        @prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix a: <https://w3id.org/actorgraph/id/actor/> .
        <https://w3id.org/actorgraph/id/change/r> a ag:Rename ; org:originalOrganization a:old ;
            org:resultingOrganization a:new ; sem:hasTimeStamp "2017"^^xsd:gYear , "2017-03-02"^^xsd:date .
    """)
    tree = lineage(ActorGraph.from_files([resources.model_file(), extra]), A + "new")
    assert tree.ancestors[0].distinct_dates == ["2017-03-02"]
    assert not tree.ancestors[0].contested


def test_depth_limits_the_walk(graph):
    tree = lineage(graph, A + "group-e", depth=1)
    assert sorted(s.label for s in tree.ancestors) == ["Group D", "Group F"]


def test_as_of_keeps_changes_that_had_happened(graph):
    assert [s.label for s in lineage(graph, A + "group-z", as_of="2010").descendants] == ["Group A"]
    assert [s.label for s in lineage(graph, A + "group-e", as_of="2020").ancestors] == [
        "Group D", "Group A", "Group B", "Group C", "Group Z"]
    assert lineage(graph, A + "group-e", as_of="2019-04").ancestors == []


def test_one_direction_only(graph):
    tree = lineage(graph, A + "group-d", descendants=False)
    assert tree.descendants == [] and tree.directions == ("ancestors",)
    assert "descendants" not in render_tree(tree)


def test_dissolution_is_reported(graph):
    tree = lineage(graph, A + "group-d")
    assert tree.dissolutions[A + "group-c"]["date"] == "2022"


def test_tree_rendering(graph):
    text = render_tree(lineage(graph, A + "group-d"))
    assert text.splitlines()[0] == "Group D (coalition)"
    assert "├── ancestors" in text and "└── descendants" in text
    assert "│   ├── Group A · merger 2017-03-01 / 2017-03-02 (sources differ) · ceased" in text
    assert "│   │   └── Group Z · rename 2005 · ceased" in text
    assert ("│   └── Group C · merger 2017-03-01 / 2017-03-02 (sources differ) · "
            "contributed a branch and carried on · dissolved 2022") in text
    assert "sources: Outlet One 2017-03-05; Outlet Two 2019" in text
    assert "    └── Group E · split 2019-05 · Group D: carried on (a faction split away)" in text


def test_a_node_reached_twice_is_expanded_once(tmp_path):
    extra = tmp_path / "diamond.ttl"
    extra.write_text("""
        @prefix ag: <https://w3id.org/actorgraph/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
        @prefix a: <https://w3id.org/actorgraph/id/actor/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        a:root a ag:ArmedGroup ; skos:prefLabel "Root" . a:left a ag:ArmedGroup ; skos:prefLabel "Left" .
        a:right a ag:ArmedGroup ; skos:prefLabel "Right" . a:top a ag:ArmedGroup ; skos:prefLabel "Top" .
        a:old a ag:ArmedGroup ; skos:prefLabel "Old" .
        [] a ag:Rename ; org:originalOrganization a:old ; org:resultingOrganization a:root .
        [] a ag:Split ; ag:contributingOrganization a:root ; org:resultingOrganization a:left .
        [] a ag:Split ; ag:contributingOrganization a:root ; org:resultingOrganization a:right .
        [] a ag:Merger ; org:originalOrganization a:left , a:right ; org:resultingOrganization a:top .
    """)
    tree = lineage(ActorGraph.from_files([resources.model_file(), extra]), A + "top")
    text = render_tree(tree)
    assert text.count("Root ·") == 2
    assert text.count("Old ·") == 1
    assert "(its lineage is shown above)" in text
    assert {s.label: s.depth for s in tree.ancestors} == {"Left": 1, "Right": 1, "Root": 2, "Old": 3}
    assert "date unknown" in text and "sources: none recorded" in text


def test_json_shape(graph):
    data = lineage(graph, A + "group-d").as_dict(graph)
    assert list(data) == ["actor", "ancestors", "descendants"]
    assert data["actor"]["id"] == A + "group-d" and data["actor"]["label"] == "Group D"
    entry = data["ancestors"][0]
    for key in ("id", "label", "relation", "date", "depth", "sources", "role", "note", "dates", "contested"):
        assert key in entry
    assert entry["sources"][0] == {"id": resources_source("one"), "title": "Report One", "publisher": "Outlet One",
                                   "date": "2017-03-05", "url": "https://example.org/one"}
    assert entry["dates"] == [{"date": "2017-03-01", "sources": [entry["sources"][1]]},
                              {"date": "2017-03-02", "sources": [entry["sources"][0]]}]


def test_mermaid_and_dot(graph):
    tree = lineage(graph, A + "group-d")
    mermaid = to_mermaid(tree)
    assert mermaid.startswith("flowchart TD\n")
    assert '-.->|"merger 2017-03-01 / 2017-03-02, branch"|' in mermaid   # Group C's branch is dashed
    dot = to_dot(tree)
    assert dot.startswith("digraph lineage {") and dot.endswith("}")
    assert f'"{A}group-c" -> "{A}group-d" [label="merger\\n2017-03-01 / 2017-03-02", style=dashed];' in dot


def test_labels_are_escaped_in_mermaid_and_dot(tmp_path):
    extra = tmp_path / "quotes.ttl"
    extra.write_text("""
        @prefix ag: <https://w3id.org/actorgraph/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
        @prefix a: <https://w3id.org/actorgraph/id/actor/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        a:q a ag:ArmedGroup ; skos:prefLabel "The \\"Quoted\\" <Group>" . a:r a ag:ArmedGroup ; skos:prefLabel "R" .
        [] a ag:Rename ; org:originalOrganization a:q ; org:resultingOrganization a:r .
    """)
    tree = lineage(ActorGraph.from_files([resources.model_file(), extra]), A + "r")
    assert '"The #quot;Quoted#quot; #lt;Group#gt;"' in to_mermaid(tree)
    assert 'label="The \\"Quoted\\" <Group>"' in to_dot(tree)


def test_bundled_gsim_formed_by_a_2017_merger_with_ansar_dine(bundled_graph):
    tree = lineage(bundled_graph, A + "gsim", descendants=False, depth=1)
    ansar = [s for s in tree.ancestors if s.id == A + "ansar-dine"]
    assert ansar and ansar[0].relation == "merger" and ansar[0].date.startswith("2017")
    assert ansar[0].sources
