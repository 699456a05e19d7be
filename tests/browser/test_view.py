"""One view: both maps, the sidebar, the URL, the panel and the caption always agree, and cost kilobytes."""

from __future__ import annotations

import os
import random

import pytest
from appdriver import ROOT, free_port, map_frame, running_app
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from test_usability import PHONE
from viewcheck import map_frames, observe, settle

from kurilmap.periods import last_year

OPEN_JS = "() => document.querySelector(\"[data-testid='stSidebar']\").getBoundingClientRect().left > -1"
SHUT_JS = "() => document.querySelector(\"[data-testid='stSidebar']\").getBoundingClientRect().right < 1"


def sidebar(page):
    """The sidebar; on a phone, where it starts folded, opened first (as a reader taps its » button)."""
    if page.viewport_size["width"] < 640 and not page.evaluate(OPEN_JS):
        page.wait_for_function(f"() => ({OPEN_JS})() || ({SHUT_JS})()")  # not while it slides
        if not page.evaluate(OPEN_JS):
            page.locator("[data-testid='stExpandSidebarButton']").first.click()
            page.wait_for_function(OPEN_JS)
    return page.locator("[data-testid='stSidebar']")


def close_sidebar(page):
    """On a phone the open sidebar covers the map: fold it again (its « button) before using the map."""
    if page.viewport_size["width"] < 640 and page.evaluate(OPEN_JS):
        page.locator(
            "[data-testid='stSidebarCollapseButton'] button, [data-testid='stSidebarCollapseButton']"
        ).first.click()
        page.wait_for_function(SHUT_JS)


def type_compare_year(page, year: int):
    box = sidebar(page).locator("[data-testid='stNumberInput'] input")
    box.fill(str(year))
    box.press("Enter")


def test_typing_a_compare_year_moves_the_right_map_its_outlines_and_the_caption(visit):
    visit.open("?year=1944")
    sidebar(visit.page).get_by_text("Compare with another year").click()
    seen = settle(visit.page)
    assert seen["url"]["compare"] == str(last_year())  # it offers today
    type_compare_year(visit.page, 1950)
    seen = settle(visit.page)
    assert [m["year"] for m in seen["maps"]] == [1944, 1950]
    left, right = map_frames(visit.page)
    # 1944 → 1950: southern Sakhalin and the Kurils changed hands, northern Sakhalin did not.
    assert visit.unit("sakhalin-south", "data-changed", left) == "1"
    assert visit.unit("sakhalin-north", "data-changed", left) == "0"
    assert visit.unit("sakhalin-south", "data-look", right) == "russia"
    assert "(1944 → 1950)" in seen["caption"]
    visit.shot("compare-typed-1950")


def test_a_tick_on_the_right_map_sets_the_compare_year_and_a_names_change_keeps_it(visit):
    visit.open("?year=1944&compare=1875")
    settle(visit.page)
    right = map_frames(visit.page)[1]
    right.click("button.km-tick[data-year='1945']")
    seen = settle(visit.page)
    assert seen["url"]["compare"] == "1945" and seen["compareInput"] == "1945"
    sidebar(visit.page).get_by_text("Russian names").click()
    seen = settle(visit.page)
    assert seen["url"]["compare"] == "1945" and seen["maps"][1]["year"] == 1945
    assert seen["maps"][0]["names"] == "ru"


