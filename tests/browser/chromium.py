"""Debian's headless Chromium driven through its ChromeDriver (Selenium), for the map's tests
and benchmark. Launched as the machine notes say it works here: headless, no sandbox (root),
no background networking (the closed network refuses it), a fresh profile each time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: Where the screenshots go (git-ignored): CI keeps them as artefacts.
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"

FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_paths() -> tuple[str | None, str | None]:
    return shutil.which("chromium"), shutil.which("chromedriver")


def unavailable_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    browser, driver = chromium_paths()
    missing = [
        name for name, path in (("chromium", browser), ("chromium-driver", driver)) if not path
    ]
    if missing:
        return f"headless Chromium not installed (apt-get install {' '.join(missing)})"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


@contextmanager
def chromium(window: tuple[int, int] = (1280, 800)) -> Iterator[Any]:
    """A Selenium WebDriver on Debian's Chromium, with the browser console captured."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = chromium_paths()
    assert browser and driver_path, unavailable_reason()
    profile = tempfile.mkdtemp(prefix="sitrep-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={window[0]},{window[1]}")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(driver: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(os.fspath(path))
    return path
