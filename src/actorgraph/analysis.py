"""Network analysis of the actor views: pure functions over NetworkX graphs.

The graphs come from :mod:`actorgraph.network` (or are built by hand, as in the
examples below); nothing here queries RDF or mutates its input.  Node labels are
read from the ``label`` node attribute when present, else the node id is shown.

- :func:`centrality`: degree, betweenness (exact, or sampled on large graphs) and
  eigenvector centrality;
- :func:`ally_communities`: Louvain communities over alliances;
- :func:`balance_triads`: balanced and unbalanced triads of the signed graph;
- :func:`generations`, :func:`common_ancestors`, :func:`most_descendants`: lineage;
- :func:`allies_and_adversaries_by_year`: how an actor's camp changed over time.

>>> import networkx as nx
>>> signed = nx.Graph()
>>> signed.add_edge("a", "b", sign=1); signed.add_edge("a", "c", sign=-1); signed.add_edge("b", "c", sign=-1)
>>> [t["pattern"] for t in balance_triads(signed)]
['+--']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from actorgraph.dates import PartialDate, holds_on
from actorgraph.errors import ActorgraphError

if TYPE_CHECKING:
    import networkx as nx

#: above this many nodes, betweenness is estimated from a sample of pivot nodes
BETWEENNESS_EXACT_LIMIT = 1500
#: how many pivots the estimate uses
BETWEENNESS_SAMPLES = 300

ALLY_KINDS = frozenset({"alliance", "co-belligerence"})
ADVERSARY_KINDS = frozenset({"hostility", "event-hostility"})

TRIADS = {
    "+++": (True, "{0}, {1} and {2} are allies"),
    "+--": (True, "{0} and {1} are allies against {2} (the enemy of my enemy is my friend)"),
    "++-": (False, "{1} and {2} are enemies, though both are allied with {0}"),
    "---": (False, "{0}, {1} and {2} are all enemies of one another"),
}


def label(graph: nx.Graph, node: Any) -> str:
    """The node's ``label`` attribute, else the node id as text."""
    return str(graph.nodes[node].get("label", node)) if node in graph else str(node)


def simple_undirected(graph: nx.Graph) -> nx.Graph:
    """One undirected edge per pair of neighbours, without self-loops (a new graph).

    >>> import networkx as nx
    >>> multi = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "a")])
    >>> sorted(simple_undirected(multi).edges())
    [('a', 'b')]
    """
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    simple.add_edges_from((a, b) for a, b in graph.edges() if a != b)
    return simple


def centrality(graph: nx.Graph, *, exact_limit: int = BETWEENNESS_EXACT_LIMIT,
               samples: int = BETWEENNESS_SAMPLES, seed: int = 0) -> dict[str, Any]:
    """Degree, betweenness and eigenvector centrality of every actor (on the simple undirected graph).

    Betweenness is exact up to ``exact_limit`` nodes, and beyond that estimated
    from ``samples`` pivot nodes chosen with ``seed`` (Brandes' sampling, as
    ``networkx.betweenness_centrality(k=…)``); ``betweenness_method`` says which.
    Eigenvector centrality is the principal eigenvector of the whole adjacency
    (so actors outside the main component score 0).  Rows are sorted by degree.

    >>> import networkx as nx
    >>> result = centrality(nx.path_graph(["a", "b", "c"]))
    >>> result["betweenness_method"]
    'exact'
    >>> [(r["id"], r["degree"], r["degree_centrality"], r["betweenness"], r["eigenvector"]) for r in result["actors"]]
    [('b', 2, 1.0, 1.0, 0.707107), ('a', 1, 0.5, 0.0, 0.5), ('c', 1, 0.5, 0.0, 0.5)]
    """
    import networkx as nx

    simple = simple_undirected(graph)
    n = simple.number_of_nodes()
    if n == 0:
        return {"betweenness_method": "exact", "actors": []}
    degree = nx.degree_centrality(simple) if n > 1 else {node: 0.0 for node in simple}
    if n > exact_limit:
        k = min(samples, n)
        betweenness = nx.betweenness_centrality(simple, k=k, seed=seed)
        method = f"sampled ({k} pivots of {n} nodes, seed {seed})"
    else:
        betweenness = nx.betweenness_centrality(simple)
        method = "exact"
    if simple.number_of_edges() == 0:
        eigenvector = {node: 0.0 for node in simple}
    else:
        try:
            eigenvector = nx.eigenvector_centrality_numpy(simple)
        except (nx.NetworkXException, ValueError, TypeError):
            eigenvector = nx.eigenvector_centrality(simple, max_iter=1000, tol=1e-8)
    rows = [{"id": node, "label": label(simple, node), "degree": simple.degree(node),
             "degree_centrality": round(degree[node], 6), "betweenness": round(betweenness[node], 6),
             "eigenvector": round(abs(eigenvector[node]), 6)} for node in simple]
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["label"], r["id"]))
    return {"betweenness_method": method, "actors": rows}


