"""UCDP Georeferenced Event Dataset (GED) exports: the yearly releases and the candidate releases.

Both share the GED columns (``id``, ``side_a``/``side_b`` with their ``*_new_id``, ``dyad_*``,
``type_of_violence``, ``best``/``low``/``high``, ``date_start``/``date_end``/``date_prec``,
``where_prec``, ``source_original``…). An event's date is the window
``sem:hasBeginTimeStamp``–``sem:hasEndTimeStamp`` (and ``sem:hasTimeStamp`` when it is one
day), its fatalities the best estimate with the low–high range, plus one count per victim
group (side A, side B, civilians, unknown). Actors are matched by UCDP actor id first, then
by name; unmatched ones become ``actor:ucdp-<id>``.
"""

from __future__ import annotations

from collections.abc import Iterator

from actorgraph.importers.context import ImportContext
from actorgraph.importers.fields import coordinate, day, integer, required
from actorgraph.importers.ntriples import C, P, id_segment, iri, lit, triple, typed
from actorgraph.importers.tabular import Row, RowError
from actorgraph.namespaces import EVENT

DATASET = "ucdp"
REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "best", "latitude", "longitude",
            "country")
VIOLENCE = {"1": "State-based conflict", "2": "Non-state conflict", "3": "One-sided violence"}
VICTIM_GROUPS = (("deaths_a", "side A"), ("deaths_b", "side B"), ("deaths_civilians", "civilians"),
                 ("deaths_unknown", "unknown"))


def required_columns(columns: list[str]) -> list[str]:
    """The columns a GED file must have."""
    return list(REQUIRED)


def record_iri(row: Row) -> str:
    """The event IRI a row describes (UCDP's ``id``)."""
    return f"{EVENT}ucdp-{id_segment(required(row.values['id'], 'id'))}"


def records(rows: Iterator[Row], columns: list[str]) -> Iterator[Row]:
    """One record per row."""
    return rows


def _side(ctx: ImportContext, name: str, actor_id: str, row: Row) -> str:
    notations = ctx.crosswalk.notations
    if ("UCDPActorName", name) in notations and ("UCDPActorId", actor_id) not in notations:
        return ctx.crosswalk.resolve("UCDPActorName", name, row=row.number)
    if actor_id:
        return ctx.crosswalk.resolve("UCDPActorId", name, key=actor_id, row=row.number)
    return ctx.crosswalk.resolve("UCDPActorName", name, row=row.number)


def convert(row: Row, ctx: ImportContext) -> str:
    """The N-Triples of one GED event."""
    v = row.values
    event_iri = record_iri(row)
    event = iri(event_iri)
    out: list[str] = []
    violence = required(v["type_of_violence"], "type_of_violence")
    if violence not in VIOLENCE:
        raise RowError("type_of_violence", f"expected 1, 2 or 3, found {violence!r}")
    start = day(required(v["date_start"], "date_start"), "date_start")
    end = day(required(v["date_end"], "date_end"), "date_end")
    if end < start:
        raise RowError("date_end", f"{end} is before date_start {start}")
    lat = coordinate(v["latitude"], "latitude", 90)
    long = coordinate(v["longitude"], "longitude", 180)
    best = integer(v["best"], "best")
    low = integer(v.get("low", ""), "low", default=best)
    high = integer(v.get("high", ""), "high", default=best)
    side_a, side_b = required(v["side_a"], "side_a"), required(v["side_b"], "side_b")
    where = v.get("where_coordinates", "") or v.get("adm_2", "") or v["country"]

    out.append(triple(event, P.type, C.event))
    if violence == "3":
        out.append(triple(event, P.type, C.attack))
    title = f"{VIOLENCE[violence]}: {side_a} vs {side_b}, {where} ({start}{'' if start == end else ' to ' + end})"
    out.append(triple(event, P.label, lit(title, "en")))
    out.append(triple(event, P.begin, typed(start, "date")) + triple(event, P.end, typed(end, "date")))
    if start == end:
        out.append(triple(event, P.time, typed(start, "date")))
    if v.get("date_prec"):
        out.append(triple(event, P.time_precision, typed(str(integer(v["date_prec"], "date_prec")), "integer")))
    precision = str(integer(v["where_prec"], "where_prec")) if v.get("where_prec") else ""
    place = ctx.place(out, country=v["country"], admins=[v.get("adm_1", ""), v.get("adm_2", "")],
                      name=where, lat=lat, long=long, precision=precision)
    out.append(triple(event, P.place, iri(place)))
    out.append(triple(event, P.event_type, iri(ctx.concept(out, "type-of-violence", VIOLENCE[violence],
                                                            "UCDP types of violence"))))
    if v.get("dyad_name"):
        out.append(triple(event, P.dyad, iri(ctx.concept(out, "dyad", v["dyad_name"], "UCDP dyads"))))
    count = iri(event_iri + "#fatalities")
    out.append(triple(event, P.fatalities, count) + triple(count, P.type, C.fatality_count)
               + triple(count, P.count, typed(str(best), "nonNegativeInteger"))
               + triple(count, P.minimum, typed(str(low), "nonNegativeInteger"))
               + triple(count, P.maximum, typed(str(high), "nonNegativeInteger"))
               + triple(count, P.derived, ctx.file_term))
    figures = [best]
    for column, group in VICTIM_GROUPS:
        if v.get(column):
            figures.append(integer(v[column], column))
            node = iri(f"{event_iri}#{column.replace('_', '-')}")
            out.append(triple(event, P.fatalities, node) + triple(node, P.type, C.fatality_count)
                       + triple(node, P.count, typed(str(integer(v[column], column)), "nonNegativeInteger"))
                       + triple(node, P.victim_group, lit(group)) + triple(node, P.derived, ctx.file_term))
    actor_a, actor_b = _side(ctx, side_a, v.get("side_a_new_id", ""), row), _side(ctx, side_b, v.get("side_b_new_id", ""), row)
    out.append(triple(event, P.side_a, iri(actor_a)) + triple(event, P.side_b, iri(actor_b)))
    ctx.tally.add_event((start[:4],), (actor_a,), (actor_b,), (), (), max(figures))
    if v.get("source_original"):
        out.append(triple(event, P.citation, lit(v["source_original"])))
    if v.get("where_description"):
        out.append(triple(event, P.notes, lit(v["where_description"], "en")))
    out.append(triple(event, P.row_id, lit(v["id"])) + triple(event, P.derived, ctx.file_term))
    return "".join(out)

