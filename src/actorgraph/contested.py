"""Claims about events, and the statements sources disagree on.

A statement is *contested* when sources give several values for it (each
reified with ``rdf:Statement`` and its own source), when fatality figures
differ between sources, or when claims about an event conflict: an actor
claimed or was blamed and it (or someone for it) denied, a death was confirmed
and refuted, or different actors were held responsible.  A claim by an
umbrella and an attribution to one of its components (or affiliates) are
consistent, and are reported as such rather than as a conflict.

>>> from actorgraph.graph import ActorGraph
>>> from actorgraph import resources
>>> g = ActorGraph.from_files([resources.model_file(), "tests/data/lookup/lookup.ttl"])
>>> [(d["subject"]["label"], d["kind"]) for d in disagreements(g)]
[('Attack on Town T', 'attribution'), ('Village killings', 'attribution'), ('Attack on Town T', 'fatalities'), ('group-d-founding', 'value')]
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

from actorgraph import resources
from actorgraph.names import describe
from actorgraph.sources import Source, sources_for

AG = "https://w3id.org/actorgraph/ontology#"
POSITIVE = {AG + "ClaimedResponsibility", AG + "AttributedBy", AG + "Alleged", AG + "Confirmed"}
NEGATIVE = {AG + "Denied", AG + "Refuted"}


@dataclass
class Claim:
    """One claim about an event: who said what, about whom, when, through which channel."""

    id: str
    event: str
    event_label: str
    event_date: str | None = None
    stance: str | None = None  # "claimed", "attributed", "denied", "alleged", "confirmed", "refuted"
    stance_iri: str | None = None
    responsible: str | None = None
    responsible_label: str | None = None
    stated_by: str | None = None
    stated_by_label: str | None = None
    stated_on: str | None = None
    channel: str | None = None
    reported_by: str | None = None
    reported_by_label: str | None = None
    source_ids: set[str] = field(default_factory=set)
    sources: list[Source] = field(default_factory=list)

    def text(self) -> str:
        """``claimed: Group D (by Group D, 2022-07-23, via Outlet M, reported by Monitor Group)``."""
        details = [f"by {self.stated_by_label}" if self.stated_by_label else None, self.stated_on,
                   f"via {self.channel}" if self.channel else None,
                   f"reported by {self.reported_by_label}" if self.reported_by_label else None]
        inside = ", ".join(d for d in details if d)
        return f"{self.stance or 'claim'}: {self.responsible_label or '?'}" + (f" ({inside})" if inside else "")

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (stable keys)."""
        def party(iri: str | None, label: str | None) -> dict[str, Any] | None:
            return {"id": iri, "label": label} if iri else None

        return {"id": self.id, "event": {"id": self.event, "label": self.event_label, "date": self.event_date},
                "stance": self.stance, "responsible": party(self.responsible, self.responsible_label),
                "stated_by": party(self.stated_by, self.stated_by_label), "stated_on": self.stated_on,
                "channel": self.channel, "reported_by": party(self.reported_by, self.reported_by_label),
                "sources": [s.as_dict() for s in self.sources]}


def _label(graph: Any, iri: str | None, given: str | None) -> str | None:
    if iri is None:
        return None
    if given:
        return given
    entity = describe(graph, iri)
    return entity.label if entity and entity.label else iri.rsplit("/", 1)[-1]


_CLAIMS: weakref.WeakKeyDictionary[Any, list[Claim]] = weakref.WeakKeyDictionary()


def claims(graph: Any, event: str | None = None) -> list[Claim]:
    """The claims about ``event`` (an IRI), or about every event, ordered by event then date stated.

    All claims are fetched once per graph object and then reused.
    """
    if event is None:
        try:
            return _CLAIMS[graph]
        except (KeyError, TypeError):
            pass
    bindings = {"event": event} if event else {}
    found: dict[str, Claim] = {}
    for row in graph.select(resources.query_text("claims"), **bindings):
        claim = found.get(row["claim"])
        if claim is None:
            claim = found[row["claim"]] = Claim(
                row["claim"], row["event"], _label(graph, row["event"], row.get("eventLabel")) or "",
                row.get("eventDate"), row.get("stanceLabel"), row.get("stance"), row.get("responsible"),
                _label(graph, row.get("responsible"), row.get("responsibleLabel")), row.get("statedBy"),
                _label(graph, row.get("statedBy"), row.get("statedByLabel")), row.get("statedOn"),
                row.get("channel"), row.get("reportedBy"),
                _label(graph, row.get("reportedBy"), row.get("reportedByLabel")))
        if row.get("source"):
            claim.source_ids.add(row["source"])
    for claim in found.values():
        claim.sources = sources_for(graph, claim.source_ids)
    result = sorted(found.values(), key=lambda c: (c.event_date or "", c.event, c.stated_on or "", c.id))
    if event is None:
        try:
            _CLAIMS[graph] = result
        except TypeError:
            pass
    return result


_UMBRELLAS: weakref.WeakKeyDictionary[Any, dict[str, set[str]]] = weakref.WeakKeyDictionary()


