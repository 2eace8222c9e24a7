"""Every page of the navigation in a real Chromium, as a reader would look at it: in Thai on a phone and in
English on a desktop. No error, no sideways scroll, every map painted, and a screenshot in
``tests/screenshots/`` for a person to look at.

Thai on the phone: its words run longest and the screen is narrowest (issue 16: nothing may make the page
scroll sideways at 390 px), and the phone's User-Agent gets the phone's map views. The server, the browser
and the tabs are the session's (``tests/conftest.py``), shared with the other browser modules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.harness import navigation_pages, page_path
from bench.onscreen import MAP, open_page, save_screenshot, wait_map_painted
from tests.helpers import no_failures

pytestmark = pytest.mark.browser

# The page's width and how far its content reaches; an element that sticks out makes it scroll sideways.
WIDTHS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const sticking = [...main.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > main.clientWidth + 1);
  return {scroll: main.scrollWidth, width: main.clientWidth,
          first: sticking.slice(0, 3).map(e => `${e.tagName} ${e.dataset.testid || ''}`)};
}"""


@pytest.mark.parametrize(("tab", "lang"), [("phone", "th"), ("desktop", "en")], indirect=["tab"])
@pytest.mark.parametrize("page_file", navigation_pages(), ids=lambda page_file: Path(page_file).stem)
def test_every_page_runs_paints_its_maps_and_is_photographed(tab, app_server, page_file, lang):
    open_page(tab, app_server.url + page_path(page_file), lang)
    expect(tab.get_by_role("dialog"), "no 'Page not found'").to_have_count(0)
    no_failures(tab)
    widths = tab.evaluate(WIDTHS)
    assert widths["scroll"] <= widths["width"], widths
    for index in range(tab.locator(MAP).count()):
        wait_map_painted(tab, index)
    device = "phone_" if lang == "th" else ""
    path = save_screenshot(tab, f"{device}{Path(page_file).stem}_{lang}")
    assert path.stat().st_size > 10_000
