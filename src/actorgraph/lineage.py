"""Lineage: what an actor grew out of and what grew out of it, dated and sourced.

The change events (merger, split, rename, absorption, dissolution) are the
source of truth; the walk follows the materialised short-cut ``ag:successorOf``
with SPARQL property paths (two queries: one up, one down), then lays the steps
out breadth-first in Python so that each node gets its depth.

A group named with ``ag:contributingOrganization`` gave a branch and carried
on: it is shown as "contributed a branch", never as ended.

>>> from actorgraph.graph import ActorGraph
>>> from actorgraph import resources
>>> g = ActorGraph.from_files([resources.model_file(), "tests/data/lookup/lookup.ttl"])
>>> tree = lineage(g, "https://w3id.org/actorgraph/id/actor/group-d")
>>> [(s.label, s.relation, s.date, s.depth) for s in tree.ancestors]
[('Group A', 'merger', '2017-03-01', 1), ('Group B', 'merger', '2017-03-01', 1), ('Group C', 'merger', '2017-03-01', 1), ('Group Z', 'rename', '2005', 2)]
>>> [s.note for s in tree.ancestors][:3]
['ceased', 'ceased', 'contributed a branch and carried on']
"""

from __future__ import annotations

import gc
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from actorgraph import resources
from actorgraph.dates import PartialDate
from actorgraph.names import cached_entity
from actorgraph.sources import Source, sources_for

AG = "https://w3id.org/actorgraph/ontology#"


@dataclass
class Step:
    """One change linking ``id`` to ``via`` (its child for ancestors, its parent for descendants)."""

    id: str
    label: str
    via: str
    change: str
    relation: str  # merger, split, rename, absorption
    role: str  # "original" (ceased in the change) or "contributing" (gave a branch, carried on)
    depth: int
    dates: dict[str, list[str]] = field(default_factory=dict)  # date -> IRIs of the sources giving it
    source_ids: set[str] = field(default_factory=set)
    sources: list[Source] = field(default_factory=list)

    @property
    def distinct_dates(self) -> list[str]:
        """The dates given, leaving out a coarser one that a finer one falls within ("2017" beside "2017-03-02")."""
        return distinct_dates(self.dates)

    @property
    def date(self) -> str | None:
        """The earliest of the distinct dates, at its own precision (``None`` if undated)."""
        dates = self.distinct_dates
        return dates[0] if dates else None

    @property
    def contested(self) -> bool:
        """Whether sources give dates that disagree (not merely differ in precision)."""
        return len(self.distinct_dates) > 1

    @property
    def note(self) -> str:
        """What the change meant for the parent: it ceased, or gave a branch and carried on."""
        if self.role == "original":
            return "ceased"
        return "carried on (a faction split away)" if self.relation == "split" else "contributed a branch and carried on"

    def as_dict(self, graph: Any) -> dict[str, Any]:
        """The JSON form (stable keys)."""
        index = {s.id: s for s in self.sources}
        return {
            "id": self.id, "label": self.label, "relation": self.relation, "role": self.role,
            "note": self.note, "date": self.date, "depth": self.depth, "via": self.via, "change": self.change,
            "contested": self.contested, "distinct_dates": self.distinct_dates,
            "dates": [{"date": d, "sources": [index[i].as_dict() if i in index else {"id": i}
                                               for i in sorted(srcs)]}
                      for d, srcs in sorted(self.dates.items(), key=lambda kv: date_key(kv[0]))],
            "sources": [s.as_dict() for s in self.sources],
        }


@dataclass
class Lineage:
    """An actor's ancestors and descendants, each a list of steps in breadth-first order."""

    id: str
    label: str
    kind: str | None
    ancestors: list[Step]
    descendants: list[Step]
    dissolutions: dict[str, dict[str, Any]]  # IRI -> {"date", "sources"} for dissolved nodes
    directions: tuple[str, ...] = ("ancestors", "descendants")  # the directions that were walked

    def label_of(self, iri: str) -> str:
        """The label of any node of the tree."""
        if iri == self.id:
            return self.label
        for step in self.ancestors + self.descendants:
            if step.id == iri:
                return step.label
        return iri

    def as_dict(self, graph: Any) -> dict[str, Any]:
        """``{"actor": {...}, "ancestors": [...], "descendants": [...]}`` (the CLI's JSON)."""
        actor = {"id": self.id, "label": self.label, "kind": self.kind,
                 "dissolved": self.dissolutions.get(self.id)}
        return {"actor": actor,
                "ancestors": [_with_dissolution(s.as_dict(graph), self.dissolutions) for s in self.ancestors],
                "descendants": [_with_dissolution(s.as_dict(graph), self.dissolutions) for s in self.descendants]}


