"""``actorgraph analyze …``: centrality, communities of allies, balance, lineage, change over time."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from actorgraph.cli.common import emit_csv, emit_json, emit_table, graph_options, report_errors


def _view_options(func: Callable) -> Callable:
    """``--as-of``, ``--focus``, ``--depth`` and ``--events``, passed on as a ``view`` dict."""

    @click.option("--as-of", "as_of", metavar="DATE", help="Only what held on this date (YYYY, YYYY-MM or YYYY-MM-DD).")
    @click.option("--focus", metavar="ACTOR", help="Only the actors within --depth steps of this one (any name).")
    @click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
                  help="How many steps from --focus to keep.")
    @click.option("--events/--no-events", default=False, show_default=True,
                  help="Also count fighting and co-belligerence in imported events (ag:sideA/ag:sideB).")
    @functools.wraps(func)
    def wrapper(*args: Any, as_of: str | None, focus: str | None, depth: int, events: bool, **kwargs: Any) -> Any:
        return func(*args, view={"as_of": as_of, "focus": focus, "depth": depth, "events": events}, **kwargs)

    return wrapper


def _format_option(*choices: str) -> Callable:
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True)


def _resolve(graph: Any, name: str | None) -> str | None:
    from actorgraph.names import resolve

    return resolve(graph, name, ("actor",)) if name else None


def _date(text: str | None) -> Any:
    from actorgraph.dates import PartialDate

    return PartialDate.parse(text) if text else None


def _names(view: Any, nodes: list[Any]) -> str:
    from actorgraph.analysis import label

    return ", ".join(label(view, n) for n in nodes)


@click.group("analyze", context_settings={"help_option_names": ["-h", "--help"]})
def analyze_group() -> None:
    """Network analysis of the actors: who is central, who sides with whom, how lineages branch.

    Every analysis is a view over the RDF graph (alliances, hostilities, affiliations,
    lineage changes), dated with --as-of and narrowed with --focus ACTOR --depth N.

    \b
    Examples:
      actorgraph analyze centrality --as-of 2022-07 --top 10
      actorgraph analyze communities --as-of 2012-03
      actorgraph analyze balance --as-of 2014 --format json
      actorgraph analyze generations
      actorgraph analyze common-ancestors GSIM "Al-Mourabitoun"
      actorgraph analyze descendants --top 5
      actorgraph analyze timeline MNLA --from 2011 --to 2016
    """


@analyze_group.command("centrality")
@_view_options
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="Show this many actors.")
@_format_option("table", "json", "csv")
@graph_options
@report_errors
def centrality_command(graph: Any, view: dict[str, Any], top: int, fmt: str) -> None:
    """Degree, betweenness and eigenvector centrality of the actor network.

    Parallel and opposite relations count once (the simple undirected graph). Above
    1,500 actors betweenness is estimated from 300 sampled pivots; the output says which.

    \b
    Examples:
      actorgraph analyze centrality
      actorgraph analyze centrality --as-of 2022-07 --top 10 --format json
      actorgraph analyze centrality --focus GSIM --depth 2
    """
    from actorgraph.analysis import centrality
    from actorgraph.network import actor_network

    net = actor_network(graph, as_of=_date(view["as_of"]), focus=_resolve(graph, view["focus"]),
                        depth=view["depth"], events=view["events"])
    result = centrality(net)
    rows = result["actors"][:top]
    if fmt == "json":
        emit_json({"as_of": view["as_of"], "betweenness_method": result["betweenness_method"],
                   "actors": rows})
    elif fmt == "csv":
        emit_csv(rows, ["id", "label", "degree", "degree_centrality", "betweenness", "eigenvector"])
    else:
        emit_table(rows, ["label", "degree", "degree_centrality", "betweenness", "eigenvector"],
                   title=f"Centrality of {len(result['actors'])} actors (betweenness: {result['betweenness_method']})")


@analyze_group.command("communities")
@_view_options
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed of the Louvain method.")
@_format_option("table", "json")
@graph_options
@report_errors
def communities_command(graph: Any, view: dict[str, Any], seed: int, fmt: str) -> None:
    """Communities of allies (Louvain over alliances), largest first.

    Actors without any ally are left out. Without --as-of, alliances of every period count.

    \b
    Examples:
      actorgraph analyze communities --as-of 2012-03
      actorgraph analyze communities --events --format json
    """
    from actorgraph.analysis import ally_communities, label
    from actorgraph.network import signed_graph

    signed = signed_graph(graph, as_of=_date(view["as_of"]), focus=_resolve(graph, view["focus"]),
                          depth=view["depth"], events=view["events"])
    communities = ally_communities(signed, seed=seed)
    if fmt == "json":
        emit_json({"as_of": view["as_of"], "method": f"louvain (seed {seed})", "communities": [
            [{"id": n, "label": label(signed, n)} for n in c] for c in communities]})
        return
    rows = [{"community": i + 1, "size": len(c), "actors": _names(signed, c)} for i, c in enumerate(communities)]
    emit_table(rows, ["community", "size", "actors"], title="Communities of allies")


@analyze_group.command("balance")
@_view_options
@click.option("--unbalanced", is_flag=True, help="Show only the unbalanced triads.")
@_format_option("table", "json", "csv")
@graph_options
@report_errors
def balance_command(graph: Any, view: dict[str, Any], unbalanced: bool, fmt: str) -> None:
    """Structural balance: every triad of allies and enemies, named, balanced or not.

    +++ (three allies) and +-- (two allies against a common enemy: "the enemy of my
    enemy is my friend") are balanced; ++- and --- are not. Give --as-of for a
    snapshot: without it, the latest relation of each pair counts.

    \b
    Examples:
      actorgraph analyze balance --as-of 2014
      actorgraph analyze balance --as-of 2022-07 --unbalanced --format json
    """
    from actorgraph.analysis import balance_triads
    from actorgraph.network import signed_graph

    signed = signed_graph(graph, as_of=_date(view["as_of"]), focus=_resolve(graph, view["focus"]),
                          depth=view["depth"], events=view["events"])
    triads = balance_triads(signed)
    total, balanced = len(triads), sum(t["balanced"] for t in triads)
    if unbalanced:
        triads = [t for t in triads if not t["balanced"]]
    if fmt == "json":
        emit_json({"as_of": view["as_of"], "total": total, "balanced": balanced, "triads": triads})
    elif fmt == "csv":
        emit_csv([{**t, "actors": " ".join(t["actors"]), "labels": "; ".join(t["labels"])} for t in triads],
                 ["pattern", "balanced", "labels", "description", "actors"])
    else:
        emit_table(triads, ["pattern", "balanced", "description"],
                   title=f"{balanced} of {total} triads balanced" + (f" as of {view['as_of']}" if view["as_of"] else ""))


@analyze_group.command("generations")
@click.option("--as-of", "as_of", metavar="DATE", help="Only the changes that had happened by this date.")
@click.option("--focus", metavar="ACTOR", help="Only this actor's lineage (within --depth changes).")
@click.option("--depth", type=click.IntRange(min=0), default=100, show_default=True)
@_format_option("table", "json", "csv")
@graph_options
@report_errors
def generations_command(graph: Any, as_of: str | None, focus: str | None, depth: int, fmt: str) -> None:
    """Each group's generation in the lineage: 0 for a founding group, +1 per change.

    \b
    Examples:
      actorgraph analyze generations
      actorgraph analyze generations --focus GSIM --format json
    """
    from actorgraph.analysis import generations, label
    from actorgraph.network import lineage_dag

    dag = lineage_dag(graph, as_of=_date(as_of), focus=_resolve(graph, focus), depth=depth)
    rows = [{"id": n, "label": label(dag, n), "generation": g,
             "predecessors": _names(dag, sorted(dag.predecessors(n)))} for n, g in generations(dag).items()]
    if fmt == "json":
        emit_json({"as_of": as_of, "actors": [{k: r[k] for k in ("id", "label", "generation")} for r in rows]})
    elif fmt == "csv":
        emit_csv(rows, ["id", "label", "generation", "predecessors"])
    else:
        emit_table(rows, ["generation", "label", "predecessors"], title="Lineage generations")


@analyze_group.command("common-ancestors")
@click.argument("first")
@click.argument("second")
@_format_option("table", "json")
@graph_options
@report_errors
def common_ancestors_command(graph: Any, first: str, second: str, fmt: str) -> None:
    """The ancestors two groups share, and the nearest (most recent) of them.

    \b
    Examples:
      actorgraph analyze common-ancestors GSIM "Al-Mourabitoun"
      actorgraph analyze common-ancestors GSIM ISGS --format json
    """
    from actorgraph.analysis import common_ancestors, label
    from actorgraph.network import lineage_dag

    a, b = _resolve(graph, first), _resolve(graph, second)
    dag = lineage_dag(graph)
    found = common_ancestors(dag, a, b)
    if fmt == "json":
        emit_json({"actors": [{"id": n, "label": label(dag, n)} for n in (a, b)],
                   **{k: [{"id": n, "label": label(dag, n)} for n in v] for k, v in found.items()}})
        return
    rows = [{"ancestor": label(dag, n), "nearest": n in found["nearest"]} for n in found["common"]]
    if not rows:
        click.echo(f"{label(dag, a)} and {label(dag, b)} share no recorded ancestor.")
        return
    emit_table(rows, ["ancestor", "nearest"], title=f"Common ancestors of {label(dag, a)} and {label(dag, b)}")


@analyze_group.command("descendants")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@_format_option("table", "json", "csv")
@graph_options
@report_errors
def descendants_command(graph: Any, top: int, fmt: str) -> None:
    """The groups with the most descendants, across all generations.

    \b
    Examples:
      actorgraph analyze descendants
      actorgraph analyze descendants --top 5 --format json
    """
    from actorgraph.analysis import label, most_descendants
    from actorgraph.network import lineage_dag

    dag = lineage_dag(graph)
    rows = [{"id": n, "label": label(dag, n), "descendants": c} for n, c in most_descendants(dag, top)]
    if fmt == "json":
        emit_json({"actors": rows})
    elif fmt == "csv":
        emit_csv(rows, ["id", "label", "descendants"])
    else:
        emit_table(rows, ["label", "descendants"], title="Groups with the most descendants")


@analyze_group.command("timeline")
@click.argument("actor")
@click.option("--from", "first", type=int, metavar="YEAR", help="First year (default: the first relation's).")
@click.option("--to", "last", type=int, metavar="YEAR", help="Last year (default: the latest date in the graph).")
@click.option("--events/--no-events", default=False, show_default=True,
              help="Also count fighting and co-belligerence in imported events.")
@_format_option("table", "json")
@graph_options
@report_errors
def timeline_command(graph: Any, actor: str, first: int | None, last: int | None, events: bool, fmt: str) -> None:
    """How an actor's allies and adversaries changed, year by year.

    \b
    Examples:
      actorgraph analyze timeline MNLA --from 2011 --to 2016
      actorgraph analyze timeline "Ansar Dine" --format json
    """
    from actorgraph.analysis import allies_and_adversaries_by_year, label
    from actorgraph.errors import ActorgraphError
    from actorgraph.network import actor_network

    if first is not None and last is not None and first > last:
        raise ActorgraphError(f"--from {first} is after --to {last}")
    iri = _resolve(graph, actor)
    net = actor_network(graph, events=events)
    rows = allies_and_adversaries_by_year(net, iri, first=first, last=last)
    if fmt == "json":
        emit_json({"actor": {"id": iri, "label": label(net, iri)}, "years": [
            {k: (v if k == "year" else [{"id": n, "label": label(net, n)} for n in v]) for k, v in r.items()}
            for r in rows]})
        return
    if not rows:
        click.echo(f"{label(net, iri)} has no dated alliance or hostility.")
        return
    table = [{"year": r["year"], "allies": _names(net, r["allies"]), "adversaries": _names(net, r["adversaries"]),
              "changes": "; ".join(filter(None, (
                  "+ally " + _names(net, r["new_allies"]) if r["new_allies"] else "",
                  "-ally " + _names(net, r["lost_allies"]) if r["lost_allies"] else "",
                  "+adversary " + _names(net, r["new_adversaries"]) if r["new_adversaries"] else "",
                  "-adversary " + _names(net, r["lost_adversaries"]) if r["lost_adversaries"] else "")))}
             for r in rows]
    emit_table(table, ["year", "allies", "adversaries", "changes"], title=f"Allies and adversaries of {label(net, iri)}")
