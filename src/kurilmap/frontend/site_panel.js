/* The static atlas's panel blocks that the app's panel has beside the year's: both governments' positions on
 * the four islands (kurilmap.panel.positions_card, as positions_markdown lays it out) and the panel of a day of
 * the 1945 sequence (kurilmap.panel.day_panel, as app.py's show_day lays it out).
 *
 * Every text and number is Python's (kurilmap.site: period_panel's "positions" with its areas written as the
 * app writes them, day_table): this file only finds a day's record and lays the blocks out. site.js calls
 * kurilmapPanel.day(day, lang), .renderDay(box, panel, s), .renderPositions(box, card, s) and
 * .renderShownPosition(box, card, side, s) (the position a map of one side shows) as it writes the panel.
 * All data text reaches the page through textContent, never as HTML.
 */
(function () {
  "use strict";

  var T = window.kurilmapSite.dayPanels;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }
  function section(box, title, cls) {
    var sec = el("section", { "class": "atlas-block " + cls });
    if (title) sec.appendChild(el("h3", {}, title));
    box.appendChild(sec);
    return sec;
  }
  // "<b>bold</b> rest" as one paragraph or list item.
  function lead(tag, bold, rest, attrs) {
    var node = el(tag, attrs || {});
    node.appendChild(el("b", {}, bold));
    if (rest) node.appendChild(document.createTextNode(rest));
    return node;
  }

  // The panel of a day of the sequence in a language, or null for a day it does not hold (the map then shows the year).
  function day(iso, lang) {
    var i = window.kurilmapSite.days.list.indexOf(iso), rec = i < 0 ? null : T.index[lang][i];
    if (!rec) return null;
    var out = { day: iso };
    T.keys.forEach(function (k, j) {
      out[k] = k === "steps" ? rec[j].map(function (b) { return T.blocks[b]; }) : T.blocks[rec[j]];
    });
    return out;
  }

  // The date as heading, the day's heading line, what happened, each step's status, the towns, the sources.
  function renderDay(box, p, s) {
    box.appendChild(el("h2", { "class": "atlas-heading", id: "atlas-heading" }, p.date));
    var sec = section(box, null, "atlas-day");
    sec.setAttribute("data-day", p.day);
    sec.appendChild(lead("p", p.heading, "", { "class": "atlas-day-heading" }));
    if (p.happened.length) {
      var happened = section(box, s("on_this_day"), "atlas-day-happened"), list = el("ul", {});
      p.happened.forEach(function (h) { list.appendChild(el("li", {}, h)); });
      happened.appendChild(list);
    }
    var steps = section(box, s("sequence"), "atlas-day-steps"), items = el("ul", { "class": "atlas-steps" });
    p.steps.forEach(function (step) {
      items.appendChild(lead("li", step.status, " — " + step.label + step.aside, { "data-status": step.key }));
    });
    steps.appendChild(items);
    if (p.entries.length) {
      var towns = el("ul", { "class": "atlas-entries" });
      p.entries.forEach(function (e) { towns.appendChild(lead("li", e.text, " — " + e.label)); });
      steps.appendChild(el("h3", {}, s("entries")));
      steps.appendChild(towns);
    }
    steps.appendChild(el("p", { "class": "atlas-small atlas-day-sources" }, p.sources));
  }

  // Both positions, each with its source, then each island's area from the shoreline data beside the official one.
  function renderPositions(box, card, s) {
    var sec = section(box, card.title, "atlas-positions"), src = s("source");
    var list = el("ul", { "class": "atlas-sides" });
    ["japan", "russia", "other"].forEach(function (side) {
      if (!card[side].text) return;
      list.appendChild(el("li", { "data-side": side }, card[side].text + " (" + src + ": " + card[side].source + ")"));
    });
    sec.appendChild(list);
    var table = el("table", { "class": "atlas-areas atlas-island-areas" }), head = el("tr", {});
    ["", s("area_computed"), s("area_official")].forEach(function (h) { head.appendChild(el("th", {}, h)); });
    table.appendChild(head);
    card.areas.concat([Object.assign({ name: s("total"), id: "total" }, card.total)]).forEach(function (a) {
      var row = el("tr", { "data-island": a.id, "class": a.id === "total" ? "atlas-total" : "" });
      row.appendChild(el("td", {}, a.name));
      row.appendChild(el("td", { "class": "atlas-num" }, a.computed));
      row.appendChild(el("td", { "class": "atlas-num" }, a.official));
      table.appendChild(row);
    });
    sec.appendChild(table);
    sec.appendChild(el("p", { "class": "atlas-small" }, s("area_note") + " (" + src + ": " + card.areas_source + ")"));
  }

  // The position a map of one side shows (kurilmap.panel.shown_position), its entries quoted with their sources.
  function renderShownPosition(box, card, side, s) {
    var sec = section(box, card.title, "atlas-position");
    sec.setAttribute("data-position", side);
    card.entries.forEach(function (e) {
      sec.appendChild(lead("p", e.label, " (" + e.span + "): " + e.text));
      e.quotes.forEach(function (q) {
        var quote = el("blockquote", {}, "“" + q.text + "”");
        var where = q.source + (q.url ? " — " + q.url : "") + (q.secondary ? ", " + s("quote_secondary") : "");
        quote.appendChild(el("span", { "class": "atlas-quote-label" }, " (" + s("quoted") + ": " + where + ")"));
        sec.appendChild(quote);
      });
    });
    sec.appendChild(el("p", { "class": "atlas-small" }, card.note));
  }

  window.kurilmapPanel = { day: day, renderDay: renderDay, renderPositions: renderPositions, renderShownPosition: renderShownPosition };
})();
