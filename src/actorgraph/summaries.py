"""Per-actor, per-year event summaries: counted while an import streams, read in milliseconds.

Aggregating a million events in SPARQL takes minutes, so a store keeps the answer
ready: for every actor and year, how many events named it as side A or B and their
fatalities (``ag:ActorYearSummary``), and the same per hostile pair (side A, side B:
``ag:HostilityYearSummary``) and per co-belligerent pair (a side and its associated
actor: ``ag:CoBelligerenceYearSummary``). An event's year is that of its
``sem:hasTimeStamp`` (else ``sem:hasBeginTimeStamp``), its fatalities the largest
figure its sources give (``ag:count``, else ``ag:minimum``; zero when none): the
same rules as the network's event edges, which read the summaries when a graph has
them (``queries/network-event-*.rq``).

A store keeps two parts. Each import adds, in the default graph with its events,
the summary nodes of its own rows minus those of the events it replaces (counted
by :class:`Tally` as the rows pass; a node may hold negative numbers), so the sums
over all nodes stay exact and no import rewrites earlier nodes. The events of the
curated and ``--graph`` files are recounted with SPARQL into a named graph whenever
those change (they are few). Graphs without summaries (the bundled graph in memory, a remote
endpoint) give the same answers, computed from the events.

>>> tally = Tally()
>>> tally.add_event(["2020"], ["actor:a"], ["actor:b"], ["actor:c"], [], 5)
>>> tally.add_event(["2020"], ["actor:a"], [], [], [], 0)
>>> sorted((k, v) for k, v in tally.counts.items())  # doctest: +NORMALIZE_WHITESPACE
[(('actor', 'actor:a', '', '2020'), [2, 5]), (('actor', 'actor:b', '', '2020'), [1, 5]),
 (('cobelligerence', 'actor:a', 'actor:c', '2020'), [1, 5]), (('hostility', 'actor:a', 'actor:b', '2020'), [1, 5])]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from actorgraph import resources
from actorgraph.namespaces import DATA_BASE, PREFIXES

GRAPH_BASE = "https://w3id.org/actorgraph/graph/"
#: the summaries of the events of the curated and extra graphs
NAMED_SUMMARIES = ox.NamedNode(GRAPH_BASE + "summary-named")
SUMMARY = DATA_BASE + "summary/"
AG = PREFIXES["ag"]
KINDS = {"actor": "ActorYearSummary", "hostility": "HostilityYearSummary",
         "cobelligerence": "CoBelligerenceYearSummary"}
_XSD = PREFIXES["xsd"]

Key = tuple[str, str, str, str]  #: (kind, actor, other actor or "", year)


class Tally:
    """Summary counts being built: ``counts[(kind, actor, other, year)] = [events, fatalities]``."""

    def __init__(self) -> None:
        self.counts: dict[Key, list[int]] = {}

    def _bump(self, key: Key, sign: int, fatalities: int) -> None:
        found = self.counts.get(key)
        if found is None:
            self.counts[key] = [sign, sign * fatalities]
        else:
            found[0] += sign
            found[1] += sign * fatalities

    def add_event(self, years: Iterable[str], side_a: Iterable[str], side_b: Iterable[str],
                  assoc_a: Iterable[str], assoc_b: Iterable[str], fatalities: int, sign: int = 1) -> None:
        """Count one event (``sign=-1`` takes it back out); actors are IRIs, years ``YYYY``."""
        side_a, side_b = set(side_a), set(side_b)
        if not side_a and not side_b:
            return
        assoc_a, assoc_b = set(assoc_a), set(assoc_b)
        pairs = {(a, b) for a in side_a for b in assoc_a if a != b} | {(a, b) for a in side_b for b in assoc_b if a != b}
        for year in set(years):
            for actor in side_a | side_b:
                self._bump(("actor", actor, "", year), sign, fatalities)
            for a in side_a:
                for b in side_b:
                    self._bump(("hostility", a, b, year), sign, fatalities)
            for a, b in pairs:
                self._bump(("cobelligerence", a, b, year), sign, fatalities)

    def add_event_from_store(self, store: ox.Store, event: ox.NamedNode, sign: int = -1) -> None:
        """Count (by default: take out) an event as the store's default graph describes it."""
        default = ox.DefaultGraph()

        def objects(subject: Any, predicate: str) -> list[Any]:
            return [q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None, default)]

        def values(predicate: str) -> list[str]:
            return [o.value for o in objects(event, predicate)]

        dates = values(PREFIXES["sem"] + "hasTimeStamp") or values(PREFIXES["sem"] + "hasBeginTimeStamp")
        figures = []
        for count in objects(event, AG + "fatalities"):
            figures += [int(v.value) for v in objects(count, AG + "count") or objects(count, AG + "minimum")]
        self.add_event([d[:4] for d in dates], values(AG + "sideA"), values(AG + "sideB"),
                       values(AG + "associatedWithA"), values(AG + "associatedWithB"), max(figures, default=0), sign)

    def add_events_of(self, store: Any, **query_options: Any) -> None:
        """Count every event a query over ``store`` sees (pyoxigraph ``query`` options pick the graphs)."""
        events: dict[str, dict[str, Any]] = {}
        for row in store.query(resources.query_text("event-parties"), prefixes=PREFIXES, **query_options):
            entry = events.setdefault(row["event"].value, {"years": set(), "most": 0, "a": set(), "b": set(),
                                                           "assocA": set(), "assocB": set()})
            entry["years"].add(row["year"].value)
            if row["most"] is not None:
                entry["most"] = max(entry["most"], int(row["most"].value))
            entry[row["role"].value].add(row["actor"].value)
        for e in events.values():
            self.add_event(e["years"], e["a"], e["b"], e["assocA"], e["assocB"], e["most"])

    def ntriples(self, batch: str) -> Iterator[str]:
        """The counts as summary nodes, N-Triples text one node at a time, named ``summary:<batch>-<hash>``
        (entries counting nothing left out)."""
        for (kind, actor, other, year), (events, fatalities) in sorted(self.counts.items()):
            if events == 0 and fatalities == 0:
                continue
            digest = hashlib.sha1(f"{kind}\x1f{actor}\x1f{other}\x1f{year}".encode()).hexdigest()[:20]
            node = f"<{SUMMARY}{batch}-{digest}>"
            yield (f"{node} <{PREFIXES['rdf']}type> <{AG}{KINDS[kind]}> .\n"
                   f"{node} <{AG}actor> <{actor}> .\n"
                   + (f"{node} <{AG}otherActor> <{other}> .\n" if other else "")
                   + f'{node} <{AG}year> "{year}"^^<{_XSD}gYear> .\n'
                   f'{node} <{AG}eventCount> "{events}"^^<{_XSD}integer> .\n'
                   f'{node} <{AG}fatalityCount> "{fatalities}"^^<{_XSD}integer> .\n')

    def write(self, store: ox.Store, batch: str, graph: ox.NamedNode | None = None) -> None:
        """Add these counts to ``store`` as summary nodes (replacing the content of ``graph`` if given)."""
        if graph is not None:
            store.remove_graph(graph)
        text = "".join(self.ntriples(batch)).encode()
        if text:
            store.bulk_load(text, ox.RdfFormat.N_TRIPLES, to_graph=graph or ox.DefaultGraph())


