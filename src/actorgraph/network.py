"""NetworkX views over the RDF graph: actors, lineage, alliances and hostilities.

The RDF graph stays the source of truth; these are views built from a handful of
SPARQL queries (``src/actorgraph/queries/network-*.rq``) run through
:class:`~actorgraph.graph.ActorGraph`, so they work unchanged on a persistent store
or a remote endpoint.  Every node and edge attribute is a plain ``str``, ``int``,
``float`` or ``bool`` (an unknown value is left out, never ``None``), so the views
export to GraphML, GEXF and JSON as they are.

- :func:`actor_network`: a ``MultiDiGraph`` of actors with one edge per dated
  relationship (``kind``, ``start``, ``end``, ``sources``), optionally with the
  lineage changes and the event-derived edges per year;
- :func:`lineage_dag`: predecessor -> successor, one edge per change;
- :func:`signed_graph`: alliance (+1) and hostility (-1) between actors.

Each takes ``as_of`` (only what held then) and ``focus``/``depth`` (the actors
within ``depth`` steps of one actor).  Node ids are the actors' IRIs.

>>> data = NetworkData()
>>> for iri in "abc":
...     data.actor(iri)["label"] = f"Group {iri.upper()}"
>>> data.relationships = [
...     {"rel": "r1", "kind": "alliance", "from": "a", "to": "b", "start": "2012-01", "end": "2012-06", "sources": []},
...     {"rel": "r2", "kind": "hostility", "from": "c", "to": "a", "start": "2012", "end": None, "sources": []}]
>>> net = actor_network(data, as_of="2012-03")
>>> sorted((a, b, k) for a, b, k in net.edges(data="kind"))
[('a', 'b', 'alliance'), ('c', 'a', 'hostility')]
>>> actor_network(data, as_of="2013").number_of_edges()
1
>>> actor_network(data, focus="b", depth=1).nodes["a"]["label"]
'Group A'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from actorgraph.dates import PartialDate, holds_on
from actorgraph.errors import ActorgraphError
from actorgraph.namespaces import AG
from actorgraph.resources import query_text
from actorgraph.summaries import edge_query

if TYPE_CHECKING:
    import networkx as nx

#: actor classes -> kind, most specific first (an actor typed twice takes the first)
ACTOR_KINDS: dict[str, str] = {
    str(AG.Junta): "junta",
    str(AG.Government): "government",
    str(AG.Coalition): "coalition",
    str(AG.ArmedGroup): "armed-group",
    str(AG.StateForce): "state-force",
    str(AG.PrivateMilitaryCompany): "private-military-company",
    str(AG.InternationalMission): "international-mission",
    str(AG.ForeignMilitaryOperation): "foreign-operation",
    str(AG.State): "state",
    str(AG.IntergovernmentalOrganization): "intergovernmental-organisation",
    str(AG.Imported): "imported",
    str(AG.Actor): "actor",
}
#: relationship classes -> kind
RELATION_KINDS: dict[str, str] = {
    str(AG.Alliance): "alliance",
    str(AG.Hostility): "hostility",
    str(AG.Affiliation): "affiliation",
    str(AG.Allegiance): "allegiance",
    str(AG.ComponentMembership): "component",
    str(AG.Support): "support",
}
#: lineage change classes -> kind ("successor" marks an ag:successorOf with no change event)
CHANGE_KINDS: dict[str, str] = {
    str(AG.Merger): "merger",
    str(AG.Split): "split",
    str(AG.Rename): "rename",
    str(AG.Absorption): "absorption",
    str(AG.Dissolution): "dissolution",
}
#: symmetric relationship kinds (either party may be ``from``)
SYMMETRIC = frozenset({"alliance", "hostility", "co-belligerence", "event-hostility"})
#: relationship kinds and their sign in the signed graph
SIGNS = {"alliance": 1, "co-belligerence": 1, "hostility": -1, "event-hostility": -1}
#: changes after which an original (not a contributing) organisation no longer exists
_ENDING_CHANGES = frozenset({"merger", "rename", "absorption", "dissolution"})


def parse_date(text: Any) -> PartialDate | None:
    """A date from the graph, or ``None`` when absent or unreadable (a time part is dropped).

    >>> str(parse_date("2017-03-02T00:00:00Z")), parse_date(None), parse_date("soon")
    ('2017-03-02', None, None)
    """
    if text is None or text == "":
        return None
    raw = str(text)
    if "T" in raw:
        raw = raw.split("T", 1)[0]
    try:
        return PartialDate.parse(raw)
    except ActorgraphError:
        return None


def as_date(value: PartialDate | str | None) -> PartialDate | None:
    """Accept a :class:`PartialDate`, its lexical form or ``None`` (user input: errors are raised)."""
    if value is None or isinstance(value, PartialDate):
        return value
    return PartialDate.parse(str(value))


def _earliest(values: list[str]) -> str | None:
    dated = [(d, v) for v in values if (d := parse_date(v))]
    return str(min(dated, key=lambda p: p[0].earliest)[0]) if dated else None


def _latest(values: list[str]) -> str | None:
    dated = [(d, v) for v in values if (d := parse_date(v))]
    return str(max(dated, key=lambda p: p[0].latest)[0]) if dated else None


def local_name(iri: str) -> str:
    """The last segment of an IRI, for display when nothing better is known.

    >>> local_name("https://w3id.org/actorgraph/id/actor/gsim")
    'gsim'
    """
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class NetworkData:
    """What the views are built from: the rows of the network queries, tidied.

    ``actors`` maps an IRI to ``label``, ``kind``, ``start``, ``end`` (own dates,
    else derived from lineage changes), ``aliases`` and ``sources``;
    ``relationships``, ``changes`` and ``event_edges`` are lists of dicts;
    ``sources`` maps a source IRI to ``title``, ``publisher``, ``date``, ``url``.
    """

    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    event_edges: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    def actor(self, iri: str) -> dict[str, Any]:
        """The actor's record, creating a bare one for an untyped party."""
        if iri not in self.actors:
            self.actors[iri] = {"label": local_name(iri), "kind": "actor", "aliases": [], "sources": []}
        return self.actors[iri]


