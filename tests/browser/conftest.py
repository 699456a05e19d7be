"""Browser fixtures: the real app on a free local port, driven by Debian's headless Chromium."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from appdriver import ROOT, map_frame, running_app

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
SHOTS = ROOT / "artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_url():
    (ROOT / "artifacts").mkdir(exist_ok=True)
    with running_app(log_path=ROOT / "artifacts" / "app-server.log") as (url, _proc):
        yield url


class Visit:
    """One browser tab on the app, recording every request it makes."""

    def __init__(self, page, base):
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))

    def open(self, query: str = "", index: int = 0):
        self.page.goto(f"{self.base}/{query}")
        self.map = map_frame(self.page, index=index)
        return self.map

    def external_requests(self) -> list[str]:
        out = []
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about") or parsed.hostname in LOCAL_HOSTS or url == "about:srcdoc":
                continue
            out.append(url)
        return out

    def shot(self, name: str):
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"))

    def year(self, frame=None) -> int:
        return int((frame or self.map).get_attribute(".leaflet-container", "data-year"))

    def unit(self, unit: str, attr: str, frame=None) -> str:
        return (frame or self.map).get_attribute(f"path[data-unit='{unit}']", attr)

    def press(self, key: str, times: int = 1, frame=None):
        frame = frame or self.map
        frame.focus("#km-year")
        for _ in range(times):
            self.page.keyboard.press(key)


@pytest.fixture
def visit(chromium, app_url):
    context = chromium.new_context(viewport={"width": 1400, "height": 950})
    page = context.new_page()
    v = Visit(page, app_url)
    yield v
    context.close()
