"""The incidents layer in headless Chromium: an incident appears once its stage creates the
topic, a new revision updates the same entry, a retraction takes it away."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from sitrep.broker.admin import ensure_topics
from sitrep.settings import Settings
from sitrep_contracts import IncidentStatus
from tests.browser.chromium import screenshot
from tests.browser.support import (
    PAYLOADS,
    RECORD_CSP_VIOLATIONS,
    console_errors,
    publish_events,
    publish_incidents,
    wait_detail,
    wait_for,
    wait_ready,
)
from tests.map_events import make_event
from tests.map_incidents import make_incident

pytestmark = [pytest.mark.integration, pytest.mark.browser, pytest.mark.timeout(120)]

INCIDENT_ROWS = "#event-list li[data-layer='incidents']"
INCIDENT_MARKERS = "path.item-marker[data-layer='incidents']"


def count(driver: Any, selector: str) -> int:
    return len(driver.find_elements(By.CSS_SELECTOR, selector))


def field(driver: Any, name: str) -> str:
    return str(driver.find_element(By.CSS_SELECTOR, f'#detail dd[data-field="{name}"]').text)


def test_an_incident_appears_is_updated_in_place_and_goes_when_retracted(
    browser: Any, map_settings: Settings, start_map: Any
) -> None:
    publish_events(map_settings, [make_event("report-1", lat=48.5, lon=35.0)])
    server = start_map(holding=1)  # ready although the incidents topic does not exist yet
    assert server.readiness()["waiting"] == ["incidents"]
    browser.get(server.url)
    wait_ready(browser)
    assert count(browser, INCIDENT_ROWS) == 0

    # The incident stage starts: its topic appears, with a first revision.
    asyncio.run(ensure_topics(map_settings, [map_settings.incidents_topic]))
    publish_incidents(map_settings, [make_incident("inc-1", revision=1, killed=4)])
    wait_for(browser, f'return document.querySelectorAll("{INCIDENT_MARKERS}").length === 1')
    assert count(browser, INCIDENT_ROWS) == 1
    event_marker, ring = (
        browser.find_element(By.CSS_SELECTOR, f"path.item-marker[data-layer='{layer}']")
        for layer in ("events", "incidents")
    )
    assert ring.get_attribute("stroke") == event_marker.get_attribute("fill")  # the type colour
    assert ring.get_attribute("stroke") != event_marker.get_attribute("stroke")  # a ring
    assert "1 event · 1 incident" in browser.find_element(By.ID, "status").text

    browser.find_element(By.CSS_SELECTOR, f"{INCIDENT_ROWS} button").click()
    wait_detail(browser)
    assert field(browser, "toll").startswith("killed: at least 4 — from the latest credible")
    assert field(browser, "revision") == "1"
    assert field(browser, "reports") == "1 report in 1 article"
    assert "Westmarsh, Southvale, UA — exact place" in field(browser, "place")
    assert field(browser, "dates") == "2024-06-02 to 2024-06-03 (day)"
    assert browser.find_element(By.ID, "evidence-block").is_displayed() is False

    # A later revision with a higher toll: the same entry and marker, updated (panel too).
    publish_incidents(map_settings, [make_incident("inc-1", revision=2, killed=12, reports=2)])
    wait_for(browser, "return document.getElementById('detail').textContent.includes('12 —')")
    wait_detail(browser)
    assert field(browser, "revision") == "2"
    assert field(browser, "reports") == "2 reports in 2 articles"
    (row,) = browser.find_elements(By.CSS_SELECTOR, INCIDENT_ROWS)
    assert "12 killed · 2 reports" in row.text
    assert count(browser, INCIDENT_MARKERS) == 1
    screenshot(browser, "map-incident")

    # The layer toggle, from the keyboard, is kept in the URL.
    toggle = browser.find_element(By.CSS_SELECTOR, "input[name=layer][value=incidents]")
    toggle.send_keys(Keys.SPACE)
    wait_for(browser, f'return !document.querySelector("{INCIDENT_ROWS}")')
    assert count(browser, INCIDENT_MARKERS) == 0
    assert "layer=events" in browser.current_url
    toggle.send_keys(Keys.SPACE)
    wait_for(browser, f'return document.querySelector("{INCIDENT_ROWS}")')
    assert "layer=" not in browser.current_url

    # Every report withdrawn: the incident leaves the list and the map.
    retracted = make_incident("inc-1", revision=3, reports=2, status=IncidentStatus.RETRACTED)
    publish_incidents(map_settings, [retracted])
    wait_for(browser, f'return !document.querySelector("{INCIDENT_ROWS}")')
    assert count(browser, INCIDENT_MARKERS) == 0
    assert "Retracted" in browser.find_element(By.ID, "detail-note").text
    assert "1 event" in browser.find_element(By.ID, "status").text
    assert "incident" not in browser.find_element(By.ID, "status").text
    assert console_errors(browser) == []

    logs = server.logs()
    assert logs.count("map.waiting_for_topic") == 1  # said once, quietly
    assert "map.topic_found" in logs
    assert "map.feed_failed" not in logs


def test_an_incidents_untrusted_text_shows_literally(
    browser: Any, map_settings: Settings, start_map: Any
) -> None:
    place, source = PAYLOADS["place"], PAYLOADS["source"]
    asyncio.run(ensure_topics(map_settings, [map_settings.incidents_topic]))
    incident = make_incident("<svg onload=alert(1)>", place=place, source=source)
    publish_incidents(map_settings, [incident])
    server = start_map(holding=1)
    browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_CSP_VIOLATIONS}
    )

    browser.get(server.url)
    wait_ready(browser)
    browser.find_element(By.CSS_SELECTOR, f"{INCIDENT_ROWS} button").click()
    wait_detail(browser)

    assert browser.execute_script("return window.__pwned") is None
    assert browser.execute_script("return window.__violations") == []
    assert place in browser.find_element(By.CSS_SELECTOR, INCIDENT_ROWS).text
    assert place in field(browser, "place")
    assert f"{source} A" in field(browser, "sources")
    injected = "#event-list :is(img,script,a,svg), #detail :is(img,script,a,svg)"
    assert browser.find_elements(By.CSS_SELECTOR, injected) == []
    assert console_errors(browser) == []