def fetch(graph: Any, *, events: bool = False) -> NetworkData:
    """Run the network queries on ``graph`` and tidy their rows into :class:`NetworkData`.

    ``events=True`` also aggregates imported events (``ag:sideA``/``ag:sideB``,
    ``ag:associatedWithA``/``B``) into one edge per pair and year.
    """
    data = NetworkData()
    kind_rank = {iri: i for i, iri in enumerate(ACTOR_KINDS)}
    label_rank: dict[str, int] = {}
    starts: dict[str, list[str]] = defaultdict(list)
    ends: dict[str, list[str]] = defaultdict(list)
    for row in graph.select(query_text("network-actors")):
        iri = row["actor"]
        record = data.actor(iri)
        rank = kind_rank.get(row["kind"], len(kind_rank))
        if rank < record.get("_rank", len(kind_rank) + 1):
            record["_rank"], record["kind"] = rank, ACTOR_KINDS[row["kind"]]
        if row.get("label"):
            lang_rank = {"en": 0, "": 1}.get(str(row.get("lang") or "").lower().split("-")[0], 2)
            if lang_rank < label_rank.get(iri, 3) or (lang_rank == label_rank[iri] and row["label"] < record["label"]):
                label_rank[iri], record["label"] = lang_rank, str(row["label"])
        for key, bucket in (("start", starts), ("end", ends)):
            if row.get(key) is not None:
                bucket[iri].append(str(row[key]))
    for record in data.actors.values():
        record.pop("_rank", None)
    for row in graph.select(query_text("network-aliases")):
        aliases = data.actor(row["actor"])["aliases"]
        if str(row["alias"]) not in aliases:
            aliases.append(str(row["alias"]))

    node_sources: dict[str, list[str]] = defaultdict(list)
    for row in graph.select(query_text("network-sources")):
        if row["source"] not in node_sources[row["node"]]:
            node_sources[row["node"]].append(row["source"])
        data.sources.setdefault(row["source"], {
            k: str(row[k]) for k in ("title", "publisher", "date", "url") if row.get(k) is not None})

    for sources in node_sources.values():
        sources.sort()
    rels: dict[str, dict[str, Any]] = {}
    for row in graph.select(query_text("network-relationships")):
        rel = rels.setdefault(row["rel"], {"rel": row["rel"], "kind": RELATION_KINDS[row["kind"]],
                                            "from": row["from"], "to": row["to"],
                                            "_start": [], "_end": [], "confidence": None})
        for key in ("start", "end"):
            if row.get(key) is not None:
                rel["_" + key].append(str(row[key]))
        if row.get("confidence"):
            rel["confidence"] = local_name(row["confidence"]).lower()
    for rel in rels.values():
        rel["start"], rel["end"] = _earliest(rel.pop("_start")), _latest(rel.pop("_end"))
        rel["sources"] = node_sources.get(rel["rel"], [])
        data.actor(rel["from"]), data.actor(rel["to"])
    data.relationships = sorted(rels.values(), key=lambda r: r["rel"])

    changes: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for row in graph.select(query_text("network-changes")):
        key = (row["change"], row["original"], row.get("resulting"))
        change = changes.setdefault(key, {"change": row["change"], "kind": CHANGE_KINDS[row["kind"]],
                                          "from": row["original"], "to": row.get("resulting"),
                                          "contributing": bool(row["contributing"]), "_date": [],
                                          "label": str(row.get("label") or "")})
        change["contributing"] = change["contributing"] and bool(row["contributing"])
        if row.get("date") is not None:
            change["_date"].append(str(row["date"]))
    covered = set()
    for change in changes.values():
        change["date"] = _earliest(change.pop("_date"))
        change["sources"] = node_sources.get(change["change"], [])
        data.actor(change["from"])
        if change["to"]:
            data.actor(change["to"])
            covered.add((change["from"], change["to"]))
    for row in graph.select(query_text("network-successors")):
        if (row["predecessor"], row["successor"]) not in covered:
            changes[(row["successor"], row["predecessor"], None)] = {
                "change": "", "kind": "successor", "from": row["predecessor"], "to": row["successor"],
                "contributing": False, "date": None, "label": "", "sources": []}
            data.actor(row["predecessor"]), data.actor(row["successor"])
    data.changes = sorted(changes.values(), key=lambda c: (c["change"], c["from"], c["to"] or ""))
    _lifespans(data, starts, ends, node_sources)

    if events:
        for query, kind in (("network-event-hostility", "event-hostility"),
                            ("network-event-cobelligerence", "co-belligerence")):
            for row in graph.select(edge_query(graph, query)):  # a store's summaries when it has them
                data.actor(row["a"]), data.actor(row["b"])
                data.event_edges.append({"kind": kind, "from": row["a"], "to": row["b"], "year": int(row["year"]),
                                         "events": int(row["events"]), "fatalities": int(row["fatalities"] or 0)})
        data.event_edges.sort(key=lambda e: (e["year"], e["kind"], e["from"], e["to"]))
    return data


