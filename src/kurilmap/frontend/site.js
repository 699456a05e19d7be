/* The static atlas page (kurilmap site): hosts the map pages, writes the panel, keeps the #fragment.
 *
 * window.kurilmapSite (kurilmap.site.site_data) holds the panel of every year, naming style and
 * language, the compare captions, the downloads and the interface text; window.kurilmapPage is the
 * app's map page (kurilmap.mapview.map_page), loaded as the srcdoc of one iframe per map so that
 * this page can call its kurilmap.apply(view) and hear its "kurilmap:propose" events even when it
 * is opened from disk (file:// frames of their own would be cross-origin).
 * This file holds no rule of history: it finds things by year, language and naming style.
 * All data text reaches the page through textContent, never as HTML.
 */
(function () {
  "use strict";

  var D = window.kurilmapSite;
  var PAGE = window.kurilmapPage;
  var view = { year: D.defaultYear, names: D.nameStyles[0], lang: D.langs[0], compare: null, position: "held" };
  var notices = [];
  var frames = {};

  function $(id) { return document.getElementById(id); }
  function s(key) { var e = D.strings[key]; return (e && (e[view.lang] || e.en)) || key; }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, k) { return k in values ? String(values[k]) : all; });
  }

  // ------------------------------------------------------------------ the view and the address
  function yearOf(raw) {
    raw = String(raw == null ? "" : raw).trim();
    if (!/^\d{1,4}$/.test(raw)) return null;
    var y = parseInt(raw, 10);
    return y >= D.first && y <= D.last ? y : null;
  }
  // Without a language in the address, the first of ours the browser asks for (as the app reads Accept-Language).
  function browserLang() {
    var asked = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    for (var i = 0; i < asked.length; i++) {
      var code = String(asked[i]).toLowerCase().split("-")[0];
      if (D.langs.indexOf(code) >= 0) return code;
    }
    return D.langs[0];
  }
  // The address's #fragment, read as the app reads its query: a bad value gives the default and a notice.
  function fromFragment() {
    var raw = {};
    (window.location.hash || "").replace(/^#/, "").split("&").forEach(function (pair) {
      var i = pair.indexOf("=");
      if (i < 1) return;
      var value;
      try { value = decodeURIComponent(pair.slice(i + 1)); } catch (e) { value = "\u0000"; }
      raw[pair.slice(0, i)] = value;
    });
    var v = { year: D.defaultYear, names: D.nameStyles[0], lang: browserLang(), compare: null, day: null, compareDay: null, position: "held" };
    var bad = [];
    function tooLong(x) { return x.length > D.maxValueLength; }
    if ("year" in raw) {
      var y = tooLong(raw.year) ? null : yearOf(raw.year);
      if (y === null) bad.push(["year", String(D.defaultYear)]); else v.year = y;
    }
    if ("names" in raw) {
      if (D.nameStyles.indexOf(raw.names) >= 0) v.names = raw.names; else bad.push(["names", v.names]);
    }
    if ("lang" in raw) {
      if (D.langs.indexOf(raw.lang) >= 0) v.lang = raw.lang; else bad.push(["lang", v.lang]);
    }
    if ("compare" in raw && raw.compare !== "") {  // a year, or a day of 1945
      var cd = tooLong(raw.compare) ? null : dayOf(raw.compare), c = cd ? D.dayYear : tooLong(raw.compare) ? null : yearOf(raw.compare);
      if (c === null) bad.push(["compare", "—"]); else { v.compare = c; v.compareDay = cd; }
    }
    if ("day" in raw) v.day = dayOf(raw.day);  // the map itself shows only a day it knows
    if (v.day) v.year = D.dayYear;
    inOrder(v);
    if ("position" in raw) {  // a day of 1945 shows who held the land that day
      if (D.shows.indexOf(raw.position) >= 0 && !(v.day && raw.position !== "held")) v.position = raw.position;
      else bad.push(["position", D.strings.show_held[v.lang] || "held"]);
    }
    if ("tour" in raw) {  // a tour's step: its view as Python opened it (D.tours), else a notice
      var step = stepOf(raw.tour, raw.step || "1");
      if (step) { v = withStep(v, step); } else bad.push(["tour", "—"]);
    }
    return { view: v, notices: bad };
  }
  function fragment(v) {
    return "#year=" + v.year + "&lang=" + v.lang + "&names=" + v.names + (v.compare == null ? "" : "&compare=" + (v.compareDay || v.compare)) +
      (v.day ? "&day=" + v.day : "") + (v.position !== "held" ? "&position=" + v.position : "") +
      (v.tour ? "&tour=" + v.tour + "&step=" + v.step : "") + speedPart() + (embedded ? "&embed=1" : "");
  }
  // #…&embed=1: the map alone, with a line naming the view and its credit and a link to the full atlas
  // (for an <iframe> in another page; any static host serves it). Kept for the page's life.
  var embedded = /(?:^#|&)embed=1(?:&|$)/.test(window.location.hash);
  function renderEmbed() {
    document.body.classList.toggle("atlas-embed", embedded);
    $("atlas-embed-line").hidden = !embedded;
    if (!embedded) return;
    var when = sideLabel(view.year, view.day) + (view.compare != null ? " | " + sideLabel(view.compare, view.compareDay) : "");
    $("atlas-embed-caption").textContent = s("title") + ", " + when + " · " + s("credit");
    var open = $("atlas-embed-open");
    open.textContent = s("open_full_atlas");
    open.href = window.location.href.split("#")[0] + fragment(view).replace("&embed=1", "");
    embedTop();
  }
  function embedTop() {
    document.documentElement.style.setProperty("--atlas-embed-top", $("atlas-embed-line").offsetHeight + "px");
  }
  if (embedded) window.addEventListener("resize", embedTop);
  // The pace of ▶, which the map page keeps in this address (#…&speed=5): kept when the view is written.
  function speedPart() {
    var m = /(?:^#|&)(speed=\d+)/.exec(window.location.hash);
    return m ? "&" + m[1] : "";
  }
  // ------------------------------------------------------------------ guided tours (the steps are data: D.tours)
  function tourOf(id) { for (var i = 0; i < D.tours.length; i++) if (D.tours[i].id === id) return D.tours[i]; return null; }
  function stepOf(id, raw) {
    var tour = tourOf(String(id)), n = /^\d{1,3}$/.test(String(raw)) ? +raw : 0;
    return tour && n >= 1 && n <= tour.steps.length ? { tour: tour, n: n, step: tour.steps[n - 1] } : null;
  }
  function withStep(v, at) {
    var s2 = at.step;
    return { year: s2.year, day: s2.day, compare: s2.compare, names: s2.names || v.names, lang: v.lang, position: "held", tour: at.tour.id, step: at.n };
  }
  function goStep(n) {
    var at = view.tour && stepOf(view.tour, n);
    if (!at) return;
    view = withStep(view, at);
    notices = [];
    render();
  }
  function renderTour() {
    var at = view.tour && stepOf(view.tour, view.step), box = $("atlas-tour");
    box.hidden = !at;
    var select = $("atlas-tour-select");
    select.replaceChildren(el("option", { value: "" }, s("tour_none")));
    D.tours.forEach(function (tr) { select.appendChild(el("option", { value: tr.id }, tr.title[view.lang])); });
    select.value = at ? at.tour.id : "";
    $("atlas-tour-label").textContent = s("tours");
    if (!at) return;
    $("atlas-tour-head").textContent = at.tour.title[view.lang] + " · " + fill(s("tour_step"), { n: at.n, count: at.tour.steps.length });
    $("atlas-tour-title").textContent = at.step.title[view.lang];
    $("atlas-tour-text").textContent = at.step.text[view.lang];
    $("atlas-tour-sources").textContent = s("tour_sources") + ": " + at.step.sources.join(" · ");
    $("atlas-tour-prev").textContent = s("tour_prev");
    $("atlas-tour-next").textContent = s("tour_next");
    $("atlas-tour-leave").textContent = s("tour_leave");
    $("atlas-tour-keys").textContent = s("tour_keys");
    $("atlas-tour-prev").disabled = at.n <= 1;
    $("atlas-tour-next").disabled = at.n >= at.tour.steps.length;
  }
  function onTourKey(event) {
    if (!view.tour || event.altKey || event.ctrlKey || event.metaKey) return;
    var t = event.target;
    if (t && t.closest && t.closest("input, textarea, select, button, [role=slider], a[href]")) return;
    var k = event.key;
    if (k === "ArrowRight" || k === "PageDown" || k === " ") goStep(view.step + 1);
    else if (k === "ArrowLeft" || k === "PageUp") goStep(view.step - 1);
    else return;
    event.preventDefault();
  }
  // A day of the year of the day-by-day sequence (its range is the map page's to check), or null.
  function dayOf(raw) { return /^\d{4}-\d\d-\d\d$/.test(String(raw)) && +String(raw).slice(0, 4) === D.dayYear ? String(raw) : null; }
  function writeAddress() {
    var want = fragment(view);
    if (window.location.hash === want) return;
    try { window.history.replaceState(null, "", want); } catch (e) { window.location.hash = want; }
  }

  // A comparison reads from the earlier side (the left map, first in the caption) to the later, as in the app;
  // a day of 1945 comes before the end of that year.
  function key(year, day) { return year + "|" + (day || "~"); }
  function inOrder(v) {
    if (v.compare != null && key(v.compare, v.compareDay) < key(v.year, v.day)) {
      var y = v.year, d = v.day; v.year = v.compare; v.day = v.compareDay; v.compare = y; v.compareDay = d;
    }
    if (v.compare == null) v.compareDay = null;
    return v;
  }
  // The one way the view changes: every control proposes; invalid values change nothing.
  function propose(changes) {
    var before = [view.year, view.day, view.compare, view.compareDay].join("|");
    if ("year" in changes) { var y = yearOf(changes.year); if (y !== null) { view.year = y; view.day = dayOf(changes.day); } }
    if (view.day) view.year = D.dayYear;
    if ("compare" in changes) {  // a year, or a day of 1945
      if (changes.compare === null || changes.compare === false) view.compare = null;
      else if (changes.compare === true) { if (view.compare == null) view.compare = view.day ? D.last : D.neighbour[view.year - D.first]; }
      else {
        var cd = dayOf(changes.compare), c = cd ? D.dayYear : yearOf(changes.compare);
        if (c !== null) { view.compare = c; view.compareDay = cd; }
      }
    }
    if ("names" in changes && D.nameStyles.indexOf(changes.names) >= 0) view.names = changes.names;
    if ("lang" in changes && D.langs.indexOf(changes.lang) >= 0) view.lang = changes.lang;
    if ("position" in changes && D.shows.indexOf(changes.position) >= 0) {
      view.position = changes.position;
      if (view.position !== "held") view.day = null;  // a day shows who held the land that day
    }
    if (view.day) view.position = "held";
    inOrder(view);
    if (changes.tour === "" || [view.year, view.day, view.compare, view.compareDay].join("|") !== before) { view.tour = null; view.step = null; }
    notices = [];
    render();
  }

  // ------------------------------------------------------------------ the maps
  function mapFrame(slot, role) {
    if (frames[role]) return frames[role];
    var frame = el("iframe", { "class": "atlas-frame", "data-role": role });
    // The map page announces the user's picks on its frame element (same origin: a srcdoc frame).
    frame.addEventListener("kurilmap:propose", function (event) {
      propose(role === "a" ? { year: event.detail.year, day: event.detail.day } : { compare: event.detail.day || event.detail.year });
    });
    frame.addEventListener("load", function () {
      frame.__ready = true;
      frame.contentWindow.addEventListener("keydown", onTourKey);  // the tour's keys work with the map focused too
      applyMaps();
    });
    frame.dataset.kmLang = view.lang;  // the map page loads this language's texts and names with itself
    frame.dataset.kmNames = view.names;
    frame.srcdoc = PAGE;
    $(slot).appendChild(frame);
    frames[role] = frame;
    return frame;
  }
  function applyTo(frame, v) {
    if (!frame || !frame.__ready) return;
    var map = frame.contentWindow && frame.contentWindow.kurilmap;
    if (map) map.apply(v);
  }
  function applyMaps() {
    var v = view;
    applyTo(frames.a, { year: v.year, names: v.names, lang: v.lang, compare: v.compare, day: v.day, compareDay: v.compareDay, position: v.position });
    if (v.compare != null) applyTo(frames.b, { year: v.compare, day: v.compareDay, names: v.names, lang: v.lang, compare: v.year, compareDay: v.day });
  }
  function phaseIndex(year) {
    var found = 0;
    for (var i = 0; i < D.starts.length && D.starts[i] <= year; i++) found = i;
    return found;
  }
  // A side of a comparison as the captions write it: the year, or the day of 1945 in the view's language.
  function dayLabel(day) { var i = D.days.list.indexOf(day); return i < 0 ? day : D.days.dates[view.lang][i]; }
  function sideLabel(year, day) { return day ? dayLabel(day) : String(year); }
  // The caption of the view's comparison (its sides in order): years by phase pair; with a day of 1945, by the day.
  function caption(v) {
    var C = D.captions, early = v.day ? dayLabel(v.day) : v.year, late = v.compareDay ? dayLabel(v.compareDay) : v.compare, at;
    if (v.day || v.compareDay) {
      var a = D.days.list.indexOf(v.day), b = D.days.list.indexOf(v.compareDay);
      if (v.day && v.compareDay) at = a < 0 || b < a ? null : C.dayDay[view.lang][a][b - a];
      else at = v.day ? (a < 0 ? null : C.dayYear[view.lang][a][phaseIndex(v.compare)]) : (b < 0 ? null : C.dayYear[view.lang][b][phaseIndex(v.year)]);
      return at == null ? "" : fill(C.texts[at], { early: early, late: late });
    }
    var i = phaseIndex(v.year), j = phaseIndex(v.compare), n = D.starts.length;
    at = i * n - (i * (i - 1)) / 2 + (j - i); // pairs (i, j) with i <= j, row by row
    return fill(C.texts[C.index[view.lang][at]], { early: early, late: late });
  }

  // ------------------------------------------------------------------ the panel
  function panelOf(year) {
    var P = D.panel, rec = P.records[P.index[view.lang + "|" + view.names][year - D.first]];
    var out = {};
    P.keys.forEach(function (k, i) { out[k] = P.blocks[rec[i]]; });
    return out;
  }
  function section(box, title) {
    var sec = el("section", { "class": "atlas-block" });
    if (title) sec.appendChild(el("h3", {}, title));
    box.appendChild(sec);
    return sec;
  }
  // The panel of the left map, as app.py's show_panel: on a day of 1945 the day's panel (site_panel.js) comes first,
  // and the year's spheres, dispute note, changes and areas are left out (they are for the end of the year).
  function renderPanel() {
    var p = panelOf(view.year), box = $("atlas-panel"), P = window.kurilmapPanel;
    var dp = view.day ? P.day(view.day, view.lang) : null;
    box.textContent = "";
    box.setAttribute("data-year", String(view.year));
    box.setAttribute("data-day", dp ? view.day : "");
    box.setAttribute("data-period", p.period);
    box.setAttribute("data-lang", view.lang);
    if (dp) P.renderDay(box, dp, s);
    else box.appendChild(el("h2", { "class": "atlas-heading", id: "atlas-heading" }, view.year + " — " + p.label));
    if (view.position !== "held" && !dp) {  // the position the left map shows, quoted with its sources
      var pos = D.positions, at = pos.index[view.position + "|" + view.lang][view.year - D.first];
      P.renderShownPosition(box, pos.cards[at], view.position, s);
    }
    p.occupations.forEach(function (o) { box.appendChild(el("p", { "class": "atlas-note atlas-warn" }, o)); });
    if (p.basis && !dp) {
      var basis = el("p", { "class": "atlas-note atlas-basis" }, p.basis.text + " ");
      basis.appendChild(el("span", { "class": "atlas-small" }, s("event_source") + ": " + p.basis.source));
      box.appendChild(basis);
    }
    if (p.disputed && !dp) box.appendChild(el("p", { "class": "atlas-note atlas-info" }, s("disputed")));
    if (p.positions) P.renderPositions(box, p.positions, s);  // both sides' positions, each with its source
    var tr = p.treaty;
    if (tr) {
      var card = section(box);
      card.classList.add("atlas-card");
      card.setAttribute("data-treaty", tr.id);
      card.appendChild(el("h3", {}, tr.heading));
      card.appendChild(el("p", { "class": "atlas-facts" }, tr.facts));
      card.appendChild(el("p", {}, tr.summary));
      if (tr.quotation) {
        var q = el("blockquote", {}, "“" + tr.quotation + "”");
        q.appendChild(el("span", { "class": "atlas-quote-label" }, " (" + tr.quotation_label + ")"));
        card.appendChild(q);
      }
      if (tr.sources.length) card.appendChild(el("p", { "class": "atlas-small" }, s("handout_sources") + ": " + tr.sources.join("; ")));
    }
    if (!dp) renderChangesAndAreas(box, p);
    renderTimeline(box, p, dp ? view.day : null);
  }
  function renderChangesAndAreas(box, p) {
    var changes = section(box, s("what_changed"));
    if (!p.changes.length) changes.appendChild(el("p", {}, s("no_change")));
    else {
      var list = el("ul", { "class": "atlas-changes" });
      p.changes.forEach(function (ch) {
        var shown = ch.islands.slice(0, 8).join(", ") + (ch.islands.length > 8 ? " (+" + (ch.islands.length - 8) + ")" : "");
        var item = el("li", {}, ch.from + " → " + ch.to + ": " + ch.area + " " + s("km2") + " — " + shown);
        if (ch.islands.length > 8) {
          var more = el("details", {});
          more.appendChild(el("summary", {}, fill(s("all_islands"), { n: ch.islands.length })));
          more.appendChild(el("p", {}, ch.islands.join(", ")));
          item.appendChild(more);
        }
        list.appendChild(item);
      });
      changes.appendChild(list);
    }
    var areas = section(box, s("areas_held"));
    var table = el("table", { "class": "atlas-areas" });
    var head = el("tr", {});
    [s("held_by"), s("state"), s("km2")].forEach(function (h) { head.appendChild(el("th", {}, h)); });
    table.appendChild(head);
    p.areas.forEach(function (a) {
      var row = el("tr", { "data-holder": a.holder });
      row.appendChild(el("td", {}, a.label));
      row.appendChild(el("td", {}, a.state));
      row.appendChild(el("td", { "class": "atlas-num" }, a.area));
      table.appendChild(row);
    });
    areas.appendChild(table);
    areas.appendChild(el("p", { "class": "atlas-small" }, s("states_not_peoples")));
  }
  // The period's events, those up to the year (or the day) marked as past.
  function renderTimeline(box, p, day) {
    if (!p.events.length) return;  // 1850: no event before the first treaty, so no heading over nothing
    var timeline = section(box, s("timeline"));
    timeline.appendChild(el("p", { "class": "atlas-small" }, s("timeline_key")));
    var events = el("ol", { "class": "atlas-events" });
    p.events.forEach(function (ev, i) {
      var now = day ? ev.iso <= day : p.current[i];
      var item = el("li", { "class": now ? "atlas-event-now" : "atlas-event-later" });
      item.appendChild(el("span", { "class": "atlas-dot", "aria-hidden": "true" }, now ? "●" : "○"));
      var body = el("div", {});
      body.appendChild(el("b", {}, ev.date));
      body.appendChild(document.createTextNode(" — " + ev.title));
      body.appendChild(el("p", {}, ev.text));
      body.appendChild(kmSourceLine(el("p", { "class": "atlas-small atlas-source" }), s("event_source"), ev.links));
      item.appendChild(body);
      events.appendChild(item);
    });
    timeline.appendChild(events);
  }

  // ------------------------------------------------------------------ controls, downloads, footer
  function buildControls() {
    var langs = $("atlas-langs").querySelector(".atlas-segmented");
    D.langs.forEach(function (code) {
      var b = el("button", { type: "button", "data-lang": code, lang: code }, s("lang_" + code));
      b.addEventListener("click", function () { propose({ lang: code }); });
      langs.appendChild(b);
    });
    var names = $("atlas-names").querySelector(".atlas-segmented");
    D.nameStyles.forEach(function (style) {
      var b = el("button", { type: "button", role: "radio", "data-names": style });
      b.addEventListener("click", function () { propose({ names: style }); });
      names.appendChild(b);
    });
    var shows = $("atlas-show").querySelector(".atlas-segmented");
    D.shows.forEach(function (show) {
      var b = el("button", { type: "button", role: "radio", "data-show": show });
      b.addEventListener("click", function () { propose({ position: show }); });
      shows.appendChild(b);
    });
    $("atlas-compare").addEventListener("change", function () { propose({ compare: this.checked }); });
    var input = $("atlas-compare-year");
    input.min = D.first; input.max = D.last; input.step = 1;
    input.addEventListener("change", function () { propose({ compare: input.value }); });
  }
  function renderControls() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-lang]"), function (b) {
      if (b.tagName === "BUTTON") b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === view.lang));
    });
    Array.prototype.forEach.call(document.querySelectorAll("button[data-names]"), function (b) {
      var style = b.getAttribute("data-names");
      b.textContent = s("names_" + style);
      b.setAttribute("aria-checked", String(style === view.names));
    });
    $("atlas-lang-label").textContent = s("language");
    $("atlas-names-label").textContent = s("names");
    Array.prototype.forEach.call(document.querySelectorAll("button[data-show]"), function (b) {
      var show = b.getAttribute("data-show");
      b.textContent = s("show_" + show);
      b.setAttribute("aria-checked", String(show === view.position));
    });
    $("atlas-show-label").textContent = s("show");
    $("atlas-compare-label").textContent = s("compare");
    $("atlas-compare-year-label").textContent = s("compare_year");
    $("atlas-compare").checked = view.compare != null;
    $("atlas-compare-year-box").hidden = view.compare == null;
    if (view.compare != null) $("atlas-compare-year").value = String(view.compare);
  }
  function renderDownloads() {
    $("atlas-downloads-title").textContent = s("downloads");
    $("atlas-downloads-help").textContent = s("downloads_help");
    var list = $("atlas-downloads-list");
    list.textContent = "";
    D.downloads.forEach(function (d) {
      var item = el("li", { "data-year": String(d.year) });
      if (d.year === view.year || d.year === view.compare) item.classList.add("atlas-current");
      item.appendChild(el("span", { "class": "atlas-dl-label" }, d.label[view.lang]));
      var links = el("span", { "class": "atlas-dl-links" });
      [["png", "export_fmt_png"], ["pdf", "export_fmt_pdf"]].forEach(function (f) {
        var file = d.files[view.lang][f[0]];
        var a = el("a", { href: file.href, download: file.href.split("/").pop(), "data-format": f[0] }, s(f[1]));
        a.appendChild(el("small", {}, " " + f[0].toUpperCase() + " · " + file.kb.toLocaleString("en-US") + " KB"));
        links.appendChild(a);
      });
      item.appendChild(links);
      list.appendChild(item);
    });
  }

  // Every event in one list (chronology.js renders D.chronology, which Python made); a pick opens its date.
  function renderChronologySection() {
    var table = D.chronology[view.lang], files = D.chronologyFiles[view.lang];
    $("atlas-chronology-title").textContent = table.labels.heading;
    renderChronology($("atlas-chronology-list"), table, {
      names: view.names,
      linkFor: function (v) {
        return fragment({ year: v.year, day: v.day || null, lang: view.lang, names: view.names, compare: null, position: "held" });
      },
      onPick: function (v) {
        propose(v.day ? { year: v.year, day: v.day, compare: null } : { year: v.year });
        $("atlas-maps").scrollIntoView({ block: "start", behavior: "smooth" });
      }
    });
    var box = $("atlas-chronology-files");
    box.textContent = "";
    [["csv", "chronology_csv"], ["json", "chronology_json"]].forEach(function (f, i) {
      if (i) box.appendChild(document.createTextNode(" · "));
      box.appendChild(el("a", { href: files[f[0]], download: files[f[0]].split("/").pop(), "data-format": f[0] }, s(f[1])));
    });
  }

  // On a phone (the page's CSS shows the switch only there) one of the two maps at a time, earlier year first.
  var shownMap = "a";
  function renderWhich(comparing) {
    var box = $("atlas-which");
    box.hidden = !comparing;
    if (!comparing) shownMap = "a";
    box.setAttribute("aria-label", s("compare_which"));
    box.textContent = "";
    if (comparing) [["a", sideLabel(view.year, view.day)], ["b", sideLabel(view.compare, view.compareDay)]].forEach(function (m) {
      var b = el("button", { type: "button", "data-map": m[0], "aria-pressed": String(shownMap === m[0]) }, String(m[1]));
      b.addEventListener("click", function () { shownMap = m[0]; renderWhich(true); });
      box.appendChild(b);
    });
    $("atlas-map-a").classList.toggle("atlas-offstage", comparing && shownMap !== "a");
    $("atlas-map-b").classList.toggle("atlas-offstage", comparing && shownMap !== "b");
  }

  function render() {
    var a = mapFrame("atlas-map-a", "a");
    var comparing = view.compare != null;
    if (comparing) mapFrame("atlas-map-b", "b");
    $("atlas-map-b").hidden = !comparing;
    renderWhich(comparing);
    $("atlas-main").classList.toggle("atlas-comparing", comparing);
    var cap = $("atlas-caption");
    cap.hidden = !comparing;
    cap.textContent = comparing ? caption(view) : "";
    a.title = s("map_label") + " " + sideLabel(view.year, view.day);
    if (frames.b) frames.b.title = s("map_label") + (comparing ? " " + sideLabel(view.compare, view.compareDay) : "");
    applyMaps();
    renderPanel();
    renderTour();
    renderControls();
    renderDownloads();
    renderChronologySection();
    var box = $("atlas-notices");
    box.textContent = "";
    notices.forEach(function (n) { box.appendChild(el("p", {}, fill(s("bad_url"), { field: n[0], value: n[1] }))); });
    $("atlas-title").textContent = s("title");
    $("atlas-sources-title").textContent = s("sources");
    $("atlas-sources").textContent = s("sources_text");
    $("atlas-licences").textContent = s("licences");
    document.title = view.year + " — " + s("title");
    document.documentElement.setAttribute("lang", view.lang);
    document.body.setAttribute("data-year", String(view.year));
    document.body.setAttribute("data-lang", view.lang);
    writeAddress();
    renderEmbed();  // then the share panel (site_share.js): the link to this view on this page's own address
    if (window.kurilmapShare) window.kurilmapShare.render(view, embedded ? null : window.location.href.split("#")[0] + fragment(view), s);
  }

  function fromAddress() {
    var read = fromFragment();
    view = read.view;
    notices = read.notices;
    render();
  }

  buildControls();
  $("atlas-tour-prev").addEventListener("click", function () { goStep(view.step - 1); });
  $("atlas-tour-next").addEventListener("click", function () { goStep(view.step + 1); });
  $("atlas-tour-leave").addEventListener("click", function () { propose({ tour: "" }); });
  $("atlas-tour-select").addEventListener("change", function () {
    var at = this.value && stepOf(this.value, 1);
    if (at) { view = withStep(view, at); notices = []; render(); } else propose({ tour: "" });
  });
  window.addEventListener("keydown", onTourKey);
  window.addEventListener("hashchange", function () {
    if (window.location.hash !== fragment(view)) fromAddress();
  });
  window.kurilmapSite.view = function () { return { year: view.year, day: view.day, names: view.names, lang: view.lang, compare: view.compare, compareDay: view.compareDay }; };
  fromAddress();
})();
