// The chronology as a Streamlit element: chronology.js renders Python's table, which the element fetches
// once per language from its static address (data.src) and keeps; a picked event goes back as the state
// value `pick` = {year, day?, seq}, and the app moves the view there (a link's own address, for a new
// tab, is the app's: ?year=…&names=…&lang=…); the page scrolls up to the map.
const kmChronoTables = new Map();

function kmChronoTable(src) {
  if (!kmChronoTables.has(src)) {
    kmChronoTables.set(src, fetch(src).then((reply) => {
      if (!reply.ok) throw new Error(`${src}: ${reply.status}`);
      return reply.json();
    }).catch((error) => {
      kmChronoTables.delete(src); // the next run tries again
      throw error;
    }));
  }
  return kmChronoTables.get(src);
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const state = parentElement.__kmChrono || (parentElement.__kmChrono = { seq: 0 });
  state.wanted = data.src + " " + data.names;
  const wanted = state.wanted;
  kmChronoTable(data.src).then((table) => {
    if (state.wanted !== wanted) return; // a newer run asked for another language or names
    renderChronology(parentElement, table, {
      names: data.names,
      linkFor: (view) => "?" + new URLSearchParams(Object.assign({}, view, { names: data.names, lang: table.lang })),
      onPick: (view) => {
        state.seq = Math.max(state.seq + 1, Date.now());
        setStateValue("pick", Object.assign({ seq: state.seq }, view));
        const map = document.querySelector("iframe"); // the map, where the picked date shows
        if (map) map.scrollIntoView({ block: "start", behavior: "smooth" });
      },
    });
  }, (error) => console.error("kurilmap: the chronology could not be loaded:", error));
}