def _lifespans(data: NetworkData, starts: dict[str, list[str]], ends: dict[str, list[str]],
               node_sources: dict[str, list[str]]) -> None:
    """Fill each actor's start and end: its own dates, else those its lineage changes imply."""
    born: dict[str, list[str]] = defaultdict(list)
    ceased: dict[str, list[str]] = defaultdict(list)
    for change in data.changes:
        if not change["date"]:
            continue
        if change["to"]:
            born[change["to"]].append(change["date"])
        if change["kind"] in _ENDING_CHANGES and not change["contributing"]:
            ceased[change["from"]].append(change["date"])
    for iri, record in data.actors.items():
        record["start"] = _earliest(starts.get(iri) or born.get(iri, []))
        record["end"] = _latest(ends.get(iri) or ceased.get(iri, []))
        record["sources"] = node_sources.get(iri, [])


# -- building the views --------------------------------------------------------------------


def _data(source: Any, events: bool = False) -> NetworkData:
    if isinstance(source, NetworkData):
        return source
    return fetch(source, events=events)


def _node_attrs(record: dict[str, Any]) -> dict[str, Any]:
    attrs = {"label": record["label"], "kind": record["kind"]}
    for key in ("start", "end"):
        if record.get(key):
            attrs[key] = record[key]
    if record.get("aliases"):
        attrs["aliases"] = "; ".join(record["aliases"])
    if record.get("sources"):
        attrs["sources"] = " ".join(record["sources"])
    return attrs


def _plain(mapping: dict[str, Any]) -> dict[str, Any]:
    """Drop unknown values and join lists, so that every attribute is a plain value."""
    out = {}
    for key, value in mapping.items():
        if value is None or value == [] or value == "":
            continue
        out[key] = " ".join(value) if isinstance(value, list) else value
    return out


def _alive(record: dict[str, Any], when: PartialDate) -> bool:
    return holds_on(parse_date(record.get("start")), parse_date(record.get("end")), when)


def _happened_by(date: str | None, when: PartialDate) -> bool:
    parsed = parse_date(date)
    return parsed is None or parsed.earliest <= when.latest