def summarise_named(store: ox.Store, graphs: list[ox.NamedNode]) -> None:
    """Recount the events of the named ``graphs`` (curated, extra…) into the named-part summaries."""
    tally = Tally()
    tally.add_events_of(store, default_graph=graphs)
    tally.write(store, "named", NAMED_SUMMARIES)


def has_summaries(graph: Any) -> bool:
    """Whether ``graph`` keeps event summaries (a store does; the bundled graph and endpoints do not)."""
    return graph.ask("ASK { ?summary a ag:ActorYearSummary }")


def edge_query(graph: Any, name: str) -> str:
    """The text of the event-edge query ``name`` (``network-event-hostility`` …) suited to ``graph``:
    its ``-summary`` variant when the graph keeps summaries (same answers, without reading the events)."""
    return resources.query_text(f"{name}-summary" if has_summaries(graph) else name)


def actor_year_summary(graph: Any) -> list[dict[str, Any]]:
    """Events and fatalities per actor per year: ``actor``, ``label``, ``year``, ``events``, ``fatalities``.

    Reads a store's summaries (``queries/actor-year-summary.rq``, well under a second at a
    million events); on a graph without them, computes the same figures from the events
    (``queries/actor-year-events.rq``).

    >>> from actorgraph.graph import ActorGraph
    >>> g = ActorGraph.from_files([resources.model_file(), "tests/data/import/summaries.ttl"])
    >>> [(r["label"], r["year"], r["events"], r["fatalities"]) for r in actor_year_summary(g)]
    [('Group A', 2020, 2, 7), ('Group A', 2021, 1, 0), ('Group B', 2020, 1, 5)]
    """
    name = "actor-year-summary" if has_summaries(graph) else "actor-year-events"
    rows = graph.select(resources.query_text(name))
    return [{"actor": r["actor"], "label": r.get("label"), "year": int(r["year"]), "events": int(r["events"]),
             "fatalities": int(r["fatalities"] or 0)} for r in rows]


