"""Relationships over time, and shortest paths between actors and people."""

from __future__ import annotations

import pytest

from actorgraph.errors import ActorgraphError
from actorgraph.relations import parse_kinds, path, relations

A = "https://w3id.org/actorgraph/id/actor/"
P = "https://w3id.org/actorgraph/id/person/"


@pytest.fixture(scope="module")
def graph(lookup_graph):
    return lookup_graph


def test_all_relations_of_an_actor(graph):
    rows = [(r.kind, r.relation, r.other_label, r.period()) for r in relations(graph, A + "group-d")]
    assert rows == [
        ("rivalry", "hostile to", "Forces of Xland (2010-)", "2017-03–"),
        ("rivalry", "hostile to", "Group H", "2019-01–(ongoing)"),
        ("affiliation", "affiliate of", "Parent Org", "2017-03–"),
        ("component", "has as component", "Group K", "2017-03-02–"),
    ]


def test_direction_is_seen_from_the_actor(graph):
    [support] = relations(graph, A + "forces-x", kinds="support")
    assert (support.relation, support.other_label, support.direction) == ("supported by", "Operation Y", "to")
    [support] = relations(graph, A + "operation-y", kinds="support")
    assert support.relation == "supported"


def test_as_of_respects_each_date_precision(graph):
    assert [r.other_label for r in relations(graph, A + "group-a", as_of="2016-12")] == ["Group H"]
    assert relations(graph, A + "group-a", as_of="2017") == []
    assert [r.other_label for r in relations(graph, A + "group-d", kinds="rivalry", as_of="2018")] == [
        "Forces of Xland (2010-)"]


def test_allies_then_rivals_over_the_years(graph):
    history = sorted([(r.begin, r.kind) for r in relations(graph, A + "group-h")])
    assert history == [("2012", "alliance"), ("2019-01", "rivalry")]


def test_sources_and_confidence(graph):
    [alliance] = relations(graph, A + "group-a", kinds="alliance")
    assert alliance.confidence == "established"
    assert [s.title for s in alliance.sources] == ["Report One"]
    data = alliance.as_dict()
    assert set(data) == {"id", "kind", "relation", "other", "direction", "begin", "end", "begins", "ends",
                         "end_status", "confidence", "contested", "sources"}


def test_kinds_are_checked():
    assert parse_kinds("all") == ["alliance", "rivalry", "affiliation", "allegiance", "component", "support"]
    assert parse_kinds(["hostility", "rivalry"]) == ["rivalry"]
    with pytest.raises(ActorgraphError, match="unknown kind 'friendship'"):
        parse_kinds("friendship")


def test_shortest_path_with_hops(graph):
    hops = path(graph, A + "group-k", A + "operation-y")
    assert [(h.from_label, h.relation, h.to_label, h.kind) for h in hops] == [
        ("Group K", "component of", "Group D", "component"),
        ("Group D", "hostile to", "Forces of Xland (2010-)", "rivalry"),
        ("Forces of Xland (2010-)", "supported by", "Operation Y", "support"),
    ]
    assert hops[2].as_dict()["begin"] == "2013-01" and hops[2].as_dict()["end"] == "2022-08-15"
    assert [s.title for s in hops[2].sources] == ["Report Three"]


def test_path_through_people_and_lineage(graph):
    hops = path(graph, P + "leader-one", A + "group-z")
    assert [(h.kind, h.to_label) for h in hops] == [("membership", "Group D"), ("lineage", "Group A"),
                                                   ("lineage", "Group Z")]
    assert hops[0].role == "leader"


def test_path_kinds_and_dates_restrict(graph):
    with pytest.raises(ActorgraphError, match="no chain of alliance links connects Group K and Operation Y"):
        path(graph, A + "group-k", A + "operation-y", kinds="alliance")
    with pytest.raises(ActorgraphError, match="as of 2023"):
        path(graph, A + "group-k", A + "operation-y", kinds="component,rivalry,support", as_of="2023")


def test_path_to_itself_is_empty(graph):
    assert path(graph, A + "group-d", A + "group-d") == []


def test_bundled_wagner_is_connected_to_gsim(bundled_graph):
    from actorgraph.names import resolve

    hops = path(bundled_graph, resolve(bundled_graph, "Wagner Group"), A + "gsim")
    assert hops and hops[-1].to == A + "gsim"
    assert all(h.sources for h in hops if h.kind != "lineage")
