// The Streamlit side of the map: a components-v2 element that holds the map page in an iframe.
//
// Python sends `data` = {src, view, ack, primary, title, lang, skip, skipMain, height} on every run. The map page (src,
// a static, content-hashed file the browser caches) is loaded once per element and never
// rebuilt; each run only hands it the view. A year the user picks on the map comes back as
// the state value `proposal` = {year, day, seq} (day: a day of the 1945 sequence, or null); Python
// answers with `ack` = the last seq it took in,
// so a view computed before the user's latest pick never pulls the map back. State values are
// re-sent until Python acknowledges them (through the page's relay, relay.js), so a pick made while the
// server was away still lands.
// The primary map also reports browser back/forward as the state value `nav` = {search, at},
// acknowledged (and re-sent until then) the same way.
// A comparison on a phone: the two maps would stack, the second out of view. One shows at a time, in the place
// of the first, with a switch between the two years above it (the earlier first); on a wider screen both show.
const NARROW = "(max-width: 640px)";
function phoneCompare(parentElement, frame, data) {
  const v = data.view;
  // The two maps' years (or days of 1945, as the view's language writes them), the earlier first.
  const years = v.compare == null ? null : data.sides || (data.primary ? [v.year, v.compare] : [v.compare, v.year]);
  const mine = data.primary ? 0 : 1;
  let bar = parentElement.querySelector(".km-which");
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "km-which";
    bar.setAttribute("role", "group");
    bar.style.cssText = "display:flex;gap:6px;margin:0 0 6px;font:inherit";
    parentElement.insertBefore(bar, frame);
    const redraw = () => phoneCompare(parentElement, frame, parentElement.__kmWhich);
    window.addEventListener("km-which", redraw);
    if (window.matchMedia) window.matchMedia(NARROW).addEventListener("change", redraw);
  }
  parentElement.__kmWhich = data;
  const on = !!years && !!window.matchMedia && window.matchMedia(NARROW).matches;
  const shown = window.__kmWhich === 1 ? 1 : 0;
  bar.hidden = !on;
  bar.style.display = on ? "flex" : "none";
  // Hidden without display:none, so the map page keeps its size and is laid out when it shows (a shadow root's host).
  const hide = on && shown !== mine, style = (parentElement.host || parentElement).style;
  style.height = hide ? "0" : "";
  style.overflow = hide ? "hidden" : "";
  style.visibility = hide ? "hidden" : "";
  if (!on) return;
  bar.setAttribute("aria-label", data.which);
  bar.replaceChildren(
    ...years.map((year, i) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = String(year);
      b.setAttribute("aria-pressed", String(i === shown));
      b.style.cssText =
        "min-height:44px;min-width:88px;border:1px solid #767676;border-radius:6px;font:600 16px sans-serif;cursor:pointer;" +
        (i === shown ? "background:#0072B2;color:#fff" : "background:#fff;color:#111");
      b.addEventListener("click", () => {
        window.__kmWhich = i;
        window.dispatchEvent(new Event("km-which"));
      });
      return b;
    }),
  );
}

// Embedded (?embed=true, Streamlit's own switch): the map alone fills the frame it is given; no sidebar or header.
const EMBED_CSS =
  "html.km-embed [data-testid='stSidebar'], html.km-embed [data-testid='stSidebarCollapsedControl'], " +
  "html.km-embed [data-testid='stExpandSidebarButton'], html.km-embed [data-testid='stHeader'], " +
  "html.km-embed [data-testid='stToolbar'], html.km-embed footer { display: none !important; } " +
  "html.km-embed [data-testid='stMainBlockContainer'] { padding: 0.25rem 0.5rem 0 !important; } " +
  "html.km-embed [data-testid='stMainBlockContainer'] [data-testid='stVerticalBlock'] { gap: 0.25rem; } " +
  // 1rem below: Streamlit pulls the element after a text up by as much
  ".km-embed-line { margin: 0 0 1rem !important; font-size: 0.85rem; line-height: 1.35; display: flex; flex-wrap: wrap; " +
  "gap: 0.1rem 0.75rem; justify-content: space-between; } " +
  ".km-embed-line a { color: #0b5cad; font-weight: 600; min-height: 24px; display: inline-flex; align-items: center; }";
function embedMode() {
  document.documentElement.classList.add("km-embed");
  if (document.getElementById("km-embed-style")) return;
  const style = document.createElement("style");
  style.id = "km-embed-style";
  style.textContent = EMBED_CSS;
  document.head.appendChild(style);
}
// Streamlit's embed switches (embed, embed_options) stay in the address when the view writes it.
function embedQuery() {
  const kept = new URLSearchParams(window.location.search);
  const out = [];
  for (const [key, value] of kept) if (key.toLowerCase().startsWith("embed")) out.push(key + "=" + encodeURIComponent(value));
  return out.length ? "&" + out.join("&") : "";
}

