// The page's relay, an element outside the part of the page a pick reruns.
//
// The maps, the chronology and the tour's card are drawn in a fragment of the page (app.py, main_area): a
// state value they set reruns that fragment only. After a server restart the new session has not drawn the
// fragment yet, and Streamlit drops a rerun of a fragment it does not know, so a pick re-sent there would
// never land. The map's host (host.js) therefore re-sends an unanswered pick through this element instead,
// as the state value `sent` = {map, proposal} or {map, nav}; a state value of an element outside every
// fragment reruns the whole page, which takes the pick in (app.py, take_map_events).
export default function (component) {
  const { setStateValue } = component;
  window.__kurilmapRelay = (value) => setStateValue("sent", value);
}
