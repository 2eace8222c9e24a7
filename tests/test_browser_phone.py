"""Every page on a phone 390 px wide, in a real Chromium (issue 16, defect 4): nothing makes the page scroll
sideways. Thai, whose words run longest, on a phone's browser (its User-Agent gets the phone's map views).
Screenshots land in ``tests/screenshots/`` for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.harness import SCREENSHOTS, navigation_pages, open_page, page_path

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
}
# The page's width and how far its content reaches; an element that sticks out makes it scroll sideways.
WIDTHS = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const sticking = [...main.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > main.clientWidth + 1);
  return {scroll: main.scrollWidth, width: main.clientWidth,
          first: sticking.slice(0, 3).map(e => `${e.tagName} ${e.dataset.testid || ''}`)};
}"""


@pytest.fixture(scope="module")
def phone(chromium):
    context = chromium.new_context(locale="th-TH", **PHONE)
    context.set_default_timeout(60_000)
    yield context
    context.close()


@pytest.mark.parametrize("page_file", navigation_pages())
def test_no_page_scrolls_sideways_on_a_phone(phone, app_server, page_file):
    page = phone.new_page()
    try:
        open_page(page, f"{app_server.url}{page_path(page_file)}", "th")
        found = page.evaluate(WIDTHS)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"phone_{Path(page_file).stem}_th.png")
    finally:
        page.close()
    assert found["scroll"] <= found["width"], found
