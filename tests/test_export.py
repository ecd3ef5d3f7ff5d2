"""File exports: each format reads back, the HTML is self-contained and escapes data; the graph is untouched."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
import rdflib

from actorgraph import network
from actorgraph.cli import main
from actorgraph.export import formats, html
from actorgraph.graph import ActorGraph
from actorgraph.namespaces import ACTOR, REL

A, B = str(ACTOR["group-a"]), str(ACTOR["group-b"])


@pytest.fixture(scope="module")
def small(small_network):
    return small_network


@pytest.fixture(scope="module")
def net(small):
    return network.actor_network(small, lineage=True, events=True)


def test_graphml_loads_back_with_networkx(net, tmp_path):
    back = nx.read_graphml(formats.write_graphml(net, tmp_path / "n.graphml"), force_multigraph=True)
    assert back.number_of_nodes() == net.number_of_nodes() and back.number_of_edges() == net.number_of_edges()
    assert back.nodes[A]["label"] == "Group A"
    kinds = {d["kind"] for _, _, d in back.edges(data=True)}
    assert {"alliance", "hostility", "merger", "event-hostility"} <= kinds
    assert any(d.get("contributing") is True for _, _, d in back.edges(data=True))


def test_gexf_is_dynamic_with_full_dates(net, tmp_path):
    path = formats.write_gexf(net, tmp_path / "n.gexf")
    root = ET.parse(path).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft"}
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    node_a = next(n for n in graph.iter("{http://www.gexf.net/1.2draft}node") if n.get("id") == A)
    assert (node_a.get("start"), node_a.get("end")) == ("2011-01-01", "2017-03-02")
    alliance = next(e for e in graph.iter("{http://www.gexf.net/1.2draft}edge")
                    if any(v.get("value") == str(REL["a--b-alliance-2012"])
                           for v in e.iter("{http://www.gexf.net/1.2draft}attvalue")))
    assert (alliance.get("start"), alliance.get("end")) == ("2012-01-01", "2012-06-30")
    assert nx.read_gexf(path).number_of_nodes() == net.number_of_nodes()


def test_node_link_json(net, tmp_path):
    data = json.loads(formats.write_node_link(net, tmp_path / "n.json").read_text())
    assert len(data["nodes"]) == 8 and len(data["edges"]) == net.number_of_edges()
    assert nx.node_link_graph(data, edges="edges").number_of_edges() == net.number_of_edges()


def test_turtle_and_jsonld_hold_the_statements_behind_the_view(small, tmp_path):
    view = network.actor_network(small, focus=A, depth=1)
    ttl = rdflib.Graph().parse(formats.write_rdf(small, view, tmp_path / "v.ttl"), format="turtle")
    alliance = rdflib.URIRef(str(REL["a--b-alliance-2012"]))
    assert (alliance, rdflib.URIRef("https://w3id.org/actorgraph/ontology#fromActor"), rdflib.URIRef(A)) in ttl
    assert (rdflib.URIRef(str(ACTOR["group-h"])), None, None) not in ttl      # outside the focus
    path = formats.write_rdf(small, view, tmp_path / "v.jsonld", "json-ld")
    assert "@context" in json.loads(path.read_text())
    assert len(rdflib.Graph().parse(path, format="json-ld")) == len(ttl)


def test_csv_node_and_edge_lists(net, tmp_path):
    nodes_path, edges_path = formats.write_csv(net, tmp_path / "n.csv")
    nodes = list(csv.DictReader(nodes_path.open()))
    edges = list(csv.DictReader(edges_path.open()))
    assert len(nodes) == 8 and len(edges) == net.number_of_edges()
    row = next(e for e in edges if e["key"] == str(REL["a--b-alliance-2012"]))
    assert (row["source"], row["target"], row["kind"], row["start"], row["end"]) == (A, B, "alliance", "2012-01", "2012-06")


def test_exports_do_not_mutate_the_graph_or_the_view(small, net, tmp_path):
    before_store, before_view = len(small.store), nx.node_link_data(net, edges="edges")
    formats.write_gexf(net, tmp_path / "a.gexf")
    formats.write_rdf(small, net, tmp_path / "a.ttl")
    html.write_html(net, tmp_path / "a.html")
    assert len(small.store) == before_store
    assert nx.node_link_data(net, edges="edges") == before_view


def test_html_is_self_contained_and_escapes_data(data_dir, tmp_path):
    graph = ActorGraph.from_files([data_dir / "network" / "injected.ttl"])
    data = network.fetch(graph)
    page = html.write_html(network.actor_network(data), tmp_path / "x.html", data.sources).read_text()
    assert "<img" not in page and "onerror=alert(1)" in page.replace("\\u003c", "<")
    assert page.count("</script>") == 3               # the data block and the two scripts, nothing injected
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    opening = '<script type="application/json" id="actorgraph-data">'
    block = page[page.index(opening) + len(opening):]
    block = block[:block.index("</script>")]
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["nodes"][0]["label"] in ("<img src=x onerror=alert(1)>", "Plain Group")


def run(runner, *args):
    return runner.invoke(main, list(args))


@pytest.mark.parametrize(("fmt", "suffix"), [("html", "html"), ("graphml", "graphml"), ("gexf", "gexf"),
                                             ("json", "json"), ("jsonld", "jsonld"), ("ttl", "ttl")])
def test_export_command_writes_each_format_and_no_lib_folder(runner, data_dir, tmp_path, monkeypatch, fmt, suffix):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "export", fmt, "-o", f"out.{suffix}", "--graph", str(data_dir / "network" / "small.ttl"),
                 "--focus", "Group A", "--depth", "2")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"out.{suffix}"]     # no lib/, no leftovers
    assert (tmp_path / f"out.{suffix}").stat().st_size > 0


def test_export_csv_writes_two_files(runner, tmp_path):
    result = run(runner, "export", "csv", "-o", str(tmp_path / "net.csv"), "--as-of", "2012-03")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net-edges.csv", "net-nodes.csv"]


def test_export_help_has_examples(runner):
    result = run(runner, "export", "--help")
    assert result.exit_code == 0 and "Examples:" in result.output and "gexf" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["export", "pdf", "-o", "x.pdf"], "Invalid value"),
    (["export", "html"], "Missing option"),
    (["export", "html", "-o", "x.html", "--as-of", "2012/03"], "not a date"),
    (["export", "html", "-o", "x.html", "--focus", "Nobody At All"], "no actor"),
    (["export", "html", "-o", "no-such-folder/x.html"], "does not exist"),
])
def test_export_bad_input_is_one_clear_line_and_writes_nothing(runner, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run(runner, *args)
    assert result.exit_code != 0 and message in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
