"""The lookup commands: lineage, show, relations, path, actors, events, query, stats.

Each is a thin layer over the library (:mod:`actorgraph.lineage`, :mod:`actorgraph.profile`,
:mod:`actorgraph.relations`, :mod:`actorgraph.listing`, :mod:`actorgraph.query`).
"""

from __future__ import annotations

from typing import Any

import click

from actorgraph.cli.common import emit_csv, emit_json, emit_table, graph_options, report_errors
from actorgraph.errors import ActorgraphError


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check a YYYY / YYYY-MM / YYYY-MM-DD option."""
    if value is None:
        return None
    from actorgraph.dates import PartialDate

    try:
        return str(PartialDate.parse(value))
    except ActorgraphError as exc:
        raise click.BadParameter(str(exc)) from None


def _complete_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of actor names (from the bundled graph)."""
    from click.shell_completion import CompletionItem

    from actorgraph.graph import ActorGraph
    from actorgraph.names import actor_names, normalise

    try:
        names = actor_names(ActorGraph.bundled())
    except ActorgraphError:
        return []
    key = normalise(incomplete)
    return [CompletionItem(n) for n in names if normalise(n).startswith(key)]


def _resolve(graph: Any, name: str, categories: Any = ("actor", "person", "event")) -> str:
    from actorgraph.names import resolve

    return resolve(graph, name, categories)


def _sources_text(sources: list[dict[str, Any]]) -> str:
    return "; ".join(s.get("title") or s["id"].rsplit("/", 1)[-1] for s in sources)


as_of_option = click.option("--as-of", callback=_date, metavar="DATE",
                            help="Only what held on this date (YYYY, YYYY-MM or YYYY-MM-DD).")


@click.command("lineage")
@click.argument("actor", shell_complete=_complete_names)
@click.option("--ancestors", "only_ancestors", is_flag=True, help="Only what the actor grew out of.")
@click.option("--descendants", "only_descendants", is_flag=True, help="Only what grew out of the actor.")
@click.option("--depth", type=click.IntRange(min=1), help="Walk at most this many changes each way.")
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["tree", "json", "mermaid", "dot"]), default="tree",
              show_default=True)
@graph_options
@report_errors
def lineage_command(graph: Any, actor: str, only_ancestors: bool, only_descendants: bool, depth: int | None,
                    as_of: str | None, fmt: str) -> None:
    """Show an actor's family tree: mergers, splits, renames, absorptions.

    Each step gives the change, its date at its own precision and its sources. A
    group that gave only a branch to a merger is shown as having contributed a
    branch and carried on, not as ended. Dates that sources disagree on are all shown.

    \b
    Examples:
      actorgraph lineage GSIM
      actorgraph lineage JNIM --ancestors --depth 2
      actorgraph lineage "Ansar Dine" --descendants --as-of 2016
      actorgraph lineage GSIM --format mermaid > gsim.mmd
      actorgraph lineage GSIM --format dot | dot -Tsvg > gsim.svg
      actorgraph lineage GSIM --format json
    """
    from actorgraph import lineage as lin

    if only_ancestors and only_descendants:
        only_ancestors = only_descendants = False
    tree = lin.lineage(graph, _resolve(graph, actor, "actor"), ancestors=not only_descendants,
                       descendants=not only_ancestors, depth=depth, as_of=as_of)
    if fmt == "json":
        emit_json(tree.as_dict(graph))
    elif fmt == "mermaid":
        click.echo(lin.to_mermaid(tree))
    elif fmt == "dot":
        click.echo(lin.to_dot(tree))
    else:
        click.echo(lin.render_tree(tree))