def _with_dissolution(entry: dict[str, Any], dissolutions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    entry["dissolved"] = dissolutions.get(entry["id"])
    return entry


def distinct_dates(dates: Any) -> list[str]:
    """Sorted dates without those that only restate a finer one at a coarser precision.

    >>> distinct_dates(["2017", "2017-03", "2017-03-02", "2017-03-01"])
    ['2017-03-01', '2017-03-02']
    >>> distinct_dates(["2012", "2013-05"])
    ['2012', '2013-05']
    """
    parsed = {}
    for text in dates:
        try:
            parsed[text] = PartialDate.parse(text)
        except Exception:  # noqa: BLE001 - keep an unparseable literal as written
            parsed[text] = None
    keep = []
    for text, date in parsed.items():
        coarser = date is not None and any(
            other is not None and other != date and len(str(other)) > len(str(date))
            and date.earliest <= other.earliest and other.latest <= date.latest for other in parsed.values())
        if not coarser:
            keep.append(text)
    return sorted(keep, key=date_key)


def date_key(text: str) -> tuple:
    """A sort key putting dates in time order, a coarser date before the finer ones within it.

    >>> sorted(["2017-03-02", "2017", "2017-03"], key=date_key)
    ['2017', '2017-03', '2017-03-02']
    """
    try:
        return (0, PartialDate.parse(text).earliest, len(text))
    except Exception:  # noqa: BLE001 - an unparseable literal sorts last, as written
        return (1, text)


def _happened_by(dates: dict[str, list[str]], as_of: PartialDate | None) -> bool:
    if as_of is None or not dates:
        return True
    return any(date_key(d)[0] == 0 and PartialDate.parse(d).earliest <= as_of.latest for d in dates)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a walk builds tens of thousands of small objects.

    None of them form cycles, yet each collection would traverse them all again: on a
    20,000-actor lineage the collector took a third of the Python time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _walk(graph: Any, actor: str, query: str, up: bool, depth: int | None,
          as_of: PartialDate | None) -> list[Step]:
    """Collect the steps of one direction, then number them breadth-first from ``actor``."""
    edges: dict[tuple[str, str, str], Step] = {}
    # raw terms, read by position: this loop is the hot path on big lineages
    variables, rows = graph.select_terms(resources.query_text(query), actor=actor)
    at = {name: i for i, name in enumerate(variables)}
    i_node, i_via = (at["parent"], at["child"]) if up else (at["child"], at["parent"])
    i_label = at["parentLabel" if up else "childLabel"]
    i_change, i_type, i_role = at["change"], at["type"], at["role"]
    i_date, i_source, i_date_source = at["date"], at["source"], at["dateSource"]
    relations: dict[str, str] = {}
    for row in rows:
        node, via, change = row[i_node].value, row[i_via].value, row[i_change].value
        key = (node, via, change)
        step = edges.get(key)
        if step is None:
            label = row[i_label].value if row[i_label] is not None else node.rsplit("/", 1)[-1]
            kind = row[i_type].value
            relation = relations.get(kind) or relations.setdefault(kind, kind.replace(AG, "").lower())
            step = edges[key] = Step(node, label, via, change, relation, row[i_role].value, 0)
        elif row[i_role].value == "contributing":
            step.role = "contributing"
        date, source = row[i_date], row[i_source]
        if date is not None:
            dated = step.dates.setdefault(date.value, [])
            date_source = row[i_date_source]
            if date_source is not None and date_source.value not in dated:
                dated.append(date_source.value)
        if source is not None:
            step.source_ids.add(source.value)
    by_via: dict[str, list[Step]] = {}
    for step in edges.values():
        if _happened_by(step.dates, as_of):
            by_via.setdefault(step.via, []).append(step)
    ordered: list[Step] = []
    seen = {actor}
    queue = deque([(actor, 0)])
    while queue:
        node, level = queue.popleft()
        if depth is not None and level >= depth:
            continue
        for step in sorted(by_via.get(node, []), key=lambda s: (s.label.casefold(), s.id, s.change)):
            step.depth = level + 1
            step.sources = sources_for(graph, step.source_ids | {i for v in step.dates.values() for i in v})
            ordered.append(step)
            if step.id not in seen:
                seen.add(step.id)
                queue.append((step.id, level + 1))
    return ordered


def lineage(graph: Any, actor: str, *, ancestors: bool = True, descendants: bool = True,
            depth: int | None = None, as_of: PartialDate | str | None = None) -> Lineage:
    """The lineage of the actor with IRI ``actor`` (resolve names with :func:`actorgraph.names.resolve`).

    ``depth`` limits the number of changes walked in each direction; ``as_of``
    keeps only the changes that had happened by that date (undated changes are kept).
    """
    when = PartialDate.parse(as_of) if isinstance(as_of, str) else as_of
    with _without_cyclic_gc():
        up = _walk(graph, actor, "lineage-ancestors", True, depth, when) if ancestors else []
        down = _walk(graph, actor, "lineage-descendants", False, depth, when) if descendants else []
    nodes = {actor} | {s.id for s in up + down}
    dissolutions: dict[str, dict[str, Any]] = {}
    for row in graph.select(resources.query_text("dissolutions")):
        if row["org"] in nodes and _happened_by({row["date"]: []} if row.get("date") else {}, when):
            entry = dissolutions.setdefault(row["org"], {"date": row.get("date"), "change": row["change"],
                                                         "sources": []})
            if row.get("source") and row["source"] not in [s["id"] for s in entry["sources"]]:
                entry["sources"] += [s.as_dict() for s in sources_for(graph, [row["source"]])]
    directions = tuple(d for d, wanted in (("ancestors", ancestors), ("descendants", descendants)) if wanted)
    label, kind = _label_and_kind(graph, actor)
    return Lineage(actor, label, kind, up, down, dissolutions, directions)


def _label_and_kind(graph: Any, iri: str) -> tuple[str, str | None]:
    """The label and kind of one node: from the name index if it is built, else with a small query."""
    entity = cached_entity(graph, iri)
    if entity is not None:
        return entity.label or iri.rsplit("/", 1)[-1], entity.kind
    rows = graph.select(resources.query_text("entity-label"), entity=iri)
    labels = sorted(str(r["label"]) for r in rows if r.get("label"))
    kinds = sorted(str(r["kind"]) for r in rows if r.get("kind"))
    return (labels[0] if labels else iri.rsplit("/", 1)[-1]), (kinds[0] if kinds else None)


def _dates_text(step: Step) -> str:
    dates = step.distinct_dates
    if not dates:
        return "date unknown"
    return " / ".join(dates) + (" (sources differ)" if len(dates) > 1 else "")


def _step_text(tree: Lineage, step: Step, up: bool) -> str:
    if up:
        text = f"{step.label} · {step.relation} {_dates_text(step)} · {step.note}"
    else:
        text = f"{step.label} · {step.relation} {_dates_text(step)} · {tree.label_of(step.via)}: {step.note}"
    if step.id in tree.dissolutions:
        text += f" · dissolved {tree.dissolutions[step.id]['date'] or '(date unknown)'}"
    return text


def _sources_line(step: Step) -> str:
    return "sources: " + ("; ".join(s.cite() for s in step.sources) if step.sources else "none recorded")


def render_tree(tree: Lineage) -> str:
    """The lineage as a text tree drawn with box-drawing characters.

    >>> from actorgraph.graph import ActorGraph
    >>> from actorgraph import resources
    >>> g = ActorGraph.from_files([resources.model_file(), "tests/data/lookup/lookup.ttl"])
    >>> print(render_tree(lineage(g, "https://w3id.org/actorgraph/id/actor/group-e", ancestors=False)))
    Group E (armed group)
    └── descendants
        (none recorded)
    """
    head = tree.label + (f" ({tree.kind})" if tree.kind else "")
    if tree.id in tree.dissolutions:
        head += f" · dissolved {tree.dissolutions[tree.id]['date'] or '(date unknown)'}"
    lines = [head]
    sections = [(name, steps, up) for name, steps, up in
                (("ancestors", tree.ancestors, True), ("descendants", tree.descendants, False))
                if name in tree.directions]
    for number, (name, steps, up) in enumerate(sections):
        last_section = number == len(sections) - 1
        lines.append(("└── " if last_section else "├── ") + name)
        prefix = "    " if last_section else "│   "
        children: dict[str, list[Step]] = {}
        for step in steps:
            children.setdefault(step.via, []).append(step)
        if not steps:
            lines.append(prefix + "(none recorded)")
        expanded = {tree.id}

        def draw(node: str, indent: str) -> None:
            kids = children.get(node, [])
            for i, step in enumerate(kids):
                last = i == len(kids) - 1
                again = step.id in expanded and children.get(step.id)
                lines.append(indent + ("└── " if last else "├── ") + _step_text(tree, step, up)
                             + (" (its lineage is shown above)" if again else ""))
                below = indent + ("    " if last else "│   ")
                lines.append(below + ("│     " if children.get(step.id) and not again else "      ")
                             + _sources_line(step))
                if not again:
                    expanded.add(step.id)
                    draw(step.id, indent + ("    " if last else "│   "))

        draw(tree.id, prefix)
    return "\n".join(lines)


def _edges(tree: Lineage) -> list[tuple[str, str, Step]]:
    """(parent, child, step) for every step, oldest side first."""
    return ([(s.id, s.via, s) for s in tree.ancestors] + [(s.via, s.id, s) for s in tree.descendants])


def to_mermaid(tree: Lineage) -> str:
    """The lineage as a Mermaid flowchart (renders on GitHub and in docs).

    >>> from actorgraph.graph import ActorGraph
    >>> from actorgraph import resources
    >>> g = ActorGraph.from_files([resources.model_file(), "tests/data/lookup/lookup.ttl"])
    >>> print(to_mermaid(lineage(g, "https://w3id.org/actorgraph/id/actor/group-a", descendants=False)))
    flowchart TD
      n0["Group A"]
      n1["Group Z"]
      n1 -->|"rename 2005"| n0
      style n0 stroke-width:3px
    """
    ids: dict[str, str] = {tree.id: "n0"}
    lines = ["flowchart TD", f'  n0["{_mermaid_text(tree.label)}"]']
    for parent, child, _ in _edges(tree):
        for node in (parent, child):
            if node not in ids:
                ids[node] = f"n{len(ids)}"
                lines.append(f'  {ids[node]}["{_mermaid_text(tree.label_of(node))}"]')
    for parent, child, step in _edges(tree):
        arrow = "-.->" if step.role == "contributing" else "-->"
        label = f"{step.relation} {' / '.join(step.distinct_dates) or '?'}" + (
            ", branch" if step.role == "contributing" else "")
        lines.append(f'  {ids[parent]} {arrow}|"{_mermaid_text(label)}"| {ids[child]}')
    lines.append("  style n0 stroke-width:3px")
    return "\n".join(lines)


def _mermaid_text(text: str) -> str:
    return text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def to_dot(tree: Lineage) -> str:
    """The lineage as a Graphviz digraph (``dot -Tsvg``); contributed branches are dashed.

    >>> from actorgraph.graph import ActorGraph
    >>> from actorgraph import resources
    >>> g = ActorGraph.from_files([resources.model_file(), "tests/data/lookup/lookup.ttl"])
    >>> print(to_dot(lineage(g, "https://w3id.org/actorgraph/id/actor/group-a", descendants=False)))
    digraph lineage {
      rankdir=TB;
      node [shape=box];
      "https://w3id.org/actorgraph/id/actor/group-a" [label="Group A", penwidth=2];
      "https://w3id.org/actorgraph/id/actor/group-z" [label="Group Z"];
      "https://w3id.org/actorgraph/id/actor/group-z" -> "https://w3id.org/actorgraph/id/actor/group-a" [label="rename\\n2005"];
    }
    """
    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["digraph lineage {", "  rankdir=TB;", "  node [shape=box];",
             f"  {quote(tree.id)} [label={quote(tree.label)}, penwidth=2];"]
    seen = {tree.id}
    for parent, child, _ in _edges(tree):
        for node in (parent, child):
            if node not in seen:
                seen.add(node)
                lines.append(f"  {quote(node)} [label={quote(tree.label_of(node))}];")
    for parent, child, step in _edges(tree):
        style = ", style=dashed" if step.role == "contributing" else ""
        label = quote(step.relation + "\n" + (" / ".join(step.distinct_dates) or "?")).replace("\n", "\\n")
        lines.append(f"  {quote(parent)} -> {quote(child)} [label={label}{style}];")
    lines.append("}")
    return "\n".join(lines)
