"""The briefing laid out on A4 with fpdf2: text shaped by HarfBuzz in Sarabun, the map drawn in vectors.

Sarabun (the Thai government's document typeface, SIL Open Font Licence)
comes from PyPI (``fontpkg-sarabun``), and fpdf2 shapes text with
``uharfbuzz``, so Thai vowels and tone marks sit where they belong and the
text layer holds real Unicode text: nothing is installed outside pip and
nothing is fetched. Lines break between words (:mod:`etl.briefing.lines`).
Page 1: banner, title, period, headline figures, map; page 2 (when the text
needs it): attention list, gap districts, pilots, sources and methods.
"""

from __future__ import annotations

import fontpkg_sarabun
from fpdf import FPDF

from etl.briefing.content import Briefing
from etl.briefing.lines import wrap
from etl.briefing.map import RIVER, draw_map
from etl.messages import render

__all__ = ["MARGIN", "Sheet", "legend", "render_pdf"]

FONT = "Sarabun"
FONT_FILES = {"": "Sarabun-Regular.ttf", "B": "Sarabun-Bold.ttf"}  # the styles the briefing sets
MARGIN = 12  # mm
INK, GREY, RULE = (25, 25, 25), (90, 90, 90), (200, 200, 200)
BANNER_FILL, BANNER_INK = (255, 236, 179), (110, 60, 0)
LEADING = 1.4  # line height over font size


class Sheet(FPDF):
    """Pages in Sarabun with HarfBuzz shaping and, when the data are the demo's, the synthetic-data banner on
    top of every page; page numbers below when ``numbered``. ``size`` is "A4" or (width, height) in mm."""

    def __init__(self, lang: str, title: str, banner: str | None, size="A4", numbered: bool = True) -> None:
        super().__init__(format=size, unit="mm")
        self.text_lang, self.banner, self.numbered = lang, banner, numbered  # "th" or "en" (FPDF.lang is a tag)
        for style, file in FONT_FILES.items():
            self.add_font(FONT, style, str(fontpkg_sarabun.ROOT / "files" / file))
        self.set_text_shaping(use_shaping_engine=True, script="thai" if lang == "th" else None)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 4)
        self.set_title(title)
        self.set_lang("th-TH" if lang == "th" else "en-GB")
        self.set_creator("python -m etl briefing")
        self.alias_nb_pages()

    @property
    def width(self) -> float:
        return self.w - 2 * MARGIN

    def header(self) -> None:
        if self.banner:
            self.set_font(FONT, "B", 9)
            lines = wrap(self.banner, self.width - 6, self.get_string_width)
            height = len(lines) * 9 * LEADING * 0.3528 + 3
            self.set_fill_color(*BANNER_FILL)
            self.set_draw_color(*BANNER_INK)
            self.set_line_width(0.3)
            self.rect(MARGIN, MARGIN, self.width, height, style="DF")
            self.set_xy(MARGIN + 3, MARGIN + 1.5)
            self.paragraph(self.banner, 9, "B", BANNER_INK, width=self.width - 6)
            self.set_y(MARGIN + height + 3)

    def footer(self) -> None:
        if not self.numbered:
            return
        self.set_y(-MARGIN - 2)
        self.set_font(FONT, "", 7)
        self.set_text_color(*GREY)
        self.cell(self.width / 2, 4, self.title)
        pages = render("briefing.page", self.text_lang, page=self.page_no(), pages="{nb}")
        self.cell(self.width / 2, 4, pages, align="R")

    def paragraph(
        self, text: str, size: float, style: str = "", colour=INK, width: float | None = None, after: float = 0
    ) -> None:
        """``text`` wrapped between words at ``size`` pt from the current position; the cursor goes below it."""
        left, width = self.get_x(), width or self.w - MARGIN - self.get_x()
        self.set_font(FONT, style, size)
        self.set_text_color(*colour)
        for line in wrap(text, width, self.get_string_width):
            self.set_x(left)
            self.cell(width, size * LEADING * 0.3528, line, new_x="LEFT", new_y="NEXT")
        self.set_x(left)
        self.ln(after)
        self.set_x(left)

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - MARGIN - 30:  # a heading never ends a page
            self.add_page()
        self.ln(1.5)
        self.paragraph(text, 11.5, "B", after=0.8)


