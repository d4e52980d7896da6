"""Shared helper for browser tests: real headless Chromium through Playwright, with the network cut off.

Every request that is not ``file:``, ``data:``, ``blob:`` or ``about:`` is recorded and aborted, so a
test can assert that a page works offline. Console errors, page errors and dialogs are recorded too.

Use it from a test module like this::

    import pytest
    from tests.browser import Chromium, launch_chromium

    @pytest.fixture(scope="module")
    def chromium() -> Iterator[Chromium]:
        with launch_chromium() as browser:
            yield browser

    @pytest.mark.browser
    def test_page(chromium: Chromium, tmp_path: Path) -> None:
        page, report = chromium.open_page(tmp_path / "view.html")
        wait_ready(page)
        report.assert_clean()

Without Chromium the tests are skipped, unless the ``CI`` environment variable is set: CI installs
Chromium, so there a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Dialog, Page, Request, Route

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def find_chromium() -> str | None:
    """Path of the system Chromium, or ``None``; ``PBGRAPH_CHROMIUM`` overrides the search."""
    for candidate in (
        os.environ.get("PBGRAPH_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _unavailable(reason: str) -> NoReturn:
    # CI installs chromium and playwright, so there a missing browser must fail the run, not hide it
    if os.environ.get("CI", "").lower() not in ("", "0", "false"):
        pytest.fail(f"{reason} (CI is set, so browser tests must run)")
    pytest.skip(reason)


@dataclass
class PageReport:
    """What a page did besides rendering: outside requests, failures, console errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """Fail unless the page made no outside request, no request failed and nothing errored."""
        assert self.requests == [], f"the page made network requests: {self.requests}"
        assert self.failed_requests == [], f"requests failed: {self.failed_requests}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.page_errors == [], f"page errors: {self.page_errors}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"


class Chromium:
    """A launched browser; :meth:`open_page` gives each page its own context and :class:`PageReport`."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self._contexts: list[BrowserContext] = []

    def open_page(
        self, path: str | os.PathLike[str], *, width: int = 1280, height: int = 800, timeout_ms: int = 60_000
    ) -> tuple[Page, PageReport]:
        """Open a local file with the network cut off; returns the page and its live report."""
        report = PageReport()
        context = self.browser.new_context(
            viewport={"width": width, "height": height}, service_workers="block"
        )
        self._contexts.append(context)

        def route(route: Route) -> None:
            if route.request.url.startswith(LOCAL_SCHEMES):
                route.continue_()
            else:
                route.abort()

        def on_request(request: Request) -> None:
            if not request.url.startswith(LOCAL_SCHEMES):
                report.requests.append(request.url)

        def on_failed(request: Request) -> None:
            report.failed_requests.append(f"{request.url}: {request.failure}")

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                report.console_errors.append(message.text)

        def on_dialog(dialog: Dialog) -> None:
            report.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        context.route("**/*", route)
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        page.on("request", on_request)
        page.on("requestfailed", on_failed)
        page.on("console", on_console)
        page.on("pageerror", lambda error: report.page_errors.append(str(error)))
        page.on("dialog", on_dialog)
        page.on("websocket", lambda socket: report.requests.append(socket.url))
        page.goto(Path(path).resolve().as_uri(), wait_until="load")
        return page, report

    def close(self) -> None:
        """Close every page opened so far (the browser stays up)."""
        for context in self._contexts:
            context.close()
        self._contexts.clear()


@contextmanager
def launch_chromium() -> Iterator[Chromium]:
    """Start headless system Chromium (skips or, under CI, fails when it is missing)."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    executable = find_chromium()
    if executable is None:
        _unavailable("no chromium found (install it, or set PBGRAPH_CHROMIUM to its path)")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as error:
            _unavailable(f"chromium at {executable} did not start: {error}")
        chromium = Chromium(browser)
        try:
            yield chromium
        finally:
            chromium.close()
            browser.close()


def wait_ready(page: Page, *, selector: str | None = None, timeout_ms: int = 60_000) -> float:
    """Wait for a pbgraph view's first drawn frame; returns its ``performance.now()`` in ms.

    With ``selector`` wait for that view's root element (``data-ready``); else for ``window.__pbgraphReady``.
    """
    if selector is None:
        page.wait_for_function("() => window.__pbgraphReady !== undefined", timeout=timeout_ms)
        return float(page.evaluate("() => window.__pbgraphReady"))
    page.wait_for_selector(f"{selector}[data-ready]", state="attached", timeout=timeout_ms)
    return float(page.get_attribute(selector, "data-ready") or "nan")


def screenshot(page: Page, path: str | os.PathLike[str], *, full_page: bool = False) -> Path:
    """Save a PNG screenshot (creating the folder) and return its path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=full_page)
    return target


# -- helpers for pbgraph views ------------------------------------------------------------------------


def open_view(chromium: Chromium, page_html: str, path: Path) -> tuple[Any, Any, str]:
    path.write_text(page_html, encoding="utf-8")
    page, report = chromium.open_page(path)
    wait_ready(page)
    root_id = str(page.evaluate("() => document.querySelector('.pbg').id"))
    return page, report, root_id


def node_point(page: Any, root_id: str, index: int) -> tuple[float, float]:
    """Page coordinates of a node's centre."""
    x, y = page.evaluate(
        """([rootId, index]) => {
            const network = window.__pbgraphViews[rootId].network;
            const dom = network.canvasToDOM(network.getPositions([index])[index]);
            const box = document.querySelector('#' + rootId + ' .pbg-net').getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""",
        [root_id, index],
    )
    return float(x), float(y)


def hover_tooltip(page: Any, root_id: str, index: int) -> str:
    x, y = node_point(page, root_id, index)
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=3)
    page.wait_for_function(
        """(rootId) => {
            const tip = document.querySelector('#' + rootId + ' div.vis-tooltip');
            return tip && tip.style.visibility === 'visible' && tip.textContent.length > 0;
        }""",
        arg=root_id,
    )
    return str(
        page.evaluate(
            "(rootId) => document.querySelector('#' + rootId + ' div.vis-tooltip').textContent", root_id
        )
    )


def search(page: Any, root_id: str, query: str) -> str:
    page.fill(f"#{root_id} .pbg-search", query)
    page.press(f"#{root_id} .pbg-search", "Enter")
    return str(page.text_content(f"#{root_id} .pbg-status"))


def overlapping(boxes: list[list[float]]) -> bool:
    """Whether any two boxes [left, top, right, bottom] overlap."""
    return any(
        a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
        for position, a in enumerate(boxes)
        for b in boxes[position + 1 :]
    )


def api(page: Any, root_id: str, call: str) -> Any:
    """A call of a view's page API (`window.__pbgraphViews[root_id]`), e.g. `api(page, root, "labels()")`."""
    return page.evaluate(f"() => window.__pbgraphViews['{root_id}'].{call}")
