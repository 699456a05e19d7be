// The chronology: every event in one list, filtered by kind and period, each with its source and a
// link to the map of its date. One renderer for the app's element (chronology_host.js) and the static
// atlas (site.js). It only renders the table Python made (kurilmap.chronology.chronology): which map
// an event opens is decided there; `linkFor(view)` gives a link's address, `onPick(view)` follows it.
const CHRONOLOGY_CSS = `
.km-chrono { font-family: inherit; color: inherit; }
.km-chrono .km-chrono-help { margin: 0 0 0.5rem; }
.km-chrono .km-chrono-filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-bottom: 0.5rem; }
.km-chrono label { display: flex; flex-direction: column; font-size: 0.85rem; gap: 0.15rem; }
.km-chrono select { min-height: 44px; padding: 0.3rem 0.5rem; border-radius: 0.5rem; border: 1px solid #8a8f98;
  background: #fff; color: #1f2328; font: inherit; font-size: 1rem; max-width: 100%; }
.km-chrono select:focus-visible, .km-chrono a:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
.km-chrono .km-chrono-count { font-size: 0.85rem; opacity: 0.85; }
.km-chrono ol { list-style: none; margin: 0; padding: 0; max-height: 32rem; overflow-y: auto; }
.km-chrono li { border-left: 3px solid #8a8f98; padding: 0.3rem 0 0.4rem 0.7rem; margin: 0 0 0.5rem; }
.km-chrono li[data-kind=treaty] { border-left-color: #0072B2; }
.km-chrono li[data-kind=war] { border-left-color: #D55E00; }
.km-chrono li[data-kind=talks] { border-left-color: #009E73; }
.km-chrono li[data-kind=position] { border-left-color: #CC79A7; }
.km-chrono li[data-kind=people] { border-left-color: #E69F00; }
.km-chrono .km-chrono-meta { font-size: 0.85rem; opacity: 0.85; margin: 0; }
.km-chrono .km-chrono-title { font-weight: 600; margin: 0.1rem 0; }
.km-chrono .km-chrono-text { margin: 0.1rem 0; }
.km-chrono .km-chrono-source { font-size: 0.8rem; opacity: 0.85; margin: 0.1rem 0; overflow-wrap: anywhere; }
.km-chrono a.km-chrono-map { display: inline-block; min-height: 24px; padding: 0.1rem 0; color: #0b5cad; }
`;

// "Source: a · b", each part a link where it names an address (kurilmap.sources), in a new tab.
function kmSourceLine(node, label, links) {
  node.appendChild(document.createTextNode(label + ": "));
  links.forEach((part, i) => {
    if (i) node.appendChild(document.createTextNode(" · "));
    if (!part.url) { node.appendChild(document.createTextNode(part.text)); return; }
    const a = document.createElement("a");
    a.href = part.url;
    a.target = "_blank";
    a.rel = "noopener";
    a.textContent = part.text;
    node.appendChild(a);
  });
  return node;
}

function renderChronology(root, table, opts) {
  let box = root.querySelector(".km-chrono");
  if (!box) {
    const style = document.createElement("style");
    style.textContent = CHRONOLOGY_CSS;
    root.appendChild(style);
    box = document.createElement("section");
    box.className = "km-chrono";
    const el = (tag, cls, parent) => {
      const node = document.createElement(tag);
      if (cls) node.className = cls;
      (parent || box).appendChild(node);
      return node;
    };
    const ui = {};
    ui.help = el("p", "km-chrono-help");
    ui.filters = el("div", "km-chrono-filters");
    for (const name of ["kind", "period"]) {
      const label = el("label", "", ui.filters);
      ui[name + "Label"] = el("span", "", label);
      ui[name] = el("select", "km-chrono-" + name, label);
      ui[name].addEventListener("change", () => ui.filter());
    }
    ui.count = el("span", "km-chrono-count", ui.filters);
    ui.count.setAttribute("role", "status");
    ui.none = el("p", "km-chrono-none");
    ui.list = el("ol", "km-chrono-list");
    ui.list.addEventListener("click", (event) => {
      const a = event.target.closest && event.target.closest("a.km-chrono-map");
      if (!a || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      ui.opts.onPick(JSON.parse(a.dataset.view));
    });
    ui.filter = () => {
      const kind = ui.kind.value;
      const period = ui.period.value;
      let n = 0;
      for (const li of ui.list.children) {
        const shown = (!kind || li.dataset.kind === kind) && (!period || li.dataset.period === period);
        li.hidden = !shown;
        n += shown ? 1 : 0;
      }
      const L = ui.table.labels;
      ui.count.textContent = L.count.replace("{n}", n).replace("{total}", ui.list.children.length);
      ui.none.hidden = n > 0;
    };
    box.__ui = ui;
    root.appendChild(box);
  }
  const ui = box.__ui;
  ui.opts = opts;
  const keep = { kind: ui.kind.value, period: ui.period.value };
  const same = ui.table && ui.table.lang === table.lang && ui.names === opts.names;
  ui.table = table;
  ui.names = opts.names;
  if (same) return; // the same language and names: the list, its filters and its scroll stay
  const L = table.labels;
  box.lang = table.lang;
  box.setAttribute("aria-label", L.heading);
  ui.help.textContent = L.help;
  ui.kindLabel.textContent = L.kind;
  ui.periodLabel.textContent = L.period;
  ui.none.textContent = L.none;
  const options = (select, items) => {
    const all = document.createElement("option");
    all.value = "";
    all.textContent = L.all;
    select.replaceChildren(
      all,
      ...items.map((item) => {
        const o = document.createElement("option");
        o.value = item.id;
        o.textContent = item.label;
        return o;
      }),
    );
  };
  options(ui.kind, table.kinds);
  options(ui.period, table.periods);
  ui.kind.value = table.kinds.some((k) => k.id === keep.kind) ? keep.kind : "";
  ui.period.value = table.periods.some((p) => p.id === keep.period) ? keep.period : "";
  const kinds = Object.fromEntries(table.kinds.map((k) => [k.id, k.label]));
  ui.list.replaceChildren(
    ...table.events.map((e) => {
      const li = document.createElement("li");
      li.dataset.kind = e.kind;
      li.dataset.period = e.period;
      const part = (tag, cls, text) => {
        const node = document.createElement(tag);
        node.className = cls;
        node.textContent = text;
        li.appendChild(node);
        return node;
      };
      part("p", "km-chrono-meta", `${e.date} · ${kinds[e.kind]}`);
      part("p", "km-chrono-title", e.title);
      part("p", "km-chrono-text", e.text);
      li.appendChild(kmSourceLine(Object.assign(document.createElement("p"), { className: "km-chrono-source" }), L.source, e.links));
      const a = part("a", "km-chrono-map", e.show);
      a.href = opts.linkFor(e.view);
      a.dataset.view = JSON.stringify(e.view);
      return li;
    }),
  );
  ui.filter();
}
