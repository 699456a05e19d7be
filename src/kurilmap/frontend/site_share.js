/* The static atlas's "Share and cite" panel: the link to the view shown, its embed code, its QR code and
 * its citation (APA 7, Chicago, BibTeX, CSL-JSON), as the app's panel gives them.
 *
 * Every rule of a citation is Python's: window.kurilmapSite.share (kurilmap.sharetable) holds the formats
 * written by kurilmap.publish with slots (@@name#@@; @@name\#@@ where BibTeX escapes the value) and says how a
 * value goes into each (plain text, JSON, HTML). This file only fills the slots with the view, the page's own
 * address and the reader's today. site.js calls kurilmapShare.render(view, link, s) on every change of the view.
 * Texts reach the page as values of fields and links, never as HTML.
 */
(function () {
  "use strict";

  var D = window.kurilmapSite, S = D.share;
  var SLOT = /@@(\w+)(\\?)#@@/g;
  var ENCODE = {
    text: function (v) { return v; },
    json: function (v) { return JSON.stringify(v).slice(1, -1); },
    html: function (v) {
      return v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
    }
  };
  var shown = null;  // what the panel shows now (link, language and day): no work when nothing changed
  var blobs = [];    // the download links' blob: addresses, let go when the panel is filled anew
  var say = function (key) { return key; };

  function $(id) { return document.getElementById(id); }
  function bibtexEscape(v) {
    return v.split("").map(function (ch) { return S.bibtexSpecial.indexOf(ch) >= 0 ? "\\" + ch : ch; }).join("");
  }
  function fill(template, values, encode) {
    return template.replace(SLOT, function (all, name, escaped) {
      if (!(name in values)) return all;
      var v = ENCODE[encode || "text"](String(values[name]));
      return escaped ? bibtexEscape(v) : v;
    });
  }

  // ------------------------------------------------------------------ the view's parts
  // The title of the view, as kurilmap.scene.build_scene words it (the templates are its words).
  function titleOf(v) {
    var T = S.titles[v.lang];
    function date(day) { var i = D.days.list.indexOf(day); return i >= 0 ? D.days.dates[v.lang][i] : day; }
    function full(year, day) { return day ? date(day) : fill(T.yearText, { year: year }); }
    if (v.compare != null && (v.day || v.compareDay)) return fill(T.compareDays, { a: full(v.year, v.day), b: full(v.compare, v.compareDay) });
    if (v.compare != null) return fill(T.compare, { a: v.year, b: v.compare });
    if (v.day) return fill(T.day, { date: date(v.day) });
    var title = fill(T.year, { year: v.year });
    if (v.position === "held") return title;
    var P = D.positions, card = P.cards[P.index[v.position + "|" + v.lang][v.year - D.first]];
    return fill(T.position, { title: title, whose: card.title });
  }
  // The view as a citation names it: the app's query of the same view (kurilmap.view.View.to_query).
  function viewQuery(v) {
    var q = [["year", v.year], ["names", v.names], ["lang", v.lang]];
    if (v.compare != null) q.push(["compare", v.compareDay || v.compare]);
    if (v.day) q.push(["day", v.day]);
    if (v.position !== "held") q.push(["position", v.position]);
    if (v.tour) q.push(["tour", v.tour], ["step", v.step]);
    return q.map(function (p) { return p[0] + "=" + encodeURIComponent(p[1]); }).join("&");
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function values(v, link) {
    var today = new Date(), m = today.getMonth() + 1, hash = link.indexOf("#");
    return {
      title: titleOf(v), view: viewQuery(v), url: link,
      id: "kurilmap-" + (v.day || v.year) + (v.compare != null ? "-" + v.compare : "") + "-" + v.lang,
      year: today.getFullYear(), month: m, day: today.getDate(), month_name: S.months[m - 1],
      iso: today.getFullYear() + "-" + two(m) + "-" + two(today.getDate()),
      base: link.slice(0, hash), fragment: link.slice(hash + 1)
    };
  }
  function texts(v, link) {
    var vals = values(v, link), out = { id: vals.id };
    Object.keys(S.templates).forEach(function (k) { out[k] = fill(S.templates[k].text, vals, S.templates[k].encode); });
    return out;
  }

  // ------------------------------------------------------------------ the QR code (qrcode-generator, MIT)
  function qrOf(link) {
    qrcode.stringToBytes = qrcode.stringToBytesFuncs["UTF-8"];
    var qr = qrcode(0, "M");
    qr.addData(link);
    qr.make();
    return qr;
  }
  function qrPng(qr, scale) {
    var n = qr.getModuleCount(), quiet = 4, canvas = document.createElement("canvas");
    canvas.width = canvas.height = (n + 2 * quiet) * scale;
    var ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = "#000";
    for (var r = 0; r < n; r++) for (var c = 0; c < n; c++) {
      if (qr.isDark(r, c)) ctx.fillRect((c + quiet) * scale, (r + quiet) * scale, scale, scale);
    }
    return canvas.toDataURL("image/png");
  }

  // ------------------------------------------------------------------ the panel
  function download(id, text, type, name) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    blobs.push(url);
    var a = $(id);
    a.href = url;
    a.download = name;
  }
  function labels() {
    $("atlas-share-title").textContent = say("share");
    [["link", "permalink"], ["embed", "embed_code"], ["apa", "cite_apa"], ["chicago", "cite_chicago"]].forEach(function (p) {
      $("atlas-share-" + p[0] + "-label").textContent = say(p[1]);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".atlas-copy"), function (b) {
      b.textContent = say("copy");
      b.setAttribute("aria-label", say("copy") + ": " + $(b.getAttribute("data-copy") + "-label").textContent);
    });
    $("atlas-share-qr").alt = say("qr_caption");
    $("atlas-share-qr-label").textContent = say("qr_files");
    $("atlas-share-files-label").textContent = say("cite_files");
    $("atlas-share-note").textContent = say("accessed_note");
  }
  function render(v, link, s) {
    var box = $("atlas-share");
    box.hidden = !link;  // the embed has no panel
    if (!link) return;
    say = s;
    var today = new Date().toDateString(), key = [link, v.lang, today].join("|");
    if (key === shown) return;
    shown = key;
    labels();
    var t = texts(v, link);
    $("atlas-share-link").value = link;
    $("atlas-share-embed").value = t.embed;
    $("atlas-share-apa").value = t.apa;
    $("atlas-share-chicago").value = t.chicago;
    blobs.forEach(function (u) { URL.revokeObjectURL(u); });
    blobs = [];
    var qr = qrOf(link), svg = qr.createSvgTag({ cellSize: 4, scalable: true, title: link });
    $("atlas-share-qr").src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
    download("atlas-share-qr-svg", svg, "image/svg+xml", t.id + "-qr.svg");
    var png = $("atlas-share-qr-png");
    png.href = qrPng(qr, 8);
    png.download = t.id + "-qr.png";
    download("atlas-share-bibtex", t.bibtex, "application/x-bibtex", t.id + ".bib");
    download("atlas-share-csl", t.csl, "application/vnd.citationstyles.csl+json", t.id + ".json");
    $("atlas-share").setAttribute("data-link", link);
  }

  // Copy: the clipboard where the browser allows it (a secure context), else the text selected to copy by hand.
  function copy(button) {
    var field = $(button.getAttribute("data-copy")), status = $("atlas-share-status");
    function byHand() {
      field.focus();
      field.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      status.textContent = say(done ? "copied" : "copy_selected");
    }
    status.textContent = "";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { status.textContent = say("copied"); }, byHand);
    } else byHand();
  }
  Array.prototype.forEach.call(document.querySelectorAll(".atlas-copy"), function (b) {
    b.addEventListener("click", function () { copy(b); });
  });

  window.kurilmapShare = { render: render, fill: fill };
})();
