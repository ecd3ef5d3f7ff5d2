"""``actorgraph validate``: check the graph against the SHACL shapes."""

from __future__ import annotations

from pathlib import Path

import click

from actorgraph.cli.common import emit_json, report_errors


@click.command("validate")
@click.option("--graph", "graph_files", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Extra Turtle file to validate with the bundled graph (repeatable).")
@click.option("--only", "only_files", is_flag=True,
              help="Validate only the --graph files (with the ontology), not the bundled graph.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--warnings/--no-warnings", default=True, show_default=True, help="Show warnings too.")
@report_errors
def validate_command(graph_files: tuple[Path, ...], only_files: bool, fmt: str, warnings: bool) -> None:
    """Check the ontology and graph against the SHACL shapes.

    Exits 0 only if the graph conforms (warnings allowed). Each finding names the
    file, the node, its label and what to fix.

    \b
    Examples:
      actorgraph validate
      actorgraph validate --graph my-additions.ttl
      actorgraph validate --graph fixture.ttl --only --format json
    """
    from actorgraph.validate import validate

    report = validate(graph_files, bundled=not only_files)
    if fmt == "json":
        emit_json(report.as_dict())
    else:
        shown = report.findings if warnings else report.errors
        for finding in shown:
            click.echo(str(finding))
        verdict = "conforms" if report.conforms else "does not conform"
        click.echo(f"{verdict}: {len(report.errors)} error(s), {len(report.warnings)} warning(s)",
                   err=not report.conforms)
    if not report.conforms:
        raise SystemExit(1)
