"""Profiles (``actorgraph show``): everything the graph says about one actor, person or event.

A profile is a plain dict with stable keys (the JSON of ``show --format json``);
:func:`render_profile` lays it out as text.  Contested statements (several values
from different sources, conflicting claims) are listed under ``contested`` with
every side and its sources.

>>> from actorgraph.graph import ActorGraph
>>> from actorgraph import resources
>>> g = ActorGraph.from_files([resources.model_file(), "tests/data/lookup/lookup.ttl"])
>>> p = profile(g, "https://w3id.org/actorgraph/id/actor/group-d")
>>> p["label"], p["kind"], [l["person"]["label"] for l in p["leaders"]]
('Group D', 'coalition', ['Leader One'])
>>> sorted(r["other"]["label"] for r in p["adversaries"])
['Forces of Xland (2010-)', 'Group H']
"""

from __future__ import annotations

from typing import Any

from actorgraph import resources
from actorgraph.contested import claims, disagreements, fatality_text
from actorgraph.lineage import date_key, distinct_dates, lineage
from actorgraph.listing import class_tree
from actorgraph.names import describe
from actorgraph.relations import relations
from actorgraph.sources import sources_for
from actorgraph.summaries import recent_events

SKOS = "http://www.w3.org/2004/02/skos/core#"
AG = "https://w3id.org/actorgraph/ontology#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROV_SOURCE = "http://www.w3.org/ns/prov#wasDerivedFrom"
FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
EVENTS_SHOWN = 20
_EVENT_ROLES = {AG + "participant": "participants", AG + "target": "targets", AG + "sideA": "side_a",
                AG + "sideB": "side_b", AG + "associatedWithA": "associated_with_a",
                AG + "associatedWithB": "associated_with_b", AG + "victim": "victims"}


def _facts(graph: Any, iri: str) -> list[dict[str, Any]]:
    return graph.select(resources.query_text("entity-facts"), entity=iri)


def _values(facts: list[dict[str, Any]], prop: str) -> list[dict[str, Any]]:
    """The distinct values of ``prop`` (a string in two languages counts twice), in a stable order."""
    seen, out = set(), []
    for f in facts:
        key = (f["value"], f.get("lang") or "")
        if f["property"] == prop and key not in seen:
            seen.add(key)
            out.append(f)
    return sorted(out, key=lambda f: (str(f.get("valueLabel") or ""), str(f["value"]), f.get("lang") or ""))


def _dates(facts: list[dict[str, Any]]) -> list[str]:
    """Dates in time order, a coarser one before the finer ones it contains ("2017", "2017-03", "2017-03-01")."""
    return sorted((str(f["value"]) for f in facts), key=date_key)


def _party(f: dict[str, Any]) -> dict[str, Any]:
    return {"id": f["value"], "label": f.get("valueLabel") or str(f["value"]).rsplit("/", 1)[-1]}


def _names(facts: list[dict[str, Any]]) -> dict[str, Any]:
    def named(prop: str) -> list[dict[str, Any]]:
        return sorted(({"name": f["value"], "lang": f.get("lang") or None} for f in _values(facts, prop)),
                      key=lambda n: (n["lang"] or "", n["name"]))

    notations = [{"value": f["value"], "scheme": (f.get("datatype") or "").rsplit("#", 1)[-1] or None}
                 for f in _values(facts, SKOS + "notation")]
    return {"preferred": named(SKOS + "prefLabel") or named(FOAF_NAME), "aliases": named(SKOS + "altLabel"),
            "misspellings": named(SKOS + "hiddenLabel"), "dataset_names": notations}


def _posts(graph: Any, **binding: str) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for row in graph.select(resources.query_text("posts"), **binding):
        post = found.setdefault(row["post"], {
            "person": {"id": row["member"], "label": row.get("memberLabel") or row["member"].rsplit("/", 1)[-1]},
            "organization": {"id": row["organization"],
                             "label": row.get("organizationLabel") or row["organization"].rsplit("/", 1)[-1]},
            "role": row.get("roleLabel"), "begin": row.get("begin"), "end": row.get("end"), "sources": set()})
        if row.get("source"):
            post["sources"].add(row["source"])
    posts = sorted(found.values(), key=lambda p: (p["begin"] or "", p["organization"]["label"]))
    for post in posts:
        post["sources"] = [s.as_dict() for s in sources_for(graph, post["sources"])]
    return posts


