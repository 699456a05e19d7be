// The step card of a guided tour in the Streamlit page: title, step number, text (read out by screen
// readers: aria-live), sources, previous/next, and presentation mode (full screen, large type, no
// sidebar, advancing by itself every N seconds). It only renders what Python sends in `data`:
// {tour, number, count, tourTitle, title, text, sources, link, labels, ack}. A step asked for
// (a button, a key) goes back as the state value `move` = {step, seq} ({leave: true, seq} to leave);
// the history and the texts stay in Python.
const STYLE_ID = "km-tour-style";
const PAGE_CSS = `
body.km-present [data-testid="stSidebar"], body.km-present [data-testid="stHeader"],
body.km-present [data-testid="stToolbar"], body.km-present [data-testid="stSidebarCollapsedControl"],
body.km-present .km-chrome { display: none !important; }
body.km-present [data-testid="stMainBlockContainer"] { padding: 0.5rem 1rem !important; max-width: 100% !important; }
body.km-present [data-testid="stMarkdownContainer"] h1 { font-size: 1.6rem; margin: 0; padding: 0; }
`;
const CARD_CSS = `
.km-tour { font-family: inherit; color: inherit; border-left: 4px solid #0072B2; padding: 0.2rem 0 0.4rem 0.8rem; margin-bottom: 0.6rem; }
.km-tour .km-tour-head { font-size: 0.9rem; opacity: 0.8; margin: 0; }
.km-tour h2 { font-size: 1.35rem; margin: 0.2rem 0 0.4rem; line-height: 1.25; }
.km-tour p { margin: 0 0 0.5rem; }
.km-tour .km-tour-sources { font-size: 0.8rem; opacity: 0.85; }
.km-tour .km-tour-buttons { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-top: 0.4rem; align-items: center; }
.km-tour button, .km-tour select { min-height: 44px; min-width: 44px; padding: 0.3rem 0.8rem; border-radius: 0.5rem;
  border: 1px solid #8a8f98; background: #fff; color: #1f2328; font: inherit; cursor: pointer; }
.km-tour button:focus-visible, .km-tour select:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
.km-tour button[disabled] { opacity: 0.45; cursor: default; }
.km-tour .km-tour-keys, .km-tour .km-tour-paused { font-size: 0.8rem; opacity: 0.85; margin: 0.3rem 0 0; }
.km-tour.km-large { font-size: 1.45rem; line-height: 1.45; }
.km-tour.km-large h2 { font-size: 2rem; }
.km-tour.km-large .km-tour-head, .km-tour.km-large .km-tour-sources { font-size: 0.95rem; }
.km-tour.km-large button, .km-tour.km-large select { font-size: 1.2rem; min-height: 48px; }
`;

function isField(target) {
  if (!target || !target.closest) return false;
  return !!target.closest("input, textarea, select, button, [role=slider], [contenteditable=true], a[href]");
}

