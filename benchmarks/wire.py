"""Load sessions without a browser: Streamlit's own websocket protocol, spoken as the page speaks it.

A :class:`WireSession` connects to ``/_stcore/stream`` and sends the BackMsg ``rerun_script``
(the URL's query string, widget states, the hashes of the messages it holds) just as Streamlit's
page does, and reads the ForwardMsgs that come back: the URL (``page_info_changed``), the period
panel's heading and the map element (a components-v2 ``bidi_component`` whose ``json`` is the
``data`` the app gave it). A year picked on the map is the element's state value ``proposal`` =
{year, seq}: the page sends an element's whole state as JSON text in the ``json_value`` of the
WidgetState whose id is the element's id (``setStateValue`` in Streamlit's BidiComponent.js,
``value_type="json_value"`` in streamlit/components/v2/bidi_component/main.py). Each pick is sent
the way the map's host (src/kurilmap/frontend/host.js) sends it: 120 ms after the move, with a
seq that only grows, and again when nothing came back for a while and Python has not
acknowledged it. Server work per session is the same as a browser's; only the 2 cores that 20
Chromium pages would take from the server stay free.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import time
from urllib.parse import parse_qs

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from kurilmap.geometry import history
from kurilmap.periods import FIRST_YEAR

#: host.js sends a pick this long after the last key of a move (it coalesces a held key).
HOST_DELAY = 0.12
#: host.js sends an unacknowledged pick again when no run came back for this long (then waits twice as long).
RETRY_WAIT = 2.5
PANEL_HEADING = re.compile(r"(\d+) —")


def target_year(rng: random.Random, year: int) -> int:
    """Where a user moves the slider next from ``year`` (both kinds of session move alike)."""
    step = rng.choice([-30, -12, -5, -1, 1, 5, 12, 30])
    return min(max(year + step, FIRST_YEAR), history().periods[-1].start + 60)


class WireSession:
    """One user's page over the websocket: what the server last drew for it, and its year picks."""

    def __init__(self, url: str):
        self.url = url
        self.query = ""  # the page's address after "?", as the server last set it
        self.page_hash = ""
        self.panel_year: int | None = None
        self.panel_years: set[int] = set()  # every year the panel showed this session
        self.map_id: str | None = None
        self.map_fragment = ""  # the fragment the map element is drawn in: a pick reruns that part only
        self.relay_id = ""  # the page's relay (frontend/relay.js), outside it: a re-sent pick goes that way
        self.map_data: dict = {}
        self.renders = 0  # map elements received: host.js re-sends a pick only when none came meanwhile
        self.state: dict = {}  # the map element's state values, as the page holds them
        self.seq = 0
        self.resends = 0
        self.problems: list[str] = []
        self._cache: dict[str, ForwardMsg] = {}  # cacheable messages by hash, as the page's message cache
        self._changed = asyncio.Event()
        self._closed = False

    async def open(self, year: int, timeout: float = 60.0) -> None:
        """Load the page at ``?year=year`` and wait until it is drawn."""
        ws_url = self.url.replace("http", "ws", 1) + "/_stcore/stream"
        self._ws = await websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None)
        self._reader = asyncio.create_task(self._read())
        self.query = f"year={year}"
        await self._rerun([])
        if not await self._until(lambda: self.map_id is not None and self.shows(year, 0), timeout):
            raise TimeoutError(f"the page at year={year} was not drawn: {self.problems}")

    async def close(self) -> None:
        await self._ws.close()
        self._reader.cancel()

    async def propose(self, year: int, again: bool = False) -> None:
        """Send a year picked on the map: the element's state with a new ``proposal`` (it reruns the map's
        fragment); sent again, through the page's relay (``frontend/relay.js``: a whole page's run)."""
        self.seq = max(self.seq + 1, int(time.time() * 1000))
        proposal = {"year": year, "seq": self.seq}
        if again and self.relay_id:
            relayed = WidgetState(
                id=self.relay_id, json_value=json.dumps({"sent": {"map": "map", "proposal": proposal}})
            )
            await self._rerun([WidgetState(id=self.map_id, json_value=json.dumps(self.state)), relayed])
            return
        self.state = {**self.state, "proposal": proposal}
        await self._rerun([WidgetState(id=self.map_id, json_value=json.dumps(self.state))], self.map_fragment)

    async def follow(self, year: int, timeout: float) -> bool:
        """Wait until the URL, the panel and the map show ``year``; re-send the pick as host.js would."""
        deadline = time.perf_counter() + timeout
        wait, renders = RETRY_WAIT, self.renders
        while True:
            watch = time.perf_counter() + wait
            if await self._until(lambda: self.shows(year, self.seq), min(watch, deadline) - time.perf_counter()):
                return True
            if time.perf_counter() >= deadline or self._closed:
                return False
            if self.renders == renders:  # nothing came back: the pick may be lost, send it again
                self.resends += 1
                await self.propose(year, again=True)
                wait = RETRY_WAIT
            else:  # runs keep coming: the pick is on its way
                wait = min(wait * 2, 10.0)
            renders = self.renders

    def shows(self, year: int, seq: int) -> bool:
        """The URL, the panel heading and the map element all show ``year``, and the map took pick ``seq``."""
        view = self.map_data.get("view") or {}
        return (
            parse_qs(self.query).get("year") == [str(year)]
            and self.panel_year == year
            and view.get("year") == year
            and (self.map_data.get("ack") or 0) >= seq
        )

    async def _until(self, condition, timeout: float) -> bool:
        end = time.perf_counter() + timeout
        while True:
            self._changed.clear()
            if condition():
                return True
            left = end - time.perf_counter()
            if left <= 0 or self._closed:
                return False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)

    async def _rerun(self, widgets: list, fragment: str = "") -> None:
        """A ``rerun_script`` BackMsg as the page sends it (its widget states, address and cache, and the
        fragment of the widget that changed, as Streamlit's WidgetStateManager does)."""
        msg = BackMsg()
        run = msg.rerun_script
        run.fragment_id = fragment
        run.query_string = self.query
        run.page_script_hash = self.page_hash
        run.widget_states.widgets.extend(widgets)
        run.cached_message_hashes.extend(self._cache)
        context = run.context_info
        context.timezone, context.locale, context.url = "UTC", "en-US", f"{self.url}/?{self.query}"
        await self._ws.send(msg.SerializeToString())

    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self._take(msg)
                self._changed.set()
        except websockets.ConnectionClosedError as exc:
            self.problems.append(f"connection lost: {exc}")
        finally:
            self._closed = True
            self._changed.set()

    def _take(self, msg: ForwardMsg) -> None:
        """Keep what the page would show from one ForwardMsg."""
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":  # a message the page said it holds
            if msg.ref_hash not in self._cache:
                self.problems.append(f"reference to a message never received: {msg.ref_hash}")
                return
            msg, kind = self._cache[msg.ref_hash], "delta"
        elif msg.metadata.cacheable:
            self._cache[msg.hash] = msg
        if kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            what = element.WhichOneof("type")
            if what == "heading" and (match := PANEL_HEADING.match(element.heading.body)):
                self.panel_year = int(match.group(1))
                self.panel_years.add(self.panel_year)
            elif what == "bidi_component" and element.bidi_component.component_name.endswith("kurilmap_map"):
                data = json.loads(element.bidi_component.json)
                if data.get("primary"):
                    self.map_id, self.map_data = element.bidi_component.id, data
                    self.map_fragment = msg.delta.fragment_id
                    self.renders += 1
            elif what == "bidi_component" and element.bidi_component.component_name.endswith("kurilmap_relay"):
                self.relay_id = element.bidi_component.id
            elif what == "exception":
                self.problems.append(f"the app raised an exception: {element.exception.message[:200]}")


