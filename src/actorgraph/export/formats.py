"""File exports of the actor network for other tools.

- GraphML (:func:`write_graphml`): loads back with ``networkx.read_graphml`` and in Gephi;
- GEXF (:func:`write_gexf`): dynamic, every node and edge with ``start``/``end`` as
  full dates (a partial date becomes its first or last day; the exact text stays in
  ``start_text``/``end_text``) so that Gephi's timeline works;
- node-link JSON (:func:`write_node_link`);
- JSON-LD with an ``@context`` and Turtle (:func:`write_rdf`): the RDF statements
  behind the view (actors, relationships, lineage changes and their sources);
- CSV (:func:`write_csv`): a node list and an edge list.

None of them changes the graph or the view it is given.

>>> import networkx as nx, tempfile, pathlib
>>> net = nx.MultiDiGraph()
>>> net.add_edge("a", "b", key="r1", kind="alliance", start="2012-01", end="2012-06")
'r1'
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> back = nx.read_graphml(write_graphml(net, folder / "n.graphml"))
>>> sorted(back.edges(data="kind"))
[('a', 'b', 'alliance')]
>>> "start=\\"2012-01-01\\"" in write_gexf(net, folder / "n.gexf").read_text()
True
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actorgraph.export import atomic_write_bytes, atomic_write_text
from actorgraph.namespaces import PREFIXES
from actorgraph.network import parse_date
from actorgraph.resources import query_text

if TYPE_CHECKING:
    import networkx as nx

NODE_COLUMNS = ["id", "label", "kind", "start", "end", "active", "aliases", "sources"]
EDGE_COLUMNS = ["source", "target", "key", "kind", "category", "start", "end", "confidence", "contributing",
                "year", "events", "fatalities", "rel", "label", "sources"]


def write_graphml(net: nx.Graph, path: Path | str) -> Path:
    """GraphML, with every attribute typed (string, boolean, int)."""
    import networkx as nx

    text = "\n".join(nx.generate_graphml(net, named_key_ids=True))
    return atomic_write_text(path, text + "\n")


def _full_dates(attrs: dict[str, Any]) -> dict[str, Any]:
    out = dict(attrs)
    for key, latest in (("start", False), ("end", True)):
        parsed = parse_date(out.pop(key, None))
        if parsed is not None:
            out[key + "_text"] = str(parsed)
            out[key] = (parsed.latest if latest else parsed.earliest).isoformat()
    return out


def dynamic_copy(net: nx.Graph) -> nx.Graph:
    """A copy of ``net`` whose ``start``/``end`` are full ISO dates, as GEXF's timeline needs.

    >>> import networkx as nx
    >>> net = nx.Graph(); net.add_node("a", start="2017-03")
    >>> dynamic_copy(net).nodes["a"], net.nodes["a"]
    ({'start_text': '2017-03', 'start': '2017-03-01'}, {'start': '2017-03'})
    """
    copy = net.__class__()
    copy.graph.update(net.graph)
    copy.add_nodes_from((n, _full_dates(d)) for n, d in net.nodes(data=True))
    if net.is_multigraph():
        copy.add_edges_from((a, b, k, _full_dates(d)) for a, b, k, d in net.edges(keys=True, data=True))
    else:
        copy.add_edges_from((a, b, _full_dates(d)) for a, b, d in net.edges(data=True))
    return copy


def write_gexf(net: nx.Graph, path: Path | str) -> Path:
    """Dynamic GEXF 1.2: nodes and edges carry ``start``/``end`` dates for Gephi's timeline."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_gexf(dynamic_copy(net), buffer, version="1.2draft")
    return atomic_write_bytes(path, buffer.getvalue())


def write_node_link(net: nx.Graph, path: Path | str) -> Path:
    """Node-link JSON (``networkx.node_link_data`` with ``nodes`` and ``edges``)."""
    import networkx as nx

    data = nx.node_link_data(net, edges="edges")
    return atomic_write_text(path, json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


def csv_paths(path: Path | str) -> tuple[Path, Path]:
    """Where :func:`write_csv` writes: ``STEM-nodes.csv`` and ``STEM-edges.csv`` beside ``path``.

    >>> [p.name for p in csv_paths("out/network.csv")]
    ['network-nodes.csv', 'network-edges.csv']
    """
    target = Path(path)
    stem = target.stem if target.suffix.lower() == ".csv" else target.name
    return target.with_name(f"{stem}-nodes.csv"), target.with_name(f"{stem}-edges.csv")


def _csv_text(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in columns})
    return buffer.getvalue()


def write_csv(net: nx.MultiDiGraph, path: Path | str) -> tuple[Path, Path]:
    """A node list and an edge list (see :func:`csv_paths`); returns both paths."""
    nodes_path, edges_path = csv_paths(path)
    nodes = [{"id": n, **d} for n, d in net.nodes(data=True)]
    if net.is_multigraph():
        edges = [{"source": a, "target": b, "key": k, **d} for a, b, k, d in net.edges(keys=True, data=True)]
    else:
        edges = [{"source": a, "target": b, **d} for a, b, d in net.edges(data=True)]
    atomic_write_text(nodes_path, _csv_text(nodes, NODE_COLUMNS))
    atomic_write_text(edges_path, _csv_text(edges, EDGE_COLUMNS))
    return nodes_path, edges_path


def statement_iris(net: nx.Graph) -> set[str]:
    """The IRIs whose RDF statements make up the view: its actors, relationships, changes and sources."""
    iris = {str(n) for n in net.nodes}
    for n, attrs in net.nodes(data=True):
        iris.update(str(attrs.get("sources") or "").split())
    for _, _, attrs in net.edges(data=True):
        iris.update(str(attrs.get(k) or "") for k in ("rel", "change"))
        iris.update(str(attrs.get("sources") or "").split())
    iris.discard("")
    return iris


def rdf_statements(graph: Any, net: nx.Graph) -> Any:
    """An rdflib graph of the statements about the view's actors, relationships, changes and sources."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef
    from rdflib import Graph as RdfGraph

    def convert(term: Any) -> Any:
        if isinstance(term, ox.NamedNode):
            return URIRef(term.value)
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))

    wanted = statement_iris(net)
    out = RdfGraph()
    for prefix, iri in PREFIXES.items():
        out.bind(prefix, iri, override=True)
    for triple in graph.construct(query_text("network-statements")):
        if isinstance(triple.subject, ox.NamedNode) and triple.subject.value in wanted:
            out.add((convert(triple.subject), convert(triple.predicate), convert(triple.object)))
    return out


def write_rdf(graph: Any, net: nx.Graph, path: Path | str, fmt: str = "turtle") -> Path:
    """Turtle (``fmt="turtle"``) or JSON-LD with an ``@context`` of the project's prefixes (``"json-ld"``)."""
    statements = rdf_statements(graph, net)
    if fmt == "json-ld":
        text = statements.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True, indent=1)
    else:
        text = statements.serialize(format="turtle")
    return atomic_write_text(path, text)
