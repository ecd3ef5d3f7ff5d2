"""Resolve what a user types (a label, alias, acronym, transliteration) to an IRI.

Names are compared after normalisation: case-folded, accents stripped,
apostrophes dropped, and any run of punctuation or spaces made one space, so
``"gsim"``, ``"JNIM"`` and ``"Jama'at Nusrat al-Islam wal-Muslimin"`` all find
the same actor.  An unknown name raises :class:`~actorgraph.errors.ActorgraphError`
with close matches; an ambiguous one lists the candidates with kind and dates.

>>> normalise("Jamāʿat Nuṣrat al-Islām wa-l-Muslimīn")
'jamaat nusrat al islam wa l muslimin'
>>> normalise("  Groupe de soutien à l'islam ")
'groupe de soutien a lislam'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import weakref
from dataclasses import dataclass, field
from typing import Any

from actorgraph import resources
from actorgraph.errors import ActorgraphError
from actorgraph.namespaces import PREFIXES

#: the categories of things a name can resolve to
CATEGORIES = ("actor", "person", "event")

_APOSTROPHES = "'’‘ʼʿʾ`´"
_PROPERTY_RANK = {  # lower is a stronger claim to a name
    "http://www.w3.org/2004/02/skos/core#prefLabel": 0,
    "http://xmlns.com/foaf/0.1/name": 0,
    "http://www.w3.org/2000/01/rdf-schema#label": 1,
    "http://www.w3.org/2004/02/skos/core#altLabel": 1,
    "http://www.w3.org/2004/02/skos/core#notation": 2,
    "http://www.w3.org/2004/02/skos/core#hiddenLabel": 2,
}


def normalise(text: str) -> str:
    """The form names are compared in: case-, accent- and punctuation-insensitive.

    >>> normalise("GSIM") == normalise("gsim")
    True
    >>> normalise("Katiba Macina") == normalise("katiba  MACINA")
    True
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in _APOSTROPHES)
    return re.sub(r"[\W_]+", " ", stripped.casefold()).strip()


@dataclass
class Entity:
    """Something a name resolves to: an actor, a person or an event."""

    iri: str
    category: str
    kind: str | None = None
    label: str | None = None
    begin: str | None = None
    end: str | None = None
    names: dict[str, int] = field(default_factory=dict)  # name -> rank of its property

    def describe(self) -> str:
        """``label (kind, begin–end) <iri>``, for lists of candidates."""
        dates = ""
        if self.begin or self.end:
            dates = f", {self.begin or '?'}–{self.end or ''}" if self.begin != self.end else f", {self.begin}"
        return f"{self.label or self.iri} ({self.kind or self.category}{dates}) <{self.iri}>"


class NameIndex:
    """All names of the actors, people and events of a graph, normalised.

    Build it with :func:`name_index`, which caches one index per graph object.
    """

    def __init__(self, labels: list[dict[str, Any]], entities: list[dict[str, Any]]):
        self.entities: dict[str, Entity] = {}
        self.by_name: dict[str, set[str]] = {}
        for row in entities:
            iri = row["entity"]
            entity = self.entities.get(iri)
            if entity is None:
                entity = self.entities[iri] = Entity(iri, row["category"])
            specific = row.get("class") != row.get("top")
            if row.get("kind") and (entity.kind is None or specific):
                entity.kind = row["kind"]
        for row in labels:
            entity = self.entities.get(row["entity"])
            if entity is None:
                continue
            name = str(row["name"])
            rank = _PROPERTY_RANK.get(row["property"], 2)
            entity.names[name] = min(rank, entity.names.get(name, rank))
            if row["property"] == "http://www.w3.org/2004/02/skos/core#prefLabel" and (
                    entity.label is None or name < entity.label):
                entity.label = name
        for entity in self.entities.values():
            if entity.label is None and entity.names:
                entity.label = min(entity.names, key=lambda n: (entity.names[n], n))
            for name in entity.names:
                self.by_name.setdefault(normalise(name), set()).add(entity.iri)

    def names(self, category: str | None = None) -> list[str]:
        """Every name (as written in the graph) of the entities of a category, sorted."""
        found = {n for e in self.entities.values() if category in (None, e.category) for n in e.names}
        return sorted(found, key=str.casefold)

    def lookup(self, text: str, categories: tuple[str, ...] = CATEGORIES) -> list[Entity]:
        """The entities whose names match ``text`` exactly (after normalisation)."""
        iris = self.by_name.get(normalise(text), set())
        return sorted((self.entities[i] for i in iris if self.entities[i].category in categories),
                      key=lambda e: e.iri)

    def suggest(self, text: str, categories: tuple[str, ...] = CATEGORIES, limit: int = 5) -> list[str]:
        """Names close to ``text``: near spellings first, then names containing it."""
        key = normalise(text)
        pool = {normalise(n): n for e in self.entities.values() if e.category in categories for n in e.names}
        close = difflib.get_close_matches(key, list(pool), n=limit, cutoff=0.6)
        if key:
            close += sorted(k for k in pool if key in k and k not in close)
        return [pool[k] for k in close[:limit]]


