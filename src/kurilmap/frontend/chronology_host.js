// The chronology as a Streamlit element: chronology.js renders Python's table; a picked event goes back as
// the state value `pick` = {year, day?, seq}, and the app moves the view there (a link's own address, for
// a new tab, is the app's: ?year=…&names=…&lang=…); the page scrolls up to the map.
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const state = parentElement.__kmChrono || (parentElement.__kmChrono = { seq: 0 });
  renderChronology(parentElement, data.table, {
    names: data.names,
    linkFor: (view) => "?" + new URLSearchParams(Object.assign({}, view, { names: data.names, lang: data.table.lang })),
    onPick: (view) => {
      state.seq = Math.max(state.seq + 1, Date.now());
      setStateValue("pick", Object.assign({ seq: state.seq }, view));
      const map = document.querySelector("iframe"); // the map, where the picked date shows
      if (map) map.scrollIntoView({ block: "start", behavior: "smooth" });
    },
  });
}
