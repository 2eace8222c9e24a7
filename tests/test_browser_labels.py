"""Words Streamlit's own frontend draws, in a real Chromium: the file box's message for a file it refuses, in
Thai (issue 16, defect 8). District names re-placed on a mouse-wheel zoom (defect 3) are the executive
journey's to check (tests/test_browser.py), on the overview it opens anyway.

Streamlit's file box refuses a file over its limit in the browser, before any upload, and says so in
English in a tooltip; the Upload page's CSS writes the reason in the reader's language in the tooltip and
under the box (a phone shows no tooltip).
"""

from __future__ import annotations

import pytest

from bench.harness import SCREENSHOTS, open_page, page_path
from tests.helpers import no_failures
from ui.i18n import t

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 1440])
def test_a_file_over_the_limit_is_refused_in_thai(tab, app_server, tmp_path, width):
    big = tmp_path / "big.csv"
    big.write_bytes(b"quarter\n" + b"a" * 51 * 1024 * 1024)  # over the box's 50 MB
    tab.set_viewport_size({"width": width, "height": 1000})
    open_page(tab, f"{app_server.url}{page_path('pages/upload.py')}", "th")
    tab.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(big)
    chip = tab.locator('[data-testid="stFileChip"][aria-invalid="true"]')
    chip.hover()
    tooltip = tab.locator('[data-testid="stTooltipErrorContent"]')
    tooltip.wait_for()
    shown_in_tooltip = tooltip.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]")
    under_box = tab.locator('[data-testid="stFileUploader"]').evaluate("e => getComputedStyle(e, '::after').content")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / f"upload_refused_th_{width}.png")
    no_failures(tab)
    refused = t("upload.box.refused", "th").format(types="CSV, TSV, TXT, XLSX", mb="50")
    assert shown_in_tooltip == ["0px", f'"{refused}"']  # Streamlit's English at size 0, ours after it
    assert under_box == f'"{refused}"'
