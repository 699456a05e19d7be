/* The kurilmap folium page: applies the scene table that Python computed.
 *
 * kurilmapInit(map, unitsLayer, linesLayer, T, initial) wires a year slider, a legend, tooltips
 * and labels to the land units. T (kurilmap.scene.page_table) holds, for every phase of the
 * timeline, the look key of each unit, the names and the texts in every language and naming
 * style. This file holds no rule of history: it finds the phase of a year by its start year and
 * looks everything else up.
 *
 * The view ({year, names, lang, compare}) comes from `initial`, overridden by the page address's
 * #fragment. A host page (the Streamlit component) sets it with window.kurilmap.apply(view) and
 * hears the user's own year changes as "kurilmap:propose" events on the page's frame element
 * (on this window when the page is not in a frame).
 * All data text reaches the page through textContent: never as HTML.
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
      if (kv[0] === "year" || kv[0] === "compare") out[kv[0]] = parseInt(value, 10);
      else if (kv[0] === "names" || kv[0] === "lang") out[kv[0]] = value;
    });
    return out;
  }

  window.kurilmapInit = function (map, units, lines, T, initial) {
    var view = { year: 1905, names: "both", lang: "en", compare: null };
    var playing = null;
    var container = map.getContainer();
    addPatterns(T.looks);

    function s(key) { var e = T.strings[key]; return (e && (e[view.lang] || e.en)) || key; }
    function clampYear(y) { y = parseInt(y, 10); return isNaN(y) ? null : Math.max(T.first, Math.min(T.last, y)); }
    function phaseOf(year) {
      var found = T.phases[0];
      for (var i = 0; i < T.phases.length && T.phases[i].start <= year; i++) found = T.phases[i];
      return found;
    }
    function text(phase) { return phase.text[view.lang] || phase.text.en; }
    function name(phase, key) { return T.nameSets[phase.names][view.names + "|" + view.lang][key] || ""; }
    function changedSet() {
      if (view.compare == null) return {};
      var ids = T.changed[phaseOf(view.year).period + "|" + phaseOf(view.compare).period] || [];
      var out = {};
      ids.forEach(function (id) { out[id] = true; });
      return out;
    }
    function styleFor(key, changed) {
      var look = T.looks[key];
      var st = {
        fillColor: look.hatch ? "url(#km-hatch-" + key + ")" : look.fill, fillOpacity: 1,
        color: look.stroke, weight: look.weight, opacity: 1, dashArray: look.dash,
      };
      if (changed) { st.color = T.changedLook.stroke; st.weight = T.changedLook.weight; st.dashArray = null; }
      return st;
    }

    // ------------------------------------------------------------------ land units and lines
    var unitIndex = {};
    T.units.forEach(function (id, i) { unitIndex[id] = i; });
    var unitLayers = [];
    units.eachLayer(function (layer) {
      unitLayers.push(layer);
      layer.bindTooltip(function () { return tooltipNode(layer.feature.properties.id); }, { sticky: true, className: "km-tip" });
    });
    var lineLayers = [];
    lines.eachLayer(function (layer) {
      lineLayers.push(layer);
      layer.bindTooltip(function () { var l = T.lineLabels[layer.feature.properties.id]; return el("span", {}, l[view.lang] || l.en); }, { sticky: true });
    });
    function tooltipNode(unitId) {
      var phase = phaseOf(view.year), i = unitIndex[unitId], tx = text(phase);
      var fid = phase.features[i], look = phase.looks[i], feature = T.features[fid];
      var rows = [
        name(phase, "f:" + fid),
        feature.all,
        tx.held[phase.holders[i]],
        s("area") + ": " + Math.round(feature.area).toLocaleString("en-US") + " km²",
      ];
      if (tx.treaty) rows.push(tx.treaty);
      if (tx.notes[look]) rows.push(tx.notes[look]);
      var node = el("div", { "class": "km-tip-body" });
      rows.forEach(function (row, n) { node.appendChild(el(n === 0 ? "b" : "div", {}, row)); });
      return node;
    }

    // ------------------------------------------------------------------ labels
    var labelLayer = L.layerGroup().addTo(map);
    var labels = T.places.map(function (p) {
      if (p.kind === "town") {
        L.circleMarker([p.lat, p.lon], { radius: 3, color: "#222", weight: 1, fillColor: "#fff", fillOpacity: 1, interactive: false }).addTo(labelLayer);
      }
      var cls = p.kind === "town" ? "km-label km-town" : "km-label";
      var marker = L.marker([p.lat, p.lon], { interactive: false, keyboard: false, icon: L.divIcon({ className: cls, html: "", iconSize: null }) });
      marker.addTo(labelLayer);
      return { marker: marker, place: p };
    });
    function relabel(phase) {
      labels.forEach(function (lab) {
        var node = lab.marker.getElement();
        if (!node) return;
        node.textContent = "";
        var cls = lab.place.kind === "town" ? "km-town-name" : "km-island" + (lab.place.bold ? " km-bold" : "");
        node.appendChild(el("span", { "class": cls, "data-place": lab.place.id }, name(phase, "p:" + lab.place.id)));
      });
    }
    function toggleLabels() {
      var z = map.getZoom();
      labels.forEach(function (lab) {
        var n = lab.marker.getElement();
        if (n) n.style.display = z >= lab.place.minZoom ? "" : "none";
      });
      bar.classList.toggle("km-narrow", map.getSize().x < 440);
    }
    map.on("zoomend resize", toggleLabels);

    // ------------------------------------------------------------------ controls
    var bar = el("div", { "class": "km-bar", role: "group" });
    var periodLabel = el("div", { "class": "km-period", "aria-live": "polite" });
    var row = el("div", { "class": "km-row" });
    var prevBtn = el("button", { type: "button", "class": "km-btn", "data-action": "prev" }, "«");
    var playBtn = el("button", { type: "button", "class": "km-btn", "data-action": "play" }, "▶");
    var nextBtn = el("button", { type: "button", "class": "km-btn", "data-action": "next" }, "»");
    var slider = el("input", { type: "range", min: T.first, max: T.last, step: 1, value: view.year, "class": "km-slider", id: "km-year" });
    var yearOut = el("output", { "class": "km-year", "for": "km-year" }, String(view.year));
    var ticks = el("div", { "class": "km-ticks" });
    T.changeYears.forEach(function (y, i) {
      var crowded = i > 0 && (y - T.changeYears[i - 1]) / (T.last - T.first) < 0.05 && ticks.lastChild.className.indexOf("km-tick-low") < 0;
      var b = el("button", { type: "button", "class": "km-tick" + (crowded ? " km-tick-low" : ""), "data-year": y }, String(y));
      b.style.left = ((y - T.first) / (T.last - T.first) * 100) + "%";
      b.addEventListener("click", function () { stop(); choose(y); });
      ticks.appendChild(b);
    });
    var track = el("div", { "class": "km-track" });
    track.appendChild(slider); track.appendChild(ticks);
    [prevBtn, playBtn, track, yearOut, nextBtn].forEach(function (n) { row.appendChild(n); });
    bar.appendChild(periodLabel); bar.appendChild(row);
    if (initial.controls !== false) container.appendChild(bar);
    L.DomEvent.disableClickPropagation(bar);
    L.DomEvent.disableScrollPropagation(bar);
    slider.addEventListener("input", function () { stop(); choose(slider.value); });
    prevBtn.addEventListener("click", function () { stop(); step(-1); });
    nextBtn.addEventListener("click", function () { stop(); step(1); });
    playBtn.addEventListener("click", function () { if (playing) stop(); else play(); });

    function step(dir) {
      var target = null;
      if (dir > 0) { T.changeYears.forEach(function (y) { if (target === null && y > view.year) target = y; }); if (target === null) target = T.last; }
      else { T.changeYears.slice().reverse().forEach(function (y) { if (target === null && y < view.year) target = y; }); if (target === null) target = T.first; }
      choose(target);
    }
    function play() {
      if (view.year >= T.changeYears[T.changeYears.length - 1]) choose(T.first);
      playBtn.textContent = "❚❚";
      playBtn.title = s("pause"); playBtn.setAttribute("aria-label", s("pause"));
      playBtn.setAttribute("data-playing", "1");
      playing = setInterval(function () {
        if (view.year >= T.last) { stop(); return; }
        step(1);
      }, 1400);
    }
    function stop() {
      if (playing) { clearInterval(playing); playing = null; }
      playBtn.textContent = "▶"; playBtn.title = s("play"); playBtn.setAttribute("aria-label", s("play"));
      playBtn.removeAttribute("data-playing");
    }

    var legend = L.control({ position: "topright" });
    var legendBox = el("div", { "class": "km-legend" });
    legend.onAdd = function () { L.DomEvent.disableClickPropagation(legendBox); return legendBox; };
    legend.addTo(map);
    function swatch(kind, key) {
      var sw = el("span", { "class": "km-swatch km-swatch-" + kind });
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
      }
      return sw;
    }
    function renderLegend(phase, anyChanged) {
      var folded = legendBox.classList.contains("km-collapsed");
      legendBox.textContent = "";
      var title = el("div", { "class": "km-legend-title", role: "button", tabindex: "0", "aria-expanded": String(!folded) }, s("legend"));
      function fold() { legendBox.classList.toggle("km-collapsed"); title.setAttribute("aria-expanded", String(!legendBox.classList.contains("km-collapsed"))); }
      title.addEventListener("click", fold);
      title.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); fold(); } });
      legendBox.appendChild(title);
      var tx = text(phase);
      var entries = tx.legend.slice();
      if (anyChanged) entries.push(["changed", "changed", tx.changed]);
      entries.forEach(function (e) {
        var item = el("div", { "class": "km-legend-item", "data-kind": e[0], "data-key": e[1] });
        item.appendChild(swatch(e[0], e[1]));
        item.appendChild(el("span", {}, e[2]));
        legendBox.appendChild(item);
      });
    }

    // ------------------------------------------------------------------ drawing the view
    function render() {
      var phase = phaseOf(view.year);
      var changed = changedSet();
      var anyChanged = Object.keys(changed).length > 0;
      unitLayers.forEach(function (layer) {
        var id = layer.feature.properties.id, i = unitIndex[id];
        var look = phase.looks[i];
        layer.setStyle(styleFor(look, !!changed[id]));
        var node = layer.getElement && layer.getElement();
        if (node) {
          node.setAttribute("data-unit", id);
          node.setAttribute("data-look", look);
          node.setAttribute("data-holder", phase.holders[i]);
          node.setAttribute("data-changed", changed[id] ? "1" : "0");
        }
      });
      lineLayers.forEach(function (layer) {
        var on = phase.lines.indexOf(layer.feature.properties.id) >= 0;
        layer.setStyle({ opacity: on ? 1 : 0 });
        var node = layer.getElement && layer.getElement();
        if (node) { node.setAttribute("data-line", layer.feature.properties.id); node.setAttribute("data-active", on ? "1" : "0"); node.style.pointerEvents = on ? "" : "none"; }
      });
      renderLegend(phase, anyChanged);
      relabel(phase);
      periodLabel.textContent = view.year + " — " + text(phase).heading;
      slider.value = view.year;
      yearOut.textContent = String(view.year);
      slider.setAttribute("aria-valuetext", periodLabel.textContent);
      container.setAttribute("data-year", String(view.year));
      container.setAttribute("data-compare", view.compare == null ? "" : String(view.compare));
      container.setAttribute("data-names", view.names);
      container.setAttribute("data-lang", view.lang);
      container.setAttribute("data-period", phase.period);
      Array.prototype.forEach.call(ticks.children, function (b) { b.classList.toggle("km-tick-on", parseInt(b.getAttribute("data-year"), 10) <= view.year); });
      prevBtn.title = s("prev_change"); prevBtn.setAttribute("aria-label", s("prev_change"));
      nextBtn.title = s("next_change"); nextBtn.setAttribute("aria-label", s("next_change"));
      if (!playing) { playBtn.title = s("play"); playBtn.setAttribute("aria-label", s("play")); }
      slider.setAttribute("aria-label", s("year"));
      bar.setAttribute("aria-label", s("timeline"));
      container.setAttribute("aria-label", s("map_label"));
      document.documentElement.setAttribute("lang", view.lang);
      document.title = s("map_label");
    }

    function merge(v) {
      var out = {};
      if (v.year != null && clampYear(v.year) !== null) out.year = clampYear(v.year);
      if ("compare" in v) out.compare = v.compare == null ? null : clampYear(v.compare);
      if (v.names && T.nameSets[0][v.names + "|en"]) out.names = v.names;
      if (v.lang && T.strings.year[v.lang]) out.lang = v.lang;
      Object.keys(out).forEach(function (k) { view[k] = out[k]; });
    }
    // The user chose a year on this map: show it at once, then tell whoever hosts the page.
    function choose(year) {
      year = clampYear(year);
      if (year === null || year === view.year) { render(); return; }
      view.year = year;
      render();
      // To the host page through this page's frame element (same origin), else on this window.
      var target = null;
      try { target = window.frameElement; } catch (e) { target = null; }
      (target || window).dispatchEvent(new CustomEvent("kurilmap:propose", { detail: { year: year } }));
    }

    window.kurilmap = {
      map: map,
      apply: function (v) { merge(v || {}); render(); },
      view: function () { return { year: view.year, names: view.names, lang: view.lang, compare: view.compare }; },
      stop: stop,
    };
    merge(initial || {});
    merge(fromFragment());
    if (map.getSize().x < 700) legendBox.classList.add("km-collapsed");
    map.fitBounds([[41.3, 139.6], [54.6, 157.2]], initial.controls === false ? {} : { paddingBottomRight: [0, 80] });
    map.whenReady(function () { render(); toggleLabels(); container.setAttribute("data-ready", "1"); });
  };
})();
