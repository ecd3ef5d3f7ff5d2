"""ACLED exports: the older layout, the current layout, and the one-row-per-actor variant.

- **older layout** (e.g. 2019 exports): ``event_type`` without ``sub_event_type``, dates like
  ``22 February 2019``, numeric ``inter1``/``inter2``;
- **current layout**: ``disorder_type``, ``sub_event_type``, ``civilian_targeting``, ``tags``,
  ISO dates, inter codes as numbers or text;
- **monadic** ("one row per actor", as acledR's ``acled_transform`` writes it): the columns
  ``type_of_actor`` (``actor1``, ``actor2``, ``assoc_actor_1``, ``assoc_actor_2``) and ``actor``
  replace the four actor columns; consecutive rows of one ``event_id_cnty`` are one event.

Each event becomes an ``ag:Event`` (also ``ag:Attack`` for violence against civilians and
explosions/remote violence) with its date at its precision (time precision 3 is a month),
its place inside the admin hierarchy, event type concepts, fatalities, notes and ACLED's
sources; ``actor1``/``actor2`` are ``ag:sideA``/``ag:sideB``, the associated actors
``ag:associatedWithA``/``B``. A composite "X and/or Y" actor is not a new actor: it becomes
one ``ag:Claim`` with stance ``ag:Alleged`` per named actor.
"""

from __future__ import annotations

from collections.abc import Iterator

from actorgraph.importers.context import ImportContext
from actorgraph.importers.fields import coordinate, day, integer, required
from actorgraph.importers.ntriples import C, P, id_segment, iri, lit, triple, typed
from actorgraph.importers.tabular import Row, RowError
from actorgraph.namespaces import CLAIM, EVENT

DATASET = "acled"
NOTATION = "ACLEDActorName"
ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
REQUIRED = ("event_id_cnty", "event_date", "event_type", "country", "location", "latitude", "longitude",
            "fatalities")
MONADIC = ("type_of_actor", "actor")

INTER_CODES = {
    "0": "No actor", "1": "State forces", "2": "Rebel group", "3": "Political militia", "4": "Identity militia",
    "5": "Rioters", "6": "Protesters", "7": "Civilians", "8": "External/Other forces",
}
_INTER_BY_TEXT = {label.lower(): code for code, label in INTER_CODES.items()} | {
    "state forces": "1", "rebel groups": "2", "political militias": "3", "identity militias": "4",
    "external/other forces": "8", "external forces": "8", "other forces": "8"}
ATTACK_TYPES = {"violence against civilians", "explosions/remote violence", "remote violence"}
DEPLOYMENT_TYPES = {"headquarters or base established"}
COMPOSITE = " and/or "


def required_columns(columns: list[str]) -> list[str]:
    """The columns a file must have, given its header (monadic files name actors differently)."""
    actor_columns = MONADIC if "type_of_actor" in columns else ("actor1", "actor2")
    return [*REQUIRED, *actor_columns]


def record_iri(row: Row) -> str:
    """The event IRI a row describes (stable across exports: ``event_id_cnty``)."""
    return f"{EVENT}acled-{id_segment(required(row.values['event_id_cnty'], 'event_id_cnty'))}"


def records(rows: Iterator[Row], columns: list[str]) -> Iterator[Row]:
    """One record per event: monadic rows of the same event are folded into the four actor columns."""
    if "type_of_actor" not in columns:
        yield from rows
        return
    current: Row | None = None
    for row in rows:
        if row.error:
            yield row
            continue
        values = row.values
        role, actor = values.get("type_of_actor", ""), values.get("actor", "")
        if current is None or current.values["event_id_cnty"] != values["event_id_cnty"]:
            if current is not None:
                yield current
            current = Row(row.number, row.line, {**values, **{c: "" for c in ACTOR_COLUMNS}})
        if role not in ACTOR_COLUMNS:
            current.error = RowError("type_of_actor", f"expected one of {', '.join(ACTOR_COLUMNS)}, found {role!r}")
        elif actor:
            previous = current.values[role]
            current.values[role] = f"{previous}; {actor}" if previous else actor
    if current is not None:
        yield current


def _inter(ctx: ImportContext, out: list[str], value: str) -> str | None:
    if not value:
        return None
    code = value.split(".")[0] if value.replace(".", "", 1).isdigit() else _INTER_BY_TEXT.get(value.lower())
    label = INTER_CODES.get(code or "", value)
    return ctx.concept(out, "inter", label, "ACLED actor types (inter codes)")