def _cards(pdf: Sheet, briefing: Briefing) -> None:
    """The six headline figures, three to a row, each with its two changes."""
    gap, per_row = 3, 3
    width = (pdf.width - gap * (per_row - 1)) / per_row
    height = 21
    top = pdf.get_y()
    for at, card in enumerate(briefing.cards):
        x = MARGIN + (at % per_row) * (width + gap)
        y = top + (at // per_row) * (height + gap)
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.3)
        pdf.rect(x, y, width, height)
        pdf.set_xy(x + 2.5, y + 1.2)
        pdf.paragraph(card.label, 8.5, "", GREY, width=width - 5)
        pdf.set_xy(x + 2.5, y + 5.2)
        pdf.paragraph(card.value, 16, "B", width=width - 5)
        pdf.set_xy(x + 2.5, y + 12.6)
        pdf.paragraph(card.vs_previous, 7.5, "", GREY, width=width - 5)
        pdf.set_x(x + 2.5)
        pdf.paragraph(card.vs_year, 7.5, "", GREY, width=width - 5)
    pdf.set_xy(MARGIN, top + 2 * height + gap + 1)
    pdf.paragraph(briefing.compared, 7.5, "", GREY)


def legend(
    pdf: Sheet, x: float, y: float, title: str, entries: list[tuple[tuple[int, int, int], str]], lines_label: str
) -> None:
    """A map's legend at (x, y): its title, one swatch per entry (outlined: "no data" is white), the river."""
    width = 50
    pdf.set_xy(x, y)
    pdf.paragraph(title, 8, "B", width=width)
    for colour, label in entries:
        top = pdf.get_y() + 0.6
        pdf.set_fill_color(*colour)
        pdf.set_draw_color(*GREY)
        pdf.set_line_width(0.2)
        pdf.rect(x, top, 6, 3.6, style="DF")
        pdf.set_xy(x + 8, top - 0.4)
        pdf.paragraph(label, 8, width=width - 8)
    top = pdf.get_y() + 2.4
    pdf.set_draw_color(*RIVER)
    pdf.set_line_width(0.6)
    pdf.line(x, top, x + 6, top)
    pdf.set_xy(x + 8, top - 2.2)
    pdf.paragraph(lines_label, 8, width=width - 8)


def _list(pdf: Sheet, items: list[str], size: float = 9) -> None:
    """Numbered lines, the number hanging in the margin of the text."""
    for at, item in enumerate(items, start=1):
        pdf.set_font(FONT, "", size)
        pdf.set_text_color(*INK)
        pdf.set_x(MARGIN)
        pdf.cell(6, size * LEADING * 0.3528, f"{at}.")
        pdf.paragraph(item, size, after=0.6)


def render_pdf(briefing: Briefing) -> bytes:
    """The briefing as the bytes of a PDF of one or two A4 pages."""
    pdf = Sheet(briefing.lang, briefing.title, briefing.banner)
    pdf.add_page()
    pdf.paragraph(briefing.title, 17, "B")
    pdf.paragraph(briefing.period, 12.5, "B", GREY)
    pdf.paragraph(briefing.calendar, 9, "", GREY, after=2.5)
    _cards(pdf, briefing)
    pdf.heading(briefing.map_title)
    top = pdf.get_y()
    height = draw_map(pdf, briefing.districts, briefing.lines, pdf.width, briefing.inset_title)
    legend(pdf, MARGIN + 2.5, top + 2.5, briefing.legend_title, briefing.legend, briefing.lines_label)
    pdf.set_xy(MARGIN, top + height + 1.5)
    pdf.paragraph(briefing.map_note, 7.5, "", GREY)
    pdf.heading(render("briefing.attention", briefing.lang))
    if briefing.attention:
        _list(pdf, [f"{name}: {reasons}" for name, reasons in briefing.attention])
        pdf.paragraph(briefing.attention_how, 7.5, "", GREY)
    else:
        pdf.paragraph(render("briefing.attention_none", briefing.lang), 9)
    pdf.heading(render("briefing.gaps", briefing.lang))
    for line in briefing.gaps:
        pdf.paragraph(f"• {line}", 9)
    pdf.heading(render("briefing.pilot", briefing.lang))
    pdf.paragraph(briefing.pilot, 9)
    pdf.heading(render("briefing.about", briefing.lang))
    for line in briefing.about:
        pdf.paragraph(line, 7.5, "", GREY, after=1)
    return bytes(pdf.output())
