// The Streamlit side of the map: a components-v2 element that holds the map page in an iframe.
//
// Python sends `data` = {src, view, ack, primary, title, height} on every run. The map page (src,
// a static, content-hashed file the browser caches) is loaded once per element and never
// rebuilt; each run only hands it the view. A year the user picks on the map comes back as
// the state value `proposal` = {year, seq}; Python answers with `ack` = the last seq it took in,
// so a view computed before the user's latest pick never pulls the map back. State values are
// re-sent by Streamlit after a reconnect, so a pick made while the server was away still lands.
// The primary map also reports browser back/forward as the trigger value `nav`.
export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  let frame = parentElement.querySelector("iframe");
  if (!frame) {
    frame = document.createElement("iframe");
    frame.style.cssText = "border:0;width:100%;display:block;background:#EEF4F7";
    const made = { seq: 0, src: null };
    made.sync = () => {
      const map = frame.contentWindow && frame.contentWindow.kurilmap;
      if (!map || !made.data) return;
      const view = Object.assign({}, made.data.view);
      if (made.data.ack < made.seq) delete view.year; // the user's latest pick is still on its way
      map.apply(view);
    };
    frame.addEventListener("load", () => {
      if (!frame.contentWindow.kurilmap) return; // about:blank
      frame.contentWindow.addEventListener("kurilmap:propose", (event) => {
        made.seq = Math.max(made.seq + 1, Date.now());
        made.setState("proposal", { year: event.detail.year, seq: made.seq });
      });
      made.sync();
    });
    if (data.primary) {
      const onNav = () => made.trigger("nav", window.location.search);
      window.addEventListener("popstate", onNav);
      made.cleanup = () => window.removeEventListener("popstate", onNav);
    }
    frame.__kurilmap = made;
  }
  const host = frame.__kurilmap;
  host.setState = setStateValue;
  host.trigger = setTriggerValue;
  host.data = data;
  frame.title = data.title;
  frame.style.height = data.height + "px";
  if (data.src !== host.src) {
    // First load, or a new data version: open the page directly in the view (no flash of another year).
    host.src = data.src;
    const v = data.view;
    const fragment = `#year=${v.year}&names=${v.names}&lang=${v.lang}` + (v.compare == null ? "" : `&compare=${v.compare}`);
    frame.src = data.src + fragment;
  } else {
    host.sync();
  }
  if (!frame.parentNode) parentElement.appendChild(frame);
  return host.cleanup;
}
