"""Relationships over time, and the shortest chain of relations between two actors or people.

A relationship is a qualified node (``ag:Alliance``, ``ag:Hostility``, …) with its
two parties, begin and end (either may be open or unknown), a confidence and
its sources.  ``--as-of`` keeps those that may have held on the date, at the
precision of each date (:func:`actorgraph.dates.holds_on`).

>>> from actorgraph.graph import ActorGraph
>>> from actorgraph import resources
>>> g = ActorGraph.from_files([resources.model_file(), "tests/data/lookup/lookup.ttl"])
>>> D = "https://w3id.org/actorgraph/id/actor/group-d"
>>> [(r.kind, r.other_label, r.begin) for r in relations(g, D, kinds=["rivalry"])]
[('rivalry', 'Forces of Xland (2010-)', '2017-03'), ('rivalry', 'Group H', '2019-01')]
>>> [h.to_label for h in path(g, "https://w3id.org/actorgraph/id/actor/group-k",
...                           "https://w3id.org/actorgraph/id/actor/operation-y")]
['Group D', 'Forces of Xland (2010-)', 'Operation Y']
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from actorgraph import resources
from actorgraph.dates import PartialDate, holds_on
from actorgraph.errors import ActorgraphError
from actorgraph.names import describe
from actorgraph.sources import Source, sources_for

AG = "https://w3id.org/actorgraph/ontology#"

#: relationship kinds a user can name -> ontology class
KINDS: dict[str, str] = {
    "alliance": AG + "Alliance",
    "rivalry": AG + "Hostility",
    "affiliation": AG + "Affiliation",
    "allegiance": AG + "Allegiance",
    "component": AG + "ComponentMembership",
    "support": AG + "Support",
}
_ALIASES = {"hostility": "rivalry", "adversary": "rivalry", "ally": "alliance", "post": "membership"}
#: (phrase seen from the from-actor, phrase seen from the to-actor)
_PHRASES = {
    "alliance": ("allied with", "allied with"),
    "rivalry": ("hostile to", "hostile to"),
    "affiliation": ("affiliate of", "has as affiliate"),
    "allegiance": ("pledged allegiance to", "received allegiance from"),
    "component": ("component of", "has as component"),
    "support": ("supported", "supported by"),
    "membership": ("post in", "post held by"),
    "lineage": ("predecessor of", "successor of"),
}
PATH_KINDS = tuple(KINDS) + ("membership", "lineage")


def parse_kinds(kinds: Any, allowed: tuple[str, ...] = tuple(KINDS)) -> list[str]:
    """Check user-given kinds (``"all"`` means every one; commas separate several).

    >>> parse_kinds("alliance,hostility")
    ['alliance', 'rivalry']
    >>> parse_kinds(["war"])
    Traceback (most recent call last):
    ...
    actorgraph.errors.ActorgraphError: unknown kind 'war'; use one of: alliance, rivalry, affiliation, allegiance, component, support, all
    """
    if not kinds:
        return list(allowed)
    if isinstance(kinds, str):
        kinds = [kinds]
    chosen: list[str] = []
    for item in kinds:
        for word in str(item).split(","):
            word = word.strip().lower()
            word = _ALIASES.get(word, word)
            if word == "all":
                return list(allowed)
            if word not in allowed:
                raise ActorgraphError(f"unknown kind {word!r}; use one of: {', '.join(allowed)}, all")
            if word not in chosen:
                chosen.append(word)
    return chosen


def _when(value: PartialDate | str | None) -> PartialDate | None:
    return PartialDate.parse(value) if isinstance(value, str) else value


def _may_hold(begins: set[str], ends: set[str], when: PartialDate | None) -> bool:
    if when is None:
        return True
    try:
        begin = min((PartialDate.parse(b) for b in begins), default=None)
        end = max((PartialDate.parse(e) for e in ends), default=None)
    except ActorgraphError:
        return True
    return holds_on(begin, end, when)


@dataclass
class Relationship:
    """One sourced relationship of an actor, seen from that actor."""

    id: str
    kind: str
    relation: str
    other: str
    other_label: str
    direction: str  # "from" (the actor is ag:fromActor) or "to"
    begins: set[str] = field(default_factory=set)
    ends: set[str] = field(default_factory=set)
    end_status: str | None = None
    confidence: str | None = None
    source_ids: set[str] = field(default_factory=set)
    sources: list[Source] = field(default_factory=list)

    @property
    def begin(self) -> str | None:
        """The earliest begin date given (lexical form, at its precision)."""
        return min(self.begins, key=_sort_key) if self.begins else None

    @property
    def end(self) -> str | None:
        """The latest end date given."""
        return max(self.ends, key=_sort_key) if self.ends else None

    @property
    def contested(self) -> bool:
        """Whether sources give different begin or end dates."""
        return len(self.begins) > 1 or len(self.ends) > 1

    def period(self) -> str:
        """``2012–2016``, ``2019-01–(ongoing)``, ``?–2016``."""
        end = self.end or (f"({self.end_status})" if self.end_status else "")
        return f"{self.begin or '?'}–{end}"

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (stable keys)."""
        return {"id": self.id, "kind": self.kind, "relation": self.relation,
                "other": {"id": self.other, "label": self.other_label}, "direction": self.direction,
                "begin": self.begin, "end": self.end, "begins": sorted(self.begins, key=_sort_key),
                "ends": sorted(self.ends, key=_sort_key), "end_status": self.end_status,
                "confidence": self.confidence, "contested": self.contested,
                "sources": [s.as_dict() for s in self.sources]}