async def wire_session(url: str, seconds: float, seed: int, stats: dict) -> None:
    """One user moving the map's year slider for ``seconds``, over the wire; moves that never arrive are counted."""
    rng = random.Random(seed)
    session = WireSession(url)
    start_year = rng.randint(1850, 2000)
    await session.open(start_year)
    picked = {start_year}
    changes = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        year = session.map_data["view"]["year"]
        target = target_year(rng, year)
        if target == year:
            continue
        start = time.perf_counter()
        await asyncio.sleep(HOST_DELAY)
        await session.propose(target)
        picked.add(target)
        if await session.follow(target, timeout=20.0):
            stats["follow_ms"].append((time.perf_counter() - start) * 1000)
        else:
            stats["moves_lost"] += 1
            stats["errors"].append(
                f"wire session {seed}: URL, panel or map did not follow to {target} (URL ?{session.query},"
                f" panel {session.panel_year}, map {session.map_data.get('view')}, ack {session.map_data.get('ack')},"
                f" seq {session.seq})"
            )
        changes += 1
        await asyncio.sleep(rng.uniform(0.05, 0.3))
    await session.close()
    if not session.panel_years <= picked:
        stats["errors"].append(
            f"wire session {seed}: the panel showed years it never picked: {session.panel_years - picked}"
        )
    stats["errors"] += [f"wire session {seed}: {problem}" for problem in session.problems]
    stats["resends"] += session.resends
    stats["changes_per_session"].append(changes)