def profile(graph: Any, iri: str) -> dict[str, Any]:
    """The profile of the actor, person or event with IRI ``iri``."""
    entity = describe(graph, iri)
    facts = _facts(graph, iri)
    tree = class_tree(graph)
    types = [f["value"] for f in _values(facts, RDF_TYPE)]
    kinds = [tree[t]["label"] for t in types if t in tree]
    category = entity.category if entity else "actor"
    result: dict[str, Any] = {
        "id": iri, "category": category, "label": entity.label if entity else iri.rsplit("/", 1)[-1],
        "kind": entity.kind if entity else (kinds[0] if kinds else None), "names": _names(facts),
        "dates": {"begin": _dates(_values(facts, SEM + "hasBeginTimeStamp")),
                  "end": _dates(_values(facts, SEM + "hasEndTimeStamp")),
                  "on": _dates(_values(facts, SEM + "hasTimeStamp")),
                  "end_status": [f.get("valueLabel") for f in _values(facts, AG + "endStatus")]},
        "external_ids": [f["value"] for f in _values(facts, SKOS + "exactMatch")],
        "sources": [s.as_dict() for s in sources_for(graph, [f["value"] for f in _values(facts, PROV_SOURCE)])],
    }
    # the most recent events only (a store may hold 100,000 for one actor), oldest first, and how many in all
    recent = recent_events(graph, iri, EVENTS_SHOWN) if category in ("actor", "person") else {"total": 0, "events": []}
    involved = sorted(recent["events"], key=lambda e: (e["date"] or "", e["id"]))
    result["events"], result["events_total"] = involved, recent["total"]
    related = {iri} | {e["id"] for e in involved}
    if category == "actor":
        result["countries"] = [_party(f) for f in _values(facts, AG + "country")]
        result["state"] = [_party(f) for f in _values(facts, AG + "stateOf")]
        result["conducted_by"] = [_party(f) for f in _values(facts, AG + "conductedBy")]
        posts = _posts(graph, organization=iri)
        result["leaders"] = [p for p in posts if p["role"] in (None, "leader", "head of state")]
        result["other_posts"] = [p for p in posts if p not in result["leaders"]]
        tree_ = lineage(graph, iri)
        result["lineage"] = tree_.as_dict(graph)
        related |= {s.change for s in tree_.ancestors + tree_.descendants}
        rels = relations(graph, iri)
        related |= {r.id for r in rels}
        result["allies"] = [r.as_dict() for r in rels if r.kind == "alliance"]
        result["adversaries"] = [r.as_dict() for r in rels if r.kind == "rivalry"]
        result["other_relations"] = [r.as_dict() for r in rels if r.kind not in ("alliance", "rivalry")]
        result["attributions"] = [c.as_dict() for c in claims(graph) if iri in (c.responsible, c.stated_by)]
    elif category == "person":
        result["posts"] = _posts(graph, member=iri)
        result["based_at"] = [_party(f) for f in _values(facts, AG + "reputedlyBasedAt")]
        result["claims"] = [c.as_dict() for c in claims(graph) if c.event in related]
    else:
        result["places"] = [_place(graph, f) for f in _values(facts, SEM + "hasPlace")]
        for prop, key in _EVENT_ROLES.items():
            result[key] = [_party(f) for f in _values(facts, prop)]
        result["part_of"] = [_party(f) for f in _values(facts, SEM + "subEventOf")]
        result["statements"] = [f["value"] for f in _values(facts, AG + "statement")]
        result["conditions"] = [f["value"] for f in _values(facts, AG + "condition")]
        result["fatalities"] = _fatalities(graph, iri)
        result["claims"] = [c.as_dict() for c in claims(graph, iri)]
    result["contested"] = [d for d in disagreements(graph) if d["subject"]["id"] in related]
    return result


