"""The crosswalk: dataset labels tied to curated actors, and the report of an import.

``graphs/crosswalk.ttl`` gives curated actors the labels and ids datasets use for
them, as ``skos:notation`` literals typed ``ag:ACLEDActorName``, ``ag:UCDPActorName``,
``ag:UCDPActorId`` or ``ag:MMPGroupId``. An importer asks the crosswalk for each
label it meets: a label with a notation resolves to the curated actor; any other
becomes an imported actor (``ag:Imported``, sourced to the dataset) with a
deterministic IRI, so importing again reuses it.

>>> from actorgraph.graph import ActorGraph
>>> walk = Crosswalk({("ACLEDActorName", "JNIM: Group for Support of Islam and Muslims"): "https://w3id.org/actorgraph/id/actor/gsim"},
...                  dataset="acled", source="https://w3id.org/actorgraph/id/source/acled-dataset")
>>> walk.resolve("ACLEDActorName", "JNIM: Group for Support of Islam and Muslims")
'https://w3id.org/actorgraph/id/actor/gsim'
>>> walk.resolve("ACLEDActorName", "Group A")
'https://w3id.org/actorgraph/id/actor/acled-group-a'
>>> [(e.label, e.status, e.rows) for e in walk.entries()]
[('Group A', 'imported', 1), ('JNIM: Group for Support of Islam and Muslims', 'matched', 1)]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from actorgraph.importers.ntriples import C, P, iri, lit, slug, triple, typed_iri
from actorgraph.namespaces import ACTOR, AG, PREFIXES

NOTATION_TYPES = ("ACLEDActorName", "UCDPActorName", "UCDPActorId", "MMPGroupId")

_NOTATIONS = """
SELECT ?actor ?notation WHERE {
  ?actor skos:notation ?notation .
  FILTER (DATATYPE(?notation) IN (ag:ACLEDActorName, ag:UCDPActorName, ag:UCDPActorId, ag:MMPGroupId))
  FILTER NOT EXISTS { ?actor a ag:Imported }
}"""


@dataclass
class Entry:
    """One dataset label met during an import."""

    label: str
    kind: str      #: the notation type, e.g. ``ACLEDActorName``
    status: str    #: ``matched`` (a curated actor) or ``imported`` (an ag:Imported actor)
    actor: str     #: the actor IRI
    rows: int = 0  #: how many rows named it
    last_row: int = -1


class Crosswalk:
    """Resolves dataset labels to actor IRIs and counts what it resolved."""

    def __init__(self, notations: Mapping[tuple[str, str], str], *, dataset: str, source: str):
        self.notations = dict(notations)
        self.dataset, self.source = dataset, source
        self._entries: dict[tuple[str, str], Entry] = {}
        self._pending: list[str] = []

    @classmethod
    def from_store(cls, store: ox.Store, *, dataset: str, source: str) -> Crosswalk:
        """Read the dataset notations of curated actors from a store (imported actors are not matches)."""
        notations = {}
        for solution in store.query(_NOTATIONS, prefixes=PREFIXES, use_default_graph_as_union=True):
            kind = solution["notation"].datatype.value.removeprefix(str(AG))
            notations.setdefault((kind, solution["notation"].value), solution["actor"].value)
        return cls(notations, dataset=dataset, source=source)

    def resolve(self, kind: str, label: str, *, key: str | None = None, name: str | None = None,
                actor_type: str | None = None, row: int = 0) -> str:
        """The actor IRI for a dataset label (or id), counting one row for it.

        ``kind`` is a notation type; ``key`` the notation value when it differs
        from the label used to mint an IRI (e.g. a UCDP id); ``name`` the human
        label of a new imported actor; ``actor_type`` a concept IRI (ACLED inter code);
        ``row`` the row number (a label named twice in one row counts once).
        """
        notation = label if key is None else key
        entry = self._entries.get((kind, notation))
        if entry is None:
            curated = self.notations.get((kind, notation))
            if curated:
                entry = Entry(name or label, kind, "matched", curated)
            else:
                entry = Entry(name or label, kind, "imported", str(ACTOR[f"{self.dataset}-{slug(notation)}"]))
                self._declare(entry, notation)
            self._entries[(kind, notation)] = entry
        if actor_type and entry.status == "imported" and (entry.actor, actor_type) not in self._entries:
            self._entries[(entry.actor, actor_type)] = entry  # typed once per import
            self._pending.append(triple(iri(entry.actor), P.actor_type, iri(actor_type)))
        if entry.last_row != row or not row:
            entry.rows += 1
            entry.last_row = row
        return entry.actor

    def _declare(self, entry: Entry, notation: str) -> None:
        subject = iri(entry.actor)
        self._pending.append(
            triple(subject, P.type, C.imported)
            + triple(subject, P.label, lit(entry.label, "en"))
            + triple(subject, P.notation, typed_iri(notation, str(AG[entry.kind])))
            + triple(subject, P.derived, iri(self.source)))

    def drain(self) -> str:
        """The N-Triples of the imported actors declared since the last call."""
        text, self._pending = "".join(self._pending), []
        return text

    def entries(self) -> list[Entry]:
        """Every label met, sorted by status then label."""
        unique = {id(e): e for e in self._entries.values()}.values()
        return sorted(unique, key=lambda e: (e.status, e.label))