def recent_events(graph: Any, iri: str, limit: int = 20) -> dict[str, Any]:
    """How many events name the actor ``iri``, and the ``limit`` most recent of them.

    Returns ``{"total": n, "events": [...]}``, each event with ``id``, ``label``, ``kind``,
    ``date``, ``roles`` and ``contested`` (the keys of ``show``'s events). Counting and
    picking the latest are done in SPARQL, so an actor of a hundred thousand events
    costs one count and ``limit`` small lookups, not a listing of them all.

    >>> from actorgraph.graph import ActorGraph
    >>> g = ActorGraph.from_files([resources.model_file(), "tests/data/import/summaries.ttl"])
    >>> found = recent_events(g, "https://w3id.org/actorgraph/id/actor/sum-group-a", limit=2)
    >>> found["total"], [(e["label"], e["date"], e["roles"]) for e in found["events"]]
    (3, [('A attacked', '2021-01-01', ['side B']), ('Attack by A', '2020-05', ['side A'])])
    """
    from actorgraph.contested import claim_conflicts, claims, umbrellas
    from actorgraph.listing import _most_specific, class_tree

    counted = graph.select(resources.query_text("actor-events-count"), entity=iri)
    total = int(counted[0]["events"]) if counted else 0
    query = resources.query_text("actor-recent-events").replace("LIMIT 20", f"LIMIT {max(int(limit), 0)}")
    found: dict[str, dict[str, Any]] = {}
    for row in graph.select(query, entity=iri):
        entry = found.setdefault(row["event"], {"id": row["event"], "label": row.get("label"), "types": set(),
                                                "date": str(row["date"]) or None, "roles": set(),
                                                "claimed": bool(row.get("claimed"))})
        entry["roles"].add(row["role"])
        if row.get("type"):
            entry["types"].add(row["type"])
    tree = class_tree(graph)
    event_claims = {e: claims(graph, e) if found[e]["claimed"] else [] for e in found}  # most events have none
    parts = umbrellas(graph) if any(event_claims.values()) else {}
    events = []
    for entry in found.values():
        specific = _most_specific(entry["types"], tree)
        here = event_claims[entry["id"]]
        events.append({"id": entry["id"], "label": entry["label"] or entry["id"].rsplit("/", 1)[-1],
                       "kind": tree[specific]["label"] if specific else None, "date": entry["date"],
                       "roles": sorted(entry["roles"]),
                       "contested": claim_conflicts(graph, here, parts)[0] if here else False})
    return {"total": total, "events": events}
