"""Listings: actors (by kind, country, date), events (by actor, period, contest) and graph statistics.

>>> from actorgraph.graph import ActorGraph
>>> from actorgraph import resources
>>> g = ActorGraph.from_files([resources.model_file(), "tests/data/lookup/lookup.ttl"])
>>> [a["label"] for a in actors(g, kind="foreign military operation", as_of="2022-08")]
['Operation Y']
>>> [e["label"] for e in events(g, date_from="2022-07", contested=True)]
['Attack on Town T']
"""

from __future__ import annotations

import weakref
from typing import Any

from actorgraph import resources
from actorgraph.contested import claim_conflicts, claims, umbrellas
from actorgraph.dates import PartialDate, holds_on
from actorgraph.errors import ActorgraphError
from actorgraph.names import normalise, resolve

AG = "https://w3id.org/actorgraph/ontology#"


def _parse(text: str | None) -> PartialDate | None:
    if not text:
        return None
    try:
        return PartialDate.parse(text)
    except ActorgraphError:
        return None


_TREES: weakref.WeakKeyDictionary[Any, dict[str, dict[str, Any]]] = weakref.WeakKeyDictionary()


def class_tree(graph: Any) -> dict[str, dict[str, Any]]:
    """Every actor, event, relationship and change class: ``{iri: {"label", "supers"}}`` (cached per graph)."""
    try:
        return _TREES[graph]
    except (KeyError, TypeError):
        pass
    labels: dict[str, str] = {}
    parents: dict[str, set[str]] = {}
    for row in graph.select(resources.query_text("class-tree")):
        labels[row["class"]] = labels.get(row["class"]) or row.get("label") or row["class"].rsplit("#", 1)[-1]
        parents.setdefault(row["class"], set()).update([row["super"]] if row.get("super") else [])

    def supers(iri: str, seen: frozenset = frozenset()) -> set[str]:
        found = {iri}
        for parent in parents.get(iri, ()):
            if parent not in seen:
                found |= supers(parent, seen | {iri})
        return found

    tops = {AG + "Actor", AG + "Event", AG + "Relationship", AG + "LineageChange"}
    tree: dict[str, dict[str, Any]] = {}
    for iri, label in labels.items():
        closure = supers(iri)
        if closure & tops:
            tree[iri] = {"label": label, "supers": {s for s in closure if supers(s) & tops}}
    try:
        _TREES[graph] = tree
    except TypeError:
        pass
    return tree


def _most_specific(types: set[str], tree: dict[str, dict[str, Any]]) -> str | None:
    known = [t for t in types if t in tree]
    specific = [t for t in known if not any(t != o and t in tree[o]["supers"] for o in known)]
    return min(specific) if specific else None


def kind_names(graph: Any, top: str) -> dict[str, str]:
    """Names a user may give for a kind under ``top`` (normalised label or local name) -> class IRI."""
    names: dict[str, str] = {}
    for iri, entry in class_tree(graph).items():
        if top in entry["supers"] and iri != top:
            names[normalise(entry["label"])] = iri
            names[normalise(iri.rsplit("#", 1)[-1])] = iri
            names[normalise(_split_camel(iri.rsplit("#", 1)[-1]))] = iri
    return names


def _split_camel(text: str) -> str:
    return "".join(" " + c if c.isupper() and i else c for i, c in enumerate(text))


def _kinds(graph: Any, top: str, kinds: Any) -> set[str] | None:
    if not kinds:
        return None
    names = kind_names(graph, top)
    chosen = set()
    for item in ([kinds] if isinstance(kinds, str) else kinds):
        for word in str(item).split(","):
            iri = names.get(normalise(word))
            if iri is None:
                labels = sorted({class_tree(graph)[i]["label"] for i in names.values()})
                raise ActorgraphError(f"unknown kind {word.strip()!r}; use one of: {', '.join(labels)}")
            chosen.add(iri)
    return chosen


def actors(graph: Any, *, kind: Any = None, as_of: PartialDate | str | None = None,
           country: str | None = None) -> list[dict[str, Any]]:
    """Actors with ``id``, ``label``, ``kind``, ``begin``, ``end`` and ``countries``, sorted by label.

    ``kind`` is a class label or name (``"armed group"``, ``StateForce``; sub-classes
    count: ``government`` includes juntas); ``country`` names an ag:State; ``as_of``
    keeps the actors that may have existed on the date (from their own dates, or the
    changes that formed and ended them; undated actors are kept).
    """
    tree = class_tree(graph)
    wanted = _kinds(graph, AG + "Actor", kind)
    when = PartialDate.parse(as_of) if isinstance(as_of, str) else as_of
    country_iri = resolve(graph, country, "actor") if country else None
    found: dict[str, dict[str, Any]] = {}
    for row in graph.select(resources.query_text("actors")):
        entry = found.setdefault(row["actor"], {"id": row["actor"], "label": row.get("label"), "types": set(),
                                                "begins": set(), "ends": set(), "countries": {}})
        entry["types"].add(row["type"])
        for key, bucket in (("begin", "begins"), ("formed", "begins"), ("end", "ends"), ("ceased", "ends")):
            if row.get(key):
                entry[bucket].add(str(row[key]))
        if row.get("country"):
            entry["countries"][row["country"]] = row.get("countryLabel") or row["country"].rsplit("/", 1)[-1]
    result = []
    for entry in found.values():
        if wanted and not any(tree.get(t, {}).get("supers", set()) & wanted for t in entry["types"]):
            continue
        if country_iri and country_iri not in entry["countries"] and country_iri != entry["id"]:
            continue
        begins = [d for d in map(_parse, entry["begins"]) if d]
        ends = [d for d in map(_parse, entry["ends"]) if d]
        begin, end = min(begins, default=None), max(ends, default=None)
        if when and not holds_on(begin, end, when):
            continue
        specific = _most_specific(entry["types"], tree)
        result.append({"id": entry["id"], "label": entry["label"] or entry["id"].rsplit("/", 1)[-1],
                       "kind": tree[specific]["label"] if specific else None,
                       "begin": str(begin) if begin else None, "end": str(end) if end else None,
                       "countries": [{"id": k, "label": v} for k, v in sorted(entry["countries"].items())]})
    return sorted(result, key=lambda a: (a["label"].casefold(), a["id"]))