@click.command("show")
@click.argument("name", shell_complete=_complete_names)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@graph_options
@report_errors
def show_command(graph: Any, name: str, fmt: str) -> None:
    """Show the profile of an actor, a person or an event.

    Names and aliases, kind, dates, leaders over time, lineage, allies and
    adversaries with dates, events, claims and attributions with their stance and
    who said so, external ids and sources. Contested statements are flagged and
    every side is shown with its source.

    \b
    Examples:
      actorgraph show GSIM
      actorgraph show "Iyad Ag Ghaly"
      actorgraph show "Kati attack" --format json
    """
    from actorgraph.profile import profile, render_profile

    data = profile(graph, _resolve(graph, name))
    if fmt == "json":
        emit_json(data)
    else:
        click.echo(render_profile(data))


RELATION_COLUMNS = ["kind", "relation", "other", "begin", "end", "confidence", "contested", "sources", "id"]


def _relation_row(rel: dict[str, Any]) -> dict[str, Any]:
    return {**rel, "other": rel["other"]["label"], "end": rel["end"] or rel["end_status"],
            "contested": "yes" if rel["contested"] else "", "sources": _sources_text(rel["sources"])}


@click.command("relations")
@click.argument("actor", shell_complete=_complete_names)
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="alliance, rivalry, affiliation, allegiance, component, support or all (repeatable, "
                   "or comma-separated).")
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@graph_options
@report_errors
def relations_command(graph: Any, actor: str, kinds: tuple[str, ...], as_of: str | None, fmt: str) -> None:
    """List an actor's allies, adversaries, affiliations, pledges, components and supporters over time.

    \b
    Examples:
      actorgraph relations GSIM
      actorgraph relations GSIM --kind rivalry --as-of 2022-07
      actorgraph relations "Ansar Dine" --kind alliance,affiliation --format csv
    """
    from actorgraph.relations import parse_kinds, relations

    wanted = parse_kinds(list(kinds))
    rows = [r.as_dict() for r in relations(graph, _resolve(graph, actor, "actor"), kinds=wanted, as_of=as_of)]
    if fmt == "json":
        emit_json(rows)
    elif fmt == "csv":
        emit_csv([_relation_row(r) for r in rows], RELATION_COLUMNS)
    elif not rows:
        click.echo("no relationships recorded" + (f" on {as_of}" if as_of else ""))
    else:
        emit_table([_relation_row(r) for r in rows], RELATION_COLUMNS[:-1])


@click.command("path")
@click.argument("start", shell_complete=_complete_names)
@click.argument("goal", shell_complete=_complete_names)
@click.option("--kinds", "kinds", multiple=True, metavar="KIND",
              help="Follow only these links: alliance, rivalry, affiliation, allegiance, component, support, "
                   "membership (posts of people), lineage (repeatable or comma-separated).")
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@graph_options
@report_errors
def path_command(graph: Any, start: str, goal: str, kinds: tuple[str, ...], as_of: str | None, fmt: str) -> None:
    """Show the shortest chain of dated, sourced relations between two actors or people.

    \b
    Examples:
      actorgraph path "Wagner Group" GSIM
      actorgraph path "Ansarul Islam" AQIM --kinds alliance,affiliation,allegiance,component
      actorgraph path GSIM "Islamic State Sahel" --as-of 2019 --format json
    """
    from actorgraph.relations import PATH_KINDS, parse_kinds, path

    wanted = parse_kinds(list(kinds), PATH_KINDS)
    hops = [h.as_dict() for h in path(graph, _resolve(graph, start, ("actor", "person")),
                                      _resolve(graph, goal, ("actor", "person")), kinds=wanted, as_of=as_of)]
    rows = [{"step": i + 1, "from": h["from"]["label"], "relation": h["relation"], "to": h["to"]["label"],
             "kind": h["kind"], "role": h["role"], "begin": h["begin"], "end": h["end"],
             "sources": _sources_text(h["sources"]), "edge": h["edge"]} for i, h in enumerate(hops)]
    if fmt == "json":
        emit_json({"from": hops[0]["from"] if hops else None, "to": hops[-1]["to"] if hops else None,
                   "length": len(hops), "hops": hops})
    elif fmt == "csv":
        emit_csv(rows, ["step", "from", "relation", "to", "kind", "role", "begin", "end", "sources", "edge"])
    elif not hops:
        click.echo("the two names are the same actor or person")
    else:
        click.echo(f"{hops[0]['from']['label']} → {hops[-1]['to']['label']}: {len(hops)} step(s)")
        for row in rows:
            role = f" ({row['role']})" if row["role"] else ""
            click.echo(f"  {row['step']}. {row['from']} — {row['relation']}{role} → {row['to']}, "
                       f"{row['begin'] or '?'}–{row['end'] or ''} [{row['sources'] or 'no source'}]")


