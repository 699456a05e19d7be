/* The kurilmap folium page: applies the scene table that Python computed.
 *
 * kurilmapInit(map, unitsLayer, linesLayer, T, initial, contextLayer) wires a year slider, a legend, tooltips
 * and labels to the land units. T (kurilmap.pagetable.page_parts) holds, for every phase of the
 * timeline, the look key of each unit and the indexes of its names and texts, which come by naming
 * style and language as scripts beside the page (kurilmapData), and the land's rings (T.shapes).
 * This file holds no rule of history: it finds the phase of a year by its start year and looks
 * everything else up.
 *
 * The view ({year, names, lang, compare, day, position}) comes from `initial`, overridden by the page address's
 * #fragment. A host page (the Streamlit component) sets it with window.kurilmap.apply(view) and
 * hears the user's own year changes as "kurilmap:propose" events on the page's frame element
 * (on this window when the page is not in a frame). Under the year slider a second one steps by
 * day through the 1945 sequence (T.days: 8 August to 5 September 1945); `day` is one of its days,
 * or null for a year; `compareDay` is the day of the other map of a comparison (its changes are outlined against
 * it).
 * All data text reaches the page through textContent: never as HTML.
 *
 * Presentation lives here too: the timeline bar under the map (ticks along the slider, or a row of
 * 44 px buttons on narrow maps and touch screens), the legend placed where it covers no land or
 * border line (the map is fitted around it, or it starts folded when there is no room), labels
 * placed without overlaps or cuts at every zoom, tooltips kept inside the frame, two-finger panning
 * on touch screens, and Leaflet's own controls in the interface language.
 */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function addPatterns(looks) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", "0");
    svg.setAttribute("height", "0");
    svg.setAttribute("aria-hidden", "true");
    svg.style.position = "absolute";
    var defs = document.createElementNS(SVGNS, "defs");
    Object.keys(looks).forEach(function (key) {
      var look = looks[key];
      if (!look.hatch) return;
      var pat = document.createElementNS(SVGNS, "pattern");
      pat.setAttribute("id", "km-hatch-" + key);
      pat.setAttribute("patternUnits", "userSpaceOnUse");
      pat.setAttribute("width", "8");
      pat.setAttribute("height", "8");
      pat.setAttribute("patternTransform", "rotate(45)");
      var bg = document.createElementNS(SVGNS, "rect");
      bg.setAttribute("width", "8"); bg.setAttribute("height", "8"); bg.setAttribute("fill", look.fill);
      var stripe = document.createElementNS(SVGNS, "rect");
      stripe.setAttribute("width", "3"); stripe.setAttribute("height", "8"); stripe.setAttribute("fill", look.hatch);
      pat.appendChild(bg); pat.appendChild(stripe); defs.appendChild(pat);
    });
    svg.appendChild(defs);
    document.body.appendChild(svg);
  }

  function fromFragment() {
    var out = {};
    (window.location.hash || "").replace(/^#/, "").split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length !== 2 || !kv[1]) return;
      var value = decodeURIComponent(kv[1]);
      if (kv[0] === "compare" && /^\d{4}-\d\d-\d\d$/.test(value)) { out.compare = parseInt(value, 10); out.compareDay = value; }
      else if (kv[0] === "year" || kv[0] === "compare") out[kv[0]] = parseInt(value, 10);
      else if (kv[0] === "names" || kv[0] === "lang" || kv[0] === "day" || kv[0] === "position") out[kv[0]] = value;
    });
    return out;
  }

  var DATA_BOUNDS = [[41.3, 139.6], [54.6, 157.2]];

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  // The pace of ▶ (seconds a step; 0: the usual 1.4 s a year of change, 1.2 s a day), kept in the address as
  // #…speed=N: that of the top page of this origin (the app's or the static atlas's; this page's own when it is
  // opened alone), and in the tab's storage, since a host may rewrite its address without the hash.
  var SPEEDS = [0, 2, 5, 10];
  function addressWindow() {
    var w = window;
    try { while (w.parent !== w && w.parent.location.href) w = w.parent; } catch (e) { /* another origin above */ }
    return w;
  }
  function readSpeed() {
    var m = null, n = 0;
    try { m = /(?:^#|&)speed=(\d+)/.exec(addressWindow().location.hash); } catch (e) { m = null; }
    if (m) n = Number(m[1]);
    else { try { n = Number(window.sessionStorage.getItem("km-speed") || 0); } catch (e) { n = 0; } }
    return SPEEDS.indexOf(n) >= 0 ? n : 0;
  }
  function writeSpeed(n) {
    try {
      var w = addressWindow();
      var rest = w.location.hash.replace(/^#/, "").split("&").filter(function (p) { return p && !/^speed=/.test(p); });
      if (n) rest.push("speed=" + n);
      w.history.replaceState(w.history.state, "", w.location.pathname + w.location.search + (rest.length ? "#" + rest.join("&") : ""));
    } catch (e) { /* an address this page may not write: the tab's storage still holds it */ }
    try { window.sessionStorage.setItem("km-speed", String(n)); } catch (e) { /* storage off */ }
  }

  // The land units' rings come as Google's encoded polylines at 4 decimals (kurilmap.mapview.encode_ring):
  // a fifth of the bytes of GeoJSON, the same coordinates once decoded.
  function decodeRing(s) {
    var out = [], v = [0, 0], i = 0;
    while (i < s.length) {
      for (var k = 0; k < 2; k++) {
        var shift = 0, result = 0, b;
        do { b = s.charCodeAt(i++) - 63; result |= (b & 31) << shift; shift += 5; } while (b >= 32);
        v[k] += (result & 1) ? ~(result >> 1) : (result >> 1);
      }
      out.push([v[0] / 1e4, v[1] / 1e4]);
    }
    return out;
  }
  function features(ids, shapes) {  // GeoJSON features of encoded shapes (kurilmap.mapview._shapes)
    return ids.map(function (id, i) {
      var type = shapes[i][0], rings = shapes[i][1];
      var coordinates = type === "Polygon" ? rings.map(decodeRing) : rings.map(function (p) { return p.map(decodeRing); });
      return { type: "Feature", id: id, properties: { id: id }, geometry: { type: type, coordinates: coordinates } };
    });
  }

  // Names (by naming style and language) and texts (by language) come as scripts beside the page
  // (kurilmap.pagetable.page_parts), each calling kurilmapData; a page in one file carries them all (T.names,
  // T.texts). kurilmapLoadFirst, run in the page's head, writes the scripts of the view the page opens on (its
  // address, or what the frame that hosts it asks for), so they run before the map starts; the others load
  // when they are first shown (a script, not a fetch: the static atlas also opens from disk).
  var pageData = { names: {}, texts: {}, files: {}, onData: [] };
  // Lists of rows come packed (kurilmap.pagetable.pack_rows): each field's values once, each row as indexes.
  function unpack(packed) {
    return packed.rows.map(function (row) {
      var out = {};
      packed.fields.forEach(function (f, i) { if (row[i] >= 0) out[f] = packed.pool[i][row[i]]; });
      return out;
    });
  }
  window.kurilmapData = function (kind, key, packed) {
    pageData[kind][key] = unpack(packed);
    pageData.onData.forEach(function (f) { f(); });
  };
  window.kurilmapLoadFirst = function (files) {
    pageData.files = files;
    var want = fromFragment(), frame = null;
    try { frame = window.frameElement; } catch (e) { /* a frame of another origin */ }
    if (frame && frame.dataset) {
      if (!want.lang && frame.dataset.kmLang) want.lang = frame.dataset.kmLang;
      if (!want.names && frame.dataset.kmNames) want.names = frame.dataset.kmNames;
    }
    var lang = files["texts|" + want.lang] ? want.lang : "en";
    var names = files["names|" + want.names + "|" + lang] ? want.names : "both";
    [files["texts|" + lang], files["names|" + names + "|" + lang]].forEach(function (file) {
      // parser-inserted, so it runs before the map starts ("\x3c": no "<script" in the page's own script blocks)
      document.write("\x3cscript src=\"" + file + "\">\x3c/script>");
    });
  };

  window.kurilmapInit = function (map, units, lines, T, initial, context) {
    var view = { year: 1905, names: "both", lang: "en", compare: null, day: null, compareDay: null, position: "held" };
    T.phases = unpack(T.phases);
    Object.keys(T.positions).forEach(function (side) { T.positions[side] = unpack(T.positions[side]); });
    T.days.phases = unpack(T.days.phases);
    ["names", "texts"].forEach(function (kind) {  // a page in one file: every style and language inline
      Object.keys(T[kind] || {}).forEach(function (key) { T[kind][key] = unpack(T[kind][key]); });
    });
    var D = T.days, dayIndex = {};
    D.list.forEach(function (d, i) { dayIndex[d.day] = i; });
    var playing = null;
    var container = map.getContainer();
    var withControls = initial.controls !== false;
    var touch = (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) || (L.Browser.touch && L.Browser.mobile);
    addPatterns(T.looks);
    // A tooltip that never leaves the map (Leaflet places it beside the pointer, even past the frame's edge).
    var KmTooltip = L.Tooltip.extend({
      _setPosition: function (pos) {
        L.Tooltip.prototype._setPosition.call(this, pos);
        var map = this._map, node = this._container;
        if (!map || !node) return;
        var size = map.getSize(), at = map.layerPointToContainerPoint(L.DomUtil.getPosition(node));
        var w = node.offsetWidth, h = node.offsetHeight;
        var x = Math.max(4, Math.min(at.x, size.x - w - 4));
        var y = Math.max(4, Math.min(at.y, size.y - h - 4));
        // ... nor slides under the legend (a control, drawn above the map's panes): above it, or else to its left
        var box = legendBox.offsetParent ? rectOf(legendBox) : null;
        if (box && x < box.x + box.w && x + w > box.x && y < box.y + box.h && y + h > box.y) {
          if (box.y - h - 4 >= 4) y = box.y - h - 4;
          else x = Math.max(4, box.x - w - 4);
        }
        if (x !== at.x || y !== at.y) L.DomUtil.setPosition(node, map.containerPointToLayerPoint([x, y]));
      },
    });

    // The scale bar in kilometres, written in the interface language.
    var KmScale = L.Control.Scale.extend({
      _updateScale: function (scale, text, ratio) {
        L.Control.Scale.prototype._updateScale.call(this, scale, text.replace(/ km$/, " " + (this.km || "km")), ratio);
      },
    });

    document.body.classList.add("km-page");
    if (touch) document.body.classList.add("km-touch");

    function s(key) { var e = T.strings[key]; return (e && (e[view.lang] || e.en)) || key; }
    function labelled(node, key) { node.title = s(key); node.setAttribute("aria-label", s(key)); }  // name and hover text
    function clampYear(y) { y = parseInt(y, 10); return isNaN(y) ? null : Math.max(T.first, Math.min(T.last, y)); }
    function phaseOf(year) {
      var found = T.phases[0];
      for (var i = 0; i < T.phases.length && T.phases[i].start <= year; i++) found = T.phases[i];
      return found;
    }
    // A government's position map (T.positions): its looks and texts over the year's phase of the timeline.
    function positionPhaseOf(year) {
      var list = T.positions[view.position], found = list[0];
      for (var i = 0; i < list.length && list[i].start <= year; i++) found = list[i];
      var out = {}, base = phaseOf(year);
      Object.keys(base).forEach(function (k) { out[k] = base[k]; });
      out.looks = found.looks; out.positionText = found.text; out.positions = found.positions;
      return out;
    }
    // The phase on screen: the day's, on a day of the 1945 sequence, else the year's (as administered or as a position).
    function shown() {
      if (view.day) return D.phases[D.list[dayIndex[view.day]].phase];
      return view.position !== "held" && T.positions[view.position] ? positionPhaseOf(view.year) : phaseOf(view.year);
    }
    function when() { return view.day ? D.list[dayIndex[view.day]].label[view.lang] : String(view.year); }
    // Whether this map's view is the earlier of its comparison (a day of 1945 before the end of that year).
    function earlier(v) { return v.year < v.compare || (v.year === v.compare && (v.day || "~") < (v.compareDay || "~")); }
    if (!T.names) { T.names = pageData.names; T.texts = pageData.texts; }
    var asked = {};
    function loaded(kind, key) {  // the names or texts of a key, or null while they load (asked for once)
      if (T[kind][key]) return T[kind][key];
      var file = pageData.files[kind + "|" + key];
      if (file && !asked[file]) {
        var tag = el("script", { src: file });
        asked[file] = true;
        tag.onerror = function () { asked[file] = false; };  // the next view change asks again
        document.head.appendChild(tag);
      }
      return null;
    }
    function anyOf(table) { var keys = Object.keys(table); return keys.length ? table[keys[0]] : null; }
    // Until a language's texts arrive, the map writes those it has; the container's data-names-ready says which.
    function textsOf() { return loaded("texts", view.lang) || anyOf(T.texts); }
    function text(phase) {
      var all = textsOf(), own = all[phase.text];
      if (phase.positionText == null) return own;
      var over = all[phase.positionText], out = {};  // a position's texts over the year's
      Object.keys(own).forEach(function (k) { out[k] = own[k]; });
      Object.keys(over).forEach(function (k) { out[k] = over[k]; });
      return out;
    }
    function name(phase, key) { return namesOf(phase)[key] || ""; }
    // Until a naming style's names arrive, the map writes the "both" names (or those it has).
    function namesOf(phase) {
      var own = loaded("names", view.names + "|" + view.lang);
      container.setAttribute("data-names-ready", own && T.texts[view.lang] ? "1" : "0");
      return (own || T.names["both|" + view.lang] || anyOf(T.names))[phase.names];
    }
    pageData.onData.push(function () { render(); });
    // Land that changed hands between this map and the other of a comparison (a year or a day of 1945 each):
    // the units whose holder differs (kurilmap.compare.changed_sides), from the holders of the two phases.
    function sidePhase(year, day) { return day ? D.phases[D.list[dayIndex[day]].phase] : phaseOf(year); }
    function changedSet() {
      if (view.compare == null) return {};
      var mine = sidePhase(view.year, view.day).holders, other = sidePhase(view.compare, view.compareDay).holders;
      var out = {};
      T.units.forEach(function (id, i) { if (mine[i] !== other[i]) out[id] = true; });
      return out;
    }
    function styleFor(key) {
      var look = T.looks[key];
      return {
        fillColor: look.hatch ? "url(#km-hatch-" + key + ")" : look.fill, fillOpacity: 1,
        color: look.stroke, weight: look.weight, opacity: 1, dashArray: look.dash,
      };
    }
    function rectOf(node) {  // a node's box in the map's container coordinates
      var r = node.getBoundingClientRect(), c = container.getBoundingClientRect();
      return { x: r.left - c.left, y: r.top - c.top, w: r.width, h: r.height };
    }

    // ------------------------------------------------------------------ land units and lines
    var unitIndex = {};
    T.units.forEach(function (id, i) { unitIndex[id] = i; });
    if (T.shapes) {  // the land (the context's, then the units'), under the border lines already on the map
      var c = T.contextLayer;
      context.options.style = function () { return c.style; };
      context.addData(features(c.ids, c.shapes));
      units.addData(features(T.units, T.shapes));
      lines.eachLayer(function (layer) { layer.bringToFront(); });
    }
    var unitLayers = [];
    units.eachLayer(function (layer) {
      unitLayers.push(layer);
      var tip = new KmTooltip({ sticky: true, className: "km-tip" }, layer);
      tip.setContent(function () { return tooltipNode(layer.feature.properties.id); });
      layer.bindTooltip(tip);
    });
    var lineLayers = [];
    lines.eachLayer(function (layer) {
      lineLayers.push(layer);
      var tip = new KmTooltip({ sticky: true }, layer);
      tip.setContent(function () { var l = T.lineLabels[layer.feature.properties.id]; return el("span", {}, l[view.lang] || l.en); });
      layer.bindTooltip(tip);
    });
    // Shapes are not Tab stops: what they say is in the panel beside the map (and the legend).
    function untab() {
      Array.prototype.forEach.call(container.querySelectorAll(".leaflet-overlay-pane path, .leaflet-interactive"), function (node) {
        node.setAttribute("tabindex", "-1");
        node.setAttribute("aria-hidden", "true");
      });
    }
    function tooltipNode(unitId) {
      var phase = shown(), i = unitIndex[unitId], tx = text(phase);
      var fid = phase.features[i], look = phase.looks[i], feature = T.features[fid];
      var area = (feature.areaText && (feature.areaText[view.lang] || feature.areaText.en)) || String(Math.round(feature.area));
      var rows = [name(phase, "f:" + fid), feature.all[view.lang] || feature.all.en, tx.held[phase.holders[i]], s("area") + ": " + area + " " + s("km2")];
      if (tx.treaty) rows.push(tx.treaty);
      if (tx.basis && tx.basis[feature.zone]) rows.push(tx.basis[feature.zone]);
      var position = phase.positions && phase.positions[i];
      if (position) rows.push(tx.positionNotes[position]);
      else if (tx.notes[look]) rows.push(tx.notes[look]);
      var node = el("div", { "class": "km-tip-body" });
      rows.forEach(function (row, n) { node.appendChild(el(n === 0 ? "b" : "div", {}, row)); });
      return node;
    }

    // ------------------------------------------------------------------ labels
    var labelLayer = L.layerGroup().addTo(map);
    var labels = T.places.map(function (p, n) {
      if (p.kind === "town") {
        L.circleMarker([p.lat, p.lon], { radius: 3, color: "#222", weight: 1, fillColor: "#fff", fillOpacity: 1, interactive: false }).addTo(labelLayer);
      }
      var cls = p.kind === "town" ? "km-label km-town" : "km-label";
      var marker = L.marker([p.lat, p.lon], { interactive: false, keyboard: false, icon: L.divIcon({ className: cls, html: "", iconSize: null }) });
      marker.addTo(labelLayer);
      // Placed in this order; a later label moves or gives way: large land, the other islands, towns.
      return { marker: marker, place: p, rank: (p.kind === "town" ? 2000 : p.bold ? 0 : 1000) + n };
    });
    var byRank = labels.slice().sort(function (a, b) { return a.rank - b.rank; });
    // The marked places of a day of 1945 (the phase's entries: where, and in its texts what to write).
    // Each is a ring with its place and day beside it; where two would overlap, the later entry's text stays.
    var entryLayer = L.layerGroup().addTo(map), entryTags = [];
    function renderEntries(phase) {
      entryLayer.clearLayers();
      entryTags = [];
      var words = text(phase).entries || [];
      (phase.entries || []).forEach(function (at, i) {
        var ring = L.circleMarker([at[1], at[0]], { radius: T.entry.radius, color: T.entry.stroke, weight: T.entry.weight, fillColor: T.entry.fill, fillOpacity: 0.6 });
        ring.bindTooltip(words[i][1], { direction: "left", className: "km-entry-tip" });
        ring.addTo(entryLayer);
        var tag = L.marker([at[1], at[0]], { interactive: false, keyboard: false, icon: L.divIcon({ className: "km-entry", html: "", iconSize: null }) });
        tag.addTo(entryLayer);
        var node = tag.getElement();
        if (node) { node.appendChild(el("span", { "class": "km-entry-name", "data-entry": String(i) }, words[i][0])); entryTags.push(node.firstChild); }
      });
      placeEntries();
    }
    function placeEntries() {
      var taken = [];
      entryTags.slice().reverse().forEach(function (span) {
        span.removeAttribute("data-hidden");
        span.classList.remove("km-entry-right");
        var box = rectOf(span);
        if (box.x < 2) { span.classList.add("km-entry-right"); box = rectOf(span); }  // off the map's left edge
        if (taken.some(function (t) { return overlaps(box, t); })) span.setAttribute("data-hidden", "1");
        else taken.push(box);
      });
    }
    map.on("zoomend", placeEntries);
    function relabel(phase) {
      labels.forEach(function (lab) {
        var node = lab.marker.getElement();
        if (!node) return;
        node.textContent = "";
        var cls = lab.place.kind === "town" ? "km-town-name" : "km-island" + (lab.place.bold ? " km-bold" : "");
        node.appendChild(el("span", { "class": cls, "data-place": lab.place.id }, name(phase, "p:" + lab.place.id)));
      });
      placeLabels();
    }
    // Every label inside the map and clear of the others and of the controls; one that cannot be
    // placed beside its place (centred, above, below, right, left, or nudged inside the edge) is left out.
    function placeLabels() {
      var size = map.getSize(), z = map.getZoom();
      if (!size.x || !size.y) return;
      var taken = Array.prototype.map.call(container.querySelectorAll(".leaflet-control"), rectOf);
      byRank.forEach(function (lab) {
        var node = lab.marker.getElement(), span = node && node.firstChild;
        if (!span) return;
        node.style.display = z >= lab.place.minZoom ? "" : "none";
        span.removeAttribute("data-hidden");
        if (node.style.display) return;
        var at = map.latLngToContainerPoint([lab.place.lat, lab.place.lon]);
        var w = span.offsetWidth, h = span.offsetHeight, town = lab.place.kind === "town";
        var tries = town
          ? [[6, -h / 2], [-w - 6, -h / 2], [-w / 2, -h - 4], [-w / 2, 4]]
          : [[-w / 2, -h / 2], [-w / 2, -h - 4], [-w / 2, 4], [8, -h / 2], [-w - 8, -h / 2]];
        var edgeX = Math.max(2, Math.min(at.x - w / 2, size.x - w - 2)) - at.x;
        if (!town && at.x > 0 && at.x < size.x) tries.push([edgeX, -h / 2], [edgeX, -h - 4], [edgeX, 4]);
        for (var i = 0; i < tries.length; i++) {
          var box = { x: at.x + tries[i][0], y: at.y + tries[i][1], w: w, h: h };
          var inside = box.x >= 1 && box.y >= 1 && box.x + w <= size.x - 1 && box.y + h <= size.y - 1;
          if (inside && !taken.some(function (t) { return overlaps(box, t); })) {
            span.style.transform = "translate(" + Math.round(tries[i][0]) + "px," + Math.round(tries[i][1]) + "px)";
            taken.push({ x: box.x - 2, y: box.y - 1, w: w + 4, h: h + 2 });
            return;
          }
        }
        node.style.display = "none";
        span.setAttribute("data-hidden", "1");
      });
    }

    // ------------------------------------------------------------------ the timeline bar (under the map)
    var bar = el("div", { "class": "km-bar", role: "group" });
    var periodLabel = el("div", { "class": "km-period", "aria-live": "polite" });
    var row = el("div", { "class": "km-row" });
    var prevBtn = el("button", { type: "button", "class": "km-btn km-prev", "data-action": "prev" }, "«");
    var playBtn = el("button", { type: "button", "class": "km-btn km-play", "data-action": "play" }, "▶");
    var nextBtn = el("button", { type: "button", "class": "km-btn km-next", "data-action": "next" }, "»");
    var minusBtn = el("button", { type: "button", "class": "km-btn km-step km-minus", "data-action": "year-before" }, "−1");
    var plusBtn = el("button", { type: "button", "class": "km-btn km-step km-plus", "data-action": "year-after" }, "+1");
    var slider = el("input", { type: "range", min: T.first, max: T.last, step: 1, value: view.year, "class": "km-slider", id: "km-year" });
    var yearOut = el("output", { "class": "km-year", "for": "km-year" }, String(view.year));
    var ticks = el("div", { "class": "km-ticks", role: "group" });
    T.changeYears.forEach(function (y) {
      var b = el("button", { type: "button", "class": "km-tick", "data-year": y }, String(y));
      b.addEventListener("click", function () { stop(); choose(y); });
      ticks.appendChild(b);
    });
    var track = el("div", { "class": "km-track" });
    track.appendChild(slider);
    // 1945 day by day: a button into the sequence, and in 1945 a slider that steps by day (the last
    // position is the end of the year) with its own play button.
    var dayRow = el("div", { "class": "km-days", role: "group" });
    var dayOpen = el("button", { type: "button", "class": "km-btn km-day-open", "data-action": "days" });
    var daySlider = el("input", { type: "range", min: 0, max: D.list.length, step: 1, value: D.list.length, "class": "km-slider km-day-slider", id: "km-day" });
    var dayOut = el("output", { "class": "km-day", "for": "km-day" });
    var dayPlay = el("button", { type: "button", "class": "km-btn km-day-play", "data-action": "play-days" }, "▶");
    // Under the day slider, a mark for each day of a landing (and of war, surrender terms, surrender): a click goes there.
    var dayTrack = el("div", { "class": "km-day-track" });
    var dayMarks = el("div", { "class": "km-day-marks", role: "group" });
    D.marks.forEach(function (m) {
      var b = el("button", { type: "button", "class": "km-day-mark", "data-day": m.day }, String(parseInt(m.day.slice(8), 10)));
      b.addEventListener("click", function () { stop(); chooseDay(m.day); });
      if (touch) { b.tabIndex = -1; b.setAttribute("aria-hidden", "true"); }  // too small for a finger: marks only
      dayMarks.appendChild(b);
    });
    dayTrack.appendChild(daySlider); dayTrack.appendChild(dayMarks);
    // How fast ▶ goes, for both sliders: the usual pace, or 2, 5 or 10 s a step (read out loud in a class).
    var speedBox = el("select", { "class": "km-speed", "data-action": "speed" });
    SPEEDS.forEach(function (n) { speedBox.appendChild(el("option", { value: String(n) })); });
    speedBox.value = String(readSpeed());
    [dayOpen, dayTrack, dayOut, dayPlay, speedBox].forEach(function (n) { dayRow.appendChild(n); });
    // The slider first: it is the first Tab stop of the page (the grid draws « ▶ before it).
    [track, prevBtn, playBtn, minusBtn, yearOut, plusBtn, nextBtn].forEach(function (n) { row.appendChild(n); });
    bar.appendChild(periodLabel); bar.appendChild(row); bar.appendChild(dayRow);
    if (withControls) {
      container.parentNode.insertBefore(bar, container);  // drawn under the map (CSS order)
      map.invalidateSize();
    }
    slider.addEventListener("input", function () { stop(); choose(slider.value); });
    prevBtn.addEventListener("click", function () { stop(); step(-1); });
    nextBtn.addEventListener("click", function () { stop(); step(1); });
    minusBtn.addEventListener("click", function () { stop(); choose(view.year - 1); });  // a year on a phone's short slider
    plusBtn.addEventListener("click", function () { stop(); choose(view.year + 1); });
    playBtn.addEventListener("click", function () { if (playing) stop(); else play(); });
    dayOpen.addEventListener("click", function () { stop(); chooseDay(D.list[0].day); });
    daySlider.addEventListener("input", function () {
      stop();
      var i = parseInt(daySlider.value, 10);
      if (i < D.list.length) chooseDay(D.list[i].day); else choose(D.year);
    });
    dayPlay.addEventListener("click", function () { if (playing) stop(); else playDays(); });
    speedBox.addEventListener("change", function () {
      writeSpeed(Number(speedBox.value));
      if (playing) { var again = playingDays ? playDays : play; stop(); again(); }  // the new pace at once
    });
    // A clicker's PageDown / PageUp, with the map in focus (a click on it): the next or previous change (a day of
    // change in 1945 day by day). Pressed in the page around it they stay its own (scrolling), and in a guided tour
    // (the host's body has the class km-touring) they are the tour's steps; a field keeps its own keys.
    window.addEventListener("keydown", function (event) {
      if (!withControls || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key !== "PageDown" && event.key !== "PageUp") return;
      var target = event.target, ours = target === slider || target === daySlider, host = addressWindow().document.body;
      if (!ours && host && host.classList.contains("km-touring")) return;
      if (!ours && target && target.closest && target.closest("input, textarea, select, [contenteditable=true]")) return;
      event.preventDefault();
      stop();
      if (view.day) stepDay(event.key === "PageDown" ? 1 : -1); else step(event.key === "PageDown" ? 1 : -1);
    });

    // Ticks along the slider where they fit (a second row for close years), else a row of buttons.
    function layoutTicks() {
      var narrow = touch || map.getSize().x < 600;
      bar.classList.toggle("km-narrow", narrow);
      if (narrow) {
        if (ticks.parentNode !== bar) bar.appendChild(ticks);
        Array.prototype.forEach.call(ticks.children, function (b) { b.style.left = ""; b.classList.remove("km-tick-low"); });
        return;
      }
      if (ticks.parentNode !== track) track.appendChild(ticks);
      var width = ticks.offsetWidth, ends = [-1e9, -1e9];
      Array.prototype.forEach.call(ticks.children, function (b) {
        var y = parseInt(b.getAttribute("data-year"), 10), x = (y - T.first) / (T.last - T.first) * width;
        b.style.left = x + "px";
        var w = b.offsetWidth, lane = x - w / 2 > ends[0] + 3 ? 0 : 1;
        b.classList.toggle("km-tick-low", lane === 1);
        ends[lane] = x + w / 2;
      });
    }

    function step(dir) {
      var target = null;
      if (dir > 0) { T.changeYears.forEach(function (y) { if (target === null && y > view.year) target = y; }); if (target === null) target = T.last; }
      else { T.changeYears.slice().reverse().forEach(function (y) { if (target === null && y < view.year) target = y; }); if (target === null) target = T.first; }
      choose(target);
    }
    function stepDay(dir) {
      var later = D.stops.filter(function (d) { return d > view.day; }), earlier = D.stops.filter(function (d) { return d < view.day; });
      if (dir > 0) { if (later.length) chooseDay(later[0]); else choose(D.year); }
      else if (earlier.length) chooseDay(earlier[earlier.length - 1]);
    }
    // Day marks along the day slider where they fit (two rows); a mark with no room in either row is left out.
    function layoutDayMarks() {
      if (daySlider.hidden) return;
      var width = dayMarks.offsetWidth, ends = [-1e9, -1e9];
      Array.prototype.forEach.call(dayMarks.children, function (b) {
        var x = dayIndex[b.getAttribute("data-day")] / D.list.length * width;
        b.hidden = false;
        b.style.left = x + "px";
        var w = b.offsetWidth, lane = x - w / 2 > ends[0] + 2 ? 0 : x - w / 2 > ends[1] + 2 ? 1 : -1;
        b.classList.toggle("km-tick-low", lane === 1);
        if (lane < 0) b.hidden = true; else ends[lane] = x + w / 2;
      });
    }
    function pace(usual) { var n = Number(speedBox.value); return n ? n * 1000 : usual; }
    var playingDays = false;
    function play() {
      if (view.year >= T.changeYears[T.changeYears.length - 1]) choose(T.first);
      playingDays = false;
      playBtn.textContent = "❚❚";
      labelled(playBtn, "pause");
      playBtn.setAttribute("data-playing", "1");
      playing = setInterval(function () {
        if (view.year >= T.last) { stop(); return; }
        step(1);
      }, pace(1400));
    }
    // The 1945 sequence, one day of change after another (the days on which the map or its heading changes).
    function playDays() {
      var last = D.stops[D.stops.length - 1];
      if (!view.day || view.day >= last) chooseDay(D.stops[0]);
      playingDays = true;
      dayPlay.textContent = "❚❚";
      labelled(dayPlay, "pause");
      dayPlay.setAttribute("data-playing", "1");
      playing = setInterval(function () {
        var next = D.stops.filter(function (d) { return d > view.day; })[0];
        if (!view.day || !next) { stop(); return; }
        chooseDay(next);
        if (next === last) stop();  // the sequence has ended: ▶ again starts it over
      }, pace(1200));
    }
    function stop() {
      if (playing) { clearInterval(playing); playing = null; }
      playBtn.textContent = "▶"; labelled(playBtn, "play");
      playBtn.removeAttribute("data-playing");
      dayPlay.textContent = "▶"; labelled(dayPlay, "play_days");
      dayPlay.removeAttribute("data-playing");
    }

    // ------------------------------------------------------------------ legend
    var legend = L.control({ position: "bottomright" });
    var legendBox = el("div", { "class": "km-legend", role: "region" });
    var legendTitle = el("button", { type: "button", "class": "km-legend-title", "aria-expanded": "true", "aria-controls": "km-legend-list" });
    var legendList = el("ul", { "class": "km-legend-list", id: "km-legend-list" });
    legendBox.appendChild(legendTitle); legendBox.appendChild(legendList);
    legend.onAdd = function () {
      L.DomEvent.disableClickPropagation(legendBox);
      L.DomEvent.disableScrollPropagation(legendBox);
      return legendBox;
    };
    legend.addTo(map);
    var legendChosen = false;  // the user opened or folded it: the page no longer decides
    function setLegendOpen(open) {
      legendBox.classList.toggle("km-collapsed", !open);
      legendTitle.setAttribute("aria-expanded", String(open));
    }
    // Never taller than the map: on a small screen the open list scrolls inside the legend.
    function sizeLegend() {
      if (legendBox.classList.contains("km-collapsed")) return;
      var bottom = legendBox.getBoundingClientRect().bottom - container.getBoundingClientRect().top;
      var room = bottom - 8 - (legendBox.offsetHeight - legendList.offsetHeight);  // 8 px clear of the map's top
      legendList.style.maxHeight = room > 40 ? room + "px" : "40px";
    }
    legendTitle.addEventListener("click", function () {
      legendChosen = true;
      setLegendOpen(legendBox.classList.contains("km-collapsed"));
      sizeLegend();
      if (!userMoved) { fitData(); adopt(); }
      placeLabels();
    });
    function swatch(kind, key) {
      var sw = el("span", { "class": "km-swatch km-swatch-" + kind, "aria-hidden": "true" });
      if (kind === "look") {
        var look = T.looks[key];
        sw.style.background = look.hatch ? "repeating-linear-gradient(45deg, " + look.fill + " 0 4px, " + look.hatch + " 4px 7px)" : look.fill;
        sw.style.borderColor = look.stroke;
        if (look.dash) sw.style.borderStyle = "dashed";
      } else if (kind === "context") {
        sw.style.background = T.context.fill;
      } else if (kind === "line") {
        sw.style.borderTopColor = T.line.stroke;
      } else if (kind === "changed") {
        sw.style.borderColor = T.changedLook.stroke;
      } else if (kind === "entry") {
        sw.style.borderColor = T.entry.stroke; sw.style.borderRadius = "50%";
      }
      return sw;
    }
    function renderLegend(phase, anyChanged) {
      var tx = text(phase);
      legendTitle.textContent = tx.legendTitle || s("legend");  // a position map names whose position it is
      legendBox.setAttribute("aria-label", tx.legendTitle || s("legend"));
      legendList.textContent = "";
      var entries = tx.legend.slice();
      if (anyChanged) entries.push(["changed", "changed", tx.changed]);
      entries.forEach(function (e) {
        var item = el("li", { "class": "km-legend-item", "data-kind": e[0], "data-key": e[1] });
        item.appendChild(swatch(e[0], e[1]));
        item.appendChild(el("span", {}, e[2]));
        legendList.appendChild(item);
      });
    }

    // ------------------------------------------------------------------ fitting the data around the legend
    var fitting = false, userMoved = false, legendHeight = 0;
    map.on("movestart zoomstart", function () { if (!fitting) userMoved = true; });
    function legendOverData() {
      if (legendBox.classList.contains("km-collapsed")) return false;
      var box = rectOf(legendBox);
      var hit = function (layer) {
        var b = layer.getBounds(), a = map.latLngToContainerPoint(b.getNorthWest()), c = map.latLngToContainerPoint(b.getSouthEast());
        return overlaps(box, { x: a.x, y: a.y, w: c.x - a.x, h: c.y - a.y });
      };
      return unitLayers.some(hit) || lineLayers.some(function (l) { return shown().lines.indexOf(l.feature.properties.id) >= 0 && hit(l); });
    }
    // The whole region in view, with the legend open only where it covers no land and no border line.
    function fitData() { safely(fitNow); }
    function fitNow() {
      var size = map.getSize();
      if (size.x < 50 || size.y < 50) return;  // a hidden frame: fitted when it is shown (its resize)
      fitting = true;
      var pad = [8, 8];
      map.fitBounds(DATA_BOUNDS, { padding: pad, animate: false });
      if (!legendChosen) setLegendOpen(true);
      var bare = map.getZoom(), w = legendBox.offsetWidth + 16, h = legendBox.offsetHeight + 24;
      var options = [{}, { paddingTopLeft: pad, paddingBottomRight: [w, 8] }, { paddingTopLeft: pad, paddingBottomRight: [8, h] }];
      // An open legend covers at most a third of the map (a narrow compare map folds it).
      var found = false, small = w * h <= size.x * size.y / 3;
      for (var i = 0; i < options.length && !found && small; i++) {
        // A legend as wide or as tall as the map leaves no room beside it (Leaflet would zoom to NaN).
        if (i === 1 && w > size.x - 50) continue;
        if (i === 2 && h > size.y - 50) continue;
        if (i > 0) map.fitBounds(DATA_BOUNDS, Object.assign({ animate: false }, options[i]));
        found = map.getZoom() >= bare - (map.getSize().x >= 480 ? 0.75 : 0.25) && !legendOverData();
      }
      // No room beside the land: the page folds the legend; one the reader opened stays open over the
      // land, which keeps its full size (never shrunk into a strip beside it).
      if (!found) {
        if (!legendChosen) setLegendOpen(false);
        map.fitBounds(DATA_BOUNDS, { padding: pad, animate: false });
      }
      legendHeight = legendBox.offsetHeight;
      fitting = false;
    }

    // ------------------------------------------------------------------ the two maps of a comparison at one scale
    // Side by side in one page (the app, the static atlas, the compare HTML), the maps share centre and zoom: one
    // the reader moves moves the other, and after fitting itself the later year's map takes the earlier's view.
    // The maps of a page find each other in a list on that page's window (frames may sit in a shadow DOM).
    var following = false;
    function mapsOfPage() {
      try {
        var host = window.parent;
        if (host === window) return [];
        var live = (host.__kurilmapWindows || []).filter(function (w) {
          try { return !w.closed && w.kurilmap; } catch (e) { return false; }
        });
        if (live.indexOf(window) < 0) live.push(window);
        host.__kurilmapWindows = live;
        return live;
      } catch (e) { return []; }  // a page of another origin holds this map: it has no partner
    }
    function partners() {
      if (view.compare == null) return [];
      return mapsOfPage().filter(function (w) { return w !== window && w.kurilmap.view().compare != null; })
        .map(function (w) { return w.kurilmap; });
    }
    function share() {
      if (following || fitting) return;
      var c = map.getCenter(), z = map.getZoom();
      partners().forEach(function (k) { k.follow(c.lat, c.lng, z); });
    }
    function follow(lat, lng, zoom) {
      if (view.compare == null) return;
      following = true;
      try { map.setView([lat, lng], zoom, { animate: false }); } finally { following = false; }
    }
    function adopt() {
      if (view.compare == null) return;
      var lead = partners().filter(function (k) { return earlier(k.view()); })[0];
      if (!earlier(view) && lead) follow.apply(null, lead.at());
      else share();
    }
    map.on("moveend", share);

    // ------------------------------------------------------------------ Leaflet's own controls, translated
    var scale = new KmScale({ imperial: false, position: "bottomleft" });
    scale.addTo(map);
    // The whole region again after zooming or pinching in (under the zoom buttons).
    var homeLink = null;
    var Home = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var bar = L.DomUtil.create("div", "leaflet-bar leaflet-control km-home");
        homeLink = L.DomUtil.create("a", "", bar);
        homeLink.href = "#";
        homeLink.setAttribute("role", "button");
        homeLink.setAttribute("data-action", "whole-region");
        homeLink.textContent = "⤢";
        L.DomEvent.disableClickPropagation(bar);
        L.DomEvent.on(homeLink, "click", function (e) { L.DomEvent.preventDefault(e); userMoved = false; fitData(); share(); safely(placeLabels); });
        return bar;
      },
    });
    if (withControls) new Home().addTo(map);
    function translateControls() {
      if (homeLink) { labelled(homeLink, "whole_region"); }
      scale.km = s("km");
      scale._update();
      [["leaflet-control-zoom-in", "zoom_in"], ["leaflet-control-zoom-out", "zoom_out"], ["leaflet-control-layers-toggle", "layers"]].forEach(function (c) {
        Array.prototype.forEach.call(container.getElementsByClassName(c[0]), function (a) {
          labelled(a, c[1]);
        });
      });
    }

    // ------------------------------------------------------------------ wheel: in a page of its own (the HTML export),
    // the wheel scrolls the page around the map until the map is clicked, or zooms with Ctrl/⌘ held.
    if (initial.wheel === "click") {
      map.scrollWheelZoom.disable();
      var hint = null, hintTimer = null;
      var showHint = function () {
        if (!hint) { hint = document.createElement("div"); hint.className = "km-wheel-hint"; container.appendChild(hint); }
        hint.textContent = s("wheel_hint"); hint.style.display = "";
        clearTimeout(hintTimer); hintTimer = setTimeout(function () { hint.style.display = "none"; }, 1500);
      };
      container.addEventListener("click", function () { map.scrollWheelZoom.enable(); if (hint) hint.style.display = "none"; });
      container.addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });
      container.addEventListener("wheel", function (e) {
        if (map.scrollWheelZoom.enabled()) return;
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          map.setZoomAround(map.mouseEventToContainerPoint(e), map.getZoom() + (e.deltaY < 0 ? 0.5 : -0.5));
        } else showHint();
      }, { passive: false });
    }
    // ------------------------------------------------------------------ touch: one finger scrolls the page, two move the map
    if (touch && withControls) {
      map.dragging.disable();
      var hint = el("div", { "class": "km-hint", "aria-hidden": "true" });
      container.appendChild(hint);
      var hintTimer = null;
      container.addEventListener("touchmove", function (e) {
        if (e.touches.length !== 1) return;
        hint.textContent = s("two_fingers");
        hint.classList.add("km-hint-on");
        clearTimeout(hintTimer);
        hintTimer = setTimeout(function () { hint.classList.remove("km-hint-on"); }, 1200);
      }, { passive: true });
    }

    // ------------------------------------------------------------------ drawing the view
    // A map that meets an error anyway says so in the reader's language with a way on (never a stack
    // trace); the next view change that draws without error takes the notice away.
    var errorBox = null, errorCount = 0;
    function showError(e) {
      errorCount += 1;
      if (window.console) console.error("kurilmap: the map could not be drawn", e);
      if (!errorBox) {
        errorBox = el("div", { "class": "km-error", role: "alert" });
        L.DomEvent.disableClickPropagation(errorBox);
        container.appendChild(errorBox);
      }
      errorBox.textContent = "";
      errorBox.appendChild(el("p", {}, s("map_error")));
      var again = el("button", { type: "button", "data-action": "retry" }, s("retry"));
      again.addEventListener("click", function () {
        safely(function () { userMoved = false; map.invalidateSize({ pan: false }); draw(); fitNow(); placeLabels(); });
      });
      errorBox.appendChild(again);
      errorBox.hidden = false;
    }
    function safely(fn) {
      var before = errorCount;
      try {
        fn();
        if (errorBox && errorCount === before) errorBox.hidden = true;
      } catch (e) {
        showError(e);
      }
    }
    // Land that changed hands is outlined outside its shore and border (T.changedLook), so that its own fill and
    // hatching stay whole: the outline lies under the changed land and over the rest, then the border lines.
    var outlines = L.layerGroup().addTo(map), outlined = null;
    function drawOutlines(changed) {
      var key = Object.keys(changed).sort().join(",");
      if (key === outlined) return;
      outlined = key;
      outlines.clearLayers();
      var look = T.changedLook, moved = unitLayers.filter(function (l) { return changed[l.feature.properties.id]; });
      moved.forEach(function (layer) {
        L.polygon(layer.getLatLngs(), {
          color: look.stroke, weight: 2 * look.weight, fill: false, interactive: false, lineJoin: "round", className: "km-changed",
        }).addTo(outlines);
      });
      moved.forEach(function (layer) { layer.bringToFront(); });
      lineLayers.forEach(function (layer) { layer.bringToFront(); });
    }
    function render() { safely(draw); }
    function draw() {
      var phase = shown();
      var changed = changedSet();
      var anyChanged = Object.keys(changed).length > 0;
      unitLayers.forEach(function (layer) {
        var id = layer.feature.properties.id, i = unitIndex[id];
        var look = phase.looks[i];
        layer.setStyle(styleFor(look));
        var node = layer.getElement && layer.getElement();
        if (node) {
          node.setAttribute("data-unit", id);
          node.setAttribute("data-look", look);
          node.setAttribute("data-holder", phase.holders[i]);
          node.setAttribute("data-changed", changed[id] ? "1" : "0");
        }
      });
      drawOutlines(changed);
      lineLayers.forEach(function (layer) {
        var on = phase.lines.indexOf(layer.feature.properties.id) >= 0;
        layer.setStyle({ opacity: on ? 1 : 0 });
        var node = layer.getElement && layer.getElement();
        if (node) { node.setAttribute("data-line", layer.feature.properties.id); node.setAttribute("data-active", on ? "1" : "0"); node.style.pointerEvents = on ? "" : "none"; }
      });
      renderLegend(phase, anyChanged);
      renderEntries(phase);
      periodLabel.textContent = when() + " — " + text(phase).heading;
      var inSequence = view.year === D.year;
      dayRow.classList.toggle("km-days-on", inSequence);
      dayOpen.textContent = s("day_by_day");
      dayOpen.setAttribute("aria-pressed", String(!!view.day));
      dayTrack.hidden = daySlider.hidden = dayOut.hidden = dayPlay.hidden = !inSequence;
      daySlider.value = view.day ? dayIndex[view.day] : D.list.length;
      dayOut.textContent = view.day ? when() : s("year_end");
      daySlider.setAttribute("aria-label", s("day"));
      daySlider.setAttribute("aria-valuetext", view.day ? periodLabel.textContent : s("year_end"));
      if (!playing) { labelled(dayPlay, "play_days"); }
      dayMarks.setAttribute("aria-label", s("day_marks"));
      Array.prototype.forEach.call(dayMarks.children, function (b) {
        var m = D.marks[Array.prototype.indexOf.call(dayMarks.children, b)];
        b.title = m.title[view.lang] || m.title.en;
        b.setAttribute("aria-label", b.title);
        b.classList.toggle("km-tick-on", m.day === view.day);
      });
      labelled(speedBox, "speed");
      Array.prototype.forEach.call(speedBox.options, function (o) {
        var n = Number(o.value);
        o.textContent = n ? s("speed_seconds").replace("{n}", n) : s("speed_normal");
      });
      layoutDayMarks();
      slider.value = view.year;
      yearOut.textContent = String(view.year);
      slider.setAttribute("aria-valuetext", periodLabel.textContent);
      container.setAttribute("data-year", String(view.year));
      container.setAttribute("data-day", view.day || "");
      container.setAttribute("data-compare", view.compare == null ? "" : String(view.compare));
      container.setAttribute("data-compare-day", view.compareDay || "");
      container.setAttribute("data-names", view.names);
      container.setAttribute("data-lang", view.lang);
      container.setAttribute("data-position", view.day ? "held" : view.position);
      container.setAttribute("data-period", phase.period);
      Array.prototype.forEach.call(ticks.children, function (b) { b.classList.toggle("km-tick-on", parseInt(b.getAttribute("data-year"), 10) <= view.year); });
      labelled(prevBtn, "prev_change");
      labelled(nextBtn, "next_change");
      labelled(minusBtn, "year_before");
      labelled(plusBtn, "year_after");
      if (!playing) { labelled(playBtn, "play"); }
      slider.setAttribute("aria-label", s("year"));
      bar.setAttribute("aria-label", s("timeline"));
      container.setAttribute("aria-label", s("map_label"));
      ticks.setAttribute("aria-label", s("treaty_years"));
      translateControls();
      untab();
      document.documentElement.setAttribute("lang", view.lang);
      document.title = s("map_label");
      // The bar has its final size now (the day row of 1945 makes the map shorter): the legend's room follows,
      // and a taller legend (another period's entries) may now reach the land: fit again unless the user moved the map.
      sizeLegend();
      if (ready && !userMoved && legendBox.offsetHeight > legendHeight) fitData();
      relabel(phase);
    }

    function merge(v) {
      var out = {};
      if (v.year != null && clampYear(v.year) !== null) out.year = clampYear(v.year);
      if ("compare" in v) out.compare = v.compare == null ? null : clampYear(v.compare);
      if (v.names && (T.nameStyles || []).indexOf(v.names) >= 0) out.names = v.names;
      if (v.lang && T.strings.year[v.lang]) out.lang = v.lang;
      if (v.position === "held" || (v.position && T.positions[v.position])) out.position = v.position;
      var against = "compare" in out ? out.compare : view.compare;  // a day of the other map is a day of 1945
      if ("compareDay" in v || "compare" in v) out.compareDay = v.compareDay && dayIndex[v.compareDay] != null && against === D.year ? v.compareDay : null;
      Object.keys(out).forEach(function (k) { view[k] = out[k]; });
      if ("day" in v || view.year !== D.year) view.day = null;  // a year without a day leaves the sequence
      if (v.day && dayIndex[v.day] != null) { view.day = v.day; view.year = D.year; }
    }
    // The user chose a year (or a day of 1945) on this map: show it at once, then tell whoever hosts the page.
    function choose(year) {
      year = clampYear(year);
      if (year === null || (year === view.year && !view.day)) { render(); return; }
      view.year = year;
      view.day = null;
      render();
      announce();
    }
    function chooseDay(day) {
      if (dayIndex[day] == null || day === view.day) { render(); return; }
      view.year = D.year;
      view.day = day;
      render();
      announce();
    }
    // To the host page through this page's frame element (same origin), else on this window.
    function announce() {
      var target = null;
      try { target = window.frameElement; } catch (e) { target = null; }
      (target || window).dispatchEvent(new CustomEvent("kurilmap:propose", { detail: { year: view.year, day: view.day } }));
    }

    // ------------------------------------------------------------------ in the app's page (same origin)
    var hostFrame = null;
    try { hostFrame = window.frameElement; } catch (e) { hostFrame = null; }
    // The frame as tall as the window allows below its top (the year slider on screen without
    // scrolling), between 360 px and the app's maximum; a phone keeps a little of the page below it.
    function fitFrame() {
      if (!hostFrame || !hostFrame.dataset.fit) return;
      var win = hostFrame.ownerDocument.defaultView, top = hostFrame.getBoundingClientRect().top + win.scrollY;
      var room = win.innerHeight - Math.min(top, win.innerHeight * 0.45) - (win.innerWidth < 640 ? 24 : 12);
      // never less than the bar under the map plus 240 px of map (a small phone scrolls to the slider instead)
      var bar = document.querySelector(".km-bar"), least = Math.max(360, (bar ? bar.offsetHeight : 0) + 240);
      var height = Math.round(Math.max(least, Math.min(parseInt(hostFrame.dataset.fit, 10), room))) + "px";
      if (hostFrame.style.height !== height) hostFrame.style.height = height;
    }
    // The app page's first Tab stop: a link straight to this map's year slider (visible when focused).
    function skipLink() {
      if (!hostFrame || !hostFrame.dataset.skip) return;
      var doc = hostFrame.ownerDocument, skip = doc.getElementById("km-skip");
      if (!skip) {
        skip = doc.createElement("a");
        skip.id = "km-skip";
        skip.href = "#";
        skip.className = "km-skip";
        skip.style.cssText = "position:fixed;left:8px;top:-80px;z-index:1000002;padding:10px 14px;background:#fff;" +
          "color:#0b4f8a;border:3px solid #0072B2;border-radius:4px;font:600 15px sans-serif";
        skip.addEventListener("focus", function () { skip.style.top = "8px"; });
        skip.addEventListener("blur", function () { skip.style.top = "-80px"; });
        skip.addEventListener("click", function (e) {
          e.preventDefault();
          var target = skip.kmFrame && skip.kmFrame.contentDocument && skip.kmFrame.contentDocument.getElementById("km-year");
          if (target) { skip.kmFrame.scrollIntoView({ block: "nearest" }); target.focus(); }
        });
        doc.body.insertBefore(skip, doc.body.firstChild);
      }
      skip.textContent = hostFrame.dataset.skip;
      skip.kmFrame = hostFrame;
    }
    // The app's page: a compact header so the map comes first, and captions and quotations in
    // readable contrast (axe-core, WCAG AA). Kept here, in a cached file, not sent with every rerun.
    var APP_CSS = (
      "[data-testid='stMainBlockContainer'] { padding: 1.75rem 1.25rem 2rem; max-width: none; } " +
      "[data-testid='stMainBlockContainer'] h1 { font-size: 1.45rem; padding: 0 0 0.1rem; line-height: 1.25; } " +
      "[data-testid='stCaptionContainer'] { opacity: 1 !important; } " +
      "[data-testid='stCaptionContainer'], [data-testid='stCaptionContainer'] p { color: #4a4a4a !important; } " +
      "[data-testid='stMarkdownContainer'] blockquote { opacity: 1 !important; border-left-color: #767676; } " +
      "[data-testid='stMarkdownContainer'] blockquote, [data-testid='stMarkdownContainer'] blockquote p { color: #333 !important; } " +
      "[data-testid='stMainBlockContainer'] h1 + p, [data-testid='stHeadingWithActionElements'] + p { color: #444; margin: 0; } " +
      "[data-testid='stExpandSidebarButton'] { min-width: 44px; min-height: 44px; gap: 4px; } " +
      "[data-testid='stExpandSidebarButton']::after { content: attr(data-km-label); font: 600 14px/1.2 sans-serif; } " +
      "@media (max-width: 640px) { " +
      "[data-testid='stMainBlockContainer'] { padding: 4rem 0.75rem 2rem; } " +
      "[data-testid='stMainBlockContainer'] h1 { font-size: 1.1rem; } " +
      "} "
    );
    // Streamlit's sidebar opener (» on a phone, where language, compare and export wait behind it):
    // named in the reader's language, on the button and beside it. Streamlit makes a new button each
    // time the sidebar folds, so a watcher on the page labels each one.
    function labelOpener() {
      if (!hostFrame || !hostFrame.dataset.skip) return;
      var button = hostFrame.ownerDocument.querySelector("[data-testid='stExpandSidebarButton']"), label = s("open_sidebar");
      if (!button || button.getAttribute("data-km-label") === label) return;
      button.setAttribute("data-km-label", label);
      button.setAttribute("aria-label", label);
      button.setAttribute("title", label);
    }
    if (hostFrame && hostFrame.dataset.fit) {
      var hostWin = hostFrame.ownerDocument.defaultView;
      if (!hostFrame.ownerDocument.getElementById("km-app-style")) {
        var style = hostFrame.ownerDocument.createElement("style");
        style.id = "km-app-style";
        style.textContent = APP_CSS;
        hostFrame.ownerDocument.head.appendChild(style);
      }
      hostWin.addEventListener("resize", fitFrame);
      // Text above the map that appears or changes later (a notice, a wrapped title) moves it down.
      var mainBlock = hostFrame.ownerDocument.querySelector("[data-testid='stMainBlockContainer']");
      var watcher = mainBlock && hostWin.ResizeObserver ? new hostWin.ResizeObserver(fitFrame) : null;
      if (watcher) watcher.observe(mainBlock);
      var opener = hostWin.MutationObserver ? new hostWin.MutationObserver(labelOpener) : null;
      if (opener) opener.observe(hostFrame.ownerDocument.body, { childList: true, subtree: true });
      window.addEventListener("pagehide", function () {
        hostWin.removeEventListener("resize", fitFrame);
        if (watcher) watcher.disconnect();
        if (opener) opener.disconnect();
      });
    }

    window.kurilmap = {
      map: map,
      apply: function (v) { safely(function () { merge(v || {}); draw(); fitFrame(); skipLink(); labelOpener(); }); },
      view: function () { return { year: view.year, names: view.names, lang: view.lang, compare: view.compare, day: view.day, compareDay: view.compareDay, position: view.position }; },
      at: function () { var c = map.getCenter(); return [c.lat, c.lng, map.getZoom()]; },
      follow: function (lat, lng, zoom) { safely(function () { follow(lat, lng, zoom); }); },
      stop: stop,
    };
    mapsOfPage();
    merge(initial || {});
    merge(fromFragment());
    var ready = false;
    // The bar's height changes with its text (and the frame with the window): Leaflet must know its new size.
    if (window.ResizeObserver) new ResizeObserver(function () { map.invalidateSize({ pan: false }); }).observe(container);
    map.on("zoomend moveend", function () { safely(placeLabels); });
    map.on("resize", function () { safely(resized); });
    function resized() {
      sizeLegend();
      layoutTicks();
      layoutDayMarks();
      if (!userMoved) fitData();
      placeLabels();
    }
    map.whenReady(function () {
      safely(function () {
        fitFrame();
        skipLink();
        labelOpener();
        draw();
        layoutTicks();
        fitNow();
        adopt();
        placeLabels();
      });
      ready = true;
      container.setAttribute("data-ready", "1");
    });
  };
})();
