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

A store keeps two parts, each in a named graph: the imported events (counted by
:class:`Tally` as the rows pass, minus the events an import replaces) and the
curated and ``--graph`` events (recounted with SPARQL whenever those change; they
are few). Graphs without summaries (the bundled graph in memory, a remote
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
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from actorgraph import resources
from actorgraph.namespaces import DATA_BASE, PREFIXES

GRAPH_BASE = "https://w3id.org/actorgraph/graph/"
#: the summaries of the imported events (the store's default graph)
IMPORTED_SUMMARIES = ox.NamedNode(GRAPH_BASE + "summary-imported")
#: the summaries of the events of the curated and extra graphs
NAMED_SUMMARIES = ox.NamedNode(GRAPH_BASE + "summary-named")
SUMMARY = DATA_BASE + "summary/"
AG = PREFIXES["ag"]
KINDS = {"actor": "ActorYearSummary", "hostility": "HostilityYearSummary",
         "cobelligerence": "CoBelligerenceYearSummary"}
_CLASS_KIND = {AG + cls: kind for kind, cls in KINDS.items()}
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

    @classmethod
    def read(cls, store: ox.Store, graph: ox.NamedNode) -> Tally:
        """The counts kept in a summary graph."""
        tally = cls()
        rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
        props = {AG + p: p for p in ("actor", "otherActor", "year", "eventCount", "fatalityCount")}
        nodes: dict[Any, dict[str, str]] = {}
        for quad in store.quads_for_pattern(None, None, None, graph):
            node = nodes.setdefault(quad.subject, {"otherActor": ""})
            if quad.predicate == rdf_type:
                node["kind"] = _CLASS_KIND[quad.object.value]
            elif quad.predicate.value in props:
                node[props[quad.predicate.value]] = quad.object.value
        for n in nodes.values():
            tally.counts[(n["kind"], n["actor"], n["otherActor"], n["year"])] = [int(n["eventCount"]),
                                                                                 int(n["fatalityCount"])]
        return tally

    def ntriples(self) -> str:
        """The summary nodes as N-Triples (entries counting no event left out)."""
        lines = []
        for (kind, actor, other, year), (events, fatalities) in sorted(self.counts.items()):
            if events <= 0:
                continue
            digest = hashlib.sha1(f"{kind}\x1f{actor}\x1f{other}\x1f{year}".encode()).hexdigest()[:20]
            node = f"<{SUMMARY}{kind}-{digest}>"
            lines.append(f"{node} <{PREFIXES['rdf']}type> <{AG}{KINDS[kind]}> .\n"
                         f"{node} <{AG}actor> <{actor}> .\n"
                         + (f"{node} <{AG}otherActor> <{other}> .\n" if other else "")
                         + f'{node} <{AG}year> "{year}"^^<{_XSD}gYear> .\n'
                         f'{node} <{AG}eventCount> "{events}"^^<{_XSD}integer> .\n'
                         f'{node} <{AG}fatalityCount> "{fatalities}"^^<{_XSD}integer> .\n')
        return "".join(lines)

    def write(self, store: ox.Store, graph: ox.NamedNode) -> None:
        """Replace the content of a summary graph with these counts."""
        store.remove_graph(graph)
        text = self.ntriples().encode()
        if text:
            store.bulk_load(text, ox.RdfFormat.N_TRIPLES, to_graph=graph)


def summarise_named(store: ox.Store, graphs: list[ox.NamedNode]) -> None:
    """Recount the events of the named ``graphs`` (curated, extra…) into the named-part summaries."""
    tally = Tally()
    tally.add_events_of(store, default_graph=graphs)
    tally.write(store, NAMED_SUMMARIES)


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