ACTOR_COLUMNS = ["label", "kind", "begin", "end", "countries", "id"]


@click.command("actors")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="A kind of actor: armed group, coalition, state force, government, junta, private military "
                   "company, international mission, foreign military operation, state… (repeatable).")
@click.option("--type", "types", multiple=True, metavar="KIND", hidden=True)
@as_of_option
@click.option("--country", metavar="NAME", help="Only actors active in this country.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@graph_options
@report_errors
def actors_command(graph: Any, kinds: tuple[str, ...], types: tuple[str, ...], as_of: str | None,
                   country: str | None, fmt: str) -> None:
    """List actors, by kind, country and date.

    \b
    Examples:
      actorgraph actors
      actorgraph actors --kind "armed group" --as-of 2022-07
      actorgraph actors --kind "foreign military operation" --kind "international mission" --country Mali --as-of 2022-08-01
      actorgraph actors --format csv > actors.csv
    """
    from actorgraph.listing import actors

    rows = actors(graph, kind=list(kinds + types) or None, as_of=as_of, country=country)
    if fmt == "json":
        emit_json(rows)
        return
    flat = [{**r, "countries": ", ".join(c["label"] for c in r["countries"])} for r in rows]
    if fmt == "csv":
        emit_csv(flat, ACTOR_COLUMNS)
    elif not rows:
        click.echo("no actors match")
    else:
        emit_table(flat, ACTOR_COLUMNS[:-1])


EVENT_COLUMNS = ["date", "label", "kind", "places", "actors", "contested", "id"]


@click.command("events")
@click.option("--actor", metavar="NAME", shell_complete=_complete_names,
              help="Only events that involve this actor (or whose claims name it).")
@click.option("--from", "date_from", callback=_date, metavar="DATE", help="Only events on or after this date.")
@click.option("--to", "date_to", callback=_date, metavar="DATE", help="Only events on or before this date.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND", help="attack, massacre, coup, deployment, …")
@click.option("--contested", is_flag=True, help="Only events whose claims conflict.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@graph_options
@report_errors
def events_command(graph: Any, actor: str | None, date_from: str | None, date_to: str | None,
                   kinds: tuple[str, ...], contested: bool, fmt: str) -> None:
    """List events by actor, period, kind, and whether their attribution is contested.

    \b
    Examples:
      actorgraph events --actor GSIM --from 2022-07 --to 2022-07
      actorgraph events --contested
      actorgraph events --kind massacre --format json
    """
    from actorgraph.listing import events

    rows = events(graph, actor=actor, date_from=date_from, date_to=date_to, contested=contested,
                  kind=list(kinds) or None)
    if fmt == "json":
        emit_json(rows)
        return
    flat = [{**r, "places": ", ".join(p["label"] for p in r["places"]),
             "actors": ", ".join(a["label"] for a in r["actors"]), "contested": "yes" if r["contested"] else ""}
            for r in rows]
    if fmt == "csv":
        emit_csv(flat, EVENT_COLUMNS)
    elif not rows:
        click.echo("no events match")
    else:
        emit_table(flat, EVENT_COLUMNS[:-1])


@click.command("query")
@click.argument("source", required=False, metavar="[FILE.rq | NAME]")
@click.option("-e", "--expression", metavar="SPARQL", help="The query text itself.")
@click.option("--list", "list_queries", is_flag=True, help="List the bundled named queries.")
@click.option("--bind", "binds", multiple=True, metavar="VAR=VALUE",
              help="Bind a variable: <IRI>, actor:gsim, \"text\", 42, 2022-07, or a name (GSIM) (repeatable).")
@click.option("--allow-network", is_flag=True, help="Allow SERVICE (federated queries reach the network).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv", "turtle"]), default="table",
              show_default=True)