// The pace lives in the address's hash (#pace=5: Python's query string stays the view's), and in
// the tab's session storage, since Streamlit may rewrite the address without its hash.
function hashPace() {
  const m = /(?:^#|&)pace=(\d+)/.exec(window.location.hash);
  if (m) return Number(m[1]);
  try {
    return Number(window.sessionStorage.getItem("km-pace") || 0);
  } catch (e) {
    return 0;
  }
}

function writePace(n) {
  const rest = window.location.hash.replace(/(^#|&)pace=\d+/, "").replace(/^#?&?/, "");
  const hash = (n ? `pace=${n}` : "") + (rest ? (n ? "&" : "") + rest : "");
  const url = window.location.pathname + window.location.search + (hash ? "#" + hash : "");
  window.history.replaceState(window.history.state, "", url);
  try {
    window.sessionStorage.setItem("km-pace", String(n));
  } catch (e) {
    /* storage off: the hash still holds it */
  }
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  if (!document.getElementById(STYLE_ID)) {
    const style = document.createElement("style");
    style.id = STYLE_ID;
    style.textContent = PAGE_CSS;
    document.head.appendChild(style);
  }
  let card = parentElement.querySelector(".km-tour");
  if (!card) {
    const style = document.createElement("style");
    style.textContent = CARD_CSS;
    parentElement.appendChild(style);
    card = document.createElement("section");
    card.className = "km-tour";
    const el = (tag, cls, parent) => {
      const node = document.createElement(tag);
      if (cls) node.className = cls;
      (parent || card).appendChild(node);
      return node;
    };
    const ui = { seq: 0 };
    ui.head = el("p", "km-tour-head");
    ui.live = el("div", "km-tour-live");
    ui.live.setAttribute("aria-live", "polite");
    ui.title = el("h2", "", ui.live);
    ui.text = el("p", "km-tour-text", ui.live);
    ui.sources = el("p", "km-tour-sources");
    ui.buttons = el("div", "km-tour-buttons");
    ui.prev = el("button", "km-tour-prev", ui.buttons);
    ui.next = el("button", "km-tour-next", ui.buttons);
    ui.present = el("button", "km-tour-present", ui.buttons);
    ui.paceLabel = el("label", "km-tour-pace", ui.buttons);
    ui.paceText = el("span", "", ui.paceLabel);
    ui.pace = el("select", "", ui.paceLabel);
    ui.leave = el("button", "km-tour-leave", ui.buttons);
    ui.paused = el("p", "km-tour-paused");
    ui.keys = el("p", "km-tour-keys");
    for (const b of [ui.prev, ui.next, ui.present, ui.leave]) b.type = "button";
    ui.send = (value) => {
      ui.seq = Math.max(ui.seq + 1, Date.now());
      ui.setState("move", Object.assign({ seq: ui.seq }, value));
    };
    ui.go = (delta) => {
      // From the step last asked for, not the one last drawn: two quick keys make two steps, even
      // before the page has answered the first (the address may follow before this card does).
      const from = ui.asked && Date.now() - ui.asked.at < 5000 ? ui.asked.step : ui.data.number;
      const to = from + delta;
      if (to < 1 || to > ui.data.count) return;
      ui.asked = { step: to, at: Date.now() };
      ui.send({ step: to });
    };
    ui.prev.addEventListener("click", () => ui.go(-1));
    ui.next.addEventListener("click", () => ui.go(1));
    ui.leave.addEventListener("click", () => {
      ui.setPresent(false);
      ui.send({ leave: true });
    });
    ui.present.addEventListener("click", () => ui.setPresent(!document.body.classList.contains("km-present")));
    ui.pace.addEventListener("change", () => {
      writePace(Number(ui.pace.value));
      ui.paused.hidden = true;
      ui.isPaused = false;
      ui.schedule();
    });
    // Auto-advance: every `pace` seconds in presentation mode, until the last step or a pause (P).
    ui.schedule = () => {
      clearTimeout(ui.timer);
      const pace = Number(ui.pace.value);
      if (!pace || ui.isPaused || !document.body.classList.contains("km-present")) return;
      ui.timer = setTimeout(() => ui.go(1), pace * 1000);
    };
    ui.setPresent = (on) => {
      document.body.classList.toggle("km-present", on);
      card.classList.toggle("km-large", on); // the card's styles live in its own (isolated) root
      const root = document.documentElement;
      if (on && !document.fullscreenElement && root.requestFullscreen) root.requestFullscreen().catch(() => {});
      if (!on && document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => {});
      ui.present.textContent = on ? ui.data.labels.exit : ui.data.labels.present;
      ui.present.setAttribute("aria-pressed", on ? "true" : "false");
      window.dispatchEvent(new Event("resize")); // the map fits itself to the window again
      ui.schedule();
    };
    document.addEventListener("fullscreenchange", () => {
      if (!document.fullscreenElement && document.body.classList.contains("km-present")) ui.setPresent(false);
    });
    // Keys for a clicker or a keyboard, in the page and in the map's frame (same origin); a focused
    // field, slider or button keeps its own keys.
    ui.onKey = (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isField(event.target)) return;
      const k = event.key;
      if (k === "ArrowRight" || k === "PageDown" || k === " ") ui.go(1);
      else if (k === "ArrowLeft" || k === "PageUp") ui.go(-1);
      else if (k === "p" || k === "P") {
        ui.isPaused = !ui.isPaused;
        ui.paused.hidden = !ui.isPaused;
        ui.schedule();
      } else return;
      event.preventDefault();
    };
    ui.hooked = [];
    ui.hookFrames = () => {
      for (const frame of document.querySelectorAll("iframe")) {
        try {
          const w = frame.contentWindow;
          if (w && !ui.hooked.includes(w)) {
            w.addEventListener("keydown", ui.onKey);
            ui.hooked.push(w);
          }
        } catch (e) {
          /* another origin: not ours */
        }
      }
    };
    // Listening starts on every render, not only on the card's first: Streamlit may call the cleanup
    // and render again into the same element, and a card that kept its DOM would lose its keys.
    ui.listen = () => {
      if (ui.listening) return;
      ui.listening = true;
      window.addEventListener("keydown", ui.onKey);
      ui.frameTimer = setInterval(ui.hookFrames, 1000);
    };
    ui.cleanup = () => {
      ui.listening = false;
      window.removeEventListener("keydown", ui.onKey);
      for (const w of ui.hooked.splice(0)) w.removeEventListener("keydown", ui.onKey);
      clearInterval(ui.frameTimer);
      clearTimeout(ui.timer);
      setTimeout(() => {
        // Only a card that is gone leaves presentation mode; one that renders again stays in it.
        if (!ui.listening) document.body.classList.remove("km-present", "km-touring");
      }, 0);
    };
    card.__ui = ui;
    parentElement.appendChild(card);
  }
  const ui = card.__ui;
  ui.setState = setStateValue;
  if (ui.asked && (ui.asked.step === data.number || (ui.data && ui.data.tourTitle !== data.tourTitle))) ui.asked = null;
  ui.data = data;
  const L = data.labels;
  card.setAttribute("aria-label", data.tourTitle);
  card.lang = data.lang;
  ui.head.textContent = `${data.tourTitle} · ${L.step}`;
  ui.title.textContent = data.title;
  ui.text.textContent = data.text;
  ui.sources.textContent = `${L.sources}: ${data.sources.join(" · ")}`;
  ui.prev.textContent = L.prev;
  ui.next.textContent = L.next;
  ui.leave.textContent = L.leave;
  ui.prev.disabled = data.number <= 1;
  ui.next.disabled = data.number >= data.count;
  const presenting = document.body.classList.contains("km-present");
  card.classList.toggle("km-large", presenting);
  ui.present.textContent = presenting ? L.exit : L.present;
  ui.paceText.textContent = L.pace + " ";
  const chosen = ui.pace.options.length ? Number(ui.pace.value) : hashPace();
  ui.pace.replaceChildren(
    ...[0, 2, 5, 10].map((n) => {
      const o = document.createElement("option");
      o.value = String(n);
      o.textContent = n ? L.seconds.replace("{n}", n) : L.off;
      return o;
    }),
  );
  ui.pace.value = String([0, 2, 5, 10].includes(chosen) ? chosen : 0);
  if (Number(ui.pace.value) !== hashPace() || (Number(ui.pace.value) && !/pace=/.test(window.location.hash)))
    writePace(Number(ui.pace.value)); // a rerun's new address keeps the pace
  ui.paused.textContent = L.paused;
  ui.paused.hidden = !ui.isPaused;
  ui.keys.textContent = L.keys;
  document.body.classList.add("km-touring"); // the map page leaves PageDown / PageUp to the tour's steps
  ui.listen();
  ui.hookFrames();
  ui.schedule();
  return ui.cleanup;
}
