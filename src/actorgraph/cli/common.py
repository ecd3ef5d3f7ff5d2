"""What every command shares: graph options, output formats, error handling."""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from actorgraph.errors import ActorgraphError


def report_errors(func: Callable) -> Callable:
    """Turn library errors into a one-line message on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ActorgraphError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def graph_options(func: Callable) -> Callable:
    """Add the options that choose the graph, and pass the opened graph as ``graph``.

    ``--graph FILE`` (repeatable extra Turtle), ``--store DIR`` (a persistent store),
    ``--endpoint URL`` (a remote SPARQL endpoint) and ``--timeout SECONDS``.
    """

    @click.option("--graph", "graph_files", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="Extra Turtle file to load with the bundled graph (repeatable).")
    @click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
                  help="Use a persistent store (made by `actorgraph import`) instead of the bundled graph.")
    @click.option("--endpoint", metavar="URL", envvar="ACTORGRAPH_ENDPOINT",
                  help="Query a remote SPARQL 1.1 endpoint instead (env: ACTORGRAPH_ENDPOINT).")
    @click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
                  help="Stop a query that runs longer than this many seconds.")
    @functools.wraps(func)
    def wrapper(*args: Any, graph_files: tuple[Path, ...], store_dir: Path | None, endpoint: str | None,
                timeout: float, **kwargs: Any) -> Any:
        from actorgraph.graph import open_graph

        try:
            graph = open_graph(graph_files, store=store_dir, endpoint=endpoint, timeout=timeout)
        except ActorgraphError as exc:
            raise click.ClickException(str(exc)) from None
        return func(*args, graph=graph, **kwargs)

    return wrapper


def emit_json(data: Any) -> None:
    """Print data as indented JSON with stable key order."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def emit_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str], delimiter: str = ",") -> None:
    """Print rows as CSV (or TSV) with a header."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), delimiter=delimiter, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row.get(k) for k in columns})
    click.echo(buffer.getvalue(), nl=False)


def emit_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    """Print rows as a readable table (rich), plain when not on a terminal."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console(file=sys.stdout, soft_wrap=False, width=200 if not sys.stdout.isatty() else None).print(table)
