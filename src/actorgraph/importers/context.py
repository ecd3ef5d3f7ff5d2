"""What every row of one import shares: the dataset, the file node, concepts and places made once.

>>> ctx = ImportContext("acled", file_iri="https://w3id.org/actorgraph/id/source/import-acled-x",
...                     imported_on="2024-01-01T00:00:00Z", crosswalk=None)
>>> out = []
>>> ctx.concept(out, "event-type", "Battles", "ACLED event types")
'https://w3id.org/actorgraph/id/concept/acled/event-type/battles'
>>> len(out) > 0, ctx.concept([], "event-type", "Battles", "ACLED event types") is not None
(True, True)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from actorgraph.importers.ntriples import C, P, iri, lit, slug, triple, typed
from actorgraph.namespaces import DATA_BASE, PLACE, SRC
from actorgraph.summaries import Tally

CONCEPT_BASE = DATA_BASE + "concept/"

#: The dataset nodes the importers cite; graphs/crosswalk.ttl describes them.
DATASET_SOURCES = {
    "acled": str(SRC["acled-dataset"]),
    "ucdp": str(SRC["ucdp-ged-dataset"]),
    "mmp": str(SRC["mmp-dataset"]),
}


@dataclass
class ImportContext:
    """Per-import state: the dataset, the file's node, the import time, and what was already written."""

    dataset: str
    file_iri: str
    imported_on: str
    crosswalk: Any
    known_places: set[str] = field(default_factory=set)
    #: lineage edges already in the store (resulting IRI -> original IRIs), for cycle checks
    lineage: dict[str, set[str]] = field(default_factory=dict)
    #: notes for the report (merged duplicates, lineage coded both ways…)
    warnings: list[str] = field(default_factory=list)
    #: the per-actor, per-year counts of the events converted so far
    tally: Tally = field(default_factory=Tally)
    _seen: set[Any] = field(default_factory=set)
    _concepts: dict[tuple[str, str], str] = field(default_factory=dict)
    _places: dict[tuple[str, ...], str] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """The dataset node (an ag:Dataset described in graphs/crosswalk.ttl)."""
        return DATASET_SOURCES[self.dataset]

    @property
    def file_term(self) -> str:
        """The file's dataset node as an N-Triples term (every imported statement derives from it)."""
        return iri(self.file_iri)

    def imported_on_term(self) -> str:
        """The import time as an ``xsd:dateTime`` term."""
        return typed(self.imported_on, "dateTime")

    def once(self, key: Any) -> bool:
        """True the first time ``key`` is seen in this import."""
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def concept(self, out: list[str], scheme: str, label: str, scheme_label: str) -> str:
        """The IRI of a dataset concept (an event type, an inter code…); declares it the first time."""
        cached = self._concepts.get((scheme, label))
        if cached:
            return cached
        value = self._concepts[(scheme, label)] = f"{CONCEPT_BASE}{self.dataset}/{scheme}/{slug(label)}"
        if self.once(value):
            scheme_iri = iri(f"{CONCEPT_BASE}{self.dataset}/{scheme}")
            if self.once(scheme_iri):
                out.append(triple(scheme_iri, P.type, C.scheme) + triple(scheme_iri, P.label, lit(scheme_label, "en")))
            subject = iri(value)
            out.append(triple(subject, P.type, C.concept) + triple(subject, P.label, lit(label, "en"))
                       + triple(subject, P.in_scheme, scheme_iri))
        return value

    def place(self, out: list[str], *, country: str, admins: list[str], name: str, lat: str, long: str,
              precision: str) -> str:
        """The IRI of a located place inside its admin hierarchy; declares the new nodes."""
        key = (country, *admins, name, lat, long, precision)
        cached = self._places.get(key)
        if cached:
            return cached
        parent = self._admin(out, country, admins)
        digest = hashlib.sha1("\x1f".join(key).encode()).hexdigest()[:16]
        value = self._places[key] = f"{PLACE}{self.dataset}-loc-{digest}"
        if self.once(value):
            subject = iri(value)
            lines = [triple(subject, P.type, C.place), triple(subject, P.label, lit(name or country)),
                     triple(subject, P.lat, typed(lat, "decimal")), triple(subject, P.long, typed(long, "decimal")),
                     triple(subject, P.derived, iri(self.source))]
            if precision:
                lines.append(triple(subject, P.geo_precision, typed(precision, "integer")))
            if parent:
                lines.append(triple(subject, P.contained, iri(parent)))
            out.append("".join(lines))
        return value

    def _admin(self, out: list[str], country: str, admins: list[str]) -> str | None:
        if not country:
            return None
        country_iri = f"{PLACE}{slug(country)}"
        if country_iri not in self.known_places:
            country_iri = f"{PLACE}{self.dataset}-{slug(country)}"
            if self.once(country_iri):
                subject = iri(country_iri)
                out.append(triple(subject, P.type, C.place) + triple(subject, P.label, lit(country))
                           + triple(subject, P.admin_level, typed("0", "integer"))
                           + triple(subject, P.derived, iri(self.source)))
        parent, path = country_iri, [slug(country)]
        for level, name in enumerate(admins, start=1):
            if not name:
                break
            path.append(slug(name))
            value = f"{PLACE}{self.dataset}-{'--'.join(path)}"
            if self.once(value):
                subject = iri(value)
                out.append(triple(subject, P.type, C.place) + triple(subject, P.label, lit(name))
                           + triple(subject, P.admin_level, typed(str(level), "integer"))
                           + triple(subject, P.contained, iri(parent)) + triple(subject, P.derived, iri(self.source)))
            parent = value
        return parent
