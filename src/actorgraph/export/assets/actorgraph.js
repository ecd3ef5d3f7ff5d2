/* actorgraph HTML view.  Reads its data from <script type="application/json" id="actorgraph-data">.
 * Data never becomes markup: every name, date and source is put in the page with textContent,
 * DOM properties or the canvas (vis-network draws labels as text). */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("actorgraph-data").textContent);
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var SVGNS = "http://www.w3.org/2000/svg";
  var nodesById = new Map(), edgesById = new Map();
  var nodeKindOn = {}, edgeKindOn = {};
  var api = {ready: false};
  var state = {timeOn: DATA.asOf !== null, month: 0, showCeased: true, playing: null};

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { node[k] = attrs[k]; }); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  /* -- dates ------------------------------------------------------------------------------ */
  function humanDate(text) {
    if (!text) { return ""; }
    var p = String(text).split("-");
    if (p.length === 1) { return p[0]; }
    if (p.length === 2) { return MONTHS[+p[1] - 1] + " " + p[0]; }
    return (+p[2]) + " " + MONTHS[+p[1] - 1] + " " + p[0];
  }
  function span(start, end, open) {
    if (!start && !end) { return open ? "" : "dates unknown"; }
    return (start ? humanDate(start) : "?") + " \u2013 " + (end ? humanDate(end) : "");
  }
  function monthWindow(m) {      /* [first day, last day] of month index m as YYYYMMDD numbers */
    var y = Math.floor(m / 12), mo = (m % 12) + 1;
    return [y * 10000 + mo * 100 + 1, y * 10000 + mo * 100 + 31];
  }
  function monthText(m) { return MONTHS[m % 12].slice(0, 3) + " " + Math.floor(m / 12); }

  /* -- the network -------------------------------------------------------------------------- */
  var big = DATA.nodes.length > 1000 || DATA.edges.length > 3000;
  var degree = new Map();
  DATA.edges.forEach(function (e) {
    degree.set(e.from, (degree.get(e.from) || 0) + 1);
    degree.set(e.to, (degree.get(e.to) || 0) + 1);
  });
  function nodeStyle(n, ghost) {
    var kind = DATA.nodeKinds[n.kind] || DATA.nodeKinds.actor;
    var colour = ghost ? "#e4e7eb" : kind.color;
    return {
      color: {background: colour, border: ghost ? "#9aa5b1" : kind.border,
              highlight: {background: colour, border: "#1f2933"}, hover: {background: colour, border: "#1f2933"}},
      font: {color: ghost ? "#9aa5b1" : "#1f2933"},
      shapeProperties: {borderDashes: ghost ? [3, 3] : false}
    };
  }
  function shortLabel(n) {        /* a long name is drawn by its acronym (GSIM, MNLA) when it has one */
    if (n.label.length <= 24) { return n.label; }
    var initials = n.label.split(/[\s-]+/).map(function (w) { return w.charAt(0).toUpperCase(); }).join("");
    function fromInitials(a) {   /* an acronym of the (English) name itself: ISGS, not the French EIGS */
      var i = 0;
      a.replace(/-/g, "").split("").forEach(function (c) { i = initials.indexOf(c, i) < 0 ? 99 : initials.indexOf(c, i) + 1; });
      return i < 99;
    }
    var acronyms = n.aliases.filter(function (a) { return /^[A-Z][A-Z0-9-]{1,7}$/.test(a); }).sort(function (a, b) {
      return (a.indexOf("-") >= 0) - (b.indexOf("-") >= 0) || b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
    });
    var own = acronyms.filter(fromInitials);
    return own.length ? own[0] : acronyms.length ? acronyms[0] : n.label;
  }
  var visNodes = DATA.nodes.map(function (n) {
    nodesById.set(n.id, n);
    var kind = DATA.nodeKinds[n.kind] || DATA.nodeKinds.actor;
    var item = Object.assign({id: n.id, label: shortLabel(n), shape: kind.shape,
                              size: 11 + Math.min(18, 3.5 * Math.sqrt(degree.get(n.id) || 0)), hidden: false}, nodeStyle(n, false));
    n.ghost = false; n.hidden = false;
    return item;
  });
  var visEdges = DATA.edges.map(function (e) {
    edgesById.set(e.id, e);
    var kind = DATA.edgeKinds[e.kind];
    e.hidden = false;
    return {id: e.id, from: e.from, to: e.to, color: {color: kind.color, highlight: kind.color, hover: kind.color, opacity: 0.85},
            width: kind.width, dashes: kind.dashes, arrows: kind.arrow ? {to: {enabled: true, scaleFactor: 0.6}} : undefined,
            hidden: false};
  });
  var nodes = new vis.DataSet(visNodes), edges = new vis.DataSet(visEdges);
  var n = DATA.nodes.length;
  var options = {
    autoResize: true,
    nodes: {borderWidth: 1.5, widthConstraint: {maximum: 150}, font: {size: 16, face: "system-ui, sans-serif", strokeWidth: 4, strokeColor: "#f7f9fb"}},
    edges: {smooth: big ? false : {type: "continuous", roundness: 0.3}, selectionWidth: 2, hoverWidth: 1.5},
    layout: {improvedLayout: n <= 150, randomSeed: 7},
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: {gravitationalConstant: -130, centralGravity: 0.015, springLength: 170, springConstant: 0.04,
                         damping: 0.5, avoidOverlap: big ? 0 : 0.8},
      stabilization: {enabled: true, iterations: n > 2000 ? 50 : n > 500 ? 200 : 600, updateInterval: 25, fit: true},
      maxVelocity: 60, minVelocity: 1
    },
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big, navigationButtons: false,
                  keyboard: false, multiselect: false}
  };
  var container = document.getElementById("graph");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  var loading = document.getElementById("loading");

  function freeze() {
    if (api.ready) { return; }
    network.setOptions({physics: false});
    fitBeside();
    loading.className = "done";
    api.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  function fitBeside() {           /* fit the drawing into the window, clear of the control panel */
    var positions = network.getPositions(), ids = Object.keys(positions);
    if (!ids.length) { return; }
    var xs = ids.map(function (id) { return positions[id].x; }), ys = ids.map(function (id) { return positions[id].y; });
    var minX = Math.min.apply(null, xs) - 60, maxX = Math.max.apply(null, xs) + 60;
    var minY = Math.min.apply(null, ys) - 30, maxY = Math.max.apply(null, ys) + 75;
    var width = container.clientWidth, height = container.clientHeight;
    var panel = width > 2 * (controls.offsetWidth + 24) ? controls.offsetWidth + 24 : 0;
    var scale = Math.min((width - panel - 16) / (maxX - minX), (height - 16) / (maxY - minY), 1.6);
    network.moveTo({position: {x: (minX + maxX) / 2 - panel / 2 / scale, y: (minY + maxY) / 2}, scale: scale});
  }
  var controls = document.getElementById("controls");
  network.once("stabilizationIterationsDone", freeze);
  network.on("stabilizationProgress", function (p) {
    loading.textContent = "Laying out " + n + " actors\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  setTimeout(freeze, 20000);       /* never keep the physics running for long, whatever happens */

  /* -- visibility: filters and the date ------------------------------------------------------ */
  function holds(item, win) {
    return (item.s === null || item.s <= win[1]) && (item.e === null || item.e >= win[0]);
  }
  function applyFilters() {
    var win = state.timeOn ? monthWindow(state.month) : null;
    var shown = new Map(), ghost = new Set();
    DATA.nodes.forEach(function (nd) {
      shown.set(nd.id, nodeKindOn[nd.kind] && (win === null || holds(nd, win)));
    });
    var edgeOk = new Map();
    DATA.edges.forEach(function (e) {
      var ok = edgeKindOn[e.kind] && nodeKindOn[nodesById.get(e.from).kind] && nodeKindOn[nodesById.get(e.to).kind];
      if (ok && win !== null) {
        ok = e.category === "lineage" ? (e.s === null || e.s <= win[1]) : holds(e, win);
      }
      edgeOk.set(e.id, ok);
      if (ok && e.category !== "lineage") { shown.set(e.from, true); shown.set(e.to, true); }
    });
    if (win !== null) {            /* a group that has ceased stays as a faded ancestor of what it became */
      var changed = true;
      while (changed) {
        changed = false;
        DATA.edges.forEach(function (e) {
          if (e.category === "lineage" && edgeOk.get(e.id) && shown.get(e.to) && !shown.get(e.from) && state.showCeased) {
            var from = nodesById.get(e.from);
            if (from.s === null || from.s <= win[1]) { shown.set(e.from, true); ghost.add(e.from); changed = true; }
          }
        });
      }
    }
    var nodeUpdates = [], edgeUpdates = [], visible = 0, visibleEdges = 0;
    DATA.nodes.forEach(function (nd) {
      var hidden = !shown.get(nd.id), isGhost = ghost.has(nd.id);
      if (!hidden) { visible += 1; }
      if (hidden !== nd.hidden || isGhost !== nd.ghost) {
        nd.hidden = hidden; nd.ghost = isGhost;
        nodeUpdates.push(Object.assign({id: nd.id, hidden: hidden}, nodeStyle(nd, isGhost)));
      }
    });
    DATA.edges.forEach(function (e) {
      var hidden = !(edgeOk.get(e.id) && shown.get(e.from) && shown.get(e.to));
      if (!hidden) { visibleEdges += 1; }
      if (hidden !== e.hidden) { e.hidden = hidden; edgeUpdates.push({id: e.id, hidden: hidden}); }
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    document.getElementById("status").textContent = visible + " of " + DATA.nodes.length + " actors, " +
      visibleEdges + " of " + DATA.edges.length + " links shown" + (win ? " on " + monthText(state.month) : "");
    document.getElementById("date-label").textContent = state.timeOn ? monthText(state.month) : "All dates";
    document.getElementById("time-on").checked = state.timeOn;
  }

  /* -- legend and filters -------------------------------------------------------------------- */
  function nodeSwatch(kind) {
    var s = svg("svg", {width: 16, height: 16, viewBox: "0 0 16 16"}), shape = kind.shape, c = kind.color, b = kind.border;
    var attrs = {fill: c, stroke: b, "stroke-width": 1.2};
    var shapes = {
      dot: ["circle", {cx: 8, cy: 8, r: 6}], square: ["rect", {x: 2.5, y: 2.5, width: 11, height: 11}],
      diamond: ["polygon", {points: "8,1.5 14.5,8 8,14.5 1.5,8"}], triangle: ["polygon", {points: "8,2 14.5,14 1.5,14"}],
      triangleDown: ["polygon", {points: "1.5,2 14.5,2 8,14"}], hexagon: ["polygon", {points: "4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8"}],
      star: ["polygon", {points: "8,1 9.8,6 15,6 10.8,9.3 12.4,14.5 8,11.4 3.6,14.5 5.2,9.3 1,6 6.2,6"}]
    };
    var spec = shapes[shape] || shapes.dot;
    s.appendChild(svg(spec[0], Object.assign({}, spec[1], attrs)));
    return s;
  }
  function edgeSwatch(kind) {
    var s = svg("svg", {width: 26, height: 12, viewBox: "0 0 26 12"});
    var line = svg("line", {x1: 1, y1: 6, x2: kind.arrow ? 19 : 25, y2: 6, stroke: kind.color, "stroke-width": Math.max(1.5, kind.width)});
    if (kind.dashes) { line.setAttribute("stroke-dasharray", kind.dashes === true ? "4 3" : kind.dashes.join(" ")); }
    s.appendChild(line);
    if (kind.arrow) { s.appendChild(svg("polygon", {points: "18,2 25,6 18,10", fill: kind.color})); }
    return s;
  }
  function legend(containerId, kinds, counts, flags, swatch, testPrefix) {
    var box = document.getElementById(containerId);
    Object.keys(kinds).forEach(function (key) {
      if (!counts[key]) { return; }
      flags[key] = true;
      var item = el("label", {className: "legend-item"});
      var box_ = el("input", {type: "checkbox", checked: true});
      box_.setAttribute("data-kind", key);
      box_.setAttribute("data-filter", testPrefix);
      box_.addEventListener("change", function () {
        flags[key] = box_.checked;
        item.className = "legend-item" + (box_.checked ? "" : " off");
        applyFilters();
      });
      item.appendChild(box_);
      item.appendChild(swatch(kinds[key]));
      item.appendChild(el("span", {className: "name"}, kinds[key].label));
      item.appendChild(el("span", {className: "count"}, counts[key]));
      box.appendChild(item);
    });
  }
  var nodeCounts = {}, edgeCounts = {};
  DATA.nodes.forEach(function (nd) { nodeCounts[nd.kind] = (nodeCounts[nd.kind] || 0) + 1; });
  DATA.edges.forEach(function (e) { edgeCounts[e.kind] = (edgeCounts[e.kind] || 0) + 1; });
  legend("actor-kinds", DATA.nodeKinds, nodeCounts, nodeKindOn, nodeSwatch, "actor");
  legend("relation-kinds", DATA.edgeKinds, edgeCounts, edgeKindOn, edgeSwatch, "relation");

  /* -- the time slider -------------------------------------------------------------------- */
  var slider = document.getElementById("date-slider");
  slider.min = DATA.range[0]; slider.max = DATA.range[1]; slider.step = 1;
  state.month = DATA.asOfMonth !== null ? DATA.asOfMonth : DATA.range[1];
  slider.value = state.month;
  slider.addEventListener("input", function () {
    state.month = +slider.value; state.timeOn = true; applyFilters();
  });
  document.getElementById("time-on").addEventListener("change", function (ev) {
    state.timeOn = ev.target.checked; applyFilters();
  });
  document.getElementById("show-ceased").addEventListener("change", function (ev) {
    state.showCeased = ev.target.checked; applyFilters();
  });
  var play = document.getElementById("play");
  function stop() { clearInterval(state.playing); state.playing = null; play.textContent = "\u25B6"; play.title = "Play"; }
  play.addEventListener("click", function () {
    if (state.playing) { stop(); return; }
    if (!state.timeOn || state.month >= DATA.range[1]) { state.month = DATA.range[0]; }
    state.timeOn = true; play.textContent = "\u275A\u275A"; play.title = "Pause";
    applyFilters(); slider.value = state.month;
    state.playing = setInterval(function () {
      if (state.month >= DATA.range[1]) { stop(); return; }
      state.month += 1; slider.value = state.month; applyFilters();
    }, 120);
  });

  /* -- tooltips and the info panel ------------------------------------------------------------ */
  var tooltip = document.getElementById("tooltip");
  function sourceText(i) {
    var s = DATA.sources[i];
    return [s.publisher, humanDate(s.date), s.title].filter(Boolean).join(", ") || s.iri;
  }
  function edgeSummary(e) {
    var kind = DATA.edgeKinds[e.kind], a = nodesById.get(e.from).label, b = nodesById.get(e.to).label;
    if (e.category === "lineage") { return a + " \u2192 " + b + " (" + kind.label + (e.start ? ", " + humanDate(e.start) : "") + ")"; }
    return a + " \u2014 " + kind.label + " \u2014 " + b;
  }
  function tooltipLines(kind, item) {
    var lines = [];
    if (kind === "node") {
      lines.push(["t-title", item.label]);
      lines.push(["t-line", DATA.nodeKinds[item.kind].label + (item.start || item.end ? ", " + span(item.start, item.end, true) : "")]);
      if (item.aliases.length) { lines.push(["t-line", "Also: " + item.aliases.slice(0, 6).join(", ")]); }
    } else {
      lines.push(["t-title", edgeSummary(item)]);
      if (item.category !== "lineage") { lines.push(["t-line", span(item.start, item.end, false)]); }
      if (item.label) { lines.push(["t-line", item.label]); }
      if (item.confidence) { lines.push(["t-line", "Confidence: " + item.confidence]); }
      if (item.events) { lines.push(["t-line", item.events + " events, " + item.fatalities + " fatalities"]); }
    }
    item.sources.slice(0, 3).forEach(function (i) { lines.push(["t-line", "Source: " + sourceText(i)]); });
    if (item.sources.length > 3) { lines.push(["t-line", "and " + (item.sources.length - 3) + " more sources"]); }
    return lines;
  }
  function showTooltip(kind, item, pointer) {
    clear(tooltip);
    tooltipLines(kind, item).forEach(function (l) { tooltip.appendChild(el("div", {className: l[0]}, l[1])); });
    tooltip.style.display = "block";
    var x = pointer.x + 14, y = pointer.y + 14, w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.innerWidth - 8) { x = pointer.x - w - 14; }
    if (y + h > window.innerHeight - 8) { y = pointer.y - h - 14; }
    tooltip.style.left = Math.max(4, x) + "px"; tooltip.style.top = Math.max(4, y) + "px";
  }
  function hideTooltip() { tooltip.style.display = "none"; }
  network.on("hoverNode", function (p) { showTooltip("node", nodesById.get(p.node), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip("edge", edgesById.get(p.edge), p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  var info = document.getElementById("info"), infoBody = document.getElementById("info-body");
  function field(dl, name, value) {
    if (value === null || value === undefined || value === "") { return; }
    dl.appendChild(el("dt", null, name));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dl.appendChild(dd);
  }
  function sourceList(indices) {
    if (!indices.length) { return null; }
    var ul = el("ul");
    indices.forEach(function (i) {
      var s = DATA.sources[i], li = el("li");
      if (s.url && /^https?:\/\//i.test(s.url)) {
        var a = el("a", {href: s.url, target: "_blank", rel: "noopener noreferrer"}, sourceText(i));
        li.appendChild(a);
      } else {
        li.textContent = sourceText(i);
      }
      ul.appendChild(li);
    });
    return ul;
  }
  function showInfo(id) {
    var nd = nodesById.get(id);
    if (!nd) { return; }
    clear(infoBody);
    infoBody.appendChild(el("h3", null, nd.label));
    infoBody.appendChild(el("div", {className: "kind"}, DATA.nodeKinds[nd.kind].label +
      (nd.hidden ? " (not shown on this date)" : nd.ghost ? " (no longer existed on this date)" : "")));
    var dl = el("dl");
    field(dl, "Active", span(nd.start, nd.end, true));
    field(dl, "Also known as", nd.aliases.join("; "));
    var rels = el("ul");
    DATA.edges.forEach(function (e) {
      if ((e.from === id || e.to === id) && !e.hidden) {
        var other = e.from === id ? e.to : e.from;
        var li = el("li", {className: "rel"}, edgeSummary(e) + (e.category === "relationship" ? ", " + span(e.start, e.end, false) : ""));
        li.addEventListener("click", function () { focusNode(other); });
        rels.appendChild(li);
      }
    });
    field(dl, "Links shown", rels.childNodes.length ? rels : "none on this date");
    field(dl, "Sources", sourceList(nd.sources));
    field(dl, "Identifier", nd.iri);
    infoBody.appendChild(dl);
    info.className = "panel open";
  }
  document.getElementById("info-close").addEventListener("click", function () {
    info.className = "panel"; network.unselectAll();
  });
  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes.length) { showInfo(p.nodes[0]); }
  });

  /* -- search ---------------------------------------------------------------------------------- */
  var names = document.getElementById("actor-names"), byName = new Map();
  DATA.nodes.forEach(function (nd) {
    [nd.label].concat(nd.aliases).forEach(function (name) {
      var key = name.toLowerCase();
      if (!byName.has(key)) {
        byName.set(key, nd.id);
        names.appendChild(el("option", {value: name}));
      }
    });
  });
  function focusNode(id) {
    var nd = nodesById.get(id);
    if (nd.hidden) {
      document.getElementById("search-message").textContent = nd.label + " is not shown with the current date and filters.";
    } else {
      document.getElementById("search-message").textContent = "";
      network.selectNodes([id]);
      network.focus(id, {scale: Math.max(network.getScale(), 1.1), animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    }
    showInfo(id);
  }
  function search(text) {
    var key = String(text).trim().toLowerCase();
    if (!key) { return null; }
    var id = byName.has(key) ? byName.get(key) : null;
    if (id === null) {
      var match = DATA.nodes.find(function (nd) {
        return nd.label.toLowerCase().indexOf(key) >= 0 || nd.aliases.some(function (a) { return a.toLowerCase().indexOf(key) >= 0; });
      });
      id = match ? match.id : null;
    }
    if (id === null) {
      document.getElementById("search-message").textContent = "No actor matches \u201C" + String(text).trim() + "\u201D.";
      return null;
    }
    focusNode(id);
    return id;
  }
  var searchBox = document.getElementById("search");
  searchBox.addEventListener("change", function () { search(searchBox.value); });
  searchBox.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { search(searchBox.value); } });

  /* -- for tests and scripts --------------------------------------------------------------------- */
  Object.assign(api, {
    network: network,
    drawnNodeIds: function () {
      return network.body.nodeIndices.filter(function (id) { return !network.body.nodes[id].options.hidden; });
    },
    drawnEdgeIds: function () {
      return network.body.edgeIndices.filter(function (id) {
        var e = network.body.edges[id];
        return !e.options.hidden && !e.from.options.hidden && !e.to.options.hidden;
      });
    },
    nodeIdOf: function (iri) { var m = DATA.nodes.find(function (nd) { return nd.iri === iri; }); return m ? m.id : null; },
    edgeIdsOf: function (iri) { return DATA.edges.filter(function (e) { return e.rel === iri; }).map(function (e) { return e.id; }); },
    search: search,
    showInfo: showInfo,
    showTooltipFor: function (id) { showTooltip("node", nodesById.get(id), {x: 100, y: 100}); }
  });
  window.actorgraph = api;
  if (DATA.title) { document.title = DATA.title; }
  applyFilters();
})();
