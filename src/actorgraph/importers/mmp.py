"""Stanford Mapping Militant Organizations (MMP) relationship exports.

Header ``unique_id,type,group1_id,group2_id,date,description,group1_name,group2_name``:

- ``aff`` → ``ag:Affiliation`` (group 1 is an affiliate of group 2), ``all`` → ``ag:Alliance``,
  ``riv`` → ``ag:Hostility``, dated with ``sem:hasBeginTimeStamp``;
- ``mer`` → ``ag:Merger`` (group 1 merged into group 2: ``org:originalOrganization`` group 1,
  ``org:resultingOrganization`` group 2); ``spl`` → ``ag:Split`` (group 2 split from group 1,
  which carried on: ``ag:contributingOrganization`` group 1, ``org:resultingOrganization``
  group 2), dated with ``sem:hasTimeStamp``.

Dates keep their precision (``YYYY-00-00`` a year, ``YYYY-MM-00`` a month, ``M/D/YY`` a day).
The description is kept as evidence (``skos:note``). Rows describing the same relationship
(same kind, same groups — in either order for alliances and rivalries — and same date) are
merged into one node that keeps every description and row id. A lineage row that would make
a group its own ancestor (the same split coded both ways) is left out and reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from actorgraph.importers.context import ImportContext
from actorgraph.importers.fields import partial_date, required
from actorgraph.importers.ntriples import C, P, id_segment, iri, lit, triple, typed
from actorgraph.importers.tabular import Row, RowError
from actorgraph.namespaces import CHANGE, REL

DATASET = "mmp"
NOTATION = "MMPGroupId"
REQUIRED = ("unique_id", "type", "group1_id", "group2_id", "date", "description", "group1_name", "group2_name")
RELATIONS = {"aff": C.affiliation, "all": C.alliance, "riv": C.hostility}
CHANGES = {"mer": C.merger, "spl": C.split}
SYMMETRIC = {"all", "riv"}


def required_columns(columns: list[str]) -> list[str]:
    """The columns an MMP relationship export must have."""
    return list(REQUIRED)


def clean(name: str) -> str:
    """A group name without byte-order marks, doubled or trailing spaces.

    >>> clean("\\ufeffGroup  A ")
    'Group A'
    """
    return " ".join(name.replace("\ufeff", "").split())


def _key(row: Row) -> tuple[str, str, str, str, str]:
    v = row.values
    kind = required(v["type"].lower(), "type")
    if kind not in RELATIONS and kind not in CHANGES:
        raise RowError("type", f"expected aff, all, mer, spl or riv, found {v['type']!r}")
    first, second = required(clean(v["group1_id"]), "group1_id"), required(clean(v["group2_id"]), "group2_id")
    if kind in SYMMETRIC and second < first:
        first, second = second, first
    lexical, datatype = partial_date(required(v["date"], "date"), "date")
    return kind, first, second, lexical, datatype


def record_iri(row: Row) -> str:
    """The relationship or change node a row describes (duplicates share it)."""
    kind, first, second, lexical, _ = _key(row)
    namespace = CHANGE if kind in CHANGES else REL
    return f"{namespace}mmp-{kind}-{id_segment(first)}-{id_segment(second)}-{lexical}"


def records(rows: Iterator[Row], columns: list[str]) -> Iterator[Row]:
    """One record per row (duplicates are merged by their shared IRI)."""
    return rows


def _reaches(lineage: dict[str, set[str]], start: str, goal: str) -> bool:
    stack, seen = [start], set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(lineage.get(node, ()))
    return False


def convert(row: Row, ctx: ImportContext) -> str:
    """The N-Triples of one MMP row (empty if it repeats a lineage edge the other way round)."""
    v = row.values
    kind, _, _, lexical, datatype = _key(row)
    node_iri = record_iri(row)
    node = iri(node_iri)
    groups = []
    for column in ("group1", "group2"):
        name = required(clean(v[f"{column}_name"]), f"{column}_name")
        groups.append(ctx.crosswalk.resolve(NOTATION, name, key=clean(v[f"{column}_id"]), row=row.number))
    first, second = groups
    if kind in SYMMETRIC and clean(v["group2_id"]) < clean(v["group1_id"]):
        first, second = second, first
    if kind in CHANGES and (first == second or _reaches(ctx.lineage, first, second)):
        ctx.warnings.append(f"row {row.number} ({v['unique_id']}): {kind} {clean(v['group1_name'])!r} → "
                            f"{clean(v['group2_name'])!r} would make a lineage cycle (coded both ways?); left out")
        return ""
    out: list[str] = []
    if not ctx.once(node_iri):
        ctx.warnings.append(f"row {row.number} ({v['unique_id']}): duplicate of an earlier row, merged into {node_iri}")
    elif kind in CHANGES:
        ctx.lineage.setdefault(second, set()).add(first)
        original = P.org_original if kind == "mer" else P.contributing
        names = clean(v["group1_name"]), clean(v["group2_name"])
        label = f"{names[0]} merges into {names[1]}" if kind == "mer" else f"{names[1]} splits from {names[0]}"
        out.append(triple(node, P.type, CHANGES[kind]) + triple(node, original, iri(first))
                   + triple(node, P.org_resulting, iri(second)) + triple(node, P.time, typed(lexical, datatype))
                   + triple(node, P.label, lit(f"{label} (MMP)", "en")))
    else:
        out.append(triple(node, P.type, RELATIONS[kind]) + triple(node, P.from_actor, iri(first))
                   + triple(node, P.to_actor, iri(second)) + triple(node, P.begin, typed(lexical, datatype))
                   + triple(node, P.label, lit(f"{clean(v['group1_name'])} – {clean(v['group2_name'])} ({kind}, MMP)", "en")))
    if v["description"]:
        out.append(triple(node, P.note, lit(v["description"].strip(), "en")))
    out.append(triple(node, P.row_id, lit(v["unique_id"])) + triple(node, P.derived, ctx.file_term))
    return "".join(out)