def ally_communities(signed: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> list[list[Any]]:
    """Communities of allies: Louvain over the positive edges (``sign`` > 0) of a signed graph.

    Actors with no ally are left out; each community is sorted by label, the
    list by size (largest first).  ``seed`` makes the result reproducible.

    >>> import networkx as nx
    >>> signed = nx.Graph()
    >>> signed.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e")], sign=1)
    >>> signed.add_edge("c", "d", sign=-1)
    >>> ally_communities(signed)
    [['a', 'b', 'c'], ['d', 'e']]
    """
    import networkx as nx

    allies = nx.Graph()
    allies.add_edges_from((a, b) for a, b, s in signed.edges(data="sign") if s and s > 0 and a != b)
    if allies.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(allies, seed=seed, resolution=resolution)
    communities = [sorted(c, key=lambda n: (label(signed, n), str(n))) for c in found if len(c) > 1]
    communities.sort(key=lambda c: (-len(c), label(signed, c[0])))
    return communities


def balance_triads(signed: nx.Graph) -> list[dict[str, Any]]:
    """Every triangle of the signed graph, named, and whether it is balanced.

    A triad is balanced when the product of its signs is positive: three allies
    (``+++``) or two allies against a common enemy (``+--``, "the enemy of my
    enemy is my friend").  ``++-`` (two enemies allied with the same actor) and
    ``---`` (three enemies) are unbalanced.  The actors are ordered so that the
    ``description`` reads right: for ``+--`` the allies first, for ``++-`` the
    shared ally first.

    >>> import networkx as nx
    >>> signed = nx.Graph()
    >>> signed.add_edge("a", "b", sign=1); signed.add_edge("b", "c", sign=1); signed.add_edge("a", "c", sign=-1)
    >>> triad = balance_triads(signed)[0]
    >>> triad["pattern"], triad["balanced"], triad["actors"], triad["description"]
    ('++-', False, ['b', 'a', 'c'], 'a and c are enemies, though both are allied with b')
    """
    triads = []
    order = {node: i for i, node in enumerate(sorted(signed, key=lambda n: (label(signed, n), str(n))))}
    for a, b in signed.edges():
        if a == b:
            continue
        for c in set(signed[a]) & set(signed[b]):
            if c in (a, b) or not (order[a] < order[b] < order[c] or order[b] < order[a] < order[c]):
                continue
            nodes = sorted((a, b, c), key=order.__getitem__)
            sign = {frozenset(p): 1 if (signed.edges[p].get("sign") or 0) > 0 else -1
                    for p in ((nodes[0], nodes[1]), (nodes[0], nodes[2]), (nodes[1], nodes[2]))}
            positives = [p for p, s in sign.items() if s > 0]
            if len(positives) == 1:      # +--: the allied pair first
                pair = sorted(positives[0], key=order.__getitem__)
                nodes = pair + [n for n in nodes if n not in pair]
            elif len(positives) == 2:    # ++-: the shared ally first
                negative = next(p for p, s in sign.items() if s < 0)
                nodes = [n for n in nodes if n not in negative] + sorted(negative, key=order.__getitem__)
            pattern = "+" * len(positives) + "-" * (3 - len(positives))
            balanced, template = TRIADS[pattern]
            labels = [label(signed, n) for n in nodes]
            triads.append({"actors": nodes, "labels": labels, "pattern": pattern, "balanced": balanced,
                           "description": template.format(*labels)})
    triads.sort(key=lambda t: (t["balanced"], t["pattern"], t["labels"]))
    return triads


def generations(dag: nx.DiGraph) -> dict[Any, int]:
    """Each group's generation: 0 for a group with no predecessor, else one more than its latest predecessor.

    >>> import networkx as nx
    >>> generations(nx.DiGraph([("a", "d"), ("c", "d"), ("d", "h"), ("c", "g")]))
    {'a': 0, 'c': 0, 'd': 1, 'g': 1, 'h': 2}
    """
    import networkx as nx

    if not nx.is_directed_acyclic_graph(dag):
        raise ActorgraphError("the lineage has a cycle: " + " -> ".join(
            str(a) for a, _ in nx.find_cycle(dag)) + "; run `actorgraph validate`")
    result: dict[Any, int] = {}
    for depth, layer in enumerate(nx.topological_generations(dag)):
        for node in layer:
            result[node] = depth
    return dict(sorted(result.items(), key=lambda item: (item[1], str(item[0]))))


def common_ancestors(dag: nx.DiGraph, a: Any, b: Any) -> dict[str, list[Any]]:
    """The ancestors two groups share, and the nearest of them (the most recent common ancestors).

    A nearest common ancestor is a common ancestor none of whose descendants is
    also a common ancestor.  A group is not its own ancestor.

    >>> import networkx as nx
    >>> dag = nx.DiGraph([("a", "d"), ("c", "d"), ("d", "h"), ("c", "g"), ("x", "c")])
    >>> common_ancestors(dag, "h", "g")
    {'common': ['c', 'x'], 'nearest': ['c']}
    """
    import networkx as nx

    for node in (a, b):
        if node not in dag:
            raise ActorgraphError(f"{label(dag, node)} has no recorded lineage")
    common = nx.ancestors(dag, a) & nx.ancestors(dag, b)
    nearest = {n for n in common if not (nx.descendants(dag, n) & common)}
    key = lambda n: (label(dag, n), str(n))  # noqa: E731
    return {"common": sorted(common, key=key), "nearest": sorted(nearest, key=key)}


def most_descendants(dag: nx.DiGraph, top: int | None = 10) -> list[tuple[Any, int]]:
    """The groups with the most descendants (all generations), most first.

    >>> import networkx as nx
    >>> most_descendants(nx.DiGraph([("a", "d"), ("c", "d"), ("d", "h"), ("c", "g")]), top=3)
    [('c', 3), ('a', 2), ('d', 1)]
    """
    import networkx as nx

    counts = [(node, len(nx.descendants(dag, node))) for node in dag]
    counts = [item for item in counts if item[1] > 0]
    counts.sort(key=lambda item: (-item[1], label(dag, item[0]), str(item[0])))
    return counts[:top] if top is not None else counts


def _years(value: Any) -> int | None:
    try:
        return PartialDate.parse(str(value)[:10]).year if value else None
    except ActorgraphError:
        return None


def allies_and_adversaries_by_year(net: nx.Graph, actor: Any, *, first: int | None = None,
                                   last: int | None = None) -> list[dict[str, Any]]:
    """Year by year, the actor's allies and adversaries and what changed since the year before.

    Reads the edges touching ``actor`` with a ``kind`` (alliance and
    co-belligerence make allies; hostility and event-hostility, adversaries) and
    optional ``start``/``end``.  The years run from the earliest start of those
    edges (or ``first``) to the latest date anywhere in ``net`` (or ``last``).

    >>> import networkx as nx
    >>> net = nx.MultiDiGraph()
    >>> net.add_edge("a", "b", kind="alliance", start="2012-01", end="2012-06")
    0
    >>> net.add_edge("b", "a", kind="hostility", start="2012-07")
    0
    >>> [(r["year"], r["allies"], r["adversaries"], r["new_adversaries"]) for r in
    ...  allies_and_adversaries_by_year(net, "a", last=2013)]
    [(2012, ['b'], ['b'], ['b']), (2013, [], ['b'], [])]
    """
    if actor not in net:
        raise ActorgraphError(f"{label(net, actor)} is not in this network")
    edges = []
    incident = list(net.out_edges(actor, data=True)) + list(net.in_edges(actor, data=True)) \
        if net.is_directed() else list(net.edges(actor, data=True))
    for a, b, attrs in incident:
        other = b if a == actor else a
        if other == actor or attrs.get("kind") not in ALLY_KINDS | ADVERSARY_KINDS:
            continue
        edges.append((other, attrs["kind"], attrs.get("start"), attrs.get("end")))
    if not edges:
        return []
    starts = [y for e in edges if (y := _years(e[2])) is not None]
    horizon = [y for _, _, d in net.edges(data=True) for k in ("start", "end") if (y := _years(d.get(k)))]
    first = first if first is not None else min(starts or horizon or [0])
    last = last if last is not None else max(horizon or [first])
    rows: list[dict[str, Any]] = []
    previous: dict[str, set[Any]] = {"allies": set(), "adversaries": set()}
    for year in range(first, last + 1):
        when = PartialDate(year)
        now: dict[str, set[Any]] = {"allies": set(), "adversaries": set()}
        for other, kind, start, end in edges:
            begin, finish = (PartialDate.parse(str(v)[:10]) if _years(v) else None for v in (start, end))
            if holds_on(begin, finish, when):
                now["allies" if kind in ALLY_KINDS else "adversaries"].add(other)
        key = lambda n: (label(net, n), str(n))  # noqa: E731
        rows.append({"year": year,
                     "allies": sorted(now["allies"], key=key),
                     "adversaries": sorted(now["adversaries"], key=key),
                     "new_allies": sorted(now["allies"] - previous["allies"], key=key),
                     "lost_allies": sorted(previous["allies"] - now["allies"], key=key),
                     "new_adversaries": sorted(now["adversaries"] - previous["adversaries"], key=key),
                     "lost_adversaries": sorted(previous["adversaries"] - now["adversaries"], key=key)})
        previous = now
    return rows
