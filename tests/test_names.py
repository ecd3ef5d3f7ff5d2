"""Name resolution: labels, aliases, acronyms, accents, ambiguity, suggestions."""

from __future__ import annotations

import pytest

from actorgraph import resources
from actorgraph.errors import ActorgraphError
from actorgraph.graph import ActorGraph
from actorgraph.names import actor_names, name_index, normalise, resolve

ACTOR = "https://w3id.org/actorgraph/id/actor/"
PERSON = "https://w3id.org/actorgraph/id/person/"
EVENT = "https://w3id.org/actorgraph/id/event/"


@pytest.fixture(scope="module")
def graph(lookup_graph):
    return lookup_graph


@pytest.mark.parametrize("text, expected", [
    ("Group A", "group-a"),            # preferred label
    ("group a", "group-a"),            # any case
    ("GA", "group-a"),                 # acronym (altLabel)
    ("Groupe Alpha", "group-a"),       # French form, accent left out
    ("GROUPE ÀLPHA", "group-a"),       # accent kept, upper case
    ("Jamaat Alif", "group-a"),        # transliteration without ʿ and macron
    ("Groop A", "group-a"),            # known misspelling (hiddenLabel)
    ("Group A (Xland)", "group-a"),    # dataset name (skos:notation)
    ("  delta-front ", "group-d"),     # punctuation and spaces do not matter
    ("actor:group-d", "group-d"),      # prefixed name
    (ACTOR + "group-e", "group-e"),    # full IRI
])
def test_resolve_actor_names(graph, text, expected):
    assert resolve(graph, text) == ACTOR + expected


def test_resolve_people_and_events(graph):
    assert resolve(graph, "Abu One") == PERSON + "leader-one"
    assert resolve(graph, "attack on town t") == EVENT + "town-t-attack"


def test_unknown_name_suggests_close_matches(graph):
    with pytest.raises(ActorgraphError) as err:
        resolve(graph, "Grup D")
    message = str(err.value)
    assert message.startswith("no actor, person or event is named 'Grup D'; did you mean ")
    assert "'Group D'" in message


def test_unknown_name_without_anything_close(graph):
    with pytest.raises(ActorgraphError, match=r"^no actor, person or event is named 'zzzzqqq'$"):
        resolve(graph, "zzzzqqq")


def test_ambiguous_name_lists_candidates_with_kind_and_dates(graph):
    with pytest.raises(ActorgraphError) as err:
        resolve(graph, "twin")
    message = str(err.value)
    assert "'twin' names 2 candidates" in message
    assert "Group B (armed group) <" + ACTOR + "group-b>" in message
    assert "Group F (armed group) <" + ACTOR + "group-f>" in message


def test_candidates_show_their_dates(data_dir, tmp_path):
    extra = tmp_path / "twins.ttl"
    extra.write_text("""
        @prefix ag: <https://w3id.org/actorgraph/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/actorgraph/id/actor/f1> a ag:StateForce ; skos:prefLabel "Forces"@en ;
            sem:hasBeginTimeStamp "2010"^^xsd:gYear ; sem:hasEndTimeStamp "2012-03"^^xsd:gYearMonth .
        <https://w3id.org/actorgraph/id/actor/f2> a ag:StateForce ; skos:prefLabel "Forces"@en ;
            sem:hasBeginTimeStamp "2012-03"^^xsd:gYearMonth .
    """)
    graph = ActorGraph.from_files([resources.model_file(), extra])
    with pytest.raises(ActorgraphError) as err:
        resolve(graph, "forces")
    assert "Forces (state force, 2010–2012-03)" in str(err.value)
    assert "Forces (state force, 2012-03–)" in str(err.value)


def test_preferred_label_wins_over_an_alias(tmp_path):
    extra = tmp_path / "pref.ttl"
    extra.write_text("""
        @prefix ag: <https://w3id.org/actorgraph/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://w3id.org/actorgraph/id/actor/x> a ag:ArmedGroup ; skos:prefLabel "Shared"@en .
        <https://w3id.org/actorgraph/id/actor/y> a ag:ArmedGroup ; skos:prefLabel "Other"@en ; skos:altLabel "Shared"@en .
    """)
    graph = ActorGraph.from_files([resources.model_file(), extra])
    assert resolve(graph, "shared") == ACTOR + "x"


def test_categories_restrict_the_search(graph):
    with pytest.raises(ActorgraphError, match="no actor is named 'Leader One'"):
        resolve(graph, "Leader One", "actor")
    assert resolve(graph, "Leader One", ("person",)) == PERSON + "leader-one"


def test_an_iri_of_something_else_is_not_accepted(graph):
    with pytest.raises(ActorgraphError):
        resolve(graph, "place:town-t")


def test_empty_name(graph):
    with pytest.raises(ActorgraphError, match="empty"):
        resolve(graph, "   ")


def test_actor_names_for_completion(graph):
    names = actor_names(graph)
    assert "Group A" in names and "GA" in names and "Delta Front" in names
    assert "Leader One" not in names          # a person, not an actor
    assert "Attack on Town T" not in names    # an event
    assert names == sorted(names, key=str.casefold)


def test_index_is_cached_per_graph(graph):
    assert name_index(graph) is name_index(graph)


def test_normalise_is_accent_case_and_punctuation_insensitive():
    assert normalise("Jama'at Nusrat al-Islam wal-Muslimin") == normalise("JAMAAT NUSRAT AL ISLAM WAL MUSLIMIN")
    assert normalise("Groupe de soutien à l’islam et aux musulmans") == "groupe de soutien a lislam et aux musulmans"


@pytest.mark.parametrize("text", ["GSIM", "JNIM", "gsim", "jnim"])
def test_bundled_gsim_names(bundled_graph, text):
    assert resolve(bundled_graph, text) == ACTOR + "gsim"
