"""Writing N-Triples lines fast: the importers stream text to pyoxigraph's bulk loader.

Building one Python term object per triple would cost more than the loading
itself, so importers format N-Triples text and let pyoxigraph parse it in Rust.

>>> iri("https://example.org/a")
'<https://example.org/a>'
>>> lit('say "hi"\\n')
'"say \\\\"hi\\\\"\\\\n"'
>>> typed("2017", "gYear")
'"2017"^^<http://www.w3.org/2001/XMLSchema#gYear>'
>>> slug("Military Forces of Mali (2021-)")
'military-forces-of-mali-2021'
>>> triple(iri("https://example.org/a"), P.label, lit("A", "en"))
'<https://example.org/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@en .\\n'
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from actorgraph.namespaces import PREFIXES

XSD = PREFIXES["xsd"]
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def iri(value: str) -> str:
    """An IRI term (the caller guarantees a valid IRI)."""
    return f"<{value}>"


def lit(text: str, lang: str | None = None) -> str:
    """A string literal, optionally language-tagged (JSON escaping is valid N-Triples escaping)."""
    quoted = _dumps(text)
    return f"{quoted}@{lang}" if lang else quoted


def typed(lexical: str, xsd_type: str) -> str:
    """A literal typed with an XSD datatype given by its local name (``integer``, ``date``…)."""
    return f'"{lexical}"^^<{XSD}{xsd_type}>'


def typed_iri(lexical: str, datatype: str) -> str:
    """A literal typed with any datatype IRI (e.g. ``ag:ACLEDActorName``)."""
    return f"{_dumps(lexical)}^^<{datatype}>"


def triple(subject: str, predicate: str, obj: str) -> str:
    """One N-Triples line."""
    return f"{subject} {predicate} {obj} .\n"


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A lower-case ASCII slug for an IRI: accents dropped, other characters become hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def id_segment(text: str) -> str:
    """A dataset identifier made safe as one IRI path segment (percent-encoded)."""
    return quote(text.strip(), safe="-_.~")


class P:
    """Predicate IRIs, pre-formatted as N-Triples terms."""

    ag = PREFIXES["ag"]
    type = iri(PREFIXES["rdf"] + "type")
    label = iri(PREFIXES["skos"] + "prefLabel")
    notation = iri(PREFIXES["skos"] + "notation")
    note = iri(PREFIXES["skos"] + "note")
    in_scheme = iri(PREFIXES["skos"] + "inScheme")
    derived = iri(PREFIXES["prov"] + "wasDerivedFrom")
    time = iri(PREFIXES["sem"] + "hasTimeStamp")
    begin = iri(PREFIXES["sem"] + "hasBeginTimeStamp")
    end = iri(PREFIXES["sem"] + "hasEndTimeStamp")
    place = iri(PREFIXES["sem"] + "hasPlace")
    lat = iri(PREFIXES["geo"] + "lat")
    long = iri(PREFIXES["geo"] + "long")
    contained = iri(PREFIXES["schema"] + "containedInPlace")
    citation = iri(PREFIXES["dcterms"] + "bibliographicCitation")
    title = iri(PREFIXES["dcterms"] + "title")
    part_of = iri(PREFIXES["dcterms"] + "isPartOf")
    org_original = iri(PREFIXES["org"] + "originalOrganization")
    org_resulting = iri(PREFIXES["org"] + "resultingOrganization")
    side_a = iri(ag + "sideA")
    side_b = iri(ag + "sideB")
    assoc_a = iri(ag + "associatedWithA")
    assoc_b = iri(ag + "associatedWithB")
    event_type = iri(ag + "eventType")
    actor_type = iri(ag + "actorType")
    fatalities = iri(ag + "fatalities")
    count = iri(ag + "count")
    minimum = iri(ag + "minimum")
    maximum = iri(ag + "maximum")
    victim_group = iri(ag + "victimGroup")
    notes = iri(ag + "notes")
    row_id = iri(ag + "rowId")
    imported_on = iri(ag + "importedOn")
    admin_level = iri(ag + "adminLevel")
    about_event = iri(ag + "aboutEvent")
    stance = iri(ag + "stance")
    responsible = iri(ag + "responsibleActor")
    stated_by = iri(ag + "statedBy")
    from_actor = iri(ag + "fromActor")
    to_actor = iri(ag + "toActor")
    contributing = iri(ag + "contributingOrganization")
    # Import-only terms (see docs/import.md): dataset codes kept as they are.
    geo_precision = iri(ag + "geoPrecision")
    time_precision = iri(ag + "timePrecision")
    tags = iri(ag + "tags")
    dyad = iri(ag + "dyad")


class C:
    """Class IRIs, pre-formatted."""

    ag = PREFIXES["ag"]
    event = iri(ag + "Event")
    attack = iri(ag + "Attack")
    deployment = iri(ag + "Deployment")
    place = iri(ag + "Place")
    fatality_count = iri(ag + "FatalityCount")
    claim = iri(ag + "Claim")
    alleged = iri(ag + "Alleged")
    imported = iri(ag + "Imported")
    dataset = iri(ag + "Dataset")
    concept = iri(PREFIXES["skos"] + "Concept")
    scheme = iri(PREFIXES["skos"] + "ConceptScheme")
    affiliation = iri(ag + "Affiliation")
    alliance = iri(ag + "Alliance")
    hostility = iri(ag + "Hostility")
    merger = iri(ag + "Merger")
    split = iri(ag + "Split")
