"""The interactive HTML view: one self-contained file that works offline.

vis-network's script and styles are read from the copy shipped inside the
installed ``pyvis`` package and inlined, with the page's own script and styles
(``export/assets``); nothing is fetched when the file is opened and nothing is
written besides the file itself.  The data travels as JSON in a
``<script type="application/json">`` element (with ``<``, ``>`` and ``&``
escaped), and the page script puts every label, date and source into the page
as text (``textContent``), never as markup.  A Content-Security-Policy allows
only the page's own two scripts (by hash) and no network request at all.

>>> import networkx as nx
>>> net = nx.MultiDiGraph()
>>> net.add_node("https://example.org/a", label="<img src=x onerror=alert(1)>", kind="armed-group")
>>> page = html_document(net)
>>> "<img src=x" in page, "\\\\u003cimg src=x onerror=alert(1)\\\\u003e" in page
(False, True)
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actorgraph.dates import PartialDate
from actorgraph.errors import ActorgraphError
from actorgraph.export import atomic_write_text
from actorgraph.network import local_name, parse_date

if TYPE_CHECKING:
    import networkx as nx

#: actor kind -> legend label, fill, border, vis-network shape
NODE_KINDS: dict[str, dict[str, str]] = {
    "armed-group": {"label": "Armed group", "color": "#f28e2b", "border": "#b9651a", "shape": "dot"},
    "coalition": {"label": "Coalition", "color": "#d4578c", "border": "#9c3564", "shape": "hexagon"},
    "state-force": {"label": "State force", "color": "#4e79a7", "border": "#2f557f", "shape": "square"},
    "government": {"label": "Government", "color": "#76a5d8", "border": "#3f6fa3", "shape": "triangle"},
    "junta": {"label": "Military junta", "color": "#2b4f7e", "border": "#17304f", "shape": "triangleDown"},
    "private-military-company": {"label": "Private military company", "color": "#8b63c9", "border": "#5e3f91",
                                 "shape": "diamond"},
    "international-mission": {"label": "International mission", "color": "#3aa99f", "border": "#257a72",
                              "shape": "star"},
    "foreign-operation": {"label": "Foreign military operation", "color": "#59a14f", "border": "#3b7334",
                          "shape": "star"},
    "state": {"label": "State", "color": "#7f8fa4", "border": "#56657a", "shape": "square"},
    "intergovernmental-organisation": {"label": "Intergovernmental organisation", "color": "#a9b8cc",
                                       "border": "#6f8096", "shape": "star"},
    "imported": {"label": "Imported actor", "color": "#c9d1da", "border": "#8f9baa", "shape": "dot"},
    "actor": {"label": "Other actor", "color": "#b0bac6", "border": "#7b8794", "shape": "dot"},
}
#: relation kind -> legend label, colour, width, dashes, arrow
EDGE_KINDS: dict[str, dict[str, Any]] = {
    "alliance": {"label": "Alliance", "color": "#2e9e5b", "width": 2.5, "dashes": False, "arrow": False},
    "hostility": {"label": "Hostility", "color": "#d64545", "width": 2, "dashes": False, "arrow": False},
    "affiliation": {"label": "Affiliate of", "color": "#3a7bd5", "width": 2, "dashes": [7, 4], "arrow": True},
    "allegiance": {"label": "Pledged allegiance to", "color": "#8e5cc4", "width": 2, "dashes": [2, 4], "arrow": True},
    "component": {"label": "Component of", "color": "#2a9d8f", "width": 2, "dashes": [9, 3], "arrow": True},
    "support": {"label": "Supports", "color": "#e0a030", "width": 2, "dashes": False, "arrow": True},
    "merger": {"label": "Lineage: merger", "color": "#33414e", "width": 3, "dashes": False, "arrow": True},
    "split": {"label": "Lineage: split", "color": "#33414e", "width": 2.5, "dashes": [7, 4], "arrow": True},
    "rename": {"label": "Lineage: rename", "color": "#33414e", "width": 2.5, "dashes": [2, 3], "arrow": True},
    "absorption": {"label": "Lineage: absorption", "color": "#5c6b7a", "width": 2.5, "dashes": [10, 3, 2, 3],
                   "arrow": True},
    "successor": {"label": "Lineage: successor", "color": "#8292a2", "width": 2, "dashes": False, "arrow": True},
    "event-hostility": {"label": "Fought (events)", "color": "#f1a9a9", "width": 1.2, "dashes": [3, 3],
                        "arrow": False},
    "co-belligerence": {"label": "Fought alongside (events)", "color": "#96d2ad", "width": 1.2, "dashes": [3, 3],
                        "arrow": False},
}

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="actorgraph">
<title>{title}</title>
<style>
{vis_css}
{app_css}
</style>
</head>
<body>
<div id="graph" aria-label="network of actors"></div>
<div id="loading">Laying out the network…</div>
<div id="controls" class="panel">
  <h1>{title}</h1>
  <p class="subtitle">{subtitle}</p>
  <input id="search" type="search" list="actor-names" placeholder="Find an actor (name, alias, acronym)"
         aria-label="find an actor" autocomplete="off">
  <datalist id="actor-names"></datalist>
  <div id="search-message" role="status"></div>
  <h2>Date</h2>
  <div class="time-row">
    <button id="play" type="button" title="Play">▶</button>
    <input id="date-slider" type="range" aria-label="date">
    <span id="date-label"></span>
  </div>
  <label class="toggle"><input id="time-on" type="checkbox"> only what held on this date</label>
  <label class="toggle"><input id="show-ceased" type="checkbox" checked> keep groups that ceased, faded</label>
  <h2>Relations</h2>
  <div id="relation-kinds"></div>
  <h2>Actors</h2>
  <div id="actor-kinds"></div>
  <div id="status" role="status"></div>
</div>
<div id="info" class="panel" aria-live="polite">
  <button id="info-close" type="button" title="Close">×</button>
  <div id="info-body"></div>
</div>
<div id="tooltip" role="tooltip"></div>
<script type="application/json" id="actorgraph-data">{data}</script>
<script>{vis_js}</script>
<script>{app_js}</script>
</body>
</html>
"""


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's standalone script and the parts of its stylesheet the page uses.

    They come from the newest ``vis-*`` folder inside the installed pyvis package;
    the stylesheet's navigation and editing rules (which embed images) are dropped.
    """
    try:
        lib = resources.files("pyvis") / "templates" / "lib"
        folders = [p for p in lib.iterdir() if p.name.startswith("vis-") and (p / "vis-network.min.js").is_file()]
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        folders = []
    if not folders:
        raise ActorgraphError("vis-network was not found inside the installed pyvis package; reinstall pyvis")
    newest = max(folders, key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.name)))
    script = (newest / "vis-network.min.js").read_text(encoding="utf-8")
    css = (newest / "vis-network.css").read_text(encoding="utf-8")
    rules = re.findall(r"[^{}]+\{[^{}]*\}", css)
    kept = [r.strip() for r in rules if "url(" not in r and re.search(r"vis-(network|tooltip)", r.split("{")[0])]
    return script, "\n".join(kept)


def _asset(name: str) -> str:
    return (resources.files("actorgraph.export") / "assets" / name).read_text(encoding="utf-8")


def _json_for_script(data: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left as such.

    >>> _json_for_script({"a": "</script><b>&"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _day(value: Any, latest: bool) -> int | None:
    parsed = parse_date(value)
    if parsed is None:
        return None
    day = parsed.latest if latest else parsed.earliest
    return day.year * 10000 + day.month * 100 + day.day


def _month_index(day: int) -> int:
    return (day // 10000) * 12 + (day // 100) % 100 - 1


def payload(net: nx.MultiDiGraph, sources: dict[str, dict[str, Any]] | None = None, *,
            title: str = "actorgraph", as_of: PartialDate | None = None) -> dict[str, Any]:
    """The JSON the page reads: nodes, edges, sources, kinds, the date range (in months).

    Dates travel twice: as text (``start``, ``end``, for people) and as
    ``YYYYMMDD`` numbers of their first and last possible day (``s``, ``e``),
    which the slider compares.

    >>> import networkx as nx
    >>> net = nx.MultiDiGraph()
    >>> net.add_edge("a", "b", key="r", kind="alliance", start="2012-01", end="2012-06")
    'r'
    >>> data = payload(net)
    >>> data["edges"][0]["s"], data["edges"][0]["e"], data["range"] == [2012 * 12, 2012 * 12 + 11]
    (20120101, 20120630, True)
    """
    sources = sources or {}
    source_index: dict[str, int] = {}
    source_rows: list[dict[str, str]] = []

    def cite(text: Any) -> list[int]:
        out = []
        for iri in str(text or "").split():
            if iri not in source_index:
                source_index[iri] = len(source_rows)
                info = sources.get(iri, {})
                source_rows.append({"iri": iri, **{k: str(info[k]) for k in ("title", "publisher", "date", "url")
                                                   if info.get(k)}})
            out.append(source_index[iri])
        return out

    ids = {node: i for i, node in enumerate(net.nodes)}
    days: list[int] = []
    nodes = []
    for node, attrs in net.nodes(data=True):
        kind = attrs.get("kind") if attrs.get("kind") in NODE_KINDS else "actor"
        s, e = _day(attrs.get("start"), False), _day(attrs.get("end"), True)
        days.extend(d for d in (s, e) if d)
        nodes.append({"id": ids[node], "iri": str(node), "label": str(attrs.get("label") or local_name(str(node))),
                      "kind": kind, "aliases": [a for a in str(attrs.get("aliases") or "").split("; ") if a],
                      "start": attrs.get("start"), "end": attrs.get("end"), "s": s, "e": e,
                      "sources": cite(attrs.get("sources"))})
    edges = []
    for i, (a, b, attrs) in enumerate(net.edges(data=True)):
        kind = attrs.get("kind")
        if kind not in EDGE_KINDS:
            continue
        s, e = _day(attrs.get("start"), False), _day(attrs.get("end"), True)
        if attrs.get("category") != "lineage":       # a relation holds only while both parties exist
            s = max((d for d in (s, nodes[ids[a]]["s"], nodes[ids[b]]["s"]) if d), default=None)
            e = min((d for d in (e, nodes[ids[a]]["e"], nodes[ids[b]]["e"]) if d), default=None)
        days.extend(d for d in (s, e) if d)
        edge = {"id": i, "from": ids[a], "to": ids[b], "kind": kind, "category": attrs.get("category", "relationship"),
                "rel": str(attrs.get("rel") or ""), "start": attrs.get("start"), "end": attrs.get("end"),
                "s": s, "e": e, "sources": cite(attrs.get("sources"))}
        for key in ("confidence", "label", "events", "fatalities"):
            if attrs.get(key) not in (None, ""):
                edge[key] = attrs[key]
        edges.append(edge)
    if as_of is not None:
        days.append(_day(str(as_of), False))
    if days:
        low, high = min(days) // 10000, max(days) // 10000
    else:
        low = high = 2000
    return {"title": title, "nodes": nodes, "edges": edges, "sources": source_rows,
            "nodeKinds": NODE_KINDS, "edgeKinds": EDGE_KINDS, "range": [low * 12, high * 12 + 11],
            "asOf": str(as_of) if as_of is not None else None,
            "asOfMonth": _month_index(_day(str(as_of), False)) if as_of is not None else None}


def _csp(*scripts: str) -> str:
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                      for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")


def html_document(net: nx.MultiDiGraph, sources: dict[str, dict[str, Any]] | None = None, *,
                  title: str = "actorgraph", as_of: PartialDate | None = None) -> str:
    """The whole page as a string (see :func:`write_html`)."""
    vis_js, vis_css = vis_assets()
    app_js, app_css = _asset("actorgraph.js"), _asset("actorgraph.css")
    data = payload(net, sources, title=title, as_of=as_of)
    subtitle = (f"{len(data['nodes'])} actors, {len(data['edges'])} links"
                + (f", as of {as_of}" if as_of is not None else "")
                + ". Hover for details, click for sources.")
    return _TEMPLATE.format(csp=_csp(vis_js, app_js), title=html.escape(title), subtitle=html.escape(subtitle),
                            vis_css=vis_css, app_css=app_css, data=_json_for_script(data),
                            vis_js=vis_js, app_js=app_js)


def write_html(net: nx.MultiDiGraph, path: Path | str, sources: dict[str, dict[str, Any]] | None = None, *,
               title: str = "actorgraph", as_of: PartialDate | None = None) -> Path:
    """Write the interactive page to ``path`` (atomically) and return the path."""
    return atomic_write_text(Path(path), html_document(net, sources, title=title, as_of=as_of))