def _restrict(view: nx.Graph, focus: str | None, depth: int) -> nx.Graph:
    """The part of ``view`` within ``depth`` steps of ``focus`` (in either direction)."""
    if focus is None:
        return view
    import networkx as nx

    if focus not in view:
        raise ActorgraphError(f"{focus} is not in this view: it has no relation here, or did not exist "
                              "on the chosen date")
    if depth < 0:
        raise ActorgraphError(f"--depth must be 0 or more, not {depth}")
    undirected = view.to_undirected(as_view=True) if view.is_directed() else view
    keep = nx.single_source_shortest_path_length(undirected, focus, cutoff=depth)
    restricted = view.subgraph(keep).copy()
    restricted.graph.update(focus=focus, depth=depth)
    return restricted


def actor_network(source: Any, *, as_of: PartialDate | str | None = None, focus: str | None = None,
                  depth: int = 1, lineage: bool = False, events: bool = False) -> nx.MultiDiGraph:
    """The actor network: one edge per dated relationship, keyed by the relationship's IRI.

    ``source`` is a graph (anything with ``select``) or :class:`NetworkData`.  Edge
    attributes: ``kind`` (alliance, hostility, affiliation, allegiance, component,
    support), ``category`` ("relationship"), ``rel``, ``start``, ``end``,
    ``confidence``, ``sources`` (IRIs separated by spaces), ``symmetric``.
    ``lineage=True`` adds one edge per change (``category`` "lineage", ``kind``
    merger/split/rename/absorption, ``start`` its date, ``contributing``);
    ``events=True`` adds event-derived edges per pair and year (``category``
    "event", ``kind`` event-hostility or co-belligerence, ``year``, ``events``,
    ``fatalities``).  With ``as_of`` the nodes are the actors that existed then
    plus the parties of the edges that held then (a relationship holds only while
    both its parties exist: an undated alliance of a group founded in 2017 does not
    hold in 2015); each node gets ``active``.

    >>> data = NetworkData()
    >>> data.actor("a")["label"] = "A"; data.actor("b")["label"] = "B"
    >>> data.relationships.append({"rel": "r1", "kind": "alliance", "from": "a", "to": "b",
    ...                            "start": "2012-01", "end": "2012-06", "sources": ["s1"]})
    >>> net = actor_network(data)
    >>> list(net.edges(keys=True, data="end"))
    [('a', 'b', 'r1', '2012-06')]
    >>> actor_network(data, as_of="2014").number_of_edges()
    0
    """
    import networkx as nx

    data = _data(source, events)
    when = as_date(as_of)
    net = nx.MultiDiGraph(name="actorgraph actor network")
    if when is not None:
        net.graph["as_of"] = str(when)

    def add_node(iri: str) -> None:
        if iri not in net:
            record = data.actor(iri)
            net.add_node(iri, **_node_attrs(record))
            if when is not None:
                net.nodes[iri]["active"] = _alive(record, when)

    if when is None:
        for iri in sorted(data.actors):
            add_node(iri)
    else:
        for iri, record in sorted(data.actors.items()):
            if _alive(record, when):
                add_node(iri)
    for rel in data.relationships:
        if when is None or (holds_on(parse_date(rel["start"]), parse_date(rel["end"]), when)
                            and _alive(data.actor(rel["from"]), when) and _alive(data.actor(rel["to"]), when)):
            add_node(rel["from"]), add_node(rel["to"])
            net.add_edge(rel["from"], rel["to"], key=rel["rel"], **_plain({
                "kind": rel["kind"], "category": "relationship", "rel": rel["rel"], "start": rel["start"],
                "end": rel["end"], "confidence": rel.get("confidence"), "sources": rel["sources"]}),
                symmetric=rel["kind"] in SYMMETRIC)
    if lineage:
        for change in data.changes:
            if change["to"] and (when is None or _happened_by(change["date"], when)):
                add_node(change["from"]), add_node(change["to"])
                key = f"{change['change'] or 'successor'}#{local_name(change['from'])}"
                net.add_edge(change["from"], change["to"], key=key, **_plain({
                    "kind": change["kind"], "category": "lineage", "rel": change["change"],
                    "start": change["date"], "label": change["label"], "sources": change["sources"]}),
                    contributing=change["contributing"], symmetric=False)
    if events:
        for edge in data.event_edges:
            year = PartialDate(edge["year"])
            if when is None or (holds_on(year, year, when) and _alive(data.actor(edge["from"]), when)
                                and _alive(data.actor(edge["to"]), when)):
                add_node(edge["from"]), add_node(edge["to"])
                net.add_edge(edge["from"], edge["to"], key=f"{edge['kind']}:{edge['year']}",
                             kind=edge["kind"], category="event", start=str(year), end=str(year),
                             year=edge["year"], events=edge["events"], fatalities=edge["fatalities"],
                             symmetric=True)
    return _restrict(net, focus, depth)


