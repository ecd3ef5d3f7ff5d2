"""RDF -> NetworkX views, on the hand-checkable fixture tests/data/network/small.ttl."""

from __future__ import annotations

import pytest

from actorgraph.errors import ActorgraphError
from actorgraph.namespaces import ACTOR, CHANGE, REL
from actorgraph import network

A, B, C, D, E, F, G, H = (str(ACTOR[s]) for s in (
    "group-a", "group-b", "group-c", "group-d", "force-e", "coalition-f", "group-g", "group-h"))


@pytest.fixture(scope="module")
def small(small_network):
    return small_network


@pytest.fixture(scope="module")
def data(small):
    return network.fetch(small, events=True)


def test_actors_have_kinds_labels_aliases_and_sources(data):
    assert set(data.actors) == {A, B, C, D, E, F, G, H}
    assert data.actors[E]["kind"] == "state-force"
    assert data.actors[F]["kind"] == "coalition"
    assert data.actors[B]["label"] == "Group B"
    assert sorted(data.actors[B]["aliases"]) == ["GB", "Groupe B"]
    assert data.sources[data.actors[A]["sources"][0]]["publisher"] == "Gazette One"


def test_lifespans_come_from_the_actor_else_from_lineage(data):
    assert (data.actors[A]["start"], data.actors[A]["end"]) == ("2011", "2017-03-02")   # own start, ceased in merger
    assert (data.actors[C]["start"], data.actors[C]["end"]) == ("2005", None)           # contributed, carried on
    assert (data.actors[D]["start"], data.actors[D]["end"]) == ("2017-03-02", "2019-05")
    assert (data.actors[H]["start"], data.actors[H]["end"]) == ("2019-05", None)


def test_actor_network_has_one_edge_per_relationship_with_plain_attributes(small):
    net = network.actor_network(small)
    assert net.number_of_nodes() == 8
    assert net.number_of_edges() == 9
    alliance = net.edges[A, B, str(REL["a--b-alliance-2012"])]
    assert alliance == {"kind": "alliance", "category": "relationship", "rel": str(REL["a--b-alliance-2012"]),
                        "start": "2012-01", "end": "2012-06", "confidence": "established",
                        "sources": "https://w3id.org/actorgraph/id/source/one", "symmetric": True}
    two_sources = net.edges[B, A, str(REL["a--b-hostility-2012"])]["sources"].split()
    assert len(two_sources) == 2
    for _, attrs in net.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in attrs.values())
    for _, _, attrs in net.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in attrs.values())


@pytest.mark.parametrize(("as_of", "kinds"), [
    ("2012-03", {(A, B): "alliance", (E, A): "hostility", (E, C): "hostility"}),
    ("2012-09", {(B, A): "hostility", (E, A): "hostility", (E, C): "hostility"}),
])
def test_as_of_keeps_what_held_then(small, as_of, kinds):
    net = network.actor_network(small, as_of=as_of)
    assert {(a, b): k for a, b, k in net.edges(data="kind")} == kinds
    assert net.graph["as_of"] == as_of
    assert D not in net and H not in net                      # founded later
    assert net.nodes[A]["active"] is True


def test_as_of_month_edge_is_generous_at_its_precision(small):
    # the alliance ends "2012-06", the hostility starts "2012-07": in "2012" both may have held
    kinds = sorted(k for a, b, k in network.actor_network(small, as_of="2012").edges(data="kind") if {a, b} == {A, B})
    assert kinds == ["alliance", "hostility"]


def test_focus_and_depth(small):
    one = network.actor_network(small, focus=G, depth=1)
    assert set(one) == {G, C, E}
    two = network.actor_network(small, focus=G, depth=2)
    assert set(two) == {G, C, E, A, B, D}
    assert two.graph["focus"] == G and two.graph["depth"] == 2
    assert set(network.actor_network(small, focus=G, depth=0)) == {G}


def test_focus_on_an_actor_missing_from_the_view_is_a_clear_error(small):
    with pytest.raises(ActorgraphError, match="not in this view"):
        network.actor_network(small, as_of="2012", focus=H)


def test_bad_as_of_is_a_clear_error(small):
    with pytest.raises(ActorgraphError, match="not a date"):
        network.actor_network(small, as_of="12/2012")


def test_lineage_edges_in_the_actor_network(small):
    net = network.actor_network(small, lineage=True)
    lineage = sorted((a, b, d["kind"], d["contributing"]) for a, b, d in net.edges(data=True)
                     if d["category"] == "lineage")
    assert lineage == sorted([(A, D, "merger", False), (C, D, "merger", True), (C, G, "split", True),
                              (D, H, "rename", False)])
    assert [k for _, _, k in network.actor_network(small, lineage=True, as_of="2016").edges(data="kind")
            ].count("merger") == 0


def test_lineage_dag(small):
    dag = network.lineage_dag(small)
    assert sorted(dag.edges()) == sorted([(A, D), (C, D), (C, G), (D, H)])
    assert dag.edges[D, H]["change"] == str(CHANGE["rename-h"])
    assert dag.edges[A, D]["start"] == "2017-03-02"
    assert sorted(network.lineage_dag(small, as_of="2018").edges()) == sorted([(A, D), (C, D), (C, G)])
    assert set(network.lineage_dag(small, focus=H, depth=1)) == {D, H}


def test_signed_graph(small):
    signed = network.signed_graph(small, as_of="2014")
    signs = {frozenset((a, b)): s for a, b, s in signed.edges(data="sign")}
    assert signs == {frozenset((A, B)): -1, frozenset((E, A)): -1, frozenset((E, B)): -1,
                     frozenset((E, C)): -1, frozenset((G, C)): 1, frozenset((E, G)): -1}
    # without a date the latest relationship of a pair gives the sign, and the conflict is flagged
    ever = network.signed_graph(small)
    assert ever.edges[A, B]["sign"] == -1 and ever.edges[A, B]["conflicting"] is True
    assert network.signed_graph(small, as_of="2012-03").edges[A, B]["sign"] == 1


def test_event_edges_per_pair_and_year(small):
    net = network.actor_network(small, events=True)
    events = {(a, b, d["kind"], d["year"]): (d["events"], d["fatalities"])
              for a, b, d in net.edges(data=True) if d["category"] == "event"}
    # e1 (5) + e2 (at least 3) in 2013; e3: the larger of two counts (4)
    assert events == {(E, B, "event-hostility", 2013): (2, 8), (G, E, "event-hostility", 2014): (1, 4),
                      (G, C, "co-belligerence", 2014): (1, 4)}
    assert network.actor_network(small, events=True, as_of="2013").number_of_edges() == \
        network.actor_network(small, as_of="2013").number_of_edges() + 1


def test_views_on_the_bundled_graph(bundled_graph):
    gsim, ansar_dine = str(ACTOR["gsim"]), str(ACTOR["ansar-dine"])
    dag = network.lineage_dag(bundled_graph)
    assert dag.edges[ansar_dine, gsim]["kind"] == "merger"
    assert dag.edges[ansar_dine, gsim]["start"].startswith("2017")
    net = network.actor_network(bundled_graph)
    assert gsim in net and net.nodes[gsim]["kind"] == "coalition" or net.nodes[gsim]["kind"] == "armed-group"
    assert "JNIM" in net.nodes[gsim]["aliases"].split("; ")
    assert gsim not in network.actor_network(bundled_graph, as_of="2015")