// Streamlit's page can lose track of its own elements when runs follow each other fast on a busy server
// ("Bad delta path index 7 (should be between [0, 6])", "'setIn' cannot be called on an ElementNode": a run's
// messages not yet sent are dropped when the next run starts), and it then shows no map. The address always
// holds the view, so the page loads itself again, at most once in 10 s, and the reader loses nothing.
const BROKEN_PAGE = /Bad delta path index|cannot be called on an ElementNode|Cannot set a node at a delta path/;
function reloadWhenStreamlitBreaks() {
  if (window.__kmReload) return;
  window.__kmReload = true;
  const onError = (event) => {
    const error = event.error || event.reason || {};
    if (!BROKEN_PAGE.test(String(event.message || error.message || error))) return;
    try {
      if (Date.now() - Number(sessionStorage.getItem("km-reloaded") || 0) < 10000) return; // never a loop
      sessionStorage.setItem("km-reloaded", String(Date.now()));
    } catch (e) {
      /* no session storage: reload anyway, once for this page */
    }
    window.location.reload();
  };
  window.addEventListener("error", onError);
  window.addEventListener("unhandledrejection", onError);
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let frame = parentElement.querySelector("iframe");
  if (!frame) {
    frame = document.createElement("iframe");
    frame.style.cssText = "border:0;width:100%;display:block;background:#EEF4F7";
    const made = { seq: 0, src: null };
    made.sync = () => {
      const map = frame.contentWindow && frame.contentWindow.kurilmap;
      if (!map || !made.data) return;
      const view = Object.assign({}, made.data.view);
      if (made.data.ack < made.seq) Object.assign(view, { year: made.year, day: made.day }); // the user's latest pick is still on its way
      map.apply(view);
    };
    // A pick is sent again while Python has not taken it in AND nothing at all came back from the
    // server meanwhile: a message sent while the server restarts is lost, and Streamlit does not
    // rerun an idle page when it reconnects. While runs keep arriving the pick is on its way (a
    // re-send would only interrupt the run that carries it), so the check just waits longer.
    made.renders = 0;
    made.watch = (timer, pending, resend, wait) => {
      const seen = made.renders;
      clearTimeout(made[timer]);
      made[timer] = setTimeout(() => {
        if (!pending()) return;
        if (made.renders === seen) resend();
        else made.watch(timer, pending, resend, Math.min(wait * 2, 10000));
      }, wait);
    };
    // Picks are coalesced: the map shows each at once, but Python hears only the last of a quick
    // series (a held arrow key), 120 ms after it. One rerun per settled pick instead of one per key
    // keeps the server and every other session's page responsive.
    made.propose = (year, day, again) => {
      made.seq = Math.max(made.seq + 1, Date.now());
      made.year = year;
      made.day = day || null;
      clearTimeout(made.sendTimer);
      made.sendTimer = setTimeout(() => {
        made.send("proposal", { year: made.year, day: made.day, seq: made.seq }, again);
        made.watch("retry", () => made.data.ack < made.seq, () => made.propose(made.year, made.day, true), 2500);
      }, 120);
    };
    // A re-sent value goes through the page's relay (relay.js): it reruns the whole page, which a session
    // that has not drawn the map's part of the page yet (after a server restart) still takes in.
    made.send = (name, value, again) => {
      const relay = again && window.__kurilmapRelay;
      if (relay) relay({ map: made.data.primary ? "map" : "map_b", [name]: value });
      else made.setState(name, value);
    };
    // The map page announces a pick on its frame element, so no pick is missed before "load".
    frame.addEventListener("kurilmap:propose", (event) => made.propose(event.detail.year, event.detail.day));
    // (Re)loaded: also when the browser reloads a frame that Streamlit moved after a reconnect.
    frame.addEventListener("load", () => made.sync());
    if (data.primary) {
      const onNav = () => {
        made.nav = { search: window.location.search, at: Date.now() };
        made.sendNav();
      };
      made.sendNav = (again) => {
        made.send("nav", made.nav, again);
        made.watch(
          "navRetry",
          () => made.data.navAck !== made.nav.at,
          () => {
            made.nav = { search: made.nav.search, at: Date.now() }; // a new value, or it would not be sent
            made.sendNav(true);
          },
          2500,
        );
      };
      // Listening starts on every render (below): Streamlit may call the cleanup and render again into
      // the same element, and a frame that stayed would no longer hear back/forward.
      made.listen = () => {
        if (made.listening) return;
        made.listening = true;
        window.addEventListener("popstate", onNav);
      };
      made.cleanup = () => {
        made.listening = false;
        window.removeEventListener("popstate", onNav);
      };
    }
    frame.__kurilmap = made;
  }
  const host = frame.__kurilmap;
  host.renders += 1;
  host.setState = setStateValue;
  host.data = data;
  frame.title = data.title;
  // The map page fits its frame to the window below it (at most data.height) and, on the primary map,
  // puts a "skip to the year slider" link first in this page, in the view's language.
  frame.dataset.fit = data.height;
  if (!frame.style.height) frame.style.height = Math.min(data.height, window.innerHeight - 100) + "px";
  if (host.listen) host.listen();
  if (data.primary) {
    reloadWhenStreamlitBreaks();
    frame.dataset.skip = data.skip;
    document.documentElement.lang = data.lang; // Streamlit's page says lang="en" whatever is shown
    const skipMain = document.querySelector('a[href="#stMain"]'); // Streamlit's own skip link, in English
    if (skipMain && data.skipMain) skipMain.textContent = data.skipMain;
  }
  if (data.src !== host.src) {
    // First load, or a new data version: open the page directly in the view (no flash of another year).
    host.src = data.src;
    const v = data.view;
    const fragment =
      `#year=${v.year}&names=${v.names}&lang=${v.lang}` +
      (v.compare == null ? "" : `&compare=${v.compareDay || v.compare}`) +
      (v.day ? `&day=${v.day}` : "") +
      (v.position && v.position !== "held" ? `&position=${v.position}` : "");
    frame.src = data.src + fragment;
  } else {
    host.sync();
  }
  if (!frame.parentNode) parentElement.appendChild(frame);
  phoneCompare(parentElement, frame, data);
  // The address follows the view too: Streamlit's own update of it can lose a race with back/forward.
  if (data.embed) embedMode();
  const query = data.query + embedQuery();
  if (data.primary && query !== window.location.search) {
    window.history.replaceState(window.history.state, "", window.location.pathname + query + window.location.hash);
  }
  return host.cleanup;
}