def umbrellas(graph: Any) -> dict[str, set[str]]:
    """For each actor, every actor it is part of (component, affiliate, pledge), transitively (cached per graph)."""
    try:
        return _UMBRELLAS[graph]
    except (KeyError, TypeError):
        pass
    up: dict[str, set[str]] = {}
    for row in graph.select(resources.query_text("umbrella-links")):
        up.setdefault(row["part"], set()).add(row["whole"])
    closure: dict[str, set[str]] = {}
    for start in up:
        seen: set[str] = set()
        todo = list(up[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(up.get(node, ()))
        closure[start] = seen
    try:
        _UMBRELLAS[graph] = closure
    except TypeError:
        pass
    return closure


def _consistent(a: str, b: str, parts: dict[str, set[str]]) -> bool:
    return a == b or b in parts.get(a, set()) or a in parts.get(b, set())


def claim_conflicts(graph: Any, event_claims: list[Claim],
                    parts: dict[str, set[str]] | None = None) -> tuple[bool, list[str]]:
    """Whether the claims about one event conflict, with one note per conflict or consistency found."""
    parts = umbrellas(graph) if parts is None else parts
    notes: list[str] = []
    positive = [c for c in event_claims if c.stance_iri in POSITIVE and c.responsible]
    negative = [c for c in event_claims if c.stance_iri in NEGATIVE]
    for denial in negative:
        for claim in positive:
            if denial.responsible in (None, claim.responsible):
                notes.append(f"conflict: {claim.text()} — but {denial.text()}")
    responsible = sorted({c.responsible for c in positive})
    for i, a in enumerate(responsible):
        for b in responsible[i + 1:]:
            la = next(c.responsible_label for c in positive if c.responsible == a)
            lb = next(c.responsible_label for c in positive if c.responsible == b)
            if _consistent(a, b, parts):
                notes.append(f"consistent: {la} and {lb} belong together (component, affiliate or pledge)")
            else:
                notes.append(f"conflict: responsibility is put on {la} and on {lb}")
    return any(n.startswith("conflict") for n in notes), notes


def _fatality_disagreements(graph: Any) -> list[dict[str, Any]]:
    figures: dict[str, dict[str, dict[str, Any]]] = {}
    for row in graph.curated.select(resources.query_text("fatalities-disputed")):
        figure = figures.setdefault(row["event"], {}).setdefault(row["figure"], {
            "count": row.get("count"), "minimum": row.get("minimum"), "maximum": row.get("maximum"),
            "victim_group": row.get("victimGroup"), "sources": set()})
        if row.get("source"):
            figure["sources"].add(row["source"])
    found = []
    for event, by_figure in figures.items():
        groups: dict[Any, list[dict[str, Any]]] = {}
        for figure in by_figure.values():
            groups.setdefault(figure["victim_group"], []).append(figure)
        for group, values in groups.items():
            distinct = {(f["count"], f["minimum"], f["maximum"]) for f in values}
            if len(distinct) > 1:
                sides = [{"value": fatality_text(f), "sources": [s.as_dict() for s in sources_for(graph, f["sources"])]}
                         for f in sorted(values, key=fatality_text)]
                found.append({"subject": {"id": event, "label": _label(graph, event, None)}, "kind": "fatalities",
                              "property": "fatalities" + (f" ({group})" if group else ""), "sides": sides,
                              "notes": []})
    return found


def fatality_text(figure: dict[str, Any]) -> str:
    """``"5"``, ``"3–10"``, ``"at least 3"``, ``"at most 10"``.

    >>> fatality_text({"count": None, "minimum": 3, "maximum": 10})
    '3–10'
    """
    if figure.get("count") is not None:
        return str(figure["count"])
    low, high = figure.get("minimum"), figure.get("maximum")
    if low is not None and high is not None:
        return f"{low}–{high}"
    return f"at least {low}" if low is not None else f"at most {high}" if high is not None else "?"


def disagreements(graph: Any) -> list[dict[str, Any]]:
    """Every contested statement: conflicting claims, differing fatality figures, differing values.

    Each entry has ``subject`` (id, label), ``kind`` (``attribution``, ``fatalities``
    or ``value``), ``property``, ``sides`` (each with its value, stance or
    figure and its sources) and ``notes``.
    """
    parts = umbrellas(graph)
    by_event: dict[str, list[Claim]] = {}
    for claim in claims(graph):
        by_event.setdefault(claim.event, []).append(claim)
    found: list[dict[str, Any]] = []
    for event, event_claims in by_event.items():
        conflict, notes = claim_conflicts(graph, event_claims, parts)
        if conflict:
            found.append({"subject": {"id": event, "label": event_claims[0].event_label}, "kind": "attribution",
                          "property": "responsibility",
                          "sides": [{"value": c.text(), "stance": c.stance, "claim": c.id,
                                     "sources": [s.as_dict() for s in c.sources]} for c in event_claims],
                          "notes": notes})
    found += _fatality_disagreements(graph)
    values: dict[tuple[str, str], dict[str, Any]] = {}
    for row in graph.select(resources.query_text("disagreements")):
        key = (row["subject"], row["predicate"])
        entry = values.setdefault(key, {"label": _label(graph, row["subject"], row.get("subjectLabel")),
                                        "property": row.get("predicateLabel") or row["predicate"].rsplit("/", 1)[-1],
                                        "values": {}})
        value = str(row.get("objectLabel") or row["object"])
        entry["values"].setdefault(value, set())
        if row.get("source"):
            entry["values"][value].add(row["source"])
    for (subject, _), entry in values.items():
        if len(entry["values"]) > 1:
            found.append({"subject": {"id": subject, "label": entry["label"]}, "kind": "value",
                          "property": entry["property"],
                          "sides": [{"value": v, "sources": [s.as_dict() for s in sources_for(graph, srcs)]}
                                    for v, srcs in sorted(entry["values"].items())],
                          "notes": []})
    order = {"attribution": 0, "fatalities": 1, "value": 2}
    return sorted(found, key=lambda d: (order[d["kind"]], d["subject"]["label"] or "", d["property"]))
