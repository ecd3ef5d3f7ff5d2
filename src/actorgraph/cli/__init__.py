"""The ``actorgraph`` command line: a thin layer over the library.

Sub-commands are imported only when used, so ``actorgraph --help`` stays fast.
"""

from __future__ import annotations

import importlib

import click

#: command name -> "module:function" (modules under actorgraph.cli)
COMMANDS: dict[str, str] = {
    "validate": "actorgraph.cli.validate:validate_command",
    "import": "actorgraph.cli.importing:import_command",
    "lineage": "actorgraph.cli.lookup:lineage_command",
    "show": "actorgraph.cli.lookup:show_command",
    "relations": "actorgraph.cli.lookup:relations_command",
    "path": "actorgraph.cli.lookup:path_command",
    "actors": "actorgraph.cli.lookup:actors_command",
    "events": "actorgraph.cli.lookup:events_command",
    "query": "actorgraph.cli.lookup:query_command",
    "stats": "actorgraph.cli.lookup:stats_command",
    "serve": "actorgraph.cli.serve:serve_command",
    "push": "actorgraph.cli.serve:push_command",
    "analyze": "actorgraph.cli.analyze:analyze_group",
    "export": "actorgraph.cli.export:export_command",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="actorgraph")
def main() -> None:
    """A sourced, dated knowledge graph of armed actors.

    Ask it what a group grew out of, whom it fought and when, who leads it, what it
    did and who says so. Every answer carries its dates and sources.

    \b
    Examples:
      actorgraph lineage GSIM
      actorgraph show JNIM --format json
      actorgraph query --list
      actorgraph validate
    """
