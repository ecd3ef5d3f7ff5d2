"""``actorgraph export FORMAT -o FILE``: the interactive HTML view and files for other tools."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from actorgraph.cli.common import graph_options, report_errors

FORMATS = ("html", "graphml", "gexf", "json", "jsonld", "ttl", "csv")


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS, case_sensitive=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write (for csv: PATH-nodes.csv and PATH-edges.csv beside it).")
@click.option("--as-of", "as_of", metavar="DATE", help="Only what held on this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--focus", metavar="ACTOR", help="Only the actors within --depth steps of this one (any name).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many steps from --focus to keep.")
@click.option("--lineage/--no-lineage", default=True, show_default=True, help="Include the lineage changes.")
@click.option("--events/--no-events", default=True, show_default=True,
              help="Include edges derived from imported events, one per pair and year.")
@click.option("--title", default="actorgraph", show_default=True, help="Title of the HTML page.")
@graph_options
@report_errors
def export_command(graph: Any, fmt: str, output: Path, as_of: str | None, focus: str | None, depth: int,
                   lineage: bool, events: bool, title: str) -> None:
    """Export the actor network as FORMAT: html, graphml, gexf, json, jsonld, ttl or csv.

    html is one self-contained page that works offline, with a time slider, filters,
    search and a legend. gexf is dynamic (start/end dates for Gephi's timeline).
    json is node-link JSON; jsonld and ttl hold the RDF statements behind the view.
    The file is written atomically; the graph is never changed.

    \b
    Examples:
      actorgraph export html -o actors.html
      actorgraph export html -o gsim.html --focus GSIM --depth 2
      actorgraph export gexf -o actors.gexf
      actorgraph export graphml -o mali-2012.graphml --as-of 2012-03
      actorgraph export csv -o network.csv
      actorgraph export ttl -o view.ttl --focus MNLA
    """
    from actorgraph.dates import PartialDate
    from actorgraph.export import formats
    from actorgraph.names import resolve
    from actorgraph.network import actor_network, fetch

    when = PartialDate.parse(as_of) if as_of else None
    data = fetch(graph, events=events)
    net = actor_network(data, as_of=when, focus=resolve(graph, focus, ("actor",)) if focus else None,
                        depth=depth, lineage=lineage, events=events)
    fmt = fmt.lower()
    if fmt == "html":
        from actorgraph.export.html import write_html

        written = [write_html(net, output, data.sources, title=title, as_of=when)]
    elif fmt == "graphml":
        written = [formats.write_graphml(net, output)]
    elif fmt == "gexf":
        written = [formats.write_gexf(net, output)]
    elif fmt == "json":
        written = [formats.write_node_link(net, output)]
    elif fmt == "csv":
        written = list(formats.write_csv(net, output))
    else:
        written = [formats.write_rdf(graph, net, output, "json-ld" if fmt == "jsonld" else "turtle")]
    for path in written:
        click.echo(f"wrote {path} ({net.number_of_nodes()} actors, {net.number_of_edges()} links)", err=True)