def _place(graph: Any, fact: dict[str, Any]) -> dict[str, Any]:
    place = _party(fact)
    place["within"], distances = [], {}
    for row in graph.select(resources.query_text("place-hierarchy"), place=fact["value"]):
        if row.get("container"):
            place["within"].append({"id": row["container"], "label": row.get("containerLabel"),
                                    "level": row.get("level")})
        elif row.get("toPlace"):  # one entry per distance node, with all its sources
            entry = distances.setdefault(row["distance"], {"to": {"id": row["toPlace"], "label": row.get("toLabel")},
                                                           "km": row["km"], "sources": set()})
            if row.get("distanceSource"):
                entry["sources"].add(row["distanceSource"])
    for entry in distances.values():
        entry["sources"] = [s.as_dict() for s in sources_for(graph, entry["sources"])]
    place["distances"] = sorted(distances.values(), key=lambda d: (d["to"]["label"] or "", d["km"],
                                                                    [s["id"] for s in d["sources"]]))
    place["within"].sort(key=lambda p: (-(p["level"] if p["level"] is not None else 99), p["label"] or "", p["id"]))
    return place


def _fatalities(graph: Any, event: str) -> list[dict[str, Any]]:
    figures: dict[str, dict[str, Any]] = {}
    for row in graph.select(resources.query_text("fatalities"), event=event):
        figure = figures.setdefault(row["figure"], {"count": row.get("count"), "minimum": row.get("minimum"),
                                                    "maximum": row.get("maximum"),
                                                    "victim_group": row.get("victimGroup"), "sources": set()})
        if row.get("source"):
            figure["sources"].add(row["source"])
    out = []
    for figure in figures.values():
        figure["text"] = fatality_text(figure)
        figure["sources"] = [s.as_dict() for s in sources_for(graph, figure["sources"])]
        out.append(figure)
    return sorted(out, key=lambda f: f["text"])


def _short(sources: list[dict[str, Any]]) -> str:
    if not sources:
        return " [no source]"
    parts = []
    for s in sources:
        details = ", ".join(str(x) for x in (s.get("publisher"), s.get("date")) if x)
        name = s.get("title") or s["id"].rsplit("/", 1)[-1]
        parts.append(f"{name} ({details})" if details else name)
    return " [" + "; ".join(parts) + "]"


def _period(item: dict[str, Any]) -> str:
    end = item.get("end") or (f"({item['end_status']})" if item.get("end_status") else "")
    return f"{item.get('begin') or '?'}–{end}"