@pytest.mark.parametrize(
    ("start", "other", "names"), [("en", "Русский", "Japanese names"), ("ru", "日本語", "Японские названия")]
)
def test_names_language_and_compare_changes_cost_kilobytes_and_never_rebuild_the_map(visit, start, other, names):
    page = visit.page
    received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    visit.open(f"?year=1910&lang={start}")
    settle(page)
    map_frames(page)[0].evaluate("window.__kept = 'yes'")

    def cost(action) -> int:
        settle(page)
        page.wait_for_timeout(300)
        received.clear()
        action()
        settle(page)
        page.wait_for_timeout(300)
        return sum(received)

    costs = {
        "year": cost(lambda: visit.press("ArrowRight", 1, map_frames(page)[0])),
        "names": cost(lambda: sidebar(page).get_by_text(names).click()),
        "lang": cost(lambda: _choose_language(page, other)),
        "compare on": cost(lambda: sidebar(page).locator("[data-testid='stCheckbox']").first.click()),
        "compare year": cost(lambda: type_compare_year(page, 1950)),
    }
    print("websocket bytes per change:", costs)
    for what, size in costs.items():
        # 25 KB: the first-view sentence and dates written out in Russian (issue 13) take about 1 KB more,
        # turning compare on now also brings the second map's Show switch and its position text (issue 26),
        # and a language change sends the period's timeline with each event's source (issue 22) and the
        # sidebar's before/after buttons (issue 25: five, with 8 August 1945 against today) and naming styles;
        # since the main area is a fragment (issue 27) each of its elements also names that fragment (32
        # characters), and the page has its relay element: a whole page's run is about 0.1 KB more
        assert size <= 28_000, f"{what}: {size} bytes"
    # a year change re-sends what did not change as references (.streamlit/config.toml, minCachedMessageSize)
    assert costs["year"] <= 10_000, costs
    assert map_frames(page)[0].evaluate("window.__kept") == "yes"  # the same map page, never reloaded


def _choose_language(page, name: str):
    """Pick the interface language as a reader does; a rerun that redraws the box under the click closes its list, so open it again."""
    settle(page)
    option = page.get_by_role("option", name=name)
    for _ in range(3):
        sidebar(page).locator("[data-testid='stSelectbox']").first.click()
        try:
            option.wait_for(timeout=5000)
        except PlaywrightTimeoutError:
            continue
        option.click()
        return
    raise AssertionError(f"the language list never showed {name!r}")


def test_a_pick_made_while_the_server_restarts_reaches_the_panel_and_url(chromium):
    port = free_port()
    page = chromium.new_page(viewport={"width": 1400, "height": 950})
    with running_app(port=port) as (url, _):
        page.goto(f"{url}/?year=1860")
        frame = map_frame(page)
        settle(page)
    frame.focus("#km-year")
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # 1863, chosen while the server is away
    with running_app(port=port):
        seen = settle(page, timeout=30)
        assert seen["url"]["year"] == "1863"
        for _ in range(4):
            frame.focus("#km-year")
            page.keyboard.press("ArrowRight")
            seen = settle(page)
        assert seen["url"]["year"] == "1867" and seen["maps"][0]["year"] == 1867
    page.close()


# ---------------------------------------------------------------------------------------------- random walk

ACTIONS = (
    "key_left",
    "key_left",
    "tick_left",
    "key_right",
    "tick_right",
    "play",
    "compare",
    "compare_year",
    "names",
    "position",
    "lang",
    "reload",
    "open_copy",
    "back",
)


def _show_map(page, index: int) -> None:
    """On a phone a comparison shows one map at a time: switch to map ``index`` (0 the left, 1 the right)."""
    switch = page.locator(".km-which button:visible")
    if switch.count() == 2:
        switch.nth(index).click()
        page.locator("iframe").nth(index).wait_for(state="visible", timeout=5000)


def _do(action: str, rng: random.Random, page, context_factory):
    if action in ("key_left", "key_right", "tick_left", "tick_right", "play"):
        close_sidebar(page)
    frames = map_frames(page)
    comparing = len(frames) == 2
    if action in ("key_right", "tick_right") and not comparing:
        action = "compare"
    if action == "compare_year" and not comparing:
        action = "compare"
    if action in ("key_left", "key_right", "tick_left", "tick_right", "play"):
        _show_map(page, 1 if action.endswith("right") else 0)
    if action == "key_left" or action == "key_right":
        frame = frames[0 if action == "key_left" else 1]
        frame.focus("#km-year")
        key = rng.choice(["ArrowRight", "ArrowLeft", "PageUp", "PageDown"])
        for _ in range(rng.randint(1, 4)):
            page.keyboard.press(key)
        return f"{action} {key}"
    if action in ("tick_left", "tick_right"):
        frame = frames[0 if action == "tick_left" else 1]
        year = rng.choice([1855, 1875, 1905, 1920, 1925, 1945])
        frame.click(f"button.km-tick[data-year='{year}']")
        return f"{action} {year}"
    if action == "play":
        frames[0].click("button[data-action='play']")
        page.wait_for_timeout(rng.randint(300, 1800))
        frames[0].click("button[data-action='play']")
        return "play/stop"
    if action == "compare":
        sidebar(page).locator("[data-testid='stCheckbox']").first.click()
        return "compare switch"
    if action == "compare_year":
        year = rng.randint(1850, 2026)
        type_compare_year(page, year)
        return f"compare year {year}"
    if action == "names":
        options = sidebar(page).locator("[data-testid='stRadio'] label")
        choice = rng.randrange(3)
        options.nth(choice).click()
        return f"names option {choice}"
    if action == "position":  # the Show switch of the left map, or of the right one when comparing
        group = rng.randrange(2 if comparing else 1) + 1
        choice = rng.randrange(3)
        sidebar(page).locator("[data-testid='stRadio']").nth(group).locator("label").nth(choice).click()
        return f"show switch {group} option {choice}"
    if action == "lang":
        name = rng.choice(["English", "日本語", "Русский"])
        _choose_language(page, name)
        return f"lang {name}"
    if action == "reload":
        page.reload()
        return "reload"
    if action == "back":
        page.go_back()
        if "year=" not in page.url:  # went back past the app's first address: come forward again
            page.go_forward()
            return "back and forward (left the app)"
        return "back"
    raise AssertionError(action)