@graph_options
@report_errors
def query_command(graph: Any, source: str | None, expression: str | None, list_queries: bool,
                  binds: tuple[str, ...], allow_network: bool, fmt: str) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE): from a file, -e, or a bundled name.

    The ontology's prefixes (ag:, actor:, skos:, org:, prov:, sem:, …) are
    predeclared. Values given with --bind are bound as RDF terms, never pasted into
    the text. SERVICE is refused unless --allow-network; updates are refused. A
    query stops at --timeout. JSON is the SPARQL 1.1 results format.

    \b
    Examples:
      actorgraph query --list
      actorgraph query cq01-founders
      actorgraph query cq05-adversaries-on-date --bind actor=GSIM --bind date=2022-07
      actorgraph query -e 'SELECT ?name WHERE { actor:gsim skos:altLabel ?name }'
      actorgraph query my-query.rq --format csv > out.csv
      actorgraph query -e 'CONSTRUCT WHERE { actor:gsim ?p ?o }' --format turtle
    """
    from actorgraph import query as q

    if list_queries:
        entries = q.bundled_queries()
        if fmt == "json":
            emit_json([{"name": n, "description": d} for n, d in entries])
        else:
            width = max(len(n) for n, _ in entries)
            for name, description in entries:
                click.echo(f"{name.ljust(width)}  {description}")
        return
    text, origin = q.load_query(source, expression)
    bindings = dict(q.parse_binding(b, graph) for b in binds)
    result = q.run_query(graph, text, bindings=bindings, allow_network=allow_network, origin=origin)
    if fmt == "turtle":
        click.echo(q.result_turtle(result), nl=False)
    elif fmt == "json":
        emit_json(q.result_json(result))
    elif result.form == "ASK":
        click.echo("yes" if result.boolean else "no")
        if not result.boolean and fmt == "table":
            raise SystemExit(1)
    else:
        if result.triples is not None:
            columns = ["subject", "predicate", "object"]
            terms = [[t.subject, t.predicate, t.object] for t in result.triples]
        else:
            columns, terms = result.variables, result.rows
        rows = [{c: q.term_text(t, ntriples=fmt == "tsv") for c, t in zip(columns, row)} for row in terms]
        if fmt == "csv":
            emit_csv(rows, columns)
        elif fmt == "tsv":  # SPARQL TSV: terms in N-Triples syntax, which escapes tabs and newlines
            click.echo("\n".join(["\t".join("?" + c for c in columns)]
                                  + ["\t".join(row[c] for c in columns) for row in rows]))
        else:
            emit_table(rows, columns)
            click.echo(f"{len(rows)} row(s)", err=True)


@click.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@graph_options
@report_errors
def stats_command(graph: Any, fmt: str) -> None:
    """Count what the graph holds: actors, events, relationships and changes by kind; sources; date coverage.

    \b
    Examples:
      actorgraph stats
      actorgraph stats --format json
      actorgraph stats --store ./events
    """
    from actorgraph.listing import stats

    data = stats(graph)
    if fmt == "json":
        emit_json(data)
        return
    for section in ("actors", "events", "relationships", "lineage_changes"):
        counts = data[section]
        click.echo(f"{section.replace('_', ' ')}: {sum(counts.values())}")
        for kind, count in counts.items():
            click.echo(f"  {kind}: {count}")
    click.echo(", ".join(f"{k}: {v}" for k, v in data["totals"].items()))
    click.echo("dates:")
    for prop, cover in data["dates"].items():
        click.echo(f"  {prop}: {cover['count']} from {cover['earliest']} to {cover['latest']}")
