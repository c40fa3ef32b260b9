"""Playwright (Python) driving Debian's chromium against a live server with the demo content.

Chromium is not downloaded: the tests use /usr/bin/chromium (or CHROMIUM_PATH). Where it is missing the
tests are skipped with one line saying so, unless REQUIRE_BROWSER_TESTS=1 (CI), where that is a failure.
Screenshots go to artifacts/screenshots/ (or SCREENSHOT_DIR).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("REQUIRE_BROWSER_TESTS") == "1"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", HERE.parent.parent / "artifacts" / "screenshots"))
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_missing():
    if Path(CHROMIUM).exists():
        return None
    return (
        f"Browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)."
    )


def pytest_collection_modifyitems(config, items):
    reason = chromium_missing()
    if reason is None:
        return
    if REQUIRED:
        raise pytest.UsageError(
            reason.replace("skipped", "required (REQUIRE_BROWSER_TESTS=1) but cannot run")
        )
    config._browser_skip_reason = reason
    marker = pytest.mark.skip(reason=reason)
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(marker)


def pytest_terminal_summary(terminalreporter, config):
    reason = getattr(config, "_browser_skip_reason", None)
    if reason:
        terminalreporter.write_line(reason)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread; Django's check against database
    # calls from async code would then refuse the test's own (synchronous) database work.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, demo_in_transactional_db):
    """The live server's base URL, with the demo content."""
    return live_server.url


def fill_sign_up(page, username, password):
    """Fill in and send the sign-up form the page shows."""
    import re

    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_label(re.compile(r"^Password confirmation:?$")).fill(password)
    page.get_by_role("button", name="Create account").click()


def new_page(browser, viewport=DESKTOP):
    # bypass_csp lets the tests inject axe-core; the pages themselves run under the real policy.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    context.set_default_timeout(15_000)
    return context.new_page()


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser):
    page = new_page(browser, PHONE)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def axe_source():
    """axe-core from the npm registry (tests/browser/package.json), installed on first use."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            message = "Accessibility checks need npm to install axe-core (tests/browser/package.json)."
            if REQUIRED:
                pytest.fail(message)
            pytest.skip(message)
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(HERE)], check=True)
    return AXE.read_text()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
