"""The ontology: every minted term is labelled and defined, and standard vocabularies are reused."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from actorgraph.namespaces import AG
from actorgraph.resources import model_file


def _ontology() -> Graph:
    return Graph().parse(model_file())


def test_every_minted_class_and_property_has_label_and_definition():
    graph = _ontology()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype)
    terms = {s for k in kinds for s in graph.subjects(RDF.type, k) if str(s).startswith(str(AG))}
    assert len(terms) > 60
    missing = [t for t in terms
               if graph.value(t, RDFS.label) is None or graph.value(t, SKOS.definition) is None]
    assert missing == []


def test_every_concept_has_label_and_definition():
    graph = _ontology()
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        assert graph.value(concept, SKOS.prefLabel) is not None, concept
        assert graph.value(concept, SKOS.definition) is not None, concept


def test_actor_kinds_align_with_w3c_org():
    graph = _ontology()
    assert (URIRef(AG.Actor), RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in graph
    assert (URIRef(AG.LineageChange), RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#ChangeEvent")) in graph
