"""``actorgraph import``: load ACLED, UCDP GED or Stanford MMP files into a persistent store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from actorgraph.cli.common import emit_json, emit_table, report_errors

DATASETS = ("acled", "ucdp", "mmp")


@click.command("import")
@click.argument("dataset", type=click.Choice(DATASETS, case_sensitive=False))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", "store_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The store folder (created if missing).")
@click.option("--skip-bad-rows", is_flag=True, help="Leave out rows that cannot be read and list them, instead of stopping.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How to print the import report.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="How many labels of each kind the text report lists (0: all).")
@report_errors
def import_command(dataset: str, file: Path, store_dir: Path, skip_bad_rows: bool, quiet: bool, fmt: str,
                   limit: int) -> None:
    """Import an ACLED, UCDP GED or MMP file into a persistent store.

    ACLED: the older and current export layouts and the one-row-per-actor variant,
    CSV or XLSX. UCDP: GED yearly and candidate releases. MMP: relationship exports.
    Dataset labels are tied to curated actors through graphs/crosswalk.ttl; the
    report says which matched and which became imported actors. The import is
    atomic: on an error the store is left exactly as it was. Importing a file
    again (or a newer export) replaces its events instead of adding them twice.

    \b
    Examples:
      actorgraph import acled acled_mali.csv --store sahel.store
      actorgraph import ucdp GEDEvent_v22_1.csv --store sahel.store --skip-bad-rows
      actorgraph import mmp mmp_relationships.csv --store sahel.store --format json
      actorgraph show JNIM --store sahel.store
    """
    from actorgraph.importers import import_file

    dataset = dataset.lower()
    if quiet or fmt == "json":
        report = import_file(dataset, file, store_dir, skip_bad_rows=skip_bad_rows)
    else:
        report = _with_progress(dataset, file, store_dir, skip_bad_rows)
    if fmt == "json":
        emit_json(report.as_dict())
        return
    click.echo(f"Imported {report.records} of {report.rows} rows from {file} into {store_dir} "
               f"in {report.seconds:.1f} s ({report.replaced} earlier records replaced).")
    click.echo(f"Labels: {len(report.matched)} matched curated actors, {len(report.imported)} imported actors.")
    for title, entries in (("Matched curated actors", report.matched), ("Imported actors", report.imported)):
        if entries:
            shown = sorted(entries, key=lambda e: -e.rows)[: limit or None]
            emit_table([{"label": e.label, "actor": e.actor, "rows": e.rows} for e in shown],
                       ["label", "actor", "rows"], title=f"{title} ({len(shown)} of {len(entries)})")
    if report.bad_rows:
        emit_table([vars(b) for b in report.bad_rows[: limit or None]], ["row", "line", "column", "message"],
                   title=f"Rows left out ({len(report.bad_rows)})")
    for warning in report.warnings[: limit or None]:
        click.echo(f"note: {warning}")


def _with_progress(dataset: str, file: Path, store_dir: Path, skip_bad_rows: bool):
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from actorgraph.importers import import_file

    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
               TextColumn("{task.fields[rows]:,} rows, {task.fields[rate]:,.0f} rows/s"),
               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, console=Console(file=sys.stderr), transient=True) as progress:
        task = progress.add_task(f"importing {file.name}", total=1.0, rows=0, rate=0.0)

        def update(rows: int, fraction: float) -> None:
            elapsed = progress.tasks[task].elapsed or 0.0
            progress.update(task, completed=fraction, rows=rows, rate=rows / elapsed if elapsed else 0.0)

        return import_file(dataset, file, store_dir, skip_bad_rows=skip_bad_rows, on_progress=update)
