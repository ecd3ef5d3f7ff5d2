"""``actorgraph serve`` (a read-only SPARQL endpoint) and ``actorgraph push`` (upload to a server)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from actorgraph.cli.common import graph_options, report_errors


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@graph_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (0.0.0.0 exposes the endpoint to the network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--max-results", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Refuse answers with more rows (or triples) than this.")
@click.option("--cors", "cors_origin", metavar="ORIGIN",
              help="Allow browser pages from this origin (e.g. https://example.org) to query; off by default.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True)
@report_errors
def serve_command(graph, host: str, port: int, max_results: int, cors_origin: str | None, log_level: str) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint (uvicorn).

    Queries go to /sparql (GET or POST; SPARQL JSON, XML, CSV, TSV, Turtle, N-Triples,
    JSON-LD); / shows the interactive graph, /.well-known/void describes the dataset
    and /health answers {"status": "ok"}. Updates and SERVICE are refused; --timeout
    bounds each query.

    \b
    Examples:
      actorgraph serve
      actorgraph serve --port 3030 --timeout 10 --max-results 5000
      actorgraph serve --store ./events --cors https://analysts.example.org
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/sparql' \\
           --data-urlencode 'query=SELECT ?l WHERE { ?a skos:prefLabel ?l } LIMIT 5'
    """
    from actorgraph.server import serve

    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can query the graph",
                   err=True)
    click.echo(f"actorgraph SPARQL endpoint: http://{host}:{port}/sparql", err=True)
    serve(graph, host=host, port=port, max_results=max_results, cors_origin=cors_origin, log_level=log_level)


@click.command("push")
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL (e.g. Virtuoso's http://HOST:8890/sparql-graph-crud-auth), "
                   "or an update endpoint with --protocol update.")
@click.option("--graph", "graph_iri", metavar="IRI", default=None,
              help="Named graph to write to (default https://w3id.org/actorgraph/graph); emptied first.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Upload this persistent store (curated graph and imported data) instead of the bundled graph.")
@click.option("--add", "extra_files", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Extra Turtle file to upload with the graph (repeatable).")
@click.option("--protocol", type=click.Choice(["gsp", "update"]), default="gsp", show_default=True,
              help="SPARQL 1.1 Graph Store Protocol, or SPARQL Update (INSERT).")
@click.option("--batch-size", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Triples per request.")
@click.option("--append", is_flag=True, help="Add to the graph instead of replacing its content.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True,
              help="Seconds to wait for each request.")
@report_errors
def push_command(endpoint: str, graph_iri: str | None, store_dir: Path | None, extra_files: tuple[Path, ...],
                 protocol: str, batch_size: int, append: bool, timeout: float) -> None:
    """Upload the curated graph (or a store) to a SPARQL server, in batches.

    Credentials come only from the environment: ACTORGRAPH_ENDPOINT_USER and
    ACTORGRAPH_ENDPOINT_PASSWORD (digest auth; ACTORGRAPH_ENDPOINT_AUTH=basic for basic).
    Then query it with --endpoint 'http://HOST/sparql?default-graph-uri=IRI'.

    \b
    Examples:
      export ACTORGRAPH_ENDPOINT_USER=dba ACTORGRAPH_ENDPOINT_PASSWORD=...
      actorgraph push --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth
      actorgraph push --endpoint http://127.0.0.1:8890/sparql-auth --protocol update
      actorgraph push --endpoint http://127.0.0.1:3030/ds/data --store ./events --graph urn:x:events
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.console import Console

    from actorgraph.graph import open_graph
    from actorgraph.push import DEFAULT_GRAPH_IRI, Credentials, push_graph

    graph = open_graph(extra_files, store=store_dir)
    target = graph_iri or DEFAULT_GRAPH_IRI
    columns = (TextColumn("pushing"), BarColumn(), MofNCompleteColumn(), TextColumn("triples"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("push", total=None)

        def progress(sent: int, total: int) -> None:
            bar.update(task, completed=sent, total=total)

        sent = push_graph(graph, endpoint, target, protocol=protocol, credentials=Credentials.from_environment(),
                          batch_size=batch_size, append=append, timeout=timeout, progress=progress)
    click.echo(f"pushed {sent} triples to <{target}> at {endpoint}")