def _sort_key(text: str) -> tuple:
    try:
        return (0, PartialDate.parse(text).earliest, len(text))
    except ActorgraphError:
        return (1, str(text))


def _kind_of(type_iri: str) -> str:
    return next(k for k, v in KINDS.items() if v == type_iri)


def relations(graph: Any, actor: str, *, kinds: Any = None,
              as_of: PartialDate | str | None = None) -> list[Relationship]:
    """The relationships of the actor with IRI ``actor``, by kind, then start date, then the other party."""
    wanted = parse_kinds(kinds)
    when = _when(as_of)
    found: dict[str, Relationship] = {}
    for row in graph.select(resources.query_text("relations"), actor=actor):
        kind = _kind_of(row["type"])
        if kind not in wanted:
            continue
        rel = found.get(row["rel"])
        if rel is None:
            direction = "from" if row["from"] == actor else "to"
            other = row["to"] if direction == "from" else row["from"]
            entity = describe(graph, other)
            label = row.get("otherLabel") or (entity.label if entity else None) or other.rsplit("/", 1)[-1]
            phrase = _PHRASES[kind][0 if direction == "from" else 1]
            rel = found[row["rel"]] = Relationship(row["rel"], kind, phrase, other, label, direction)
        for key, bucket in (("begin", rel.begins), ("end", rel.ends), ("source", rel.source_ids)):
            if row.get(key):
                bucket.add(str(row[key]))
        rel.end_status = rel.end_status or row.get("endStatus")
        rel.confidence = rel.confidence or row.get("confidence")
    result = [r for r in found.values() if _may_hold(r.begins, r.ends, when)]
    for rel in result:
        rel.sources = sources_for(graph, rel.source_ids)
    order = list(KINDS)
    return sorted(result, key=lambda r: (order.index(r.kind), _sort_key(r.begin) if r.begin else (-1,),
                                         r.other_label.casefold(), r.id))


@dataclass
class Hop:
    """One link of a path: ``from_`` to ``to`` through a relationship, post or lineage change."""

    edge: str
    kind: str
    relation: str
    from_: str
    from_label: str
    to: str
    to_label: str
    begins: set[str] = field(default_factory=set)
    ends: set[str] = field(default_factory=set)
    role: str | None = None
    sources: list[Source] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (stable keys)."""
        return {"from": {"id": self.from_, "label": self.from_label}, "to": {"id": self.to, "label": self.to_label},
                "kind": self.kind, "relation": self.relation, "role": self.role, "edge": self.edge,
                "begin": min(self.begins, key=_sort_key) if self.begins else None,
                "end": max(self.ends, key=_sort_key) if self.ends else None,
                "sources": [s.as_dict() for s in self.sources]}


def path(graph: Any, start: str, goal: str, *, kinds: Any = None,
         as_of: PartialDate | str | None = None) -> list[Hop]:
    """The shortest chain of links from ``start`` to ``goal`` (IRIs of actors or people).

    Links are relationships (either direction), posts of people and lineage
    changes; ``kinds`` restricts them (see :data:`PATH_KINDS`), ``as_of`` keeps
    those that may have held on the date.  Among equally short chains the
    first in IRI order wins, so the answer is stable.  Raises ActorgraphError
    when no chain exists.
    """
    wanted = parse_kinds(kinds, PATH_KINDS)
    when = _when(as_of)
    edges: dict[str, dict[str, Any]] = {}
    for row in graph.select(resources.query_text("path-edges")):
        if row["kind"] not in wanted:
            continue
        key = f"{row['edge']} {row['a']} {row['b']}"
        edge = edges.setdefault(key, {"edge": row["edge"], "kind": row["kind"], "a": row["a"], "b": row["b"],
                                      "begins": set(), "ends": set(), "sources": set(), "role": None})
        for name, bucket in (("begin", "begins"), ("end", "ends"), ("source", "sources")):
            if row.get(name):
                edge[bucket].add(str(row[name]))
        edge["role"] = edge["role"] or row.get("role")
    if when is not None:
        edges = {k: e for k, e in edges.items()
                 if _may_hold(e["begins"], e["ends"] if e["kind"] != "lineage" else set(), when)}
    neighbours: dict[str, list[tuple[str, str]]] = {}
    for key, edge in edges.items():
        neighbours.setdefault(edge["a"], []).append((edge["b"], key))
        neighbours.setdefault(edge["b"], []).append((edge["a"], key))
    previous: dict[str, tuple[str, str] | None] = {start: None}
    queue = deque([start])
    while queue and goal not in previous:
        node = queue.popleft()
        for other, key in sorted(neighbours.get(node, [])):
            if other not in previous:
                previous[other] = (node, key)
                queue.append(other)
    if goal not in previous:
        raise ActorgraphError(f"no chain of {', '.join(wanted)} links connects {_label(graph, start)} "
                              f"and {_label(graph, goal)}" + (f" as of {when}" if when else ""))
    hops: list[Hop] = []
    node = goal
    while previous[node] is not None:
        before, key = previous[node]  # type: ignore[misc]
        edge = edges[key]
        phrase = _PHRASES[edge["kind"]][0 if edge["a"] == before else 1]
        hops.append(Hop(edge["edge"], edge["kind"], phrase, before, _label(graph, before), node, _label(graph, node),
                        edge["begins"], edge["ends"], edge["role"], sources_for(graph, edge["sources"])))
        node = before
    return hops[::-1]


def _label(graph: Any, iri: str) -> str:
    entity = describe(graph, iri)
    return entity.label if entity and entity.label else iri.rsplit("/", 1)[-1]
