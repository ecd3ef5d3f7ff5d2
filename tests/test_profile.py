"""Profiles of actors, people and events; claims and contested statements."""

from __future__ import annotations

import json

import pytest

from actorgraph import resources
from actorgraph.contested import claims, disagreements
from actorgraph.graph import ActorGraph
from actorgraph.profile import profile, render_profile

A = "https://w3id.org/actorgraph/id/actor/"
P = "https://w3id.org/actorgraph/id/person/"
E = "https://w3id.org/actorgraph/id/event/"


@pytest.fixture(scope="module")
def graph(lookup_graph):
    return lookup_graph


def test_actor_profile(graph):
    p = profile(graph, A + "group-a")
    assert (p["label"], p["kind"], p["category"]) == ("Group A", "armed group", "actor")
    assert {n["name"]: n["lang"] for n in p["names"]["aliases"]} == {"GA": "en", "Jamāʿat Alif": "en",
                                                                    "Groupe Àlpha": "fr"}
    assert p["names"]["misspellings"] == [{"name": "Groop A", "lang": "en"}]
    assert p["names"]["dataset_names"] == [{"value": "Group A (Xland)", "scheme": "ACLEDActorName"}]
    assert p["external_ids"] == ["http://www.wikidata.org/entity/Q1"]
    assert [r["other"]["label"] for r in p["allies"]] == ["Group H"]
    assert [d["label"] for d in p["lineage"]["descendants"]] == ["Group D", "Group E"]
    assert json.loads(json.dumps(p)) == p   # plain JSON


def test_actor_profile_leaders_adversaries_events_attributions(graph):
    p = profile(graph, A + "group-d")
    assert [(x["person"]["label"], x["role"], x["begin"]) for x in p["leaders"]] == [
        ("Leader One", "leader", "2017-03-02")]
    assert [r["other"]["label"] for r in p["adversaries"]] == ["Forces of Xland (2010-)", "Group H"]
    assert [e["label"] for e in p["events"]] == ["Attack on Town T"]
    [claim] = p["attributions"]
    assert (claim["stance"], claim["channel"], claim["reported_by"]["label"]) == ("claimed", "Outlet M",
                                                                                  "Monitor Group")
    text = render_profile(p)
    assert "leaders:\n  Leader One — leader, 2017-03-02–" in text
    assert "[contested]" in text


def test_person_profile(graph):
    p = profile(graph, P + "leader-one")
    assert [(x["organization"]["label"], x["begin"], x["end"]) for x in p["posts"]] == [
        ("Group B", "2012", "2017-03-02"), ("Group D", "2017-03-02", None)]
    two = profile(graph, P + "leader-two")
    assert [b["label"] for b in two["based_at"]] == ["Town T"]
    assert "reputedly based at: Town T" in render_profile(two)


def test_event_profile_with_claims_and_both_sides(graph):
    p = profile(graph, E + "town-t-attack")
    assert p["dates"]["on"] == ["2022-07-22"]
    assert [(x["label"], [w["label"] for w in x["within"]]) for x in p["places"]] == [
        ("Town T", ["Region R", "Xland"])]
    assert [t["label"] for t in p["targets"]] == ["Forces of Xland (2010-)"]
    assert [(f["text"], f["sources"][0]["title"]) for f in p["fatalities"]] == [("3–10", "Report Three"),
                                                                              ("5", "Report One")]
    assert [(c["stance"], c["responsible"]["label"]) for c in p["claims"]] == [
        ("denied", "Group E"), ("attributed", "Group E"), ("claimed", "Group D"), ("alleged", "Group K")]
    kinds = [d["kind"] for d in p["contested"]]
    assert kinds == ["attribution", "fatalities"]
    text = render_profile(p)
    assert "contested:" in text and "denied: Group E" in text and "attributed: Group E" in text


def test_umbrella_and_component_are_consistent_but_denial_conflicts(graph):
    [attribution] = [d for d in disagreements(graph) if d["subject"]["id"] == E + "town-t-attack"
                     and d["kind"] == "attribution"]
    notes = attribution["notes"]
    assert "consistent: Group D and Group K belong together (component, affiliate or pledge)" in notes
    assert any(n.startswith("conflict: attributed: Group E") and "denied: Group E" in n for n in notes)


def test_a_single_uncontested_claim_is_not_contested(tmp_path):
    extra = tmp_path / "one-claim.ttl"
    extra.write_text("""
        @prefix ag: <https://w3id.org/actorgraph/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/actorgraph/id/event/e> a ag:Attack ; skos:prefLabel "E" .
        <https://w3id.org/actorgraph/id/actor/g> a ag:ArmedGroup ; skos:prefLabel "G" .
        [] a ag:Claim ; ag:aboutEvent <https://w3id.org/actorgraph/id/event/e> ; ag:stance ag:ClaimedResponsibility ;
           ag:responsibleActor <https://w3id.org/actorgraph/id/actor/g> .
    """)
    graph = ActorGraph.from_files([resources.model_file(), extra])
    assert [c.stance for c in claims(graph)] == ["claimed"]
    assert disagreements(graph) == []


def test_reified_values_are_contested_with_each_source(graph):
    [values] = [d for d in disagreements(graph) if d["kind"] == "value"]
    assert [(s["value"], s["sources"][0]["title"]) for s in values["sides"]] == [
        ("2017-03-01", "Report Two"), ("2017-03-02", "Report One")]


def test_bundled_gsim_profile(bundled_graph):
    p = profile(bundled_graph, A + "gsim")
    assert "JNIM" in [n["name"] for n in p["names"]["aliases"]]
    assert any(a["id"] == A + "ansar-dine" for a in p["lineage"]["ancestors"])
