/* Client-side period switching for the kurilmap folium page.
 *
 * kurilmapInit(map, unitsLayer, linesLayer, tables, initial) wires a year slider, a legend,
 * tooltips and labels to the land units. Changing the year only restyles the units (no
 * reload), so pan and zoom stay. window.kurilmap exposes setYear/setNames/setLang/setCompare
 * for the Streamlit component; every change is also posted to the parent window.
 * All data text reaches the page through textContent or esc(): never as raw HTML.
 */
(function () {
  "use strict";

  function esc(value) {
    return String(value == null ? "" : value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  var SVGNS = "http://www.w3.org/2000/svg";

  function addPatterns(palette) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", "0");
    svg.setAttribute("height", "0");
    svg.setAttribute("aria-hidden", "true");
    svg.style.position = "absolute";
    var defs = document.createElementNS(SVGNS, "defs");
    [["km-disputed", palette.russia, palette.disputed_stripe], ["km-occupied", palette.russia, palette.occupied_stripe]].forEach(function (p) {
      var pat = document.createElementNS(SVGNS, "pattern");
      pat.setAttribute("id", p[0]);
      pat.setAttribute("patternUnits", "userSpaceOnUse");
      pat.setAttribute("width", "8");
      pat.setAttribute("height", "8");
      pat.setAttribute("patternTransform", "rotate(45)");
      var bg = document.createElementNS(SVGNS, "rect");
      bg.setAttribute("width", "8"); bg.setAttribute("height", "8"); bg.setAttribute("fill", p[1]);
      var stripe = document.createElementNS(SVGNS, "rect");
      stripe.setAttribute("width", "3"); stripe.setAttribute("height", "8"); stripe.setAttribute("fill", p[2]);
      pat.appendChild(bg); pat.appendChild(stripe); defs.appendChild(pat);
    });
    svg.appendChild(defs);
    document.body.appendChild(svg);
  }

  window.kurilmapInit = function (map, units, lines, T, initial) {
    var state = { year: initial.year, names: initial.names, lang: initial.lang, compare: initial.compare, playing: null };
    var P = T.palette;
    addPatterns(P);

    function s(key) { var e = T.strings[key]; return (e && (e[state.lang] || e.en)) || key; }
    function periodFor(year) {
      var found = T.periods[0];
      T.periods.forEach(function (p) { if (p.start <= year) found = p; });
      return found;
    }
    function occupationsIn(year) { return T.occupations.filter(function (o) { return o.start <= year && year < o.end; }); }
    function stateName(holder, year) {
      var spans = T.states[holder] || [];
      var name = null;
      spans.forEach(function (sp) { if (sp.start <= year) name = sp.name; });
      return name ? (name[state.lang] || name.en) : "";
    }
    function placeName(n) {
      var ja = state.lang === "ja" ? n.name_ja : n.name_ja_romaji;
      var ru = state.lang === "ru" ? n.name_ru : n.name_ru_latin;
      if (state.names === "ja") return ja;
      if (state.names === "ru") return ru;
      return ja === ru ? ja : ja + " / " + ru;
    }
    function unitLook(props, year) {
      var period = periodFor(year);
      var holder = props.h[period.id];
      var disputed = period.disputed && T.disputed.indexOf(props.island) >= 0;
      var occupied = occupationsIn(year).filter(function (o) { return o.zone === props.zone; })[0] || null;
      var kind = disputed ? "disputed" : occupied ? "occupied" : holder;
      return { period: period, holder: holder, disputed: disputed, occupied: occupied, kind: kind };
    }
    function styleFor(look, changed) {
      var base = P[look.holder] || P.contested;
      var fill = look.kind === "disputed" ? "url(#km-disputed)" : look.kind === "occupied" ? "url(#km-occupied)" : base;
      var st = { fillColor: fill, fillOpacity: 1, color: base, weight: 0.8, opacity: 1, dashArray: null };
      if (look.kind === "disputed") { st.color = P.disputed_stripe; st.weight = 1.6; }
      if (look.holder === "contested") { st.color = "#777777"; st.dashArray = "3 3"; }
      if (changed) { st.color = P.changed; st.weight = 2.6; st.dashArray = null; }
      return st;
    }
    function tooltipHtml(props, year) {
      var look = unitLook(props, year);
      var f = T.features[look.period.id][props.f[look.period.id]];
      var n = f.names;
      var treaty = look.period.treaty ? T.treaties[look.period.treaty] : null;
      var rows = [
        "<b>" + esc(placeName(n)) + "</b>",
        esc(n.name_ja) + " " + esc(n.name_ja_romaji) + " · " + esc(n.name_ru) + " " + esc(n.name_ru_latin),
        esc(s("held_by")) + ": " + esc(look.holder === "japan" || look.holder === "russia" ? stateName(look.holder, year) : s("holder_" + look.holder)),
        esc(s("area")) + ": " + esc(Math.round(f.area).toLocaleString("en-US")) + " km²",
      ];
      if (treaty && treaty.kind === "de-facto") rows.push(esc(s("act")) + ": " + esc(treaty.name[state.lang] || treaty.name.en));
      else if (treaty) rows.push(esc(s("treaty")) + ": " + esc(treaty.name[state.lang] || treaty.name.en) + " (" + esc(treaty.signed.slice(0, 4)) + (treaty.article ? ", " + esc(treaty.article) : "") + ")");
      if (look.disputed) rows.push("<i>" + esc(s("disputed")) + "</i>");
      if (look.occupied) rows.push("<i>" + esc(look.occupied.label[state.lang] || look.occupied.label.en) + "</i>");
      return rows.join("<br>");
    }

    // ------------------------------------------------------------------ land units
    var unitLayers = [];
    units.eachLayer(function (layer) {
      unitLayers.push(layer);
      layer.bindTooltip(function () { return tooltipHtml(layer.feature.properties, state.year); }, { sticky: true, className: "km-tip" });
    });
    var lineLayers = [];
    lines.eachLayer(function (layer) {
      lineLayers.push(layer);
      layer.bindTooltip(function () { var l = layer.feature.properties.label; return esc(l[state.lang] || l.en); }, { sticky: true });
    });

    // ------------------------------------------------------------------ labels
    var labelLayer = L.layerGroup().addTo(map);
    var labelMarkers = [];
    T.labels.forEach(function (lab) {
      var m = L.marker([lab.lat, lab.lon], { interactive: false, keyboard: false, icon: L.divIcon({ className: "km-label", html: "", iconSize: null }) });
      m.addTo(labelLayer);
      labelMarkers.push({ marker: m, names: lab.names, cls: "km-island", minZoom: lab.area >= 1000 ? 0 : 6 });
    });
    T.towns.forEach(function (town) {
      L.circleMarker([town.lat, town.lon], { radius: 3, color: "#222", weight: 1, fillColor: "#fff", fillOpacity: 1, interactive: false }).addTo(labelLayer);
      var m = L.marker([town.lat, town.lon], { interactive: false, keyboard: false, icon: L.divIcon({ className: "km-label km-town", html: "", iconSize: null }) });
      m.addTo(labelLayer);
      labelMarkers.push({ marker: m, names: town.names, cls: "km-town-name", minZoom: 6 });
    });
    function relabel() {
      labelMarkers.forEach(function (lm) {
        var node = lm.marker.getElement();
        if (!node) return;
        node.textContent = "";
        node.appendChild(el("span", { "class": lm.cls }, placeName(lm.names)));
      });
    }
    function toggleLabels() {
      var z = map.getZoom();
      labelMarkers.forEach(function (lm) {
        var n = lm.marker.getElement();
        if (n) n.style.display = z >= lm.minZoom ? "" : "none";
      });
      var narrow = map.getSize().x < 440;
      bar.classList.toggle("km-narrow", narrow);
    }
    map.on("zoomend resize", toggleLabels);

    // ------------------------------------------------------------------ controls
    var bar = el("div", { "class": "km-bar", role: "group" });
    var periodLabel = el("div", { "class": "km-period", "aria-live": "polite" });
    var row = el("div", { "class": "km-row" });
    var prevBtn = el("button", { type: "button", "class": "km-btn", "data-action": "prev" }, "«");
    var playBtn = el("button", { type: "button", "class": "km-btn", "data-action": "play" }, "▶");
    var nextBtn = el("button", { type: "button", "class": "km-btn", "data-action": "next" }, "»");
    var slider = el("input", { type: "range", min: T.first, max: T.last, step: 1, value: state.year, "class": "km-slider", id: "km-year" });
    var yearOut = el("output", { "class": "km-year", "for": "km-year" }, String(state.year));
    var ticks = el("div", { "class": "km-ticks" });
    T.changeYears.forEach(function (y, i) {
      var crowded = i > 0 && (y - T.changeYears[i - 1]) / (T.last - T.first) < 0.05 && ticks.lastChild.className.indexOf("km-tick-low") < 0;
      var b = el("button", { type: "button", "class": "km-tick" + (crowded ? " km-tick-low" : ""), "data-year": y }, String(y));
      b.style.left = ((y - T.first) / (T.last - T.first) * 100) + "%";
      b.addEventListener("click", function () { stop(); setYear(y, "tick"); });
      ticks.appendChild(b);
    });
    var track = el("div", { "class": "km-track" });
    track.appendChild(slider); track.appendChild(ticks);
    [prevBtn, playBtn, track, yearOut, nextBtn].forEach(function (n) { row.appendChild(n); });
    bar.appendChild(periodLabel); bar.appendChild(row);
    var container = map.getContainer();
    if (initial.controls !== false) container.appendChild(bar);
    L.DomEvent.disableClickPropagation(bar);
    L.DomEvent.disableScrollPropagation(bar);
    slider.addEventListener("input", function () { stop(); setYear(parseInt(slider.value, 10), "slider"); });
    prevBtn.addEventListener("click", function () { stop(); step(-1); });
    nextBtn.addEventListener("click", function () { stop(); step(1); });
    playBtn.addEventListener("click", function () { if (state.playing) stop(); else play(); });

    function step(dir) {
      var ys = T.changeYears.slice();
      var target = null;
      if (dir > 0) { ys.forEach(function (y) { if (target === null && y > state.year) target = y; }); if (target === null) target = T.last; }
      else { ys.slice().reverse().forEach(function (y) { if (target === null && y < state.year) target = y; }); if (target === null) target = T.first; }
      setYear(target, "step");
    }
    function play() {
      if (state.year >= T.changeYears[T.changeYears.length - 1]) setYear(T.first, "play");
      playBtn.textContent = "❚❚";
      playBtn.title = s("pause"); playBtn.setAttribute("aria-label", s("pause"));
      state.playing = setInterval(function () {
        if (state.year >= T.last) { stop(); return; }
        step(1);
      }, 1400);
    }
    function stop() {
      if (state.playing) { clearInterval(state.playing); state.playing = null; }
      playBtn.textContent = "▶"; playBtn.title = s("play"); playBtn.setAttribute("aria-label", s("play"));
    }

    var legend = L.control({ position: "topright" });
    var legendBox = el("div", { "class": "km-legend" });
    legend.onAdd = function () { L.DomEvent.disableClickPropagation(legendBox); return legendBox; };
    legend.addTo(map);
    function renderLegend() {
      legendBox.textContent = "";
      var title = el("div", { "class": "km-legend-title", role: "button", tabindex: "0", "aria-expanded": String(!legendBox.classList.contains("km-collapsed")) }, s("legend"));
      title.addEventListener("click", function () { legendBox.classList.toggle("km-collapsed"); title.setAttribute("aria-expanded", String(!legendBox.classList.contains("km-collapsed"))); });
      legendBox.appendChild(title);
      var entries = [
        ["japan", P.japan, "holder_japan"], ["russia", P.russia, "holder_russia"], ["shared", P.shared, "holder_shared"],
        ["contested", P.contested, "holder_contested"], ["occupied", "occupied", "occupied"], ["disputed", "disputed", "disputed"],
        ["context", P.context, "context"], ["line", "line", "treaty_line"],
      ];
      entries.forEach(function (e) {
        var item = el("div", { "class": "km-legend-item", "data-kind": e[0] });
        var sw = el("span", { "class": "km-swatch km-swatch-" + e[0] });
        if (e[1].charAt(0) === "#") sw.style.background = e[1];
        item.appendChild(sw);
        item.appendChild(el("span", {}, s(e[2])));
        legendBox.appendChild(item);
      });
      legendBox.appendChild(el("div", { "class": "km-legend-source" }, s("legend_source")));
    }

    // ------------------------------------------------------------------ state changes
    var notifyTimer = null, notifySeq = 0;
    function notify(origin) {
      if (window.parent === window) return;
      clearTimeout(notifyTimer);
      var message = { kurilmap: "view", year: state.year, names: state.names, lang: state.lang, origin: origin, seq: ++notifySeq };
      // The panel and URL follow asynchronously; the map has already changed.
      notifyTimer = setTimeout(function () { window.parent.postMessage(message, "*"); }, origin === "slider" ? 120 : 0);
    }

    function restyle() {
      var period = periodFor(state.year);
      var comparePeriod = state.compare != null ? periodFor(state.compare) : null;
      unitLayers.forEach(function (layer) {
        var props = layer.feature.properties;
        var look = unitLook(props, state.year);
        var changed = comparePeriod && props.h[comparePeriod.id] !== look.holder;
        layer.setStyle(styleFor(look, changed));
        var node = layer.getElement && layer.getElement();
        if (node) {
          node.setAttribute("data-unit", props.id);
          node.setAttribute("data-holder", look.holder);
          node.setAttribute("data-kind", look.kind);
          node.setAttribute("data-changed", changed ? "1" : "0");
        }
      });
      lineLayers.forEach(function (layer) {
        var on = period.lines.indexOf(layer.feature.properties.id) >= 0;
        layer.setStyle({ opacity: on ? 1 : 0 });
        var node = layer.getElement && layer.getElement();
        if (node) { node.setAttribute("data-line", layer.feature.properties.id); node.setAttribute("data-active", on ? "1" : "0"); node.style.pointerEvents = on ? "" : "none"; }
      });
      var lineItem = legendBox.querySelector("[data-kind='line'] span:last-child");
      if (lineItem) {
        var inForce = lineLayers.filter(function (l) { return period.lines.indexOf(l.feature.properties.id) >= 0; })
          .map(function (l) { var lab = l.feature.properties.label; return lab[state.lang] || lab.en; });
        lineItem.textContent = inForce.length ? inForce.join("; ") : s("holder_contested");
      }
      var occ = occupationsIn(state.year).map(function (o) { return o.label[state.lang] || o.label.en; });
      periodLabel.textContent = state.year + " — " + (period.label[state.lang] || period.label.en) + (occ.length ? " · " + occ.join(" · ") : "");
      slider.value = state.year;
      yearOut.textContent = String(state.year);
      slider.setAttribute("aria-valuetext", periodLabel.textContent);
      container.setAttribute("data-year", String(state.year));
      container.setAttribute("data-period", period.id);
      Array.prototype.forEach.call(ticks.children, function (b) { b.classList.toggle("km-tick-on", parseInt(b.getAttribute("data-year"), 10) <= state.year); });
    }
    function setYear(year, origin) {
      year = Math.max(T.first, Math.min(T.last, parseInt(year, 10)));
      if (isNaN(year)) return;
      var changed = year !== state.year;
      state.year = year;
      restyle();
      if (changed && origin !== "parent") notify(origin || "api");
    }
    function retext() {
      prevBtn.title = s("prev_change"); prevBtn.setAttribute("aria-label", s("prev_change"));
      nextBtn.title = s("next_change"); nextBtn.setAttribute("aria-label", s("next_change"));
      playBtn.title = s("play"); playBtn.setAttribute("aria-label", s("play"));
      slider.setAttribute("aria-label", s("year"));
      bar.setAttribute("aria-label", s("timeline"));
      container.setAttribute("aria-label", s("map_label"));
      renderLegend();
      relabel();
      restyle();
    }

    window.kurilmap = {
      map: map,
      setYear: function (y) { setYear(y, "parent"); },
      getYear: function () { return state.year; },
      setNames: function (style) { state.names = style; relabel(); },
      setLang: function (lang) { state.lang = lang; retext(); },
      setCompare: function (y) { state.compare = y == null ? null : parseInt(y, 10); restyle(); },
      apply: function (view) {
        if (view.names && view.names !== state.names) state.names = view.names;
        if (view.lang && view.lang !== state.lang) state.lang = view.lang;
        state.compare = view.compare == null ? null : parseInt(view.compare, 10);
        if (view.year != null) state.year = parseInt(view.year, 10);
        retext();
      },
      state: state,
    };
    if (map.getSize().x < 700) legendBox.classList.add("km-collapsed");
    map.fitBounds([[41.3, 139.6], [54.6, 157.2]], initial.controls === false ? {} : { paddingBottomRight: [0, 80] });
    map.whenReady(function () { retext(); toggleLabels(); container.setAttribute("data-ready", "1"); });
  };
})();