class _Server:
    """The app on a fixed port, restartable under an open page."""

    def __init__(self):
        self.port = free_port()
        self._cm = None
        self.url = None

    def start(self):
        (ROOT / "artifacts").mkdir(exist_ok=True)
        self._cm = running_app(port=self.port, log_path=ROOT / "artifacts" / f"walk-server-{self.port}.log")
        self.url, _ = self._cm.__enter__()

    def stop(self):
        if self._cm is not None:
            self._cm.__exit__(None, None, None)
            self._cm = None


DESKTOP = {"viewport": {"width": 1400, "height": 950}}


def _walk(chromium, seed: int, steps: int, device: dict = DESKTOP, lang: str = "en"):
    rng = random.Random(seed)
    server = _Server()
    server.start()
    restart_at = rng.randrange(steps // 3, steps)
    context = chromium.new_context(**device)
    page = context.new_page()
    done = []
    try:
        page.goto(f"{server.url}/?year={rng.randint(1850, 2026)}&lang={lang}")
        map_frame(page)
        settle(page)
        for n in range(steps):
            action = "restart" if n == restart_at else rng.choice(ACTIONS)
            if action == "open_copy":
                address = page.url
                context.close()
                context = chromium.new_context(**device)
                page = context.new_page()
                page.goto(address)
                done.append(f"open copied URL {address.split('?')[1]}")
            elif action == "restart":
                server.stop()
                close_sidebar(page)
                _show_map(page, 0)
                frame = map_frames(page)[0]
                frame.focus("#km-year")
                page.keyboard.press("ArrowRight")  # a pick while the server is away
                server.start()
                done.append("server restart (ArrowRight while it was away)")
            else:
                done.append(_do(action, rng, page, None))
            settle(page, timeout=30 if action == "restart" else 15)
    except Exception as exc:  # any failure: say how to replay it
        raise AssertionError(
            f"seed {seed}, after {len(done)} actions (replay: KURILMAP_SEED={seed}):\n  "
            + "\n  ".join(done)
            + f"\n{str(exc)[:2000]}\nlast seen: {observe(page)}"
        ) from None
    finally:
        context.close()
        server.stop()


# A desktop in English, and a phone in Russian (issue 21: the views that broke there were never walked).
WALKS = {"desktop-en": (DESKTOP, "en", 11), "phone-ru": (PHONE, "ru", 390844)}


def _walk_of(chromium, walk: str):
    device, lang, seed = WALKS[walk]
    seed = int(os.environ.get("KURILMAP_SEED", seed))
    _walk(chromium, seed, steps=int(os.environ.get("KURILMAP_STEPS", "60")), device=device, lang=lang)


# One class each: the two walks (~85 s apiece, each with its own server) go to both workers at once
# (pytest-xdist's loadscope sends a module's functions to one worker, and each class on its own).
class TestDesktopWalk:
    def test_a_random_walk_of_sixty_actions_never_lets_the_views_disagree(self, chromium):
        _walk_of(chromium, "desktop-en")


class TestPhoneWalk:
    def test_a_random_walk_of_sixty_actions_never_lets_the_views_disagree(self, chromium):
        _walk_of(chromium, "phone-ru")
