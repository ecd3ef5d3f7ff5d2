"""The namespaces of the actorgraph model and the SPARQL prefixes predeclared for users.

>>> from actorgraph.namespaces import AG, ACTOR
>>> str(AG.Merger)
'https://w3id.org/actorgraph/ontology#Merger'
>>> str(ACTOR["gsim"])
'https://w3id.org/actorgraph/id/actor/gsim'
>>> sparql_prologue().splitlines()[0]
'PREFIX ag: <https://w3id.org/actorgraph/ontology#>'
"""

from __future__ import annotations



class Namespace(str):
    """An IRI prefix whose attributes and items are the IRIs of its terms (plain strings).

    Deliberately light (no rdflib import) so that the command line starts fast.

    >>> Namespace("https://example.org/")["x"]
    'https://example.org/x'
    """

    def __getitem__(self, name: str) -> str:  # type: ignore[override]
        return str(self) + name

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        return str(self) + name

ONTOLOGY_IRI = "https://w3id.org/actorgraph/ontology"
DATA_BASE = "https://w3id.org/actorgraph/id/"

AG = Namespace(ONTOLOGY_IRI + "#")
ACTOR = Namespace(DATA_BASE + "actor/")
PERSON = Namespace(DATA_BASE + "person/")
EVENT = Namespace(DATA_BASE + "event/")
PLACE = Namespace(DATA_BASE + "place/")
REL = Namespace(DATA_BASE + "rel/")
CHANGE = Namespace(DATA_BASE + "change/")
CLAIM = Namespace(DATA_BASE + "claim/")
SRC = Namespace(DATA_BASE + "source/")
AGENT = Namespace(DATA_BASE + "agent/")

#: Every prefix a user can rely on in SPARQL, in the order they are declared.
PREFIXES: dict[str, str] = {
    "ag": str(AG),
    "actor": str(ACTOR),
    "person": str(PERSON),
    "event": str(EVENT),
    "place": str(PLACE),
    "rel": str(REL),
    "change": str(CHANGE),
    "claim": str(CLAIM),
    "src": str(SRC),
    "agent": str(AGENT),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "schema": "https://schema.org/",
    "wd": "http://www.wikidata.org/entity/",
}


def sparql_prologue() -> str:
    """The PREFIX lines that every query run by actorgraph starts with."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