def events(graph: Any, *, actor: str | None = None, date_from: str | None = None, date_to: str | None = None,
           contested: bool = False, kind: Any = None) -> list[dict[str, Any]]:
    """Events with ``id``, ``label``, ``kind``, ``date``, ``end``, ``place``, ``actors``, ``claims``, ``contested``.

    ``actor`` (a name or IRI) keeps the events that name it or whose claims do;
    ``date_from`` / ``date_to`` keep those that may overlap the period;
    ``contested`` keeps those whose claims conflict.  Sorted by date.
    """
    tree = class_tree(graph)
    wanted = _kinds(graph, AG + "Event", kind)
    start, stop = (PartialDate.parse(d) if d else None for d in (date_from, date_to))
    if start and stop and start.earliest > stop.latest:
        raise ActorgraphError(f"--from {start} is after --to {stop}")
    involved: dict[str, set[str]] | None = None
    if actor:
        iri = resolve(graph, actor, "actor") if not actor.startswith(("http://", "https://")) else actor
        involved = {}
        for row in graph.select(resources.query_text("events-involving"), entity=iri):
            involved.setdefault(row["event"], set()).add(row["role"])
    found: dict[str, dict[str, Any]] = {}
    for row in graph.select(resources.query_text("events")):
        if involved is not None and row["event"] not in involved:
            continue
        entry = found.setdefault(row["event"], {"id": row["event"], "label": row.get("label"), "types": set(),
                                                "dates": set(), "ends": set(), "places": {}, "actors": {},
                                                "part_of": row.get("parent")})
        entry["types"].add(row["type"])
        for key, bucket in (("date", "dates"), ("begin", "dates"), ("end", "ends")):
            if row.get(key):
                entry[bucket].add(str(row[key]))
        if row.get("place"):
            entry["places"][row["place"]] = row.get("placeLabel") or row["place"].rsplit("/", 1)[-1]
        if row.get("actor"):
            entry["actors"][row["actor"]] = row.get("actorLabel") or row["actor"].rsplit("/", 1)[-1]
    by_event: dict[str, list] = {}
    for claim in claims(graph):
        if claim.event in found:
            by_event.setdefault(claim.event, []).append(claim)
    parts = umbrellas(graph) if by_event else {}
    result = []
    for entry in found.values():
        if wanted and not any(tree.get(t, {}).get("supers", set()) & wanted for t in entry["types"]):
            continue
        dates = sorted((d for d in map(_parse, entry["dates"]) if d), key=lambda d: d.earliest)
        ends = [d for d in map(_parse, entry["ends"]) if d]
        first = dates[0] if dates else None
        last = max(ends, default=None) or (dates[-1] if dates else None)
        if (start or stop) and first is None:
            continue
        if start and last and last.latest < start.earliest:
            continue
        if stop and first and first.earliest > stop.latest:
            continue
        event_claims = by_event.get(entry["id"], [])
        conflict, notes = claim_conflicts(graph, event_claims, parts) if event_claims else (False, [])
        if contested and not conflict:
            continue
        specific = _most_specific(entry["types"], tree)
        result.append({
            "id": entry["id"], "label": entry["label"] or entry["id"].rsplit("/", 1)[-1],
            "kind": tree[specific]["label"] if specific else None,
            "date": str(first) if first else None, "dates": sorted(entry["dates"]),
            "end": str(max(ends)) if ends else None,
            "places": [{"id": k, "label": v} for k, v in sorted(entry["places"].items())],
            "actors": [{"id": k, "label": v} for k, v in sorted(entry["actors"].items())],
            "roles": sorted(involved.get(entry["id"], ())) if involved is not None else [],
            "part_of": entry["part_of"],
            "claims": [c.as_dict() for c in event_claims], "contested": conflict, "notes": notes})
    return sorted(result, key=lambda e: (PartialDate.parse(e["date"]).earliest if e["date"] else PartialDate(9999).earliest,
                                         e["label"].casefold(), e["id"]))


def stats(graph: Any) -> dict[str, Any]:
    """Counts by kind (actors, events, relationships, lineage changes), people, claims, sources, and date coverage."""
    tree = class_tree(graph)
    counts = {row["class"]: row["count"] for row in graph.select(resources.query_text("stats"))}
    result: dict[str, Any] = {}
    for section, top in (("actors", "Actor"), ("events", "Event"), ("relationships", "Relationship"),
                         ("lineage_changes", "LineageChange")):
        by_kind = {tree[c]["label"]: n for c, n in counts.items()
                   if c in tree and AG + top in tree[c]["supers"] and c != AG + top}
        result[section] = dict(sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0])))
    singles = {"people": "http://xmlns.com/foaf/0.1/Person", "claims": AG + "Claim", "sources": AG + "Source",
               "places": AG + "Place", "posts": "http://www.w3.org/ns/org#Membership",
               "contested_values": "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"}
    result["totals"] = {name: counts.get(iri, 0) for name, iri in singles.items()}
    result["dates"] = {row["property"].rsplit("/", 1)[-1].rsplit("#", 1)[-1]:
                       {"count": row["count"], "earliest": row.get("earliest"), "latest": row.get("latest")}
                       for row in graph.select(resources.query_text("date-coverage")) if row.get("count")}
    return result