def lineage_dag(source: Any, *, as_of: PartialDate | str | None = None, focus: str | None = None,
                depth: int = 100) -> nx.DiGraph:
    """The lineage as a DAG: an edge from each predecessor to its successor.

    Edge attributes: ``kind`` (merger, split, rename, absorption, or successor for
    an ``ag:successorOf`` with no change event), ``change`` (its IRI), ``start``
    (its date), ``contributing`` (the predecessor gave a branch and carried on),
    ``label`` and ``sources``.  ``as_of`` keeps the changes that had happened by
    then; ``focus`` keeps the actors within ``depth`` changes of one actor.

    >>> data = NetworkData()
    >>> data.changes = [{"change": "c1", "kind": "rename", "from": "a", "to": "b", "contributing": False,
    ...                  "date": "2019", "label": "", "sources": []}]
    >>> sorted(lineage_dag(data).edges(data="kind")), lineage_dag(data, as_of="2018").number_of_edges()
    ([('a', 'b', 'rename')], 0)
    """
    import networkx as nx

    data = _data(source)
    when = as_date(as_of)
    dag = nx.DiGraph(name="actorgraph lineage")
    if when is not None:
        dag.graph["as_of"] = str(when)
    for change in data.changes:
        if not change["to"] or (when is not None and not _happened_by(change["date"], when)):
            continue
        for iri in (change["from"], change["to"]):
            if iri not in dag:
                dag.add_node(iri, **_node_attrs(data.actor(iri)))
        dag.add_edge(change["from"], change["to"], **_plain({
            "kind": change["kind"], "change": change["change"], "start": change["date"],
            "label": change["label"], "sources": change["sources"]}), contributing=change["contributing"])
    if focus is not None and focus not in dag and focus in data.actors:
        dag.add_node(focus, **_node_attrs(data.actor(focus)))
    return _restrict(dag, focus, depth)


def signed_graph(source: Any, *, as_of: PartialDate | str | None = None, focus: str | None = None,
                 depth: int = 1, events: bool = False) -> nx.Graph:
    """Alliance (+1) and hostility (-1) between actors, one undirected edge per pair.

    Where several relationships of a pair held (without ``as_of``: ever), the one
    that began last gives the sign, and ``conflicting`` says whether they
    disagreed.  ``events=True`` also counts co-belligerence (+1) and fighting
    (-1) in imported events.  Edge attributes: ``sign``, ``kind``, ``rel``,
    ``start``, ``end``, ``conflicting``.

    >>> data = NetworkData()
    >>> data.relationships = [
    ...     {"rel": "r1", "kind": "alliance", "from": "a", "to": "b", "start": "2012-01", "end": "2012-06", "sources": []},
    ...     {"rel": "r2", "kind": "hostility", "from": "b", "to": "a", "start": "2012-07", "end": None, "sources": []}]
    >>> signed_graph(data, as_of="2012-03").edges["a", "b"]["sign"], signed_graph(data).edges["a", "b"]["sign"]
    (1, -1)
    """
    import networkx as nx

    net = actor_network(source, as_of=as_of, events=events)
    signed = nx.Graph(**{**net.graph, "name": "actorgraph alliances and hostilities"})
    signed.add_nodes_from(net.nodes(data=True))
    held: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
    for a, b, attrs in net.edges(data=True):
        if attrs["kind"] in SIGNS and a != b:
            held[frozenset((a, b))].append(attrs)
    for pair, relations in held.items():
        relations.sort(key=lambda r: (parse_date(r.get("start")) or PartialDate(1)).earliest)
        last = relations[-1]
        a, b = sorted(pair)
        signed.add_edge(a, b, **_plain({
            "sign": SIGNS[last["kind"]], "kind": last["kind"], "rel": last.get("rel"),
            "start": last.get("start"), "end": last.get("end")}),
            conflicting=len({SIGNS[r["kind"]] for r in relations}) > 1)
    return _restrict(signed, focus, depth)