_INDEXES: weakref.WeakKeyDictionary[Any, NameIndex] = weakref.WeakKeyDictionary()


def name_index(graph: Any) -> NameIndex:
    """The name index of a graph (built with one SPARQL query, then cached for that graph)."""
    try:
        return _INDEXES[graph]
    except (KeyError, TypeError):
        pass
    curated = graph.curated
    labels = curated.select(resources.query_text("names-labels"))
    entities = curated.select(resources.query_text("names-entities"))
    if curated is not graph:  # a store: add the actors its imports created, found by their type
        labels += graph.select(resources.query_text("names-imported-labels"))
        entities += graph.select(resources.query_text("names-imported-entities"))
    index = NameIndex(labels, entities)
    try:
        _INDEXES[graph] = index
    except TypeError:
        pass
    return index


def _as_iri(graph: Any, text: str, categories: tuple[str, ...]) -> str | None:
    """``text`` as an IRI of a known entity, if it is a full IRI or a prefixed name."""
    iri = None
    if re.match(r"^(https?|urn):", text):
        iri = text
    else:
        match = re.match(r"^([A-Za-z][\w-]*):(\S+)$", text)
        if match and match.group(1) in PREFIXES:
            iri = PREFIXES[match.group(1)] + match.group(2)
    if iri is None:
        return None
    entity = name_index(graph).entities.get(iri)
    return iri if entity is not None and entity.category in categories else None


def resolve(graph: Any, text: str, categories: tuple[str, ...] | str = CATEGORIES) -> str:
    """The IRI of the actor, person or event that ``text`` names.

    ``text`` may be any label, alias, acronym, transliteration or dataset name,
    in any case and with or without accents; a full IRI or a prefixed name
    (``actor:gsim``) is accepted too.  ``categories`` restricts the search
    (``"actor"``, ``"person"``, ``"event"``).  When several entities carry the
    name and exactly one has it as its preferred label, that one wins; otherwise
    the error lists the candidates.

    >>> from actorgraph.graph import ActorGraph
    >>> from pathlib import Path
    >>> g = ActorGraph.from_files([Path(resources.model_file())])
    >>> resolve(g, "Nobody")
    Traceback (most recent call last):
    ...
    actorgraph.errors.ActorgraphError: no actor, person or event is named 'Nobody'
    """
    if isinstance(categories, str):
        categories = (categories,)
    text = str(text).strip()
    if not text:
        raise ActorgraphError("an empty name names nothing")
    as_iri = _as_iri(graph, text, categories)
    if as_iri:
        return as_iri
    index = name_index(graph)
    matches = index.lookup(text, categories)
    if len(matches) == 1:
        return matches[0].iri
    what = ", ".join(categories[:-1]) + (" or " if len(categories) > 1 else "") + categories[-1]
    if not matches:
        suggestions = index.suggest(text, categories)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        raise ActorgraphError(f"no {what} is named {text!r}{hint}")
    key = normalise(text)
    preferred = [e for e in matches if any(normalise(n) == key and r == 0 for n, r in e.names.items())]
    if len(preferred) == 1:
        return preferred[0].iri
    for entity in matches:
        _add_dates(graph, entity)
    listing = "; ".join(e.describe() for e in matches)
    raise ActorgraphError(f"{text!r} names {len(matches)} candidates, say which: {listing}")


def _add_dates(graph: Any, entity: Entity) -> None:
    """Fill in an entity's first and last dates (only needed to list candidates)."""
    for row in graph.select(resources.query_text("names-dates"), entity=entity.iri):
        entity.begin = min(filter(None, (entity.begin, row.get("begin"))), default=None)
        entity.end = max(filter(None, (entity.end, row.get("end"))), default=None)


def describe(graph: Any, iri: str) -> Entity | None:
    """The index entry (label, kind, dates, names) of an IRI, if it is a known entity."""
    return name_index(graph).entities.get(iri)


def cached_entity(graph: Any, iri: str) -> Entity | None:
    """The index entry of an IRI if the graph's name index is already built (never builds it)."""
    try:
        index = _INDEXES.get(graph)
    except TypeError:
        return None
    return index.entities.get(iri) if index is not None else None


def actor_names(graph: Any) -> list[str]:
    """Every name of every actor, sorted: for shell completion.

    >>> from actorgraph.graph import ActorGraph
    >>> actor_names(ActorGraph.from_files([resources.model_file()]))
    []
    """
    return name_index(graph).names("actor")