def render_profile(p: dict[str, Any]) -> str:
    """The profile as readable text, one section per heading; contested items marked ``[contested]``."""
    lines = [f"{p['label']} ({p['kind'] or p['category']})", f"  id: {p['id']}"]
    names = p["names"]
    aliases = [f"{n['name']}" + (f" [{n['lang']}]" if n["lang"] else "") for n in names["aliases"]]
    if aliases:
        lines.append("  also known as: " + "; ".join(aliases))
    if names["misspellings"]:
        lines.append("  misspelt as: " + "; ".join(n["name"] for n in names["misspellings"]))
    for n in names["dataset_names"]:
        lines.append(f"  dataset name: {n['value']}" + (f" ({n['scheme']})" if n["scheme"] else ""))
    dates = p["dates"]
    on, begin, end = (distinct_dates(dates[k]) for k in ("on", "begin", "end"))
    if on:
        lines.append("  date: " + " / ".join(on) + (" [contested]" if len(on) > 1 else ""))
    if begin or end or dates["end_status"]:
        until = " / ".join(end) or (dates["end_status"][0] if dates["end_status"] else "")
        lines.append(f"  active: {' / '.join(begin) or '?'}–{until}")
    for key, title in (("countries", "countries"), ("state", "state"), ("conducted_by", "conducted by"),
                       ("based_at", "reputedly based at")):
        if p.get(key):
            lines.append(f"  {title}: " + ", ".join(x["label"] for x in p[key]))
    if p["external_ids"]:
        lines.append("  external ids: " + ", ".join(p["external_ids"]))

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.append(title + ":")
            lines.extend("  " + item for item in items)

    def post_text(post: dict[str, Any], who: str) -> str:
        return f"{post[who]['label']} — {post['role'] or 'post'}, {_period(post)}{_short(post['sources'])}"

    section("leaders", [post_text(x, "person") for x in p.get("leaders", [])])
    section("other posts", [post_text(x, "person") for x in p.get("other_posts", [])])
    section("posts", [post_text(x, "organization") for x in p.get("posts", [])])
    if "lineage" in p:
        lin = p["lineage"]
        def when(step: dict[str, Any]) -> str:
            return " / ".join(step["distinct_dates"]) or "?"

        items = [f"from {a['label']} — {a['relation']} {when(a)} ({a['note']})" for a in lin["ancestors"]
                 if a["depth"] == 1]
        items += [f"into {d['label']} — {d['relation']} {when(d)}" for d in lin["descendants"] if d["depth"] == 1]
        if lin["actor"].get("dissolved"):
            items.append(f"dissolved {lin['actor']['dissolved']['date'] or '(date unknown)'}")
        section("lineage (see `actorgraph lineage` for the whole tree)", items)

    def rel_text(r: dict[str, Any]) -> str:
        flags = (f", {r['confidence']}" if r.get("confidence") else "") + (" [contested]" if r["contested"] else "")
        return f"{r['other']['label']} — {r['relation']}, {_period(r)}{flags}{_short(r['sources'])}"

    section("allies", [rel_text(r) for r in p.get("allies", [])])
    section("adversaries", [rel_text(r) for r in p.get("adversaries", [])])
    section("other relations", [rel_text(r) for r in p.get("other_relations", [])])
    for key, title in (("places", "place"),):
        for place in p.get(key, []):
            within = ", ".join(w["label"] or w["id"] for w in place["within"])
            lines.append(f"  {title}: {place['label']}" + (f" ({within})" if within else ""))
            for d in place["distances"]:
                lines.append(f"    {d['km']} km from {d['to']['label']}{_short(d['sources'])}")
    for key in ("participants", "targets", "side_a", "side_b", "victims", "part_of"):
        if p.get(key):
            lines.append(f"  {key.replace('_', ' ')}: " + ", ".join(x["label"] for x in p[key]))
    section("statements", p.get("statements", []))
    section("conditions", p.get("conditions", []))
    section("fatalities", [f["text"] + (f" {f['victim_group']}" if f["victim_group"] else "") + _short(f["sources"])
                           for f in p.get("fatalities", [])])

    def claim_text(c: dict[str, Any]) -> str:
        who = c["stated_by"]["label"] if c["stated_by"] else "?"
        bits = [f"by {who}", c["stated_on"], f"via {c['channel']}" if c["channel"] else None,
                f"reported by {c['reported_by']['label']}" if c["reported_by"] else None]
        resp = c["responsible"]["label"] if c["responsible"] else "?"
        return (f"{c['event']['label']}: {c['stance'] or 'claim'} — {resp} ("
                + ", ".join(b for b in bits if b) + ")" + _short(c["sources"]))

    section("claims", [claim_text(c) for c in p.get("claims", [])])
    section("attributions", [claim_text(c) for c in p.get("attributions", [])])
    section("events", [f"{e['date'] or '?'} {e['label']} ({e['kind']}; {', '.join(e['roles'])})"
                       + (" [contested]" if e["contested"] else "") for e in p.get("events", [])])
    contested = []
    for d in p["contested"]:
        contested.append(f"{d['subject']['label']} — {d['property']}:")
        contested += [f"  {s['value']}{_short(s['sources'])}" for s in d["sides"]]
        contested += [f"  {n}" for n in d["notes"]]
    section("contested", contested)
    section("sources", [_short([s])[2:-1] + (f" <{s['url']}>" if s.get("url") else "") for s in p["sources"]])
    return "\n".join(lines)