def convert(row: Row, ctx: ImportContext) -> str:
    """The N-Triples of one ACLED event."""
    v = row.values
    event_iri = record_iri(row)
    event = iri(event_iri)
    out: list[str] = []
    when = day(required(v["event_date"], "event_date"), "event_date")
    precision = v.get("time_precision", "") or "1"
    if precision not in ("1", "2", "3"):
        raise RowError("time_precision", f"expected 1, 2 or 3, found {precision!r}")
    lat = coordinate(v["latitude"], "latitude", 90)
    long = coordinate(v["longitude"], "longitude", 180)
    fatalities = integer(v["fatalities"], "fatalities", default=0)
    geo = v.get("geo_precision", "")
    if geo and not geo.isdigit():
        raise RowError("geo_precision", f"not a precision code: {geo!r}")
    event_type = required(v["event_type"], "event_type")
    sub_type = v.get("sub_event_type", "")
    location = v["location"]

    kind = event_type.lower()
    out.append(triple(event, P.type, C.event))
    if kind in ATTACK_TYPES:
        out.append(triple(event, P.type, C.attack))
    elif kind in DEPLOYMENT_TYPES:
        out.append(triple(event, P.type, C.deployment))
    actor1, actor2 = v.get("actor1", ""), v.get("actor2", "")
    title = f"{sub_type or event_type}: {actor1}{' vs ' + actor2 if actor2 else ''}, {location} ({when})"
    out.append(triple(event, P.label, lit(title, "en")))
    if precision == "3":
        out.append(triple(event, P.time, typed(when[:7], "gYearMonth")))
    else:
        out.append(triple(event, P.time, typed(when, "date")))
    if precision != "1":
        out.append(triple(event, P.time_precision, typed(precision, "integer")))
    place = ctx.place(out, country=v["country"], admins=[v.get("admin1", ""), v.get("admin2", ""), v.get("admin3", "")],
                      name=location, lat=lat, long=long, precision=geo)
    out.append(triple(event, P.place, iri(place)))
    out.append(triple(event, P.event_type, iri(ctx.concept(out, "event-type", event_type, "ACLED event types"))))
    if sub_type:
        out.append(triple(event, P.event_type, iri(ctx.concept(out, "sub-event-type", sub_type, "ACLED sub-event types"))))
    for column, scheme, scheme_label in (("disorder_type", "disorder-type", "ACLED disorder types"),
                                         ("civilian_targeting", "civilian-targeting", "ACLED civilian targeting")):
        if v.get(column):
            out.append(triple(event, P.event_type, iri(ctx.concept(out, scheme, v[column], scheme_label))))
    count = iri(event_iri + "#fatalities")  # typed ag:FatalityCount by the range of ag:fatalities
    out.append(triple(event, P.fatalities, count) + triple(count, P.count, typed(str(fatalities), "nonNegativeInteger")))
    if v.get("notes"):
        out.append(triple(event, P.notes, lit(v["notes"], "en")))
    if v.get("source"):
        scale = v.get("source_scale", "")
        out.append(triple(event, P.citation, lit(f"{v['source']} [{scale}]" if scale else v["source"])))
    if v.get("tags"):
        out.append(triple(event, P.tags, lit(v["tags"])))
    parties = []
    for column, predicate, inter in (("actor1", P.side_a, "inter1"), ("assoc_actor_1", P.assoc_a, "inter1"),
                                     ("actor2", P.side_b, "inter2"), ("assoc_actor_2", P.assoc_b, "inter2")):
        actor_type = _inter(ctx, out, v.get(inter, "")) if column in ("actor1", "actor2") else None
        named = [_actor(ctx, out, event_iri, row, column, predicate, name, actor_type)
                 for name in filter(None, (n.strip() for n in v.get(column, "").split(";")))]
        parties.append([a for a in named if a])
    ctx.tally.add_event((when[:4],), parties[0], parties[2], parties[1], parties[3], fatalities)
    out.append(triple(event, P.row_id, lit(v["event_id_cnty"])) + triple(event, P.derived, ctx.file_term))
    return "".join(out)


def _actor(ctx: ImportContext, out: list[str], event_iri: str, row: Row, column: str, predicate: str,
           name: str, actor_type: str | None) -> str | None:
    """Write one named party; returns its IRI (None for an "X and/or Y" party, which becomes claims)."""
    if COMPOSITE not in name:
        actor = ctx.crosswalk.resolve(NOTATION, name, actor_type=actor_type, row=row.number)
        out.append(triple(iri(event_iri), predicate, iri(actor)))
        return actor
    for index, part in enumerate(filter(None, (p.strip() for p in name.split(COMPOSITE))), start=1):
        actor = ctx.crosswalk.resolve(NOTATION, part, row=row.number)
        claim = iri(f"{CLAIM}{event_iri.rsplit('/', 1)[1]}-{column.replace('_', '-')}-{index}")
        out.append(triple(claim, P.type, C.claim) + triple(claim, P.about_event, iri(event_iri))
                   + triple(claim, P.stance, C.alleged) + triple(claim, P.responsible, iri(actor))
                   + triple(claim, P.note, lit(f"ACLED codes {column} as {name!r}", "en"))
                   + triple(claim, P.derived, ctx.file_term))
    return None
